// metric-unused (off by default): an exported metric that no dashboard or rule reads.
import type { ContractGraph } from "../graph/build.js";
import { canTell, compileNamePattern, literalPrefix } from "../promql/index.js";
import { firstAtOrAfter, related, seriesNamesOf, describeMetric, type Check } from "./check.js";

export const metricUnused: Check = {
  id: "metric-unused",
  defaultSeverity: "off",
  description: "An exported metric that no dashboard panel, variable, annotation or rule reads.",
  run(graph: ContractGraph) {
    // Policy: with no consumers at all, or a consumer file that failed to parse, "unused" would be a guess.
    if (graph.queries.length === 0 || graph.unparsedConsumerFiles.length > 0) return [];
    const exact = new Set<string>();
    const patterns = new Set<string>(); // dashboards repeat a pattern: each distinct one is tested once
    for (const q of graph.queries) {
      for (const s of q.analysis.selectors) {
        if (s.name) exact.add(s.name);
        else if (s.namePattern) patterns.add(s.namePattern);
      }
    }
    const read = namesRead(graph, exact, patterns);
    return graph.metrics
      .filter((node) => node.def.loc.line > 0 && !node.def.promExPlugin)
      .filter((node) => {
        const names = seriesNamesOf(node);
        return names.length > 0 && !names.some((n) => read(n));
      })
      .map((node) => ({
        loc: node.def.loc,
        subject: node.def.name.join("."),
        message: `${describeMetric(node.def)} is exported as \`${seriesNamesOf(node)[0]}\` but no dashboard or rule reads it; chart or alert on it, or remove it to save cardinality.`,
        related: related(node.reporterLoc, `exported by ${node.exporterReason ?? "the reporter"}`),
      }));
  },
};

/**
 * Whether a query reads a series name: by name, or by a `__name__` pattern. A pattern is tested only
 * against the exported names in its literal prefix's range (sorted), so N patterns over N names cost
 * what their ranges hold, not N × N; a pattern RE2 rejects might read anything.
 */
function namesRead(graph: ContractGraph, exact: ReadonlySet<string>, patterns: ReadonlySet<string>): (name: string) => boolean {
  if ([...patterns].some((p) => !canTell(p))) return () => true;
  const names = [...new Set(graph.metrics.flatMap((node) => seriesNamesOf(node)))].filter((n) => !exact.has(n)).sort();
  const matched = new Set<string>();
  for (const pattern of patterns) {
    const matches = compileNamePattern(pattern);
    const prefix = literalPrefix(pattern);
    for (let i = firstAtOrAfter(names, prefix); i < names.length && names[i]!.startsWith(prefix); i++) {
      if (!matched.has(names[i]!) && matches(names[i]!)) matched.add(names[i]!);
    }
  }
  return (name) => exact.has(name) || matched.has(name);
}
