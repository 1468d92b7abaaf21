// The pull request's base tree (src/action/base-tree.ts): every file holds the base commit's bytes,
// whatever the working tree holds at that path. What git proves unchanged is a symbolic link to the
// working tree (a whole folder where it can); without symbolic links, a file the working tree holds
// unchanged is a hard link to it. Every other file is written from git's objects.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import * as fs from "node:fs";

vi.mock("node:fs", async (importOriginal) => {
  const original = await importOriginal<typeof fs>();
  return { ...original, openSync: vi.fn(original.openSync) };
});
const openSync = vi.mocked(fs.openSync);
import { askGit, writeBaseTree } from "../../src/action/base-tree.js";

const work = mkdtempSync(join(tmpdir(), "td-base-tree-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const posix = process.platform !== "win32";

const git = (cwd: string, ...args: string[]): string => {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
};

const BASE: Record<string, string> = {
  "lib/same.ex": "defmodule Same do\n  def run, do: :telemetry.execute([:a, :b], %{n: 1})\nend\n",
  "dashboards/same.json": '{"panels": [{"targets": [{"expr": "up"}]}]}\n',
  "src/same.ts": 'import { metrics } from "@opentelemetry/api";\n',
  "lib/edited.ex": "defmodule Edited do\nend\n",
  "lib/deleted.ex": "defmodule Deleted do\nend\n",
  "lib/same_size.ex": "defmodule SameSize do\nend\n",
  "lib/now_symlink.ex": "defmodule NowSymlink do\nend\n",
  "dashboards/crlf.json": '{\n  "panels": []\n}\n',
  "README.md": "not analysed\n",
};

/** A repository whose one commit holds BASE; the working tree then edits, deletes and replaces some files. */
function repository(): { repo: string; base: string } {
  const repo = mkdtempSync(join(work, "repo-"));
  git(repo, "init", "-q");
  for (const [path, text] of Object.entries(BASE)) {
    mkdirSync(join(repo, path, ".."), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  git(repo, "add", "-A");
  git(repo, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "base");
  const base = git(repo, "rev-parse", "HEAD").trim();
  writeFileSync(join(repo, "lib/edited.ex"), "defmodule Edited do\n  def more, do: :ok\nend\n");
  unlinkSync(join(repo, "lib/deleted.ex"));
  writeFileSync(join(repo, "lib/same_size.ex"), BASE["lib/same_size.ex"]!.replace("SameSize", "OtherOne")); // same length
  writeFileSync(join(repo, "dashboards/crlf.json"), BASE["dashboards/crlf.json"]!.replace(/\n/g, "\r\n"));
  if (posix) {
    unlinkSync(join(repo, "lib/now_symlink.ex"));
    writeFileSync(join(repo, "lib/target.ex"), BASE["lib/now_symlink.ex"]!); // a symlink to the very bytes
    symlinkSync("target.ex", join(repo, "lib/now_symlink.ex"));
  }
  return { repo, base };
}

const analysed = Object.keys(BASE).filter((p) => !p.endsWith(".md"));

describe("the base tree, with symbolic links", () => {
  it.skipIf(!posix)("links the folders and files git proves unchanged, and writes the others from git", () => {
    const { repo, base } = repository();
    const destination = join(work, "base-s1");
    mkdirSync(destination);
    const result = writeBaseTree(repo, base, destination);
    // src/ is unchanged: one link for the folder; lib/ and dashboards/ changed: a link per unchanged file.
    expect(result).toEqual({ ok: true, files: analysed.length, linked: new Map(), symlinks: 3, hardLinks: 0 });
    for (const path of analysed) expect(readFileSync(join(destination, path), "utf8"), path).toBe(BASE[path]);
    expect(readlinkSync(join(destination, "src"))).toBe(join(repo, "src"));
    expect(readlinkSync(join(destination, "lib/same.ex"))).toBe(join(repo, "lib/same.ex"));
    expect(readlinkSync(join(destination, "dashboards/same.json"))).toBe(join(repo, "dashboards/same.json"));
    for (const path of ["lib/edited.ex", "lib/same_size.ex", "lib/deleted.ex", "lib/now_symlink.ex", "dashboards/crlf.json"]) {
      expect(lstatSync(join(destination, path)).isFile(), path).toBe(true);
    }
    expect(existsSync(join(destination, "lib/target.ex"))).toBe(false); // untracked in the working tree
    // Removing the base tree removes the links, never what they lead to; git's view of the checkout is untouched.
    const statusBefore = git(repo, "status", "--porcelain");
    rmSync(destination, { recursive: true });
    expect(readdirSync(join(repo, "src"))).toEqual(["same.ts"]);
    expect(readFileSync(join(repo, "lib/same.ex"), "utf8")).toBe(BASE["lib/same.ex"]);
    expect(git(repo, "diff-files", "--name-only")).toBe(git(repo, "diff-files", "--name-only", "--", "lib", "dashboards"));
    expect(git(repo, "status", "--porcelain")).toBe(statusBefore);
  });

  it.skipIf(!posix)("makes the same tree from git's answers asked ahead (askGit)", async () => {
    const { repo, base } = repository();
    const answers = await askGit(repo, base);
    expect(answers?.workTree).toBe(realpathSync(repo));
    const [now, ahead] = [join(work, "base-s9a"), join(work, "base-s9b")];
    for (const d of [now, ahead]) mkdirSync(d);
    const listing = (root: string) => execFileSync("find", [".", "-printf", "%p %y %l\\n"], { cwd: root, encoding: "utf8" }).split("\n").sort();
    expect(writeBaseTree(repo, base, ahead, { answers: answers! })).toEqual(writeBaseTree(repo, base, now));
    expect(listing(ahead)).toEqual(listing(now));
    expect(await askGit(repo, "not-a-commit")).toBeUndefined();
  });

  it.skipIf(!posix)("does not link a folder holding an untracked, ignored or hidden change", () => {
    const { repo, base } = repository();
    git(repo, "reset", "-q", "--hard"); // the working tree as committed, then:
    git(repo, "clean", "-qfd");
    mkdirSync(join(repo, "src/generated"));
    writeFileSync(join(repo, "src/generated/extra.ts"), "export const x = 1;\n"); // untracked
    writeFileSync(join(repo, ".gitignore"), "*.log\n");
    writeFileSync(join(repo, "dashboards/debug.log"), "ignored\n"); // ignored
    writeFileSync(join(repo, "lib/same.ex"), "defmodule Hidden do\nend\n"); // edited, then hidden from git
    git(repo, "update-index", "--assume-unchanged", "lib/same.ex");
    const destination = join(work, "base-s2");
    mkdirSync(destination);
    expect(writeBaseTree(repo, base, destination)).toMatchObject({ ok: true, files: analysed.length, hardLinks: 0 });
    for (const folder of ["src", "dashboards", "lib"]) expect(lstatSync(join(destination, folder)).isDirectory(), folder).toBe(true);
    expect(existsSync(join(destination, "src/generated"))).toBe(false);
    expect(lstatSync(join(destination, "src/same.ts")).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(destination, "lib/same.ex")).isFile()).toBe(true); // written from git: the working tree's differs
    for (const path of analysed) expect(readFileSync(join(destination, path), "utf8"), path).toBe(BASE[path]);
  });

  it.skipIf(!posix)("does not link a folder a file was moved out of (a rename git sees in the working tree)", () => {
    const { repo, base } = repository();
    git(repo, "reset", "-q", "--hard");
    git(repo, "clean", "-qfd");
    mkdirSync(join(repo, "moved"));
    git(repo, "mv", "src/same.ts", "moved/same.ts");
    git(repo, "reset", "-q"); // unstaged again, then announced: git status prints " R moved/same.ts\0src/same.ts"
    git(repo, "add", "-N", "moved/same.ts");
    expect(git(repo, "status", "--porcelain=v1", "-z")).toContain(" R moved/same.ts\0src/same.ts");
    const destination = join(work, "base-s6");
    mkdirSync(destination);
    expect(writeBaseTree(repo, base, destination)).toMatchObject({ ok: true });
    expect(lstatSync(join(destination, "src")).isDirectory()).toBe(true);
    expect(readFileSync(join(destination, "src/same.ts"), "utf8")).toBe(BASE["src/same.ts"]);
  });

  it.skipIf(!posix)("never makes a folder through a link it finds in place (a name a case-insensitive file system folds)", () => {
    const { repo, base } = repository();
    const destination = join(work, "base-s7");
    const elsewhere = join(work, "elsewhere-s7");
    mkdirSync(destination);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(destination, "lib")); // as `Lib`, linked, would answer for `lib`
    expect(writeBaseTree(repo, base, destination)).toMatchObject({ ok: false, reason: expect.stringMatching(/unexpected path/) });
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it.skipIf(!posix)("links a submodule the working tree holds at the base's commit, in a folder that changed", () => {
    const { repo } = repository();
    git(repo, "reset", "-q", "--hard");
    git(repo, "clean", "-qfd");
    const sub = join(work, "sub-s8");
    mkdirSync(sub);
    git(sub, "init", "-q");
    writeFileSync(join(sub, "s.ts"), 'import { metrics } from "@opentelemetry/api";\n');
    git(sub, "add", "-A");
    git(sub, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "sub");
    git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", sub, "src/sub");
    git(repo, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "with a submodule");
    const base = git(repo, "rev-parse", "HEAD").trim();
    writeFileSync(join(repo, "src/added.ts"), "export const x = 1;\n");
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "head");
    const destination = join(work, "base-s8");
    mkdirSync(destination);
    expect(writeBaseTree(repo, base, destination)).toMatchObject({ ok: true });
    expect(lstatSync(join(destination, "src")).isDirectory()).toBe(true);
    expect(lstatSync(join(destination, "src/sub")).isSymbolicLink()).toBe(true);
    expect(existsSync(join(destination, "src/added.ts"))).toBe(false);
  });

  it.skipIf(!posix)("writes from git what a sparse checkout leaves out", () => {
    const { repo, base } = repository();
    git(repo, "reset", "-q", "--hard");
    git(repo, "clean", "-qfd");
    git(repo, "sparse-checkout", "set", "--no-cone", "/lib/", "/dashboards/"); // src/ left out
    expect(existsSync(join(repo, "src/same.ts"))).toBe(false);
    const destination = join(work, "base-s5");
    mkdirSync(destination);
    expect(writeBaseTree(repo, base, destination)).toMatchObject({ ok: true, files: analysed.length });
    expect(lstatSync(join(destination, "src/same.ts")).isFile()).toBe(true);
    expect(lstatSync(join(destination, "lib")).isSymbolicLink()).toBe(true);
    for (const path of analysed) expect(readFileSync(join(destination, path), "utf8"), path).toBe(BASE[path]);
  });

  it.skipIf(!posix)("hands on the hashes an earlier read proved, for linked folders and files", () => {
    const { repo, base } = repository();
    const proofs: Record<string, { hash: string; size: number; mtimeMs: number }> = {
      "src/same.ts": { hash: "a".repeat(40), size: 1, mtimeMs: 1 },
      "lib/same.ex": { hash: "b".repeat(40), size: 1, mtimeMs: 1 },
      "lib/edited.ex": { hash: "c".repeat(40), size: 1, mtimeMs: 1 }, // changed: written, no hash handed on
    };
    const destination = join(work, "base-s3");
    mkdirSync(destination);
    const result = writeBaseTree(repo, base, destination, { known: (path) => proofs[path] });
    expect((result as { linked: Map<string, string> }).linked).toEqual(new Map([["lib/same.ex", "b".repeat(40)], ["src/same.ts", "a".repeat(40)]]));
  });

  it.skipIf(!posix)("never writes through a linked folder, when a tree names a folder twice", () => {
    const { repo } = repository();
    const hashObject = (input: Buffer, ...args: string[]) => spawnSync("git", ["hash-object", "-w", "--stdin", ...args], { cwd: repo, input }).stdout.toString().trim();
    const entry = (mode: string, name: string, sha: string) => Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.from(sha, "hex")]);
    const src = git(repo, "rev-parse", "HEAD:src").trim(); // the working tree's src/, unchanged
    const other = hashObject(entry("100644", "same.ts", hashObject(Buffer.from("export const other = 1;\n"))), "-t", "tree", "--literally");
    const tree = hashObject(Buffer.concat([entry("40000", "src", src), entry("40000", "src", other)]), "-t", "tree", "--literally");
    const commit = spawnSync("git", ["-c", "user.name=x", "-c", "user.email=x@x", "commit-tree", tree, "-m", "twice"], { cwd: repo, encoding: "utf8" }).stdout.trim();
    const destination = join(work, "base-s4");
    mkdirSync(destination);
    expect(writeBaseTree(repo, commit, destination)).toMatchObject({ ok: true, symlinks: 1 });
    expect(readFileSync(join(repo, "src/same.ts"), "utf8")).toBe(BASE["src/same.ts"]);
  });
});

describe("the base tree, with hard links (no symbolic links: Windows)", () => {
  it("holds the base commit's bytes at every path, linking the files the working tree holds unchanged", () => {
    const { repo, base } = repository();
    const destination = join(work, "base-1");
    mkdirSync(destination);
    const objectId = (text: string) => spawnSync("git", ["hash-object", "--stdin"], { cwd: repo, input: text, encoding: "utf8" }).stdout.trim();
    const same = ["dashboards/same.json", "lib/same.ex", "src/same.ts"];
    // The linked files come with their content hashes (the fact cache's: git's object ids), for the base analysis.
    expect(writeBaseTree(repo, base, destination, { useSymlinks: false })).toEqual({ ok: true, files: analysed.length, linked: new Map(same.map((p) => [p, objectId(BASE[p]!)])), symlinks: 0, hardLinks: 3 });
    for (const path of analysed) {
      expect(readFileSync(join(destination, path), "utf8"), path).toBe(BASE[path]);
      expect(lstatSync(join(destination, path)).isFile(), path).toBe(true);
    }
    expect(existsSync(join(destination, "README.md"))).toBe(false);
    // Unchanged: the working tree's own file; changed, deleted, replaced by a symlink, or with other line ends: written.
    for (const path of same) expect(statSync(join(destination, path)).ino, path).toBe(statSync(join(repo, path)).ino);
    for (const path of ["lib/edited.ex", "lib/same_size.ex", "dashboards/crlf.json"]) expect(statSync(join(destination, path)).ino, path).not.toBe(statSync(join(repo, path)).ino);
    // Removing the base tree leaves the working tree alone.
    rmSync(destination, { recursive: true });
    expect(readFileSync(join(repo, "lib/same.ex"), "utf8")).toBe(BASE["lib/same.ex"]);
  });

  it("writes every file from git when the base tree lies on another file system", () => {
    const shm = "/dev/shm";
    const { repo, base } = repository();
    if (!existsSync(shm) || statSync(shm).dev === statSync(repo).dev) return; // no second file system here
    const destination = mkdtempSync(join(shm, "td-base-tree-"));
    try {
      expect(writeBaseTree(repo, base, destination, { useSymlinks: false })).toEqual({ ok: true, files: analysed.length, linked: new Map(), symlinks: 0, hardLinks: 0 });
      for (const path of analysed) expect(readFileSync(join(destination, path), "utf8"), path).toBe(BASE[path]);
    } finally {
      rmSync(destination, { recursive: true, force: true });
    }
  });

  it("takes a file an earlier read proved unchanged by its stat, and reads it when the stat or hash disagree", () => {
    const { repo, base } = repository();
    const objectId = (text: string) => spawnSync("git", ["hash-object", "--stdin"], { cwd: repo, input: text, encoding: "utf8" }).stdout.trim();
    const statOf = (path: string) => ({ size: statSync(join(repo, path)).size, mtimeMs: statSync(join(repo, path)).mtimeMs });
    const proofs: Record<string, { hash: string; size: number; mtimeMs: number }> = {
      "lib/same.ex": { hash: objectId(BASE["lib/same.ex"]!), ...statOf("lib/same.ex") },
      // Another mtime than the file has now: not a proof, the file is read (and is unchanged).
      "src/same.ts": { hash: objectId(BASE["src/same.ts"]!), ...statOf("src/same.ts"), mtimeMs: 1 },
      // The working tree's other bytes, hashed earlier: not the blob, so written from git.
      "lib/edited.ex": { hash: objectId(readFileSync(join(repo, "lib/edited.ex"), "utf8")), ...statOf("lib/edited.ex") },
    };
    const destination = join(work, "base-3");
    mkdirSync(destination);
    openSync.mockClear();
    const result = writeBaseTree(repo, base, destination, { known: (path) => proofs[path], useSymlinks: false });
    expect(result).toMatchObject({ ok: true, files: analysed.length });
    expect([...(result as { linked: Map<string, string> }).linked.keys()].sort()).toEqual(["dashboards/same.json", "lib/same.ex", "src/same.ts"]);
    const opened = new Set(openSync.mock.calls.map(([path]) => String(path)));
    expect(opened.has(join(destination, "lib/same.ex"))).toBe(false);
    expect(opened.has(join(destination, "src/same.ts"))).toBe(true);
    for (const path of analysed) expect(readFileSync(join(destination, path), "utf8"), path).toBe(BASE[path]);
  });
});

describe("the base tree, either way", () => {
  it.each([true, false])("never writes through a link to the working tree, when a tree names a file twice (symbolic links: %s)", (symlinks) => {
    const { repo } = repository();
    // A crafted tree holding `lib/same.ex` twice: the unchanged working-tree file, then other bytes (as
    // two names a case-insensitive file system folds into one would).
    const hashObject = (input: Buffer, ...args: string[]) => spawnSync("git", ["hash-object", "-w", "--stdin", ...args], { cwd: repo, input }).stdout.toString().trim();
    const same = hashObject(Buffer.from(BASE["lib/same.ex"]!));
    const other = hashObject(Buffer.from("defmodule Other do\nend\n"));
    const entry = (mode: string, name: string, sha: string) => Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.from(sha, "hex")]);
    const lib = hashObject(Buffer.concat([entry("100644", "same.ex", same), entry("100644", "same.ex", other)]), "-t", "tree", "--literally");
    const tree = hashObject(entry("40000", "lib", lib), "-t", "tree", "--literally");
    const commit = spawnSync("git", ["-c", "user.name=x", "-c", "user.email=x@x", "commit-tree", tree, "-m", "twice"], { cwd: repo, encoding: "utf8" }).stdout.trim();
    const destination = join(work, `base-5-${symlinks}`);
    mkdirSync(destination);
    const result = writeBaseTree(repo, commit, destination, { useSymlinks: symlinks && posix, known: () => ({ hash: same, size: 0, mtimeMs: 0 }) });
    expect(result).toMatchObject({ ok: true, files: 2 });
    expect((result as { linked: Map<string, string> }).linked.has("lib/same.ex")).toBe(false); // its bytes are the other blob's
    expect(readFileSync(join(repo, "lib/same.ex"), "utf8")).toBe(BASE["lib/same.ex"]);
    expect(readFileSync(join(destination, "lib/same.ex"), "utf8")).toBe("defmodule Other do\nend\n");
    expect(lstatSync(join(destination, "lib/same.ex")).isFile()).toBe(true);
    expect(statSync(join(destination, "lib/same.ex")).ino).not.toBe(statSync(join(repo, "lib/same.ex")).ino);
  });

  it.each([true, false])("writes only the folder asked for (symbolic links: %s)", (symlinks) => {
    const { repo, base } = repository();
    const destination = join(work, `base-4-${symlinks}`);
    mkdirSync(destination);
    expect(writeBaseTree(repo, base, destination, { within: "lib", useSymlinks: symlinks && posix })).toMatchObject({ ok: true, files: 5 });
    expect(readFileSync(join(destination, "lib/same.ex"), "utf8")).toBe(BASE["lib/same.ex"]);
    expect(lstatSync(join(destination, "lib")).isDirectory()).toBe(true); // the analysis root itself is never a link
    expect(existsSync(join(destination, "dashboards"))).toBe(false);
    expect(existsSync(join(destination, "src"))).toBe(false);
  });
});
