// Subprocess entry of the ESLint plugin's project index (project.ts): the engine's collection over one
// root, with the CLI's scan, prefilters, parse thread and fact cache, written to stdout v8-serialised
// (plain data). ESLint rules are synchronous while tree-sitter's grammar and the parse thread are not,
// so the plugin runs this with execFileSync. Nothing from the analysed tree is ever executed.
//   node facts-process.js <root> [<cache folder> | --no-cache]
import { availableParallelism } from "node:os";
import { serialize } from "node:v8";
import { collectProject } from "../engine/run.js";
import { cacheFolderFor } from "../engine/cache.js";
import { BATCH_PARSE_FILES, tuneV8ForBatchParsing } from "../cli/v8-tuning.js";
import { enablePrivateCompileCache } from "../util/compile-cache.js";

const [root, cacheArgument] = process.argv.slice(2);
if (!root) {
  process.stderr.write("usage: facts-process.js <root> [<cache folder> | --no-cache]\n");
  process.exit(2);
}
const cacheLocation = cacheFolderFor(root, cacheArgument === "--no-cache" ? false : cacheArgument);
enablePrivateCompileCache(root);
try {
  const project = await collectProject({
    root,
    ...(cacheLocation ? { cacheLocation } : {}),
    workers: availableParallelism() >= 2 ? 1 : 0,
    onProgress: (_done, total) => {
      if (total >= BATCH_PARSE_FILES) tuneV8ForBatchParsing();
    },
  });
  process.stdout.write(serialize(project));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 2;
}
