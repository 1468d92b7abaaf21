// Collecting per-file facts: discovery, then a scan that brings every file's cache entry up to date
// (stat only when size and mtime prove it unchanged, else read and hash), then extraction in two
// passes: the first parses only files whose text can hold a fact; the second parses the rest that call
// a wrapper or import a module the first pass found (see discover/prefilter.ts).
import { statSync } from "node:fs";
import { emptyFacts, type FileFacts } from "../model.js";
import { DEFAULT_MAX_FILE_SIZE, type Config } from "../config/config.js";
import { discover, type DiscoveredFile, type DiscoveryProblem, type FileKind } from "../discover/discover.js";
import { needsSecondPass, secondPassCanMatch, secondPassTokens, type SecondPassTokens } from "../discover/prefilter.js";
import { readCheckedBytesSync, textOf } from "./read.js";
import { parseAll, ParseThread, type ParseJob } from "./pool.js";
import { contentHash, FactCache, fileHash, RACY_WINDOW_MS, type CacheEntry } from "./cache.js";
import { reuseListing, stampListing } from "../discover/listing.js";
import { examineClaimed, examineFile, isAscii, prefilterView, type ScannedFile } from "./examine.js";
import type { LaneTiming, PhaseClock } from "./timings.js";

export type { ScannedFile } from "./examine.js";

export interface CollectOptions {
  /** The fact cache (default: none). */
  cache?: FactCache;
  /** Called after each parsed file (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
  /** Parse threads besides the main one (default 0); the first takes the TS/JS and rule-file lane (see THREAD_KINDS in collect.ts). */
  workers?: number;
}

export interface Scan {
  /** Every file's state; computed on first use (a run that reuses its report never needs it). */
  readonly files: ScannedFile[];
  /** Identifies the whole input (every path and content hash), when every file could be read. */
  inputKey: string | undefined;
}

/** A stat taken by the fast path, kept as numbers (size -1: not a readable file). */
type Stat = { size: number; mtimeMs: number } | undefined;

/**
 * Discovery plus one stat per file. When every stat matches the cache, the input key comes from the
 * index alone (no read, no entry object); otherwise each file is brought up to date (read and hashed
 * where its stat changed), reusing the stats already taken.
 */
export async function scanFiles(root: string, config: Config, paths: string[], cache: FactCache, lane?: LaneThread, linksInto?: string, clock?: PhaseClock): Promise<Scan> {
  const start = startScan(root, config, paths, cache, lane, linksInto, clock);
  if ("scan" in start) {
    clock?.lap("scan");
    return start.scan;
  }
  const { discovered, statOf } = start;
  // The lane's files never seen before (all of them in a cold run) are examined on the lane thread while
  // this one reads the rest, then by both, each claiming the next file from a shared counter; then the
  // thread loads its parsers, since such a file may be parsed.
  const unseen = lane ? discovered.filter((file) => THREAD_KINDS.has(file.kind) && !cache.get(file.path)) : [];
  const claims = new Int32Array(new SharedArrayBuffer(4));
  const elsewhere = unseen.length >= LANE_SCAN_MIN_FILES ? lane?.examine(root, unseen, cache.enabled, claims) : undefined;
  if (elsewhere) lane!.prepare(unseen.map((file) => file.kind));
  const delegated = new Set(elsewhere ? unseen : []);
  if (clock) clock.timings.files.read += delegated.size;
  const files = discovered.map((file, i): ScannedFile => (delegated.has(file) ? { file, problem: undefined } : scanFile(root, file, cache, config, statOf(i), lane, clock)));
  if (elsewhere) {
    const here = examineClaimed(root, unseen, config, cache.enabled, claims);
    const examined = new Map([...here, ...(await elsewhere)].map((scanned): [string, ScannedFile] => [scanned.file.path, scanned]));
    files.forEach((scanned, i) => {
      if (!delegated.has(scanned.file)) return;
      const done = examined.get(scanned.file.path) ?? examineFile(root, scanned.file, config, cache.enabled);
      if ("entry" in done) cache.set(done.file.path, done.entry);
      files[i] = { ...done, file: scanned.file };
    });
  }
  const scan = finishScan(files, start.problems, cache);
  clock?.lap("scan");
  return scan;
}

/**
 * scanFiles on this thread alone, without waiting on anything: the same scan (the ESLint plugin's
 * in-process index). Undefined, before any such file is read, when more than `readLimit` files have a
 * content the cache does not know: a path it has no entry for, or a stat that differs from its entry's.
 * The walk is then kept in the cache (its listing, see discover/listing.ts), so that the run that reads
 * the tree next (the plugin's subprocess) need not walk it again.
 */
export function scanFilesSync(root: string, config: Config, paths: string[], cache: FactCache, readLimit = Infinity): Scan | undefined {
  const start = startScan(root, config, paths, cache, undefined, undefined);
  if ("scan" in start) return start.scan;
  const stats = start.discovered.map((file, i): Stat => (cache.get(file.path) ? (start.statOf(i) ?? fileStat(root, file.path) ?? { size: -1, mtimeMs: -1 }) : undefined));
  let unknown = 0;
  for (const [i, file] of start.discovered.entries()) {
    const cached = cache.get(file.path);
    const stat = stats[i];
    // A racy entry (written in the same instant as its file) is read again to compare hashes, but parsed only if they differ.
    if ((!cached || !stat || cached.size !== stat.size || cached.mtimeMs !== stat.mtimeMs) && ++unknown > readLimit) {
      cache.save(false);
      return undefined;
    }
  }
  const files = start.discovered.map((file, i) => scanFile(root, file, cache, config, stats[i]));
  return finishScan(files, start.problems, cache);
}

/** Discovery and the stat fast path: the whole scan when every stat matches the cache, else what is left to do. */
function startScan(
  root: string,
  config: Config,
  paths: string[],
  cache: FactCache,
  lane: LaneThread | undefined,
  linksInto: string | undefined,
  clock?: PhaseClock,
): { scan: Scan } | { discovered: DiscoveredFile[]; problems: DiscoveryProblem[]; statOf: (i: number) => Stat } {
  // A whole-tree run reuses the last walk when no folder and no .gitignore changed (discover/listing.ts).
  const listingKey = JSON.stringify([config.include ?? [], config.exclude ?? []]);
  const reused = paths.length === 0 && cache.enabled && !linksInto ? reuseListing(root, cache.listing, listingKey) : undefined;
  const walk = reused ? { files: reused, problems: [] } : discover(root, { include: config.include, exclude: config.exclude, ...(linksInto ? { linksInto } : {}) }, paths, cache.enabled);
  const stamp = reused ? undefined : stampListing(walk, listingKey, Date.now(), RACY_WINDOW_MS, [cache.folderWithin(root) ?? []].flat());
  if (stamp) cache.storeListing(stamp);
  const { files: discovered, problems } = walk;
  if (clock) {
    clock.lap("discover");
    clock.timings.files.listed = discovered.length;
  }
  // Stats as numbers in typed arrays: thousands of retained Stats objects would cost more in GC than the stat calls.
  const sizes = new Float64Array(discovered.length);
  const mtimes = new Float64Array(discovered.length);
  let statted = 0;
  const statOf = (i: number): Stat => (i < statted ? { size: sizes[i]!, mtimeMs: mtimes[i]! } : undefined);
  if (cache.enabled && problems.length === 0) {
    const parts: string[] = [];
    for (const file of discovered) {
      const vouched = cache.vouchedEntry(file.path);
      if (vouched) {
        sizes[statted] = vouched.size;
        mtimes[statted++] = vouched.mtimeMs;
        parts.push(`${file.path}\u0000${vouched.hash}`);
        continue;
      }
      const info = statSync(`${root}/${file.path}`, { throwIfNoEntry: false });
      const isFile = info?.isFile() === true;
      sizes[statted] = isFile ? info!.size : -1;
      mtimes[statted++] = isFile ? info!.mtimeMs : -1;
      let hash = isFile ? cache.freshHash(file.path, info!.size, info!.mtimeMs) : undefined;
      // Touched but unchanged (a checkout, an editor's save): the content hash decides, as in scanFile.
      if (hash === undefined && isFile) hash = touchedButSame(root, file, cache, config, clock);
      if (hash === undefined) break;
      parts.push(`${file.path}\u0000${hash}`);
    }
    if (parts.length === discovered.length) {
      for (const file of discovered) cache.touch(file.path);
      let full: ScannedFile[] | undefined;
      return {
        scan: {
          inputKey: contentHash(parts.join("\n")),
          get files() {
            return (full ??= discovered.map((file, i) => scanFile(root, file, cache, config, statOf(i), lane)));
          },
        },
      };
    }
  }
  return { discovered, problems, statOf };
}

/** The scan's files with discovery's problems, and the input key when every file could be read. */
function finishScan(files: ScannedFile[], problems: DiscoveryProblem[], cache: FactCache): Scan {
  for (const facts of discoveryProblemFacts(problems)) files.push({ file: { path: facts.file, kind: "json" }, problem: facts, unlisted: true });
  let inputKey: string | undefined;
  if (cache.enabled && files.every((f) => "entry" in f)) {
    inputKey = contentHash(files.map((f) => `${f.file.path}\u0000${(f as { entry: CacheEntry }).entry.hash}`).join("\n"));
  }
  return { files, inputKey };
}

/** Files discovery could not list (undecodable names, unusable .gitignore lines): one problem each. */
export function discoveryProblemFacts(problems: readonly DiscoveryProblem[]): FileFacts[] {
  return problems.map((p) => {
    const facts = emptyFacts(p.path);
    facts.problems.push({ loc: { file: p.path, line: p.line ?? 1, column: 1 }, message: p.message });
    return facts;
  });
}

/** The cached hash of a file whose stat changed but whose content did not (its entry refreshed), else undefined. */
function touchedButSame(root: string, file: DiscoveredFile, cache: FactCache, config: Config, clock?: PhaseClock): string | undefined {
  const cached = cache.get(file.path);
  if (!cached) return undefined;
  const read = readCheckedBytesSync(root, file.path, config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  if (!("bytes" in read) || fileHash(read.bytes) !== cached.hash) return undefined; // the scan reads it again (and counts it)
  if (clock) clock.timings.files.read++;
  return cache.refresh(file.path, cached, read.size, read.mtimeMs).hash;
}

/** Below this many unseen files of the lane's kinds, examining them on the lane thread costs more in messages than it saves. */
const LANE_SCAN_MIN_FILES = 200;

function fileStat(root: string, path: string): Stat {
  const info = statSync(`${root}/${path}`, { throwIfNoEntry: false });
  return info?.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : undefined;
}

type Job = { file: DiscoveredFile; entry: CacheEntry; text: string };
type Deferred = { file: DiscoveredFile; entry: CacheEntry; specifiers?: string };

/**
 * The kinds parsed on the lane thread: TypeScript/JavaScript, whose parser alone takes a quarter of a
 * second to load, and Prometheus rule files, whose YAML parser only they need. Everything else stays on
 * the main thread: the Elixir files, and the dashboards, which share the PromQL grammar with the rule
 * files but are far more (a thread warms up the grammar on a few rule files, ~200 queries at scale 10,
 * cheaply; sharing the dashboards too warmed it up twice for no gain, see the README's Performance
 * section). The split follows the second pass's dependencies: which Elixir files it wants depends only
 * on Elixir facts (wrappers), which TS/JS files only on TS/JS facts (imports), and rule files are
 * parsed in the first pass alone, so each lane runs its passes on its own. (The one way across: a TS/JS
 * import naming a file of another kind the first pass skipped, `import "./names.ex"`, which no
 * toolchain resolves; such a file is not parsed for it.)
 */
const THREAD_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(["typescript", "yaml"]);

/**
 * The first-pass work each lane needs before a lane thread is worth starting: the thread costs a start
 * and copies, and gains only while both threads have work to overlap. A file whose parser takes long to
 * load (Elixir's grammar, TypeScript) is enough on its own; else this many dashboards, rule files or
 * manifests. A TS/JS project with a few dashboards, an Elixir project with a few rule files, or a run
 * that re-parses one edited file is parsed in place.
 */
const WORK_TO_OVERLAP = 16;
const workOf = (kind: FileKind): number => (kind === "elixir" || kind === "mix-lock" || kind === "typescript" ? WORK_TO_OVERLAP : 1);
const workOfAll = (kinds: readonly FileKind[]): number => kinds.reduce((work, kind) => work + workOf(kind), 0);

/** Starts the lane thread on first need (see THREAD_KINDS), so that its parsers load while the main thread still reads. */
export class LaneThread {
  private thread: ParseThread | undefined | null;
  private closed = false;
  /** First-pass work seen so far, per lane (see workOf), and the lane kinds among it. */
  private laneWork = 0;
  private mainWork = 0;
  private readonly laneKinds = new Set<FileKind>();
  /** The kinds whose parsers the thread was asked to load. */
  private readonly prepared = new Set<FileKind>();
  constructor(
    private readonly config: Config,
    private readonly workers: number,
    /** Kept open across runs (see SharedRuns in run.ts): `close` leaves it running, `dispose` stops it. */
    private readonly keptOpen = false,
  ) {}
  /**
   * Called for each file the first pass will parse: once both lanes have work (or the thread exists
   * already, examining), the thread (started if need be) loads the parsers of the lane's kinds so far.
   */
  want(kind: FileKind): void {
    if (THREAD_KINDS.has(kind)) {
      this.laneWork += workOf(kind);
      this.laneKinds.add(kind);
    } else this.mainWork += workOf(kind);
    if (this.worthPreparing(this.laneWork, this.mainWork)) this.prepare([...this.laneKinds]);
  }
  /** As want(), at once for a round's first-pass files (those the scan found in the cache are not wanted as scanned). */
  wantAll(laneKinds: readonly FileKind[], mainKinds: readonly FileKind[]): void {
    if (this.worthPreparing(workOfAll(laneKinds), workOfAll(mainKinds))) this.prepare(laneKinds);
  }
  private worthPreparing(laneWork: number, mainWork: number): boolean {
    return this.thread ? laneWork > 0 : laneWork >= WORK_TO_OVERLAP && mainWork >= WORK_TO_OVERLAP;
  }
  /** The thread (started if need be) loads the parsers of these lane kinds, those it was not asked for yet. */
  prepare(kinds: Iterable<FileKind>): void {
    if (this.closed || this.workers < 1) return;
    const missing = [...new Set(kinds)].filter((kind) => THREAD_KINDS.has(kind) && !this.prepared.has(kind));
    if (missing.length === 0) return;
    for (const kind of missing) this.prepared.add(kind);
    if (this.thread === undefined) this.thread = ParseThread.start(this.config, missing) ?? null;
    else this.thread?.prepare(missing);
  }
  /**
   * Has the thread (started now, before it loads any parser) examine the files it claims (see
   * examineClaimed); undefined where there is no thread. A file the thread claimed but never answered
   * for (it failed) is for the caller to examine: the same entry either way.
   */
  examine(root: string, files: DiscoveredFile[], hashing: boolean, claims: Int32Array): Promise<ScannedFile[]> | undefined {
    if (this.closed || this.workers < 1) return undefined;
    if (this.thread === undefined) this.thread = ParseThread.start(this.config, []) ?? null;
    return this.thread?.examine(root, files, hashing, claims);
  }
  get(): ParseThread | undefined {
    return this.thread ?? undefined;
  }
  /** Stops the thread at the end of a run (unless kept open for the next one). */
  async close(): Promise<void> {
    if (!this.keptOpen) await this.dispose();
  }
  async dispose(): Promise<void> {
    this.closed = true;
    await this.thread?.close();
  }
}

/** One lane: its files' facts so far, its first round and the files its second pass may still want. */
interface Lane {
  facts: FileFacts[];
  first: Job[];
  deferred: Deferred[];
}

/** A round's results, in job order (null: the file yields no facts). */
type Parsed = (FileFacts | null)[];

/** Extraction over a scan: the two passes, in two lanes (see THREAD_KINDS). Saves the cache at the end. */
export async function extractScanned(
  root: string,
  config: Config,
  scan: Scan,
  options: CollectOptions & { wholeTree: boolean; lane?: LaneThread; /** false: the caller saves the cache later (once, with its report). */ save?: boolean; clock?: PhaseClock },
): Promise<FileFacts[]> {
  const cache = options.cache ?? FactCache.disabled();
  const maxSize = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const workers = options.workers ?? 0;
  const laneThread = options.lane ?? new LaneThread(config, workers);
  let parsed = 0;
  let planned = 0;
  const progress = (count: number) => options.onProgress?.((parsed += count), planned);

  const { problems, onMain, onThread } = splitLanes(root, scan, cache, maxSize);
  laneThread.wantAll(onThread.first.map((job) => job.file.kind), onMain.first.map((job) => job.file.kind));
  const thread = laneThread.get();
  /** The main thread's parsing yields now and then when a lane thread waits to be fed. */
  const yieldEvery = thread ? 8 : undefined;
  const { clock } = options;
  /** With a clock, each parsed file's time is handed to it (the slowest files of `--performance`). */
  const timed = async (jobs: Job[], parse: (times: number[] | undefined) => Promise<Parsed>): Promise<Parsed> => {
    const times: number[] | undefined = clock ? [] : undefined;
    const results = await parse(times);
    if (clock && times) jobs.forEach(({ file }, i) => clock.fileParsed({ file: file.path, kind: file.kind, ms: times[i] ?? 0 }));
    return results;
  };
  const parseOnMain = (jobs: Job[]) => timed(jobs, (times) => parseAll(toParseJobs(jobs), config, workers - 1, progressOf(jobs.length), yieldEvery, times));
  const parseOnThread = thread
    ? (jobs: Job[]) =>
        timed(jobs, async (times) => {
          const results = await thread.parse(toParseJobs(jobs), times);
          progress(jobs.length);
          return results;
        })
    : (jobs: Job[]) => timed(jobs, (times) => parseAll(toParseJobs(jobs), config, 0, progressOf(jobs.length), undefined, times));
  function progressOf(total: number): (count: number) => void {
    let reported = 0;
    return (count) => {
      progress(count - reported);
      reported = count;
    };
  }

  /** The first lane error: the other lane stops at its next step, and this one is what the caller sees. */
  let failure: { error: unknown } | undefined;
  let failed = false;
  let deep: ParseThread | undefined | null;
  /** Files a parser could not finish on its thread's stack are read again on a thread with a large one. */
  const redoOverflowed = async (round: Job[], results: Parsed): Promise<void> => {
    const redo = round.flatMap((job, i) => (results[i]?.stackOverflow ? [i] : []));
    if (redo.length === 0 || failed) return;
    deep ??= ParseThread.start(config, [], true) ?? null;
    if (!deep) return; // no threads here (a bundle): the verdict of the thread at hand stands
    const again = await deep.parse(toParseJobs(redo.map((i) => round[i]!)));
    redo.forEach((index, k) => (results[index] = again[k] ?? null));
  };
  let parsedWithFacts = 0;
  const runLane = async (lane: Lane, parse: (jobs: Job[]) => Promise<Parsed>): Promise<void> => {
    const timing = clock ? { lane: lane === onThread ? ("thread-kinds" as const) : ("other" as const), ownThread: lane === onThread && Boolean(thread), rounds: 0, files: {} as LaneTiming["files"] } : undefined;
    try {
      const rounds = lanePasses(lane, root, cache, maxSize);
      for (let step = rounds.next(); !step.done; ) {
        const round = step.value;
        if (failed) throw new Error("the other lane failed");
        planned += round.length;
        const results = await parse(round);
        await redoOverflowed(round, results);
        if (failed) throw new Error("the other lane failed");
        if (timing && round.length > 0) {
          timing.rounds++;
          for (const { file } of round) timing.files[file.kind] = (timing.files[file.kind] ?? 0) + 1;
          parsedWithFacts += results.filter(Boolean).length;
        }
        step = rounds.next(results);
      }
      if (timing) clock!.laneDone(timing);
    } catch (error) {
      failure ??= { error };
      failed = true;
      throw error;
    }
  };

  try {
    // With a lane thread both lanes run at once (the main one yielding to feed the other); without, one
    // after the other. When one lane fails, the other stops at its next round and the first error is
    // thrown only once both have stopped: no work goes on behind the caller's back.
    if (thread) {
      await Promise.allSettled([runLane(onThread, parseOnThread), runLane(onMain, parseOnMain)]);
      if (failure) throw failure.error;
    } else {
      await runLane(onMain, parseOnMain);
      await runLane(onThread, parseOnThread);
    }
  } finally {
    await Promise.all([laneThread.close(), deep?.close()]);
  }
  if (clock) {
    clock.timings.files.factsFromCache = onMain.facts.length + onThread.facts.length - parsedWithFacts;
    clock.lap("parse");
  }
  if (options.save !== false) cache.save(options.wholeTree);
  return collected(problems, onMain, onThread);
}

/**
 * extractScanned on this thread, without waiting on anything: the same lanes, passes and cache, each
 * round handed to `parse` (the ESLint plugin's in-process index, which sends Elixir files to a short
 * subprocess). One lane after the other, as extractScanned does without a thread. There is no
 * large-stack thread to read again a file whose facts say it ran out of stack: such facts are returned,
 * and not cached, for the caller to deal with. A `parse` that throws leaves the cache unsaved. Saves
 * the cache at the end.
 */
export function extractScannedSync(root: string, config: Config, scan: Scan, options: { cache: FactCache; wholeTree: boolean; parse: (jobs: ParseJob[]) => Parsed }): FileFacts[] {
  const maxSize = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const { problems, onMain, onThread } = splitLanes(root, scan, options.cache, maxSize);
  for (const lane of [onMain, onThread]) {
    const rounds = lanePasses(lane, root, options.cache, maxSize);
    for (let step = rounds.next(); !step.done; ) step = rounds.next(step.value.length ? options.parse(toParseJobs(step.value)) : []);
  }
  options.cache.save(options.wholeTree);
  return collected(problems, onMain, onThread);
}

/** The scan's files by lane (see THREAD_KINDS): facts the cache holds, files to parse first, files for the second pass. */
function splitLanes(root: string, scan: Scan, cache: FactCache, maxSize: number): { problems: FileFacts[]; onMain: Lane; onThread: Lane } {
  const problems: FileFacts[] = [];
  const onMain: Lane = { facts: [], first: [], deferred: [] };
  const onThread: Lane = { facts: [], first: [], deferred: [] };
  for (const scanned of scan.files) {
    if ("problem" in scanned) {
      if (scanned.problem) problems.push(scanned.problem);
      continue;
    }
    const { file, entry, text, specifiers } = scanned;
    if (entry.generated) continue; // a minified bundle: never parsed
    const lane = THREAD_KINDS.has(file.kind) ? onThread : onMain;
    if (!entry.firstPass) {
      lane.deferred.push({ file, entry, ...(specifiers !== undefined ? { specifiers } : {}) });
      continue;
    }
    const found = entry.facts === undefined ? undefined : cache.factsOf(file.path, entry);
    if (found === undefined) lane.first.push({ file, entry, text: text ?? readText(root, file, maxSize) ?? "" });
    else if (found) lane.facts.push(found);
  }
  return { problems, onMain, onThread };
}

/**
 * One lane's passes as rounds of files to parse: it yields each round and is handed back the round's
 * results, which it files in the cache and the lane. The first round is the first pass; then the second
 * pass, until nothing new: wrappers' call sites, importers of instrument/constant modules. The same
 * steps whether the rounds are parsed on threads (extractScanned) or in place (extractScannedSync).
 */
function* lanePasses(lane: Lane, root: string, cache: FactCache, maxSize: number): Generator<Job[], void, Parsed> {
  const store = (round: Job[], results: Parsed): void =>
    round.forEach(({ file, entry }, i) => {
      const found = results[i] ?? null;
      // A verdict from a stack too small (no large-stack thread here) is not kept: a later run may do better.
      if (!found?.stackOverflow) cache.storeFacts(file.path, entry, found);
      if (found) lane.facts.push(found);
    });
  store(lane.first, yield lane.first);
  let pending = lane.deferred;
  for (let round = 0; round < 3 && pending.length; round++) {
    const tokens = secondPassTokens(lane.facts);
    if (!tokens.elixirCalls && !tokens.tsImports && tokens.importedPaths.size === 0) break;
    const key = contentHash(`${tokens.elixirCalls?.source ?? ""}\u0000${tokens.tsImports?.source ?? ""}`).slice(0, 16);
    const next: Deferred[] = [];
    const toParse: Job[] = [];
    const before = lane.facts.length;
    for (const item of pending) {
      const { file, entry } = item;
      let text: string | undefined;
      let matched = tokens.importedPaths.has(file.path);
      if (!matched) {
        if (entry.secondPass?.key === key) matched = entry.secondPass.matched;
        else if (!secondPassCanMatch(file.kind, file.path, tokens)) matched = false; // nothing to look for: no read
        else if (item.specifiers !== undefined && file.kind === "typescript" && isAscii(tokens.tsImports!.source)) {
          // Specifiers were kept from a Latin-1 view: exact for ASCII module names (others are read).
          matched = tokens.tsImports!.test(item.specifiers);
          cache.storeSecondPass(file.path, entry, { key, matched });
        } else {
          const look = secondPassText(root, file, maxSize, tokens);
          if (look === undefined) continue; // changed under us: the next run sees it
          matched = look !== false;
          if (look !== false) text = look;
          cache.storeSecondPass(file.path, entry, { key, matched });
        }
      }
      if (!matched) {
        next.push(item);
        continue;
      }
      const found = entry.facts === undefined ? undefined : cache.factsOf(file.path, entry);
      if (found === undefined) {
        text ??= readText(root, file, maxSize);
        if (text !== undefined) toParse.push({ file, entry, text });
      } else if (found) lane.facts.push(found);
    }
    store(toParse, yield toParse);
    pending = next;
    if (lane.facts.length === before) break;
  }
}

/** Every file's facts, in path order. */
function collected(problems: FileFacts[], onMain: Lane, onThread: Lane): FileFacts[] {
  const facts = [...problems, ...onMain.facts, ...onThread.facts];
  return facts.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

const toParseJobs = (jobs: Job[]): ParseJob[] => jobs.map(({ file, text }) => ({ path: file.path, kind: file.kind, text }));

/** Discovery, reading and per-file extraction: everything that touches the file system. */
export async function collectFacts(root: string, config: Config, paths: string[] = [], options: CollectOptions = {}): Promise<FileFacts[]> {
  const cache = options.cache ?? FactCache.disabled();
  const lane = new LaneThread(config, options.workers ?? 0);
  try {
    const scan = await scanFiles(root, config, paths, cache, lane);
    return await extractScanned(root, config, scan, { ...options, cache, wholeTree: paths.length === 0, lane });
  } finally {
    await lane.close();
  }
}

/**
 * A file's cache entry, brought up to date: from the cache when size and mtime prove it current (no
 * read), else from the text (a content-hash hit keeps the facts). Files that cannot be read yield their
 * problem as facts, and are never cached.
 */
function scanFile(root: string, file: DiscoveredFile, cache: FactCache, config: Config, known?: Stat, lane?: LaneThread, clock?: PhaseClock): ScannedFile {
  const vouched = cache.vouchedEntry(file.path);
  if (vouched) {
    cache.touch(file.path);
    return { file, entry: vouched };
  }
  const cached = cache.enabled ? cache.get(file.path) : undefined;
  if (cached) {
    const info = known ?? fileStat(root, file.path);
    if (info && info.size >= 0 && cache.fresh(cached, info.size, info.mtimeMs)) {
      cache.touch(file.path);
      return { file, entry: cached };
    }
  }
  if (clock) clock.timings.files.read++;
  const scanned = examineFile(root, file, config, cache.enabled);
  if (!("entry" in scanned)) return scanned;
  if (cached && cached.hash === scanned.entry.hash) {
    // Touched but unchanged: the cached facts stand, under the new stat (same bytes, same prefilter verdict).
    const entry = cache.refresh(file.path, cached, scanned.entry.size, scanned.entry.mtimeMs);
    return { file, entry, ...(entry.firstPass && scanned.text !== undefined ? { text: scanned.text } : {}) };
  }
  cache.set(file.path, scanned.entry);
  if (scanned.entry.firstPass) lane?.want(file.kind); // its parsers start loading on the other core while this thread reads on
  return scanned;
}

function readText(root: string, file: DiscoveredFile, maxSize: number): string | undefined {
  const read = readCheckedBytesSync(root, file.path, maxSize);
  return "bytes" in read ? textOf(read.bytes) : undefined;
}

/** The second pass's look at a file: its text when the tokens match it, `false` when not, `undefined` when unreadable. */
function secondPassText(root: string, file: DiscoveredFile, maxSize: number, tokens: SecondPassTokens): string | false | undefined {
  const read = readCheckedBytesSync(root, file.path, maxSize);
  if (!("bytes" in read)) return undefined;
  return needsSecondPass(file.kind, file.path, prefilterView(read.bytes, tokens.elixirCalls, tokens.tsImports), tokens) ? textOf(read.bytes) : false;
}

