// Reusing the last whole-tree walk. A folder's ctime changes whenever an entry in it is added, removed
// or renamed, or its permissions change (a file's own edits do not touch it), so when every folder the
// walk listed and every .gitignore it read still has the same stat, the walk would find the same files:
// a stat per folder instead of a listing per folder and a filter per file (a warm scale-10 run: the walk
// took ~70 ms, the check takes ~5).
import { createHash } from "node:crypto";
import { lstatSync, statSync } from "node:fs";
import { join } from "node:path";
import { kindOf, type DiscoveredFile, type DiscoveryProblem, type WalkInputs } from "./discover.js";

/** A walk's inputs and result, kept in the cache index. */
export interface ListingStamp {
  /** What else the walk depended on (the include/exclude globs). */
  key: string;
  /** The walk's files (paths joined by newlines, hashed): a later run checks the cache holds exactly these. */
  pathsHash: string;
  dirs: string;
  dirCtimes: Float64Array;
  ignores: string;
  ignoreSizes: Float64Array;
  ignoreMtimes: Float64Array;
}

export const hashPaths = (paths: readonly string[]): string => createHash("sha1").update(paths.join("\n")).digest("hex");

/**
 * The stamp of a finished walk, or undefined when it must not be reused: the walk had problems (they are
 * reported on every run), or a folder or .gitignore changed within `racyWindowMs` of `now` (a coarse
 * file-system clock could hide a second change within the same tick).
 */
export function stampListing(walk: { files: DiscoveredFile[]; problems: DiscoveryProblem[]; inputs?: WalkInputs }, key: string, now: number, racyWindowMs: number): ListingStamp | undefined {
  const { inputs } = walk;
  if (!inputs || walk.problems.length > 0) return undefined;
  const recent = (mtime: number): boolean => now - mtime < racyWindowMs;
  if (inputs.dirCtimes.some(recent) || inputs.ignoreMtimes.some(recent)) return undefined;
  return {
    key,
    pathsHash: hashPaths(walk.files.map((f) => f.path)),
    dirs: inputs.dirs.join("\n"),
    dirCtimes: Float64Array.from(inputs.dirCtimes),
    ignores: inputs.ignores.join("\n"),
    ignoreSizes: Float64Array.from(inputs.ignoreSizes),
    ignoreMtimes: Float64Array.from(inputs.ignoreMtimes),
  };
}

/**
 * The files the walk stamped would find now, from `paths` (the cache's sorted file list), when nothing
 * it depended on changed and `paths` are exactly its files; else undefined (walk again).
 */
export function reuseListing(root: string, stamp: ListingStamp | undefined, key: string, paths: readonly string[] | undefined): DiscoveredFile[] | undefined {
  if (!stamp || !paths || stamp.key !== key) return undefined;
  const dirs = stamp.dirs.split("\n");
  if (dirs.length !== stamp.dirCtimes.length) return undefined;
  for (let i = 0; i < dirs.length; i++) {
    const info = lstatSync(dirs[i] === "" ? root : join(root, dirs[i]!), { throwIfNoEntry: false });
    if (!info?.isDirectory() || info.ctimeMs !== stamp.dirCtimes[i]) return undefined;
  }
  const ignores = stamp.ignores === "" ? [] : stamp.ignores.split("\n");
  if (ignores.length !== stamp.ignoreSizes.length || ignores.length !== stamp.ignoreMtimes.length) return undefined;
  for (let i = 0; i < ignores.length; i++) {
    const info = statSync(join(root, ignores[i]!), { throwIfNoEntry: false });
    if (!info || info.size !== stamp.ignoreSizes[i] || info.mtimeMs !== stamp.ignoreMtimes[i]) return undefined;
  }
  if (hashPaths(paths) !== stamp.pathsHash) return undefined;
  const files: DiscoveredFile[] = [];
  for (const path of paths) {
    const kind = kindOf(path);
    if (!kind) return undefined;
    files.push({ path, kind });
  }
  return files;
}
