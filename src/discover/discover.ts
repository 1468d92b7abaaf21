// Discovery: which files the run reads. Honours .gitignore files (nested too), config include/exclude,
// and always skips dependency and build folders. Symlinks are not followed (no loops, no escaping the root).
import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { glob, globSync, type GlobOptionsWithFileTypesUnset, type Path } from "glob";
import ignore, { type Ignore } from "ignore";

export type FileKind = "elixir" | "mix-lock" | "json" | "yaml" | "typescript" | "package-json";

export interface DiscoveredFile {
  /** Root-relative, `/`-separated. */
  path: string;
  kind: FileKind;
}

/** Folders never analysed: dependencies, build output, VCS data, coverage. */
export const ALWAYS_SKIPPED_DIRS = ["node_modules", "_build", "deps", ".git", "dist", "cover", ".elixir_ls", ".cache"];

const EXTENSION_KINDS: [RegExp, FileKind][] = [
  [/(^|\/)mix\.lock$/, "mix-lock"],
  [/(^|\/)package\.json$/, "package-json"],
  [/\.exs?$/, "elixir"],
  [/\.json$/, "json"],
  [/\.(ya?ml|rules)$/, "yaml"],
  [/\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/, "typescript"],
];

export function kindOf(path: string): FileKind | undefined {
  for (const [pattern, kind] of EXTENSION_KINDS) if (pattern.test(path)) return kind;
  return undefined;
}

const DEFAULT_PATTERN = "**/*.{ex,exs,json,yml,yaml,rules,lock,ts,tsx,mts,cts,js,jsx,mjs,cjs}";

export interface DiscoverOptions {
  include?: string[];
  exclude?: string[];
  /** File kinds to keep (the TypeScript frontend may be disabled). */
  kinds?: ReadonlySet<FileKind>;
}

/** Lazily loaded .gitignore matchers per directory (root-relative, "" for the root). */
class GitignoreTree {
  private readonly byDir = new Map<string, Ignore | null>();
  constructor(private readonly root: string) {}

  private matcherFor(dir: string): Ignore | null {
    let matcher = this.byDir.get(dir);
    if (matcher === undefined) {
      const file = join(this.root, dir, ".gitignore");
      matcher = null;
      if (existsSync(file)) {
        try {
          matcher = ignore().add(readFileSync(file, "utf8"));
        } catch {
          matcher = null; // an unreadable .gitignore ignores nothing
        }
      }
      this.byDir.set(dir, matcher);
    }
    return matcher;
  }

  /** Is `relPath` (a file, or a directory when `isDir`) ignored by any .gitignore above it? */
  ignored(relPath: string, isDir: boolean): boolean {
    const segments = relPath.split("/");
    for (let depth = 0; depth < segments.length; depth++) {
      const dir = segments.slice(0, depth).join("/");
      const matcher = this.matcherFor(dir);
      if (!matcher) continue;
      const rest = segments.slice(depth).join("/") + (isDir ? "/" : "");
      if (matcher.ignores(rest)) return true;
    }
    return false;
  }
}

/**
 * Lists the files to analyse under `root`, sorted by path (so results never depend on file-system order).
 * `paths` narrows the walk to some root-relative files or folders.
 */
export async function discoverFiles(root: string, options: DiscoverOptions = {}, paths: string[] = []): Promise<DiscoveredFile[]> {
  const plan = discoveryPlan(root, options, paths);
  return plan.finish(await glob(plan.patterns, plan.globOptions));
}

/** The same walk, synchronously (the ESLint plugin's rules cannot await). */
export function discoverFilesSync(root: string, options: DiscoverOptions = {}, paths: string[] = []): DiscoveredFile[] {
  const plan = discoveryPlan(root, options, paths);
  return plan.finish(globSync(plan.patterns, plan.globOptions));
}

function discoveryPlan(root: string, options: DiscoverOptions, paths: string[]) {
  const gitignore = new GitignoreTree(root);
  const excluded = options.exclude?.length ? ignore().add(options.exclude) : undefined;
  const skipDir = (rel: string): boolean => {
    const base = posix.basename(rel);
    if (ALWAYS_SKIPPED_DIRS.includes(base)) return true;
    if (excluded?.ignores(rel + "/")) return true;
    return gitignore.ignored(rel, true);
  };
  const patterns = options.include?.length ? options.include : scopedPatterns(paths);
  const globOptions: GlobOptionsWithFileTypesUnset = {
    cwd: root,
    dot: true,
    nodir: true,
    follow: false,
    posix: true,
    ignore: {
      ignored: (p: Path) => {
        const rel = p.relativePosix();
        return excluded?.ignores(rel) === true || gitignore.ignored(rel, false);
      },
      childrenIgnored: (p: Path) => {
        const rel = p.relativePosix();
        // glob follows one level of symlinked directories under `**`; we follow none.
        return rel !== "" && (p.isSymbolicLink() || skipDir(rel));
      },
    },
  };
  return { patterns, globOptions, finish: (found: string[]) => collect(found, skipDir, options) };
}

function collect(found: string[], skipDir: (rel: string) => boolean, options: DiscoverOptions): DiscoveredFile[] {
  const files: DiscoveredFile[] = [];
  for (const path of found) {
    const rel = path.replace(/^\.\//, "");
    // glob does not apply childrenIgnored to explicitly named paths; check ancestors once more.
    if (rel.split("/").slice(0, -1).some((_, i, all) => skipDir(all.slice(0, i + 1).join("/")))) continue;
    const kind = kindOf(rel);
    if (!kind || (options.kinds && !options.kinds.has(kind))) continue;
    files.push({ path: rel, kind });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return files;
}

function scopedPatterns(paths: string[]): string[] {
  if (paths.length === 0) return [DEFAULT_PATTERN];
  return paths.map((p) => {
    const clean = p.replace(/\\/g, "/").replace(/\/+$/, "");
    if (clean === "" || clean === ".") return DEFAULT_PATTERN;
    return kindOf(clean) ? escapeGlob(clean) : `${escapeGlob(clean)}/${DEFAULT_PATTERN}`;
  });
}

const escapeGlob = (p: string): string => p.replace(/[*?[\]{}()!]/g, "\\$&");
