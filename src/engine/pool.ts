// Parsing off the main thread. Two shapes, both giving the same facts as parsing in place:
// - a `ParseThread`: one long-lived thread that a lane of work (the TypeScript/JavaScript files, see
//   collect.ts) sends batches to while the main thread parses the other languages; it loads its parsers
//   once, as soon as it is started, so TypeScript's module loads while the main thread is still reading;
// - `parseAll` with N threads: a queue of small batches, results put back in job order.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { FileFacts } from "../model.js";
import type { Config } from "../config/config.js";
import type { DiscoveredFile, FileKind } from "../discover/discover.js";
import { examineClaimed, type ScannedFile } from "./examine.js";

export interface ParseJob {
  path: string;
  kind: FileKind;
  text: string;
}
export interface ParseBatch {
  id: number;
  jobs: ParseJob[];
  /** Answer with each job's parse time too (`--performance`). */
  timed?: boolean;
}
export interface ParsedBatch {
  id: number;
  results: (FileFacts | null)[];
  /** Each job's parse time in ms, when the batch was `timed`. */
  ms?: number[];
}
/** Files for a thread to examine (read, hash, prefilter: see examine.ts), those it claims from a shared counter. */
export interface ExamineBatch {
  id: number;
  examine: { root: string; files: DiscoveredFile[]; hashing: boolean; claims: Int32Array };
}
export interface ExaminedBatch {
  id: number;
  examined: ScannedFile[];
}
/** Asks a thread to load the parsers of these kinds before any job arrives. */
export interface PrepareMessage {
  prepare: FileKind[];
}

const BATCH = 40;

/**
 * A parse thread's limits. Its young generation: 8 MB, not the main thread's default, which it would
 * otherwise inherit (measured on a cold scale-10 run: 25 MB less peak memory, no slower). Its stack: the
 * main thread's (V8's 984 KB plus the 192 KB Node keeps in reserve on a thread), so that a parser runs
 * out of stack at the same depth wherever it runs; util/nesting.ts turns away deeper texts before.
 */
export const THREAD_LIMITS = { maxYoungGenerationSizeMb: 8, stackSizeMb: (984 + 192) / 1024 };
/**
 * A thread that parses what ran out of stack elsewhere: 32 MB of stack, thirty times the main thread's,
 * far past the frontends' fixed depth limits (1,500 syntax levels), yet small enough that a parser fed a
 * file of 50,000 nested brackets gives up quickly instead of building a tree the limit then rejects.
 */
const DEEP_THREAD_LIMITS = { stackSizeMb: 32 };

/** One long-lived parse thread (see the module comment). Falls back to parsing in place if it dies. */
export class ParseThread {
  private readonly pending = new Map<number, { resolve: (answer: ParsedBatch | ExaminedBatch) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private failure: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly config: Config,
  ) {
    worker.on("message", (answer: ParsedBatch | ExaminedBatch) => {
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      waiting?.resolve(answer);
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`parse thread exited with code ${code}`)));
  }

  /**
   * Starts a thread that loads the parsers for `kinds` right away; undefined where threads cannot run (a
   * bundle, a test runner on sources). `deep`: a thread with a large stack, for files a parser could not
   * finish on a normal one (FileFacts.stackOverflow).
   */
  static start(config: Config, kinds: FileKind[], deep = false): ParseThread | undefined {
    const script = workerScript();
    if (!script) return undefined;
    try {
      const thread = new ParseThread(new Worker(script, { workerData: { config }, resourceLimits: deep ? DEEP_THREAD_LIMITS : THREAD_LIMITS }), config);
      if (kinds.length) thread.prepare(kinds);
      return thread;
    } catch {
      return undefined;
    }
  }

  /**
   * Parses `jobs` on the thread (in place if the thread is gone); results in job order. With `times`,
   * each job's parse time (ms) is put there, in job order.
   */
  async parse(jobs: ParseJob[], times?: number[]): Promise<(FileFacts | null)[]> {
    if (jobs.length === 0) return [];
    const answer = await this.ask((id) => ({ id, jobs, ...(times ? { timed: true } : {}) }) satisfies ParseBatch);
    if (answer && "results" in answer) {
      if (times && answer.ms) for (const ms of answer.ms) times.push(ms);
      return answer.results;
    }
    // The thread died: its work is redone here, the facts are the same.
    return parseHere(jobs, this.config, undefined, undefined, times);
  }

  /** Examines on the thread the files of `files` it claims from `claims` (in place if the thread is gone). */
  async examine(root: string, files: DiscoveredFile[], hashing: boolean, claims: Int32Array): Promise<ScannedFile[]> {
    const answer = files.length ? await this.ask((id) => ({ id, examine: { root, files, hashing, claims } }) satisfies ExamineBatch) : undefined;
    return answer && "examined" in answer ? answer.examined : examineClaimed(root, files, this.config, hashing, claims);
  }

  /** Loads the parsers for `kinds` (after whatever the thread was given before). */
  prepare(kinds: FileKind[]): void {
    if (!this.failure) this.worker.postMessage({ prepare: kinds } satisfies PrepareMessage);
  }

  /** One message to the thread and its answer; undefined once the thread has failed. */
  private async ask(message: (id: number) => ParseBatch | ExamineBatch): Promise<ParsedBatch | ExaminedBatch | undefined> {
    if (this.failure) return undefined;
    try {
      return await new Promise((resolve, reject) => {
        const id = this.nextId++;
        this.pending.set(id, { resolve, reject });
        this.worker.postMessage(message(id));
      });
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    this.failure ??= new Error("closed");
    await this.worker.terminate();
  }
}

/**
 * Parses `jobs` with `workers` threads (0 or unset: in this thread). Results are in job order.
 * With `yieldEvery`, parsing in this thread gives the event loop a turn every so many files, so that a
 * lane running on a `ParseThread` is fed while this thread works.
 */
export async function parseAll(jobs: ParseJob[], config: Config, workers: number | undefined, onDone?: (count: number) => void, yieldEvery?: number, times?: number[]): Promise<(FileFacts | null)[]> {
  const script = workerScript();
  const threads = workers ?? 0;
  // A round of one batch or less is parsed here: starting a thread (and its parsers) would cost more.
  if (threads < 1 || jobs.length <= BATCH || !script) return parseHere(jobs, config, onDone, yieldEvery, times);
  try {
    return await parseOnThreads(script, jobs, config, threads, onDone, times);
  } catch (error) {
    if (error instanceof CallerError) throw error.cause;
    if (times) times.length = 0;
    return parseHere(jobs, config, onDone, yieldEvery, times); // a thread that cannot start or dies costs speed, not results
  }
}

/** An error thrown by the caller's own callback: passed on, never mistaken for a thread that died. */
class CallerError extends Error {
  constructor(override readonly cause: unknown) {
    super("the progress callback failed");
  }
}

/**
 * The batches of a round shared by `workers` threads and this one, each taking the next batch when done
 * with its last (this thread yields between its batches, so that the others are fed meanwhile).
 */
async function parseOnThreads(script: URL, jobs: ParseJob[], config: Config, workers: number, onDone?: (count: number) => void, times?: number[]): Promise<(FileFacts | null)[]> {
  const batches: ParseBatch[] = [];
  for (let i = 0; i < jobs.length; i += BATCH) batches.push({ id: batches.length, jobs: jobs.slice(i, i + BATCH), ...(times ? { timed: true } : {}) });
  const results = new Array<FileFacts | null>(jobs.length);
  const jobTimes = times ? new Array<number>(jobs.length).fill(0) : undefined;
  let next = 0;
  let done = 0;
  let failed = false;
  const report = (count: number): void => {
    done += count;
    try {
      onDone?.(done);
    } catch (error) {
      throw new CallerError(error); // the `finally` below stops the threads
    }
  };
  const here = async (): Promise<void> => {
    while (next < batches.length && !failed) {
      const batch = batches[next++]!;
      const batchTimes: number[] | undefined = jobTimes ? [] : undefined;
      const facts = await parseHere(batch.jobs, config, undefined, undefined, batchTimes);
      if (failed) return;
      facts.forEach((f, i) => (results[batch.id * BATCH + i] = f));
      batchTimes?.forEach((ms, i) => (jobTimes![batch.id * BATCH + i] = ms));
      report(facts.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const threads = Array.from({ length: Math.min(workers, batches.length - 1) }, () => new Worker(script, { workerData: { config }, resourceLimits: THREAD_LIMITS }));
  try {
    // Every participant stops at its next batch once one has failed; the first error is thrown only
    // when all have stopped, so no work goes on behind the caller's back.
    const settled = await Promise.allSettled([
      here().catch((error: unknown) => {
        failed = true;
        throw error;
      }),
      ...threads.map(
        (thread) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (failed || next >= batches.length) return resolve();
              thread.postMessage(batches[next++]);
            };
            thread.on("message", (answer: ParsedBatch) => {
              if (failed) return resolve();
              answer.results.forEach((facts, i) => (results[answer.id * BATCH + i] = facts));
              answer.ms?.forEach((ms, i) => (jobTimes![answer.id * BATCH + i] = ms));
              try {
                report(answer.results.length);
              } catch (error) {
                failed = true;
                return reject(error);
              }
              send();
            });
            thread.on("error", (error) => {
              failed = true;
              reject(error);
            });
            thread.on("exit", (code) => {
              if (next < batches.length || code !== 0) {
                failed = true;
                reject(new Error(`parse worker exited with code ${code}`));
              } else resolve();
            });
            send();
          }),
      ),
    ]);
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failure) throw failure.reason;
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  if (times && jobTimes) for (const ms of jobTimes) times.push(ms);
  return results;
}

/** With `times`, each job's parse time (ms) is put there, in job order. */
async function parseHere(jobs: ParseJob[], config: Config, onDone?: (count: number) => void, yieldEvery?: number, times?: number[]): Promise<(FileFacts | null)[]> {
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
    const start = times ? performance.now() : 0;
    results.push(factsFor(job.path, job.kind, { text: job.text }, config) ?? null);
    if (times) times.push(performance.now() - start);
    onDone?.(results.length);
    if (yieldEvery && results.length % yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return results;
}

/** The compiled worker beside this module (absent when running from TypeScript sources under a test runner). */
function workerScript(): URL | undefined {
  // worker.js beside the compiled engine and the CLI's bundle; worker.mjs beside the Action's.
  return ["./worker.js", "./worker.mjs"].map((name) => new URL(name, import.meta.url)).find((url) => existsSync(fileURLToPath(url)));
}
