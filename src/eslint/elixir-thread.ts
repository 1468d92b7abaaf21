// Elixir facts for the ESLint plugin, whose rules are synchronous, from a thread that keeps tree-sitter's
// Elixir grammar loaded (the grammar's wasm only loads asynchronously). The plugin hands a round of files
// over, goes on parsing its other files, then blocks on a shared counter (Atomics.wait) until the thread
// has answered, and takes the answer off the port synchronously (receiveMessageOnPort). One thread per
// ESLint process, started on the first Elixir file and kept for later rounds and rebuilds; it never keeps
// the process alive. Before it, each round started a Node subprocess (~150–270 ms).
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

/** How long a round may take before the thread is given up on: generous, it only guards against a hang. */
const deadlineMs = (files: readonly { text: string }[]): number => 60_000 + files.reduce((n, f) => n + f.text.length, 0) / 100;
/**
 * How long the thread may take to run its first line (~30–50 ms here). Until then its end would go
 * unnoticed (a script that fails to load): the round is given up on sooner.
 */
const START_MS = 5_000;
/** An idle thread ends after this long, giving back its ~45–85 MB; the next round starts another (~170 ms). */
const IDLE_MS = 30_000;

export class ElixirThread {
  private static current: ElixirThread | undefined;
  private nextId = 0;
  private failed: string | undefined;
  private idle: ReturnType<typeof setTimeout> | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly answered: Int32Array,
  ) {
    // Between rounds only (a blocked thread runs no events): a round then fails at once.
    worker.on("error", (error) => (this.failed ??= `${error.name}: ${error.message}`));
    worker.on("exit", (code) => (this.failed ??= `the thread exited with code ${code}`));
  }

  /** Ends the process's Elixir thread, if any (the next round starts another). */
  static async stop(): Promise<void> {
    const thread = ElixirThread.current;
    ElixirThread.current = undefined;
    await thread?.worker.terminate();
  }

  /** The process's Elixir thread, started if there is none or the last one failed. */
  static shared(): ElixirThread {
    if (!ElixirThread.current || ElixirThread.current.failed) ElixirThread.current = ElixirThread.start();
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
    clearTimeout(this.idle);
    const id = this.nextId++;
    const before = Atomics.load(this.answered, 0);
    if (!this.failed) this.port.postMessage({ id, files } satisfies ElixirRequest);
    return { wait: () => this.wait(id, before, files) };
  }

  private wait(id: number, before: number, files: readonly { file: string; text: string }[]): (FileFacts | null)[] {
    if (this.failed) this.fail(this.failed);
    try {
      return this.answer(id, before, files);
    } finally {
      this.idle = setTimeout(() => {
        if (ElixirThread.current === this) void ElixirThread.stop();
      }, IDLE_MS).unref();
    }
  }

  private fail(why: string): never {
    this.failed ??= why;
    void this.worker.terminate();
    throw new ElixirParserFailed(`the Elixir parser's thread failed: ${why}`);
  }

  private answer(id: number, before: number, files: readonly { file: string; text: string }[]): (FileFacts | null)[] {
    const start = Date.now();
    const deadline = start + deadlineMs(files);
    for (let seen = before; ; seen = Atomics.load(this.answered, 0)) {
      // Answers to earlier rounds that were given up on are skipped.
      for (let message = receiveMessageOnPort(this.port); message; message = receiveMessageOnPort(this.port)) {
        const answer = message.message as ElixirAnswer;
        if (answer.id !== id) continue;
        if ("error" in answer) return this.fail(answer.error);
        if (answer.facts.length !== files.length) return this.fail(`it answered for ${answer.facts.length} of ${files.length} files`);
        return answer.facts;
      }
      if (Atomics.load(this.answered, 1)) return this.fail("the thread ended without answering");
      const now = Date.now();
      const running = Atomics.load(this.answered, 2) === 1;
      if (!running && now - start >= START_MS) return this.fail(`it did not start within ${START_MS / 1000} s`);
      if (now >= deadline) return this.fail(`no answer within ${Math.round(deadlineMs(files) / 1000)} s`);
      Atomics.wait(this.answered, 0, seen, running ? deadline - now : Math.min(deadline, start + START_MS) - now);
    }
  }
}
