// prom-client (15.1.3): names as given (no suffixes in the text format); histogram `_bucket{le}`,
// `_sum`, `_count`; summary `{quantile}`, `_sum`, `_count`. prom-client throws at construction on an
// invalid metric or label name, and on the reserved `le` (histogram) / `quantile` (summary) labels.
import type { ExportResult, MetricDefinition, Series } from "../model.js";

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function exportPromClient(def: MetricDefinition): ExportResult {
  const name = def.name[0] ?? "";
  const type = def.instrument?.type ?? "Counter";
  const labelNames = def.instrument?.labelNames;
  const labels = labelNames ?? [];
  const invalid: string[] = [];
  if (!METRIC_NAME.test(name)) invalid.push(`"${name}" is not a valid metric name; prom-client throws "Invalid metric name" when it is constructed`);
  for (const label of labels) if (!LABEL_NAME.test(label)) invalid.push(`label "${label}" is not a valid label name; prom-client throws "Invalid label name"`);
  if (type === "Histogram" && labels.includes("le")) invalid.push('"le" is reserved for histogram buckets; prom-client throws');
  if (type === "Summary" && labels.includes("quantile")) invalid.push('"quantile" is reserved for summaries; prom-client throws');
  if (type === "Histogram" && def.buckets.state === "literal" && !def.buckets.values.every((v, i, all) => i === 0 || v > all[i - 1]!)) {
    invalid.push(`buckets [${def.buckets.values.join(", ")}] are not in increasing order`);
  }
  const source = { kind: "metric" as const, metric: def, exporter: "prom-client" };
  const unknown = labelNames === null ? { labelsUnknown: true as const } : {};
  const one = (n: string, t: Series["type"], extra: string[] = []): Series => ({ name: n, type: t, labels: [...labels, ...extra], source, ...unknown });
  let series: Series[];
  switch (type) {
    case "Histogram":
      series = [one(`${name}_bucket`, "histogram", ["le"]), one(`${name}_sum`, "histogram"), one(`${name}_count`, "histogram")];
      break;
    case "Summary":
      series = [one(name, "summary", ["quantile"]), one(`${name}_sum`, "summary"), one(`${name}_count`, "summary")];
      break;
    case "Gauge":
      series = [one(name, "gauge")];
      break;
    default:
      series = [one(name, "counter")];
  }
  return invalid.length ? { series, invalid } : { series };
}

/** prom-client's default metrics (lib/metrics/*.js, Linux), with the labels each carries. */
export const PROM_CLIENT_DEFAULT_METRICS: readonly { name: string; type: Series["type"]; labels: string[] }[] = [
  { name: "process_cpu_user_seconds_total", type: "counter", labels: [] },
  { name: "process_cpu_system_seconds_total", type: "counter", labels: [] },
  { name: "process_cpu_seconds_total", type: "counter", labels: [] },
  { name: "process_start_time_seconds", type: "gauge", labels: [] },
  { name: "process_resident_memory_bytes", type: "gauge", labels: [] },
  { name: "process_virtual_memory_bytes", type: "gauge", labels: [] },
  { name: "process_heap_bytes", type: "gauge", labels: [] },
  { name: "process_open_fds", type: "gauge", labels: [] },
  { name: "process_max_fds", type: "gauge", labels: [] },
  ...["", "min_", "max_", "mean_", "stddev_", "p50_", "p90_", "p99_"].map((p) => ({ name: `nodejs_eventloop_lag_${p}seconds`, type: "gauge" as const, labels: [] })),
  { name: "nodejs_active_resources", type: "gauge", labels: ["type"] },
  { name: "nodejs_active_resources_total", type: "gauge", labels: [] },
  { name: "nodejs_active_handles", type: "gauge", labels: ["type"] },
  { name: "nodejs_active_handles_total", type: "gauge", labels: [] },
  { name: "nodejs_active_requests", type: "gauge", labels: ["type"] },
  { name: "nodejs_active_requests_total", type: "gauge", labels: [] },
  { name: "nodejs_heap_size_total_bytes", type: "gauge", labels: [] },
  { name: "nodejs_heap_size_used_bytes", type: "gauge", labels: [] },
  { name: "nodejs_external_memory_bytes", type: "gauge", labels: [] },
  { name: "nodejs_heap_space_size_total_bytes", type: "gauge", labels: ["space"] },
  { name: "nodejs_heap_space_size_used_bytes", type: "gauge", labels: ["space"] },
  { name: "nodejs_heap_space_size_available_bytes", type: "gauge", labels: ["space"] },
  { name: "nodejs_version_info", type: "gauge", labels: ["version", "major", "minor", "patch"] },
  { name: "nodejs_gc_duration_seconds_bucket", type: "histogram", labels: ["kind", "le"] },
  { name: "nodejs_gc_duration_seconds_sum", type: "histogram", labels: ["kind"] },
  { name: "nodejs_gc_duration_seconds_count", type: "histogram", labels: ["kind"] },
];
