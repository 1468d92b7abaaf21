// File-system helpers that must not hang or throw on odd paths.
import { closeSync, constants, existsSync, fstatSync, lstatSync, mkdirSync, openSync, readSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

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

/** Thrown by `readTextLimited` for what is not a regular file inside the folder it must be in. */
export class NotRegularFileError extends Error {}

/**
 * A small text file (a config, a baseline, a .gitignore) read in chunks up to `limit` bytes: a huge file
 * given by mistake stops with TooBigError instead of filling memory. Only a regular file is read: a
 * device (/dev/zero), a FIFO (which would block forever) or a folder is refused with NotRegularFileError,
 * as is, with `within`, a file whose real path (symlinks resolved) is outside that folder (or all of them).
 * Other file-system errors (ENOENT, EACCES, …) are thrown as they are.
 */
export function readTextLimited(path: string, limit: number, options: { within?: string | readonly string[] } = {}): string {
  if (options.within !== undefined) {
    const real = realpathSync(path);
    const folders = typeof options.within === "string" ? [options.within] : options.within;
    if (!folders.some((folder) => isWithin(real, realpathSync(folder)))) throw new NotRegularFileError(`${path} leads outside ${folders[0]} (a symbolic link)`);
  }
  // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then says what was opened.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = fstatSync(fd);
    // A folder fails as reading one always did (EISDIR); a device, FIFO or socket is refused.
    if (info.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), { code: "EISDIR" });
    if (!info.isFile()) throw new NotRegularFileError(`${path} is not a regular file`);
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
 * A root-relative path as the engine writes them: `/`-separated, no empty, `.` or `..` segment, not
 * absolute. What a cache file says is checked against this before it is used, since a cache folder
 * inside the analysed tree could be crafted.
 */
export function isSafeRelativePath(path: string): boolean {
  if (path === "" || path.startsWith("/") || path.includes("\0") || (process.platform === "win32" && (path.includes("\\") || path.includes(":")))) return false;
  return path.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

/** A `.` or `..` segment, a leading `/` or an empty segment, in NUL-joined paths (one pass: 20,000 paths in ~1.5 ms). */
const UNSAFE_SEGMENT = /(?:^|[\0/])\.\.?(?=[\0/]|$)|(?:^|\0)\/|\/(?=[\0/]|$)/;
const EMPTY_PATH = /(?:^|\0)(?=\0|$)/;

/** Is each of these NUL-joined paths safe (see isSafeRelativePath)? `rootAllowed`: the empty path stands for the root. */
export function allSafeRelativePaths(joined: string, rootAllowed = false): boolean {
  if (joined === "") return true;
  if (UNSAFE_SEGMENT.test(joined) || (!rootAllowed && EMPTY_PATH.test(joined))) return false;
  return !(process.platform === "win32" && /[\\:]/.test(joined));
}

/** Is `path` the folder `folder` or inside it? (Both absolute; no symlink resolution: see realpathSync.) */
/** A path with its symlinks resolved, or resolved as written when it does not exist (yet). */
export function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

export function isWithin(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
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

/**
 * The first symbolic link on the way from `root` down to `target` (itself included), when `target` lies
 * in `root`: a file the tool writes there (a baseline, a report, SARIF) must not be written through a
 * link the analysed tree carries, which could point anywhere (a shell's startup file, say).
 */
export function symlinkOnTheWay(root: string, target: string): string | undefined {
  const rel = relative(root, target);
  if (rel === "" || !isWithin(target, root)) return undefined;
  let path = root;
  for (const segment of rel.split(sep)) {
    path = join(path, segment);
    try {
      if (lstatSync(path).isSymbolicLink()) return path;
    } catch {
      return undefined; // not there (yet): nothing further down exists either
    }
  }
  return undefined;
}

/** The nearest folder at or above `dir` that holds `.git`, if any. */
export function gitWorkTree(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, ".git"))) return current;
    if (dirname(current) === current) return undefined;
  }
}
