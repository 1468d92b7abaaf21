// Examining one file the cache cannot vouch for: read it, hash it, and decide with the text prefilters
// whether a pass will parse it. Pure apart from the read, so that the main thread and a lane thread
// (which examines the TS/JS and rule files of a cold run while the main thread reads the rest) give
// the same entry for the same bytes.
import type { Config } from "../config/config.js";
import { DEFAULT_MAX_FILE_SIZE } from "../config/config.js";
import type { DiscoveredFile } from "../discover/discover.js";
import { configuredCallees, looksMinified, moduleSpecifiers, needsFirstPass } from "../discover/prefilter.js";
import type { FileFacts } from "../model.js";
import { fileHash, type CacheEntry } from "./cache.js";
import { readCheckedBytesSync, textOf, type ReadStat } from "./read.js";
import { problemFacts } from "./scope.js";

/** One discovered file after the scan: its up-to-date cache entry (and text, if it was read), or its read problem. */
export type ScannedFile =
  | { file: DiscoveredFile; entry: CacheEntry; text?: string; /** TS/JS files the first pass skips: their module specifiers. */ specifiers?: string }
  | {
      file: DiscoveredFile;
      problem: FileFacts | undefined;
      /** Its stat when it could be opened (the read's own, not a later one). */
      stat?: ReadStat;
      /** A path discovery could not list (not a file of the tree). */
      unlisted?: true;
    };

/**
 * A fresh entry for a file from its bytes: size, mtime, content hash (`hashing`: only when there is a
 * cache to key), whether the first pass parses it (then its text comes along), or its read problem.
 */
export function examineFile(root: string, file: DiscoveredFile, config: Config, hashing: boolean): ScannedFile {
  const read = readCheckedBytesSync(root, file.path, config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  if ("problem" in read) return { file, problem: problemFacts(file.path, file.kind, read.problem, config), ...(read.stat ? { stat: read.stat } : {}) };
  const { bytes, size, mtimeMs } = read;
  const hash = hashing ? fileHash(bytes) : "";
  if (file.kind === "typescript" && looksMinified(file.path, bytes)) return { file, entry: { size, mtimeMs, hash, firstPass: false, generated: true } };
  // The prefilter's tokens are ASCII: matching them in a Latin-1 view of UTF-8 bytes finds the same
  // places, without decoding the nine files in ten that are never parsed.
  const extra = calleeTokens(config);
  const view = file.kind === "elixir" || file.kind === "typescript" ? prefilterView(bytes, extra) : "";
  const firstPass = needsFirstPass(file.kind, file.path, view, extra);
  const entry: CacheEntry = { size, mtimeMs, hash, firstPass };
  if (firstPass) return { file, entry, text: textOf(bytes) };
  // A TS/JS file the first pass skips keeps its module specifiers: the second pass then needs no read.
  return file.kind === "typescript" ? { file, entry, specifiers: moduleSpecifiers(view) } : { file, entry };
}

/**
 * Examines the files of `files` this thread claims, one index at a time from a counter shared with
 * another thread doing the same (Atomics), so that both finish together whatever each one's speed.
 */
export function examineClaimed(root: string, files: readonly DiscoveredFile[], config: Config, hashing: boolean, claims: Int32Array): ScannedFile[] {
  const examined: ScannedFile[] = [];
  for (let i = Atomics.add(claims, 0, 1); i < files.length; i = Atomics.add(claims, 0, 1)) examined.push(examineFile(root, files[i]!, config, hashing));
  return examined;
}

/** Configured emitter/consumer callees as a first-pass token, compiled once per config. */
const calleeTokenCache = new WeakMap<Config, RegExp | undefined>();
function calleeTokens(config: Config): RegExp | undefined {
  if (!calleeTokenCache.has(config)) calleeTokenCache.set(config, configuredCallees([...(config.emitters ?? []), ...(config.consumers ?? [])].map((e) => e.callee)));
  return calleeTokenCache.get(config);
}

export const isAscii = (s: string): boolean => !/[^\x00-\x7f]/.test(s);

/** A Latin-1 view when every token pattern is ASCII (the built-in ones are; configured names may not be), else the text. */
export function prefilterView(bytes: Buffer, ...patterns: (RegExp | undefined)[]): string {
  return patterns.every((p) => p === undefined || isAscii(p.source)) ? bytes.toString("latin1") : textOf(bytes);
}
