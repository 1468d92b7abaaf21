// One editor session's worth of the ESLint plugin on a monorepo, in a fresh process (the plugin keeps
// its project index per process): the first lint of one TypeScript file (the index is built), a second
// lint of another file, a re-lint after an edit to the first file's unsaved text, then a lint of the
// first file a second after the other one was saved with a change (the index re-stats the tree and
// re-analyses; the other file is restored afterwards). Prints JSON.
// Run by bench/eslint.mjs:  node bench/eslint-editor.mjs <plugin module> <root> <cache folder> <file> <other file>
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const [pluginModule, root, cacheLocation, file, other] = process.argv.slice(2);
const { ESLint } = await import("eslint");
const tsParser = (await import("@typescript-eslint/parser")).default;
const plugin = (await import(pathToFileURL(pluginModule).href)).default;
const config = [
  { files: ["**/*.ts"], languageOptions: { parser: tsParser }, settings: { telemetryDrift: { root, cacheLocation } } },
  ...plugin.configs.recommended.filter((c) => c.name.endsWith("/source")),
];
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config, cache: false });
const timed = async (lint) => {
  const start = performance.now();
  const results = await lint();
  return { ms: Math.round(performance.now() - start), messages: results.reduce((n, r) => n + r.messages.length, 0) };
};
const first = await timed(() => eslint.lintFiles([file]));
const second = await timed(() => eslint.lintFiles([other]));
const text = readFileSync(join(root, file), "utf8");
const relint = await timed(() => eslint.lintText(`${text}\nexport const edited = 1;\n`, { filePath: join(root, file) }));
const otherPath = join(root, other);
const otherText = readFileSync(otherPath, "utf8");
let afterSave;
try {
  writeFileSync(otherPath, `${otherText}\n// saved\n`);
  await new Promise((resolve) => setTimeout(resolve, 1100)); // the index re-stats at most once a second
  afterSave = await timed(() => eslint.lintFiles([file]));
} finally {
  writeFileSync(otherPath, otherText);
}
process.stdout.write(JSON.stringify({ firstLintMs: first.ms, firstLintMessages: first.messages, secondFileMs: second.ms, relintAfterEditMs: relint.ms, lintAfterOtherFileSavedMs: afterSave.ms, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
