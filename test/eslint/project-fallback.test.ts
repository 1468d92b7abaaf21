// The ESLint plugin's project index when its Elixir thread fails (a crash inside it, an error it answers
// with): the build is left to the engine's own subprocess, with the same findings; a re-extraction that
// needs the thread reports the failure in one line, and the next one starts a new thread. The thread is
// made to fail by wrapping the Worker class: the real thread's script, behind a listener that throws
// (or answers with an error) before the real one sees the request.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { analyze } from "../../src/engine/run.js";
import { ElixirThread } from "../../src/eslint/elixir-thread.js";
import { ProjectIndex } from "../../src/eslint/project.js";
import type { Finding } from "../../src/model.js";
import { REPO } from "../e2e/run-cli.js";

const elixirThread = vi.hoisted(() => ({ fails: undefined as undefined | "crash" | "error", started: 0 }));
vi.mock("node:worker_threads", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:worker_threads")>();
  class Worker extends actual.Worker {
    constructor(script: string | URL, options?: import("node:worker_threads").WorkerOptions) {
      if (!String(script).endsWith("elixir-thread-worker.js") || !elixirThread.fails) {
        super(script, options);
        return;
      }
      elixirThread.started++;
      // The real script first (its exit hook in place), then a listener that fails before the real one answers.
      const failing =
        elixirThread.fails === "crash"
          ? `port.on("message", () => { throw new Error("boom"); });`
          : `port.on("message", ({ id }) => { port.postMessage({ id, error: "Error: the grammar did not load" }); Atomics.add(answered, 0, 1); Atomics.notify(answered, 0); });`;
      const code = `const { workerData } = require("node:worker_threads"); const { port, answered } = workerData; import(${JSON.stringify(pathToFileURL(String(script)).href)}).then(() => { ${failing} });`;
      super(code, { ...options, eval: true });
    }
  }
  return { ...actual, Worker };
});

const scratch = mkdtempSync(join(tmpdir(), "td-eslint-fallback-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const brief = (findings: readonly Finding[]) => findings.map((f) => ({ rule: f.rule, file: f.file, line: f.line, message: f.message }));

describe("the ESLint plugin's project index, when the Elixir thread fails", () => {
  it.each(["crash", "error"] as const)("is built by the engine's subprocess instead, with the CLI's findings (%s)", async (failure) => {
    const root = join(scratch, `mixed-${failure}`);
    cpSync(join(REPO, "fixtures", "mixed"), root, { recursive: true });
    const expected = brief((await analyze({ root, baseline: false })).report.findings);
    const files = [...new Set(expected.map((f) => f.file))].sort();
    expect(expected.some((f) => /\.ex:\d+/.test(f.message))).toBe(true); // a finding that needs Elixir facts
    elixirThread.fails = failure;
    elixirThread.started = 0;
    try {
      const index = ProjectIndex.for(root, false);
      const found = files.flatMap((file) => brief(index.findingsFor(join(root, file), readFileSync(join(root, file), "utf8"))));
      expect(found).toEqual(expected);
      expect(elixirThread.started).toBe(1);
      expect(index.lastBuild).toBe("subprocess");
    } finally {
      elixirThread.fails = undefined;
    }
  });

  it("says so in one line when a changed Elixir file cannot be read again, and recovers", async () => {
    const root = join(scratch, "mixed-edit");
    cpSync(join(REPO, "fixtures", "mixed"), root, { recursive: true });
    const index = ProjectIndex.for(root, false);
    index.refresh(true);
    expect(index.lastBuild).toBe("in-process");
    await ElixirThread.stop(); // the next re-extraction starts a thread, which fails
    const file = join(root, "lib", "prismatic_web", "telemetry.ex");
    const text = readFileSync(file, "utf8");
    elixirThread.started = 0;
    writeFileSync(file, `${text}\n# edited\n`);
    elixirThread.fails = "crash";
    try {
      expect(() => index.refresh(true)).toThrow(/^the Elixir parser's thread failed: the thread ended without answering$/);
      // The next refresh rebuilds: its thread fails too, and the engine's subprocess takes over.
      index.refresh(true);
      expect(index.lastBuild).toBe("subprocess");
    } finally {
      elixirThread.fails = undefined;
    }
    expect(elixirThread.started).toBe(2);
    // A new thread, once threads work again: the index agrees with the CLI on the edited tree, where the
    // renamed metric now serves the dashboard's breaker panel.
    writeFileSync(file, text.replace('last_value("osint.breaker.state"', 'last_value("osint.breaker.status"'));
    index.refresh(true);
    const expected = brief((await analyze({ root, baseline: false })).report.findings);
    expect(expected.some((f) => f.message.includes("osint_breaker_status"))).toBe(false);
    const found = [...new Set(expected.map((f) => f.file))].sort().flatMap((f) => brief(index.findingsFor(join(root, f), readFileSync(join(root, f), "utf8"))));
    expect(found).toEqual(expected);
    expect(elixirThread.started).toBe(2); // the mock counts failing threads only
  });

  it("gives the thread's error in one line", async () => {
    await ElixirThread.stop();
    elixirThread.fails = "error";
    try {
      const round = ElixirThread.shared().submit([{ file: "lib/a.ex", text: "defmodule A do\nend\n" }]);
      expect(() => round.wait()).toThrow(/^the Elixir parser's thread failed: Error: the grammar did not load$/);
    } finally {
      elixirThread.fails = undefined;
    }
    // A new thread answers, in order, one facts (or null) per file.
    const facts = ElixirThread.shared().submit([{ file: "lib/a.ex", text: "defmodule A do\n  def f, do: :telemetry.execute([:a, :b], %{n: 1})\nend\n" }, { file: "lib/b.ex", text: "defmodule B do\nend\n" }]).wait();
    expect(facts.map((f) => f?.file)).toEqual(["lib/a.ex", "lib/b.ex"]);
    expect(facts[0]!.emits.map((e) => e.event)).toEqual([["a", "b"]]);
  });
});
