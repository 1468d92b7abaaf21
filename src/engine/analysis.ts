// Facts → contract graph → checks → suppressions → the report, and the inventory behind `--list`. Pure
// and synchronous; loaded on demand, so a run whose report comes from the cache never loads the checks.
import { readFileSync } from "node:fs";
import { isSafeRelativePath } from "../util/fs.js";
import { resolve } from "node:path";
import { parse as parseJson } from "@humanwhocodes/momoa";
import type { Finding, FileFacts, Location, MetricDefinition, Severity } from "../model.js";
import { dotted } from "../model.js";
import type { LoadedConfig } from "../config/config.js";
import { buildGraph, type ContractGraph } from "../graph/build.js";
import { CHECKS, SUPPRESSION_UNUSED, type RuleId } from "../checks/index.js";
import { describeMetric, describeOrigin, plural } from "../checks/check.js";
import { compareFindings, type Inventory, type Report } from "../report/report.js";
import { applySuppressions, type RuledFinding } from "./suppress.js";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";

export interface Analysis {
  report: Report;
  graph: ContractGraph;
  config: LoadedConfig;
  facts: FileFacts[];
  /** Why an existing fact cache was ignored (corrupt, other format), for a notice. */
  cacheDiscarded?: string;
}

/** Facts → graph → checks → suppressions → the report. Pure and synchronous. */
export function analyzeFacts(root: string, facts: FileFacts[], loaded: LoadedConfig, ruleOverrides?: Record<string, Severity | "off">): Analysis {
  const config = loaded.config;
  const graph = buildGraph(facts, config);
  const severities = { ...(config.rules ?? {}), ...(ruleOverrides ?? {}) };
  const severityOf = (rule: RuleId, fallback: Severity | "off"): Severity | "off" => severities[rule] ?? fallback;

  const ruled: RuledFinding[] = [];
  for (const check of CHECKS) {
    if (severityOf(check.id, check.defaultSeverity) === "off") continue;
    for (const draft of check.run(graph)) ruled.push({ ...draft, rule: check.id });
  }
  const suppression = applySuppressions(ruled, graph.suppressions, config.ignore ?? [], ignoreEntryLocations(root, loaded));
  if (severityOf(SUPPRESSION_UNUSED.id, SUPPRESSION_UNUSED.defaultSeverity) !== "off") {
    for (const stale of suppression.stale) suppression.kept.push({ ...stale, rule: SUPPRESSION_UNUSED.id });
  }

  const defaults = new Map<string, Severity | "off">([...CHECKS.map((c) => [c.id, c.defaultSeverity] as const), [SUPPRESSION_UNUSED.id, SUPPRESSION_UNUSED.defaultSeverity]]);
  // Facts only ever place findings in the root; a path out of it can only come from a crafted fact
  // cache in the tree (see cache.ts), and is not reported.
  const inRoot = suppression.kept.filter((f) => isSafeRelativePath(f.loc.file) && f.related.every((r) => isSafeRelativePath(r.file)));
  const findings: Finding[] = inRoot.map((f) => {
    const severity = severityOf(f.rule, defaults.get(f.rule) ?? "warning");
    return {
      rule: f.rule,
      severity: severity === "off" ? "info" : severity,
      message: f.message,
      file: f.loc.file,
      line: f.loc.line,
      column: f.loc.column,
      ...(f.loc.endLine !== undefined ? { endLine: f.loc.endLine } : {}),
      ...(f.loc.endColumn !== undefined ? { endColumn: f.loc.endColumn } : {}),
      subject: f.subject,
      related: f.related,
      ...(f.suggestion ? { suggestion: f.suggestion } : {}),
    };
  });
  findings.sort(compareFindings);
  dedupe(findings);

  const report: Report = {
    version: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    root: ".",
    findings,
    summary: {
      error: findings.filter((f) => f.severity === "error").length,
      warning: findings.filter((f) => f.severity === "warning").length,
      info: findings.filter((f) => f.severity === "info").length,
    },
    inventory: {
      files: facts.length,
      events: new Set(graph.sourceEmits.filter((e) => e.event[0] !== "instrument").map((e) => dotted(e.event)).concat(graph.declarations.map((d) => dotted(d.event)))).size,
      metrics: graph.metrics.length,
      series: graph.series.size,
      queries: graph.queries.length,
    },
  };
  return { report, graph, config: loaded, facts };
}

/** The same rule, place and subject twice (e.g. one selector read twice) is one finding. */
function dedupe(findings: Finding[]): void {
  let write = 0;
  for (let read = 0; read < findings.length; read++) {
    const f = findings[read]!;
    const prev = findings[write - 1];
    if (prev && prev.file === f.file && prev.line === f.line && prev.column === f.column && prev.rule === f.rule && prev.subject === f.subject && prev.message === f.message) continue;
    findings[write++] = f;
  }
  findings.length = write;
}

/** Locations of the config's `ignore` entries, so a stale entry is reported at its own line. */
function ignoreEntryLocations(root: string, loaded: LoadedConfig): Location[] {
  if (!loaded.file || !loaded.config.ignore?.length) return [];
  try {
    const doc = parseJson(readFileSync(resolve(root, loaded.file), "utf8"));
    let container = doc.body;
    if (loaded.file === "package.json" && container.type === "Object") {
      const member = container.members.find((m) => m.name.type === "String" && m.name.value === "telemetryDrift");
      if (member) container = member.value;
    }
    if (container.type !== "Object") return [];
    const list = container.members.find((m) => m.name.type === "String" && m.name.value === "ignore")?.value;
    if (list?.type !== "Array") return [];
    return list.elements.map((e) => ({ file: loaded.file!, line: e.value.loc.start.line, column: e.value.loc.start.column }));
  } catch {
    return [];
  }
}

/** The inventory behind `--list`. */
export function buildInventory(graph: ContractGraph): Inventory {
  const events = new Map<string, Inventory["events"][number]>();
  const eventEntry = (name: string) => {
    let entry = events.get(name);
    if (!entry) events.set(name, (entry = { name, emits: [], declarations: [], consumers: [] }));
    return entry;
  };
  for (const e of graph.emits) {
    if (e.event[0] === "instrument") continue; // record sites of TS instruments are listed with the metric
    const entry = eventEntry(dotted(e.event));
    if (e.via === "library") entry.library ??= e.note ?? "library";
    else entry.emits.push(e.loc);
  }
  for (const d of graph.declarations) eventEntry(dotted(d.event)).declarations.push(d.loc);
  for (const m of graph.metrics) if (!m.def.instrument) eventEntry(dotted(m.def.event)).consumers.push(m.def.loc);
  for (const h of graph.handlers) for (const ev of h.events) eventEntry(dotted(ev)).consumers.push(h.loc);
  const library = [...events.values()].filter((e) => e.library && e.emits.length === 0 && e.consumers.length === 0 && e.declarations.length === 0);
  for (const e of library) events.delete(e.name); // library events nobody mentions are noise in an inventory
  const series: Inventory["series"] = [];
  for (const [name, list] of graph.series) {
    for (const s of list) {
      const source =
        s.source.kind === "metric"
          ? `${describeMetric(s.source.metric)} via ${s.source.exporter}`
          : s.source.kind === "rule"
            ? `${s.source.rule.kind} rule`
            : s.source.description;
      const loc = s.source.kind === "metric" ? s.source.metric.loc : s.source.kind === "rule" ? s.source.rule.loc : s.source.loc;
      series.push({ name, type: s.type, labels: s.labels, source, ...(loc ? { loc } : {}) });
    }
  }
  const usesOf = new Map<MetricDefinition, number>(); // record sites per instrument, counted once
  for (const u of graph.instrumentUses) usesOf.set(u.def, (usesOf.get(u.def) ?? 0) + 1);
  return {
    events: [...events.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    metrics: graph.metrics.map((m) => ({
      name: m.def.instrument ? m.def.name[0]! : m.def.name.join("."),
      kind: m.def.instrument ? `${m.def.instrument.library} ${m.def.instrument.type}` : m.def.kind,
      event: m.def.instrument ? `recorded at ${plural(usesOf.get(m.def) ?? 0, "site")}` : dotted(m.def.event),
      ...(m.exporter ? { exporter: m.exporter } : {}),
      series: (m.result?.series ?? []).map((s) => s.name),
      loc: m.def.loc,
    })),
    series: series.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    queries: graph.queries.map((q) => ({
      expr: q.expr,
      origin: describeOrigin(q.origin),
      series: [...new Set(q.analysis.selectors.map((s) => s.name ?? (s.namePattern ? `~${s.namePattern}` : "")).filter(Boolean))],
      loc: q.loc,
    })),
  };
}
