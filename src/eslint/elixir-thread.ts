// Elixir facts for the ESLint plugin, whose rules are synchronous, from a thread that keeps tree-sitter's
// Elixir grammar loaded (the grammar's wasm only loads asynchronously). The plugin hands a round of files
// over, goes on parsing its other files, then blocks on a shared counter (Atomics.wait) until the thread
// has answered, and takes the answer off the port synchronously (receiveMessageOnPort). One thread per
// ESLint process, started on the first Elixir file and kept for later rounds and rebuilds until it has
// been idle a while; it never keeps the process alive. Once it fails, the plugin leaves Elixir files to
// the engine's subprocess for the rest of the process. Before it, each round started a Node subprocess
// (~150–270 ms).
import { Worker, MessageChannel, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { FileFacts } from "../model.js";
import { THREAD_LIMITS } from "../engine/pool.js";
import { packageRoot } from "../util/package-root.js";

export interface ElixirRequest {
  id: number;
  files: { file: string; text: string }[];
}
export type ElixirAnswer = { id: number; facts: (FileFacts | null)[] } | { id: number; error: string };

/** The Elixir thread could not start, failed, or did not answer in time. */
export class ElixirParserFailed extends Error {}

/**
 * How long a round may take before the thread is given up on, a guard against a hang: 10 s, plus 1 s per
 * 100 KB of text (~10 times what tree-sitter takes on a cold start). It also bounds the wait when the
 * thread dies without running its exit hook (out of memory).
 */
const deadlineMs = (files: readonly { text: string }[]): number => 10_000 + files.reduce((n, f) => n + f.text.length, 0) / 100;

/** The thread's timings, which tests shorten. */
export const elixirThreadTimings = {
  /**
   * How long the thread may take to run its first line (~30–50 ms here). Until then its end would go
   * unnoticed (a script that fails to load): the round is given up on sooner.
   */
  startMs: 5_000,
  /** An idle thread ends after this long, giving back about half of the ~45–85 MB it adds to the process (RSS); the next round starts another (~170 ms). */
  idleMs: 30_000,
};

export class ElixirThread {
  private static current: ElixirThread | undefined;
  /** Why the process's thread failed: from then on, every round fails at once (the engine's subprocess takes over). */
  private static broken: string | undefined;
  private nextId = 0;
  private failed: string | undefined;
  private idle: ReturnType<typeof setTimeout> | undefined;
  /** Answers that came while another round was waited for. */
  private readonly early = new Map<number, ElixirAnswer>();

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly answered: Int32Array,
  ) {
    // Between rounds only (a blocked thread runs no events): the next round then fails at once.
    worker.on("error", (error) => (this.failed ??= `${error.name}: ${error.message}`));
    worker.on("exit", (code) => (this.failed ??= `the thread exited with code ${code}`));
  }

  /** Ends the process's Elixir thread, if any (the next round starts another). */
  static async stop(): Promise<void> {
    const thread = ElixirThread.current;
    ElixirThread.current = undefined;
    clearTimeout(thread?.idle);
    await thread?.worker.terminate();
  }

  /** Ends the thread and forgets an earlier failure (tests). */
  static async reset(): Promise<void> {
    ElixirThread.broken = undefined;
    await ElixirThread.stop();
  }

  /**
   * The process's Elixir thread, started if there is none. Once one has failed, none is started again:
   * a thread that fails once would likely fail again, each time after a wait.
   */
  static shared(): ElixirThread {
    if (ElixirThread.current?.failed) ElixirThread.broken ??= ElixirThread.current.failed;
    if (ElixirThread.broken) throw new ElixirParserFailed(`the Elixir parser's thread failed: ${ElixirThread.broken}`);
    ElixirThread.current ??= ElixirThread.start();
    return ElixirThread.current;
  }

  private static start(): ElixirThread {
    // Slot 0 counts answers; slot 1 is set when the thread has ended, slot 2 once it runs.
    const answered = new Int32Array(new SharedArrayBuffer(12));
    const { port1, port2 } = new MessageChannel();
    const script = join(packageRoot(), "dist", "src", "eslint", "elixir-thread-worker.js");
    // A missing script would only fail in the thread, while this one waits: said here instead.
    if (!existsSync(script)) throw new ElixirParserFailed(`the Elixir parser's thread could not start: ${script} is missing`);
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: { port: port2, answered }, transferList: [port2], resourceLimits: THREAD_LIMITS });
    } catch (error) {
      throw new ElixirParserFailed(`the Elixir parser's thread could not start: ${(error as Error).message}`);
    }
    worker.unref();
    port1.unref();
    return new ElixirThread(worker, port1, answered);
  }

  /**
   * Hands `files` to the thread and returns at once; `wait()` then gives one facts (or null) per file, in
   * order, or throws ElixirParserFailed.
   */
  submit(files: { file: string; text: string }[]): { wait: () => (FileFacts | null)[] } {
    const id = this.nextId++;
    const before = Atomics.load(this.answered, 0);
    if (!this.failed) this.port.postMessage({ id, files } satisfies ElixirRequest);
    this.idleFromNow(); // also when the caller never waits (it threw first)
    return { wait: () => this.wait(id, before, files) };
  }

  private wait(id: number, before: number, files: readonly { file: string; text: string }[]): (FileFacts | null)[] {
    if (this.failed) this.fail(this.failed);
    try {
      return this.answer(id, before, files);
    } finally {
      this.idleFromNow();
    }
  }

  /** The idle timer, from now (it cannot fire while this thread blocks in a round). */
  private idleFromNow(): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      if (ElixirThread.current === this) void ElixirThread.stop();
    }, elixirThreadTimings.idleMs).unref();
  }

  private accept(answer: ElixirAnswer, files: readonly unknown[]): (FileFacts | null)[] {
    if ("error" in answer) return this.fail(answer.error);
    if (answer.facts.length !== files.length) return this.fail(`it answered for ${answer.facts.length} of ${files.length} files`);
    return answer.facts;
  }

  private fail(why: string): never {
    const line = why.split("\n")[0]!.trim();
    this.failed ??= line;
    ElixirThread.broken ??= line;
    void this.worker.terminate();
    throw new ElixirParserFailed(`the Elixir parser's thread failed: ${line}`);
  }

  private answer(id: number, before: number, files: readonly { file: string; text: string }[]): (FileFacts | null)[] {
    const early = this.early.get(id);
    this.early.delete(id);
    if (early) return this.accept(early, files);
    const start = Date.now();
    const deadline = start + deadlineMs(files);
    for (let seen = before; ; seen = Atomics.load(this.answered, 0)) {
      for (let message = receiveMessageOnPort(this.port); message; message = receiveMessageOnPort(this.port)) {
        const received = message.message as ElixirAnswer;
        if (received.id !== id) {
          // Another round's, kept for its own wait (one never waited for goes with the thread, when it idles out).
          this.early.set(received.id, received);
          continue;
        }
        return this.accept(received, files);
      }
      if (Atomics.load(this.answered, 1)) return this.fail("the thread ended without answering");
      const now = Date.now();
      const running = Atomics.load(this.answered, 2) === 1;
      const startMs = elixirThreadTimings.startMs;
      if (!running && now - start >= startMs) return this.fail(`it did not start within ${startMs / 1000} s`);
      if (now >= deadline) return this.fail(`no answer within ${Math.round(deadlineMs(files) / 1000)} s`);
      Atomics.wait(this.answered, 0, seen, running ? deadline - now : Math.min(deadline, start + startMs) - now);
    }
  }
}
