// series-missing: a query reads a series that no metric, recording rule or known external source produces.
import type { Query, Selector } from "../model.js";
import type { ContractGraph, MetricNode } from "../graph/build.js";
import { wouldBeSeries } from "./metric-unsupported.js";
import { Origin, SuggestionIndex, at, describeOrigin, nodeOf, related, describeMetric, type Check, type DraftFinding } from "./check.js";

export const seriesMissing: Check = {
  id: "series-missing",
  defaultSeverity: "error",
  description: "A dashboard panel, variable, annotation or rule that queries a series nothing produces.",
  run(graph) {
    // A tree with no metric definition at all (a dashboards-only repository) has no contract to read
    // against: every query would be "missing". Such trees are checked with `telemetry-drift live`.
    if (graph.metrics.length === 0) return [];
    const dropped = droppedSeries(graph);
    const findings: DraftFinding[] = [];
    let known: Map<string, SuggestionIndex> | undefined;
    const suggestions = new Map<string, string | undefined>(); // the same missing name recurs across dashboards
    for (const query of graph.queries) {
      if (query.analysis.errors.length) continue; // input-unparseable covers it
      const reported = new Set<string>();
      for (const selector of query.analysis.selectors) {
        const name = selector.name;
        if (!name || reported.has(name) || graph.series.has(name) || graph.externalSource(name)) continue;
        reported.add(name);
        known ??= bucketByPrefix([...graph.series.keys()].sort());
        findings.push(finding(graph, query, selector, name, dropped.get(name), known, suggestions));
      }
    }
    return findings;
  },
};

function droppedSeries(graph: ContractGraph): Map<string, MetricNode> {
  const map = new Map<string, MetricNode>();
  for (const node of graph.metrics) if (node.result?.dropped) for (const name of wouldBeSeries(node)) map.set(name, node);
  return map;
}

/** Suggestions only look at names sharing the first four characters: cheap, and typos rarely start there. */
function bucketByPrefix(names: string[]): Map<string, SuggestionIndex> {
  const buckets = new Map<string, string[]>();
  for (const n of names) {
    const list = buckets.get(n.slice(0, 4));
    if (list) list.push(n);
    else buckets.set(n.slice(0, 4), [n]);
  }
  return new Map([...buckets].map(([prefix, list]) => [prefix, new SuggestionIndex(list)]));
}

function finding(graph: ContractGraph, query: Query, selector: Selector, name: string, dropper: MetricNode | undefined, known: Map<string, SuggestionIndex>, suggestions: Map<string, string | undefined>): DraftFinding {
  const who = Origin(query.origin);
  const base = { loc: selector.loc, subject: name, origin: query.origin };
  if (dropper) {
    return {
      ...base,
      message: `${who} queries \`${name}\`, which is never exported: metric ${describeMetric(dropper.def)} at ${at(dropper.def.loc)} is dropped by ${dropper.exporterReason ?? "the exporter"} (${dropper.result!.dropped}); make it a distribution with buckets or change the query.`,
      related: [...related(dropper.def.loc, `${describeMetric(dropper.def)} is dropped`), ...related(dropper.reporterLoc, "the reporter that drops it")],
    };
  }
  const variant = namingVariant(name, graph);
  if (!suggestions.has(name)) suggestions.set(name, variant ?? known.get(name.slice(0, 4))?.closest(name, Math.min(6, Math.max(2, Math.floor(name.length / 4)))));
  const near = suggestions.get(name);
  const nearNode = near ? producerOf(graph, near) : undefined;
  const hint = near
    ? `did you mean \`${near}\`${nearNode ? ` (from ${describeMetric(nearNode.def)} at ${at(nearNode.def.loc)})` : ""}? Fix the query, or`
    : "fix the query, add a metric that exports it, or";
  return {
    ...base,
    ...(variant ? { suggestion: { text: name, replacement: variant } } : {}),
    message: `${who} queries \`${name}\`, which no metric definition, recording rule or known external source produces, so it shows no data; ${hint} list it in \`externalSeries\` if another service exports it.`,
    related: nearNode ? related(nearNode.def.loc, `${describeOrigin(query.origin)}: closest exported series ${near}`) : [],
  };
}

function producerOf(graph: ContractGraph, name: string): MetricNode | undefined {
  const source = graph.series.get(name)?.find((s) => s.source.kind === "metric")?.source;
  if (source?.kind !== "metric") return undefined;
  return nodeOf(graph, source.metric);
}

const UNIT_WORDS = ["seconds", "milliseconds", "microseconds", "nanoseconds", "bytes", "kilobytes", "megabytes", "ratio", "percent", "total", "count"];
const CHILD_SUFFIXES = ["_bucket", "_sum", "_count", ""];

/**
 * The usual naming slips between exporters: a unit word or `_total` that one exporter appends and
 * another does not (`x_seconds_bucket` vs `x_bucket`, `x_total` vs `x`).
 */
function namingVariant(name: string, graph: ContractGraph): string | undefined {
  for (const child of CHILD_SUFFIXES) {
    if (child && !name.endsWith(child)) continue;
    const stem = child ? name.slice(0, -child.length) : name;
    const tokens = stem.split("_");
    const variants = new Set<string>();
    // Drop one unit word anywhere in the stem, or add `_total`, or drop a trailing `_total`.
    tokens.forEach((t, i) => {
      if (UNIT_WORDS.includes(t)) variants.add(tokens.filter((_, j) => j !== i).join("_"));
    });
    variants.add(`${stem}_total`);
    for (const variant of variants) {
      const candidate = `${variant}${child}`;
      if (candidate !== name && graph.series.has(candidate)) return candidate;
    }
  }
  return undefined;
}
