// Node 22.1+ can keep V8's compiled code of the modules a process loads from here on (TypeScript's
// parser alone takes ~140 ms to compile). That cache is code V8 runs as is: a crafted entry with the
// right source checksum runs whatever it holds. So it never lives in the analysed tree (where the fact
// cache does by default) nor in a folder another account can write: only in this user's own cache
// folder, checked to be private, or wherever NODE_COMPILE_CACHE says (the user's choice, applied by
// Node itself at start-up). Node 20 has no such API and skips this.
import nodeModule from "node:module";
import { homedir } from "node:os";
import { isAbsolute, join, relative } from "node:path";
import { notPrivate } from "./fs.js";

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

const isWithin = (path: string, folder: string): boolean => {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
};

/**
 * Turns on Node's compile cache for this process in the user's private cache folder, unless the user
 * set NODE_COMPILE_CACHE or NODE_DISABLE_COMPILE_CACHE, or that folder lies inside the analysed `root`
 * or is not private. Returns the folder used, if any.
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
  if (!folder || isWithin(folder, root) || notPrivate(join(folder, "..")) || notPrivate(folder)) return undefined;
  enable(folder);
  return folder;
}
