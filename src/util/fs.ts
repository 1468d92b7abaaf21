// File-system helpers that must not hang or throw on odd paths.
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Creates a folder and its parents, one level at a time. (Node's recursive mkdir can spin forever on
 * special file systems such as /proc, where mkdir answers ENOENT under an existing parent.)
 */
export function ensureDirectory(dir: string, depth = 0): boolean {
  if (existsSync(dir)) return true;
  const parent = dirname(dir);
  if (parent === dir || depth > 64 || !ensureDirectory(parent, depth + 1)) return false;
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") return false;
  }
  return true;
}
