// File-system helpers that must not hang or throw on odd paths.
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readSync } from "node:fs";
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

/**
 * Why `dir` is not a folder only this user can change (undefined when it is one, after creating it if
 * missing): a symlink, not a folder, owned by another account, or writable by group or others. Caches
 * that another account could fill (V8's compiled code above all, run as is) must live in such a folder.
 * `uid`: the account to check against (default: this process's); no ownership check where there is none.
 */
export function notPrivate(dir: string, uid: number | undefined = process.getuid?.()): string | undefined {
  if (!ensureDirectory(dir)) return `${dir} cannot be created`;
  let info;
  try {
    info = lstatSync(dir);
  } catch (error) {
    return `${dir} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  if (info.isSymbolicLink()) return `${dir} is a symbolic link`;
  if (!info.isDirectory()) return `${dir} is not a folder`;
  if (uid === undefined) return undefined; // Windows: per-user folders, no POSIX owner to compare
  if (info.uid !== uid) return `${dir} belongs to another account (uid ${info.uid})`;
  if ((info.mode & 0o022) !== 0) return `${dir} is writable by other accounts (mode ${(info.mode & 0o777).toString(8)})`;
  return undefined;
}
