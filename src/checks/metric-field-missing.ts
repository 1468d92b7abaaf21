// metric-field-missing: a tag or measurement the metric reads is absent from every literal emit site of
// its event. TelemetryMetricsPrometheus.Core skips such events silently (debug log only).
import { dotted, type EmitSite } from "../model.js";
import type { MetricNode } from "../graph/build.js";
import { plural, quoteList, related, type Check, type DraftFinding } from "./check.js";

export const metricFieldMissing: Check = {
  id: "metric-field-missing",
  defaultSeverity: "warning",
  description: "A tag or measurement a metric reads that no literal emit site of its event provides.",
  run(graph) {
    const findings: DraftFinding[] = [];
    for (const node of graph.metrics) {
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
    message: `Metric ${def.kind}("${def.name.join(".")}") reads ${what} \`${key}\`, but none of the ${plural(emits.length, "emit site")} of \`${event}\` passes it (${field}: ${passed.length ? quoteList(passed) : "none"}); ${effect}: ${fix}.`,
    related: emits.slice(0, 5).flatMap((e) => related(e.loc, `emits ${event} ${e.note ?? ""}`.trim())),
  };
}
