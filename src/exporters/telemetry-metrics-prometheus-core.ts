// TelemetryMetricsPrometheus.Core: how a Telemetry.Metrics definition becomes Prometheus series.
// Read from beam-telemetry/telemetry_metrics_prometheus_core 1.2.1 (lib/core/exporter.ex format_name/1,
// registry.ex register_metric/2, aggregator.ex). The Plug wrapper (TelemetryMetricsPrometheus) and
// PromEx's default storage use the same code, so they share these rules.
import type { ExportResult, MetricDefinition, Series, SeriesType } from "../model.js";

/**
 * `format_name/1`: segments joined with "_", every byte outside [a-zA-Z0-9_] deleted (bytewise, so
 * "μ" disappears), then leading non-letters stripped. No prefix, no unit suffix, no `_total`, no lower-casing.
 */
export function coreMetricName(name: readonly string[]): string {
  return name
    .join("_")
    .replace(/[^a-zA-Z0-9_]/g, "")
    .replace(/^[^a-zA-Z]+/, "");
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Elixir's `to_string/1` of a float (Erlang's shortest round-trip form): the shorter of the fixed
 * ("0.001", "100.0") and scientific ("1.0e-5", "1.5e3") spellings, fixed on a tie.
 */
export function elixirFloatString(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const sign = value < 0 ? "-" : "";
  const [mantissa, expText] = Math.abs(value).toExponential().split("e") as [string, string];
  const exp = Number(expText);
  const digits = mantissa.replace(".", "");
  const scientific = `${digits[0]}.${digits.slice(1) || "0"}e${exp}`;
  let fixed: string;
  if (exp >= 0) {
    const whole = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
    fixed = `${whole}.${digits.slice(exp + 1) || "0"}`;
  } else {
    fixed = `0.${"0".repeat(-exp - 1)}${digits}`;
  }
  return sign + (scientific.length < fixed.length ? scientific : fixed);
}

export interface CoreOptions {
  /** The name used in messages, e.g. "TelemetryMetricsPrometheus.Core". */
  exporterName: string;
  /** Peep keeps `prometheus_type` on last_value and writes every `le` as a float. */
  peep?: boolean;
}

export function exportWithCoreRules(def: MetricDefinition, options: CoreOptions): ExportResult {
  const base = coreMetricName(def.name);
  const exporter = options.exporterName;
  if (def.kind === "summary") {
    const warning = options.peep
      ? "Peep logs \"The summary metric type is unsupported. Dropping …\""
      : "Core logs \"Metric type summary is unsupported. Dropping measure.\"";
    return { series: [], dropped: `summary is not supported, ${warning}` };
  }
  const invalid: string[] = [];
  const tags = def.tags;
  for (const tag of tags ?? []) {
    if (!LABEL_NAME.test(tag)) invalid.push(`tag \`${tag}\` is not a valid Prometheus label name; the exporter writes it unsanitised and Prometheus rejects the scrape`);
  }
  if (base === "") invalid.push(`the name "${def.name.join(".")}" sanitises to an empty Prometheus name`);
  const labels = tags ?? [];
  const labelsUnknown = tags === null ? { labelsUnknown: true as const } : {};
  const source = { kind: "metric" as const, metric: def, exporter };
  const one = (name: string, type: SeriesType, extra: string[] = []): Series => ({ name, type, labels: [...labels, ...extra], source, ...labelsUnknown });

  switch (def.kind) {
    case "counter":
      return finish([one(base, "counter")], invalid);
    case "sum": {
      const type = def.prometheusType;
      if (type !== undefined && type !== "counter" && type !== "gauge") {
        invalid.push(`reporter_options prometheus_type must be the atom :counter or :gauge, got ${type} (validate_prometheus_type!/1 raises ArgumentError)`);
      }
      return finish([one(base, type === "gauge" ? "gauge" : "counter")], invalid);
    }
    case "last_value": {
      const type: SeriesType = options.peep && def.prometheusType === "counter" ? "counter" : "gauge";
      return finish([one(base, type)], invalid);
    }
    case "distribution": {
      const buckets = def.buckets;
      if (buckets.state === "missing") {
        invalid.push(
          options.peep
            ? "distribution has no reporter_options buckets; PromEx needs them to build the Peep bucket module"
            : "distribution has no reporter_options: [buckets: …]; the registry raises ArgumentError and the reporter process crashes",
        );
      } else if (buckets.state === "literal") {
        if (buckets.values.length === 0) invalid.push("buckets must not be empty (ArgumentError)");
        else if (!isStrictlyAscending(buckets.values)) invalid.push(`buckets [${buckets.values.join(", ")}] are not in ascending order (ArgumentError)`);
      }
      return finish([one(`${base}_bucket`, "histogram", ["le"]), one(`${base}_sum`, "histogram"), one(`${base}_count`, "histogram")], invalid);
    }
  }
}

function finish(series: Series[], invalid: string[]): ExportResult {
  return invalid.length ? { series, invalid } : { series };
}

const isStrictlyAscending = (values: readonly number[]): boolean => values.every((v, i) => i === 0 || v > values[i - 1]!);

/** `le` values as Core writes them (`500`, `1.0`, `1.0e-5`) or Peep does (always floats: `500.0`). */
export function leValues(bounds: readonly number[], peep: boolean): string[] {
  return [...bounds.map((b) => (peep ? elixirFloatString(b) : Number.isInteger(b) ? String(b) : elixirFloatString(b))), "+Inf"];
}
