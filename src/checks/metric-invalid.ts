// metric-invalid: the exporter refuses or crashes on this definition (distribution without buckets,
// unsorted buckets, bad prometheus_type, invalid label names, duplicate names).
import type { MetricNode } from "../graph/build.js";
import { duplicateMetricNames } from "../exporters/index.js";
import { at, related, type Check, type DraftFinding } from "./check.js";

export const metricInvalid: Check = {
  id: "metric-invalid",
  defaultSeverity: "error",
  description: "A metric definition the exporter will refuse or crash on (missing or unsorted buckets, duplicate names, invalid labels).",
  run(graph) {
    const findings: DraftFinding[] = [];
    for (const node of graph.metrics) {
      for (const problem of node.result?.invalid ?? []) {
        findings.push({
          loc: node.def.loc,
          subject: node.def.name.join("."),
          message: `Metric ${node.def.kind}("${node.def.name.join(".")}") is invalid for ${node.exporterReason ?? "the exporter"}: ${problem}`,
          related: related(node.reporterLoc, "the reporter it is registered with"),
        });
      }
    }
    // Duplicates are judged per exporter: two reporters may legitimately export the same name.
    const byExporter = new Map<string, MetricNode[]>();
    for (const node of graph.metrics) if (node.exporter) byExporter.set(node.exporter, [...(byExporter.get(node.exporter) ?? []), node]);
    for (const [exporter, nodes] of byExporter) {
      for (const dup of duplicateMetricNames(nodes.map((n) => n.def), exporter as MetricNode["exporter"] & string)) {
        const name = dup.duplicate.name.join(".");
        const consequence = dup.sameAtomList
          ? "the exporter keeps the first and drops this one with \"Metric name already exists. Dropping measure.\""
          : "both are exported under the same Prometheus name, giving duplicate # TYPE lines that Prometheus rejects";
        findings.push({
          loc: dup.duplicate.loc,
          subject: name,
          message: `Metric ${dup.duplicate.kind}("${name}") has the same exported name as ${dup.first.kind}("${dup.first.name.join(".")}") at ${at(dup.first.loc)}: ${consequence}; rename one of them.`,
          related: related(dup.first.loc, "the first definition"),
        });
      }
    }
    return findings;
  },
};
