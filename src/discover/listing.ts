// Reusing the last whole-tree walk. A folder's ctime changes whenever an entry in it is added, removed
// or renamed, or its permissions change (a file's own edits do not touch it), so when every folder the
// walk listed and every .gitignore in them still has the same stat, the walk would find the same files:
// a stat per folder instead of a listing per folder and a filter per file (a warm scale-10 run: the walk
// took ~70 ms, the check takes ~5).
import { lstatSync, statSync } from "node:fs";
import { join } from "node:path";
import { kindOf, type DiscoveredFile, type DiscoveryProblem, type WalkInputs } from "./discover.js";

/** A walk's inputs and result, kept in the cache index. Lists are joined by NUL (no name holds one). */
export interface ListingStamp {
  /** What else the walk depended on (the include/exclude globs). */
  key: string;
  /** The files the walk found, sorted. */
  files: string;
  dirs: string;
  dirCtimes: Float64Array;
  ignores: string;
  ignoreSizes: Float64Array;
  ignoreCtimes: Float64Array;
}

/**
 * The stamp of a finished walk, or undefined when it must not be reused: the walk had problems (they are
 * reported on every run) or read something a stat cannot vouch for (WalkInputs.unstable), a folder in
 * `volatile` (the cache's own, which every save changes) was listed, or a folder or .gitignore changed
 * within `racyWindowMs` of `now` (a coarse file-system clock could hide a second change in the same tick).
 */
export function stampListing(
  walk: { files: DiscoveredFile[]; problems: DiscoveryProblem[]; inputs?: WalkInputs },
  key: string,
  now: number,
  racyWindowMs: number,
  volatile: readonly string[] = [],
): ListingStamp | undefined {
  const { inputs } = walk;
  if (!inputs || inputs.unstable || walk.problems.length > 0) return undefined;
  if (volatile.some((dir) => inputs.dirs.includes(dir))) return undefined;
  const recent = (ctime: number): boolean => now - ctime < racyWindowMs;
  if (inputs.dirCtimes.some(recent) || inputs.ignoreCtimes.some(recent)) return undefined;
  return {
    key,
    files: walk.files.map((f) => f.path).join("\0"),
    dirs: inputs.dirs.join("\0"),
    dirCtimes: Float64Array.from(inputs.dirCtimes),
    ignores: inputs.ignores.join("\0"),
    ignoreSizes: Float64Array.from(inputs.ignoreSizes),
    ignoreCtimes: Float64Array.from(inputs.ignoreCtimes),
  };
}

/** The files the stamped walk would find now, when nothing it depended on changed; else undefined (walk again). */
export function reuseListing(root: string, stamp: ListingStamp | undefined, key: string): DiscoveredFile[] | undefined {
  if (!stamp || stamp.key !== key) return undefined;
  const dirs = stamp.dirs.split("\0");
  if (dirs.length !== stamp.dirCtimes.length) return undefined;
  for (let i = 0; i < dirs.length; i++) {
    const dir = dirs[i]!;
    const info = dir === "" ? statSync(root, { throwIfNoEntry: false }) : lstatSync(join(root, dir), { throwIfNoEntry: false });
    if (!info?.isDirectory() || info.ctimeMs !== stamp.dirCtimes[i]) return undefined;
  }
  const ignores = stamp.ignores === "" ? [] : stamp.ignores.split("\0");
  if (ignores.length !== stamp.ignoreSizes.length || ignores.length !== stamp.ignoreCtimes.length) return undefined;
  for (let i = 0; i < ignores.length; i++) {
    const info = lstatSync(join(root, ignores[i]!), { throwIfNoEntry: false });
    if (!info?.isFile() || info.size !== stamp.ignoreSizes[i] || info.ctimeMs !== stamp.ignoreCtimes[i]) return undefined;
  }
  const files: DiscoveredFile[] = [];
  if (stamp.files === "") return files;
  for (const path of stamp.files.split("\0")) {
    const kind = kindOf(path);
    if (!kind) return undefined;
    files.push({ path, kind });
  }
  return files;
}
