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
    // Many metrics read one event, which many sites emit: its sites' keys are gathered once per event.
    const sitesOf = new Map<string, EventSites>();
    for (const node of graph.metrics) {
      if (node.def.instrument) continue;
      const eventKey = node.def.event.map((s) => s ?? "\u0001").join("\u0000");
      let sites = sitesOf.get(eventKey);
      if (!sites) sitesOf.set(eventKey, (sites = eventSites(graph.emitIndex.lookup(node.def.event))));
      if (sites.emits.length === 0) continue; // metric-no-emitter covers it
      const { def } = node;
      // Core never reads a counter's measurement: counting works without it.
      if (def.kind !== "counter" && def.measurement !== null && missingEverywhere(sites.measurements, def.measurement)) findings.push(fieldFinding(node, "measurement", def.measurement, sites));
      for (const tag of def.tags ?? []) if (missingEverywhere(sites.metadata, tag)) findings.push(fieldFinding(node, "tag", tag, sites));
    }
    return findings;
  },
};

/** An event's emit sites, with the keys they pass in each field: every key, or null when a site's are unknown. */
interface EventSites {
  emits: EmitSite[];
  measurements: Set<string> | null;
  metadata: Set<string> | null;
  /** Each field's keys as a message quotes them, made once. */
  listed: { measurements?: string; metadata?: string };
}

function eventSites(emits: EmitSite[]): EventSites {
  const passed = (field: "measurements" | "metadata"): Set<string> | null => {
    const keys = new Set<string>();
    for (const e of emits) {
      if (e.keys[field] === null) return null;
      for (const key of e.keys[field]!) keys.add(key);
    }
    return keys;
  };
  return { emits, measurements: passed("measurements"), metadata: passed("metadata"), listed: {} };
}

/** Whether every emit site passes a literal key set lacking `key`. */
const missingEverywhere = (passed: Set<string> | null, key: string): boolean => passed !== null && !passed.has(key);

/** Keys quoted in a message: an event with hundreds would make one message of them. */
const KEYS_LISTED = 20;

function listKeys(keys: Set<string>): string {
  const sorted = [...keys].sort();
  if (sorted.length === 0) return "none";
  const more = sorted.length - KEYS_LISTED;
  return more > 0 ? `${quoteList(sorted.slice(0, KEYS_LISTED))} and ${more} more` : quoteList(sorted);
}

function fieldFinding(node: MetricNode, what: "measurement" | "tag", key: string, sites: EventSites): DraftFinding {
  const { def } = node;
  const { emits } = sites;
  const event = dotted(def.event);
  const field = what === "measurement" ? "measurements" : "metadata";
  const passed = (sites.listed[field] ??= listKeys(sites[field]!));
  const effect =
    what === "measurement"
      ? "the reporter skips every event without it, so the metric stays empty"
      : "the reporter skips events whose metadata lacks a tag, so the metric stays empty";
  const fix = what === "measurement" ? `pass \`${key}\` in the measurements map or change \`measurement:\`` : `add \`${key}\` to the event metadata or remove it from \`tags:\``;
  return {
    loc: def.loc,
    subject: key,
    message: `${describeMetric(def)} reads ${what} \`${key}\`, but none of the ${plural(emits.length, "emit site")} of \`${event}\` passes it (${field}: ${passed}); ${effect}: ${fix}.`,
    related: emits.slice(0, 5).flatMap((e) => related(e.loc, `emits ${event} ${e.note ?? ""}`.trim())),
  };
}
