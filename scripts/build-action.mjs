// Bundles the GitHub Action (src/action/index.ts and everything it imports) into action/index.mjs, the
// committed entry that action.yml runs, and copies the two tree-sitter grammars it loads beside it.
// `node scripts/build-action.mjs [outdir]` (default: action/). test/action/bundle.test.ts rebuilds into a
// temporary folder and compares, so the committed bundle cannot fall behind the sources.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = resolve(process.argv[2] ?? join(repo, "action"));
const require = createRequire(join(repo, "package.json"));

mkdirSync(outdir, { recursive: true });
await build({
  absWorkingDir: repo,
  entryPoints: ["src/action/index.ts"],
  outfile: join(outdir, "index.mjs"),
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
