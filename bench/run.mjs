// `npm run bench`: telemetry-drift on a synthetic monorepo, timed in the same run and interleaved with
// ripgrep searching the same tree for the same patterns (the floor: reading every byte once) and ESLint
// parsing the same TypeScript files with @typescript-eslint/parser. Prints medians, ratios, peak RSS
// and files/s, and writes bench/results.json to compare between commits.
// Usage: node bench/run.mjs [--scale N] [--runs R]     (npm run bench -- --scale 10)
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { cpus, totalmem } from "node:os";
import { generate, warmPageCache } from "./generate.mjs";
import { ripgrep, rgArgs } from "./rg.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const scale = arg("--scale", 1);
const runs = arg("--runs", 3);
const data = join(repo, "bench", ".data", `scale-${scale}`);

process.stderr.write(`generating scale ${scale} in ${data} …\n`);
generate(data, scale);
warmPageCache(data);
const files = Number(readFileSync(join(data, ".complete"), "utf8"));

const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
const rgPath = ripgrep();

/** Runs a command, returning wall ms and peak RSS (KB, via GNU time when present). */
function measure(command, args, options = {}) {
  const full = TIME ? [TIME, ["-f", "__TIME__ %e %M", command, ...args]] : [command, args];
  const start = process.hrtime.bigint();
  const result = spawnSync(full[0], full[1], { cwd: options.cwd ?? repo, encoding: "utf8", maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: "1", ...options.env } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const timeLine = (result.stderr ?? "").split("\n").find((l) => l.startsWith("__TIME__"));
  const rssKb = timeLine ? Number(timeLine.split(" ")[2]) : undefined;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${args.join(" ")} failed (${result.status}): ${(result.stderr ?? "").slice(0, 500)}`);
  return { ms, rssKb, stdout: result.stdout };
}

const cli = join(repo, "dist", "cli", "main.js"); // the bundled bin the package ships
const cacheDir = join(repo, "bench", ".data", `cache-${scale}`);
const tdArgs = [cli, data, "--format", "json", "--fail-on", "never", "--cache-location", cacheDir];
const touched = join(data, "apps", "app0", "lib", "app0", "workers", "worker0.ex");
const original = readFileSync(touched, "utf8");
// A module that defines OpenTelemetry instruments: a file that holds facts.
const instruments = join(data, "services", "svc0", "src", "telemetry", "metrics.ts");
const instrumentsOriginal = readFileSync(instruments, "utf8");
process.on("exit", () => {
  writeFileSync(touched, original);
  writeFileSync(instruments, instrumentsOriginal);
});

const NO_COMPILE_CACHE = { NODE_DISABLE_COMPILE_CACHE: "1" };
const commands = {
  // Cold means no cache of any kind: neither facts nor (Node 22.1+) V8's compiled code of the tool.
  tdCold: () => {
    spawnSync("rm", ["-rf", cacheDir]);
    return measure(process.execPath, tdArgs, { env: NO_COMPILE_CACHE });
  },
  tdWarm: () => measure(process.execPath, tdArgs),
  // The same cold run on the main thread alone (the default adds one lane thread on a 2+ core machine).
  tdColdSingleThread: () => {
    spawnSync("rm", ["-rf", cacheDir]);
    return measure(process.execPath, [...tdArgs, "--workers", "0"], { env: NO_COMPILE_CACHE });
  },
  tdTouched: () => {
    const now = new Date();
    utimesSync(touched, now, now);
    return measure(process.execPath, tdArgs);
  },
  // One file's content changed (a comment) in a file with no telemetry, as most edits are: it is read
  // and prefiltered again, and the last report stands (the facts it came from are unchanged).
  tdEdited: () => {
    writeFileSync(touched, `${original}# edited ${Date.now()}\n`);
    return measure(process.execPath, tdArgs);
  },
  // One file with facts changed (a comment in an instruments module): TypeScript's parser loads for it,
  // and the graph and checks run again over every file's facts.
  tdEditedFacts: () => {
    writeFileSync(instruments, `${instrumentsOriginal}// edited ${Date.now()}\n`);
    return measure(process.execPath, tdArgs);
  },
  ...(rgPath
    ? {
        rg: () =>
          measure(rgPath, rgArgs(data)),
      }
    : {}),
  eslint: () => measure(process.execPath, [join(repo, "node_modules", "eslint", "bin", "eslint.js"), "--no-config-lookup", "--config", join(data, "eslint.bench.config.mjs"), "--no-warn-ignored", "services/**/*.ts"], { cwd: data }),
};

const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
let findings;
let reference;
for (let r = 0; r < runs; r++) {
  for (const [name, run] of Object.entries(commands)) {
    const s = run();
    samples[name].push(s);
    if (name === "tdCold" && !findings) findings = JSON.parse(s.stdout).summary;
    if (name.startsWith("td")) {
      reference ??= s.stdout;
      if (s.stdout !== reference) throw new Error(`${name}: the report differs from the cold run's (cache or workers changed the output)`);
    }
    process.stderr.write(`run ${r + 1}/${runs} ${name}: ${s.ms.toFixed(0)} ms${s.rssKb ? `, ${(s.rssKb / 1024).toFixed(0)} MB` : ""}\n`);
  }
}

// Where a cold run's time goes (`--performance`), once more after the timed runs: each phase and each
// parse lane, so that a change between commits can be traced to its phase.
spawnSync("rm", ["-rf", cacheDir]);
const profiled = spawnSync(process.execPath, [...tdArgs, "--performance"], { cwd: repo, encoding: "utf8", maxBuffer: 1 << 30, env: { ...process.env, ...NO_COMPILE_CACHE } });
const coldPhases = Object.fromEntries(
  profiled.stderr
    .split("\n")
    .map((line) => /^ {2,4}(\S(?:.*?\S)?) +([\d,]+) ms/.exec(line))
    .filter(Boolean)
    .map((m) => [m[1], Number(m[2].replace(/,/g, ""))]),
);
process.stderr.write(profiled.stderr.slice(profiled.stderr.indexOf("telemetry-drift --performance")));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = Object.fromEntries(
  Object.entries(samples).map(([name, list]) => [name, { medianMs: Math.round(median(list.map((s) => s.ms))), peakRssMb: list[0].rssKb ? Math.round(Math.max(...list.map((s) => s.rssKb)) / 1024) : null }]),
);
const ratio = (a, b) => (summary[a] && summary[b] ? Math.round((summary[a].medianMs / summary[b].medianMs) * 100) / 100 : null);
const result = {
  scale,
  files,
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  runs,
  timings: summary,
  ratios: {
    coldToRg: ratio("tdCold", "rg"),
    warmToRg: ratio("tdWarm", "rg"),
    touchedToRg: ratio("tdTouched", "rg"),
    editedToRg: ratio("tdEdited", "rg"),
    editedFactsToRg: ratio("tdEditedFacts", "rg"),
    coldSingleThreadToCold: ratio("tdColdSingleThread", "tdCold"),
    eslintToCold: ratio("eslint", "tdCold"),
  },
  filesPerSecondCold: Math.round(files / (summary.tdCold.medianMs / 1000)),
  coldPhasesMs: coldPhases,
  findings,
  date: new Date().toISOString(),
};
console.log(JSON.stringify(result, null, 2));
writeFileSync(join(repo, "bench", "results.json"), `${JSON.stringify(result, null, 2)}\n`);
