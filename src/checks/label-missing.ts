// label-missing: a query filters or groups by a label the series never carries.
import type { LabelMatcher, Query, Selector, Series } from "../model.js";
import { canTell, compileNamePattern } from "../promql/index.js";
import { Origin, at, quoteList, related, describeMetric, type Check, type DraftFinding } from "./check.js";

export const labelMissing: Check = {
  id: "label-missing",
  defaultSeverity: "error",
  description: "A query that filters or groups by a label the series never carries.",
  run(graph) {
    const findings: DraftFinding[] = [];
    // A series name recurs across queries, and its producers can be many (one per package): once per name.
    const labelsOf = new Map<string, Set<string> | undefined>();
    const labelsOfSeries = (name: string): Set<string> | undefined => {
      if (!labelsOf.has(name)) labelsOf.set(name, knownLabels(graph.series.get(name)));
      return labelsOf.get(name);
    };
    for (const query of graph.queries) {
      if (query.analysis.errors.length) continue;
      const created = new Set(query.analysis.labelsCreated);
      const reported = new Set<string>();
      for (const selector of query.analysis.selectors) {
        if (!selector.name) continue;
        const labels = labelsOfSeries(selector.name);
        if (!labels) continue;
        for (const { label, how } of labelsRead(selector)) {
          if (labels.has(label) || graph.targetLabels.has(label) || created.has(label)) continue;
          const key = `${selector.name}\u0000${label}`;
          if (reported.has(key)) continue;
          reported.add(key);
          findings.push(finding(query, selector, label, how, graph.series.get(selector.name)!, labels));
        }
      }
    }
    return findings;
  },
};

/** Label names carried by every producer of a series, or undefined when any producer's labels are unknown. */
function knownLabels(series: Series[] | undefined): Set<string> | undefined {
  if (!series?.length) return undefined;
  const labels = new Set<string>();
  for (const s of series) {
    if (s.source.kind !== "metric" || s.labelsUnknown) return undefined;
    for (const l of s.labels) labels.add(l);
  }
  return labels;
}

/** Labels a selector needs: matchers that cannot match an absent label, plus grouping/joining labels. */
function labelsRead(selector: Selector): { label: string; how: string }[] {
  const out: { label: string; how: string }[] = [];
  for (const m of selector.matchers) {
    if (m.label === "__name__" || matchesEmpty(m)) continue;
    out.push({ label: m.label, how: `filters on \`${m.label}${m.op}"${m.shown ?? m.value}"\`` });
  }
  for (const label of selector.labelsUsed) out.push({ label, how: `groups or joins on \`${label}\`` });
  return out;
}

/**
 * `{l=""}`, `{l!="x"}`, `{l=~".*"}` also match series without the label: not a drift. A regex RE2
 * rejects might too, as far as we can tell: never an alarm.
 */
function matchesEmpty(m: LabelMatcher): boolean {
  if ((m.op === "=~" || m.op === "!~") && !canTell(m.value)) return true;
  switch (m.op) {
    case "=":
      return m.value === "";
    case "!=":
      return m.value !== "";
    case "=~":
      return compileNamePattern(m.value)("");
    case "!~":
      return !compileNamePattern(m.value)("");
  }
}

function finding(query: Query, selector: Selector, label: string, how: string, series: Series[], labels: Set<string>): DraftFinding {
  const producer = series.find((s) => s.source.kind === "metric")?.source;
  const metric = producer?.kind === "metric" ? producer.metric : undefined;
  const carried = [...labels].sort();
  const fix = metric?.instrument
    ? metric.instrument.library === "prom-client"
      ? `add \`${label}\` to the labelNames of ${describeMetric(metric)} at ${at(metric.loc)} and pass it where it is recorded, or fix the query`
      : `pass \`${label}\` in the attributes where ${describeMetric(metric)} (${at(metric.loc)}) is recorded, or fix the query`
    : metric?.promExPlugin
    ? `PromEx plugin ${metric.promExPlugin} does not export \`${label}\`: fix the query`
    : metric
    ? `add \`${label}\` to the tags of ${describeMetric(metric)} at ${at(metric.loc)} (and pass it in the event metadata), or fix the query`
    : "fix the query";
  return {
    loc: selector.loc,
    subject: label,
    origin: query.origin,
    message: `${Origin(query.origin)} ${how} of \`${selector.name}\`, but that series ${carried.length ? `only carries ${quoteList(carried)}` : "carries no labels"} (plus target labels like job/instance), so it matches nothing; ${fix}.`,
    related: metric ? related(metric.loc, `${describeMetric(metric)} defines the labels of ${selector.name}`) : [],
  };
}
