// The lane thread (TS/JS parsing off the main thread, and examining a cold run's TS/JS files): the facts
// and entries it returns are the ones the main thread gives, and a thread that is gone costs speed, not
// results. Runs the compiled modules (dist/),
// since a worker thread needs the compiled worker script beside them.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { REPO } from "../e2e/run-cli.js";
import type { FileFacts } from "../../src/model.js";

interface Job {
  path: string;
  kind: "typescript";
  text: string;
}
interface ThreadApi {
  ParseThread: { start(config: object, kinds: string[]): { parse(jobs: Job[]): Promise<(FileFacts | null)[]>; close(): Promise<void> } | undefined };
  parseAll(jobs: Job[], config: object, workers: number): Promise<(FileFacts | null)[]>;
}
const load = async (): Promise<ThreadApi> => (await import(join(REPO, "dist/src/engine/pool.js"))) as ThreadApi;

const fixture = join(REPO, "fixtures", "ts-otel");
const jobs: Job[] = [];
const walk = (dir: string): void => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.ts$/.test(name)) jobs.push({ path: relative(fixture, path), kind: "typescript", text: readFileSync(path, "utf8") });
  }
};
walk(join(fixture, "src"));

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()));
});

describe("the lane thread", () => {
  it("returns the facts parsing in place gives, in job order", async () => {
    const { ParseThread, parseAll } = await load();
    expect(jobs.length).toBeGreaterThanOrEqual(3);
    const inPlace = await parseAll(jobs, {}, 0);
    expect(inPlace.filter((f) => f && (f.metrics.length || f.emits.length)).length).toBeGreaterThan(0);
    const thread = ParseThread.start({}, ["typescript"]);
    expect(thread).toBeDefined();
    opened.push(thread!);
    expect(await thread!.parse(jobs)).toEqual(inPlace);
    // Several batches in flight at once come back to their own callers.
    const [a, b] = await Promise.all([thread!.parse(jobs.slice(0, 2)), thread!.parse(jobs.slice(2))]);
    expect([...a, ...b]).toEqual(inPlace);
  });

  it("parses in place once the thread is gone", async () => {
    const { ParseThread, parseAll } = await load();
    const thread = ParseThread.start({}, ["typescript"])!;
    await thread.close();
    expect(await thread.parse(jobs)).toEqual(await parseAll(jobs, {}, 0));
  });
});

describe("two lanes", () => {
  it.each([1, 2])("when one lane fails, the caller gets its error once both lanes have stopped, --workers %i", async (workers) => {
    const { collectFacts } = (await import(join(REPO, "dist/src/engine/collect.js"))) as {
      collectFacts(root: string, config: object, paths: string[], options: { workers: number; onProgress: (done: number, total: number) => void }): Promise<FileFacts[]>;
    };
    let calls = 0;
    let settled = false;
    let lateCalls = 0;
    const run = collectFacts(join(REPO, "fixtures"), {}, [], {
      workers,
      onProgress: () => {
        calls++;
        if (settled) lateCalls++;
        if (calls === 1) throw new Error("boom from the progress bar");
      },
    });
    await expect(run).rejects.toThrow("boom from the progress bar");
    settled = true;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lateCalls).toBe(0);
  });
});

describe("when the lane thread starts", () => {
  // A thread pays for its start and for copying texts and facts; it gains only while the main thread has
  // parsing of its own to do meanwhile (see MAIN_WORK_TO_OVERLAP in collect.ts).
  const starts = async (root: string) => {
    const { ParseThread } = await load();
    const { collectFacts } = (await import(join(REPO, "dist/src/engine/collect.js"))) as { collectFacts(root: string, config: object, paths: string[], options: { workers: number }): Promise<FileFacts[]> };
    const spy = vi.spyOn(ParseThread, "start");
    try {
      const withThread = await collectFacts(root, {}, [], { workers: 1 });
      expect(withThread).toEqual(await collectFacts(root, {}, [], { workers: 0 }));
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  };

  it("parses a TS/JS project with a few dashboards in place", async () => {
    expect(await starts(join(REPO, "fixtures", "ts-otel"))).toBe(0);
    expect(await starts(join(REPO, "fixtures", "js-prom-client"))).toBe(0);
  });

  it("starts it when Elixir files are parsed meanwhile", async () => {
    expect(await starts(join(REPO, "fixtures", "mixed"))).toBe(1);
  });

  it("parses an Elixir project's few rule files in place, and many on the thread", async () => {
    // Rule files are the lane thread's (THREAD_KINDS), but a handful are not worth a thread's start.
    expect(await starts(join(REPO, "fixtures", "clean"))).toBe(0);
    const tree = mkdtempSync(join(tmpdir(), "td-lane-rules-"));
    try {
      cpSync(join(REPO, "fixtures", "clean"), tree, { recursive: true });
      const rules = readFileSync(join(REPO, "fixtures", "clean", "rules", "osint.rules.yml"), "utf8");
      for (let i = 0; i < 16; i++) writeFileSync(join(tree, "rules", `copy${i}.rules.yml`), rules);
      expect(await starts(tree)).toBe(1);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });
});

describe("examining a cold run's TS/JS files on the lane thread", () => {
  // Enough unseen TS/JS files for the scan to hand them to the lane thread (collect.ts LANE_SCAN_MIN_FILES),
  // of every sort the scan tells apart: first-pass files, files with only imports, a minified bundle, and
  // files that cannot be read as text.
  const tree = mkdtempSync(join(tmpdir(), "td-lane-scan-"));
  afterAll(() => rmSync(tree, { recursive: true, force: true }));
  mkdirSync(join(tree, "src"));
  for (let i = 0; i < 240; i++) {
    const text =
      i % 10 === 0
        ? `import { metrics } from "@opentelemetry/api";\nexport const c${i} = metrics.getMeter("m").createCounter("c_${i}_total");\n`
        : i % 3 === 0
          ? `import { c0 } from "./f0";\nexport function g${i}() { c0.add(1, { route: "/r${i}" }); }\n`
          : `export const plain${i} = ${i}; // café\n`;
    writeFileSync(join(tree, "src", `f${i}.ts`), text);
  }
  writeFileSync(join(tree, "src", "vendor.min.js"), "var a=1;".repeat(100));
  writeFileSync(join(tree, "src", "binary.ts"), Buffer.from([0x65, 0x00, 0x66]));
  writeFileSync(join(tree, "src", "latin1.ts"), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
  writeFileSync(join(tree, "src", "empty.ts"), "");
  writeFileSync(join(tree, "lib.ex"), 'defmodule L do\n  def f, do: :telemetry.execute([:l, :f], %{n: 1})\nend\n');

  type Scanned = { file: { path: string }; entry?: object; text?: string; specifiers?: string; problem?: FileFacts };
  interface CollectApi {
    scanFiles(root: string, config: object, paths: string[], cache: unknown, lane?: unknown): Promise<{ files: Scanned[]; inputKey?: string }>;
    LaneThread: new (config: object, workers: number) => { close(): Promise<void> };
  }
  interface CacheApi {
    FactCache: { open(dir: string, root: string, key: string): { save(whole: boolean): void } };
  }
  const scan = async (workers: number, cacheDir: string) => {
    const { scanFiles, LaneThread } = (await import(join(REPO, "dist/src/engine/collect.js"))) as CollectApi;
    const { FactCache } = (await import(join(REPO, "dist/src/engine/cache.js"))) as CacheApi;
    const cache = FactCache.open(cacheDir, tree, "k");
    const lane = new LaneThread({}, workers);
    try {
      const result = await scanFiles(tree, {}, [], cache, lane);
      cache.save(true);
      return { files: result.files, inputKey: result.inputKey, index: readdirSync(cacheDir).filter((n) => n.startsWith("index")).map((n) => readFileSync(join(cacheDir, n))) };
    } finally {
      await lane.close();
    }
  };

  it("gives the scan, the input key and the cache index the main thread gives alone", async () => {
    const caches = mkdtempSync(join(tmpdir(), "td-lane-scan-cache-"));
    const alone = await scan(0, join(caches, "0"));
    const withLane = await scan(1, join(caches, "1"));
    rmSync(caches, { recursive: true, force: true });
    expect(alone.files.length).toBe(245);
    expect(alone.files.filter((f) => f.text !== undefined).length).toBeGreaterThanOrEqual(24);
    expect(alone.files.filter((f) => f.specifiers?.includes('"./f0"')).length).toBeGreaterThan(50);
    expect(alone.files.filter((f) => f.problem).map((f) => f.problem!.problems[0]!.message)).toEqual(["src/binary.ts: binary content (NUL bytes), not a text file", "src/latin1.ts: not valid UTF-8 text"]);
    expect(withLane.files).toEqual(alone.files);
    expect(withLane.inputKey).toBe(alone.inputKey);
    expect(withLane.index).toEqual(alone.index);
  });

  it("after a fresh checkout (every file touched, the cache restored) gives what the main thread alone gives, and keeps every fact", async () => {
    const caches = mkdtempSync(join(tmpdir(), "td-lane-touched-"));
    try {
      await scan(0, join(caches, "0"));
      await scan(1, join(caches, "1"));
      const later = new Date(Date.now() + 5_000);
      for (const name of readdirSync(join(tree, "src"))) utimesSync(join(tree, "src", name), later, later);
      const alone = await scan(0, join(caches, "0"));
      const withLane = await scan(1, join(caches, "1"));
      expect(withLane.files).toEqual(alone.files);
      expect(withLane.inputKey).toBe(alone.inputKey);
      expect(withLane.index).toEqual(alone.index);
      // Their facts too: nothing is parsed again.
      const { collectFacts } = (await import(join(REPO, "dist/src/engine/collect.js"))) as {
        collectFacts(root: string, config: object, paths: string[], options: { cache: unknown; workers: number; onProgress: (done: number) => void }): Promise<FileFacts[]>;
      };
      const { FactCache } = (await import(join(REPO, "dist/src/engine/cache.js"))) as CacheApi;
      const collect = async () => {
        let parsed = 0;
        const facts = await collectFacts(tree, {}, [], { cache: FactCache.open(join(caches, "facts"), tree, "k"), workers: 1, onProgress: (done) => (parsed = Math.max(parsed, done)) });
        return { facts, parsed };
      };
      const first = await collect();
      expect(first.parsed).toBeGreaterThan(20);
      const evenLater = new Date(Date.now() + 10_000);
      for (const name of readdirSync(join(tree, "src"))) utimesSync(join(tree, "src", name), evenLater, evenLater);
      const again = await collect();
      expect(again.parsed).toBe(0);
      expect(again.facts).toEqual(first.facts);
    } finally {
      rmSync(caches, { recursive: true, force: true });
    }
  });

  it("examines in place once the thread is gone", async () => {
    const { ParseThread } = (await import(join(REPO, "dist/src/engine/pool.js"))) as {
      ParseThread: { start(config: object, kinds: string[]): { examine(root: string, files: object[], hashing: boolean, claims: Int32Array): Promise<Scanned[]>; close(): Promise<void> } | undefined };
    };
    const files = ["src/f0.ts", "src/f3.ts", "src/binary.ts"].map((path) => ({ path, kind: "typescript" }));
    const live = ParseThread.start({}, [])!;
    opened.push(live);
    const claims = () => new Int32Array(new SharedArrayBuffer(4));
    const onThread = await live.examine(tree, files, true, claims());
    const gone = ParseThread.start({}, [])!;
    await gone.close();
    expect(await gone.examine(tree, files, true, claims())).toEqual(onThread);
    expect(onThread.map((f) => (f.text !== undefined ? "text" : f.specifiers !== undefined ? "specifiers" : "problem"))).toEqual(["text", "specifiers", "problem"]);
  });
});
