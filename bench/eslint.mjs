// Benchmark: the ESLint plugin's cost. Generates a TypeScript service with dashboards, then measures
// (1) ESLint over every file with and without the telemetry-drift rules (cold process index, then warm),
// giving the per-file overhead, (2) re-linting one file after an edit to its in-memory text, and (3) the
// editor on the benchmark's monorepo (bench/generate.mjs, `--scale`, default 10) with the whole monorepo
// as the plugin's root: the first lint in a fresh ESLint process, with the fact cache empty and then
// with it filled (bench/eslint-editor.mjs; medians of `--runs`, default 3); then the same at scale 1.
// Usage: node bench/eslint.mjs [--files N] [--scale N] [--runs N]   (`npm run bench:eslint` builds first)
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { spawnSync } from "node:child_process";
import { generate as generateMonorepo, warmPageCache } from "./generate.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const argFiles = process.argv.indexOf("--files");
const FILES = argFiles > 0 ? Number(process.argv[argFiles + 1]) : 400;
const numberArg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SCALE = numberArg("--scale", 10);
const RUNS = numberArg("--runs", 3);

const dir = mkdtempSync(join(repo, "bench", ".eslint-bench-"));
try {
  generate(dir, FILES);
  const { ESLint } = await import("eslint");
  const tsParser = (await import("@typescript-eslint/parser")).default;
  const json = (await import("@eslint/json")).default;
  const plugin = (await import(pathToFileURL(join(repo, "dist/src/eslint/index.js")).href)).default;
  const base = [{ plugins: { json } }, { files: ["**/*.ts"], languageOptions: { parser: tsParser } }, { files: ["**/dashboards/**/*.json"], language: "json/json" }];
  const withPlugin = [...base, ...plugin.configs.recommended];
  const patterns = ["src/**/*.ts", "dashboards/*.json"];

  const time = async (config) => {
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config, cache: false });
    const start = performance.now();
    const results = await eslint.lintFiles(patterns);
    return { ms: performance.now() - start, files: results.length, messages: results.reduce((n, r) => n + r.messages.length, 0), eslint };
  };
  const baseline = await time(base);
  const cold = await time(withPlugin); // builds the project index in this process
  const warm = await time(withPlugin); // same process: the index is warm
  const baselineAgain = await time(base);
  const baseMs = Math.min(baseline.ms, baselineAgain.ms);

  // Re-lint one file after an edit (the editor's path): in-memory text differs from disk.
  const target = join(dir, "src/service0/metrics.ts");
  const text = readFileSync(target, "utf8");
  const relints = [];
  for (let i = 0; i < 7; i++) {
    const edited = `${text}\nexport const extra${i} = 1;\n`;
    const start = performance.now();
    await warm.eslint.lintText(edited, { filePath: target });
    relints.push(performance.now() - start);
  }
  relints.sort((a, b) => a - b);
  const result = {
    files: cold.files,
    eslintWithoutPluginMs: round(baseMs),
    withPluginColdMs: round(cold.ms),
    withPluginWarmMs: round(warm.ms),
    overheadPerFileWarmMs: round((warm.ms - baseMs) / cold.files),
    overheadPerFileColdMs: round((cold.ms - baseMs) / cold.files),
    relintAfterEditMedianMs: round(relints[3]),
    findings: warm.messages,
    monorepo: editorOnMonorepo(SCALE),
    // ~2,000 files, half of them Elixir: built in ESLint's process, its Elixir files on the plugin's thread.
    smallMonorepo: editorOnMonorepo(1),
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(join(repo, "bench"), { recursive: true });
  writeFileSync(join(repo, "bench", "eslint-results.json"), `${JSON.stringify({ ...result, node: process.version, date: new Date().toISOString() }, null, 2)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** The editor's first lint on the benchmark monorepo at `scale`, the whole of it as the plugin's root. */
function editorOnMonorepo(scale) {
  const root = join(repo, "bench", ".data", `scale-${scale}`);
  process.stderr.write(`generating scale ${scale} in ${root} …\n`);
  generateMonorepo(root, scale);
  warmPageCache(root);
  const cache = join(repo, "bench", ".data", `eslint-cache-${scale}`);
  const session = () => {
    const run = spawnSync(process.execPath, [join(repo, "bench", "eslint-editor.mjs"), join(repo, "dist/src/eslint/index.js"), root, cache, "services/svc0/src/telemetry/metrics.ts", "services/svc1/src/handlers/handler3.ts"], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`eslint-editor.mjs failed: ${run.stderr}`);
    return JSON.parse(run.stdout);
  };
  const cold = [];
  const warm = [];
  for (let i = 0; i < RUNS; i++) {
    rmSync(cache, { recursive: true, force: true });
    cold.push(session());
    warm.push(session());
  }
  const median = (runs, key) => runs.map((r) => r[key]).sort((a, b) => a - b)[Math.floor((runs.length - 1) / 2)];
  return {
    scale,
    files: Number(readFileSync(join(root, ".complete"), "utf8")),
    firstLintColdCacheMs: median(cold, "firstLintMs"),
    firstLintWarmCacheMs: median(warm, "firstLintMs"),
    nextFileMs: median(warm, "secondFileMs"),
    relintAfterEditMs: median(warm, "relintAfterEditMs"),
    lintAfterOtherFileSavedMs: median(warm, "lintAfterOtherFileSavedMs"),
    eslintProcessPeakRssMb: Math.max(...cold.map((r) => r.peakRssMb), ...warm.map((r) => r.peakRssMb)),
    findingsOnFirstFile: warm[0].firstLintMessages,
  };
}

function round(n) {
  return Math.round(n * 100) / 100;
}

function generate(root, files) {
  mkdirSync(join(root, "node_modules"), { recursive: true });
  symlinkSync(repo, join(root, "node_modules", "telemetry-drift"), "dir");
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "bench", private: true, dependencies: { "@opentelemetry/api": "1", "@opentelemetry/exporter-prometheus": "0.223.0" } }));
  const services = Math.max(1, Math.floor(files / 20));
  mkdirSync(join(root, "dashboards"), { recursive: true });
  let written = 0;
  for (let s = 0; s < services; s++) {
    const svc = join(root, "src", `service${s}`);
    mkdirSync(svc, { recursive: true });
    writeFileSync(join(svc, "metrics.ts"), `import { metrics } from "@opentelemetry/api";\nconst meter = metrics.getMeter("service${s}", "1.0.0");\nexport const requests = meter.createCounter("service${s}.requests");\nexport const latency = meter.createHistogram("service${s}.latency", { unit: "ms" });\nexport const unused = meter.createCounter("service${s}.unused");\n`);
    written++;
    for (let f = 0; f < 19 && written < files; f++, written++) {
      const body = f % 4 === 0
        ? `import { requests, latency } from "./metrics.js";\nexport function handle${f}(route: string): void {\n  requests.add(1, { route });\n  latency.record(12, { route });\n}\n`
        : `// plain code with no telemetry\nexport function compute${f}(xs: number[]): number {\n  return xs.reduce((a, b) => a + b * ${f}, 0);\n}\n`;
      writeFileSync(join(svc, `file${f}.ts`), body);
    }
    writeFileSync(join(root, "dashboards", `service${s}.json`), JSON.stringify({ uid: `s${s}`, title: `Service ${s}`, panels: [
      { id: 1, title: "Requests", type: "timeseries", datasource: { type: "prometheus", uid: "p" }, targets: [{ refId: "A", expr: `sum by (route) (rate(service${s}_requests_total[5m]))` }] },
      { id: 2, title: "Latency", type: "timeseries", datasource: { type: "prometheus", uid: "p" }, targets: [{ refId: "A", expr: `histogram_quantile(0.9, sum by (le) (rate(service${s}_latency_milliseconds_bucket[5m])))` }] },
    ] }, null, 2));
  }
}
