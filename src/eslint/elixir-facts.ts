// Subprocess entry for the ESLint plugin: reads a JSON list of root-relative Elixir files with their
// texts on stdin and prints their facts, v8-serialised (the same plain data a parse thread passes back).
// The texts come from the caller, which read them (this process reads no file of the tree). Run with the
// plugin's own node binary; it never executes analysed code.
import { readFileSync } from "node:fs";
import { serialize } from "node:v8";
import { factsFor } from "../engine/extract.js";
import { loadElixirParser } from "../frontends/elixir/index.js";
import type { FileFacts } from "../model.js";

const files = JSON.parse(readFileSync(0, "utf8")) as { file: string; text: string }[];
await loadElixirParser();
const out: FileFacts[] = [];
for (const { file, text } of files) {
  const facts = factsFor(file, file.endsWith("mix.lock") ? "mix-lock" : "elixir", { text }, {});
  if (facts) out.push(facts);
}
process.stdout.write(serialize(out));
