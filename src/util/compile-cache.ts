// Node 22.1+ can keep V8's compiled code of the modules a process loads from here on (TypeScript's
// parser alone takes ~140 ms to compile); our own processes keep it beside the fact cache. Node 20 has
// no such API and skips this.
import nodeModule from "node:module";
import { join } from "node:path";
import { ensureDirectory } from "./fs.js";

export function enableCompileCacheBeside(cacheLocation: string | undefined): void {
  const enable = (nodeModule as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (cacheLocation && enable && ensureDirectory(join(cacheLocation, "v8"))) enable(join(cacheLocation, "v8"));
}
