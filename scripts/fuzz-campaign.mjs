#!/usr/bin/env node
// A large fuzz campaign against the BUILT parsers (dist/; run `npm run build` first). The same
// arbitraries and oracles as the seeded suite in test/fuzz/, many more cases:
//
//   node scripts/fuzz-campaign.mjs                       # 100k cases per parser, seed from the clock
//   node scripts/fuzz-campaign.mjs --runs 20000 --seed 7 --targets dashboard,promql
//   node scripts/fuzz-campaign.mjs --replay dashboard --seed 7 --path 1234   # one case again
//
// Options: --runs N (per parser), --seed S, --targets a,b (elixir, typescript, dashboard, rules, promql,
// config, bytes), --max-depth D (deepest nesting a mutation inserts, default 20000; replay with the same), --corpus DIR (default
// /work/shared/corpus or $TELEMETRY_DRIFT_CORPUS), --out DIR (failing inputs and summary.json),
// --slow-ms MS (cases slower than this are counted), --no-analyze (skip running accepted configs through
// the engine), --analyze-max N (at most N accepted configs are run, default 5000). Failing inputs go to
// --out (default $TMPDIR/telemetry-drift-fuzz).
//
// Prints, per parser: cases run, failures by kind, distinct bugs, slowest case; and for each distinct
// bug the seed and path that replay it plus the file its input was written to. Exit 1 on any failure.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import fc from "fast-check";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(repo, "dist/src");
if (!existsSync(join(dist, "cli/main.js"))) {
  console.error("fuzz-campaign: dist/ is missing; run `npm run build` first");
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "100000" },
    seed: { type: "string" },
    targets: { type: "string" },
    "max-depth": { type: "string", default: "20000" },
    corpus: { type: "string" },
    out: { type: "string" },
    "slow-ms": { type: "string", default: "2000" },
    replay: { type: "string" },
    path: { type: "string" },
    "no-analyze": { type: "boolean", default: false },
    "analyze-max": { type: "string", default: "5000" },
  },
});

const harness = await import(join(repo, "test/fuzz/harness.mjs"));
const { extractElixir, loadElixirParser } = await import(join(dist, "frontends/elixir/index.js"));
const { extractTypeScript } = await import(join(dist, "frontends/typescript/index.js"));
const { extractDashboard, looksLikeDashboard } = await import(join(dist, "consumers/grafana/index.js"));
const { extractRuleFile, looksLikeRuleFile } = await import(join(dist, "consumers/prometheus/index.js"));
const { analyzePromQL } = await import(join(dist, "promql/index.js"));
const { validateConfig, loadConfig, ConfigError } = await import(join(dist, "config/config.js"));
const { decode } = await import(join(dist, "engine/read.js"));
const { extractFile } = await import(join(dist, "engine/extract.js"));
const { analyze } = await import(join(dist, "engine/run.js"));

await loadElixirParser();
const api = { extractElixir, extractTypeScript, extractDashboard, extractRuleFile, analyzePromQL, validateConfig, loadConfig, ConfigError, decode, extractFile };

const corpus = values.corpus ?? process.env.TELEMETRY_DRIFT_CORPUS ?? "/work/shared/corpus";
const bases = harness.loadBases({ repo, corpus, looksLikeDashboard, looksLikeRuleFile });
const runs = Number(values.runs);
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
const maxDepth = Number(values["max-depth"]);
const slowMs = Number(values["slow-ms"]);
const out = resolve(values.out ?? join(tmpdir(), "telemetry-drift-fuzz"));
const analyzeMax = Number(values["analyze-max"]);

// Accepted configs are run against a small project; the engine is async, so it is awaited by a queue.
const project = values["no-analyze"] ? undefined : harness.makeConfigProject();
const pendingConfigs = [];
const analyzeConfig = project ? (config) => void (pendingConfigs.length < analyzeMax && pendingConfigs.push(config)) : undefined;

const targets = harness.makeTargets(api, bases, { maxDepth, analyzeConfig });
const wanted = values.replay ? [values.replay] : values.targets ? values.targets.split(",") : targets.map((t) => t.name);
const unknown = wanted.filter((w) => !targets.some((t) => t.name === w));
if (unknown.length) {
  console.error(`fuzz-campaign: unknown target(s) ${unknown.join(", ")} (have ${targets.map((t) => t.name).join(", ")})`);
  process.exit(2);
}

console.log(`fuzz-campaign: seed ${seed}, ${values.replay ? `replay path ${values.path}` : `${runs} cases per parser`}, max nesting ${maxDepth}`);
console.log(`bases: ${Object.entries(bases).map(([k, v]) => `${k} ${v.length}`).join(", ")}; corpus ${existsSync(corpus) ? corpus : "(missing)"}`);

if (values.replay) {
  const target = targets.find((t) => t.name === values.replay);
  let found;
  fc.check(
    fc.property(target.arbitrary, (input) => {
      found = { input, failure: target.check(input) };
      return true;
    }),
    { seed, path: values.path ?? "0", numRuns: 1 },
  );
  if (found?.failure) console.log(harness.describeFailure(target.name, found.input, found.failure));
  else console.log(`[${target.name}] no failure for seed ${seed} path ${values.path} (input: ${found?.input.origin ?? "?"})`);
  finish(found?.failure ? 1 : 0);
}

const summary = { seed, runs, maxDepth, startedAt: new Date().toISOString(), targets: {} };
let failed = 0;
rmSync(out, { recursive: true, force: true });

for (const target of targets.filter((t) => wanted.includes(t.name))) {
  const stats = { cases: 0, failures: 0, byKind: {}, bugs: {}, slowest: { ms: 0, origin: "" }, slow: 0, ms: 0 };
  const started = Date.now();
  let index = 0;
  let slowestInput;
  const progressEvery = Math.max(1, Math.floor(runs / 10));
  const record = (input, f, at) => {
    stats.failures++;
    stats.byKind[f.kind] = (stats.byKind[f.kind] ?? 0) + 1;
    const signature = harness.failureSignature(target.name, f);
    const bug = (stats.bugs[signature] ??= { count: 0, first: undefined });
    bug.count++;
    if (!bug.first) {
      mkdirSync(out, { recursive: true });
      const name = `${target.name}-${Object.keys(stats.bugs).length}${input.bytes ? ".bin" : ".txt"}`;
      writeFileSync(join(out, name), input.bytes ?? input.text);
      bug.first = { seed, path: String(at), file: join(out, name), description: harness.describeFailure(target.name, input, f) };
    }
  };
  fc.check(
    fc.property(target.arbitrary, (input) => {
      const at = index++;
      const t0 = performance.now();
      const f = target.check(input);
      const ms = performance.now() - t0;
      stats.cases++;
      if (ms > stats.slowest.ms) {
        stats.slowest = { ms: Math.round(ms), origin: input.origin.slice(0, 200), path: String(at) };
        slowestInput = input;
      }
      if (ms > slowMs) stats.slow++;
      if (f) record(input, f, at);
      if (stats.cases % progressEvery === 0) process.stderr.write(`  ${target.name}: ${stats.cases}/${runs} (${stats.failures} failures, ${Math.round((Date.now() - started) / 1000)} s)\n`);
      return true; // never fail inside fast-check: count everything, no shrinking
    }),
    { seed, numRuns: runs },
  );
  // Accepted configs, run through the real engine on the small project.
  for (let i = 0; i < pendingConfigs.length; i++) {
    try {
      await analyze({ root: project, config: pendingConfigs[i] });
    } catch (error) {
      if (error instanceof ConfigError) continue;
      const input = { origin: `accepted config #${i}`, text: JSON.stringify(pendingConfigs[i]) };
      record(input, { kind: "crash", message: `accepted config crashes the run: ${error?.name}: ${String(error?.message).slice(0, 300)}` }, `accepted#${i}`);
    }
  }
  stats.acceptedConfigsRun = pendingConfigs.length;
  pendingConfigs.length = 0;
  stats.ms = Date.now() - started;
  if (slowestInput) {
    // The slowest input, to profile: `--replay` gives the same case from its seed and path.
    mkdirSync(out, { recursive: true });
    stats.slowest.file = join(out, `${target.name}-slowest${slowestInput.bytes ? ".bin" : ".txt"}`);
    writeFileSync(stats.slowest.file, slowestInput.bytes ?? slowestInput.text);
  }
  summary.targets[target.name] = stats;
  failed += stats.failures;
  const kinds = Object.entries(stats.byKind).map(([k, n]) => `${k} ${n}`).join(", ") || "none";
  console.log(`${target.name.padEnd(11)} ${String(stats.cases).padStart(7)} cases  ${String(stats.failures).padStart(5)} failures (${kinds})  ${Object.keys(stats.bugs).length} distinct  ${(stats.ms / 1000).toFixed(1)} s  slowest ${stats.slowest.ms} ms${stats.slow ? `  ${stats.slow} over ${slowMs} ms` : ""}${stats.acceptedConfigsRun ? `  (${stats.acceptedConfigsRun} accepted configs analysed)` : ""}`);
  for (const bug of Object.values(stats.bugs)) {
    console.log(`  ${bug.count}× ${bug.first.description.split("\n")[0]}`);
    const replay = bug.first.path.startsWith("accepted#") ? `analyze({ root, config }) with the config in the input file` : `node scripts/fuzz-campaign.mjs --replay ${target.name} --seed ${bug.first.seed} --path ${bug.first.path} --max-depth ${maxDepth}`;
    console.log(`     replay: ${replay}   input: ${bug.first.file}`);
  }
}

summary.finishedAt = new Date().toISOString();
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`total: ${Object.values(summary.targets).reduce((n, t) => n + t.cases, 0)} cases, ${failed} failures; summary in ${join(out, "summary.json")}`);
finish(failed ? 1 : 0);

function finish(code) {
  harness.cleanup();
  if (project) rmSync(project, { recursive: true, force: true });
  process.exit(code);
}
