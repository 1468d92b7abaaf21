// metric-unused (off by default): an exported metric that no dashboard or rule reads.
import type { ContractGraph } from "../graph/build.js";
import { compileNamePattern } from "../promql/index.js";
import { related, seriesNamesOf, describeMetric, type Check } from "./check.js";

export const metricUnused: Check = {
  id: "metric-unused",
  defaultSeverity: "off",
  description: "An exported metric that no dashboard panel, variable, annotation or rule reads.",
  run(graph: ContractGraph) {
    // Policy: with no consumers at all, or a consumer file that failed to parse, "unused" would be a guess.
    if (graph.queries.length === 0 || graph.unparsedConsumerFiles.length > 0) return [];
    const exact = new Set<string>();
    const patterns: ((name: string) => boolean)[] = [];
    for (const q of graph.queries) {
      for (const s of q.analysis.selectors) {
        if (s.name) exact.add(s.name);
        else if (s.namePattern) patterns.push(compileNamePattern(s.namePattern));
      }
    }
    return graph.metrics
      .filter((node) => node.def.loc.line > 0 && !node.def.promExPlugin)
      .filter((node) => {
        const names = seriesNamesOf(node);
        return names.length > 0 && !names.some((n) => exact.has(n) || patterns.some((p) => p(n)));
      })
      .map((node) => ({
        loc: node.def.loc,
        subject: node.def.name.join("."),
        message: `${describeMetric(node.def)} is exported as \`${seriesNamesOf(node)[0]}\` but no dashboard or rule reads it; chart or alert on it, or remove it to save cardinality.`,
        related: related(node.reporterLoc, `exported by ${node.exporterReason ?? "the reporter"}`),
      }));
  },
};
