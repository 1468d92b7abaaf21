// metric-invalid: the exporter refuses or crashes on this definition (distribution without buckets,
// unsorted buckets, bad prometheus_type, invalid label names, duplicate names).
import type { MetricNode } from "../graph/build.js";
import { duplicateMetricNames, type ElixirExporterId } from "../exporters/index.js";
import { at, describeMetric, quoteList, related, type Check, type DraftFinding } from "./check.js";
import { pushAll, pushTo } from "../util/collections.js";

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
          message: `${describeMetric(node.def)} is invalid for ${node.exporterReason ?? "the exporter"}: ${problem}`,
          related: related(node.reporterLoc, "the reporter it is registered with"),
        });
      }
    }
    // Duplicates are judged per reporter: two reporters (two apps of a monorepo, or two children of one
    // app) may legitimately export the same name, each on its own endpoint.
    const byReporter = new Map<string, MetricNode[]>();
    for (const node of graph.metrics) {
      if (!node.exporter || node.def.language !== "elixir") continue;
      const where = node.reporterLoc ? `${node.reporterLoc.file}:${node.reporterLoc.line}` : "";
      pushTo(byReporter, `${node.exporter}\u0000${where}`, node);
    }
    for (const [key, nodes] of byReporter) {
      const exporter = key.split("\u0000")[0] as ElixirExporterId;
      for (const dup of duplicateMetricNames(nodes.map((n) => n.def), exporter)) {
        const name = dup.duplicate.name.join(".");
        const consequence = dup.sameAtomList
          ? "the exporter keeps the first and drops this one with \"Metric name already exists. Dropping measure.\""
          : "both are exported under the same Prometheus name, giving duplicate # TYPE lines that Prometheus rejects";
        findings.push({
          loc: dup.duplicate.loc,
          subject: name,
          message: `Metric ${dup.duplicate.kind}("${name}") has the same exported name as ${describeMetric(dup.first)} at ${at(dup.first.loc)}: ${consequence}; rename one of them.`,
          related: related(dup.first.loc, "the first definition"),
        });
      }
    }
    pushAll(findings, promClientProblems(graph));
    return findings;
  },
};

/** prom-client throws at run time on an undeclared label, a wrong label count, or a second metric of the same name. */
function promClientProblems(graph: Parameters<Check["run"]>[0]): DraftFinding[] {
  const findings: DraftFinding[] = [];
  for (const { use, def } of graph.instrumentUses) {
    const declared = def.instrument?.labelNames;
    if (def.instrument?.library !== "prom-client" || !declared) continue;
    const name = def.name[0]!;
    if (use.positionalLabels !== undefined && use.positionalLabels !== declared.length) {
      findings.push({
        loc: use.loc,
        subject: name,
        message: `\`${name}.labels()\` is called with ${use.positionalLabels} positional values but the metric declares ${declared.length} labelNames (${quoteList(declared)}); prom-client throws "Invalid number of arguments": pass one value per label, in order.`,
        related: related(def.loc, `${describeMetric(def)} declares its labelNames here`),
      });
    }
    for (const key of use.keys ?? []) {
      if (declared.includes(key)) continue;
      findings.push({
        loc: use.loc,
        subject: key,
        message: `${use.method}() on \`${name}\` passes label \`${key}\`, which is not in its labelNames (${declared.length ? quoteList(declared) : "none"}); prom-client throws "Added label \"${key}\" is not included in initial labelset": add it to labelNames or remove it here.`,
        related: related(def.loc, `${describeMetric(def)} declares its labelNames here`),
      });
    }
  }
  // The default registry is per process: duplicates count within one package (the nearest package.json).
  const packages = new Set(graph.files.filter((f) => f === "package.json" || f.endsWith("/package.json")).map((f) => f.slice(0, -"package.json".length)));
  /** The file's nearest folder with a package.json ("" for the root or none), found up its own ancestors. */
  const packageOf = (file: string): string => {
    for (let end = file.lastIndexOf("/"); end >= 0; end = file.lastIndexOf("/", end - 1)) {
      const dir = file.slice(0, end + 1);
      if (packages.has(dir)) return dir;
    }
    return "";
  };
  const seen = new Map<string, MetricNode>();
  for (const node of graph.metrics) {
    if (node.def.instrument?.library !== "prom-client") continue;
    const key = `${packageOf(node.def.loc.file)}\u0000${node.def.name[0]!}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, node);
      continue;
    }
    findings.push({
      loc: node.def.loc,
      subject: node.def.name[0]!,
      message: `${describeMetric(node.def)} has the same name as the one at ${at(first.def.loc)}; registering both in the default registry throws "A metric with the name ${node.def.name[0]} has already been registered": reuse the first or rename one.`,
      related: related(first.def.loc, "the first definition"),
    });
  }
  return findings;
}
