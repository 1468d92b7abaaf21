// `npm run bench:action`: the GitHub Action on a pull request over the synthetic monorepo. The repository
// holds the scale-N tree as its base commit and a pull request on top that edits a handful of files of
// every kind (an Elixir emit module, a TS instruments module and a handler, a dashboard, a rule file).
// The Action's bundle (action/index.mjs) runs as a runner runs it, interleaved in two modes:
// - `pullRequest`: only new drift (the default on pull_request events), which analyses the head and,
//   from git objects, the base commit;
// - `headOnly`: `only-new: false`, the head alone: what the base analysis adds is the difference;
// - `pullRequestCached`: as `pullRequest` with `cache-location`, its folder restored (a copy made before
//   each run) from a run on a push of the base commit, as actions/cache restores the main branch's; every
//   file's mtime is new (a fresh checkout), so each file is read and hashed and only the changed ones are
//   parsed.
// Prints medians and writes bench/action-results.json.
// Usage: node bench/action.mjs [--scale N] [--runs R]
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cpus, totalmem } from "node:os";
import { generate, warmPageCache } from "./generate.mjs";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const scale = arg("--scale", 10);
const runs = arg("--runs", 3);
const data = join(repoRoot, "bench", ".data", `scale-${scale}`);
const work = join(repoRoot, "bench", ".data", `action-${scale}`);
const repo = join(work, "repo");
const entry = join(repoRoot, "action", "index.mjs");
if (!existsSync(entry)) throw new Error("action/index.mjs is missing: run `npm run build:action` first");

const git = (...args) => {
  const r = spawnSync("git", args, { cwd: repo, encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
};
const edit = (file, from, to) => {
  const path = join(repo, file);
  const text = readFileSync(path, "utf8");
  if (!text.includes(from)) throw new Error(`${file} lacks ${from}`);
  writeFileSync(path, text.replace(from, to));
};

/** The repository (made once per scale): the tree as the base commit, the pull request's edits on top. */
function prepare() {
  const stamp = join(work, ".complete");
  if (existsSync(stamp)) return JSON.parse(readFileSync(stamp, "utf8"));
  process.stderr.write(`generating scale ${scale} and its repository in ${work} …\n`);
  generate(data, scale);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  cpSync(data, repo, { recursive: true, filter: (source) => !source.endsWith(".complete") });
  git("init", "-q", "-b", "main");
  git("config", "user.email", "bench@example.com");
  git("config", "user.name", "Bench");
  git("add", "-A");
  git("commit", "-qm", "base");
  const base = git("rev-parse", "HEAD");
  git("checkout", "-qb", "feature");
  // New drift: an emitted event renamed (its metric loses its emitter), a panel querying a misspelt series.
  edit("apps/app0/lib/app0/emitter0.ex", "[:op0]", "[:op0_renamed]");
  edit("grafana/dashboards/dashboard0.json", "app0_domain0_op0_stop_duration_bucket", "app0_domain0_op0_stop_duraton_bucket");
  // A TS instruments module and a handler edited (TypeScript's parser loads for them), a rule file edited.
  edit("services/svc0/src/telemetry/metrics.ts", "svc0.requests0", "svc0.requests0_total");
  edit("services/svc0/src/handlers/handler0.ts", "c0.add(1", "c0.add(2");
  const rules = readFileSync(join(repo, "prometheus/rules/rules0.yml"), "utf8");
  writeFileSync(join(repo, "prometheus/rules/rules0.yml"), `# reviewed\n${rules}`);
  git("commit", "-qam", "feature");
  const head = git("rev-parse", "HEAD");
  const files = Number(readFileSync(join(data, ".complete"), "utf8"));
  writeFileSync(stamp, JSON.stringify({ base, head, files }));
  return { base, head, files };
}

const { base, head, files } = prepare();
warmPageCache(repo);
const runner = join(work, "runner");
// The runner's temp folder, where the Action writes the base tree: on GitHub's runners
// (/home/runner/work/_temp) beside the workspace, on its file system; here too, not the system's /tmp.
const runnerTemp = join(runner, "temp");
mkdirSync(runnerTemp, { recursive: true });
const eventPath = join(runner, "event.json");
writeFileSync(eventPath, JSON.stringify({ pull_request: { number: 1, base: { sha: base }, head: { sha: head } } }));

const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** One Action run: wall ms, peak RSS (KB, via GNU time) and the findings it reported. */
function runAction(onlyNew, extra = {}) {
  for (const name of ["output", "summary"]) writeFileSync(join(runner, name), "");
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: repo,
    GITHUB_EVENT_NAME: "pull_request",
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: join(runner, "output"),
    GITHUB_STEP_SUMMARY: join(runner, "summary"),
    GITHUB_REPOSITORY: "acme/bench",
    RUNNER_TEMP: runnerTemp,
    GITHUB_SHA: head,
    INPUT_PATH: ".",
    "INPUT_FAIL-ON": "never",
    "INPUT_ONLY-NEW": String(onlyNew),
    "INPUT_SARIF-FILE": "",
    // A fresh runner: no compile cache of the tool's own code either.
    NODE_DISABLE_COMPILE_CACHE: "1",
    ...extra,
  };
  const command = TIME ? [TIME, ["-f", "__TIME__ %e %M", process.execPath, entry]] : [process.execPath, [entry]];
  const start = process.hrtime.bigint();
  const result = spawnSync(command[0], command[1], { cwd: repo, env, encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`the Action failed (${result.status}): ${result.stderr.slice(0, 500)}`);
  const timeLine = result.stderr.split("\n").find((l) => l.startsWith("__TIME__"));
  const outputs = readFileSync(join(runner, "output"), "utf8");
  const newFindings = Number(/new-findings<<(\S+)\n(\d+)\n/.exec(outputs)?.[2] ?? NaN);
  return { ms, rssKb: timeLine ? Number(timeLine.split(" ")[2]) : undefined, newFindings, stdout: result.stdout };
}

/** The cache a push of the base commit leaves (made once): then the pull request's head is checked out again, every file with a new mtime. */
const restoredCache = join(work, "cache-restored");
const runCache = join(work, "cache-run");
if (!existsSync(restoredCache)) {
  process.stderr.write("a push run on the base commit, for the cache that actions/cache would restore …\n");
  git("checkout", "-q", base);
  runAction(false, { GITHUB_EVENT_NAME: "push", GITHUB_SHA: base, "INPUT_CACHE-LOCATION": restoredCache });
  git("checkout", "-q", "feature");
  const minuteAgo = new Date(Date.now() - 60_000);
  for (const path of git("ls-files", "-z").split("\0").filter(Boolean)) utimesSync(join(repo, path), minuteAgo, minuteAgo);
}
const cachedRun = () => {
  rmSync(runCache, { recursive: true, force: true });
  cpSync(restoredCache, runCache, { recursive: true });
  return runAction(true, { "INPUT_CACHE-LOCATION": runCache });
};

const modes = { pullRequest: () => runAction(true), headOnly: () => runAction(false), pullRequestCached: cachedRun };
const samples = Object.fromEntries(Object.keys(modes).map((k) => [k, []]));
const reported = {};
for (let r = 0; r < runs; r++) {
  for (const [name, run] of Object.entries(modes)) {
    const sample = run();
    samples[name].push(sample);
    if (reported[name] !== undefined && reported[name] !== sample.newFindings) throw new Error(`${name}: ${sample.newFindings} findings, ${reported[name]} before`);
    reported[name] = sample.newFindings;
    process.stderr.write(`run ${r + 1}/${runs} ${name}: ${Math.round(sample.ms)} ms, ${sample.rssKb ? Math.round(sample.rssKb / 1024) : "?"} MB, ${sample.newFindings} findings reported\n`);
  }
}
// With or without the restored cache, the pull request's report is the same.
if (samples.pullRequestCached.some((s) => s.stdout !== samples.pullRequest[0].stdout)) throw new Error("pullRequestCached reported differently from pullRequest");
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const timings = Object.fromEntries(
  Object.entries(samples).map(([name, list]) => [name, { medianMs: Math.round(median(list.map((s) => s.ms))), peakRssMb: list[0].rssKb ? Math.round(Math.max(...list.map((s) => s.rssKb)) / 1024) : undefined, findingsReported: reported[name] }]),
);
const result = {
  scale,
  files,
  changedFiles: 5,
  machine: { cpus: cpus().length, model: cpus()[0]?.model.trim(), memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  runs,
  timings,
  baseAnalysisMs: timings.pullRequest.medianMs - timings.headOnly.medianMs,
  restoredCacheSavesMs: timings.pullRequest.medianMs - timings.pullRequestCached.medianMs,
  date: new Date().toISOString(),
};
writeFileSync(join(repoRoot, "bench", "action-results.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
