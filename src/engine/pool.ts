// Parsing on worker threads: a queue of small batches handed to one worker per core, results put back
// in job order. Worth it only when there is enough to parse (a worker costs tens of milliseconds to
// start and ~240 ms more to load TypeScript), so small runs parse on the main thread.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
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

/** Below this many files to parse, the main thread does it alone. */
export const MIN_JOBS_FOR_WORKERS = 400;
const BATCH = 40;

/** The default worker count: one per core, at most 4 (parsing shares memory bandwidth with reading). */
export const defaultWorkers = (): number => Math.min(4, availableParallelism());

/**
 * Parses `jobs` with `workers` threads (0 or 1: in this thread). Results are in job order. With the
 * default count, small rounds stay on this thread; an explicit count (`--workers`) is always honoured.
 */
export async function parseAll(jobs: ParseJob[], config: Config, workers: number | undefined, onDone?: (count: number) => void): Promise<(FileFacts | null)[]> {
  const script = workerScript();
  const threads = workers ?? (jobs.length < MIN_JOBS_FOR_WORKERS ? 0 : defaultWorkers());
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
