// The fact cache: per-file facts keyed by content, so an unchanged tree is not parsed again.
//
// An entry is trusted without reading the file when its size and mtime are unchanged (and the mtime was
// not too close to the moment the entry was written: a file edited within the same clock tick would
// look unchanged — git's "racy" case). Otherwise the file is read and its content hash decides, so a
// touched but unchanged file is still a hit. Facts are a pure function of (path, text, extraction
// options); the options and the tool version key the cache files.
//
// Two files: a small index (stat, hash and prefilter verdicts per path, plus the last report) read on
// every run, and a facts store read only when some facts are needed. Facts are stored under a key
// derived from (path, content hash), so an index and a store written by two different concurrent runs
// can never pair wrong facts with a file: a missing key is a miss. Each file is written atomically
// (temp file + rename); a corrupt, truncated or foreign file is ignored and rebuilt. Both hold plain
// data only (v8 serialisation behind a SHA-256 check): nothing in them is ever executed.
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { allSafeRelativePaths, ensureDirectory, gitWorkTree, isSafeRelativePath, notPrivate } from "../util/fs.js";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { FileFacts } from "../model.js";
import type { Report } from "../report/report.js";
import type { ListingStamp } from "../discover/listing.js";
import { TOOL_VERSION } from "../version.js";

export interface CacheEntry {
  size: number;
  mtimeMs: number;
  /** The bytes' `fileHash`: git's object id of them as a blob (identity, not security). */
  hash: string;
  /** Does the text pass the first-pass prefilter? */
  firstPass: boolean;
  /** Once extracted: `null` when the file holds no facts (JSON that is not a dashboard), else `true` (in the store). */
  facts?: true | null;
  /** The last second-pass verdict and the tokens it was made for. */
  secondPass?: { key: string; matched: boolean };
  /** The mtime was too close to the write time to prove the content unchanged: re-hash next time. */
  racy?: true;
  /** A minified bundle (see discover/prefilter.ts `looksMinified`): never parsed. */
  generated?: true;
}

interface StoredReport {
  key: string;
  /** What the report was computed from: the facts that went into it (see run.ts `factsIdentity`). */
  factsKey?: string;
  report: Report;
}

const INDEX_MAGIC = Buffer.from("telemetry-drift index\n");
const STORE_MAGIC = Buffer.from("telemetry-drift facts\n");
const FORMAT = 7;
/** Touched-but-unchanged files re-hashed on the next run instead of rewriting the index for them. */
const REFRESHES_WORTH_A_WRITE = 64;
/** mtimes within this window before the cache write are not trusted (coarse file-system clocks). */
export const RACY_WINDOW_MS = 2000;

export class FactCache {
  private readonly seen = new Set<string>();
  private indexDirty = false;
  /** Facts by store key: loaded on first use; new ones are added here. */
  private store: Map<string, Uint8Array> | undefined;
  private storeDirty = false;
  /** Why a previous cache file was not used, if one existed but was unusable. */
  discarded: string | undefined;

  /**
   * For a cache shared by several runs (see `enter`): the root and extraction options of the run it
   * serves now, and when that run began.
   */
  private sharing: { root: string; optionsKey: string; since: number } | undefined;
  /** For a run over another root: its files the caller vouches are the previous run's own (see `enter`), by hash. */
  private vouched: ReadonlyMap<string, string> | undefined;
  /** A file cache: the root and options its files are for; only a run over those writes them. */
  private openedFor: { root: string; optionsKey: string } | undefined;

  private constructor(
    private readonly files: { index: string; store: string } | undefined,
    private entries: Entries,
    private result: StoredReport | undefined,
    discarded?: string,
    /** The last whole-tree walk (discover/listing.ts). */
    private stamp?: ListingStamp,
  ) {
    this.discarded = discarded;
  }

  /** A cache that remembers nothing (`--no-cache`). */
  static disabled(): FactCache {
    return new FactCache(undefined, new Entries(), undefined);
  }

  /**
   * A cache kept in memory only, shared by several runs of one process over trees that hold mostly the
   * same files (the Action analyses a pull request's head, then its base): a file with the same path and
   * bytes as one already extracted is not parsed again. Nothing is written. Each run calls `enter`.
   */
  static inMemory(): FactCache {
    const cache = new FactCache(undefined, new Entries(), undefined);
    cache.sharing = { root: "", optionsKey: "", since: 0 };
    return cache;
  }

  /**
   * Readies a cache for a run over `root` with these extraction options when several runs share it (an
   * in-memory cache, or a file cache opened for the first of them). Facts extracted with other options
   * are dropped. After a run over another root no stat vouches for a file (another tree's file may have
   * the same size and mtime): each one is read and its content hash decides, as for a touched file
   * (except the `unchanged` files); that run's walk and report are not reused. A file cache is written
   * only by runs over the root and options it was opened for.
   */
  enter(root: string, optionsKey: string, unchanged?: ReadonlyMap<string, string>): FactCache {
    const previous = this.sharing ?? this.openedFor;
    if (!previous) return this; // disabled
    if (previous.optionsKey !== optionsKey) {
      this.entries = new Entries();
      this.store = new Map();
      this.result = undefined;
      this.stamp = undefined;
    } else if (previous.root !== root) {
      // `unchanged`: files of the new root known to be the previous root's own (links to them, with these
      // content hashes): their stat is that file's, so an entry with that very hash still stands by stat.
      for (const [path, entry] of this.entries.all()) if (unchanged?.get(path) !== entry.hash) entry.racy = true;
      this.result = undefined;
      this.stamp = undefined;
    }
    this.vouched = previous.root !== root ? unchanged : undefined;
    this.sharing = { root, optionsKey, since: Date.now() };
    this.seen.clear();
    return this;
  }

  /** May this run write the cache files? Not when a shared file cache serves a run over another root or with other options. */
  private get writable(): boolean {
    return this.files !== undefined && (!this.sharing || !this.openedFor || (this.sharing.root === this.openedFor.root && this.sharing.optionsKey === this.openedFor.optionsKey));
  }

  /**
   * For a shared cache: the entry of a file of the current run whose stat proves its content (as the
   * cache's stat check does): read in this run, with an mtime before the racy window of the run's start.
   */
  provenByStat(path: string): { hash: string; size: number; mtimeMs: number } | undefined {
    const entry = this.sharing ? this.entries.get(path) : undefined;
    if (!entry?.hash || entry.racy || !this.seen.has(path) || entry.mtimeMs >= this.sharing!.since - RACY_WINDOW_MS) return undefined;
    return { hash: entry.hash, size: entry.size, mtimeMs: entry.mtimeMs };
  }

  /**
   * Opens the cache for one set of extraction options under `directory`. A missing index is an empty
   * cache; an unreadable, corrupt or other-version one is an empty cache with `discarded` set.
   */
  static open(directory: string, root: string, optionsKey: string): FactCache {
    // One pair of files per analysis root and option set: runs over other roots never evict these entries.
    const key = createHash("sha256").update(`${TOOL_VERSION}\u0000${FORMAT}\u0000${root}\u0000${optionsKey}`).digest("hex").slice(0, 16);
    const files = { index: join(directory, `index-${key}.bin`), store: join(directory, `facts-${key}.bin`) };
    const cache = FactCache.read(files);
    cache.openedFor = { root, optionsKey };
    return cache;
  }

  private static read(files: { index: string; store: string }): FactCache {
    let bytes: Buffer;
    try {
      bytes = readFileSync(files.index);
    } catch {
      return new FactCache(files, new Entries(), undefined);
    }
    const decoded = decodeIndex(bytes);
    if (typeof decoded === "string") return new FactCache(files, new Entries(), undefined, `${files.index}: ${decoded}; rebuilt`);
    return new FactCache(files, decoded.entries, decoded.result, undefined, decoded.listing);
  }

  /** Does this cache remember anything (then every file read is hashed)? */
  get enabled(): boolean {
    return this.files !== undefined || this.sharing !== undefined;
  }

  get(path: string): CacheEntry | undefined {
    return this.entries.get(path);
  }

  /**
   * The entry of a file the caller vouches for (`enter`'s `unchanged`: the very file the previous run read,
   * with that content hash), current without a stat: the Action's base tree, whose unchanged files git
   * proved to be the working tree's, links to the files the head's run has just read.
   */
  vouchedEntry(path: string): CacheEntry | undefined {
    const hash = this.vouched?.get(path);
    if (hash === undefined) return undefined;
    const entry = this.entries.get(path);
    return entry && !entry.racy && entry.hash === hash ? entry : undefined;
  }

  /** The content hash of a path's entry when its size and mtime prove it current (no read, no object). */
  freshHash(path: string, size: number, mtimeMs: number): string | undefined {
    return this.enabled ? this.entries.freshHash(path, size, mtimeMs) : undefined;
  }

  /** Is the entry provably current for this size and mtime (no read needed)? */
  fresh(entry: CacheEntry, size: number, mtimeMs: number): boolean {
    return !entry.racy && entry.size === size && entry.mtimeMs === mtimeMs;
  }

  /** Records that an entry was seen again (so `save` can drop files that are gone). */
  touch(path: string): void {
    this.seen.add(path);
  }

  set(path: string, entry: CacheEntry): void {
    if (!this.enabled) return;
    this.entries.set(path, entry);
    this.seen.add(path);
    this.indexDirty = true;
  }

  /**
   * A content-hash hit after a size or mtime change: same facts, new stat. A few such refreshes alone
   * do not rewrite the index (re-hashing a handful of touched files next time is cheaper than writing
   * tens of thousands of entries); many do.
   */
  refresh(path: string, entry: CacheEntry, size: number, mtimeMs: number): CacheEntry {
    const updated: CacheEntry = { ...entry, size, mtimeMs };
    delete updated.racy;
    if (!this.enabled) return updated;
    this.entries.set(path, updated);
    this.seen.add(path);
    this.refreshed++;
    return updated;
  }
  private refreshed = 0;

  storeSecondPass(path: string, entry: CacheEntry, verdict: { key: string; matched: boolean }): void {
    entry.secondPass = verdict;
    this.set(path, entry);
  }

  /** The facts of an extracted entry; `undefined` when the store lost them (extract again). */
  factsOf(path: string, entry: CacheEntry): FileFacts | null | undefined {
    if (entry.facts === null) return null;
    const bytes = this.loadStore().get(storeKey(path, entry.hash));
    if (!bytes) return undefined;
    try {
      const facts = deserialize(bytes) as FileFacts;
      // The cache folder may lie in the analysed tree, which could carry a crafted one: facts filed under
      // another file are a miss. (Locations inside them are not walked, at ~50 ms per 1,700 files: a
      // finding placed out of the root is dropped by the analysis, and files are read only in the root.)
      return facts?.file === path ? facts : undefined;
    } catch {
      return undefined;
    }
  }

  storeFacts(path: string, entry: CacheEntry, facts: FileFacts | null): void {
    if (!this.enabled) return;
    entry.facts = facts ? true : null;
    if (facts) {
      this.loadStore().set(storeKey(path, entry.hash), serialize(facts));
      this.storeDirty = true;
    }
    this.set(path, entry);
  }

  /** The report of a previous run over exactly the same input, if any. */
  report(key: string): Report | undefined {
    return this.result?.key === key ? this.result.report : undefined;
  }

  /** The report of a previous run whose input differed only in files that hold no facts, if any. */
  reportForFacts(factsKey: string): Report | undefined {
    return this.result?.factsKey === factsKey ? this.result.report : undefined;
  }

  /** The stamp of the last whole-tree walk, if one was kept. */
  get listing(): ListingStamp | undefined {
    return this.stamp;
  }

  /** The cache's own folder, root-relative, when it is inside `root` (every save changes its ctime). */
  folderWithin(root: string): string | undefined {
    if (!this.files) return undefined;
    const rel = relative(root, dirname(this.files.index)).split(sep).join("/");
    return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? undefined : rel;
  }

  storeListing(stamp: ListingStamp): void {
    if (!this.enabled || (this.stamp && sameStamp(this.stamp, stamp))) return;
    this.stamp = stamp;
    this.indexDirty = true;
  }

  storeReport(key: string, report: Report, factsKey?: string): void {
    if (!this.enabled || this.result?.key === key) return;
    this.result = { key, ...(factsKey ? { factsKey } : {}), report };
    this.indexDirty = true;
  }

  /**
   * Writes what changed, keeping only the files seen in this run when the run covered the whole tree.
   * Failures (read-only tree, full disk) only cost the next run its speed.
   */
  save(wholeTree: boolean): void {
    if (!this.files || !this.writable) return; // nothing to write (disabled, in memory only, or another run's files)
    if (wholeTree) {
      for (const path of [...this.entries.keys()]) {
        if (!this.seen.has(path)) {
          this.entries.delete(path);
          this.indexDirty = true;
        }
      }
    }
    if (this.storeDirty) {
      const live = new Set<string>();
      for (const [path, entry] of this.entries.all()) if (entry.facts) live.add(storeKey(path, entry.hash));
      const kept = [...this.loadStore()].filter(([key]) => live.has(key)).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      writeAtomically(this.files.store, STORE_MAGIC, serialize({ format: FORMAT, facts: kept }));
      this.storeDirty = false;
    }
    if (this.refreshed > REFRESHES_WORTH_A_WRITE) this.indexDirty = true;
    if (!this.indexDirty) return;
    const now = Date.now();
    const all = this.entries.all();
    for (const [, entry] of all) {
      if (now - entry.mtimeMs < RACY_WINDOW_MS) entry.racy = true;
      else delete entry.racy;
    }
    const sorted = all.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    writeAtomically(this.files.index, INDEX_MAGIC, serialize({ format: FORMAT, entries: toColumns(sorted), result: this.result, listing: this.stamp }));
    this.indexDirty = false;
    removeAbandonedTempFiles(dirname(this.files.index));
  }

  private loadStore(): Map<string, Uint8Array> {
    if (this.store) return this.store;
    this.store = new Map();
    if (!this.files) return this.store;
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.files.store);
    } catch {
      return this.store;
    }
    const payload = verified(bytes, STORE_MAGIC);
    try {
      const data = typeof payload === "string" ? undefined : (deserialize(payload) as { format?: unknown; facts?: unknown });
      if (data?.format === FORMAT && Array.isArray(data.facts)) {
        for (const item of data.facts as unknown[]) {
          if (Array.isArray(item) && typeof item[0] === "string" && item[1] instanceof Uint8Array) this.store.set(item[0], item[1]);
        }
      } else this.discarded ??= `${this.files.store}: ${typeof payload === "string" ? payload : "written by another cache format"}; rebuilt`;
    } catch {
      this.discarded ??= `${this.files.store}: corrupt (cannot be decoded); rebuilt`;
    }
    return this.store;
  }
}

const storeKey = (path: string, hash: string): string => `${hash}:${path}`;

function writeAtomically(file: string, magic: Buffer, payload: Buffer): void {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    if (!ensureDirectory(dirname(file))) return;
    writeFileSync(temp, Buffer.concat([magic, createHash("sha256").update(payload).digest(), payload]));
    renameSync(temp, file); // atomic on one file system: readers see the old or the new file
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // nothing was written there
    }
  }
}


/** Temp files of runs that were killed between writing and renaming, once they are an hour old. */
function removeAbandonedTempFiles(dir: string): void {
  try {
    const hourAgo = Date.now() - 60 * 60 * 1000;
    for (const name of readdirSync(dir)) {
      if (!/^(index|facts)-[0-9a-f]{16}\.bin\.\d+\.[0-9a-z]+\.tmp$/.test(name)) continue;
      const path = join(dir, name);
      if (statSync(path).mtimeMs < hourAgo) rmSync(path, { force: true });
    }
  } catch {
    // another run removed it first, or the folder is not ours to list
  }
}

/** The payload behind a magic line and a SHA-256, or why it cannot be trusted. */
function verified(bytes: Buffer, magic: Buffer): Buffer | string {
  if (bytes.length < magic.length + 32 || !bytes.subarray(0, magic.length).equals(magic)) return "not a telemetry-drift cache file";
  const digest = bytes.subarray(magic.length, magic.length + 32);
  const payload = bytes.subarray(magic.length + 32);
  if (!createHash("sha256").update(payload).digest().equals(digest)) return "corrupt (checksum mismatch)";
  return payload;
}

/** Index bytes → entries (and the last report), or the reason they cannot be trusted. */
export function decodeIndex(bytes: Buffer): { entries: Entries; result?: StoredReport; listing?: ListingStamp } | string {
  const payload = verified(bytes, INDEX_MAGIC);
  if (typeof payload === "string") return payload;
  try {
    const data = deserialize(payload) as { format?: unknown; entries?: unknown; result?: { key?: unknown; report?: unknown }; listing?: unknown };
    if (data.format !== FORMAT) return "written by another cache format";
    const entries = fromColumns(data.entries);
    if (!entries) return "corrupt (unexpected entries)";
    const result = data.result;
    if (result !== undefined && (typeof result?.key !== "string" || !isReport(result.report))) return "corrupt (unexpected report)";
    if (result !== undefined && (result as { factsKey?: unknown }).factsKey !== undefined && typeof (result as { factsKey?: unknown }).factsKey !== "string") return "corrupt (unexpected report)";
    const listing = data.listing as ListingStamp | undefined;
    if (listing !== undefined && (!isStamp(listing) || !allSafeRelativePaths(listing.files) || !allSafeRelativePaths(listing.dirs, true) || !allSafeRelativePaths(listing.ignores))) return "corrupt (unexpected listing)";
    return { entries, ...(result ? { result: result as StoredReport } : {}), ...(data.listing ? { listing: data.listing as ListingStamp } : {}) };
  } catch {
    return "corrupt (cannot be decoded)";
  }
}

/**
 * The index as columns (typed arrays and one joined string per text column): tens of thousands of
 * entries decode in a few milliseconds, where an object per entry would repeat every key name.
 */
interface Columns {
  paths: string;
  hashes: string;
  sizes: Float64Array;
  mtimes: Float64Array;
  /** bit 0 firstPass, 1 facts extracted, 2 facts null, 3 racy, 4 second pass known, 5 second pass matched, 6 generated */
  flags: Uint8Array;
  secondKeys: string;
}

function toColumns(entries: [string, CacheEntry][]): Columns {
  const n = entries.length;
  const columns: Columns = { paths: "", hashes: "", sizes: new Float64Array(n), mtimes: new Float64Array(n), flags: new Uint8Array(n), secondKeys: "" };
  const paths: string[] = [];
  const hashes: string[] = [];
  const secondKeys: string[] = [];
  entries.forEach(([path, e], i) => {
    paths.push(path);
    hashes.push(e.hash);
    secondKeys.push(e.secondPass?.key ?? "");
    columns.sizes[i] = e.size;
    columns.mtimes[i] = e.mtimeMs;
    columns.flags[i] =
      (e.firstPass ? 1 : 0) | (e.facts !== undefined ? 2 : 0) | (e.facts === null ? 4 : 0) | (e.racy ? 8 : 0) | (e.secondPass ? 16 : 0) | (e.secondPass?.matched ? 32 : 0) | (e.generated ? 64 : 0);
  });
  // NUL, the one character no file name can hold, separates the text columns' values.
  columns.paths = paths.join("\0");
  columns.hashes = hashes.join("\0");
  columns.secondKeys = secondKeys.join("\0");
  return columns;
}

function fromColumns(value: unknown): Entries | undefined {
  const c = value as Columns;
  if (typeof c !== "object" || c === null || typeof c.paths !== "string" || typeof c.hashes !== "string" || typeof c.secondKeys !== "string") return undefined;
  if (!(c.sizes instanceof Float64Array) || !(c.mtimes instanceof Float64Array) || !(c.flags instanceof Uint8Array)) return undefined;
  const n = c.sizes.length;
  if (n === 0) return new Entries();
  const paths = c.paths.split("\0");
  const hashes = c.hashes.split("\0");
  const secondKeys = c.secondKeys.split("\0");
  if (paths.length !== n || hashes.length !== n || secondKeys.length !== n || c.mtimes.length !== n || c.flags.length !== n) return undefined;
  return new Entries({ paths, hashes, secondKeys, sizes: c.sizes, mtimes: c.mtimes, flags: c.flags });
}

/**
 * The index's entries: a map whose rows stay in their decoded columns until asked for, so a warm run
 * that only compares stats and hashes creates no object per file.
 */
const isStamp = (value: unknown): boolean => {
  const v = value as ListingStamp;
  return (
    typeof v === "object" && v !== null && typeof v.key === "string" && typeof v.files === "string" && typeof v.dirs === "string" && typeof v.ignores === "string" &&
    [v.dirCtimes, v.ignoreSizes, v.ignoreCtimes].every((a) => a instanceof Float64Array)
  );
};

const sameStamp = (a: ListingStamp, b: ListingStamp): boolean =>
  a.key === b.key && a.files === b.files && a.dirs === b.dirs && a.ignores === b.ignores &&
  [[a.dirCtimes, b.dirCtimes], [a.ignoreSizes, b.ignoreSizes], [a.ignoreCtimes, b.ignoreCtimes]].every(([x, y]) => x!.length === y!.length && x!.every((n, i) => n === y![i]));

class Entries {
  private readonly materialised = new Map<string, CacheEntry>();
  private readonly rows = new Map<string, number>();
  private readonly removed = new Set<string>();

  constructor(private readonly columns?: { paths: string[]; hashes: string[]; secondKeys: string[]; sizes: Float64Array; mtimes: Float64Array; flags: Uint8Array }) {
    if (columns) columns.paths.forEach((path, i) => this.rows.set(path, i));
  }

  get(path: string): CacheEntry | undefined {
    const entry = this.materialised.get(path);
    if (entry || this.removed.has(path)) return entry;
    const i = this.rows.get(path);
    if (i === undefined || !this.columns) return undefined;
    const c = this.columns;
    const flags = c.flags[i]!;
    const made: CacheEntry = { size: c.sizes[i]!, mtimeMs: c.mtimes[i]!, hash: c.hashes[i]!, firstPass: (flags & 1) !== 0 };
    if (flags & 2) made.facts = flags & 4 ? null : true;
    if (flags & 8) made.racy = true;
    if (flags & 64) made.generated = true;
    if (flags & 16) made.secondPass = { key: c.secondKeys[i]!, matched: (flags & 32) !== 0 };
    this.materialised.set(path, made);
    return made;
  }

  /** The content hash of a path's entry when size and mtime prove it current, without materialising it. */
  freshHash(path: string, size: number, mtimeMs: number): string | undefined {
    const entry = this.materialised.get(path);
    if (entry) return !entry.racy && entry.size === size && entry.mtimeMs === mtimeMs ? entry.hash : undefined;
    const i = this.removed.has(path) ? undefined : this.rows.get(path);
    if (i === undefined || !this.columns) return undefined;
    const c = this.columns;
    return (c.flags[i]! & 8) === 0 && c.sizes[i] === size && c.mtimes[i] === mtimeMs ? c.hashes[i] : undefined;
  }

  set(path: string, entry: CacheEntry): void {
    this.removed.delete(path);
    this.materialised.set(path, entry);
  }

  delete(path: string): void {
    this.materialised.delete(path);
    if (this.rows.has(path)) this.removed.add(path);
  }

  *keys(): IterableIterator<string> {
    for (const path of this.materialised.keys()) yield path;
    for (const path of this.rows.keys()) if (!this.materialised.has(path) && !this.removed.has(path)) yield path;
  }

  /** Every entry, materialised (for writing the index). */
  all(): [string, CacheEntry][] {
    return [...this.keys()].map((path) => [path, this.get(path)!]);
  }
}

/** Is each existing folder of `base/a/b/…` a real folder (no symlink) of this user's that other accounts cannot write? */
function ownChain(base: string, names: string[]): boolean {
  const uid = process.getuid?.();
  let dir = base;
  for (const name of names) {
    dir = join(dir, name);
    let info;
    try {
      info = lstatSync(dir);
    } catch {
      return true; // the rest is made by the cache's first write, as this user's
    }
    if (info.isSymbolicLink() || !info.isDirectory()) return false;
    if (uid !== undefined && (info.uid !== uid || (info.mode & 0o002) !== 0)) return false;
  }
  return true;
}


const isCount = (n: unknown): boolean => Number.isSafeInteger(n) && (n as number) >= 0;
const isPosition = (n: unknown): boolean => Number.isSafeInteger(n) && (n as number) >= 1;

/** A stored report the formatters can print: its shape, and paths that stay in the root. */
function isReport(value: unknown): value is Report {
  const r = value as Partial<Report> | null;
  if (typeof r !== "object" || r === null || r.version !== 1 || typeof r.root !== "string" || !Array.isArray(r.findings)) return false;
  if (typeof r.summary !== "object" || r.summary === null || !isCount(r.summary.error) || !isCount(r.summary.warning) || !isCount(r.summary.info)) return false;
  if (typeof r.tool !== "object" || r.tool === null || typeof r.tool.name !== "string" || typeof r.tool.version !== "string") return false;
  if (typeof r.inventory !== "object" || r.inventory === null || !Object.values(r.inventory).every(isCount)) return false;
  return r.findings.every((f) => {
    if (typeof f !== "object" || f === null) return false;
    if (typeof f.rule !== "string" || !["error", "warning", "info"].includes(f.severity) || typeof f.message !== "string" || typeof f.subject !== "string") return false;
    if (typeof f.file !== "string" || !isSafeRelativePath(f.file) || !isPosition(f.line) || !isPosition(f.column)) return false;
    if ((f.endLine !== undefined && !isPosition(f.endLine)) || (f.endColumn !== undefined && !isPosition(f.endColumn)) || (f.fingerprint !== undefined && typeof f.fingerprint !== "string")) return false;
    if (f.suggestion !== undefined && (typeof f.suggestion !== "object" || f.suggestion === null || typeof f.suggestion.text !== "string" || typeof f.suggestion.replacement !== "string")) return false;
    return Array.isArray(f.related) && f.related.every((r) => typeof r === "object" && r !== null && typeof r.file === "string" && isSafeRelativePath(r.file) && isPosition(r.line) && (r.column === undefined || isPosition(r.column)) && typeof r.message === "string");
  });
}

export const contentHash = (text: string | Uint8Array): string => createHash("sha1").update(text).digest("hex");

/**
 * A file's content hash: git's object id of its bytes as a blob (SHA-1 of `blob <size>\0` and the bytes),
 * so that a file git holds can be matched to its facts by the object id alone, without reading it
 * (the Action's base tree). A string stands for its UTF-8 bytes.
 */
export function fileHash(bytes: string | Uint8Array): string {
  const size = typeof bytes === "string" ? Buffer.byteLength(bytes) : bytes.length;
  return createHash("sha1").update(`blob ${size}\0`).update(bytes).digest("hex");
}

/**
 * The default location: node_modules/.cache/telemetry-drift in the nearest folder at or above the root
 * that has node_modules (the convention of Babel's and ESLint's loaders), looking no higher than the
 * root's git work tree; for a project without one (an Elixir app), a folder under the OS temp directory,
 * so that the analysed tree gains no new folders. A node_modules chain that is not plainly this user's
 * (a symlink, which would send the cache files elsewhere, or a folder of another account's, whose
 * owner could plant facts) is passed over for the temp folder. The temp directory is shared by every
 * account: there the folder is used only if it is this user's alone, and `unusable` says why not.
 */
export function defaultCacheLocation(root: string): { folder: string } | { unusable: string } {
  const top = gitWorkTree(root) ?? root;
  for (let dir = root; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules"))) {
      if (ownChain(dir, ["node_modules", ".cache", "telemetry-drift"])) return { folder: join(dir, "node_modules", ".cache", "telemetry-drift") };
      break;
    }
    if (dir === top || dirname(dir) === dir) break;
  }
  const folder = join(tmpdir(), `telemetry-drift-cache-${process.getuid?.() ?? "user"}`);
  const why = notPrivate(folder);
  return why ? { unusable: `the default cache folder is not private (${why}): running without a cache; remove it or pass --cache-location` } : { folder };
}

/**
 * The folder of a `cacheLocation` setting (the ESLint plugin's): its own, none for false, else the default
 * when it is usable (a shared default folder that is not this user's alone is not used; the CLI says so,
 * the plugin's index goes on quietly without a cache).
 */
export function cacheFolderFor(root: string, setting: string | false | undefined): string | undefined {
  if (setting === false) return undefined;
  if (setting !== undefined) return setting;
  const location = defaultCacheLocation(root);
  return "folder" in location ? location.folder : undefined;
}
