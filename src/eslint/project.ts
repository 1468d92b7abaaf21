// Project-wide facts inside a per-file linter. ESLint rules are synchronous and run file by file, so the
// plugin keeps one index per project root for the life of the ESLint process. It is built by the engine
// itself: the CLI's scan, prefilters, passes and fact cache, so the two agree and share the cache. A tree
// with few files whose content the cache does not know (IN_PROCESS_READ_LIMIT) is built in this process
// (collectProjectSync: TypeScript's parser is usually loaded already, by ESLint's own parser; Elixir files
// go to a thread, elixir-thread.ts, since tree-sitter's wasm loads asynchronously); one with more is built in a
// subprocess (facts-process.ts), on two threads, as a CLI run would. Afterwards the index re-stats
// the tree at most once a second: a few changed files are re-extracted in-process (Elixir ones by the
// thread), many changed files, or a change to what the second pass looks for, make the engine
// run again. The file being linted is analysed from ESLint's in-memory text, so unsaved edits count.
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { deserialize } from "node:v8";
import type { FileFacts, Finding } from "../model.js";
import { CONFIG_FILE_NAME, loadConfig, type LoadedConfig } from "../config/config.js";
import { discover, type DiscoveredFile, type DiscoveryProblem, type FileKind } from "../discover/discover.js";
import { reuseListing, stampListing, type ListingStamp } from "../discover/listing.js";
import { needsSecondPass, secondPassCanMatch, secondPassTokens, type SecondPassTokens } from "../discover/prefilter.js";
import { examineFile } from "../engine/examine.js";
import { readSourceFileSync } from "../engine/read.js";
import { analyzeFacts } from "../engine/analysis.js";
import { factsFor } from "../engine/extract.js";
import { collectProjectSync, sourceLines, withBaseline, type ProjectFacts } from "../engine/run.js";
import type { ParseJob } from "../engine/pool.js";
import { discoveryProblemFacts } from "../engine/collect.js";
import { fingerprintFindings } from "../report/fingerprint.js";
import { cacheFolderFor, fileHash, RACY_WINDOW_MS } from "../engine/cache.js";
import { DEFAULT_MAX_FILE_SIZE } from "../config/config.js";
import { packageRoot } from "../util/package-root.js";
import { ElixirParserFailed, ElixirThread } from "./elixir-thread.js";

interface Entry {
  kind: FileKind;
  mtimeMs: number;
  size: number;
  facts: FileFacts | undefined;
  /** Hash of the text the facts came from: an unchanged editor buffer needs no re-extraction. */
  textHash?: string;
  /** A file the engine did not parse (its prefilter found nothing to extract): its facts, once asked. */
  diskFacts?: FileFacts | null;
  /** The engine could not read it: its problem stands whatever the editor holds; a chmod changes the ctime. */
  unreadable?: { ctimeMs: number };
  /** A minified bundle the engine never parses: nor is the editor's text. */
  skipped?: true;
}

/** An editor buffer's hash, comparable with the engine's hash of the file on disk (`fileHash` of its UTF-8 bytes). */
const hashOf = (text: string): string => fileHash(text);

/** How often the index re-walks the tree for new, changed or deleted files. */
const RESCAN_MS = 1000;

/**
 * Above this many files whose content the fact cache does not know (new or changed files; every file
 * without a cache), the index is built by the engine in a subprocess, on two threads; below, in this process (see collectHere). Measured cold on the
 * benchmark's trees (bench/eslint-editor.mjs, first lint): its 9,700 TypeScript files build in ~1.0 s
 * here against ~1.65 s in the subprocess; the whole monorepo (19,740 files, half of them Elixir, whose
 * grammar runs in a subprocess either way) ~3.4 s here against ~3.1 s there, where the Elixir and
 * TypeScript lanes overlap.
 */
const IN_PROCESS_READ_LIMIT = 12_000;

/** Above this many changed files, the index is rebuilt by the engine rather than file by file. */
const MAX_INCREMENTAL_FILES = 32;

/** A changed file, as the re-stat saw it. */
type Changed = { path: string; kind: FileKind; mtimeMs: number; size: number; ctimeMs: number };

export class ProjectIndex {
  private readonly entries = new Map<string, Entry>();
  private config: LoadedConfig;
  /** The stats of the files the config comes from, when it was loaded: a change reloads it. */
  private configStamp: string;
  private scannedAt = 0;
  private generation = 0;
  private built = false;
  /** The last refresh's error: thrown again until the next refresh, which starts over from the engine. */
  private failure: Error | undefined;
  /** Facts of files discovery could not list (their problems), from the last build. */
  private unlisted: FileFacts[] = [];
  /** The last walk, reused while no folder changes. */
  private listing: ListingStamp | undefined;
  private cached: { generation: number; byFile: Map<string, Finding[]> } | undefined;
  private readonly overlay = new Map<string, { hash: string; byFile: Map<string, Finding[]> }>();
  /** How many times the engine has built this index. */
  builds = 0;
  /** Where the engine last built it: in this process or in a subprocess (see collectHere). */
  lastBuild: "in-process" | "subprocess" | undefined;
  /** IN_PROCESS_READ_LIMIT, which tests lower to exercise the subprocess. */
  static inProcessReadLimit = IN_PROCESS_READ_LIMIT;
  /** A file of the tree ran out of stack in this process: the index is built by the engine's subprocess. */
  private needsLargeStack = false;

  private constructor(
    readonly root: string,
    /** The fact cache's folder (default: the CLI's), or false for none. */
    private readonly cacheLocation: string | false | undefined,
  ) {
    this.configStamp = configStamp(root);
    this.config = loadConfig(root);
  }

  private static readonly indexes = new Map<string, ProjectIndex>();

  static for(root: string, cacheLocation?: string | false): ProjectIndex {
    const key = JSON.stringify([root, cacheLocation ?? null]);
    let index = ProjectIndex.indexes.get(key);
    if (!index) ProjectIndex.indexes.set(key, (index = new ProjectIndex(root, cacheLocation)));
    return index;
  }

  /** Findings for one file, with its in-memory text taking the place of what is on disk. */
  findingsFor(absolutePath: string, text: string): Finding[] {
    this.refresh();
    const shared = this.analysis(); // first: a new generation makes every unsaved buffer's analysis stale
    const file = relative(this.root, absolutePath).split(sep).join("/");
    const entry = this.entries.get(file);
    // What the engine does not parse, or parses only in its own process (Elixir), is taken as on disk.
    if (!entry || entry.unreadable || entry.skipped || entry.kind === "elixir" || entry.kind === "mix-lock") return shared.get(file) ?? [];
    const hash = hashOf(text);
    // Unchanged buffer (the common case in a CLI run): the shared analysis serves every file.
    if ((entry.textHash ??= this.diskHash(file)) === hash) return shared.get(file) ?? [];
    const liveFacts = factsFor(file, entry.kind, { text }, this.config.config);
    // An edit that changes no fact (the common case while typing) needs no new analysis.
    if (sameFacts(entry.facts ?? this.diskFacts(file, entry), liveFacts)) return shared.get(file) ?? [];
    const hit = this.overlay.get(file);
    if (hit && hit.hash === hash) return hit.byFile.get(file) ?? [];
    const facts = this.allFacts().filter((f) => f.file !== file);
    if (liveFacts) facts.push(liveFacts);
    const byFile = this.findings(facts, { file, text });
    this.overlay.set(file, { hash, byFile });
    return byFile.get(file) ?? [];
  }

  /** The hash of a file's text on disk, when the engine did not hash it (no cache). */
  private diskHash(file: string): string | undefined {
    const read = readSourceFileSync(this.root, file, this.config.config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    return "text" in read ? hashOf(read.text) : undefined;
  }

  /**
   * The CLI's findings for these facts, by file: the analysis, then the config's baseline, which needs
   * the findings' fingerprints (their lines, from the editor's text for the file it holds).
   */
  private findings(facts: FileFacts[], buffer?: { file: string; text: string }): Map<string, Finding[]> {
    let report = analyzeFacts(this.root, facts, this.config).report;
    if (this.config.config.baseline) {
      fingerprintFindings(report.findings, sourceLines(this.root, buffer));
      report = withBaseline(this.root, report, this.config, {});
    }
    return groupByFile(report.findings);
  }

  /** The facts of a file's text on disk, for a file the engine skipped (they did not matter to it). */
  private diskFacts(file: string, entry: Entry): FileFacts | undefined {
    if (entry.diskFacts === undefined) {
      const config = this.config.config;
      entry.diskFacts = factsFor(file, entry.kind, readSourceFileSync(this.root, file, config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE), config) ?? null;
    }
    return entry.diskFacts ?? undefined;
  }

  private analysis(): Map<string, Finding[]> {
    if (this.cached?.generation !== this.generation) {
      const facts = this.allFacts();
      this.cached = { generation: this.generation, byFile: this.findings(facts) };
      this.overlay.clear();
    }
    return this.cached.byFile;
  }

  /**
   * Brings the index up to date, at most once a second (a failure too is retried only then): built by
   * the engine the first time, after a failure and when the config changed; else the tree is re-statted
   * and what changed re-extracted (see the header).
   */
  refresh(force = false): void {
    if (!force && Date.now() - this.scannedAt < RESCAN_MS) {
      if (this.failure) throw this.failure;
      return;
    }
    try {
      const stamp = configStamp(this.root);
      if (stamp !== this.configStamp) {
        this.config = loadConfig(this.root);
        this.configStamp = stamp;
        this.built = false; // facts depend on the config (scopes, emitters): the engine starts over
      }
      if (this.built) this.update();
      else this.rebuild();
      this.failure = undefined;
    } catch (error) {
      this.failure = error as Error;
      this.built = false;
      this.generation++;
      throw error;
    } finally {
      this.scannedAt = Date.now(); // after the work: a long build is not followed at once by a re-walk
    }
  }

  /** The whole index from the engine (through the fact cache). */
  private rebuild(): void {
    const here = this.collectHere();
    const project = here ?? collectInSubprocess(this.root, this.cacheLocation);
    this.lastBuild = here ? "in-process" : "subprocess";
    this.builds++;
    const byFile = new Map(project.facts.map((f) => [f.file, f]));
    this.entries.clear();
    for (const file of project.files) {
      this.entries.set(file.path, {
        kind: file.kind,
        mtimeMs: file.mtimeMs,
        size: file.size,
        facts: byFile.get(file.path),
        ...(file.hash ? { textHash: file.hash } : {}),
        ...(file.unreadable ? { unreadable: file.unreadable } : {}),
        ...(file.skipped ? { skipped: true as const } : {}),
      });
      byFile.delete(file.path);
    }
    this.unlisted = [...byFile.values()]; // files discovery could not list: their problems
    this.built = true;
    this.generation++;
  }

  /**
   * The engine's collection run in this process, where TypeScript's parser is usually loaded already (by
   * ESLint's own parser) and no second Node starts; Elixir files go to the Elixir thread. Undefined when
   * more of the tree's files than IN_PROCESS_READ_LIMIT have a content the fact cache does not know (the
   * subprocess engine reads them faster on two threads), when the Elixir thread failed (the engine's
   * subprocess then does it all, and says what is wrong in one line if it fails too), or when a file ran
   * out of stack here: then the build still finishes and saves the cache, so that the engine's subprocess
   * reads only such files again, on a large-stack thread; later builds of this index go there directly.
   */
  private collectHere(): ProjectFacts | undefined {
    if (this.needsLargeStack) return undefined;
    const cacheLocation = cacheFolderFor(this.root, this.cacheLocation);
    const config = this.config;
    let overflowed = false;
    const parse = (jobs: ParseJob[]): (FileFacts | null)[] => {
      const results = parseHere(jobs, config.config);
      overflowed ||= results.some((facts) => facts?.stackOverflow);
      return results;
    };
    let project: ProjectFacts | undefined;
    try {
      project = collectProjectSync({ root: this.root, config, ...(cacheLocation ? { cacheLocation } : {}), readLimit: ProjectIndex.inProcessReadLimit, parse });
    } catch (error) {
      if (error instanceof ElixirParserFailed) return undefined;
      throw error;
    }
    if (overflowed) this.needsLargeStack = true;
    return overflowed ? undefined : project;
  }

  /** Re-stats the tree; re-extracts the files whose mtime or size changed, or rebuilds (see the header). */
  private update(): void {
    const seen = new Set<string>();
    const changed: Changed[] = [];
    const { files, problems } = this.listFiles();
    for (const file of files) {
      seen.add(file.path);
      const info = statSync(join(this.root, file.path), { throwIfNoEntry: false });
      if (!info) continue;
      const previous = this.entries.get(file.path);
      if (previous && previous.mtimeMs === info.mtimeMs && previous.size === info.size && (!previous.unreadable || previous.unreadable.ctimeMs === info.ctimeMs)) continue;
      changed.push({ path: file.path, kind: file.kind, mtimeMs: info.mtimeMs, size: info.size, ctimeMs: info.ctimeMs });
    }
    const deleted = [...this.entries.keys()].filter((path) => !seen.has(path));
    const unlisted = discoveryProblemFacts(problems);
    const unlistedChanged = JSON.stringify(unlisted) !== JSON.stringify(this.unlisted);
    this.unlisted = unlisted;
    if (changed.length === 0 && deleted.length === 0) {
      if (unlistedChanged) this.generation++;
      return;
    }
    // A checkout or a generator: the engine (with its cache) does it faster than file by file here.
    if (changed.length > MAX_INCREMENTAL_FILES) return this.rebuild();
    const before = this.allFacts();
    const beforeKey = secondPassKey(before);
    try {
      this.reextract(changed, secondPassTokens(before));
    } catch (error) {
      // The Elixir thread failed: the engine's subprocess builds the index instead (collectHere).
      if (error instanceof ElixirParserFailed) return this.rebuild();
      throw error;
    }
    for (const path of deleted) this.entries.delete(path);
    // The engine parses some files only for what others define (wrappers, imported modules, see
    // discover/prefilter.ts): when that changed, files unchanged on disk may now matter, or no longer.
    if (secondPassKey(this.allFacts()) !== beforeKey) return this.rebuild();
    this.generation++;
  }

  /**
   * Changed files, each decided as the engine decides (examine.ts: read, hash, minified bundles and the
   * first-pass prefilter; then the second pass's tokens) and parsed only then: in-process, Elixir files
   * by the Elixir thread. A file the engine would skip gets no facts here either.
   */
  private reextract(changed: Changed[], tokens: SecondPassTokens): void {
    const config = this.config.config;
    const maxFileSize = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const elixir: { file: string; text: string }[] = [];
    for (const c of changed) {
      const scanned = examineFile(this.root, { path: c.path, kind: c.kind }, config, true);
      if (!("entry" in scanned)) {
        // Unreadable: its problem, under the stat of the read that failed.
        const stat = scanned.stat ?? c;
        this.entries.set(c.path, { kind: c.kind, mtimeMs: stat.mtimeMs, size: stat.size, facts: scanned.problem, unreadable: { ctimeMs: stat.ctimeMs } });
        continue;
      }
      const { entry } = scanned;
      const base: Entry = { kind: c.kind, mtimeMs: entry.mtimeMs, size: entry.size, facts: undefined, textHash: entry.hash, ...(entry.generated ? { skipped: true as const } : {}) };
      let text = scanned.text;
      if (!entry.generated && !entry.firstPass && secondPassCanMatch(c.kind, c.path, tokens)) {
        const read = readSourceFileSync(this.root, c.path, maxFileSize);
        if ("text" in read && needsSecondPass(c.kind, c.path, read.text, tokens)) text = read.text;
      }
      this.entries.set(c.path, base);
      if (entry.generated || text === undefined) continue;
      if (isElixir(c.kind)) elixir.push({ file: c.path, text });
      else base.facts = factsFor(c.path, c.kind, { text }, config);
    }
    if (elixir.length) {
      const facts = ElixirThread.shared().submit(elixir).wait();
      elixir.forEach((e, i) => (this.entries.get(e.file)!.facts = facts[i] ?? undefined));
    }
  }

  /** The tree's files: the last walk's when no folder or .gitignore changed since (discover/listing.ts), as the CLI does. */
  private listFiles(): { files: DiscoveredFile[]; problems: DiscoveryProblem[] } {
    const config = this.config.config;
    const key = JSON.stringify([this.root, config.include ?? [], config.exclude ?? []]);
    const reused = reuseListing(this.root, this.listing, key);
    if (reused) return { files: reused, problems: [] }; // a walk with problems is never kept
    const walk = discover(this.root, { include: config.include, exclude: config.exclude }, [], true);
    // A cache folder inside the tree changes with every engine run: a walk that listed it is not kept.
    const cache = typeof this.cacheLocation === "string" ? relative(this.root, this.cacheLocation).split(sep).join("/") : "";
    const volatile = cache && !cache.startsWith("..") && !isAbsolute(cache) ? [cache] : [];
    this.listing = stampListing(walk, key, Date.now(), RACY_WINDOW_MS, volatile);
    return walk;
  }

  private allFacts(): FileFacts[] {
    return [...this.unlisted, ...[...this.entries.values()].flatMap((e) => (e.facts ? [e.facts] : []))];
  }
}

/** The stats of the files a root's config may come from (loadConfig): its own file and package.json. */
function configStamp(root: string): string {
  return JSON.stringify(
    [CONFIG_FILE_NAME, "package.json"].map((name) => {
      const info = statSync(join(root, name), { throwIfNoEntry: false });
      return info ? [info.size, info.mtimeMs, info.ino] : null;
    }),
  );
}

/** What the engine's second pass looks for in the files the first pass skips. */
function secondPassKey(facts: readonly FileFacts[]): string {
  const tokens = secondPassTokens(facts);
  return JSON.stringify([tokens.elixirCalls?.source ?? "", tokens.tsImports?.source ?? "", [...tokens.importedPaths].sort()]);
}

/** The engine's collection over `root`, run by a node subprocess with the CLI's fact cache. */
function collectInSubprocess(root: string, cacheLocation: string | false | undefined): ProjectFacts {
  const script = join(packageRoot(), "dist", "cli", "eslint-facts.js");
  const cache = cacheLocation === false ? ["--no-cache"] : cacheLocation ? [cacheLocation] : [];
  let out: Buffer;
  try {
    out = execFileSync(process.execPath, [script, root, ...cache], { maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    throw new Error(subprocessError(error));
  }
  return deserialize(out) as ProjectFacts;
}

/** A failed subprocess in one line: the engine's own errors are one line; a crash's stack starts with a source line, so its message is taken. */
function subprocessError(error: unknown): string {
  const lines = String((error as { stderr?: Buffer }).stderr ?? "").split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^\w*Error\b/.test(l)) ?? lines[0] ?? (error as Error).message;
}

const isElixir = (kind: FileKind): boolean => kind === "elixir" || kind === "mix-lock";

/**
 * A round of the in-process build (collectProjectSync): Elixir files handed to the Elixir thread first,
 * then TS/JS, dashboards, rule files and manifests parsed here meanwhile.
 */
function parseHere(jobs: ParseJob[], config: LoadedConfig["config"]): (FileFacts | null)[] {
  const elixir = jobs.flatMap((job) => (isElixir(job.kind) ? [{ file: job.path, text: job.text }] : []));
  const pending = elixir.length ? ElixirThread.shared().submit(elixir) : undefined;
  const here = jobs.map((job) => (isElixir(job.kind) ? null : (factsFor(job.path, job.kind, { text: job.text }, config) ?? null)));
  const elixirFacts = pending?.wait() ?? [];
  let next = 0;
  return jobs.map((job, i) => (isElixir(job.kind) ? elixirFacts[next++]! : here[i]!));
}


function groupByFile(findings: Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = map.get(f.file);
    if (list) list.push(f);
    else map.set(f.file, [f]);
  }
  return map;
}

/** Equal facts; a file with none is the same as a file the engine's prefilter never parsed. */
const sameFacts = (a: FileFacts | undefined, b: FileFacts | undefined): boolean => JSON.stringify(someFacts(a)) === JSON.stringify(someFacts(b));

function someFacts(facts: FileFacts | undefined): FileFacts | undefined {
  if (!facts) return undefined;
  const holdsSomething = Object.entries(facts).some(([key, value]) => key !== "file" && key !== "language" && (Array.isArray(value) ? value.length > 0 : value !== undefined));
  return holdsSomething ? facts : undefined;
}

/** The plugin's shared settings (`settings.telemetryDrift`). */
export interface PluginSettings {
  /** The analysis root; default: the nearest folder with a telemetry-drift config, package.json or mix.exs. */
  root?: string;
  /** The fact cache's folder (as the CLI's `--cache-location`), or false for none; default: the CLI's. */
  cacheLocation?: string | false;
}

export function pluginSettings(settings: unknown): PluginSettings {
  const given = (settings as { telemetryDrift?: unknown } | undefined)?.telemetryDrift;
  return typeof given === "object" && given !== null ? (given as PluginSettings) : {};
}

/** `settings.telemetryDrift.root`, else the nearest folder with a telemetry-drift config or package.json. */
export function projectRoot(filename: string, cwd: string, settings: unknown): string {
  const configured = pluginSettings(settings).root;
  if (configured) return resolve(cwd, configured);
  let dir = dirname(resolve(cwd, filename));
  for (;;) {
    if (existsSync(join(dir, "telemetry-drift.config.json")) || existsSync(join(dir, "package.json")) || existsSync(join(dir, "mix.exs"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return cwd;
    dir = parent;
  }
}
