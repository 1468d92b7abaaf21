// The ESLint plugin's project index (src/eslint/project.ts): built by the engine (in ESLint's process, or
// in a subprocess for a big tree the fact cache does not know), then kept up to date by stat. Its findings must be the CLI's, on every file, before and after the tree
// changes on disk, including when a change makes files the engine's prefilter skipped matter.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/engine/run.js";
import { ProjectIndex } from "../../src/eslint/project.js";
import type { FileFacts, Finding } from "../../src/model.js";
import { REPO, runCli } from "../e2e/run-cli.js";

const scratch = mkdtempSync(join(tmpdir(), "td-eslint-index-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let copies = 0;

/** A private copy of a fixture (or an empty folder) with its own fact cache. */
function tree(fixture?: string): { root: string; cache: string } {
  const root = join(scratch, `tree${copies++}`);
  if (fixture) cpSync(join(REPO, "fixtures", fixture), root, { recursive: true });
  else mkdirSync(root);
  return { root, cache: join(root, ".td-cache") };
}

function write(root: string, file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

/** Files whose facts hold a problem (the index's private facts, read for the test). */
const problemFiles = (index: ProjectIndex): string[] => (index as unknown as { allFacts(): FileFacts[] }).allFacts().flatMap((f) => (f.problems.length ? [f.file] : []));

const brief = (findings: readonly Finding[]) => findings.map((f) => ({ rule: f.rule, file: f.file, line: f.line, column: f.column, message: f.message }));

/** What the index says about each file, given the file's text on disk. */
function indexFindings(index: ProjectIndex, root: string, files: string[]) {
  return files.flatMap((file) => brief(index.findingsFor(join(root, file), readFileSync(join(root, file), "utf8"))));
}

async function cliFindings(root: string, withBaseline = false) {
  return brief((await analyze({ root, ...(withBaseline ? {} : { baseline: false }) })).report.findings);
}

describe("the ESLint plugin's project index", () => {
  it("reports what the CLI reports, file by file, on a tree with Elixir, TypeScript, dashboards and rules", async () => {
    const { root, cache } = tree("mixed");
    cpSync(join(REPO, "fixtures", "ts-otel"), join(root, "services", "checkout"), { recursive: true });
    const expected = await cliFindings(root);
    const files = [...new Set(expected.map((f) => f.file))].sort();
    expect(files.some((f) => f.endsWith(".ts"))).toBe(true);
    expect(files.some((f) => f.endsWith(".json"))).toBe(true);
    expect(expected.some((f) => /\.ex:\d+/.test(f.message))).toBe(true); // a finding that needs Elixir facts
    const index = ProjectIndex.for(root, cache);
    expect(indexFindings(index, root, files)).toEqual(expected);
  });

  it("builds through the CLI's fact cache: the same cache files a CLI run over the root uses", async () => {
    const { root, cache } = tree("ts-otel");
    ProjectIndex.for(root, cache).refresh(true);
    const written = readdirSync(cache).filter((name) => name.endsWith(".bin")).sort();
    expect(written.filter((name) => /^(index|facts)-[0-9a-f]{16}\.bin$/.test(name))).toHaveLength(2);
    await analyze({ root, cacheLocation: cache });
    expect(readdirSync(cache).filter((name) => name.endsWith(".bin")).sort()).toEqual(written);
  });

  it("picks up a file edited on disk after the build", async () => {
    const { root, cache } = tree("ts-otel");
    const index = ProjectIndex.for(root, cache);
    const metrics = "src/telemetry/metrics.ts";
    expect(indexFindings(index, root, [metrics]).map((f) => f.rule)).toContain("metric-no-emitter");
    write(root, metrics, `${readFileSync(join(root, metrics), "utf8")}\nrefunds.add(1);\n`);
    index.refresh(true);
    expect(indexFindings(index, root, [metrics]).map((f) => f.rule)).not.toContain("metric-no-emitter");
    expect(indexFindings(index, root, [metrics])).toEqual((await cliFindings(root)).filter((f) => f.file === metrics));
  });

  it("re-runs the engine when a change makes files it skipped matter (a module starts exporting an instrument)", async () => {
    const { root, cache } = tree();
    write(root, "package.json", '{ "name": "shop", "dependencies": { "@opentelemetry/api": "1.9.0" } }\n');
    // No first-pass token in either file: the engine reads them only once a first-pass file makes them matter.
    write(root, "src/counters.ts", "export const unrelated = 1;\n");
    write(root, "src/handler.ts", 'import { orders } from "./counters";\nexport function handle(): void {\n  orders.add(1);\n}\n');
    write(root, "src/meter.ts", 'import { metrics } from "@opentelemetry/api";\nexport const meter = metrics.getMeter("shop");\nexport const visits = meter.createCounter("shop.visits");\nvisits.add(1);\n');
    write(root, "dashboards/shop.json", JSON.stringify({ uid: "shop", title: "Shop", panels: [{ id: 1, title: "Orders", type: "stat", targets: [{ refId: "A", expr: "sum(rate(shop_orders_total[5m]))" }] }] }, null, 2));
    const index = ProjectIndex.for(root, cache);
    const files = ["dashboards/shop.json", "src/counters.ts", "src/handler.ts"];
    expect(indexFindings(index, root, files).map((f) => f.rule)).toEqual(["series-missing"]);

    // counters.ts now defines the counter handler.ts records: only the engine's second pass reads handler.ts.
    write(root, "src/counters.ts", 'import { meter } from "./meter";\nexport const orders = meter.createCounter("shop.orders");\n');
    index.refresh(true);
    const after = indexFindings(index, root, files);
    expect(after).toEqual((await cliFindings(root)).filter((f) => files.includes(f.file)));
    expect(after.map((f) => f.rule)).not.toContain("metric-no-emitter"); // handler.ts's add() was seen
    expect(after.map((f) => f.rule)).not.toContain("series-missing");
  });

  it("rebuilds through the engine when many files change at once (a checkout), with the same result", async () => {
    const { root, cache } = tree("ts-otel");
    const index = ProjectIndex.for(root, cache);
    index.refresh(true);
    for (let i = 0; i < 40; i++) write(root, `src/generated/file${i}.ts`, `export const value${i} = ${i};\n`);
    write(root, "src/generated/refund.ts", 'import { refunds } from "@telemetry/metrics";\nexport const refund = (): void => refunds.add(1);\n');
    index.refresh(true);
    const expected = await cliFindings(root);
    const files = [...new Set([...expected.map((f) => f.file), "src/telemetry/metrics.ts"])].sort();
    expect(indexFindings(index, root, files)).toEqual(expected);
    expect(expected.map((f) => f.rule)).not.toContain("metric-no-emitter");
  });

  it("picks up an Elixir file edited on disk (read by the Elixir thread)", async () => {
    const { root, cache } = tree("mixed");
    const index = ProjectIndex.for(root, cache);
    const before = await cliFindings(root);
    const files = [...new Set(before.map((f) => f.file))].sort();
    expect(indexFindings(index, root, files)).toEqual(before);
    // The metrics list that exports osint_breaker_state, which a finding's suggestion names.
    const elixir = /\b(lib\/[\w/]+\.ex):\d+/.exec(before.map((f) => f.message).join("\n"))![1]!;
    write(root, elixir, "defmodule Emptied do\nend\n");
    index.refresh(true);
    const after = await cliFindings(root);
    expect(after).not.toEqual(before);
    expect(indexFindings(index, root, [...new Set([...files, ...after.map((f) => f.file)])].sort())).toEqual(after);
  });

  it("re-walks the tree only when a folder changed, and still sees every new and edited file", async () => {
    const { root } = tree("ts-otel");
    const index = ProjectIndex.for(root, join(scratch, "cache-outside-the-tree")); // as node_modules/.cache: never walked
    index.refresh(true);
    // Folders changed within the last two seconds are not trusted to a stat (a coarse clock): wait them out.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    index.refresh(true); // walks, and keeps the walk
    const metrics = "src/telemetry/metrics.ts";
    write(root, metrics, `${readFileSync(join(root, metrics), "utf8")}\n// edited\n`); // no folder changes
    index.refresh(true);
    write(root, "src/telemetry/refund.ts", 'import { refunds } from "./metrics";\nexport const refund = (): void => refunds.add(1);\n'); // a new file
    index.refresh(true);
    const expected = await cliFindings(root);
    expect(indexFindings(index, root, [...new Set([...expected.map((f) => f.file), metrics])].sort())).toEqual(expected);
    expect(expected.map((f) => f.rule)).not.toContain("metric-no-emitter");
  });

  it("does not count unreadable files as changed on every re-stat (no rebuild loop)", () => {
    const { root, cache } = tree("ts-otel");
    for (let i = 0; i < 40; i++) writeFileSync(join(root, "src", `latin1-${i}.js`), Buffer.from("export const caf\xe9 = 1;\n", "latin1"));
    const index = ProjectIndex.for(root, cache);
    for (let i = 0; i < 3; i++) index.refresh(true);
    expect(index.builds).toBe(1);
    expect(problemFiles(index).filter((file) => file.startsWith("src/latin1-"))).toHaveLength(40);
  });

  it("decides changed files as the engine does: a saved file it would skip is not parsed, and causes no rebuild", async () => {
    const { root, cache } = tree("ts-otel");
    const index = ProjectIndex.for(root, cache);
    index.refresh(true);
    // No first-pass token, but a module with exports: parsed, it would name a new module for the second pass.
    for (let i = 0; i < 3; i++) {
      write(root, "src/labels.ts", `export const DEFAULT_LABEL = "x${i}";\n`);
      index.refresh(true);
    }
    expect(index.builds).toBe(1);
    // A minified bundle is never parsed by the engine, so not here either when it changes.
    const bundle = (n: number) => `import{metrics as m}from"@opentelemetry/api";const h=m.getMeter("v").createHistogram("checkout.payment.duration.seconds");h.record(${n});\n`;
    write(root, "vendor/otel.min.js", bundle(1));
    index.refresh(true);
    write(root, "vendor/otel.min.js", bundle(2));
    index.refresh(true);
    const expected = await cliFindings(root);
    expect(indexFindings(index, root, [...new Set(expected.map((f) => f.file))].sort())).toEqual(expected);
  });

  it("reloads the config when it changes, and recovers from a failed refresh once it is fixed", async () => {
    const { root, cache } = tree("ts-otel");
    const index = ProjectIndex.for(root, cache);
    const metrics = "src/telemetry/metrics.ts";
    expect(indexFindings(index, root, [metrics]).map((f) => f.rule)).toEqual(["metric-no-emitter"]);
    write(root, "telemetry-drift.config.json", JSON.stringify({ rules: { "metric-no-emitter": "off" } }));
    index.refresh(true);
    expect(indexFindings(index, root, [metrics])).toEqual([]);

    // A broken config saved mid-edit, while another file starts recording the counter; then fixed.
    write(root, "telemetry-drift.config.json", "{ \"rules\": ");
    write(root, "src/routes/refund.ts", 'import { refunds } from "../telemetry/metrics.js";\nexport const refund = (): void => refunds.add(1);\n');
    expect(() => index.refresh(true)).toThrow(/telemetry-drift\.config\.json/);
    const builds = index.builds;
    expect(() => index.refresh()).toThrow(/telemetry-drift\.config\.json/); // within the second: the same error, no new attempt
    expect(index.builds).toBe(builds);
    write(root, "telemetry-drift.config.json", "{}\n");
    index.refresh(true);
    const expected = await cliFindings(root);
    expect(indexFindings(index, root, [...new Set([...expected.map((f) => f.file), metrics])].sort())).toEqual(expected);
    expect(expected.map((f) => f.rule)).not.toContain("metric-no-emitter");
  });

  it("an unsaved buffer's findings follow changes to other files on disk", () => {
    const { root, cache } = tree("ts-otel");
    const index = ProjectIndex.for(root, cache);
    const metrics = "src/telemetry/metrics.ts";
    const buffer = `${readFileSync(join(root, metrics), "utf8")}\nexport const extra = meter.createCounter("checkout.extra");\nextra.add(1);\n`;
    const lint = () => index.findingsFor(join(root, metrics), buffer).map((f) => `${f.rule} ${f.line}`);
    expect(lint()).toEqual(["metric-no-emitter 20"]);
    write(root, "src/routes/refund.ts", 'import { refunds } from "../telemetry/metrics.js";\nexport const refund = (): void => refunds.add(1);\n');
    index.refresh(true);
    expect(lint()).toEqual([]);
  });

  it("keeps the problem of a path discovery could not list", () => {
    const { root, cache } = tree("ts-otel");
    writeFileSync(Buffer.from(`${root}/src/bad\xff.ts`, "latin1"), "x");
    const index = ProjectIndex.for(root, cache);
    index.refresh(true);
    expect(problemFiles(index)).toEqual(["src/bad\ufffd.ts"]);
    index.refresh(true); // the walk does not list it: it is not a deleted file
    expect(problemFiles(index)).toEqual(["src/bad\ufffd.ts"]);
    renameSync(Buffer.from(`${root}/src/bad\xff.ts`, "latin1"), join(root, "src", "good.ts"));
    index.refresh(true);
    expect(problemFiles(index)).toEqual([]);
  });

  it("a file the engine cannot read keeps its problem, whatever text the editor holds", async () => {
    const { root, cache } = tree("ts-otel");
    write(root, "telemetry-drift.config.json", JSON.stringify({ maxFileSize: 2000 }));
    const big = `import { metrics } from "@opentelemetry/api";\nexport const big = metrics.getMeter("x").createCounter("big.count");\n${"// padding\n".repeat(250)}`;
    write(root, "src/big.ts", big);
    const index = ProjectIndex.for(root, cache);
    const expected = (await cliFindings(root)).filter((f) => f.file === "src/big.ts");
    expect(expected.map((f) => f.rule)).toEqual(["input-unparseable"]);
    expect(indexFindings(index, root, ["src/big.ts"])).toEqual(expected);
    expect(brief(index.findingsFor(join(root, "src", "big.ts"), big.slice(0, 200)))).toEqual(expected);
  });

  it("applies the config's baseline, as the CLI does", async () => {
    const { root, cache } = tree("ts-otel");
    const written = runCli(["baseline", root, "--no-cache", "-o", join(root, "drift-baseline.json")]);
    expect(written.status, written.stderr).toBe(0);
    write(root, "telemetry-drift.config.json", JSON.stringify({ baseline: "drift-baseline.json" }));
    const index = ProjectIndex.for(root, cache);
    const files = ["dashboards/checkout.json", "src/telemetry/metrics.ts"];
    expect(await cliFindings(root, true)).toEqual([]);
    expect(indexFindings(index, root, files)).toEqual([]);
    // New drift in the editor's text is not in the baseline: reported.
    const metrics = join(root, "src", "telemetry", "metrics.ts");
    const edited = `${readFileSync(metrics, "utf8")}\nexport const lost = meter.createCounter("checkout.lost");\n`;
    expect(index.findingsFor(metrics, edited).map((f) => f.rule)).toEqual(["metric-no-emitter"]);
  });

  it("without a fact cache, reports what the CLI reports on every file", async () => {
    const { root } = tree("mixed");
    const index = ProjectIndex.for(root, false);
    const expected = await cliFindings(root);
    const files = [...new Set([...expected.map((f) => f.file), "lib/prismatic_web/telemetry.ex", "lib/prismatic_osint/search.ex"])].sort();
    expect(indexFindings(index, root, files)).toEqual(expected);
  });

  it("builds a small tree in this process, and one with more unknown files than the read limit in the engine's subprocess: the same findings", async () => {
    const { root, cache } = tree("mixed");
    cpSync(join(REPO, "fixtures", "ts-otel"), join(root, "services", "checkout"), { recursive: true });
    const expected = await cliFindings(root);
    const files = [...new Set(expected.map((f) => f.file))].sort();
    const here = ProjectIndex.for(root, cache);
    expect(indexFindings(here, root, files)).toEqual(expected);
    expect(here.lastBuild).toBe("in-process");
    const limit = ProjectIndex.inProcessReadLimit;
    try {
      ProjectIndex.inProcessReadLimit = 3;
      const there = ProjectIndex.for(root, join(root, ".other-cache"));
      expect(indexFindings(there, root, files)).toEqual(expected);
      expect(there.lastBuild).toBe("subprocess");
      // With the first index's cache (another spelling of its folder: a new index) the tree is known: in this process again.
      const again = ProjectIndex.for(root, `${cache}/`);
      expect(indexFindings(again, root, files)).toEqual(expected);
      expect(again.lastBuild).toBe("in-process");
    } finally {
      ProjectIndex.inProcessReadLimit = limit;
    }
  });

  it("leaves a file too deep for this thread's stack to the engine's subprocess, which reads it on a large one", async () => {
    const { root, cache } = tree("ts-otel");
    // A `+` chain no thread's ordinary stack parses: the engine reads it again on a large-stack thread.
    write(root, "src/chain.ts", `import { requests } from "./telemetry/metrics";
export const v = ${Array(5000).fill("'a'").join(" + ")};
requests.add(1, { route: "/" });
`);
    const expected = await cliFindings(root);
    const index = ProjectIndex.for(root, cache);
    const files = [...new Set([...expected.map((f) => f.file), "src/chain.ts"])].sort();
    expect(indexFindings(index, root, files)).toEqual(expected);
    expect(index.lastBuild).toBe("subprocess");
    expect(expected.some((f) => f.file === "src/chain.ts")).toBe(true);
  });

  it("says which file is wrong when the engine cannot run (an invalid config)", () => {
    const { root } = tree("ts-otel");
    write(root, "telemetry-drift.config.json", '{ "unknownKey": true }\n');
    expect(() => ProjectIndex.for(root, false).refresh(true)).toThrow(/telemetry-drift\.config\.json/);
  });
});
