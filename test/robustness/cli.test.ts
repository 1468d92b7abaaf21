// Bad inputs through the BUILT CLI (`node dist/cli/main.js <dir> --format json`; `npm test` builds
// first). Each case is the example app (fixtures/seed) plus one bad thing. For every case: the run
// completes (exit 0 or 1, a JSON report, no "internal error"); the bad file gets exactly one
// input-unparseable finding naming it (where a finding applies); every other finding is identical to
// the run on the same tree without the bad file. Configuration and usage errors: exit 2, one line on
// stderr naming the file and key, no stack trace, nothing on stdout.
//
// Cases that fail because of src/engine, src/discover or src/cli live in pending.test.ts.
import { chmodSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/model.js";
import { analyseTree, findingsFor, makeTree, otherFindings, removeTrees, runCli } from "./tree.js";

let baseline: Finding[] = [];

beforeAll(() => {
  const run = analyseTree(makeTree());
  expect(run.status).toBe(1); // the seed has real drift
  baseline = run.report.findings;
  expect(baseline.length).toBeGreaterThan(3);
  expect(baseline.some((f) => f.rule === "input-unparseable")).toBe(false);
});

afterAll(removeTrees);

/** The run completed, and everything not about `bad` is exactly the baseline. */
function completedWithBaseline(root: string, bad: string[], extra: string[] = []) {
  const run = analyseTree(root, extra);
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  expect([0, 1]).toContain(run.status);
  expect(otherFindings(run.report, bad)).toEqual(baseline);
  return run.report;
}

/**
 * Exactly one input-unparseable finding for `file`; returns its message. A file-level finding names the
 * file in its message too; a query-level one names the panel or rule (`queryLevel`).
 */
function oneUnparseable(report: ReturnType<typeof completedWithBaseline>, file: string, queryLevel = false): string {
  const findings = findingsFor(report, file);
  expect(findings.map((f) => f.rule)).toEqual(["input-unparseable"]);
  const [finding] = findings;
  if (!queryLevel) expect(finding!.message).toContain(file);
  expect(finding!.message).not.toContain("\n");
  expect(finding!.line).toBeGreaterThanOrEqual(1);
  return finding!.message;
}

/** A usage or configuration error: exit 2, one stderr line, no report, no stack trace. */
function usageError(args: string[], cwd?: string): string {
  const run = runCli(args, cwd ? { cwd } : {});
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  const lines = run.stderr.split("\n").filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
  return lines[0]!;
}

const BINARY = Uint8Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256); // NUL bytes included
const LATIN1 = Buffer.from("defmodule Caf\xe9 do\n  def f, do: :telemetry.execute([:caf\xe9, :x], %{n: 1}, %{})\nend\n", "latin1");

describe("empty files", () => {
  it.each(["lib/empty.ex", "test/empty_test.exs", "dashboards/empty.json", "rules/empty.yml", "rules/empty.rules", "src/empty.ts", "src/empty.js", "mix.lock", "tsconfig.json"])(
    "an empty %s is valid or not ours to read: no finding, the rest unchanged",
    (file) => {
      const report = completedWithBaseline(makeTree({ [file]: "" }), [file]);
      expect(findingsFor(report, file)).toEqual([]);
    },
  );

  it("an empty package.json is not valid JSON: one finding for it", () => {
    expect(oneUnparseable(completedWithBaseline(makeTree({ "package.json": "" }), ["package.json"]), "package.json")).toMatch(/invalid JSON/);
  });

  it("an empty file configured as a dashboard is invalid JSON: one finding; an empty configured rule file is an empty rule file", () => {
    const config = JSON.stringify({ dashboards: ["dashboards/**/*.json"], ruleFiles: ["rules/**/*.yml"] });
    const root = makeTree({ "dashboards/empty.json": "", "rules/empty.yml": "", "telemetry-drift.config.json": config });
    const report = completedWithBaseline(root, ["dashboards/empty.json", "rules/empty.yml"]);
    expect(oneUnparseable(report, "dashboards/empty.json")).toMatch(/invalid JSON/);
    expect(findingsFor(report, "rules/empty.yml")).toEqual([]);
  });
});

describe("binary and non-UTF-8 files", () => {
  it.each(["lib/blob.ex", "dashboards/blob.json", "rules/blob.yml", "src/blob.ts"])("binary content in %s: one finding, the rest unchanged", (file) => {
    expect(oneUnparseable(completedWithBaseline(makeTree({ [file]: BINARY }), [file]), file)).toMatch(/binary content/);
  });

  it.each(["lib/latin1.ex", "dashboards/latin1.json", "rules/latin1.yml"])("Latin-1 (not UTF-8) text in %s: one finding, the rest unchanged", (file) => {
    expect(oneUnparseable(completedWithBaseline(makeTree({ [file]: LATIN1 }), [file]), file)).toMatch(/not valid UTF-8/);
  });

  it("a UTF-8 BOM is not content: a dashboard with one reads like the one without", () => {
    const dashboard = readFileSync(join(makeTree(), "dashboards/osint.json"), "utf8");
    const root = makeTree({ "dashboards/osint.json": `\ufeff${dashboard}` });
    const report = completedWithBaseline(root, []);
    expect(report.findings).toEqual(baseline);
  });
});

describe("size limits", () => {
  it("a 100 MB dashboard is skipped with one finding naming the file and the 10 MiB limit", () => {
    const file = "dashboards/huge.json";
    const root = makeTree();
    const head = '{"title": "Huge", "panels": [';
    const filler = Buffer.alloc(100 * 1024 * 1024 - head.length - 2, 0x20);
    writeFileSync(join(root, file), Buffer.concat([Buffer.from(head), filler, Buffer.from("]}")]));
    const message = oneUnparseable(completedWithBaseline(root, [file]), file);
    expect(message).toMatch(/100\.0 MiB is over the 10\.0 MiB limit/);
    expect(message).toMatch(/maxFileSize/);
  });

  it("maxFileSize in the config sets the limit, both ways", () => {
    const dashboard = readFileSync(join(makeTree(), "dashboards/osint.json"), "utf8");
    expect(dashboard.length).toBeGreaterThan(2048);
    const small = makeTree({ "telemetry-drift.config.json": JSON.stringify({ maxFileSize: 1024 }) });
    const run = analyseTree(small);
    const message = oneUnparseable(run.report, "dashboards/osint.json");
    expect(message).toMatch(/is over the 1\.0 KiB limit \(raise `maxFileSize`/);
    // Raised above the file's size: analysed as usual.
    const large = makeTree({ "telemetry-drift.config.json": JSON.stringify({ maxFileSize: 32 * 1024 * 1024 }) });
    expect(analyseTree(large).report.findings).toEqual(baseline);
  });
});

describe("pathological structure", () => {
  it("a dashboard nested 100k levels deep: one finding (too deep), the rest unchanged", () => {
    const file = "dashboards/deep.json";
    const text = `{"title": "Deep", "panels": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    expect(oneUnparseable(completedWithBaseline(makeTree({ [file]: text }), [file]), file)).toMatch(/nested too deeply/);
  });

  it("100k `[` in a .json that is no dashboard: not ours to read, no finding", () => {
    const file = "data/brackets.json";
    const report = completedWithBaseline(makeTree({ [file]: "[".repeat(100_000) }), [file]);
    expect(findingsFor(report, file)).toEqual([]);
  });

  it("a rule file nested 100k levels deep: one finding, the rest unchanged", () => {
    const file = "rules/deep.yml";
    const text = `groups:\n  - name: deep\n    rules:\n      - alert: Deep\n        expr: up == 0\n        labels: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`;
    expect(oneUnparseable(completedWithBaseline(makeTree({ [file]: text }), [file]), file)).toMatch(/nested too deeply/);
  });

  it("an Elixir file with modules nested 5000 deep: one finding, the rest unchanged", () => {
    const file = "lib/deep.ex";
    // (It mentions :telemetry, or the prefilter would rightly skip it unparsed.)
    const text = `${"defmodule Deep do\n".repeat(5000)}def f, do: :telemetry.execute([:deep, :x], %{n: 1}, %{})\n${"end\n".repeat(5000)}`;
    expect(oneUnparseable(completedWithBaseline(makeTree({ [file]: text }), [file]), file)).toMatch(/nested more than 200 levels/);
  });

  it("a PromQL query nested 50k deep in a dashboard: one finding for that query, the rest unchanged", () => {
    const file = "dashboards/deep-query.json";
    const text = JSON.stringify({ title: "Deep query", panels: [{ id: 1, title: "Deep", datasource: { type: "prometheus" }, targets: [{ expr: `${"sum(".repeat(50_000)}up${")".repeat(50_000)}` }] }] });
    const message = oneUnparseable(completedWithBaseline(makeTree({ [file]: text }), [file]), file, true);
    expect(message).toMatch(/^The PromQL of panel "Deep" of dashboard "Deep query" does not parse: /);
  });
});

describe("file-system oddities", () => {
  it("a symlink loop (and a self-referencing link) is not followed: the run completes, nothing about it", () => {
    const root = makeTree();
    mkdirSync(join(root, "loops"));
    symlinkSync("b", join(root, "loops/a"));
    symlinkSync("a", join(root, "loops/b"));
    symlinkSync("self.json", join(root, "loops/self.json"));
    symlinkSync("..", join(root, "loops/up"));
    symlinkSync("nowhere.ex", join(root, "loops/dangling.ex"));
    symlinkSync("../lib/prismatic_osint/breaker.ex", join(root, "loops/breaker.ex")); // not followed: no duplicate facts
    const report = completedWithBaseline(root, ["loops/"]);
    expect(report.findings.filter((f) => f.file.startsWith("loops/"))).toEqual([]);
  });

  it("a directory named x.json (and one named y.ex) is a folder, not a file: walked, no finding", () => {
    const root = makeTree({ "dashboards/x.json/inner.txt": "not analysed", "lib/y.ex/z.md": "# nothing" });
    const report = completedWithBaseline(root, ["dashboards/x.json", "lib/y.ex"]);
    expect(report.findings.filter((f) => f.file.startsWith("dashboards/x.json") || f.file.startsWith("lib/y.ex"))).toEqual([]);
  });

  it("a root path with spaces and non-ASCII characters, and a file name with a newline", () => {
    const root = join(makeTree(), "my app é");
    mkdirSync(root);
    const seedRoot = join(root, "..");
    for (const entry of ["lib", "dashboards", "rules", "mix.exs"]) renameSync(join(seedRoot, entry), join(root, entry));
    writeFileSync(join(root, "lib/odd\nname.ex"), "defmodule Odd do\n  def f, do: :telemetry.execute([:odd, :x], %{n: 1}, %{})\nend\n");
    const report = completedWithBaseline(root, ["lib/odd\nname.ex"]);
    expect(findingsFor(report, "lib/odd\nname.ex").map((f) => `${f.rule} ${f.subject}`)).toEqual(["event-unconsumed odd.x"]);
  });

  // As root (or with CAP_DAC_OVERRIDE), chmod 000 does not block reads: detect it rather than guess from the uid.
  const chmodBlocksReads = (() => {
    const probe = join(makeTree({ "probe.txt": "x" }, undefined), "probe.txt");
    chmodSync(probe, 0o000);
    try {
      readFileSync(probe);
      return false;
    } catch {
      return true;
    } finally {
      chmodSync(probe, 0o644);
    }
  })();
  if (!chmodBlocksReads) {
    console.warn(`test/robustness: SKIPPED the chmod 000 case: chmod 000 does not block reads here (uid ${process.getuid?.()}, e.g. root)`);
  }
  it.skipIf(!chmodBlocksReads)("an unreadable file (chmod 000): one finding (permission denied), the rest unchanged [skipped where chmod does not block reads, e.g. as root]", () => {
    const file = "lib/secret.ex";
    const root = makeTree({ [file]: 'defmodule Secret do\n  def f, do: :telemetry.execute([:secret, :x], %{n: 1}, %{})\nend\n' });
    chmodSync(join(root, file), 0o000);
    try {
      expect(oneUnparseable(completedWithBaseline(root, [file]), file)).toMatch(/permission denied/);
    } finally {
      chmodSync(join(root, file), 0o644);
    }
  });
});

describe("configuration and usage errors: exit 2, one line, no stack trace", () => {
  it("an unknown config key names the file and the key", () => {
    const root = makeTree({ "telemetry-drift.config.json": JSON.stringify({ includes: ["lib/**"] }) });
    expect(usageError([root, "--format", "json"])).toBe("telemetry-drift: telemetry-drift.config.json: unknown key `includes`");
  });

  it("an unknown nested config key names its path", () => {
    const root = makeTree({ "telemetry-drift.config.json": JSON.stringify({ ignore: [{ rule: "series-missing", panle: 3 }] }) });
    expect(usageError([root, "--format", "json"])).toBe("telemetry-drift: telemetry-drift.config.json: unknown key `ignore.0.panle`");
  });

  it("an unknown key under package.json#telemetryDrift names that", () => {
    const root = makeTree({ "package.json": JSON.stringify({ name: "x", telemetryDrift: { exporterr: "otlp" } }) });
    expect(usageError([root, "--format", "json"])).toBe("telemetry-drift: package.json#telemetryDrift: unknown key `exporterr`");
  });

  it("invalid JSON in the config: file, line and column on one line", () => {
    const root = makeTree({ "telemetry-drift.config.json": '{\n  "include": ["lib/**"],\n}\n' });
    expect(usageError([root, "--format", "json"])).toMatch(/^telemetry-drift: telemetry-drift\.config\.json:3:1: invalid JSON \(/);
  });

  it("a glob the matcher cannot compile in `include` names the file and the key", () => {
    const root = makeTree({ "telemetry-drift.config.json": JSON.stringify({ include: ["lib/**", "x".repeat(70_000)] }) });
    expect(usageError([root, "--format", "json"])).toMatch(/^telemetry-drift: telemetry-drift\.config\.json: `include\[1\]` "x+"… \(70000 characters\) is not a usable glob \(pattern is too long\)$/);
  });

  it("a glob that is odd but compiles (`[`, `{a,`) is literal, like in a shell: the run completes", () => {
    const root = makeTree({ "telemetry-drift.config.json": JSON.stringify({ include: ["**", "[", "{a,"], exclude: ["[z-a]"] }) });
    completedWithBaseline(root, []);
  });

  it("a config file that is a directory", () => {
    const root = makeTree();
    mkdirSync(join(root, "telemetry-drift.config.json"));
    expect(usageError([root, "--format", "json"])).toBe("telemetry-drift: telemetry-drift.config.json: is a directory, expected a JSON file");
  });

  it("a config value out of range names the key", () => {
    const root = makeTree({ "telemetry-drift.config.json": JSON.stringify({ maxFileSize: 0 }) });
    expect(usageError([root, "--format", "json"])).toBe("telemetry-drift: telemetry-drift.config.json: `maxFileSize` must be >= 1");
  });

  it("--output into a folder that does not exist", () => {
    const root = makeTree();
    expect(usageError([root, "--format", "json", "-o", join(root, "no/such/dir/report.json")])).toMatch(/^telemetry-drift: .*report\.json: cannot write the report \(ENOENT\)$/);
  });

  it("a path argument that does not exist", () => {
    expect(usageError(["/nonexistent/telemetry-drift-robustness", "--format", "json"])).toBe("telemetry-drift: /nonexistent/telemetry-drift-robustness: no such file or directory");
  });

  it("a missing --config file", () => {
    const root = makeTree();
    expect(usageError([root, "--config", join(root, "nope.json"), "--format", "json"])).toMatch(/^telemetry-drift: .*nope\.json: config file not found$/);
  });

  it("--config without its value", () => {
    expect(usageError(["--format", "json", "--config"])).toMatch(/^telemetry-drift: .*--config.* \(see --help\)$/);
  });

  it("--root that is not a directory", () => {
    const root = makeTree();
    expect(usageError(["--root", join(root, "mix.exs"), "--format", "json"])).toBe(`telemetry-drift: --root ${join(root, "mix.exs")}: not a directory`);
  });
});
