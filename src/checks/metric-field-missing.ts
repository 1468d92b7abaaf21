// metric-field-missing: a tag or measurement the metric reads is absent from every literal emit site of
// its event. TelemetryMetricsPrometheus.Core skips such events silently (debug log only).
import { dotted, type EmitSite } from "../model.js";
import type { MetricNode } from "../graph/build.js";
import { describeMetric, plural, quoteList, related, type Check, type DraftFinding } from "./check.js";

export const metricFieldMissing: Check = {
  id: "metric-field-missing",
  defaultSeverity: "warning",
  description: "A tag or measurement a metric reads that no literal emit site of its event provides.",
  run(graph) {
    const findings: DraftFinding[] = [];
    // prom-client: a record site that leaves out a declared label exports a series without it.
    for (const { use, def } of graph.instrumentUses) {
      const declared = def.instrument?.labelNames;
      if (def.instrument?.library !== "prom-client" || !declared || use.keys === null || use.method === "escape") continue;
      if (use.method === "startTimer" || use.method === "remove" || use.method === "reset") continue;
      const missing = declared.filter((l) => !use.keys!.includes(l));
      if (missing.length === 0) continue;
      findings.push({
        loc: use.loc,
        subject: missing.join(","),
        message: `${use.method}() on \`${def.name[0]}\` omits declared label${missing.length > 1 ? "s" : ""} ${quoteList(missing)}, so it records a series where ${missing.length > 1 ? "they are" : "it is"} empty and queries filtering on ${missing.length > 1 ? "them" : "it"} miss it; pass every label in labelNames.`,
        related: related(def.loc, `${describeMetric(def)} declares labelNames ${quoteList(declared)}`),
      });
    }
    for (const node of graph.metrics) {
      if (node.def.instrument) continue;
      const emits = graph.emitIndex.lookup(node.def.event);
      if (emits.length === 0) continue; // metric-no-emitter covers it
      const { def } = node;
      // Core never reads a counter's measurement: counting works without it.
      if (def.kind !== "counter" && def.measurement !== null) {
        const missing = missingEverywhere(emits, "measurements", def.measurement);
        if (missing) findings.push(fieldFinding(node, "measurement", def.measurement, missing));
      }
      for (const tag of def.tags ?? []) {
        const missing = missingEverywhere(emits, "metadata", tag);
        if (missing) findings.push(fieldFinding(node, "tag", tag, missing));
      }
    }
    return findings;
  },
};

/** The emit sites, when every one of them passes a literal key set lacking `key`; otherwise undefined. */
function missingEverywhere(emits: EmitSite[], field: "measurements" | "metadata", key: string): EmitSite[] | undefined {
  if (emits.some((e) => e.keys[field] === null || e.keys[field]!.includes(key))) return undefined;
  return emits;
}

function fieldFinding(node: MetricNode, what: "measurement" | "tag", key: string, emits: EmitSite[]): DraftFinding {
  const { def } = node;
  const event = dotted(def.event);
  const field = what === "measurement" ? "measurements" : "metadata";
  const passed = [...new Set(emits.flatMap((e) => e.keys[field] ?? []))].sort();
  const effect =
    what === "measurement"
      ? "the reporter skips every event without it, so the metric stays empty"
      : "the reporter skips events whose metadata lacks a tag, so the metric stays empty";
  const fix = what === "measurement" ? `pass \`${key}\` in the measurements map or change \`measurement:\`` : `add \`${key}\` to the event metadata or remove it from \`tags:\``;
  return {
    loc: def.loc,
    subject: key,
    message: `${describeMetric(def)} reads ${what} \`${key}\`, but none of the ${plural(emits.length, "emit site")} of \`${event}\` passes it (${field}: ${passed.length ? quoteList(passed) : "none"}); ${effect}: ${fix}.`,
    related: emits.slice(0, 5).flatMap((e) => related(e.loc, `emits ${event} ${e.note ?? ""}`.trim())),
  };
}
