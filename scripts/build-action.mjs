// Bundles the GitHub Action (src/action/index.ts and everything it imports) into action/index.mjs, the
// committed entry that action.yml runs, with its parse thread (worker.mjs) and their shared chunks, and
// copies the two tree-sitter grammars they load beside them.
// `node scripts/build-action.mjs [outdir]` (default: action/). test/action/bundle.test.ts rebuilds into a
// temporary folder and compares, so the committed bundle cannot fall behind the sources.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = resolve(process.argv[2] ?? join(repo, "action"));
const require = createRequire(join(repo, "package.json"));

mkdirSync(outdir, { recursive: true });
// Stale chunks of an earlier build must not linger beside the new ones.
for (const name of readdirSync(outdir)) if (name.endsWith(".mjs")) rmSync(join(outdir, name));
await build({
  absWorkingDir: repo,
  // The parse thread's script too (engine/pool.ts looks for it beside the code that starts it): the
  // Action parses TS/JS on a second core as the CLI does. Code both entries share goes into chunks.
  entryPoints: { index: "src/action/index.ts", worker: "src/engine/worker.ts" },
  outdir,
  outExtension: { ".js": ".mjs" },
  splitting: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // CommonJS dependencies call require() for Node's built-ins, and TypeScript reads __filename and
  // __dirname when it loads (its `sys`): an ES module has neither, so the bundle defines them.
  banner: {
    js: [
      'import { createRequire as __tdCreateRequire } from "node:module";',
      'import { fileURLToPath as __tdFileURLToPath } from "node:url";',
      "const require = __tdCreateRequire(import.meta.url);",
      "const __filename = __tdFileURLToPath(import.meta.url);",
      'const __dirname = __tdFileURLToPath(new URL(".", import.meta.url));',
    ].join("\n"),
  },
  legalComments: "eof",
  sourcemap: false,
  minify: true,
  keepNames: true,
  logLevel: "warning",
});
copyFileSync(require.resolve("tree-sitter-elixir/tree-sitter-elixir.wasm"), join(outdir, "tree-sitter-elixir.wasm"));
copyFileSync(join(dirname(require.resolve("web-tree-sitter")), "tree-sitter.wasm"), join(outdir, "tree-sitter.wasm"));
console.log(`bundled the Action into ${outdir}`);
