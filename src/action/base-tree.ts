// The pull request's base tree, read from git objects into a temporary folder: never a checkout over
// the workspace. Only files the analysis can read are written (plus .gitignore files and configs);
// symlinks and submodules are skipped, as discovery skips them. A file the working tree holds with the
// base's very bytes (most of them: a pull request changes a few) is hard-linked from it instead of
// written: creating a file costs far more than linking one (on the benchmark machine ~0.6 ms against
// ~0.01 ms, so 20,000 files took 24 s), and only the changed files' objects are read out of git.
import { spawnSync } from "node:child_process";
import { closeSync, constants, fstatSync, linkSync, lstatSync, mkdirSync, openSync, readSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { kindOf } from "../discover/discover.js";
import { CONFIG_FILE_NAME } from "../config/config.js";
import { isSafeRelativePath, isWithin } from "../util/fs.js";

const git = (cwd: string, args: string[], input?: string) =>
  spawnSync("git", args, { cwd, input, maxBuffer: 1 << 30, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } });

/** Makes sure `sha` is present (fetching just that commit when the checkout was shallow). */
export function ensureCommit(workspace: string, sha: string): boolean {
  if (git(workspace, ["cat-file", "-e", `${sha}^{commit}`]).status === 0) return true;
  git(workspace, ["fetch", "--no-tags", "--depth=1", "origin", sha]);
  return git(workspace, ["cat-file", "-e", `${sha}^{commit}`]).status === 0;
}

export type BaseTreeResult =
  | {
      ok: true;
      files: number;
      /** The files linked from the working tree (repository-relative paths), with their content hashes (engine/cache.ts). */
      linked: Map<string, string>;
    }
  | { ok: false; reason: string };

/**
 * What an earlier read of the working tree's file at a repository path proved, if anything: the bytes'
 * content hash (engine/cache.ts `fileHash`) and the stat the file had then.
 */
export type KnownFile = (path: string) => { hash: string; size: number; mtimeMs: number } | undefined;

/**
 * Writes the base commit's files under `destination` (repository paths), only those in the folder
 * `within` (repository-relative, "" for all: the analysis root's, whose discovery reads nothing above it).
 */
export function writeBaseTree(workspace: string, sha: string, destination: string, known?: KnownFile, within = ""): BaseTreeResult {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) return { ok: false, reason: `"${sha}" is not a commit id` };
  if (!ensureCommit(workspace, sha)) {
    return { ok: false, reason: `the base commit ${sha.slice(0, 7)} is not in the checkout and could not be fetched (use actions/checkout with fetch-depth: 0)` };
  }
  const listing = git(workspace, ["ls-tree", "-r", "-l", "-z", "--full-tree", sha]);
  if (listing.status !== 0) return { ok: false, reason: `git ls-tree ${sha.slice(0, 7)} failed: ${listing.stderr.toString().trim()}` };
  const wanted: BaseFile[] = [];
  for (const record of listing.stdout.toString("utf8").split("\0")) {
    // "<mode> <type> <object> <size, padded>\t<path>"
    const match = /^(\d+) (\w+) ([0-9a-f]+) +(\d+|-)\t(.*)$/s.exec(record);
    if (!match || match[2] !== "blob" || match[1] === "120000") continue; // trees, submodules, symlinks
    const path = match[5]!;
    // git prints what the tree objects hold: a crafted tree can hold `..` or absolute-looking names,
    // which would be written outside the destination. Such an entry is not part of any checkout.
    if (!isSafeRelativePath(path)) continue;
    const name = path.slice(path.lastIndexOf("/") + 1);
    if (within && !path.startsWith(`${within}/`)) continue;
    if (kindOf(path) || name === ".gitignore" || name === CONFIG_FILE_NAME) wanted.push({ object: match[3]!, size: Number(match[4]), path });
  }
  const linked = new Map<string, string>();
  if (wanted.length === 0) return { ok: true, files: 0, linked };
  const top = git(workspace, ["rev-parse", "--show-toplevel"]);
  const workTree = top.status === 0 ? top.stdout.toString("utf8").replace(/\n$/, "") : undefined;
  const folders = new Set<string>();
  const toWrite: BaseFile[] = [];
  for (const file of wanted) {
    const target = join(destination, file.path);
    if (!isWithin(target, destination)) return { ok: false, reason: `unexpected path in the base commit: ${file.path}` };
    const folder = dirname(target);
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    const hash = workTree ? linkIfUnchanged(join(workTree, file.path), target, file, known?.(file.path)) : undefined;
    if (hash !== undefined) linked.set(file.path, hash);
    else toWrite.push(file);
  }
  if (toWrite.length === 0) return { ok: true, files: wanted.length, linked };
  const batch = git(workspace, ["cat-file", "--batch"], toWrite.map((w) => w.object).join("\n") + "\n");
  if (batch.status !== 0) return { ok: false, reason: `git cat-file failed: ${batch.stderr.toString().trim()}` };
  const out = batch.stdout;
  let offset = 0;
  for (const { path } of toWrite) {
    const headerEnd = out.indexOf(10, offset);
    const header = out.subarray(offset, headerEnd).toString("utf8"); // "<oid> blob <size>"
    const size = Number(header.split(" ")[2]);
    if (!Number.isFinite(size)) return { ok: false, reason: `unexpected git cat-file output for ${path}: ${header}` };
    // A name taken already (a tree listing it twice, or two names a case-insensitive file system folds
    // into one) may be a link to the working tree's file: the name is removed, never written through.
    const target = join(destination, path);
    rmSync(target, { force: true });
    writeFileSync(target, out.subarray(headerEnd + 1, headerEnd + 1 + size), { flag: "wx" });
    offset = headerEnd + 1 + size + 1;
  }
  return { ok: true, files: wanted.length, linked };
}

interface BaseFile {
  /** The blob's object id. */
  object: string;
  size: number;
  path: string;
}

/**
 * Links the working tree's file at `source` to `target` when it holds exactly the base's blob, returning
 * its content hash. The link itself is checked, so that nothing can change between the check and the
 * link: by its stat when `known` read it before with the blob's object id as its hash (the fact cache's
 * own proof that a file is unchanged), else by reading it (git's object id of its bytes). A symlink, a
 * missing file, one on another file system or with other bytes is left to be written from git (undefined).
 */
function linkIfUnchanged(source: string, target: string, file: BaseFile, known: ReturnType<KnownFile>): string | undefined {
  try {
    linkSync(source, target);
  } catch {
    return undefined; // missing, another file system, not ours to link
  }
  if (known && known.hash === file.object.toLowerCase() && known.size === file.size && hasStat(target, known)) return known.hash;
  const hash = contentHashIfBlob(target, file);
  if (hash === undefined) rmSync(target, { force: true });
  return hash;
}

/** Is `path` a regular file (not a symlink) with this size and mtime? */
function hasStat(path: string, stat: { size: number; mtimeMs: number }): boolean {
  try {
    const info = lstatSync(path);
    return info.isFile() && info.size === stat.size && info.mtimeMs === stat.mtimeMs;
  } catch {
    return false;
  }
}

const NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
let chunk: Buffer | undefined;

/**
 * The content hash of `path` when it is a regular file whose bytes are the blob's (by git's object id:
 * SHA-1, or SHA-256 in such a repository), else undefined.
 */
function contentHashIfBlob(path: string, file: BaseFile): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, NO_FOLLOW); // a link to a symlink is a symlink: refused here
    const info = fstatSync(fd);
    if (!info.isFile() || info.size !== file.size) return undefined;
    // The object id is the engine's content hash (fileHash) in a SHA-1 repository; SHA-256 needs both.
    const sha256 = file.object.length === 64;
    const object = createHash(sha256 ? "sha256" : "sha1").update(`blob ${file.size}\0`);
    const content = sha256 ? createHash("sha1").update(`blob ${file.size}\0`) : undefined;
    chunk ??= Buffer.allocUnsafe(1 << 20);
    let total = 0;
    for (let n = readSync(fd, chunk, 0, chunk.length, null); n > 0; n = readSync(fd, chunk, 0, chunk.length, null)) {
      object.update(chunk.subarray(0, n));
      content?.update(chunk.subarray(0, n));
      total += n;
      if (total > file.size) return undefined;
    }
    if (total !== file.size || object.digest("hex") !== file.object.toLowerCase()) return undefined;
    return content ? content.digest("hex") : file.object.toLowerCase();
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
