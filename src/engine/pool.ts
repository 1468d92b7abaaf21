// Parsing on worker threads (`--workers N`): a queue of small batches handed to N threads, results put
// back in job order, so the facts (and the report) are the same for any N.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { FileFacts } from "../model.js";
import type { Config } from "../config/config.js";
import type { FileKind } from "../discover/discover.js";

export interface ParseJob {
  path: string;
  kind: FileKind;
  text: string;
}
export interface ParseBatch {
  id: number;
  jobs: ParseJob[];
}
export interface ParsedBatch {
  id: number;
  results: (FileFacts | null)[];
}

const BATCH = 40;


/**
 * Parses `jobs` with `workers` threads (0, 1 or unset: in this thread). Results are in job order.
 * Threads are opt-in: on the 2-core benchmark machine two threads made a cold scale-10 run slower
 * (3.2 s against 2.4 s) and larger (371 MB against 245 MB), since every thread loads its own parsers
 * (TypeScript alone ~240 ms) and the texts and facts are copied between threads.
 */
export async function parseAll(jobs: ParseJob[], config: Config, workers: number | undefined, onDone?: (count: number) => void): Promise<(FileFacts | null)[]> {
  const script = workerScript();
  const threads = workers ?? 0;
  if (threads <= 1 || jobs.length === 0 || !script) return parseHere(jobs, config, onDone);
  workers = threads;
  try {
    return await parseOnThreads(script, jobs, config, workers, onDone);
  } catch {
    return parseHere(jobs, config, onDone); // a thread that cannot start or dies costs speed, not results
  }
}

async function parseOnThreads(script: URL, jobs: ParseJob[], config: Config, workers: number, onDone?: (count: number) => void): Promise<(FileFacts | null)[]> {
  const batches: ParseBatch[] = [];
  for (let i = 0; i < jobs.length; i += BATCH) batches.push({ id: batches.length, jobs: jobs.slice(i, i + BATCH) });
  const results = new Array<FileFacts | null>(jobs.length);
  let next = 0;
  let done = 0;
  const threads = Array.from({ length: Math.min(workers, batches.length) }, () => new Worker(script, { workerData: { config } }));
  try {
    await Promise.all(
      threads.map(
        (thread) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= batches.length) return resolve();
              thread.postMessage(batches[next++]);
            };
            thread.on("message", (answer: ParsedBatch) => {
              answer.results.forEach((facts, i) => (results[answer.id * BATCH + i] = facts));
              done += answer.results.length;
              onDone?.(done);
              send();
            });
            thread.on("error", reject);
            thread.on("exit", (code) => (next < batches.length || code !== 0 ? reject(new Error(`parse worker exited with code ${code}`)) : resolve()));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  return results;
}

async function parseHere(jobs: ParseJob[], config: Config, onDone?: (count: number) => void): Promise<(FileFacts | null)[]> {
  const results: (FileFacts | null)[] = [];
  if (jobs.length === 0) return results;
  // The frontends and their parsers load only when something is parsed (never on a fully cached run).
  const { factsFor, prepareParsers } = await import("./extract.js");
  const ready = new Set<FileKind>();
  for (const job of jobs) {
    if (!ready.has(job.kind)) {
      await prepareParsers(new Set([job.kind]));
      ready.add(job.kind);
    }
    results.push(factsFor(job.path, job.kind, { text: job.text }, config) ?? null);
    onDone?.(results.length);
  }
  return results;
}

/** The compiled worker beside this module (absent when running from TypeScript sources under a test runner). */
function workerScript(): URL | undefined {
  const url = new URL("./worker.js", import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}
