// The lane thread (TS/JS parsing off the main thread): the facts it returns are the ones parsing in
// place gives, and a thread that is gone costs speed, not results. Runs the compiled modules (dist/),
// since a worker thread needs the compiled worker script beside them.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
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
