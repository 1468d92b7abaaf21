// Config include/exclude: plain paths among the patterns are looked up rather than tried on every
// path. The files kept must be exactly those of every pattern tried in turn (minimatch for include,
// one `ignore` list for exclude, folders asked about with a trailing `/`).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ignore from "ignore";
import { Minimatch } from "minimatch";
import { afterAll, describe, expect, it } from "vitest";
import { discoverFilesSync } from "../../src/discover/discover.js";

const FILES = [
  "top.json",
  "a/b.json",
  "a/Mixed.json",
  "a/foo/x.json",
  "foo/y.json",
  "b/foo.json",
  "c/data.json/z.json",
  "d/data.json",
  "sub/keep.json",
  "sub/drop.json",
  "deep/1/2/deep/x.json",
  "x/a/b.json",
  ".hidden/h.json",
  "lib/m.ex",
];
const root = mkdtempSync(join(tmpdir(), "td-patterns-"));
for (const file of FILES) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), "{}");
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every pattern tried on every path, as discovery did before plain paths were looked up. */
function tryEach(paths: string[], include?: string[], exclude?: string[]): string[] {
  const included = include?.map((p) => new Minimatch(p.replace(/^\.\//, ""), { dot: true }));
  const excluded = exclude ? ignore().add(exclude) : undefined;
  return paths.filter((path) => {
    if (included && !included.some((m) => m.match(path))) return false;
    const dirs = path.split("/").slice(0, -1);
    if (dirs.some((_, i) => excluded?.ignores(`${dirs.slice(0, i + 1).join("/")}/`))) return false;
    return !excluded?.ignores(path);
  });
}

const found = (include?: string[], exclude?: string[], paths?: string[]): string[] =>
  discoverFilesSync(root, { ...(include ? { include } : {}), ...(exclude ? { exclude } : {}) }, paths).map((f) => f.path);

const EXCLUDES: string[][] = [
  // A name at any depth, anchored paths, a folder only (trailing `/`), case-insensitive like git.
  ["foo", "/top.json", "a/b.json", "data.json/", "MIXED.json"],
  // A negation: order matters, and a file under an excluded folder cannot be re-included.
  ["foo", "!foo/y.json", "sub/*", "!sub/keep.json"],
  ["b.json", "deep/", "**/x.json", "/c/"],
  ["a", "x/a", "/sub/keep.json/", "Sub/Drop.json", "lib/m.ex/"],
  ["nothing/here.json", "./a/b.json", "a//foo", "a/b.json "],
  // `*.ext` at any depth, a folder only, case-insensitive; `*b.json` and a trailing space are globs.
  ["*.ex", "*.JSON/"],
  ["*.h.json", "*b.json", "*.Json "],
  ["*.json", "!sub/keep.json"],
];
const INCLUDES: string[][] = [
  ["a/b.json", "./foo/y.json", "A/b.json", "lib/**"],
  ["**/*.json", "top.json"],
  ["a//b.json", "c/data.json/z.json", ".hidden/h.json", "d/data.json/"],
  ["sub/keep.json", "!sub/drop.json"],
];

describe("include and exclude patterns", () => {
  const all = found();

  it("the tree as listed without patterns", () => {
    expect(all).toEqual([...FILES].sort());
  });

  it("exclude: exactly the files the whole list keeps", () => {
    expect(found(undefined, EXCLUDES[0])).toEqual([".hidden/h.json", "b/foo.json", "d/data.json", "deep/1/2/deep/x.json", "lib/m.ex", "sub/drop.json", "sub/keep.json", "x/a/b.json"]);
    for (const exclude of EXCLUDES) expect(found(undefined, exclude), JSON.stringify(exclude)).toEqual(tryEach(all, undefined, exclude));
  });

  it("include: exactly the files some pattern matches, plain paths case-sensitive", () => {
    expect(found(INCLUDES[0])).toEqual(["a/b.json", "foo/y.json", "lib/m.ex"]);
    for (const include of INCLUDES) expect(found(include), JSON.stringify(include)).toEqual(tryEach(all, include));
  });

  it("both, and paths given on the command line as written", () => {
    for (const include of INCLUDES) for (const exclude of EXCLUDES) expect(found(include, exclude), JSON.stringify([include, exclude])).toEqual(tryEach(all, include, exclude));
    expect(found(["a/b.json"], undefined, ["a//b.json"])).toEqual(["a//b.json"]);
    expect(found(undefined, ["a/b.json"], ["a//b.json", "x//a/b.json"])).toEqual(tryEach(["a//b.json", "x//a/b.json"], undefined, ["a/b.json"]));
  });
});

describe(".gitignore files", () => {
  const GITIGNORES: Record<string, string[]> = {
    "": ["# a comment", "", "*.ex", "foo", "/top.json", "*.JSON/", "npm-debug.log*", "*.b.json"],
    a: ["*.JSON", "Mixed.json/"],
    sub: ["*.json", "!keep.json"],
    deep: ["1/"],
  };

  /** Each .gitignore's rules tried in turn, on the path and its folders, as git reads them. */
  function ignoredByChain(path: string): boolean {
    const segments = path.split("/");
    return Object.entries(GITIGNORES).some(([dir, lines]) => {
      if (dir !== "" && !path.startsWith(`${dir}/`)) return false;
      const rel = dir === "" ? segments : segments.slice(dir.split("/").length);
      const matcher = ignore().add(lines);
      return rel.some((_, i) => matcher.ignores(i < rel.length - 1 ? `${rel.slice(0, i + 1).join("/")}/` : rel.join("/")));
    });
  }

  it("keep exactly the files their rules tried in turn keep (plain names, *.ext, folders only, negations)", () => {
    const tree = mkdtempSync(join(tmpdir(), "td-gitignores-"));
    try {
      for (const file of FILES) {
        mkdirSync(dirname(join(tree, file)), { recursive: true });
        writeFileSync(join(tree, file), "{}");
      }
      for (const [dir, lines] of Object.entries(GITIGNORES)) writeFileSync(join(tree, dir, ".gitignore"), lines.join("\n"));
      const kept = discoverFilesSync(tree, {}).map((f) => f.path);
      expect(kept).toEqual([...FILES].sort().filter((path) => !ignoredByChain(path)));
      expect(kept).toEqual([".hidden/h.json", "b/foo.json", "d/data.json", "sub/keep.json", "x/a/b.json"]);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });
});
