// Node 22.1+ can keep V8's compiled code of the modules a process loads from here on (TypeScript's
// parser alone takes ~140 ms to compile). That cache is code V8 runs as is: a crafted entry with the
// right source checksum runs whatever it holds. So it never lives in the analysed tree (where the fact
// cache does by default) nor in a folder another account can write: only in this user's own cache
// folder, checked to be private, or wherever NODE_COMPILE_CACHE says (the user's choice, applied by
// Node itself at start-up). Node 20 has no such API and skips this.
import nodeModule from "node:module";
import { homedir } from "node:os";
import { lstatSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { gitWorkTree, isWithin, notPrivate, realOrResolved } from "./fs.js";

/** The compile cache's folder for this user, from the platform's convention; undefined without a home. */
export function compileCacheFolder(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string | undefined {
  const base =
    platform === "win32"
      ? env.LOCALAPPDATA
      : platform === "darwin"
        ? home && join(home, "Library", "Caches")
        : env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)
          ? env.XDG_CACHE_HOME
          : home && join(home, ".cache");
  return base && isAbsolute(base) ? join(base, "telemetry-drift", "node-compile-cache") : undefined;
}

/**
 * Turns on Node's compile cache for this process in the user's private cache folder, unless the user
 * set NODE_COMPILE_CACHE or NODE_DISABLE_COMPILE_CACHE, or that folder (its symlinks resolved) lies in
 * the analysed `root`, the root's git work tree or the CI workspace (XDG_CACHE_HOME may point into a
 * checkout), or it or a folder above it could be changed by another account. Returns the folder used.
 */
export function enablePrivateCompileCache(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  enable: ((dir: string) => unknown) | null = (nodeModule as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache ?? null,
): string | undefined {
  if (!enable || env.NODE_COMPILE_CACHE || env.NODE_DISABLE_COMPILE_CACHE !== undefined) return undefined; // as Node reads them
  let home = "";
  try {
    home = homedir();
  } catch {
    // no home folder (a service account): no compile cache
  }
  const folder = compileCacheFolder(process.platform, env, home);
  if (!folder) return undefined;
  const realRoot = realOrResolved(root);
  const trees = [realRoot, gitWorkTree(realRoot), env.GITHUB_WORKSPACE ? realOrResolved(env.GITHUB_WORKSPACE) : undefined];
  const inATree = (path: string) => trees.some((tree) => tree !== undefined && isWithin(path, tree));
  // Before making any folder (the analysed tree gains none), then once they exist, symlinks resolved.
  if (inATree(realOrResolved(join(folder, "..", ".."))) || notPrivate(join(folder, "..")) || notPrivate(folder)) return undefined;
  const real = realpathSync(folder);
  if (inATree(real) || !safeAncestors(real)) return undefined;
  enable(real);
  return real;
}

/**
 * Can no other account change the folders above `dir` (a real path)? Each must belong to this user or
 * to root, and not be writable by group or others unless sticky (/tmp: others cannot rename what is
 * ours there). Else one of them could swap our folder for theirs after the checks.
 */
function safeAncestors(dir: string): boolean {
  const uid = process.getuid?.();
  if (uid === undefined) return true; // Windows: per-user profile folders
  for (let current = dirname(dir); ; current = dirname(current)) {
    let info;
    try {
      info = lstatSync(current);
    } catch {
      return false;
    }
    if (info.uid !== uid && info.uid !== 0) return false;
    if ((info.mode & 0o022) !== 0 && (info.mode & 0o1000) === 0) return false;
    if (dirname(current) === current) return true;
  }
}
