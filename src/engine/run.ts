// The engine: discover → read → extract facts → contract graph → checks → suppressions → report.
// The CLI, the library API (and later the ESLint plugin and the Action) are thin doors into `analyze`.
import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import ignore from "ignore";
import { parse as parseJson } from "@humanwhocodes/momoa";
import type { Finding, FileFacts, Location, Severity } from "../model.js";
import { dotted, emptyFacts } from "../model.js";
import { ConfigError, DEFAULT_MAX_FILE_SIZE, loadConfig, type Config, type LoadedConfig } from "../config/config.js";
import { discoverFiles, type DiscoveredFile, type FileKind } from "../discover/discover.js";
import { buildGraph, type ContractGraph } from "../graph/build.js";
import { CHECKS, SUPPRESSION_UNUSED, type RuleId } from "../checks/index.js";
import { describeMetric, describeOrigin } from "../checks/check.js";
import { compareFindings, type Inventory, type Report } from "../report/report.js";
import { applySuppressions, type RuledFinding } from "./suppress.js";
import { FactCache } from "./cache.js";
import { readSourceFileSync } from "./read.js";
import { fingerprintFindings, type LineSource } from "../report/fingerprint.js";
import { applyBaseline, parseBaseline } from "../baseline/baseline.js";
import { extractScanned, scanFiles } from "./collect.js";
export { collectFacts } from "./collect.js";
export { factsFor } from "./extract.js";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";

export interface AnalyzeOptions {
  /** The analysis root (findings are relative to it). Default: the current directory. */
  root?: string;
  /** Root-relative (or absolute) files or folders to narrow the run to. */
  paths?: string[];
  /** An explicit config file. */
  configPath?: string;
  /** A config object that replaces file-based config (library use and tests). */
  config?: Config;
  /** Per-rule severity overrides on top of the config. */
  ruleOverrides?: Record<string, Severity | "off">;
  /** Where to keep the fact cache (the CLI's default: node_modules/.cache/telemetry-drift); none if unset. */
  cacheLocation?: string;
  /** Called after each parsed file (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
  /** Parse threads (default: one per core, at most 4; 0 or 1 parses on the main thread). */
  workers?: number;
  /** A baseline file (root-relative or absolute); default: the config's `baseline`; `false`: none. */
  baseline?: string | false;
}

export interface Analysis {
  report: Report;
  graph: ContractGraph;
  config: LoadedConfig;
  facts: FileFacts[];
  /** Why an existing fact cache was ignored (corrupt, other format), for a notice. */
  cacheDiscarded?: string;
}

export async function analyze(options: AnalyzeOptions = {}): Promise<Analysis> {
  const { root, loaded, paths, cache } = prepare(options);
  const scan = await scanFiles(root, loaded.config, paths, cache);
  const facts = await extractScanned(root, loaded.config, scan, { cache, wholeTree: paths.length === 0, ...progress(options) });
  const analysis = analyzeFacts(root, facts, loaded, options.ruleOverrides);
  fingerprintFindings(analysis.report.findings, sourceLines(root));
  if (scan.inputKey) {
    cache.storeReport(reportKey(scan.inputKey, loaded, options, paths), analysis.report);
    cache.save(paths.length === 0);
  }
  const report = withBaseline(root, analysis.report, loaded, options);
  return { ...analysis, report, ...(cache.discarded ? { cacheDiscarded: cache.discarded } : {}) };
}

/**
 * The report alone (the CLI's drift report): when the cache holds the report of a run over exactly the
 * same input — every path and content hash, the config, the rule overrides, the tool version — it is
 * reused without decoding a single file's facts.
 */
export async function analyzeReport(options: AnalyzeOptions = {}): Promise<{ report: Report; cacheDiscarded?: string }> {
  const { root, loaded, paths, cache } = prepare(options);
  const scan = await scanFiles(root, loaded.config, paths, cache);
  const key = scan.inputKey ? reportKey(scan.inputKey, loaded, options, paths) : undefined;
  let report = key ? cache.report(key) : undefined;
  if (report) cache.save(paths.length === 0); // refreshed stats of touched-but-unchanged files
  else {
    const facts = await extractScanned(root, loaded.config, scan, { cache, wholeTree: paths.length === 0, ...progress(options) });
    report = analyzeFacts(root, facts, loaded, options.ruleOverrides).report;
    fingerprintFindings(report.findings, sourceLines(root));
    if (key) {
      cache.storeReport(key, report);
      cache.save(paths.length === 0);
    }
  }
  return { report: withBaseline(root, report, loaded, options), ...(cache.discarded ? { cacheDiscarded: cache.discarded } : {}) };
}

/** Reads each file with a finding once, for the fingerprints' line context. */
function sourceLines(root: string): LineSource {
  const files = new Map<string, string[] | undefined>();
  return (file, line) => {
    if (!files.has(file)) {
      const read = readSourceFileSync(root, file, DEFAULT_MAX_FILE_SIZE);
      files.set(file, "text" in read ? read.text.split(/\r?\n/) : undefined);
    }
    return files.get(file)?.[line - 1];
  };
}

export function withBaseline(root: string, report: Report, loaded: LoadedConfig, options: AnalyzeOptions): Report {
  const file = options.baseline === false ? undefined : (options.baseline ?? loaded.config.baseline);
  if (!file) return report;
  const absolute = resolve(root, file);
  let text: string;
  try {
    text = readFileSync(absolute, "utf8");
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the baseline (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); write one with \`telemetry-drift baseline\``);
  }
  const rel = relative(root, absolute).split("\\").join("/");
  const baseline = parseBaseline(rel, text);
  if ("error" in baseline) throw new ConfigError(baseline.error);
  const severities = { ...(loaded.config.rules ?? {}), ...(options.ruleOverrides ?? {}) };
  return applyBaseline(report, baseline, rel, severities[SUPPRESSION_UNUSED.id] ?? SUPPRESSION_UNUSED.defaultSeverity);
}

function prepare(options: AnalyzeOptions): { root: string; loaded: LoadedConfig; paths: string[]; cache: FactCache } {
  const root = resolve(options.root ?? ".");
  const loaded: LoadedConfig = options.config ? { config: options.config } : loadConfig(root, options.configPath);
  const paths = (options.paths ?? []).map((p) => toRootRelative(root, p));
  const cache = options.cacheLocation ? FactCache.open(resolve(root, options.cacheLocation), root, factsKey(loaded.config)) : FactCache.disabled();
  return { root, loaded, paths, cache };
}

const progress = (options: AnalyzeOptions) => ({
  ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  ...(options.workers !== undefined ? { workers: options.workers } : {}),
});

/** Everything besides (path, text) that per-file facts depend on. */
function factsKey(config: Config): string {
  const { dashboards, ruleFiles, emitters, consumers, maxFileSize } = config;
  return JSON.stringify({ dashboards, ruleFiles, emitters, consumers, maxFileSize });
}

/** Everything a report depends on: the input files, the whole config (and where it came from), overrides and scope. */
function reportKey(inputKey: string, loaded: LoadedConfig, options: AnalyzeOptions, paths: string[]): string {
  const { baseline: _applied_after_the_cache, ...config } = loaded.config;
  return JSON.stringify([inputKey, loaded.file ?? null, config, options.ruleOverrides ?? {}, paths]);
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
  const findings: Finding[] = suppression.kept.map((f) => {
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

function toRootRelative(root: string, path: string): string {
  const absolute = isAbsolute(path) ? path : resolve(root, path);
  const rel = relative(root, absolute).split("\\").join("/");
  if (rel.startsWith("..")) throw new ConfigError(`${path}: is outside the analysis root ${root}`);
  return rel;
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
  return {
    events: [...events.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    metrics: graph.metrics.map((m) => ({
      name: m.def.instrument ? m.def.name[0]! : m.def.name.join("."),
      kind: m.def.instrument ? `${m.def.instrument.library} ${m.def.instrument.type}` : m.def.kind,
      event: m.def.instrument ? `recorded at ${graph.instrumentUses.filter((u) => u.def === m.def).length} sites` : dotted(m.def.event),
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
