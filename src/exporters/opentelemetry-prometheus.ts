// @opentelemetry/exporter-prometheus (0.223.0, PrometheusSerializer.ts): how an instrument becomes
// series. Names: every character outside [a-zA-Z0-9_] becomes "_", runs of "_" collapse, a prefix option
// is prepended with "_", a leading digit gets "_"; `_total` only for monotonic sums (Counter,
// ObservableCounter). No unit suffix (the spec says add one; this exporter does not — its source wins).
// Labels: attribute keys through the same sanitiser, plus otel_scope_name/otel_scope_version.
import type { ExportResult, MetricDefinition, Series, SeriesType } from "../model.js";

export interface OtelPrometheusOptions {
  prefix?: string;
  withoutScopeInfo?: boolean;
}

export const sanitizeOtelName = (name: string): string => name.replace(/[^a-z0-9_]/gi, "_").replace(/_{2,}/g, "_");

const MONOTONIC = new Set(["Counter", "ObservableCounter"]);
const TYPES: Record<string, SeriesType> = {
  Counter: "counter",
  ObservableCounter: "counter",
  UpDownCounter: "gauge",
  ObservableUpDownCounter: "gauge",
  Gauge: "gauge",
  ObservableGauge: "gauge",
  Histogram: "histogram",
};

/** The exported family name, or undefined when the exporter drops it (an empty or "_" name). */
export function otelPrometheusName(name: string, type: string, options: OtelPrometheusOptions = {}): string | undefined {
  let out = sanitizeOtelName(name);
  if (options.prefix) out = `${options.prefix}_${out}`;
  if (out === "" || out === "_") return undefined;
  if (/^[0-9]/.test(out)) out = `_${out}`;
  if (MONOTONIC.has(type) && !out.endsWith("_total")) out += "_total";
  return out;
}

/** Attribute keys as labels: sanitised, leading digits left alone (as the exporter does). */
export const otelLabel = (key: string): string => sanitizeOtelName(key);

export function exportOtelPrometheus(def: MetricDefinition, attributeKeys: string[] | null, options: OtelPrometheusOptions = {}): ExportResult {
  const type = def.instrument?.type ?? "Counter";
  const name = otelPrometheusName(def.name[0] ?? "", type, options);
  if (name === undefined) return { series: [], dropped: `the name "${def.name[0]}" sanitises to nothing, and the exporter drops it with diag.error` };
  const scope: string[] = options.withoutScopeInfo ? [] : ["otel_scope_name", ...(def.instrument?.meter?.version ? ["otel_scope_version"] : [])];
  const labels = [...new Set([...(attributeKeys ?? []).map(otelLabel), ...scope])];
  const source = { kind: "metric" as const, metric: def, exporter: "@opentelemetry/exporter-prometheus" };
  const unknown = attributeKeys === null ? { labelsUnknown: true as const } : {};
  const seriesType = TYPES[type] ?? "untyped";
  if (seriesType === "histogram") return { series: histogramSeries(name, labels, source, attributeKeys === null) };
  const series: Series = { name, type: seriesType, labels, source, ...unknown };
  return { series: [series] };
}

/** An explicit-bucket histogram's three series, in the order the OpenTelemetry exporters write them. */
export function histogramSeries(name: string, labels: string[], source: Series["source"], labelsUnknown: boolean): Series[] {
  const unknown = labelsUnknown ? { labelsUnknown: true as const } : {};
  return [
    { name: `${name}_count`, type: "histogram", labels, source, ...unknown },
    { name: `${name}_sum`, type: "histogram", labels, source, ...unknown },
    { name: `${name}_bucket`, type: "histogram", labels: [...labels, "le"], source, ...unknown },
  ];
}
