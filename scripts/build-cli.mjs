// Bundles the CLI (src/cli/main.ts), its parse-thread script (src/engine/worker.ts) and the ESLint
// plugin's collection subprocess (src/eslint/facts-process.ts) into dist/cli/,
// the `bin` the package ships: one file to load instead of ~30 ES modules resolved one by one, ~20 ms
// off every run (a warm run on the scale-10 benchmark: 250 → 230 ms). Lazily loaded parts (the
// analysis, parsers, reporters) stay in chunks of their own, loaded only when used. typescript-estree
// is bundled too, in a chunk of its own: loaded as its ~60 CommonJS files, one resolution and compile
// each, it took ~120 ms after TypeScript, ~90 ms as one chunk (a run that re-parses one edited
// instruments module on the scale-10 tree: 1,110 → 1,070 ms, 9 interleaved runs). TypeScript itself
// (one file already) and tree-sitter (WebAssembly) are loaded from node_modules, with their own files.
// `npm run build` runs it after tsc (which still builds dist/src for the library API and the ESLint plugin).
import { chmodSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(repo, "dist", "cli");

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: repo,
  entryPoints: { main: "src/cli/main.ts", worker: "src/engine/worker.ts", "eslint-facts": "src/eslint/facts-process.ts" },
  outdir,
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["typescript", "web-tree-sitter", "tree-sitter-elixir"],
  // CommonJS dependencies bundled here call require() for Node's built-ins.
  banner: { js: 'import { createRequire as __tdCreateRequire } from "node:module";\nconst require = __tdCreateRequire(import.meta.url);' },
  legalComments: "eof",
  sourcemap: false,
  logLevel: "warning",
});
chmodSync(join(outdir, "main.js"), 0o755);
