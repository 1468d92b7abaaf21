// The OTLP → Prometheus translation used by the OpenTelemetry Collector's prometheus exporter and by
// Prometheus' OTLP receiver (prometheus/otlptranslator, UnderscoreEscapingWithSuffixes, the default):
// unlike the JS exporter it appends unit words and `_ratio` for unit "1" gauges.
import type { ExportResult, MetricDefinition } from "../model.js";
import { histogramSeries } from "./opentelemetry-prometheus.js";

const UNIT_WORDS: Record<string, string> = {
  d: "days", h: "hours", min: "minutes", s: "seconds", ms: "milliseconds", us: "microseconds", ns: "nanoseconds",
  By: "bytes", KiBy: "kibibytes", MiBy: "mebibytes", GiBy: "gibibytes", TiBy: "tibibytes", KBy: "kilobytes", MBy: "megabytes", GBy: "gigabytes", TBy: "terabytes",
  m: "meters", V: "volts", A: "amperes", J: "joules", W: "watts", g: "grams", Cel: "celsius", Hz: "hertz", "%": "percent",
};
const PER_UNIT: Record<string, string> = { s: "second", m: "minute", h: "hour", d: "day", w: "week", mo: "month", y: "year" };

function unitSuffix(unit: string | undefined): string[] {
  if (!unit) return [];
  const clean = unit.replace(/\{[^}]*\}/g, "").trim();
  if (!clean || clean === "1") return [];
  const [main, per] = clean.split("/");
  const words: string[] = [];
  if (main) words.push(...(UNIT_WORDS[main] ?? main).split(/[^a-zA-Z0-9]+/).filter(Boolean));
  if (per) words.push("per", ...(PER_UNIT[per] ?? UNIT_WORDS[per] ?? per).split(/[^a-zA-Z0-9]+/).filter(Boolean));
  return words;
}

export function otlpPrometheusName(name: string, type: string, unit: string | undefined): string {
  let tokens = name.split(/[^a-zA-Z0-9:]+/).filter(Boolean);
  const monotonic = type === "Counter" || type === "ObservableCounter";
  const gauge = type === "Gauge" || type === "ObservableGauge";
  tokens = tokens.filter((t) => !(monotonic && t === "total") && !(gauge && unit === "1" && t === "ratio"));
  for (const word of unitSuffix(unit)) if (!tokens.includes(word)) tokens.push(word);
  if (gauge && unit === "1") tokens.push("ratio");
  if (monotonic) tokens.push("total");
  let out = tokens.join("_");
  if (/^[0-9]/.test(out)) out = `_${out}`;
  return out;
}

/** Labels: invalid characters become "_", a leading digit gets a "key_" prefix. */
export const otlpLabel = (key: string): string => {
  const out = key.replace(/[^a-zA-Z0-9_]/g, "_");
  return /^[0-9]/.test(out) ? `key_${out}` : out;
};

export function exportOtlp(def: MetricDefinition, attributeKeys: string[] | null): ExportResult {
  const type = def.instrument?.type ?? "Counter";
  const name = otlpPrometheusName(def.name[0] ?? "", type, def.unit);
  const labels = [...new Set((attributeKeys ?? []).map(otlpLabel))];
  const source = { kind: "metric" as const, metric: def, exporter: "OTLP → Prometheus (otlptranslator)" };
  const unknown = attributeKeys === null ? { labelsUnknown: true as const } : {};
  if (type === "Histogram") return { series: histogramSeries(name, labels, source, attributeKeys === null) };
  return { series: [{ name, type: type === "Counter" || type === "ObservableCounter" ? "counter" : "gauge", labels, source, ...unknown }] };
}
