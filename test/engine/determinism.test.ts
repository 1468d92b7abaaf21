// Determinism and safety of a run: byte-identical JSON and SARIF across repeated runs, with and without
// the cache, for any worker count and any file-system order; nothing from the analysed tree is executed;
// paths in the output never leave the root.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO, runCli } from "../e2e/run-cli.js";

const work = mkdtempSync(join(tmpdir(), "td-determinism-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FIXTURES = join(REPO, "fixtures");
const run = (args: string[]) => {
  const r = runCli(args);
  expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
  return r.stdout;
};

describe("determinism", () => {
  it("prints byte-identical JSON and SARIF for repeated runs, with and without cache, and any worker count", () => {
    const cache = join(work, "cache");
    for (const format of ["json", "sarif"]) {
      const reference = run([FIXTURES, "--format", format, "--no-cache", "--workers", "0"]);
      expect(reference.length).toBeGreaterThan(10_000);
      const variants = [
        ["--no-cache", "--workers", "0"],
        ["--no-cache", "--workers", "1"],
        ["--no-cache", "--workers", "2"],
        ["--no-cache", "--workers", "3"],
        ["--cache-location", cache, "--workers", "2"], // cold cache
        ["--cache-location", cache, "--workers", "2"], // warm cache: the report is reused
        ["--cache-location", cache, "--workers", "0"],
      ];
      for (const flags of variants) expect(run([FIXTURES, "--format", format, ...flags]), `${format} ${flags.join(" ")}`).toBe(reference);
    }
  });

  it("does not depend on the order files were created in (directory listing order)", () => {
    // Copy every fixture file into two trees, in opposite orders of creation.
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.push(relative(FIXTURES, path));
      }
    };
    walk(join(FIXTURES, "mixed"));
    walk(join(FIXTURES, "mixed-clean"));
    const build = (name: string, order: string[]) => {
      const root = join(work, name);
      for (const file of order) {
        mkdirSync(join(root, file, ".."), { recursive: true });
        cpSync(join(FIXTURES, file), join(root, file));
      }
      return root;
    };
    const forward = build("forward", files);
    const backward = build("backward", [...files].reverse());
    const a = run([forward, "--format", "json", "--no-cache"]);
    expect(JSON.parse(a).findings.length).toBeGreaterThan(3);
    expect(run([backward, "--format", "json", "--no-cache"])).toBe(a);
  });

  it("judges deeply nested files the same on every thread (a thread's stack is not the main thread's)", () => {
    // How deep a recursive parser gets depends on the thread's stack (and on how warm its JIT is): a
    // parse thread once read files the main thread reported as too deep. Now a file that overflows is
    // read again on a large-stack thread, and fixed depth limits decide: the same report for any --workers.
    const root = join(work, "deep");
    cpSync(join(FIXTURES, "ts-otel"), root, { recursive: true });
    const nested = (n: number, open: string, close: string) => `${open.repeat(n)}1${close.repeat(n)}`;
    const files: Record<string, string> = {
      "objects-200.ts": `export const v = ${"{a:".repeat(200)}1${"}".repeat(200)};`,
      "objects-600.ts": `export const v = ${"{a:".repeat(600)}1${"}".repeat(600)};`, // past the main thread's stack, within the limit
      "parens-800.ts": `export const v = ${nested(800, "(", ")")};`,
      "calls-600.ts": `export const v = builder${".add(1)".repeat(600)};`,
      "arrays-5000.ts": `export const v = ${nested(5000, "[", "]")};`,
      "chain-5000.ts": `export const v = ${Array(5000).fill("a").join(" + ")};`,
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, "src", name), `import { requests } from "./telemetry/metrics";\n${text}\nrequests.add(1, { route: "${name}" });\n`);
    mkdirSync(join(root, "grafana"), { recursive: true });
    writeFileSync(join(root, "grafana", "deep.json"), `{"panels": ${nested(2000, "[", "]")}}`);
    mkdirSync(join(root, "rules"), { recursive: true });
    const rule = (n: number) => `groups:\n  - name: g\n    rules:\n      - alert: A${n}\n        expr: up\n        labels: ${"[".repeat(n)}${"]".repeat(n)}\n`;
    writeFileSync(join(root, "rules", "deep-500.yml"), rule(500));
    writeFileSync(join(root, "rules", "deep-1100.yml"), rule(1100));
    // A PromQL operator chain the main thread's stack cannot build a tree for: read again, then analysed
    // (lezer itself gives up on a chain this long with error nodes, the same on every thread).
    writeFileSync(join(root, "rules", "chain.yml"), `groups:\n  - name: g\n    rules:\n      - alert: Chain\n        expr: ${Array(40_000).fill("up").join(" + ")}\n`);
    const reference = run([root, "--format", "json", "--no-cache", "--workers", "0"]);
    const problems = (JSON.parse(reference) as { findings: { rule: string; file: string; message: string }[] }).findings.filter((f) => f.rule === "input-unparseable");
    expect(problems.map((f) => f.file).sort()).toEqual(["grafana/deep.json", "rules/chain.yml", "rules/deep-1100.yml", "src/arrays-5000.ts", "src/chain-5000.ts"]);
    expect(problems.find((f) => f.file === "src/arrays-5000.ts")!.message).toMatch(/nested too deeply to analyse \(more than 1,500 syntax levels\)/);
    for (const workers of ["1", "2", "3", "0"]) expect(run([root, "--format", "json", "--no-cache", "--workers", workers]), `--workers ${workers}`).toBe(reference);
  });
});

describe("safety", () => {
  it("never runs code from the analysed tree: configs, plugins, dependencies and scripts are data at most", () => {
    const root = join(work, "hostile");
    cpSync(join(FIXTURES, "ts-otel"), root, { recursive: true });
    const marker = join(work, "executed");
    const payload = `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran");`;
    const esm = `import { writeFileSync } from "node:fs"; writeFileSync(${JSON.stringify(marker)}, "ran");`;
    writeFileSync(join(root, "telemetry-drift.config.js"), `${payload}\nmodule.exports = {};`);
    writeFileSync(join(root, "telemetry-drift.config.mjs"), `${esm}\nexport default {};`);
    writeFileSync(join(root, "eslint.config.mjs"), esm);
    mkdirSync(join(root, "node_modules", "@opentelemetry", "api"), { recursive: true });
    writeFileSync(join(root, "node_modules", "@opentelemetry", "api", "package.json"), '{ "name": "@opentelemetry/api", "main": "index.js" }');
    writeFileSync(join(root, "node_modules", "@opentelemetry", "api", "index.js"), payload);
    writeFileSync(join(root, "src", "evil.ts"), `import "./telemetry/metrics";\n${esm}\nrequire("../telemetry-drift.config.js");`);
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "hostile", scripts: { preinstall: payload, prepare: payload }, dependencies: { "@opentelemetry/api": "1.9.0" } }));
    const out = runCli([root, "--format", "json", "--no-cache"]);
    expect(out.status, out.stderr).toBe(1);
    expect(existsSync(marker)).toBe(false);
  });

  it("keeps every path in the output inside the root: symlinks out of it are not followed", () => {
    const outside = join(work, "outside");
    cpSync(join(FIXTURES, "seed"), outside, { recursive: true });
    const root = join(work, "rooted");
    cpSync(join(FIXTURES, "clean"), root, { recursive: true });
    symlinkSync(outside, join(root, "linked-app"), "dir");
    symlinkSync(join(outside, "dashboards", "osint.json"), join(root, "dashboards", "linked.json"));
    const report = JSON.parse(run([root, "--format", "json", "--no-cache"])) as { findings: { file: string; related: { file: string }[] }[] };
    const paths = report.findings.flatMap((f) => [f.file, ...f.related.map((r) => r.file)]);
    for (const p of paths) expect(p.startsWith("..") || p.startsWith("/") || p.includes("linked")).toBe(false);
    expect(JSON.parse(run([join(FIXTURES, "clean"), "--format", "json", "--no-cache"])).findings).toEqual(report.findings);
  });
});
