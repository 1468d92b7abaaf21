// `--performance` on the built CLI: the table goes to stderr, the report on stdout is the one a run
// without it prints, and the table's counts are those of the run (files listed, read, parsed per lane).
import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO, runCli } from "../e2e/run-cli.js";

const work = mkdtempSync(join(tmpdir(), "td-performance-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const PHASES = ["start-up", "config", "discover", "scan", "parse", "analysis", "fingerprints", "cache write", "report"];

/** The table's rows: label → { ms, note }. */
function table(stderr: string): Map<string, { ms: number; note: string }> {
  const rows = new Map<string, { ms: number; note: string }>();
  const start = stderr.indexOf("telemetry-drift --performance");
  expect(start).toBeGreaterThanOrEqual(0);
  for (const line of stderr.slice(start).split("\n").slice(1)) {
    const m = /^ {2,4}(\S(?:.*?\S)?) +([\d,]+) ms(?: {2}(.*))?$/.exec(line);
    if (m) rows.set(m[1]!, { ms: Number(m[2]!.replace(/,/g, "")), note: m[3] ?? "" });
  }
  return rows;
}

describe("--performance", () => {
  const tree = join(work, "mixed");
  cpSync(join(REPO, "fixtures", "mixed"), tree, { recursive: true });
  // Files older than the cache's racy window (a file written in the same instant as the cache is read again).
  const past = new Date("2026-01-01T00:00:00Z");
  for (const entry of readdirSync(tree, { recursive: true, withFileTypes: true })) if (entry.isFile()) utimesSync(join(entry.parentPath, entry.name), past, past);
  const cache = join(work, "cache");
  const args = [tree, "--format", "json", "--fail-on", "never", "--cache-location", cache, "--workers", "1"];

  it("prints each phase of a cold run, in order, adding up to the total, and leaves the report as it was", () => {
    const plain = runCli([...args, "--no-cache"]);
    const cold = runCli([...args, "--performance"]);
    expect(cold.status).toBe(0);
    expect(cold.stdout).toBe(plain.stdout);
    const rows = table(cold.stderr);
    expect([...rows.keys()].filter((label) => PHASES.includes(label))).toEqual(PHASES);
    const sum = PHASES.reduce((total, phase) => total + rows.get(phase)!.ms, 0);
    expect(Math.abs(sum - rows.get("total")!.ms)).toBeLessThanOrEqual(PHASES.length); // each row rounded on its own
    expect(rows.get("total")!.note).toMatch(/^peak RSS \d+ MB$/);
    // The fixture: 6 Elixir files (with mix.exs), 1 TS file, 1 dashboard and 1 package.json, all read.
    expect(rows.get("discover")!.note).toBe("9 files listed");
    expect(rows.get("scan")!.note).toBe("9 read and prefiltered");
    expect(rows.get("parse")!.note).toBe("9 files parsed, 0 with facts from the cache; lanes side by side, each finished at:");
    expect(rows.get("TS/JS+YAML lane")!.note).toBe("its own thread: 1 TS/JS in 1 round");
    expect(rows.get("other lane")!.note).toBe("main thread: 6 Elixir, 1 JSON, 1 package.json in 1 round");
    for (const lane of ["TS/JS+YAML lane", "other lane"]) expect(rows.get(lane)!.ms).toBeLessThanOrEqual(rows.get("parse")!.ms + 1);
    // The five slowest of the nine parsed files, slowest first, each named with its kind.
    const slowest = cold.stderr.split("slowest files to parse")[1]!.split("\n").slice(1).filter(Boolean);
    expect(slowest).toHaveLength(5);
    const listed = slowest.map((line) => /^ +([\d,]+) ms {2}(\S+) \((\S+)\)$/.exec(line)!);
    const kinds: Record<string, string> = { ".ex": "Elixir", ".exs": "Elixir", ".ts": "TS/JS", ".json": "JSON" };
    for (const [, , file, kind] of listed) expect(kind).toBe(file === "services/gateway/package.json" ? "package.json" : kinds[file!.slice(file!.lastIndexOf("."))]);
    const ms = listed.map((m) => Number(m[1]!.replace(/,/g, "")));
    expect([...ms].sort((a, b) => b - a)).toEqual(ms);
  });

  it("says so when the cache answers: no parse on an unchanged tree, one file parsed after an edit", () => {
    const warm = runCli([...args, "--performance"]);
    const rows = table(warm.stderr);
    expect(rows.get("scan")!.note).toBe("0 read and prefiltered, 9 unchanged by their stat; the same input as the cached report: nothing parsed or analysed");
    expect(rows.has("parse")).toBe(false);
    expect(rows.has("analysis")).toBe(false);
    expect(warm.stderr).not.toContain("slowest files"); // nothing parsed

    const editedFile = join(tree, "lib", "prismatic_osint", "search.ex");
    writeFileSync(editedFile, "defmodule PrismaticOsint.Search do\nend\n");
    utimesSync(editedFile, past, new Date("2026-01-02T00:00:00Z"));
    const edited = runCli([...args, "--performance"]);
    expect(edited.stdout).toBe(runCli([...args, "--no-cache"]).stdout);
    const after = table(edited.stderr);
    expect(after.get("scan")!.note).toMatch(/^1 read and prefiltered, 8 unchanged by their stat$/);
    expect(after.get("parse")!.note).toMatch(/^0 files parsed, \d+ with facts from the cache/);
  });

  it("is not printed unless asked for", () => {
    expect(runCli(args).stderr).not.toContain("--performance");
  });
});
