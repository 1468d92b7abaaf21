// The fact cache: per-file facts keyed by content, so an unchanged tree is not parsed again.
//
// An entry is trusted without reading the file when its size and mtime are unchanged (and the mtime was
// not too close to the moment the entry was written: a file edited within the same clock tick would
// look unchanged — git's "racy" case). Otherwise the file is read and its content hash decides, so a
// touched but unchanged file is still a hit. Facts are a pure function of (path, text, extraction
// options); the options and the tool version key the whole cache file.
//
// The file is written atomically (temp file + rename), so concurrent runs each read a complete cache
// (the last writer wins), and a corrupt, truncated or foreign file is ignored and rebuilt. It holds
// plain data only (v8 serialisation, checked by a SHA-256): nothing in it is ever executed.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { FileFacts } from "../model.js";
import { TOOL_VERSION } from "../version.js";

export interface CacheEntry {
  size: number;
  mtimeMs: number;
  /** SHA-1 of the text (identity, not security: the file holds no secrets and is checked as a whole). */
  hash: string;
  /** Does the text pass the first-pass prefilter? */
  firstPass: boolean;
  /** Facts, once extracted (`null`: the file holds none, e.g. JSON that is not a dashboard). */
  facts?: FileFacts | null;
  /** The last second-pass verdict and the tokens it was made for. */
  secondPass?: { key: string; matched: boolean };
  /** The mtime was too close to the write time to prove the content unchanged: re-hash next time. */
  racy?: true;
}

const MAGIC = Buffer.from("telemetry-drift facts\n");
const FORMAT = 1;
/** mtimes within this window before the cache write are not trusted (coarse file-system clocks). */
const RACY_WINDOW_MS = 2000;

export class FactCache {
  private readonly entries: Map<string, CacheEntry>;
  private readonly seen = new Set<string>();
  private dirty = false;
  /** Why the previous cache was not used, if it existed but was unusable. */
  readonly discarded: string | undefined;

  private constructor(
    private readonly file: string | undefined,
    entries: Map<string, CacheEntry>,
    discarded?: string,
  ) {
    this.entries = entries;
    this.discarded = discarded;
  }

  /** A cache that remembers nothing (`--no-cache`). */
  static disabled(): FactCache {
    return new FactCache(undefined, new Map());
  }

  /**
   * Opens the cache for one set of extraction options under `directory`. A missing file is an empty
   * cache; an unreadable, corrupt or other-version file is an empty cache with `discarded` set.
   */
  static open(directory: string, optionsKey: string): FactCache {
    const key = createHash("sha256").update(`${TOOL_VERSION}\u0000${FORMAT}\u0000${optionsKey}`).digest("hex").slice(0, 16);
    const file = join(directory, `facts-${key}.bin`);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return new FactCache(file, new Map());
    }
    const entries = decodeCache(bytes);
    if (typeof entries === "string") return new FactCache(file, new Map(), `${file}: ${entries}; rebuilt`);
    return new FactCache(file, entries);
  }

  get enabled(): boolean {
    return this.file !== undefined;
  }

  get(path: string): CacheEntry | undefined {
    return this.entries.get(path);
  }

  /** Is the entry provably current for this size and mtime (no read needed)? */
  fresh(entry: CacheEntry, size: number, mtimeMs: number): boolean {
    return !entry.racy && entry.size === size && entry.mtimeMs === mtimeMs;
  }

  set(path: string, entry: CacheEntry): void {
    if (!this.file) return;
    this.entries.set(path, entry);
    this.seen.add(path);
    this.dirty = true;
  }

  /** Records that an entry was seen again (so `save` can drop files that are gone). */
  touch(path: string): void {
    this.seen.add(path);
  }

  /**
   * Writes the cache if anything changed, keeping only the files seen in this run when the run covered
   * the whole tree. Failures (read-only tree, full disk) only cost the next run its speed.
   */
  save(wholeTree: boolean): void {
    if (!this.file) return;
    if (wholeTree) {
      for (const path of this.entries.keys()) {
        if (!this.seen.has(path)) {
          this.entries.delete(path);
          this.dirty = true;
        }
      }
    }
    if (!this.dirty) return;
    const now = Date.now();
    for (const entry of this.entries.values()) {
      if (now - entry.mtimeMs < RACY_WINDOW_MS) entry.racy = true;
      else delete entry.racy;
    }
    const sorted = [...this.entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const payload = serialize({ format: FORMAT, entries: sorted });
    const digest = createHash("sha256").update(payload).digest();
    const temp = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(join(this.file, ".."), { recursive: true });
      writeFileSync(temp, Buffer.concat([MAGIC, digest, payload]));
      renameSync(temp, this.file); // atomic on one file system: readers see the old or the new file
    } catch {
      rmSync(temp, { force: true });
    }
  }
}

/** Bytes → entries, or the reason they cannot be trusted. */
export function decodeCache(bytes: Buffer): Map<string, CacheEntry> | string {
  if (bytes.length < MAGIC.length + 32 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return "not a telemetry-drift cache file";
  const digest = bytes.subarray(MAGIC.length, MAGIC.length + 32);
  const payload = bytes.subarray(MAGIC.length + 32);
  if (!createHash("sha256").update(payload).digest().equals(digest)) return "corrupt (checksum mismatch)";
  try {
    const data = deserialize(payload) as { format?: unknown; entries?: unknown };
    if (data.format !== FORMAT || !Array.isArray(data.entries)) return "written by another cache format";
    const entries = new Map<string, CacheEntry>();
    for (const item of data.entries as unknown[]) {
      if (!Array.isArray(item) || typeof item[0] !== "string" || !isEntry(item[1])) return "corrupt (unexpected entry)";
      entries.set(item[0], item[1]);
    }
    return entries;
  } catch {
    return "corrupt (cannot be decoded)";
  }
}

function isEntry(value: unknown): value is CacheEntry {
  const e = value as CacheEntry;
  return typeof e === "object" && e !== null && typeof e.size === "number" && typeof e.mtimeMs === "number" && typeof e.hash === "string" && typeof e.firstPass === "boolean";
}

export const contentHash = (text: string): string => createHash("sha1").update(text).digest("hex");

/** The default location: node_modules/.cache/telemetry-drift under the analysis root (like ESLint's loaders). */
export const defaultCacheLocation = (root: string): string => join(root, "node_modules", ".cache", "telemetry-drift");
