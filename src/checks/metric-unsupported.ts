// metric-unsupported: the configured exporter silently drops this metric (e.g. summary on TelemetryMetricsPrometheus.Core).
import { coreMetricName } from "../exporters/index.js";
import type { ContractGraph, MetricNode } from "../graph/build.js";
import { readersRelated, related, describeMetric, type Check } from "./check.js";

/** Names a dashboard might use for a dropped metric: the base name and the histogram/summary children. */
export function wouldBeSeries(node: MetricNode): string[] {
  const base = coreMetricName(node.def.name);
  return [base, `${base}_sum`, `${base}_count`, `${base}_bucket`];
}

export const metricUnsupported: Check = {
  id: "metric-unsupported",
  defaultSeverity: "error",
  description: "A metric the configured Prometheus exporter silently drops (e.g. summary on TelemetryMetricsPrometheus.Core).",
  run(graph: ContractGraph) {
    return graph.metrics
      .filter((node) => node.result?.dropped)
      .map((node) => {
        const names = new Set(wouldBeSeries(node));
        const base = coreMetricName(node.def.name);
        return {
          loc: node.def.loc,
          subject: node.def.name.join("."),
          message: `${describeMetric(node.def)} is dropped by ${node.exporterReason ?? "the exporter"}: ${node.result!.dropped}; \`${base}\` is never exported. ${fixFor(node)}`,
          related: [...related(node.reporterLoc, `the reporter that drops it`), ...readersRelated(graph, names)],
        };
      });
  },
};

function fixFor(node: MetricNode): string {
  if (node.def.kind === "summary") {
    return `Use distribution("${node.def.name.join(".")}", reporter_options: [buckets: [...]]) to get a histogram (${coreMetricName(node.def.name)}_bucket/_sum/_count).`;
  }
  return "Change the metric type to one the exporter supports.";
}
