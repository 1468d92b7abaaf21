// Denial of service from the analysed tree, through the BUILT CLI (`npm test` builds first): .gitignore
// files and config files that are symlinks to devices, FIFOs or files outside the tree; globs that
// backtrack for minutes (.gitignore lines, config globs); folder chains deep enough to make globstars
// costly; YAML merge keys that fan out exponentially; a config raising maxFileSize without bound.
// Each case: no hang, no crash; a one-line problem naming the file (and line) while the rest of the run
// goes on unchanged, or a one-line configuration error and exit 2. Timeouts here only guard against a
// hang (the subprocess is killed); they assert nothing about speed.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/model.js";
import { findingsFor, makeTree, otherFindings, removeTrees, runCli, type CliRun } from "./tree.js";

/** Kills a run that hangs; a normal run of the seed takes well under a second. */
const HANG_GUARD_MS = 60_000;
const TEST_TIMEOUT = { timeout: 90_000 };

let baseline: Finding[] = [];
const outside = mkdtempSync(join(tmpdir(), "td-dos-outside-"));

beforeAll(() => {
  const run = runCli([makeTree(), "--format", "json"], { timeoutMs: HANG_GUARD_MS });
  expect(run.status).toBe(1);
  baseline = run.report!.findings;
  expect(baseline.length).toBeGreaterThan(3);
});

afterAll(() => {
  removeTrees();
  rmSync(outside, { recursive: true, force: true });
});

/** The run completed (not killed), with a report, and everything not about `bad` is the baseline. */
function completed(root: string, bad: string[]): CliRun & { report: NonNullable<CliRun["report"]> } {
  const run = runCli([root, "--format", "json"], { timeoutMs: HANG_GUARD_MS });
  expect(run.signal, "the run was killed: it hung").toBeNull();
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  expect([0, 1]).toContain(run.status);
  expect(run.report).toBeDefined();
  expect(otherFindings(run.report!, bad)).toEqual(baseline);
  return run as CliRun & { report: NonNullable<CliRun["report"]> };
}

/** The messages of the findings about `file` (all input-unparseable). */
function problemsOf(run: { report: NonNullable<CliRun["report"]> }, file: string): string[] {
  const findings = findingsFor(run.report, file);
  expect(findings.map((f) => f.rule)).toEqual(findings.map(() => "input-unparseable"));
  return findings.map((f) => `${f.file}:${f.line} ${f.message}`);
}

/** A configuration error: exit 2, exactly one stderr line (returned), nothing on stdout. */
function configError(root: string): string {
  const run = runCli([root, "--format", "json", "--no-cache"], { timeoutMs: HANG_GUARD_MS });
  expect(run.signal, "the run was killed: it hung").toBeNull();
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  const lines = run.stderr.split("\n").filter(Boolean);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

const fifo = (path: string): void => {
  execFileSync("mkfifo", [path]);
};

describe(".gitignore files that cannot be read safely: one problem each, their rules not applied, the run goes on", () => {
  it("a symlink to /dev/zero (read until memory ran out: std::bad_alloc, exit 134)", TEST_TIMEOUT, () => {
    const root = makeTree();
    symlinkSync("/dev/zero", join(root, "lib/.gitignore"));
    expect(problemsOf(completed(root, ["lib/.gitignore"]), "lib/.gitignore")).toEqual([
      "lib/.gitignore:1 lib/.gitignore: is not a regular file (a FIFO, socket or device); its rules are not applied",
    ]);
  });

  it("a symlink to a FIFO outside the tree, and a FIFO inside it (the walk blocked forever)", TEST_TIMEOUT, () => {
    const root = makeTree();
    fifo(join(outside, "fifo"));
    symlinkSync(join(outside, "fifo"), join(root, "lib/.gitignore"));
    fifo(join(root, "rules/.gitignore"));
    const run = completed(root, ["lib/.gitignore", "rules/.gitignore"]);
    expect(problemsOf(run, "lib/.gitignore")).toEqual(["lib/.gitignore:1 lib/.gitignore: is not a regular file (a FIFO, socket or device); its rules are not applied"]);
    expect(problemsOf(run, "rules/.gitignore")).toEqual(["rules/.gitignore:1 rules/.gitignore: is not a regular file (a FIFO, socket or device); its rules are not applied"]);
  });

  it("a symlink to a file outside the tree is not read: its rules would hide files, they are not applied", TEST_TIMEOUT, () => {
    const root = makeTree();
    writeFileSync(join(outside, "gitignore"), "prismatic_web/\n");
    symlinkSync(join(outside, "gitignore"), join(root, "lib/.gitignore"));
    expect(problemsOf(completed(root, ["lib/.gitignore"]), "lib/.gitignore")).toEqual([
      "lib/.gitignore:1 lib/.gitignore: is a symbolic link to a file outside the analysed folder; its rules are not applied",
    ]);
  });

  it("a symlink to a .gitignore inside the tree is read and applied, as before", TEST_TIMEOUT, () => {
    const root = makeTree({ "shared/gitignore": "prismatic_web/\n" });
    symlinkSync(join(root, "shared/gitignore"), join(root, "lib/.gitignore"));
    const run = runCli([root, "--format", "json"], { timeoutMs: HANG_GUARD_MS });
    expect(findingsFor(run.report!, "lib/.gitignore")).toEqual([]);
    expect(run.report!.findings.some((f) => f.file.startsWith("lib/prismatic_web/"))).toBe(false);
  });

  it("a .gitignore over 256 KiB", TEST_TIMEOUT, () => {
    const root = makeTree({ "lib/.gitignore": `${"prismatic_web/\n".repeat(20_000)}` });
    expect(problemsOf(completed(root, ["lib/.gitignore"]), "lib/.gitignore")).toEqual([
      "lib/.gitignore:1 lib/.gitignore: is over 256 KiB, too big for a .gitignore; its rules are not applied",
    ]);
  });
});

describe("globs that backtrack for minutes: refused before they are matched", () => {
  const chain = (levels: number): string => `${Array.from({ length: levels }, () => "a").join("/")}/x.ex`;

  it(".gitignore: `a*/**/` 12 times then `z`, on a 40-level folder chain (hung over a minute): that line only is left out, located", TEST_TIMEOUT, () => {
    const bomb = `${"a*/**/".repeat(12)}z`;
    // The other lines still apply: lib/junk.tmp.ex (binary, a finding if read) stays ignored.
    const root = makeTree({ ".gitignore": `# build output\n*.tmp.ex\n${bomb}\n`, [chain(40)]: "defmodule X do\nend\n", "lib/junk.tmp.ex": new Uint8Array([0, 1, 2, 0]) });
    const run = completed(root, [".gitignore", "a/"]);
    expect(problemsOf(run, ".gitignore")).toEqual([
      ".gitignore:3 .gitignore:3: this .gitignore line cannot be used (24 wildcards, more than 3: matching it could take minutes); it is ignored",
    ]);
  });

  it(".gitignore: a comment line with many stars is not a pattern, and real patterns are untouched", TEST_TIMEOUT, () => {
    const root = makeTree({
      ".gitignore": "# **/*/**/*/**/*/** is a comment\n**/node_modules/**\n*.min.js\ndist/\n!keep.json\n**/*.test.ts\ngrafana/**/*.json\nsrc/**/__tests__/**\n",
    });
    expect(findingsFor(completed(root, []).report, ".gitignore")).toEqual([]);
  });

  it("config `include`: 14 stars, and a file named with 60 `a`s (hung over a minute)", TEST_TIMEOUT, () => {
    const root = makeTree({ "telemetry-drift.config.json": JSON.stringify({ include: ["*a*a*a*a*a*a*a*a*a*a*a*a*a*a*z"] }), [`${"a".repeat(60)}.ex`]: "defmodule A do\nend\n" });
    expect(configError(root)).toBe(
      'telemetry-drift: telemetry-drift.config.json: `include[0]` "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*z" is not a usable glob (15 wildcards, more than 3: matching it could take minutes)',
    );
  });

  it("config `include`: an extglob (one `+(a|aa)` took 8 s on 40 characters), and too many {…} alternatives", TEST_TIMEOUT, () => {
    const extglob = makeTree({ "telemetry-drift.config.json": JSON.stringify({ include: ["lib/**", "+(a|aa)"] }), [`${"a".repeat(40)}b.ex`]: "" });
    expect(configError(extglob)).toBe(
      'telemetry-drift: telemetry-drift.config.json: `include[1]` "+(a|aa)" is not a usable glob (an extglob such as `+(…)` or `@(…)` can take exponential time to match; write {a,b} alternatives instead)',
    );
    const braces = makeTree({ "telemetry-drift.config.json": JSON.stringify({ include: ["*a*a*a{1..64}"] }) });
    expect(configError(braces)).toBe(
      'telemetry-drift: telemetry-drift.config.json: `include[0]` "*a*a*a{1..64}" is not a usable glob (192 wildcards in its {…} alternatives together, more than 16: matching it could take minutes)',
    );
  });

  it("config `exclude`, `dashboards`, `ruleFiles`, `ignore[].file` (the .gitignore matcher): the key is named", TEST_TIMEOUT, () => {
    const bomb = `${"a*/**/".repeat(12)}z`;
    for (const [key, config] of [
      ["exclude[1]", { exclude: ["dist/", bomb] }],
      ["dashboards[0]", { dashboards: [bomb] }],
      ["ruleFiles[0]", { ruleFiles: [bomb] }],
      ["ignore[0].file", { ignore: [{ rule: "series-missing", file: bomb }] }],
    ] as const) {
      const root = makeTree({ "telemetry-drift.config.json": JSON.stringify(config), [chain(40)]: "defmodule X do\nend\n" });
      expect(configError(root)).toBe(`telemetry-drift: telemetry-drift.config.json: \`${key}\` "a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/"… (73 characters) is not a usable glob (24 wildcards, more than 3: matching it could take minutes)`);
    }
  });

  it("config globs real projects write are accepted, and the run is unchanged", TEST_TIMEOUT, () => {
    const root = makeTree({
      "telemetry-drift.config.json": JSON.stringify({
        include: ["**/*", "lib/**/*.{ex,exs}", "**/*.{test,spec}.{ts,tsx,js,jsx}", "dashboards/**/*.json", "rules/*.yml"],
        exclude: ["**/node_modules/**", "*.min.js", "dist/", "**/*.test.ts", "src/**/__tests__/**"],
        dashboards: ["dashboards/**/*.json", "grafana/**/*.json"],
        ruleFiles: ["rules/**/*.yml"],
        ignore: [{ rule: "metric-unused", file: "never/**/*.ex" }],
      }),
    });
    const run = runCli([root, "--format", "json"], { timeoutMs: HANG_GUARD_MS });
    expect([0, 1]).toContain(run.status);
    expect(run.report!.findings.filter((f) => f.rule !== "suppression-unused")).toEqual(baseline);
  });

  it("a 3-wildcard .gitignore line (allowed) on a 1,000-level folder chain: folders past 64 levels are not walked (the run took over 100 s)", TEST_TIMEOUT, () => {
    const root = makeTree({ ".gitignore": "**/a/**/a/**/z\n", [chain(1000)]: "defmodule X do\nend\n" });
    const run = completed(root, ["a/"]);
    const deep = Array.from({ length: 64 }, () => "a").join("/");
    expect(run.report.findings.filter((f) => f.file.startsWith("a/")).map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`)).toEqual([
      `input-unparseable ${deep}:1 ${deep}: a folder 64 levels deep, the deepest telemetry-drift reads: the files below it are not analysed`,
    ]);
  });
});

describe("config files that cannot be read safely: exit 2, one line naming the file, nothing from outside the tree", () => {
  it("telemetry-drift.config.json as a symlink to a file outside the tree (its content was quoted in the error)", TEST_TIMEOUT, () => {
    writeFileSync(join(outside, "secret.txt"), "ghs_SECRET_TOKEN_0123456789\n");
    const root = makeTree();
    symlinkSync(join(outside, "secret.txt"), join(root, "telemetry-drift.config.json"));
    const line = configError(root);
    expect(line).toBe("telemetry-drift: telemetry-drift.config.json: is a symbolic link to a file outside the analysed folder; it is not read");
    expect(line).not.toContain("ghs_");
  });

  it("package.json as a symlink to a file outside the tree", TEST_TIMEOUT, () => {
    writeFileSync(join(outside, "package.json"), '{"name": "x", "telemetryDrift": {"secret": "ghs_SECRET"}}');
    const root = makeTree();
    symlinkSync(join(outside, "package.json"), join(root, "package.json"));
    expect(configError(root)).toBe("telemetry-drift: package.json: is a symbolic link to a file outside the analysed folder; it is not read");
  });

  it("a config symlink inside the tree is followed, as before", TEST_TIMEOUT, () => {
    const root = makeTree({ "config/td.json": JSON.stringify({ nope: 1 }) });
    symlinkSync(join(root, "config/td.json"), join(root, "telemetry-drift.config.json"));
    expect(configError(root)).toBe("telemetry-drift: telemetry-drift.config.json: unknown key `nope`");
  });

  it("a config that is a FIFO", TEST_TIMEOUT, () => {
    const root = makeTree();
    fifo(join(root, "telemetry-drift.config.json"));
    expect(configError(root)).toBe("telemetry-drift: telemetry-drift.config.json: is not a regular file (a FIFO, socket or device), expected a JSON file");
  });

  it("invalid JSON: line and column, no excerpt of the text", TEST_TIMEOUT, () => {
    const root = makeTree({ "telemetry-drift.config.json": "ghs_SECRET_TOKEN_0123456789\n" });
    expect(configError(root)).toBe("telemetry-drift: telemetry-drift.config.json:1:1: invalid JSON (Unexpected character)");
    const later = makeTree({ "telemetry-drift.config.json": '{\n  "include": ["lib/**"],\n  ghs_SECRET: 1\n}\n' });
    expect(configError(later)).toBe("telemetry-drift: telemetry-drift.config.json:3:3: invalid JSON (Expected double-quoted property name)");
  });
});

describe("maxFileSize has an upper bound", () => {
  it("over 32 MiB is a configuration error; 32 MiB is accepted", TEST_TIMEOUT, () => {
    const over = makeTree({ "telemetry-drift.config.json": JSON.stringify({ maxFileSize: 1_000_000_000 }) });
    expect(configError(over)).toBe("telemetry-drift: telemetry-drift.config.json: `maxFileSize` must be at most 33554432 (32 MiB): a larger file takes gigabytes of memory to analyse");
    const at = makeTree({ "telemetry-drift.config.json": JSON.stringify({ maxFileSize: 32 * 1024 * 1024 }) });
    expect(completed(at, []).report.findings).toEqual(baseline);
  });
});

describe("YAML merge keys", () => {
  it("nine levels of maps each merging the previous ten times (696 bytes; hung over a minute): read, unchanged", TEST_TIMEOUT, () => {
    const lines = ["x0: &m0 {k: 1}"];
    for (let i = 1; i <= 9; i++) lines.push(`x${i}: &m${i}`, `  <<: [${Array.from({ length: 10 }, () => `*m${i - 1}`).join(", ")}]`);
    lines.push("groups:", "  - name: bomb", "    rules:", "      - <<: *m9", "        record: bomb:up", "        expr: up", "");
    const text = lines.join("\n");
    expect(text.length).toBeLessThan(700);
    const root = makeTree({ "rules/bomb.rules.yml": text });
    const run = completed(root, ["rules/bomb.rules.yml"]);
    expect(findingsFor(run.report, "rules/bomb.rules.yml").filter((f) => f.rule === "input-unparseable")).toEqual([]);
  });
});
