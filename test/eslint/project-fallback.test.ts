// The ESLint plugin's Elixir thread (src/eslint/elixir-thread.ts) and what the project index does when it
// fails: the build is left to the engine's own subprocess, with the same findings, for the rest of the
// process. The thread is made to fail by wrapping the Worker class: the real thread's script, behind a
// listener that throws (or answers wrongly) before the real one sees the request, or a script that never
// starts the real one.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { analyze } from "../../src/engine/run.js";
import { ElixirParserFailed, ElixirThread, elixirThreadTimings } from "../../src/eslint/elixir-thread.js";
import { ProjectIndex } from "../../src/eslint/project.js";
import type { Finding } from "../../src/model.js";
import { REPO } from "../e2e/run-cli.js";

type Failure = "crash" | "error" | "short" | "silent";
const threads = vi.hoisted(() => ({ fails: undefined as undefined | Failure, started: 0, failing: 0 }));
vi.mock("node:worker_threads", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:worker_threads")>();
  const wake = "Atomics.add(answered, 0, 1); Atomics.notify(answered, 0);";
  const failing: Record<Failure, string> = {
    crash: `port.on("message", () => { throw new Error("boom\\n    at somewhere (x.js:1:1)"); });`,
    error: `port.on("message", ({ id }) => { port.postMessage({ id, error: "Error: the grammar did not load\\n    at load (x.js:1:1)" }); ${wake} });`,
    short: `port.on("message", ({ id }) => { port.postMessage({ id, facts: [] }); ${wake} });`,
    silent: "",
  };
  class Worker extends actual.Worker {
    constructor(script: string | URL, options?: import("node:worker_threads").WorkerOptions) {
      const elixir = String(script).endsWith("elixir-thread-worker.js");
      if (elixir) threads.started++;
      if (!elixir || !threads.fails) {
        super(script, options);
        return;
      }
      threads.failing++;
      const real = JSON.stringify(pathToFileURL(String(script)).href);
      const code =
        threads.fails === "silent"
          ? "setInterval(() => {}, 1000);" // alive, but the real script never runs
          : `const { workerData } = require("node:worker_threads"); const { port, answered } = workerData; import(${real}).then(() => { ${failing[threads.fails]} });`;
      super(code, { ...options, eval: true });
    }
  }
  return { ...actual, Worker };
});

const scratch = mkdtempSync(join(tmpdir(), "td-eslint-fallback-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const timings = { ...elixirThreadTimings };
beforeEach(async () => {
  Object.assign(elixirThreadTimings, timings);
  threads.fails = undefined;
  threads.started = 0;
  threads.failing = 0;
  await ElixirThread.reset();
});

const brief = (findings: readonly Finding[]) => findings.map((f) => ({ rule: f.rule, file: f.file, line: f.line, message: f.message }));
const mixed = (name: string): string => {
  const root = join(scratch, name);
  cpSync(join(REPO, "fixtures", "mixed"), root, { recursive: true });
  return root;
};
/** The index's findings for every file the CLI reports on, and the CLI's. */
async function both(index: ProjectIndex, root: string) {
  const expected = brief((await analyze({ root, baseline: false })).report.findings);
  const files = [...new Set(expected.map((f) => f.file))].sort();
  return { found: files.flatMap((file) => brief(index.findingsFor(join(root, file), readFileSync(join(root, file), "utf8")))), expected };
}
const lib = (text: string) => [{ file: "lib/a.ex", text }];

describe("the ESLint plugin's project index, when the Elixir thread fails", () => {
  it.each(["crash", "error", "short"] as const)("is built by the engine's subprocess instead, with the CLI's findings (%s)", async (failure) => {
    const root = mixed(`mixed-${failure}`);
    threads.fails = failure;
    const index = ProjectIndex.for(root, false);
    const { found, expected } = await both(index, root);
    expect(expected.some((f) => /\.ex:\d+/.test(f.message))).toBe(true); // a finding that needs Elixir facts
    expect(found).toEqual(expected);
    expect(threads.failing).toBe(1);
    expect(index.lastBuild).toBe("subprocess");
  });

  it("re-extracts an edited Elixir file through the subprocess once the thread failed, and starts no other thread", async () => {
    const root = mixed("mixed-edit");
    const index = ProjectIndex.for(root, false);
    index.refresh(true);
    expect(index.lastBuild).toBe("in-process");
    await ElixirThread.stop(); // the next re-extraction starts a thread, which fails
    const file = join(root, "lib", "prismatic_web", "telemetry.ex");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, `${text}\n# edited\n`);
    threads.fails = "crash";
    index.refresh(true); // no error: the engine's subprocess rebuilt the index
    expect(index.lastBuild).toBe("subprocess");
    threads.fails = undefined;
    // The renamed metric now serves the dashboard's breaker panel: the index agrees with the CLI.
    writeFileSync(file, text.replace('last_value("osint.breaker.state"', 'last_value("osint.breaker.status"'));
    index.refresh(true);
    expect(index.lastBuild).toBe("subprocess");
    const { found, expected } = await both(index, root);
    expect(expected.some((f) => f.message.includes("osint_breaker_status"))).toBe(false);
    expect(found).toEqual(expected);
    expect(threads.started).toBe(2); // the in-process build's, then the one that failed: none after
  });
});

describe("the Elixir thread", () => {
  it("answers one facts (or null) per file, in order", () => {
    const facts = ElixirThread.shared().submit([{ file: "lib/a.ex", text: "defmodule A do\n  def f, do: :telemetry.execute([:a, :b], %{n: 1})\nend\n" }, { file: "lib/b.ex", text: "defmodule B do\nend\n" }]).wait();
    expect(facts.map((f) => f?.file)).toEqual(["lib/a.ex", "lib/b.ex"]);
    expect(facts[0]!.emits.map((e) => e.event)).toEqual([["a", "b"]]);
  });

  it("gives each round its own answer, whichever is waited for first", () => {
    const thread = ElixirThread.shared();
    const first = thread.submit(lib("defmodule A do\n  def f, do: :telemetry.execute([:first], %{})\nend\n"));
    const second = thread.submit(lib("defmodule A do\n  def f, do: :telemetry.execute([:second], %{})\nend\n"));
    expect(second.wait()[0]!.emits[0]!.event).toEqual(["second"]);
    expect(first.wait()[0]!.emits[0]!.event).toEqual(["first"]);
  });

  it.each([
    ["crash", "the thread ended without answering"],
    ["error", "Error: the grammar did not load"],
    ["short", "it answered for 0 of 1 files"],
  ] as const)("fails in one line (%s), then at once for the rest of the process", (failure, why) => {
    threads.fails = failure;
    const message = new RegExp(`^the Elixir parser's thread failed: ${why}$`);
    expect(() => ElixirThread.shared().submit(lib("defmodule A do\nend\n")).wait()).toThrow(message);
    threads.fails = undefined;
    expect(() => ElixirThread.shared()).toThrow(message);
    expect(() => ElixirThread.shared()).toThrow(ElixirParserFailed);
    expect(threads.started).toBe(1);
  });

  it("gives up on a thread that does not start", () => {
    threads.fails = "silent";
    elixirThreadTimings.startMs = 200;
    expect(() => ElixirThread.shared().submit(lib("defmodule A do\nend\n")).wait()).toThrow(/^the Elixir parser's thread failed: it did not start within 0\.2 s$/);
  });

  it("ends when idle, and the next round starts another", async () => {
    elixirThreadTimings.idleMs = 50;
    expect(ElixirThread.shared().submit(lib("defmodule A do\nend\n")).wait()).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ElixirThread.shared().submit(lib("defmodule B do\nend\n")).wait()[0]!.file).toBe("lib/a.ex");
    expect(threads.started).toBe(2);
  });
});
