// The ESLint plugin's Elixir thread (elixir-thread.ts): loads tree-sitter's Elixir grammar once, then
// answers each request of root-relative files with their texts with their facts, on the port it was
// given, and bumps the shared counter so that the waiting plugin wakes. The texts come from the plugin,
// which read them: this thread reads no file of the tree and never executes analysed code.
import { workerData, type MessagePort } from "node:worker_threads";
import type { ElixirAnswer, ElixirRequest } from "./elixir-thread.js";

const { port, answered } = workerData as { port: MessagePort; answered: Int32Array };

const wake = (): void => {
  Atomics.add(answered, 0, 1);
  Atomics.notify(answered, 0);
};
// However this thread ends, a plugin waiting on it wakes and knows (slot 1) that no answer will come;
// from here on (slot 2) it relies on that instead of a start-up deadline.
process.on("exit", () => {
  Atomics.store(answered, 1, 1);
  wake();
});
Atomics.store(answered, 2, 1);

// Loaded here, not imported above, so that a module that fails to load is an answer, not a silent death.
const parser = (async () => {
  const [{ factsFor }, { loadElixirParser }] = await Promise.all([import("../engine/extract.js"), import("../frontends/elixir/index.js")]);
  await loadElixirParser();
  return factsFor;
})();
parser.catch(() => undefined); // reported with the first request

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

port.on("message", async ({ id, files }: ElixirRequest) => {
  let answer: ElixirAnswer;
  try {
    const factsFor = await parser;
    answer = { id, facts: files.map(({ file, text }) => factsFor(file, file.endsWith("mix.lock") ? "mix-lock" : "elixir", { text }, {}) ?? null) };
  } catch (error) {
    answer = { id, error: describe(error) };
  }
  try {
    port.postMessage(answer);
  } catch (error) {
    port.postMessage({ id, error: describe(error) } satisfies ElixirAnswer);
  }
  wake();
});
