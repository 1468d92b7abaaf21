// A tree that means harm (a pull request from a fork, a repository cloned from anywhere): what it carries
// must not make the tool read or write outside it, run its code, or crash. Each case was first shown to
// work against the tool (a security review), then fixed; the built CLI, Action and engine are used.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { afterAll, describe, expect, it, vi } from "vitest";
import { REPO, runCli } from "../e2e/run-cli.js";
import { enablePrivateCompileCache } from "../../src/util/compile-cache.js";
import { allSafeRelativePaths, isSafeRelativePath, NotRegularFileError, readTextLimited, symlinkOnTheWay } from "../../src/util/fs.js";
import { visibleControls } from "../../src/util/visible.js";
import { sourceLines } from "../../src/engine/run.js";

const work = mkdtempSync(join(tmpdir(), "td-hostile-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const posix = process.platform !== "win32";
let trees = 0;

/** A copy of a fixture in a folder of its own (with `node_modules`: the default cache folder is then in the tree). */
function tree(fixture: string, withNodeModules = true): string {
  const root = join(work, `t${trees++}`);
  cpSync(join(REPO, "fixtures", fixture), root, { recursive: true });
  if (withNodeModules) mkdirSync(join(root, "node_modules"));
  return root;
}
const json = (root: string, ...flags: string[]) => runCli([root, "--format", "json", "--fail-on", "never", ...flags]);

describe("V8's compile cache", () => {
  const enable = vi.fn();
  it("is not kept where XDG_CACHE_HOME points into the analysed tree's checkout, even from a subfolder or through a link", () => {
    const checkout = join(work, "checkout");
    mkdirSync(join(checkout, ".git"), { recursive: true });
    mkdirSync(join(checkout, "apps", "api"), { recursive: true });
    const xdg = join(checkout, ".cache");
    expect(enablePrivateCompileCache(join(checkout, "apps", "api"), { XDG_CACHE_HOME: xdg }, enable)).toBeUndefined();
    expect(existsSync(xdg)).toBe(false); // and nothing was made in the tree
    symlinkSync(checkout, join(work, "checkout-link"), "dir");
    expect(enablePrivateCompileCache(join(work, "checkout-link", "apps", "api"), { XDG_CACHE_HOME: xdg }, enable)).toBeUndefined();
    expect(enablePrivateCompileCache(join(work, "elsewhere"), { XDG_CACHE_HOME: xdg, GITHUB_WORKSPACE: checkout }, enable)).toBeUndefined();
    expect(enable).not.toHaveBeenCalled();
  });

  it("is kept in a folder beside the tree whose name merely starts with two dots", () => {
    const root = join(work, "plain");
    mkdirSync(root);
    const folder = enablePrivateCompileCache(root, { XDG_CACHE_HOME: join(work, "..cache") }, enable);
    expect(folder).toBe(join(work, "..cache", "telemetry-drift", "node-compile-cache"));
  });
});

describe("the fact cache in the tree", () => {
  /** Rewrites the cache's facts store with `change` applied to every file's facts. */
  function forgeFacts(cache: string, change: (facts: { file: string; emits: { loc: { file: string } }[] }) => void): void {
    const store = readdirSync(cache).find((f) => f.startsWith("facts-"))!;
    const bytes = readFileSync(join(cache, store));
    const magic = Buffer.from("telemetry-drift facts\n");
    const data = deserialize(bytes.subarray(magic.length + 32)) as { format: number; facts: [string, Uint8Array][] };
    data.facts = data.facts.map(([key, value]) => {
      const facts = deserialize(value) as Parameters<typeof change>[0];
      change(facts);
      return [key, serialize(facts)];
    });
    const payload = serialize(data);
    writeFileSync(join(cache, store), Buffer.concat([magic, createHash("sha256").update(payload).digest(), payload]));
  }

  it("cannot point the run at files outside the root, nor file one file's facts under another", () => {
    const root = tree("seed");
    const cache = join(root, "node_modules", ".cache", "telemetry-drift");
    const expected = json(root, "--no-cache").stdout;
    expect(json(root).stdout).toBe(expected);
    // An edit to a file with facts makes the run use every file's facts.
    const emitter = join(root, "lib", "prismatic_osint", "search.ex");
    const edit = () => writeFileSync(emitter, `${readFileSync(emitter, "utf8")}\n# edited\n`);

    forgeFacts(cache, (facts) => {
      if (facts.file !== "lib/prismatic_osint/search.ex") facts.file = "lib/prismatic_osint/search.ex";
    });
    edit();
    const refiled = json(root);
    expect(refiled.status, refiled.stderr).toBe(0);
    expect(refiled.stdout).toBe(json(root, "--no-cache").stdout); // a miss: every file read again

    forgeFacts(cache, (facts) => {
      for (const emit of facts.emits ?? []) emit.loc.file = "../../../../../../../../dev/zero";
    });
    edit();
    const run = json(root); // fingerprinting once read /dev/zero here until memory ran out
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as { findings: { file: string; related: { file: string }[] }[] };
    for (const f of report.findings) for (const file of [f.file, ...f.related.map((r) => r.file)]) expect(isSafeRelativePath(file), file).toBe(true);
  });

  it("cannot hand the formatters a malformed report or paths out of the root", () => {
    const root = tree("seed");
    const cache = join(root, "node_modules", ".cache", "telemetry-drift");
    const expected = json(root, "--no-cache").stdout;
    const magic = Buffer.from("telemetry-drift index\n");
    for (const forged of [{ findings: [{ severity: "bogus", file: 5 }] }, "escape"]) {
      for (const format of ["json", "pretty", "github", "sarif", "markdown"]) {
        json(root); // a cache with the report
        const index = join(cache, readdirSync(cache).find((f) => f.startsWith("index-"))!);
        const bytes = readFileSync(index);
        const data = deserialize(bytes.subarray(magic.length + 32)) as { result: { report: { findings: { file: string }[] } } };
        if (forged === "escape") data.result.report.findings[0]!.file = "../../../etc/passwd";
        else data.result.report = forged as never;
        const payload = serialize(data);
        writeFileSync(index, Buffer.concat([magic, createHash("sha256").update(payload).digest(), payload]));
        const run = runCli([root, "--format", format, "--fail-on", "never"]);
        expect(run.stderr, format).toMatch(/^telemetry-drift: cache .*index-[0-9a-f]+\.bin: corrupt \(unexpected report\); rebuilt\n$/);
        expect(run.status, format).toBe(0);
        if (format === "json") expect(run.stdout).toBe(expected);
      }
    }
  });

  it.skipIf(!posix)("is not written through a symbolic link the tree carries, nor in a node_modules above the checkout", () => {
    const outside = join(work, "outside-cache");
    mkdirSync(outside);
    const root = tree("seed");
    mkdirSync(join(root, "node_modules", ".cache"));
    symlinkSync(outside, join(root, "node_modules", ".cache", "telemetry-drift"), "dir");
    const temp = mkdtempSync(join(work, "tmp-"));
    const run = runCli([root, "--format", "json", "--fail-on", "never"], { env: { TMPDIR: temp } });
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(outside)).toEqual([]);
    expect(readdirSync(join(temp, `telemetry-drift-cache-${process.getuid!()}`)).length).toBe(2); // the per-user fallback

    // A node_modules above a tree that is not in a git checkout (/tmp/node_modules on a shared machine).
    const shared = join(work, "shared");
    mkdirSync(join(shared, "node_modules"), { recursive: true });
    cpSync(join(REPO, "fixtures", "seed"), join(shared, "clone"), { recursive: true });
    expect(runCli([join(shared, "clone"), "--format", "json", "--fail-on", "never"], { env: { TMPDIR: temp } }).status).toBe(0);
    expect(existsSync(join(shared, "node_modules", ".cache"))).toBe(false);
  });
});

describe.skipIf(!posix)("files the tool writes", () => {
  it("never go through a symbolic link in the analysed tree (a baseline, a report)", () => {
    const root = tree("seed", false);
    const victim = join(work, "victim-rc");
    writeFileSync(victim, "export PATH=/usr/bin\n");
    symlinkSync(victim, join(root, "telemetry-drift-baseline.json"));
    const baseline = runCli(["baseline", root]);
    expect(baseline.status).toBe(2);
    expect(baseline.stderr).toBe(`telemetry-drift: ${join(root, "telemetry-drift-baseline.json")}: not writing the baseline through ${join(root, "telemetry-drift-baseline.json")}, a symbolic link in the analysed tree; remove it or choose another file\n`);
    symlinkSync(work, join(root, "out"), "dir");
    const report = runCli([root, "--format", "json", "-o", join(root, "out", "victim-rc")]);
    expect(report.status).toBe(2);
    expect(report.stderr).toMatch(/not writing the report through .*\/out, a symbolic link in the analysed tree/);
    expect(readFileSync(victim, "utf8")).toBe("export PATH=/usr/bin\n");
    // Outside the tree the caller's choice stands (a link such as /dev/stdout included).
    const elsewhere = join(work, "report-link");
    symlinkSync(join(work, "report.json"), elsewhere);
    expect(runCli([root, "--format", "json", "-o", elsewhere]).status).toBe(1);
    expect(JSON.parse(readFileSync(join(work, "report.json"), "utf8")).findings.length).toBeGreaterThan(0);
  });

  it("symlinkOnTheWay finds a link anywhere between the root and the file, and only inside the root", () => {
    const root = join(work, "links");
    mkdirSync(join(root, "real"), { recursive: true });
    symlinkSync(join(root, "real"), join(root, "dir"), "dir");
    expect(symlinkOnTheWay(root, join(root, "dir", "a", "b.json"))).toBe(join(root, "dir"));
    expect(symlinkOnTheWay(root, join(root, "real", "b.json"))).toBeUndefined();
    expect(symlinkOnTheWay(root, join(work, "elsewhere.json"))).toBeUndefined();
  });
});

describe("what the tree names", () => {
  it.skipIf(!posix)("reads only regular files, and with `within`, only inside that folder", () => {
    const fifo = join(work, "fifo");
    execFileSync("mkfifo", [fifo]);
    expect(() => readTextLimited(fifo, 1024)).toThrow(NotRegularFileError); // at once: no waiting for a writer
    expect(() => readTextLimited("/dev/zero", 1024)).toThrow(NotRegularFileError);
    const root = join(work, "within");
    mkdirSync(root);
    writeFileSync(join(work, "secret.txt"), "ghs_SECRET");
    symlinkSync(join(work, "secret.txt"), join(root, "link.json"));
    expect(() => readTextLimited(join(root, "link.json"), 1024, { within: root })).toThrow(/leads outside/);
    expect(readTextLimited(join(root, "link.json"), 1024)).toBe("ghs_SECRET");
  });

  it.skipIf(!posix)("keeps a baseline named by the tree's config inside the tree; a package.json that is a device is no crash", () => {
    const root = tree("seed", false);
    writeFileSync(join(work, "outside-baseline.json"), JSON.stringify({ version: 1, findings: [] }));
    writeFileSync(join(root, "telemetry-drift.config.json"), JSON.stringify({ baseline: "../outside-baseline.json" }));
    const run = json(root);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^telemetry-drift: \.\.\/outside-baseline\.json: cannot read the baseline \(.*leads outside.*\)\n$/);
    // Given by the caller, it may be anywhere.
    rmSync(join(root, "telemetry-drift.config.json"));
    expect(json(root, "--baseline", join(work, "outside-baseline.json")).status).toBe(0);

    symlinkSync("/dev/zero", join(root, "package.json"));
    const zero = spawnSync(process.execPath, [join(REPO, "dist", "cli", "main.js"), root, "--format", "json", "--no-cache"], { encoding: "utf8", timeout: 60_000 });
    expect(zero.stderr).not.toMatch(/internal error|bad_alloc/);
    expect([1, 2]).toContain(zero.status);
  });

  it("a finding's file is only ever read inside the root", () => {
    const lines = sourceLines(join(REPO, "fixtures", "seed"));
    expect(lines("../../../../../../../../etc/passwd", 1)).toBeUndefined();
    expect(lines("/etc/passwd", 1)).toBeUndefined();
    expect(lines("mix.exs", 1)).toBeDefined();
    expect(isSafeRelativePath("a/..b/c.json")).toBe(true);
    expect(isSafeRelativePath("a/../c.json")).toBe(false);
    expect(isSafeRelativePath("a//c.json")).toBe(false);
  });

  it("checks NUL-joined paths (a cached listing) in one pass exactly as one by one", () => {
    const parts = ["a", "b.json", ".", "..", "...", ".x", "x.", "/", "//", "", "..a", "a.."];
    let seed = 7;
    const pick = () => parts[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % parts.length]!;
    for (let i = 0; i < 5000; i++) {
      const paths = Array.from({ length: 1 + (i % 4) }, () => Array.from({ length: 1 + (i % 3) }, pick).join(""));
      const joined = paths.join("\0");
      expect(allSafeRelativePaths(joined), JSON.stringify(paths)).toBe(paths.every(isSafeRelativePath));
      expect(allSafeRelativePaths(joined, true), JSON.stringify(paths)).toBe(paths.every((p) => p === "" || isSafeRelativePath(p)));
    }
  });

  it("an argument whose name merely starts with two dots is inside the root", () => {
    const root = tree("seed", false);
    mkdirSync(join(root, "..lib"));
    writeFileSync(join(root, "..lib", "t.ex"), "defmodule T do\nend\n");
    const run = runCli(["..lib/t.ex", "--root", root, "--format", "json", "--no-cache"], { cwd: root });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});

describe("messages on the terminal", () => {
  it("annotations in a workflow log show control characters as escapes, line breaks encoded", async () => {
    const { formatAnnotation } = await import("../../src/report/github.js");
    const finding = { rule: "series-missing", severity: "error", message: "queries `a\u001b[31mb`\nnext", file: "d.json", line: 1, column: 1, subject: "a", related: [] } as const;
    expect(formatAnnotation({ ...finding, related: [] })).toBe("::error file=d.json,line=1,col=1,title=telemetry-drift (series-missing)::queries `a\\x1b[31mb`%0Anext\n");
  });


  it("show control characters from the tree as escapes", () => {
    expect(visibleControls("a\u001b]0;PWNED\u0007b\rc\u009bd\te")).toBe("a\\x1b]0;PWNED\\x07b\\rc\\u009bd\\te");
    // Bidirectional controls ("Trojan Source") too; right-to-left letters themselves stay as they are.
    expect(visibleControls("admin\u202e\u2066_total\u2069\u061c\u200e\u200f \u05e9")).toBe("admin\\u202e\\u2066_total\\u2069\\u061c\\u200e\\u200f \u05e9");
    const root = tree("seed", false);
    writeFileSync(join(root, "telemetry-drift.config.json"), JSON.stringify({ "\u001b]0;PWNED\u0007\u001b[2K\rall good": 1 }));
    const run = json(root);
    expect(run.status).toBe(2);
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(run.stderr).toContain("\\x1b]0;PWNED\\x07");
  });
});

describe("the Action", () => {
  const git = (cwd: string, args: string[], input?: Buffer): string => {
    const r = spawnSync("git", args, { cwd, input, encoding: input ? "buffer" : "utf8" });
    if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${String(r.stderr)}`);
    return String(r.stdout).trim();
  };

  it("writes a base commit's files only inside its own folder, whatever names its tree objects hold", async () => {
    const { writeBaseTree } = await import("../../src/action/base-tree.js");
    const repo = join(work, "crafted");
    mkdirSync(repo);
    git(repo, ["init", "-q"]);
    const blob = git(repo, ["hash-object", "-w", "--stdin"], Buffer.from('{"escaped": true}\n'));
    const entry = (mode: string, name: string, sha: string) => Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.from(sha, "hex")]);
    const tree = (entries: Buffer[]) => git(repo, ["hash-object", "-w", "-t", "tree", "--literally", "--stdin"], Buffer.concat(entries));
    const inner = tree([entry("100644", "escaped-by-base-tree.json", blob)]);
    const root = tree([entry("40000", "..", tree([entry("40000", "..", inner)])), entry("100644", "kept.json", blob)]);
    const commit = git(repo, ["-c", "user.name=x", "-c", "user.email=x@x", "commit-tree", root, "-m", "crafted"]);
    const destination = join(work, "base", "a", "b");
    mkdirSync(destination, { recursive: true });
    expect(writeBaseTree(repo, commit, destination)).toEqual({ ok: true, files: 1, linked: new Map(), symlinks: 0, hardLinks: 0 });
    expect(readdirSync(destination)).toEqual(["kept.json"]);
    expect(existsSync(join(work, "base", "escaped-by-base-tree.json"))).toBe(false);
    expect(existsSync(join(work, "base", "a", "escaped-by-base-tree.json"))).toBe(false);
  });

  it.skipIf(!posix)("refuses a path input or a SARIF file that a committed symbolic link leads out of the workspace", async () => {
    const { runAction } = await import("../../src/action/main.js");
    const workspace = tree("seed", false);
    const outside = join(work, "outside-svc");
    cpSync(join(REPO, "fixtures", "seed"), outside, { recursive: true });
    symlinkSync(outside, join(workspace, "svc"), "dir");
    const lines: string[] = [];
    const env = { GITHUB_WORKSPACE: workspace, GITHUB_EVENT_NAME: "push", INPUT_PATH: "svc", INPUT_COMMENT: "false" };
    expect(await runAction(env, { stdout: (t) => lines.push(t) })).toBe(1);
    expect(lines.join("")).toBe('::error title=telemetry-drift::telemetry-drift: input "path" (svc) leads outside the workspace through a symbolic link\n');

    const victim = join(work, "victim-sarif");
    writeFileSync(victim, "keep\n");
    symlinkSync(victim, join(workspace, "telemetry-drift.sarif"));
    lines.length = 0;
    expect(await runAction({ ...env, INPUT_PATH: ".", "INPUT_SARIF-FILE": "telemetry-drift.sarif" }, { stdout: (t) => lines.push(t) })).toBe(1);
    expect(lines.join("")).toContain('::error title=telemetry-drift::telemetry-drift: input "sarif-file": not writing telemetry-drift.sarif through telemetry-drift.sarif, a symbolic link in the repository');
    expect(readFileSync(victim, "utf8")).toBe("keep\n");
  });
});
