// File-system helpers that must not hang or throw on odd paths.
import { closeSync, existsSync, mkdirSync, openSync, readSync } from "node:fs";
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

/** Thrown by `readTextLimited` for a file over its limit. */
export class TooBigError extends Error {
  constructor(readonly limit: number) {
    super(`over ${limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MiB` : `${limit} bytes`}`);
  }
}

/**
 * A small text file (a config, a baseline) read in chunks up to `limit` bytes: a device such as
 * /dev/zero, or a huge file given by mistake, stops with TooBigError instead of filling memory.
 * File-system errors (ENOENT, EISDIR, …) are thrown as they are.
 */
export function readTextLimited(path: string, limit: number): string {
  const fd = openSync(path, "r");
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    const chunk = Buffer.allocUnsafe(64 * 1024);
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      size += n;
      if (size > limit) throw new TooBigError(limit);
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return Buffer.concat(chunks).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
