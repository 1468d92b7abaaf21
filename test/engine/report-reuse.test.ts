// The cached report is reused when the input changed only in files that hold no facts (most edits to a
// codebase): the analysis does not run again, and the report is the one a run without cache gives.
// Any change to a file with facts, or to the config, runs it again.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as analysisModule from "../../src/engine/analysis.js";
import { analyzeReport } from "../../src/engine/run.js";
import { REPO } from "../e2e/run-cli.js";

vi.mock("../../src/engine/analysis.js", async (importOriginal) => {
  const original = await importOriginal<typeof analysisModule>();
  return { ...original, analyzeFacts: vi.fn(original.analyzeFacts) };
});
const analyzeFacts = vi.mocked(analysisModule.analyzeFacts);

const work = mkdtempSync(join(tmpdir(), "td-report-reuse-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let copies = 0;

function project(): { root: string; cache: string } {
  const root = join(work, `p${copies++}`);
  cpSync(join(REPO, "fixtures", "mixed"), root, { recursive: true });
  cpSync(join(REPO, "fixtures", "ts-otel"), join(root, "services", "checkout"), { recursive: true });
  writeFileSync(join(root, "services", "checkout", "src", "util.ts"), "export const clamp = (x: number): number => Math.max(0, x);\n");
  return { root, cache: join(work, `cache${copies}`) };
}

const cachedRun = async (root: string, cache: string) => JSON.stringify((await analyzeReport({ root, cacheLocation: cache, baseline: false })).report);
const uncachedRun = async (root: string) => JSON.stringify((await analyzeReport({ root, baseline: false })).report);
const append = (path: string, text: string) => writeFileSync(path, readFileSync(path, "utf8") + text);

// (A block: a function returned from beforeEach would be run as a cleanup hook.)
beforeEach(() => {
  analyzeFacts.mockClear();
});

describe("reusing the report across edits", () => {
  it("an edit to a file with no facts reuses the report; it is the report a run without cache gives", async () => {
    const { root, cache } = project();
    await cachedRun(root, cache);
    expect(analyzeFacts).toHaveBeenCalledTimes(1);
    append(join(root, "services", "checkout", "src", "util.ts"), "export const twice = (x: number): number => 2 * x;\n");
    const reused = await cachedRun(root, cache);
    expect(analyzeFacts).toHaveBeenCalledTimes(1);
    expect(reused).toBe(await uncachedRun(root));
  });

  it("a new or deleted file with no facts reuses it too", async () => {
    const { root, cache } = project();
    await cachedRun(root, cache);
    writeFileSync(join(root, "services", "checkout", "src", "more.ts"), "export const one = 1;\n");
    rmSync(join(root, "services", "checkout", "src", "util.ts"));
    const reused = await cachedRun(root, cache);
    expect(analyzeFacts).toHaveBeenCalledTimes(1);
    expect(reused).toBe(await uncachedRun(root));
  });

  it("an edit to a file with facts runs the analysis again, even one that changes no fact but a finding's line", async () => {
    const { root, cache } = project();
    const before = await cachedRun(root, cache);
    // The finding on metrics.ts:20 keeps its facts, but its line's text (and so its fingerprint) changes.
    const metrics = join(root, "services", "checkout", "src", "telemetry", "metrics.ts");
    writeFileSync(metrics, readFileSync(metrics, "utf8").replace("export const refunds = meter.createCounter(`${PREFIX}.refunds`);", "export const refunds = meter.createCounter(`${PREFIX}.refunds`); // unused"));
    const after = await cachedRun(root, cache);
    expect(analyzeFacts).toHaveBeenCalledTimes(2);
    expect(after).toBe(await uncachedRun(root));
    expect(after).not.toBe(before);
  });

  it("a file with no facts that starts to hold some runs the analysis again", async () => {
    const { root, cache } = project();
    await cachedRun(root, cache);
    append(join(root, "services", "checkout", "src", "util.ts"), 'import { refunds } from "./telemetry/metrics";\nrefunds.add(1);\n');
    const after = await cachedRun(root, cache);
    expect(analyzeFacts).toHaveBeenCalledTimes(2);
    expect(after).toBe(await uncachedRun(root));
  });

  it("a config change runs the analysis again", async () => {
    const { root, cache } = project();
    await cachedRun(root, cache);
    writeFileSync(join(root, "telemetry-drift.config.json"), JSON.stringify({ rules: { "label-missing": "warning" } }));
    const after = await cachedRun(root, cache);
    expect(analyzeFacts).toHaveBeenCalledTimes(2);
    expect(after).toBe(await uncachedRun(root));
    expect(after).toContain('"severity":"warning"');
  });
});
