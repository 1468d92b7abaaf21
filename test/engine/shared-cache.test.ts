// A fact cache in memory shared by two runs over two trees (the Action's head, then its base): a file
// with the same path and bytes is not parsed again, and each report is the one a run without any cache
// gives, whatever the stats of the second tree's files say.
import { cpSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createHash } from "node:crypto";
import { dirname, join, relative } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { fileHash } from "../../src/engine/cache.js";
import { analyzeReport, SharedRuns, sourceLines, type AnalyzeOptions, type KeptLines } from "../../src/engine/run.js";
import { REPO } from "../e2e/run-cli.js";
import * as readModule from "../../src/engine/read.js";

vi.mock("../../src/engine/read.js", async (importOriginal) => {
  const original = await importOriginal<typeof readModule>();
  return { ...original, readCheckedBytesSync: vi.fn(original.readCheckedBytesSync) };
});
const readCheckedBytesSync = vi.mocked(readModule.readCheckedBytesSync);

const work = mkdtempSync(join(tmpdir(), "td-shared-cache-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let copies = 0;

function project(): string {
  const root = join(work, `p${copies++}`);
  cpSync(join(REPO, "fixtures", "mixed"), root, { recursive: true });
  cpSync(join(REPO, "fixtures", "ts-otel"), join(root, "services", "checkout"), { recursive: true });
  return root;
}

/** The report (as JSON) and how many files the run parsed. */
async function run(root: string, options: AnalyzeOptions = {}): Promise<{ report: string; parsed: number }> {
  let parsed = 0;
  const { report } = await analyzeReport({ root, baseline: false, onProgress: (done) => (parsed = Math.max(parsed, done)), ...options });
  return { report: JSON.stringify(report), parsed };
}

const BREAKER = join("lib", "prismatic_osint", "breaker.ex");
const edit = (root: string, from: string, to: string) => {
  const path = join(root, BREAKER);
  writeFileSync(path, readFileSync(path, "utf8").replace(from, to));
};

function files(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(root, join(dir, e.name)) : [relative(root, join(dir, e.name)).split("\\").join("/")]));
}

describe("a fact cache shared by two runs", () => {
  it("parses only the files of the second tree that differ, and gives the report a run without cache gives", async () => {
    const head = project();
    const base = project();
    edit(base, "[:close]", "[:closed]");
    const shared = new SharedRuns();
    const first = await run(head, { shared });
    expect(first.parsed).toBeGreaterThan(5);
    const second = await run(base, { shared });
    expect(second.parsed).toBe(1);
    expect(second.report).toBe((await run(base)).report);
    expect(second.report).not.toBe((await run(head)).report.replaceAll(head, base));
  });

  it("never trusts another tree's stats: a file with the same size and mtime but other bytes is read", async () => {
    const head = project();
    const base = project();
    edit(base, "[:close]", "[:shut_]"); // same length
    const when = new Date(Date.now() - 3_600_000); // whole seconds: both stats equal to the nanosecond
    when.setMilliseconds(0);
    utimesSync(join(head, BREAKER), when, when);
    utimesSync(join(base, BREAKER), when, when);
    expect(statSync(join(base, BREAKER)).size).toBe(statSync(join(head, BREAKER)).size);
    expect(statSync(join(base, BREAKER)).mtimeMs).toBe(statSync(join(head, BREAKER)).mtimeMs);
    const shared = new SharedRuns();
    await run(head, { shared });
    const second = await run(base, { shared });
    expect(second.parsed).toBe(1);
    expect(second.report).toBe((await run(base)).report);
  });

  it("reuses nothing when the extraction options differ", async () => {
    const head = project();
    const shared = new SharedRuns();
    const first = await run(head, { shared });
    const config = { emitters: [{ callee: "Telemetry.emit", eventArgument: 0 }] };
    const other = await run(head, { shared, config });
    expect(other.parsed).toBe(first.parsed);
    expect(other.report).toBe((await run(head, { config })).report);
  });

  it("takes hard-linked files by stat, and reads every other file even when its stat matches", async () => {
    const head = project();
    const base = join(work, `linked${copies++}`);
    const unchanged = new Map<string, string>();
    for (const path of files(head)) {
      mkdirSync(dirname(join(base, path)), { recursive: true });
      if (path === BREAKER) continue;
      linkSync(join(head, path), join(base, path));
      unchanged.set(path, fileHash(readFileSync(join(head, path))));
    }
    // The one file not linked: other bytes of the same length, with the first tree's mtime.
    writeFileSync(join(base, BREAKER), readFileSync(join(head, BREAKER), "utf8").replace("[:close]", "[:shut_]"));
    const when = new Date(Date.now() - 3_600_000);
    when.setMilliseconds(0);
    utimesSync(join(head, BREAKER), when, when);
    utimesSync(join(base, BREAKER), when, when);
    expect(statSync(join(base, BREAKER)).mtimeMs).toBe(statSync(join(head, BREAKER)).mtimeMs);
    const shared = new SharedRuns();
    await run(head, { shared });
    readCheckedBytesSync.mockClear();
    const second = await run(base, { shared, unchangedFiles: unchanged });
    const read = new Set(readCheckedBytesSync.mock.calls.filter(([root]) => root === base).map(([, path]) => path));
    expect([...read]).toEqual([BREAKER]);
    expect(second.parsed).toBe(1);
    expect(second.report).toBe((await run(base)).report);
  });

  it("vouches by stat only for files read in its current run, modified before that run's racy window", async () => {
    const head = project();
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(join(head, BREAKER), old, old);
    const shared = new SharedRuns();
    await run(head, { shared });
    const bytes = readFileSync(join(head, BREAKER));
    // The hash is git's object id of the bytes.
    expect(shared.cache!.provenByStat(BREAKER)).toEqual({ hash: fileHash(bytes), size: bytes.length, mtimeMs: statSync(join(head, BREAKER)).mtimeMs });
    expect(fileHash(bytes)).toBe(createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex"));
    // Copied just now: within the racy window, its stat proves nothing.
    expect(shared.cache!.provenByStat(join("lib", "prismatic_osint", "search.ex"))).toBeUndefined();
    expect(shared.cache!.provenByStat("no/such/file.ex")).toBeUndefined();
    // A file the next run (another root) did not see is not its own, even with an old stat.
    const next = project();
    rmSync(join(next, BREAKER));
    await run(next, { shared });
    expect(shared.cache!.provenByStat(BREAKER)).toBeUndefined();
  });

  it("with a cache folder, keeps the first root's facts for the next process and never writes another root's", async () => {
    const head = project();
    const base = project();
    edit(base, "[:close]", "[:closed]");
    const location = join(work, `cache${copies++}`);
    const first = new SharedRuns(location);
    expect((await run(head, { shared: first })).parsed).toBeGreaterThan(5);
    expect((await run(base, { shared: first })).parsed).toBe(1);
    expect(readdirSync(location).filter((name) => name.startsWith("index-"))).toHaveLength(1);
    // A later process (a later CI run with the folder restored): nothing of the head is parsed again,
    // and the base run did not leave its breaker in the head's files.
    const later = new SharedRuns(location);
    const again = await run(head, { shared: later });
    expect(again.parsed).toBe(0);
    expect(again.report).toBe((await run(head)).report);
    const baseAgain = await run(base, { shared: later });
    expect(baseAgain.parsed).toBe(1);
    expect(baseAgain.report).toBe((await run(base)).report);
  });
});

describe("fingerprint lines kept across shared runs", () => {
  it("takes a file's lines from an earlier run when its content hash is the same, and reads it otherwise", () => {
    const root = join(work, "lines");
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, "a.ex"), "on disk 1\non disk 2\n");
    writeFileSync(join(root, "b.ex"), "b on disk\n");
    const lines: KeptLines = new Map([
      ["a.ex", { hash: "h-a", lines: ["kept 1", "kept 2"] }],
      ["b.ex", { hash: "old", lines: ["stale"] }],
    ]);
    const hashes: Record<string, string> = { "a.ex": "h-a", "b.ex": "h-b" };
    const source = sourceLines(root, undefined, { lines, hashOf: (file) => hashes[file] });
    expect(source("a.ex", 2)).toBe("kept 2");
    expect(source("b.ex", 1)).toBe("b on disk");
    expect(lines.get("b.ex")).toEqual({ hash: "h-b", lines: ["b on disk", ""] });
  });
});
