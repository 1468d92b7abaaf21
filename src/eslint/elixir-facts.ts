// Subprocess entry for the ESLint plugin: reads a JSON list of root-relative Elixir files on stdin and
// prints their facts as JSON. Run with the plugin's own node binary; it never executes analysed code.
import { readFileSync } from "node:fs";
import { readSourceFile } from "../engine/read.js";
import { factsFor } from "../engine/extract.js";
import { loadElixirParser } from "../frontends/elixir/index.js";
import type { FileFacts } from "../model.js";

const [root, maxSize] = process.argv.slice(2);
const files = JSON.parse(readFileSync(0, "utf8")) as string[];
await loadElixirParser();
const out: FileFacts[] = [];
for (const file of files) {
  const read = await readSourceFile(root!, file, Number(maxSize));
  const facts = factsFor(file, file.endsWith("mix.lock") ? "mix-lock" : "elixir", read, {});
  if (facts) out.push(facts);
}
process.stdout.write(JSON.stringify(out));
