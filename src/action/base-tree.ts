// The pull request's base tree, read from git objects into a temporary folder: never a checkout over
// the workspace. Only files the analysis can read are written (plus .gitignore files and configs);
// symlinks and submodules are skipped, as discovery skips them. A pull request changes a few files:
// everything else the working tree holds with the base's very bytes, and is not written but linked.
// - A folder git proves the same (its tree object is the base's, and `git status` reports nothing in
//   it: no edit, no untracked or ignored file) is one symbolic link to the working tree's folder, which
//   the base analysis follows (AnalyzeOptions.linksInto). On the benchmark's 20,000-file tree the base
//   tree is then a few hundred links instead of 20,000, and the working tree's files are not touched.
// - In the other folders, a file git proves the same is a symbolic link to the working tree's file;
//   without symbolic links (Windows), a file whose bytes are checked to be the base's is a hard link
//   (creating a file costs far more than linking one: ~0.6 ms against ~0.01 ms on the benchmark machine).
// - Only the changed files are read out of git and written.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, constants, fstatSync, linkSync, lstatSync, mkdirSync, openSync, readSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { kindOf } from "../discover/discover.js";
import { CONFIG_FILE_NAME } from "../config/config.js";
import { isSafeRelativePath, isWithin } from "../util/fs.js";

type GitResult = { status: number | null; stdout: Buffer; stderr: Buffer };

const GIT_ENV = () => ({ ...process.env, GIT_TERMINAL_PROMPT: "0" });
const git = (cwd: string, args: string[], input?: string): GitResult => spawnSync("git", args, { cwd, input, maxBuffer: 1 << 30, env: GIT_ENV() });

/** The same without waiting: several run side by side, and while the head is analysed. */
function gitLater(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const child = spawn("git", args, { cwd, env: GIT_ENV(), stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => resolve({ status: null, stdout: Buffer.alloc(0), stderr: Buffer.from(error.message) }));
    child.on("close", (status) => resolve({ status, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) }));
  });
}

/**
 * What `writeBaseTree` asks git (with symbolic links), asked ahead (`askGit`): the Action starts these
 * before it analyses the head, so that they run while it does, from a process still small to fork.
 */
export interface GitAnswers {
  workTree: string;
  /** `git ls-tree -r -t -z --full-tree <base>`. */
  listing: GitResult;
  head: GitResult;
  status: GitResult;
  flags: GitResult;
}

export async function askGit(cwd: string, sha: string): Promise<GitAnswers | undefined> {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) return undefined;
  const top = await gitLater(cwd, ["rev-parse", "--show-toplevel"]);
  if (top.status !== 0) return undefined;
  const workTree = top.stdout.toString("utf8").replace(/\n$/, "");
  const [listing, head, status, flags] = await Promise.all([gitLater(cwd, ["ls-tree", "-r", "-t", "-z", "--full-tree", sha]), ...workingTreeQueries.map((args) => gitLater(workTree, args))]);
  return { workTree, listing: listing!, head: head!, status: status!, flags: flags! };
}

/** HEAD's tree, git's status (untracked and ignored files too), and the index entries' flags. */
const workingTreeQueries = [
  ["ls-tree", "-r", "-t", "-z", "--full-tree", "HEAD"],
  // No optional locks: a status must not rewrite the index under a git command another step runs.
  ["--no-optional-locks", "status", "--porcelain=v1", "-z", "--ignored=traditional", "--untracked-files=normal"],
  ["ls-files", "-v", "-z"],
];

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
      /** Files linked to the working tree's (repository-relative paths), with their content hashes (engine/cache.ts), where known. */
      linked: Map<string, string>;
      /** Symbolic links made into the working tree (to follow), and hard links (whose files' ctimes changed). */
      symlinks: number;
      hardLinks: number;
    }
  | { ok: false; reason: string };

/**
 * What an earlier read of the working tree's file at a repository path proved, if anything: the bytes'
 * content hash (engine/cache.ts `fileHash`) and the stat the file had then.
 */
export type KnownFile = (path: string) => { hash: string; size: number; mtimeMs: number } | undefined;

interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  /** -1 for a folder, or when not asked of git. */
  size: number;
  path: string;
}

export interface BaseTreeOptions {
  /** What the head's run proved of the working tree's files (repository paths). */
  known?: KnownFile;
  /** Only this folder (repository-relative, "" for all: the analysis root's, whose discovery reads nothing above it). */
  within?: string;
  /** Link with symbolic links where git proves a folder or file unchanged (default: not on Windows). */
  useSymlinks?: boolean;
  /** The working tree's top folder (`gitTopLevel`), when the caller asked git already. */
  workTree?: string;
  /** git's answers, asked ahead (`askGit`), for symbolic links. */
  answers?: GitAnswers;
}

/** The top folder of the git working tree that holds `cwd`, as git names it; undefined outside one. */
export function gitTopLevel(cwd: string): string | undefined {
  const top = git(cwd, ["rev-parse", "--show-toplevel"]);
  return top.status === 0 ? top.stdout.toString("utf8").replace(/\n$/, "") : undefined;
}

/**
 * Writes the base commit's files under `destination` (repository paths), only those in the folder
 * `within`.
 */
export function writeBaseTree(workspace: string, sha: string, destination: string, options: BaseTreeOptions = {}): BaseTreeResult {
  const { known, within = "", useSymlinks = process.platform !== "win32" } = options;
  destination = resolve(destination);
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) return { ok: false, reason: `"${sha}" is not a commit id` };
  const answers = useSymlinks ? options.answers : undefined;
  const workTree = answers?.workTree ?? options.workTree ?? gitTopLevel(workspace);
  const same = workTree && useSymlinks ? sameInWorkingTree(answers ?? askNow(workTree)) : undefined;
  // Sizes (which cost git a look at every object) only for hard links, whose bytes are checked.
  const lsTree = () => git(workspace, ["ls-tree", "-r", "-t", ...(same ? [] : ["-l"]), "-z", "--full-tree", sha]);
  let listing = same && answers?.listing.status === 0 ? answers.listing : lsTree();
  if (listing.status !== 0) {
    if (!ensureCommit(workspace, sha)) {
      return { ok: false, reason: `the base commit ${sha.slice(0, 7)} is not in the checkout and could not be fetched (use actions/checkout with fetch-depth: 0)` };
    }
    listing = lsTree();
  }
  if (listing.status !== 0) return { ok: false, reason: `git ls-tree ${sha.slice(0, 7)} failed: ${listing.stderr.toString().trim()}` };
  const folders: TreeEntry[] = [];
  const wanted: TreeEntry[] = [];
  for (const entry of treeEntries(listing.stdout)) {
    // git prints what the tree objects hold: a crafted tree can hold `..` or absolute-looking names,
    // which would be written outside the destination. Such an entry is not part of any checkout.
    if (!isSafeRelativePath(entry.path) || (within && !entry.path.startsWith(`${within}/`))) continue;
    // Submodules (gitlinks) too: one the working tree holds at the base's commit is linked like a folder.
    if (entry.type === "tree" || entry.type === "commit") folders.push(entry);
    else if (entry.type === "blob" && entry.mode !== "120000") {
      const name = entry.path.slice(entry.path.lastIndexOf("/") + 1);
      if (kindOf(entry.path) || name === ".gitignore" || name === CONFIG_FILE_NAME) wanted.push(entry);
    }
  }
  const linked = new Map<string, string>();
  const counts = { symlinks: 0, hardLinks: 0 };
  if (wanted.length === 0) return { ok: true, files: 0, linked, ...counts };
  const realDestination = realpathSync(destination);

  const madeFolders = new Map<string, boolean>([[destination, true]]);
  /**
   * Creates the folder of a file or link to make, one level at a time, refusing any part that exists as
   * something other than a folder: a link made earlier (a name a case-insensitive file system folds
   * into a linked folder's) must never be gone through, not even to create a folder.
   */
  function inDestination(folder: string): boolean {
    let ok = madeFolders.get(folder);
    if (ok !== undefined) return ok;
    const parent = dirname(folder);
    ok = parent !== folder && isWithin(folder, destination) && inDestination(parent);
    if (ok) {
      const info = lstatSync(folder, { throwIfNoEntry: false });
      if (info === undefined) {
        mkdirSync(folder);
        ok = isWithin(realpathSync(folder), realDestination);
      } else ok = info.isDirectory();
    }
    madeFolders.set(folder, ok);
    return ok;
  }

  // Folders first (git lists a folder before what it holds, but a crafted tree need not be in order).
  const linkedFolders = new Set<string>();
  const insideLinkedFolder = (path: string): boolean => {
    for (let i = path.indexOf("/"); i !== -1; i = path.indexOf("/", i + 1)) if (linkedFolders.has(path.slice(0, i))) return true;
    return false;
  };
  if (same) {
    for (const folder of folders.sort((a, b) => a.path.length - b.path.length)) {
      if (folder.path === within || linkedFolders.has(folder.path) || insideLinkedFolder(folder.path) || !same(folder)) continue;
      const target = join(destination, folder.path);
      if (!inDestination(dirname(target))) return { ok: false, reason: `unexpected path in the base commit: ${folder.path}` };
      try {
        symlinkSync(join(workTree!, folder.path), target, "dir");
      } catch {
        continue; // a name taken twice (a crafted tree); its files are written one by one
      }
      linkedFolders.add(folder.path);
      counts.symlinks++;
    }
  }

  const toWrite: TreeEntry[] = [];
  for (const file of wanted) {
    if (insideLinkedFolder(file.path)) {
      const hash = known?.(file.path)?.hash;
      if (hash !== undefined) linked.set(file.path, hash);
      continue;
    }
    const target = join(destination, file.path);
    if (!isWithin(target, destination) || !inDestination(dirname(target))) return { ok: false, reason: `unexpected path in the base commit: ${file.path}` };
    if (same?.(file)) {
      try {
        symlinkSync(join(workTree!, file.path), target, "file");
        counts.symlinks++;
        const hash = known?.(file.path)?.hash;
        if (hash !== undefined) linked.set(file.path, hash);
        continue;
      } catch {
        // a name taken twice (a crafted tree): written below, in place of what holds the name
      }
    }
    // With git's word available, a file it does not call the same has changed: written, not read to be linked.
    const hash = workTree && !same ? linkIfUnchanged(join(workTree, file.path), target, file, known?.(file.path)) : undefined;
    if (hash !== undefined) {
      linked.set(file.path, hash);
      counts.hardLinks++;
    } else toWrite.push(file);
  }
  if (toWrite.length === 0) return { ok: true, files: wanted.length, linked, ...counts };
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
    linked.delete(path); // a name taken twice: its link's facts are not this file's
    offset = headerEnd + 1 + size + 1;
  }
  return { ok: true, files: wanted.length, linked, ...counts };
}

/** `git ls-tree -r -t -z` records, "<mode> <type> <object>\t<path>", with `-l` "<mode> <type> <object> <size, padded; - for a folder>\t<path>". */
function treeEntries(stdout: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of stdout.toString("utf8").split("\0")) {
    const match = /^(\d+) (\w+) ([0-9a-f]+)(?: +(\d+|-))?\t(.*)$/s.exec(record);
    if (match) entries.push({ mode: match[1]!, type: match[2]!, object: match[3]!, size: match[4] === undefined || match[4] === "-" ? -1 : Number(match[4]), path: match[5]! });
  }
  return entries;
}

/**
 * Which base entries the working tree holds exactly, by git's own bookkeeping: an entry with the same
 * mode and object in HEAD's tree, at a path where `git status` reports nothing (no edit, no untracked
 * or ignored file at or below it) and whose index entry git does not skip (assume-unchanged,
 * skip-worktree: the files a sparse checkout leaves out, among others). Undefined when git cannot tell
 * (no HEAD, a failing command).
 */
function sameInWorkingTree({ head, status, flags }: Pick<GitAnswers, "head" | "status" | "flags">): ((entry: TreeEntry) => boolean) | undefined {
  if (head.status !== 0 || status.status !== 0 || flags.status !== 0) return undefined;
  const inHead = new Map<string, string>();
  for (const record of head.stdout.toString("utf8").split("\0")) {
    const match = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(record);
    if (match) inHead.set(match[4]!, `${match[1]} ${match[3]}`);
  }
  const dirty = new Set<string>();
  const markDirty = (path: string): void => {
    for (let p = path.replace(/\/+$/, ""); p && !dirty.has(p); p = p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "") dirty.add(p);
  };
  const records = status.stdout.toString("utf8").split("\0");
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    if (record.length < 4) continue;
    markDirty(record.slice(3));
    // "XY path", then the source's path as a record of its own for a rename or copy, staged (X) or not (Y).
    if (/[RC]/.test(record.slice(0, 2))) markDirty(records[++i] ?? "");
  }
  for (const record of flags.stdout.toString("utf8").split("\0")) {
    // "<tag> <path>": lower case, assume-unchanged; S, skip-worktree. git would not see those files change.
    if (record.length > 2 && (record[0] === "S" || record[0] === "s" || (record[0]! >= "a" && record[0]! <= "z"))) markDirty(record.slice(2));
  }
  return (entry) => !dirty.has(entry.path) && inHead.get(entry.path) === `${entry.mode} ${entry.object}`;
}

/** The working tree's answers, asked now. */
function askNow(workTree: string): Pick<GitAnswers, "head" | "status" | "flags"> {
  const [head, status, flags] = workingTreeQueries.map((args) => git(workTree, args));
  return { head: head!, status: status!, flags: flags! };
}

/**
 * Links the working tree's file at `source` to `target` when it holds exactly the base's blob, returning
 * its content hash. The link itself is checked, so that nothing can change between the check and the
 * link: by its stat when `known` read it before with the blob's object id as its hash (the fact cache's
 * own proof that a file is unchanged), else by reading it (git's object id of its bytes). A symlink, a
 * missing file, one on another file system or with other bytes is left to be written from git (undefined).
 */
function linkIfUnchanged(source: string, target: string, file: TreeEntry, known: ReturnType<KnownFile>): string | undefined {
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
function contentHashIfBlob(path: string, file: TreeEntry): string | undefined {
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
