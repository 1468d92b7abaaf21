// The engine: discover → read → extract facts → contract graph → checks → suppressions → report.
// The CLI, the library API, the GitHub Action (`analyzeReport`) and the ESLint plugin (`collectProject`) are thin doors into it.
import { existsSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { CONFIG_FILE_NAME, ConfigError, DEFAULT_MAX_FILE_SIZE, PACKAGE_JSON_KEY, loadConfig, preloadConfigValidator, type Config, type LoadedConfig } from "../config/config.js";
import type { FileFacts, Severity } from "../model.js";
import type { FileKind } from "../discover/discover.js";
import type { Report } from "../report/report.js";
import { contentHash, FactCache } from "./cache.js";
import { readSourceFileSync } from "./read.js";
import { isSafeRelativePath, NotRegularFileError, readTextLimited, TooBigError } from "../util/fs.js";
import { fingerprintFindings, type LineSource } from "../report/fingerprint.js";
import { applyBaseline, parseBaseline } from "../baseline/baseline.js";
import { extractScanned, extractScannedSync, LaneThread, scanFiles, scanFilesSync, type Scan } from "./collect.js";
import type { ParseJob } from "./pool.js";
import type { Analysis } from "./analysis.js";
import { SUPPRESSION_UNUSED_ID, SUPPRESSION_UNUSED_SEVERITY } from "./suppress.js";
import type { PhaseClock } from "./timings.js";

export type { Analysis } from "./analysis.js";
export { collectFacts } from "./collect.js";

/** The analysis proper (graph, checks), loaded only when a report has to be computed. */
const analysis = () => import("./analysis.js");

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
  /** Runs that share a fact cache in memory and a parse thread (see SharedRuns); overrides `cacheLocation`. */
  shared?: SharedRuns;
  /**
   * With `shared`: root-relative files that are links (symbolic or hard) to the files of the same paths in
   * the shared runs' previous root, with their content hashes (the Action's base tree): the previous run's
   * entries for them stand, without a read or a stat.
   */
  unchangedFiles?: ReadonlyMap<string, string>;
  /**
   * Symbolic links directly in the tree that lead into this folder (absolute, real) are followed (see
   * DiscoverOptions.linksInto): the Action's base tree, whose unchanged folders link to the working tree.
   */
  linksInto?: string;
  /** Called after each parsed file (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
  /** Parse threads besides the main one (default 0); the first takes the TS/JS and rule-file lane (see THREAD_KINDS in collect.ts). */
  workers?: number;
  /** A baseline file (root-relative or absolute); default: the config's `baseline`; `false`: none. */
  baseline?: string | false;
  /** Records where the run's time goes (`--performance`); nothing is recorded without it. */
  clock?: PhaseClock;
}


/**
 * Runs in one process over trees that hold mostly the same files (the Action's pull request head, then
 * its base): one fact cache, so that a file with the same path and bytes is extracted once, and one
 * parse thread, so that TypeScript's parser loads once. The cache lives in memory, or, with a
 * `cacheLocation`, in the files of the first run's root (which only that root's runs write, as a CLI run
 * with `--cache-location` would). `close()` stops the thread.
 */
export class SharedRuns {
  private factCache: FactCache | undefined;
  private lane: { key: string; thread: LaneThread } | undefined;
  /** Lines read for fingerprints (see sourceLines). */
  readonly lines: KeptLines = new Map();

  constructor(private readonly cacheLocation?: string) {}

  /** The cache, readied for a run over `root` with these extraction options (see FactCache.enter). */
  cacheFor(root: string, optionsKey: string, unchanged?: ReadonlyMap<string, string>): FactCache {
    this.factCache ??= this.cacheLocation ? FactCache.open(resolve(root, this.cacheLocation), root, optionsKey) : FactCache.inMemory();
    return this.factCache.enter(root, optionsKey, unchanged);
  }

  /** The cache, once a run has used it. */
  get cache(): FactCache | undefined {
    return this.factCache;
  }

  /** The parse thread for a run with this config and thread count (a new one if they differ from the last run's). */
  laneFor(config: Config, workers: number): LaneThread {
    const key = JSON.stringify([config, workers]);
    if (this.lane?.key !== key) {
      void this.lane?.thread.dispose();
      this.lane = { key, thread: new LaneThread(config, workers, true) };
    }
    return this.lane.thread;
  }

  async close(): Promise<void> {
    await this.lane?.thread.dispose();
    this.lane = undefined;
  }
}

const laneOf = (options: AnalyzeOptions, config: Config): LaneThread =>
  options.shared ? options.shared.laneFor(config, options.workers ?? 0) : new LaneThread(config, options.workers ?? 0);

export async function analyze(options: AnalyzeOptions = {}): Promise<Analysis> {
  await preloadValidatorIfNeeded(options);
  const { root, loaded, paths, cache } = prepare(options);
  const { clock } = options;
  clock?.lap("config");
  const lane = laneOf(options, loaded.config);
  let scan: Scan;
  let facts: FileFacts[];
  try {
    scan = await scanFiles(root, loaded.config, paths, cache, lane, options.linksInto, clock);
    facts = await extractScanned(root, loaded.config, scan, { cache, wholeTree: paths.length === 0, lane, save: false, clock, ...progress(options) });
  } finally {
    await lane.close();
  }
  let result: Analysis;
  try {
    result = (await analysis()).analyzeFacts(root, facts, loaded, options.ruleOverrides);
    clock?.lap("analysis");
    fingerprintFindings(result.report.findings, sourceLines(root, undefined, keptLines(options, scan)));
    clock?.lap("fingerprints");
    if (scan.inputKey && cacheable(facts)) cache.storeReport(reportKey(root, scan.inputKey, loaded, options, paths), result.report);
  } finally {
    cache.save(paths.length === 0); // one write of the index: facts and report together
    clock?.lap("cache write");
  }
  const report = withBaseline(root, result.report, loaded, options);
  return { ...result, report, ...(cache.discarded ? { cacheDiscarded: cache.discarded } : {}) };
}

/**
 * The report alone (the CLI's drift report): when the cache holds the report of a run over exactly the
 * same input — every path and content hash, the config, the rule overrides, the tool version — it is
 * reused without decoding a single file's facts.
 */
export async function analyzeReport(options: AnalyzeOptions = {}): Promise<{ report: Report; cacheDiscarded?: string }> {
  await preloadValidatorIfNeeded(options);
  const { root, loaded, paths, cache } = prepare(options);
  options.clock?.lap("config");
  const lane = laneOf(options, loaded.config);
  try {
    return await reportOf(root, loaded, paths, cache, lane, options);
  } finally {
    await lane.close();
  }
}

async function reportOf(root: string, loaded: LoadedConfig, paths: string[], cache: FactCache, lane: LaneThread, options: AnalyzeOptions): Promise<{ report: Report; cacheDiscarded?: string }> {
  const { clock } = options;
  const scan = await scanFiles(root, loaded.config, paths, cache, lane, options.linksInto, clock);
  const key = scan.inputKey ? reportKey(root, scan.inputKey, loaded, options, paths) : undefined;
  let report = key ? cache.report(key) : undefined;
  if (report) {
    if (clock) clock.timings.reportReused = "input";
    cache.save(paths.length === 0); // refreshed stats of touched-but-unchanged files
    clock?.lap("cache write");
  } else {
    try {
      const facts = await extractScanned(root, loaded.config, scan, { cache, wholeTree: paths.length === 0, lane, save: false, clock, ...progress(options) });
      // The input changed only in files that hold no facts (most edits): the report is the same.
      const factsKey = key ? reportKey(root, `facts\u0000${factsIdentity(scan, facts)}`, loaded, options, paths) : undefined;
      report = factsKey ? cache.reportForFacts(factsKey) : undefined;
      if (report) {
        if (clock) clock.timings.reportReused = "facts";
      } else {
        report = (await analysis()).analyzeFacts(root, facts, loaded, options.ruleOverrides).report;
        clock?.lap("analysis");
        fingerprintFindings(report.findings, sourceLines(root, undefined, keptLines(options, scan)));
        clock?.lap("fingerprints");
      }
      if (key && cacheable(facts)) cache.storeReport(key, report, factsKey);
    } finally {
      cache.save(paths.length === 0); // one write of the index: facts and report together
      clock?.lap("cache write");
    }
  }
  return { report: withBaseline(root, report, loaded, options), ...(cache.discarded ? { cacheDiscarded: cache.discarded } : {}) };
}

/** A discovered file as the scan saw it: its stat and content hash. */
export interface ScannedStat {
  path: string;
  kind: FileKind;
  /** -1 when the file could not even be opened. */
  size: number;
  mtimeMs: number;
  /** The bytes' `fileHash` (engine/cache.ts; "" when unread or without a cache). */
  hash: string;
  /** The engine could not read it (its problem is among the facts); its ctime then shows a permission change. */
  unreadable?: { ctimeMs: number };
  /** A minified bundle the engine never parses. */
  skipped?: true;
}

/** The scan and the facts of a whole tree, without the analysis: what the ESLint plugin's index starts from. */
export interface ProjectFacts {
  files: ScannedStat[];
  facts: FileFacts[];
}

/**
 * Every file's stat and every fact of the tree at `options.root`, through the same scan, prefilters,
 * lanes and fact cache as a CLI run (so the two share the cache and agree on the facts).
 */
export async function collectProject(options: AnalyzeOptions = {}): Promise<ProjectFacts> {
  await preloadValidatorIfNeeded(options);
  const { root, loaded, paths, cache } = prepare(options);
  const lane = laneOf(options, loaded.config);
  try {
    const scan = await scanFiles(root, loaded.config, paths, cache, lane, options.linksInto);
    const facts = await extractScanned(root, loaded.config, scan, { cache, wholeTree: paths.length === 0, lane, ...progress(options) });
    return { files: scannedStats(root, scan), facts };
  } finally {
    await lane.close();
  }
}

/**
 * collectProject on this thread, without waiting on anything (the ESLint plugin's rules are synchronous):
 * the same scan, passes and fact cache, each round of files handed to `parse`, which returns their facts
 * in order (the ESLint plugin parses Elixir files on its Elixir thread). Files a parser could not finish on this
 * thread's stack keep that verdict (FileFacts.stackOverflow, left out of the cache): collectProject reads
 * them again on a large-stack thread. Undefined, before any file is read but those the cache knows, when
 * more than `readLimit` files have a content the cache does not know: so many are read faster by
 * collectProject's two threads.
 */
export function collectProjectSync(options: Pick<AnalyzeOptions, "root" | "cacheLocation"> & { config: LoadedConfig; parse: (jobs: ParseJob[]) => (FileFacts | null)[]; readLimit?: number }): ProjectFacts | undefined {
  const root = resolve(options.root ?? ".");
  const config = options.config.config;
  const cache = options.cacheLocation ? FactCache.open(resolve(root, options.cacheLocation), root, factsKey(config)) : FactCache.disabled();
  const scan = scanFilesSync(root, config, [], cache, options.readLimit);
  if (!scan) return undefined;
  const facts = extractScannedSync(root, config, scan, { cache, wholeTree: true, parse: options.parse });
  return { files: scannedStats(root, scan), facts };
}

/** Each discovered file as the scan saw it (ScannedStat). */
function scannedStats(root: string, scan: Scan): ScannedStat[] {
  return scan.files.flatMap(({ file, ...state }): ScannedStat[] => {
    if ("unlisted" in state) return []; // not a file of the tree: only its problem, among the facts
    if ("entry" in state) return [{ path: file.path, kind: file.kind, size: state.entry.size, mtimeMs: state.entry.mtimeMs, hash: state.entry.hash, ...(state.entry.generated ? { skipped: true as const } : {}) }];
    // Unreadable (too big, binary, not UTF-8, no permission): the stat of the read that failed (else
    // one taken now, when it could not be opened), so that it counts as changed only when it changes.
    const info = state.stat ?? statSync(resolve(root, file.path), { throwIfNoEntry: false });
    return [{ path: file.path, kind: file.kind, size: info?.size ?? -1, mtimeMs: info?.mtimeMs ?? -1, hash: "", unreadable: { ctimeMs: info?.ctimeMs ?? -1 } }];
  });
}

/**
 * Everything a report is computed from besides the config: each file's facts, named by path and content
 * hash (facts are a pure function of both), or by their own content for a file that could not be read.
 * A finding's fingerprint reads the lines of its file, which holds facts, so it is covered too.
 */
function factsIdentity(scan: Scan, facts: readonly FileFacts[]): string {
  const hashes = new Map<string, string>();
  for (const scanned of scan.files) if ("entry" in scanned) hashes.set(scanned.file.path, scanned.entry.hash);
  return contentHash(facts.map((f) => `${f.file}\u0000${hashes.get(f.file) ?? JSON.stringify(f)}`).join("\n"));
}

/** A report built on a verdict from a stack too small (FileFacts.stackOverflow) is not reused: a later run may do better. */
const cacheable = (facts: readonly FileFacts[]): boolean => !facts.some((f) => f.stackOverflow);

/** Lines of files read for fingerprints, kept across shared runs by path and content hash. */
export type KeptLines = Map<string, { hash: string; lines: string[] | undefined }>;

/**
 * Reads each file with a finding once, for the fingerprints' line context (an editor's text for the file
 * it holds). With `kept`, a file whose content hash (`hashOf`, from the scan) is one an earlier run read
 * is not read again: the Action's base run shares most files with its head run.
 */
export function sourceLines(root: string, buffer?: { file: string; text: string }, kept?: { lines: KeptLines; hashOf: (file: string) => string | undefined }): LineSource {
  const files = new Map<string, string[] | undefined>();
  if (buffer) files.set(buffer.file, buffer.text.split(/\r?\n/));
  return (file, line) => {
    if (!isSafeRelativePath(file)) return undefined; // findings only ever point into the root
    if (!files.has(file)) {
      const hash = kept?.hashOf(file) || undefined;
      const earlier = hash !== undefined ? kept!.lines.get(file) : undefined;
      if (earlier && earlier.hash === hash) files.set(file, earlier.lines);
      else {
        const read = readSourceFileSync(root, file, DEFAULT_MAX_FILE_SIZE);
        const lines = "text" in read ? read.text.split(/\r?\n/) : undefined;
        files.set(file, lines);
        if (hash !== undefined) kept!.lines.set(file, { hash, lines });
      }
    }
    return files.get(file)?.[line - 1];
  };
}

/** The kept lines of shared runs, for a run whose scan is `scan`. */
function keptLines(options: AnalyzeOptions, scan: Scan): { lines: KeptLines; hashOf: (file: string) => string | undefined } | undefined {
  if (!options.shared) return undefined;
  const hashes = new Map<string, string>();
  for (const scanned of scan.files) if ("entry" in scanned) hashes.set(scanned.file.path, scanned.entry.hash);
  return { lines: options.shared.lines, hashOf: (file) => hashes.get(file) };
}

/** A baseline holds one short line per finding: far below this even for a huge repository. */
const MAX_BASELINE_BYTES = 256 * 1024 * 1024;

export function withBaseline(root: string, report: Report, loaded: LoadedConfig, options: AnalyzeOptions): Report {
  const file = options.baseline === false ? undefined : (options.baseline ?? loaded.config.baseline);
  if (!file) return report;
  const absolute = resolve(root, file);
  let text: string;
  try {
    // A baseline named by the tree's own config stays in the tree (its symlinks resolved); one given by
    // the caller (--baseline, the Action's input) may be anywhere.
    text = readTextLimited(absolute, MAX_BASELINE_BYTES, options.baseline === undefined ? { within: root } : {});
  } catch (error) {
    if (error instanceof TooBigError) throw new ConfigError(`${file}: is ${error.message}, too big for a baseline`);
    if (error instanceof NotRegularFileError) throw new ConfigError(`${file}: cannot read the baseline (${error.message})`);
    throw new ConfigError(`${file}: cannot read the baseline (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); write one with \`telemetry-drift baseline\``);
  }
  const rel = relative(root, absolute).split("\\").join("/");
  const baseline = parseBaseline(rel, text);
  if ("error" in baseline) throw new ConfigError(baseline.error);
  const severities = { ...(loaded.config.rules ?? {}), ...(options.ruleOverrides ?? {}) };
  return applyBaseline(report, baseline, rel, severities[SUPPRESSION_UNUSED_ID] ?? SUPPRESSION_UNUSED_SEVERITY);
}

/** Far above any real package.json; a device or a huge file stops here. */
const MAX_PACKAGE_JSON_BYTES = 16 * 1024 * 1024;

/** The config validator is needed only when there is a config file to validate. */
export async function preloadValidatorIfNeeded(options: { root?: string; configPath?: string; config?: Config }): Promise<void> {
  if (options.config) return;
  const root = resolve(options.root ?? ".");
  let packageJson = "";
  try {
    packageJson = readTextLimited(resolve(root, "package.json"), MAX_PACKAGE_JSON_BYTES, { within: root });
  } catch {
    // no usable package.json: loadConfig says why, if it matters
  }
  if (options.configPath || existsSync(resolve(root, CONFIG_FILE_NAME)) || packageJson.includes(`"${PACKAGE_JSON_KEY}"`)) await preloadConfigValidator();
}

function prepare(options: AnalyzeOptions): { root: string; loaded: LoadedConfig; paths: string[]; cache: FactCache } {
  const root = resolve(options.root ?? ".");
  const loaded: LoadedConfig = options.config ? { config: options.config } : loadConfig(root, options.configPath);
  const paths = (options.paths ?? []).map((p) => toRootRelative(root, p));
  const cache = options.shared
    ? options.shared.cacheFor(root, factsKey(loaded.config), options.unchangedFiles)
    : options.cacheLocation
      ? FactCache.open(resolve(root, options.cacheLocation), root, factsKey(loaded.config))
      : FactCache.disabled();
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
function reportKey(root: string, inputKey: string, loaded: LoadedConfig, options: AnalyzeOptions, paths: string[]): string {
  const { baseline: _appliedAfterTheCache, ...config } = loaded.config;
  // The config file's text too, not only its value: stale `ignore` entries are reported at their lines.
  let configText = "";
  if (loaded.file) {
    try {
      configText = contentHash(readFileSync(resolve(root, loaded.file)));
    } catch {
      configText = "unreadable";
    }
  }
  return JSON.stringify([inputKey, loaded.file ?? null, configText, config, options.ruleOverrides ?? {}, paths]);
}

function toRootRelative(root: string, path: string): string {
  const absolute = isAbsolute(path) ? path : resolve(root, path);
  const rel = relative(root, absolute).split("\\").join("/");
  if (rel === ".." || rel.startsWith("../") || isAbsolute(rel)) throw new ConfigError(`${path}: is outside the analysis root ${root}`);
  return rel;
}
