// The engine: discover → read → extract facts → contract graph → checks → suppressions → report.
// The CLI, the library API (and later the ESLint plugin and the Action) are thin doors into `analyze`.
import { readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import ignore from "ignore";
import { parse as parseJson } from "@humanwhocodes/momoa";
import type { Finding, FileFacts, Location, Severity } from "../model.js";
import { dotted, emptyFacts } from "../model.js";
import { ConfigError, DEFAULT_MAX_FILE_SIZE, loadConfig, type Config, type LoadedConfig } from "../config/config.js";
import { discoverFiles, type DiscoveredFile, type FileKind } from "../discover/discover.js";
import { configuredCallees, needsFirstPass, needsSecondPass, secondPassTokens } from "../discover/prefilter.js";
import { buildGraph, type ContractGraph } from "../graph/build.js";
import { CHECKS, SUPPRESSION_UNUSED, type RuleId } from "../checks/index.js";
import { describeMetric, describeOrigin } from "../checks/check.js";
import { compareFindings, type Inventory, type Report } from "../report/report.js";
import { applySuppressions, type RuledFinding } from "./suppress.js";
import { readSourceFileSync, type ReadResult } from "./read.js";
import { extractFile, prepareParsers } from "./extract.js";
import { contentHash, FactCache, type CacheEntry } from "./cache.js";
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
  /** Called after each file of the first pass (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
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
  const root = resolve(options.root ?? ".");
  const loaded: LoadedConfig = options.config ? { config: options.config } : loadConfig(root, options.configPath);
  const paths = (options.paths ?? []).map((p) => toRootRelative(root, p));
  const cache = options.cacheLocation ? FactCache.open(resolve(root, options.cacheLocation), cacheKey(loaded.config)) : undefined;
  const facts = await collectFacts(root, loaded.config, paths, { ...(cache ? { cache } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  return { ...analyzeFacts(root, facts, loaded, options.ruleOverrides), ...(cache?.discarded ? { cacheDiscarded: cache.discarded } : {}) };
}

/** Everything besides (path, text) that per-file facts depend on. */
function cacheKey(config: Config): string {
  const { dashboards, ruleFiles, emitters, consumers, maxFileSize } = config;
  return JSON.stringify({ dashboards, ruleFiles, emitters, consumers, maxFileSize });
}

export interface CollectOptions {
  /** The fact cache (default: none). */
  cache?: FactCache;
  /** Called after each file of the first pass (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Discovery, reading and per-file extraction: everything that touches the file system. Two passes: the
 * first parses only files whose text can hold a fact; the second parses the rest that call a wrapper
 * or import a module the first pass found (see discover/prefilter.ts). Cached files are not read at all
 * unless their size or mtime changed (see engine/cache.ts).
 */
export async function collectFacts(root: string, config: Config, paths: string[] = [], options: CollectOptions = {}): Promise<FileFacts[]> {
  const files = await discoverFiles(root, { include: config.include, exclude: config.exclude }, paths);
  const cache = options.cache ?? FactCache.disabled();
  const maxSize = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const extra = configuredCallees([...(config.emitters ?? []), ...(config.consumers ?? [])].map((e) => e.callee));
  const facts: FileFacts[] = [];
  const parsersReady = new Set<FileKind>();
  const extract = async (file: DiscoveredFile, text: string): Promise<FileFacts | undefined> => {
    if (!parsersReady.has(file.kind)) {
      await prepareParsers(new Set([file.kind]));
      parsersReady.add(file.kind);
    }
    return factsFor(file.path, file.kind, { text }, config);
  };

  const deferred: { file: DiscoveredFile; entry: CacheEntry }[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    options.onProgress?.(i + 1, files.length);
    const state = currentEntry(root, file, cache, maxSize, config, extra);
    if ("facts" in state) {
      if (state.facts) facts.push(state.facts);
      continue;
    }
    const { entry, text } = state;
    if (!entry.firstPass) {
      deferred.push({ file, entry });
      continue;
    }
    if (entry.facts === undefined) {
      entry.facts = (await extract(file, text ?? "")) ?? null;
      cache.set(file.path, entry);
    }
    if (entry.facts) facts.push(entry.facts);
  }

  // Second pass, until nothing new: wrappers' call sites, importers of instrument/constant modules.
  let pending = deferred;
  for (let round = 0; round < 3 && pending.length; round++) {
    const tokens = secondPassTokens(facts);
    if (!tokens.elixirCalls && !tokens.tsImports && tokens.importedPaths.size === 0) break;
    const key = `${tokens.elixirCalls?.source ?? ""}\u0000${tokens.tsImports?.source ?? ""}`;
    const next: typeof pending = [];
    let added = 0;
    for (const item of pending) {
      const { file, entry } = item;
      let text: string | undefined;
      let matched = tokens.importedPaths.has(file.path);
      if (!matched) {
        if (entry.secondPass?.key === key) matched = entry.secondPass.matched;
        else {
          text = readText(root, file, maxSize);
          if (text === undefined) continue; // changed under us: the next run sees it
          matched = needsSecondPass(file.kind, file.path, text, tokens);
          entry.secondPass = { key, matched };
          cache.set(file.path, entry);
        }
      }
      if (!matched) {
        next.push(item);
        continue;
      }
      if (entry.facts === undefined) {
        text ??= readText(root, file, maxSize);
        if (text === undefined) continue;
        entry.facts = (await extract(file, text)) ?? null;
        cache.set(file.path, entry);
      }
      if (entry.facts) {
        facts.push(entry.facts);
        added++;
      }
    }
    pending = next;
    if (added === 0) break;
  }
  cache.save(paths.length === 0);
  return facts.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * A file's cache entry, brought up to date: from the cache when size and mtime prove it current (no
 * read), else from the text (a content-hash hit keeps the facts). Files that cannot be read yield their
 * problem as facts, and are never cached.
 */
function currentEntry(root: string, file: DiscoveredFile, cache: FactCache, maxSize: number, config: Config, extra: RegExp | undefined): { entry: CacheEntry; text?: string } | { facts: FileFacts | undefined } {
  const cached = cache.enabled ? cache.get(file.path) : undefined;
  if (cached) {
    cache.touch(file.path);
    let info;
    try {
      info = statSync(join(root, file.path));
    } catch {
      info = undefined;
    }
    if (info?.isFile() && cache.fresh(cached, info.size, info.mtimeMs)) return { entry: cached };
  }
  const read = readSourceFileSync(root, file.path, maxSize);
  if (!("text" in read)) return { facts: factsFor(file.path, file.kind, read, config) };
  const { text } = read;
  const size = read.size ?? text.length;
  const mtimeMs = read.mtimeMs ?? 0;
  const hash = cache.enabled ? contentHash(text) : "";
  if (cached && cached.hash === hash) {
    const entry = { ...cached, size, mtimeMs };
    cache.set(file.path, entry);
    return { entry, text };
  }
  const entry: CacheEntry = { size, mtimeMs, hash, firstPass: needsFirstPass(file.kind, file.path, text, extra) };
  cache.set(file.path, entry);
  return { entry, text };
}

function readText(root: string, file: DiscoveredFile, maxSize: number): string | undefined {
  const read = readSourceFileSync(root, file.path, maxSize);
  return "text" in read ? read.text : undefined;
}

/** One file's facts from its read result, honouring the dashboards/ruleFiles globs. */
export function factsFor(path: string, kind: FileKind, read: ReadResult, config: Config): FileFacts | undefined {
  // With explicit globs, only matching files are dashboards / rule files; otherwise the content decides.
  const dashboardGlobs = config.dashboards?.length ? globMatcher(config.dashboards) : undefined;
  const ruleGlobs = config.ruleFiles?.length ? globMatcher(config.ruleFiles) : undefined;
  if (kind === "json" && dashboardGlobs && !dashboardGlobs.ignores(path) && !/(^|\/)tsconfig[^/]*\.json$/.test(path)) return undefined;
  if (kind === "yaml" && ruleGlobs && !ruleGlobs.ignores(path)) return undefined;
  if ("problem" in read) return { ...emptyFacts(path), problems: [read.problem] };
  return extractFile(path, kind, read.text, {
    forcedDashboard: dashboardGlobs !== undefined,
    forcedRuleFile: ruleGlobs !== undefined,
    typescript: { ...(config.emitters ? { emitters: config.emitters } : {}), ...(config.consumers ? { consumers: config.consumers } : {}) },
  });
}

const matchers = new Map<string, ReturnType<typeof ignore>>();
const globMatcher = (globs: string[]): ReturnType<typeof ignore> => {
  const key = globs.join("\u0000");
  let m = matchers.get(key);
  if (!m) matchers.set(key, (m = ignore().add(globs)));
  return m;
};

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
