// Discovery: which files the run reads. Honours .gitignore files (nested too), config include/exclude,
// and always skips dependency and build folders. Symlinks are not followed (no loops, no escaping the root).
import { isUtf8 } from "node:buffer";
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import { join, posix } from "node:path";
import { Minimatch } from "minimatch";
import ignore, { type Ignore } from "ignore";
import { isWithin, NotRegularFileError, readTextLimited, TooBigError } from "../util/fs.js";
import { globTooComplex, isGitignorePattern, MAX_FOLDER_DEPTH } from "./glob-limits.js";

/**
 * The largest .gitignore read: 40 times the largest of GitHub's templates (VisualStudio.gitignore, 7
 * KiB). Every path is matched against every line above it: at this size (some 30,000 lines) that is
 * already 25 ms a path; a /dev/zero behind a symlink would fill memory.
 */
export const MAX_GITIGNORE_BYTES = 256 * 1024;

export type FileKind = "elixir" | "mix-lock" | "json" | "yaml" | "typescript" | "package-json";

export interface DiscoveredFile {
  /** Root-relative, `/`-separated. */
  path: string;
  kind: FileKind;
}

/** Folders never analysed: dependencies, build output, VCS data, coverage. */
export const ALWAYS_SKIPPED_DIRS = ["node_modules", "_build", "deps", ".git", "dist", "cover", ".elixir_ls", ".cache"];


const BY_EXTENSION = new Map<string, FileKind>([
  ["ex", "elixir"],
  ["exs", "elixir"],
  ["json", "json"],
  ["yml", "yaml"],
  ["yaml", "yaml"],
  ["rules", "yaml"],
  ...["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"].map((e) => [e, "typescript"] as [string, FileKind]),
]);

export function kindOf(path: string): FileKind | undefined {
  const base = path.slice(path.lastIndexOf("/") + 1);
  if (base === "mix.lock") return "mix-lock";
  if (base === "package.json") return "package-json";
  const dot = base.lastIndexOf(".");
  return dot < 0 ? undefined : BY_EXTENSION.get(base.slice(dot + 1));
}

export interface DiscoverOptions {
  include?: string[];
  exclude?: string[];
  /** File kinds to keep (the TypeScript frontend may be disabled). */
  kinds?: ReadonlySet<FileKind>;
  /**
   * Symbolic links directly in the tree (never those inside the folders they lead to) are followed when
   * they lead into this folder (absolute, real): the GitHub Action's base tree, which links the folders
   * and files it shares with the working tree (action/base-tree.ts). Elsewhere symlinks are skipped.
   */
  linksInto?: string;
}

/** A file discovery could not list properly (its name, or a .gitignore line), as a one-line reason. */
export interface DiscoveryProblem {
  path: string;
  line?: number;
  message: string;
}

/**
 * What a whole-tree walk depended on, for reusing its result (see listing.ts): every folder it listed
 * with its ctime taken before the listing, and every .gitignore in them with its size and ctime taken
 * before reading it. `unstable`: the walk read something whose change a later stat could miss (a
 * .gitignore that is a symlink, or that could not be read).
 */
export interface WalkInputs {
  dirs: string[];
  dirCtimes: number[];
  ignores: string[];
  ignoreSizes: number[];
  ignoreCtimes: number[];
  unstable: boolean;
}

/** Lazily loaded .gitignore matchers per directory (root-relative, "" for the root). */
class GitignoreTree {
  private readonly byDir = new Map<string, IgnorePatterns | null>();
  constructor(
    private readonly root: string,
    private readonly problems: DiscoveryProblem[],
    private readonly inputs?: WalkInputs,
    /** Where the tree's followed links lead (DiscoverOptions.linksInto): .gitignore files there are read too. */
    private readonly linksInto?: string,
  ) {}

  /** A folder the walk listed without a `.gitignore` entry: no need to look for one (a stat per folder). */
  noteNoGitignore(dir: string): void {
    if (!this.byDir.has(dir)) this.byDir.set(dir, null);
  }

  private matcherFor(dir: string): IgnorePatterns | null {
    let matcher = this.byDir.get(dir);
    if (matcher === undefined) {
      const file = join(this.root, dir, ".gitignore");
      const path = dir === "" ? ".gitignore" : `${dir}/.gitignore`;
      matcher = null;
      if (this.inputs) {
        // Before the read: a later change (content, permissions) shows as another size or ctime. A
        // symlink's target can change with no trace here: such a walk is never reused.
        const info = lstatSync(file, { throwIfNoEntry: false });
        if (info?.isFile()) {
          this.inputs.ignores.push(path);
          this.inputs.ignoreSizes.push(info.size);
          this.inputs.ignoreCtimes.push(info.ctimeMs);
        } else if (info) this.inputs.unstable = true;
      }
      const text = this.read(file, path);
      if (text !== undefined) matcher = compileGitignore(text, path, this.problems);
      this.byDir.set(dir, matcher);
    }
    return matcher;
  }

  /**
   * A .gitignore's text; undefined when there is none, or none that can be read safely. Only a regular
   * file inside the root is read (a symlink to one inside is fine), up to MAX_GITIGNORE_BYTES: a FIFO
   * would block the walk forever, /dev/zero fill memory, a file outside the root is none of ours. Such a
   * .gitignore is a problem, and its rules are not applied: none of them can be trusted (a cut-off line
   * could mean anything), and applying none means reading more files, never hiding one. An unreadable
   * one (permissions) ignores nothing, as before.
   */
  private read(file: string, path: string): string | undefined {
    try {
      return readTextLimited(file, MAX_GITIGNORE_BYTES, { within: this.linksInto ? [this.root, this.linksInto] : this.root });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return undefined; // none, or a dangling symlink
      if (this.inputs) this.inputs.unstable = true;
      let why: string | undefined;
      if (error instanceof TooBigError) why = `is over ${MAX_GITIGNORE_BYTES / 1024} KiB, too big for a .gitignore`;
      else if (error instanceof NotRegularFileError) why = notRegular(file);
      if (why) this.problems.push({ path, message: `${path}: ${why}; its rules are not applied` });
      return undefined;
    }
  }

  /** The .gitignore files that apply inside `dir` (its own and its ancestors'), with the folder each sits in. */
  private chainFor(dir: string): { prefix: string; matcher: IgnorePatterns }[] {
    let chain = this.chains.get(dir);
    if (!chain) {
      const parent = dir === "" ? [] : this.chainFor(dir.includes("/") ? dir.slice(0, dir.lastIndexOf("/")) : "");
      const own = this.matcherFor(dir);
      chain = own ? [...parent, { prefix: dir === "" ? "" : `${dir}/`, matcher: own }] : parent;
      this.chains.set(dir, chain);
    }
    return chain;
  }
  private readonly chains = new Map<string, { prefix: string; matcher: IgnorePatterns }[]>();

  /** Is `relPath` (a file, or a directory when `isDir`) ignored by any .gitignore above it? */
  ignored(relPath: string, isDir: boolean): boolean {
    const slash = relPath.lastIndexOf("/");
    const chain = this.chainFor(slash < 0 ? "" : relPath.slice(0, slash));
    for (const { prefix, matcher } of chain) {
      if (matcher.ignores(relPath.slice(prefix.length) + (isDir ? "/" : ""))) return true;
    }
    return false;
  }
}

/** Why a .gitignore readTextLimited refused is not read: a symlink out of the root, or not a file. */
function notRegular(file: string): string {
  let info;
  try {
    info = statSync(file);
  } catch {
    return "cannot be read";
  }
  if (info.isFile()) return "is a symbolic link to a file outside the analysed folder";
  if (info.isDirectory()) return "is a directory";
  return "is not a regular file (a FIFO, socket or device)";
}

/**
 * The `ignore` library compiles patterns lazily, on the first match: a line it cannot compile (a
 * pattern too large for a regular expression) would throw mid-walk. Each line is tried once here; the
 * ones that fail are left out and reported, the rest of the file still applies. So are lines with more
 * wildcards than MAX_GLOB_WILDCARDS (see glob-limits.ts): matching one could take minutes a path.
 */
function compileGitignore(text: string, path: string, problems: DiscoveryProblem[]): IgnorePatterns {
  const lines = text.split(/\r?\n/);
  const reject = (i: number, why: string): void => {
    problems.push({ path, line: i + 1, message: `${path}:${i + 1}: this .gitignore line cannot be used (${why}); it is ignored` });
  };
  const costly = lines.map((line) => (isGitignorePattern(line) ? globTooComplex(line) : undefined));
  if (!costly.some(Boolean)) {
    try {
      ignore().add(text).ignores("probe");
      return new IgnorePatterns(lines);
    } catch {
      // some line cannot be compiled: find it below
    }
  }
  const kept: string[] = [];
  lines.forEach((line, i) => {
    const why = costly[i];
    if (why) return reject(i, why);
    try {
      ignore().add(line).ignores("probe");
      kept.push(line);
    } catch (error) {
      reject(i, (error as Error).message.slice(0, 80).replace(/[\u0000-\u001f\u2028\u2029]/g, " "));
    }
  });
  return new IgnorePatterns(kept);
}

/**
 * Lists the files to analyse under `root`, sorted by path (so results never depend on file-system order).
 * `paths` narrows the walk to some root-relative files or folders. (Async for the engine's signature;
 * the walk itself is synchronous: one readdir per folder is cheaper than any scheduling around it.)
 */
export async function discoverFiles(root: string, options: DiscoverOptions = {}, paths: string[] = []): Promise<DiscoveredFile[]> {
  return discoverFilesSync(root, options, paths);
}

/** The walk: readdir with file types, pruning skipped, excluded and git-ignored folders as it goes. */
export function discoverFilesSync(root: string, options: DiscoverOptions = {}, paths: string[] = []): DiscoveredFile[] {
  return discover(root, options, paths).files;
}

/**
 * The walk, with the files it could not list properly; with `recordInputs`, a whole-tree walk also
 * returns what it depended on (WalkInputs).
 */
export function discover(
  root: string,
  options: DiscoverOptions = {},
  paths: string[] = [],
  recordInputs = false,
): { files: DiscoveredFile[]; problems: DiscoveryProblem[]; inputs?: WalkInputs } {
  const problems: DiscoveryProblem[] = [];
  // A walk through links depends on more than its own folders: it is never reused.
  const inputs: WalkInputs | undefined = recordInputs && paths.length === 0 && !options.linksInto ? { dirs: [], dirCtimes: [], ignores: [], ignoreSizes: [], ignoreCtimes: [], unstable: false } : undefined;
  const gitignore = new GitignoreTree(root, problems, inputs, options.linksInto);
  const excluded = options.exclude?.length ? new IgnorePatterns(options.exclude) : undefined;
  const included = options.include?.length ? new IncludePatterns(options.include) : undefined;
  const skipDir = (rel: string): boolean => {
    if (ALWAYS_SKIPPED_DIRS.includes(posix.basename(rel))) return true;
    if (excluded?.ignores(rel + "/")) return true;
    return gitignore.ignored(rel, true);
  };
  const files: DiscoveredFile[] = [];
  const seen = new Set<string>();
  // A folder MAX_FOLDER_DEPTH levels deep is not listed: one problem for it (when it holds anything).
  const reportedDeep = new Set<string>();
  const tooDeep = (dir: string): void => {
    const top = dir.split("/").slice(0, MAX_FOLDER_DEPTH).join("/");
    if (reportedDeep.has(top)) return;
    reportedDeep.add(top);
    try {
      if (readdirSync(join(root, top)).length === 0) return;
    } catch {
      return; // unreadable or gone: nothing we could analyse
    }
    problems.push({ path: top, message: `${top}: a folder ${MAX_FOLDER_DEPTH} levels deep, the deepest telemetry-drift reads: the files below it are not analysed` });
  };
  const consider = (rel: string): void => {
    if (seen.has(rel)) return;
    const kind = kindOf(rel);
    if (!kind || (options.kinds && !options.kinds.has(kind))) return;
    if (included && !included.matches(rel)) return;
    if (excluded?.ignores(rel) || gitignore.ignored(rel, false)) return;
    seen.add(rel);
    files.push({ path: rel, kind });
  };
  /** A followed link's target (see DiscoverOptions.linksInto), when it is a folder or a file inside that folder. */
  const linkTarget = (rel: string): "folder" | "file" | undefined => {
    try {
      const absolute = join(root, rel);
      if (!isWithin(realpathSync(absolute), options.linksInto!)) return undefined;
      const info = statSync(absolute);
      return info.isDirectory() ? "folder" : info.isFile() ? "file" : undefined;
    } catch {
      return undefined; // dangling
    }
  };
  /** `throughLink`: the folder was reached through a followed link (the links in it are the repository's own: skipped). */
  const walk = (dir: string, throughLink = false): void => {
    if (dir !== "" && depthOf(dir) >= MAX_FOLDER_DEPTH) {
      if (inputs) {
        // A file put here later would be a problem: a reused walk must see the folder change.
        try {
          inputs.dirCtimes.push(lstatSync(join(root, dir)).ctimeMs);
          inputs.dirs.push(dir);
        } catch {
          return;
        }
      }
      return tooDeep(dir);
    }
    let entries: Dirent[];
    try {
      if (inputs) {
        // The folder's ctime before its listing: an entry added, removed or renamed later, or a change
        // of permissions, shows as another ctime. (The root itself may be a symlink: its target counts.)
        inputs.dirCtimes.push((dir === "" ? statSync(root) : lstatSync(join(root, dir))).ctimeMs);
        inputs.dirs.push(dir);
      }
      entries = readdirSync(dir === "" ? root : join(root, dir), { withFileTypes: true });
    } catch {
      return; // an unreadable or vanished folder holds nothing we can analyse
    }
    const badNames = entries.some((e) => e.name.includes("\ufffd")) ? undecodableNames(dir === "" ? root : join(root, dir)) : undefined;
    if (!entries.some((e) => e.name === ".gitignore")) gitignore.noteNoGitignore(dir);
    for (const entry of entries) {
      const rel = dir === "" ? entry.name : `${dir}/${entry.name}`;
      if (badNames?.has(entry.name)) {
        // The name is not UTF-8: as a string it names no file, so it cannot be opened or reported by name.
        if (entry.isFile() && kindOf(rel)) problems.push({ path: rel, message: `${rel}: the file name is not valid UTF-8, so it cannot be read; rename it` });
        continue;
      }
      // Symlinks are never followed (no loops, nothing outside the root), except the base tree's own.
      if (entry.isDirectory()) {
        if (!skipDir(rel)) walk(rel, throughLink);
      } else if (entry.isFile()) consider(rel);
      else if (options.linksInto && !throughLink && entry.isSymbolicLink()) {
        const target = linkTarget(rel);
        if (target === "folder" && !skipDir(rel)) walk(rel, true);
        else if (target === "file") consider(rel);
      }
    }
  };

  const scopes = paths.map((p) => p.replace(/\\/g, "/").replace(/\/+$/, "").replace(/^\.\//, "")).filter((p) => p !== ".");
  if (scopes.length === 0 || paths.some((p) => p === "" || p === "." || p === "./")) walk("");
  for (const scope of scopes) {
    if (scope === "") continue;
    // A path deeper than the walk goes: the problem of the folder it is in at that depth, unless skipped.
    const deep = depthOf(scope) > MAX_FOLDER_DEPTH;
    const ancestors = scope.split("/").slice(0, deep ? MAX_FOLDER_DEPTH : -1);
    if (ancestors.some((_, i) => skipDir(ancestors.slice(0, i + 1).join("/")))) continue;
    if (deep) {
      tooDeep(scope);
      continue;
    }
    let info;
    try {
      info = lstatSync(join(root, scope));
    } catch {
      continue; // the CLI reports missing paths before the engine runs
    }
    if (info.isDirectory()) {
      if (!skipDir(scope)) walk(scope);
    } else if (info.isFile()) consider(scope);
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  return { files, problems, ...(inputs ? { inputs } : {}) };
}

/**
 * A pattern that is a plain path, without leading or trailing `/`: no wildcard, class, brace, escape,
 * negation or comment, and no empty, `.` or `..` segment. Such a pattern can match a path only where the
 * path holds the same segments, so it can be looked up instead of tried on every path.
 */
function isPlainPath(pattern: string): boolean {
  return pattern.split("/").every((segment) => /^[A-Za-z0-9_.-]+$/.test(segment) && segment !== "." && segment !== "..");
}

/** A path's non-empty segments (minimatch on Windows also splits on `\`). */
const segmentsOf = (path: string): string[] => path.split(/[\\/]+/).filter(Boolean);

/**
 * Config `include` globs (minimatch): a path is included when one matches it. Plain paths among them
 * are looked up by the path's segments and confirmed by their matcher; only the other globs are tried
 * in turn (a list of N files over N paths would be N² matches).
 */
class IncludePatterns {
  private readonly plain = new Map<string, Minimatch>();
  private readonly globs: Minimatch[] = [];

  constructor(patterns: string[]) {
    for (const pattern of patterns) {
      const glob = pattern.replace(/^\.\//, "");
      const matcher = new Minimatch(glob, { dot: true });
      if (!isPlainPath(glob)) this.globs.push(matcher);
      else if (!this.plain.has(glob)) this.plain.set(glob, matcher);
    }
  }

  matches(rel: string): boolean {
    const plain = this.plain.size ? this.plain.get(segmentsOf(rel).join("/")) : undefined;
    return plain?.match(rel) === true || this.globs.some((m) => m.match(rel));
  }
}

/**
 * Patterns in gitignore syntax (the `ignore` library): the config's `exclude`, or a .gitignore's lines.
 * Two kinds are looked up instead of tried on every path, each hit confirmed by a matcher of the
 * patterns under its key. A plain path matches, case insensitively, a file or folder of that name at
 * any depth, or, with a `/` before its end, a path from the root, and everything below either: it is
 * looked up by the path's segments and prefixes. `*.ext` (`*.log`, `*.beam`, `*.pid.lock`) matches a
 * segment ending so: it is looked up by each of a segment's suffixes from a dot. The other patterns are
 * one `ignore` list, as before. With a negation (`!`) anywhere, order matters: all patterns stay in that
 * one list. A .gitignore of the usual ~70 lines tried in turn cost ~90 ms over the scale-10 benchmark.
 */
class IgnorePatterns {
  private readonly others: Ignore;
  /** Plain patterns by lowercased path; anchored ones (a `/` before the end) prefixed with `/`. */
  private readonly plain = new Map<string, Ignore>();
  /** `*.ext` patterns by lowercased `.ext`. */
  private readonly suffixes = new Map<string, Ignore>();

  constructor(patterns: string[]) {
    if (patterns.some((p) => /^\uFEFF?!/.test(p))) {
      this.others = ignore().add(patterns);
      return;
    }
    const byKey = new Map<string, Set<string>>();
    const bySuffix = new Map<string, Set<string>>();
    const others: string[] = [];
    patterns.forEach((pattern, i) => {
      const path = pattern.replace(/^\//, "").replace(/\/$/, "");
      const suffix = /^\*(\.[A-Za-z0-9_.-]+)\/?$/.exec(pattern)?.[1];
      const plain = suffix === undefined && isPlainPath(path);
      // The library strips a BOM from the first pattern of a list only: the first one stays first.
      if (i === 0 || (!plain && suffix === undefined)) others.push(pattern);
      if (suffix !== undefined) addTo(bySuffix, suffix.toLowerCase(), pattern);
      if (!plain) return;
      const anchored = pattern.startsWith("/") || path.includes("/");
      addTo(byKey, `${anchored ? "/" : ""}${path.toLowerCase()}`, pattern);
    });
    this.others = ignore().add(others);
    for (const [key, list] of byKey) this.plain.set(key, ignore().add([...list]));
    for (const [key, list] of bySuffix) this.suffixes.set(key, ignore().add([...list]));
  }

  /** As `ignore().add(patterns).ignores(path)`: a folder is asked about with a trailing `/`. */
  ignores(path: string): boolean {
    // Asked first and always: it also rejects a path that is not relative, as the single list did.
    if (this.others.ignores(path)) return true;
    if (this.plain.size === 0 && this.suffixes.size === 0) return false;
    let prefix = "";
    for (const segment of segmentsOf(path)) {
      const lower = segment.toLowerCase();
      prefix += `/${lower}`;
      if (this.plain.get(lower)?.ignores(path) || this.plain.get(prefix)?.ignores(path)) return true;
      if (this.suffixes.size === 0) continue;
      for (let dot = lower.indexOf("."); dot >= 0; dot = lower.indexOf(".", dot + 1)) {
        if (this.suffixes.get(lower.slice(dot))?.ignores(path)) return true;
      }
    }
    return false;
  }
}

function addTo(map: Map<string, Set<string>>, key: string, pattern: string): void {
  const set = map.get(key);
  if (set) set.add(pattern);
  else map.set(key, new Set([pattern]));
}

/** Segments of a root-relative path. */
function depthOf(rel: string): number {
  let depth = 1;
  for (let i = rel.indexOf("/"); i >= 0; i = rel.indexOf("/", i + 1)) depth++;
  return depth;
}

/** Names in a folder whose bytes are not valid UTF-8, as Node decodes them (with U+FFFD). */
function undecodableNames(dir: string): Set<string> {
  const out = new Set<string>();
  try {
    for (const raw of readdirSync(dir, { encoding: "buffer" })) if (!isUtf8(raw)) out.add(raw.toString("utf8"));
  } catch {
    // the folder vanished: nothing to list
  }
  return out;
}
