#!/usr/bin/env node
// The CLI: argv → options → engine → reporter → exit code (0 clean, 1 findings at --fail-on, 2 usage/config).
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { availableParallelism } from "node:os";
import { packageRoot } from "../util/package-root.js";
import { parseArgs } from "node:util";
import { analyze, analyzeReport, type AnalyzeOptions } from "../engine/run.js";
import { defaultCacheLocation } from "../engine/cache.js";
import { DEFAULT_BASELINE_FILE, formatBaseline } from "../baseline/baseline.js";
import { ConfigError } from "../config/config.js";
import type { Severity } from "../model.js";
import type { Report } from "../report/report.js";
import { TOOL_VERSION } from "../version.js";
import { enablePrivateCompileCache } from "../util/compile-cache.js";
import { symlinkOnTheWay } from "../util/fs.js";
import { visibleControls } from "../util/visible.js";
import { BATCH_PARSE_FILES, tuneV8ForBatchParsing } from "./v8-tuning.js";
import { PhaseClock } from "../engine/timings.js";
import { formatPerformance } from "../report/performance.js";

// Modules a run may not need are imported where they are used: a run whose report comes from the cache
// loads neither the checks nor the parsers, and each format loads only its own reporter.

const FORMATS = ["pretty", "json", "sarif", "github", "markdown"] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON = ["error", "warning", "info", "never"] as const;

const BASELINE_HELP = `Usage: telemetry-drift baseline [path…] [-o file] [options]

Writes today's findings (fingerprints without line numbers) to a baseline file, default
telemetry-drift-baseline.json in the analysis root. Later runs with --baseline <file> (or the
config's "baseline") report only findings not in it, and each stale entry as suppression-unused.`;

const HELP = `Usage: telemetry-drift [path…] [options]
       telemetry-drift baseline [path…] [-o file]     record today's findings (see baseline --help)
       telemetry-drift live [path] --prometheus URL   compare with a running system (see live --help)

Checks that a telemetry pipeline agrees with itself: emitted events, metric definitions,
the Prometheus exporter's series, and the Grafana dashboards and alert rules that query them.
With one folder argument, that folder is the analysis root; with none, the current directory.

Options:
  -f, --format <name>     pretty (default on a terminal), json, sarif, github, markdown
  -o, --output <file>     write the report to a file instead of stdout
      --fail-on <level>   exit 1 when a finding is at or above: error (default), warning, info, never
  -c, --config <file>     config file (default: telemetry-drift.config.json or package.json#telemetryDrift)
      --root <dir>        analysis root when paths are given (default: current directory)
      --rule <id=level>   override a rule's severity (error, warning, info, off); repeatable
      --baseline <file>   report only findings not in this baseline (see \`baseline\`); stale entries are reported
      --list              print the inventory: events, metrics, series and queries with locations
      --list-rules        print every rule id with its default severity
      --explain <rule>    print a rule's documentation
      --color / --no-color  force or disable colours (also FORCE_COLOR / NO_COLOR)
      --cache-location <dir>  where to keep the fact cache (default: <root>/node_modules/.cache/telemetry-drift)
      --no-cache          neither read nor write the fact cache
      --workers <n>       parse threads besides the main one (default 1 on a machine with 2+ cores, else 0;
                          the first takes the TypeScript/JavaScript and YAML rule files, the others share the rest;
                          a file nested too deeply for a thread's stack is re-read on a large-stack thread)
      --progress / --no-progress  force or hide the progress bar (default: shown on a terminal, not in CI or JSON/SARIF)
      --performance       print where the run's time went (each phase, each parse thread, the slowest files) to stderr
  -v, --version           print the version
  -h, --help              print this help

Exit codes: 0 no finding at --fail-on level, 1 findings, 2 usage or configuration error.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === "live") return (await import("./live.js")).runLive(argv.slice(1));
  const writeBaseline = argv[0] === "baseline";
  if (writeBaseline) argv = argv.slice(1);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string", short: "f" },
        output: { type: "string", short: "o" },
        "fail-on": { type: "string" },
        config: { type: "string", short: "c" },
        root: { type: "string" },
        rule: { type: "string", multiple: true },
        list: { type: "boolean" },
        "list-rules": { type: "boolean" },
        explain: { type: "string" },
        color: { type: "boolean" },
        "cache-location": { type: "string" },
        "no-cache": { type: "boolean" },
        workers: { type: "string" },
        baseline: { type: "string" },
        progress: { type: "boolean" },
        "no-progress": { type: "boolean" },
        performance: { type: "boolean" },
        "no-color": { type: "boolean" },
        version: { type: "boolean", short: "v" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split("\n")[0]} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) return print(`${writeBaseline ? BASELINE_HELP : HELP}\n`);
  if (values.version) return print(`${TOOL_VERSION}\n`);
  if (values["list-rules"]) {
    const { RULES } = await import("../report/rules-meta.js");
    return print(RULES.map((r) => `${r.id.padEnd(26)} ${r.defaultSeverity.padEnd(8)} ${r.description}`).join("\n") + "\n");
  }
  if (values.explain !== undefined) return print(await explain(values.explain));

  const format = (values.format ?? (process.stdout.isTTY ? "pretty" : "pretty")) as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown --format "${values.format}" (expected ${FORMATS.join(", ")})`);
  const failOn = values["fail-on"] ?? "error";
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new UsageError(`unknown --fail-on "${failOn}" (expected ${FAIL_ON.join(", ")})`);
  const ruleOverrides = await parseRuleOverrides(values.rule ?? []);

  const { root, paths } = resolveRoot(values.root, positionals);
  const cacheLocation = values["no-cache"] ? undefined : values["cache-location"] ? resolve(values["cache-location"]) : usableDefault(defaultCacheLocation(root));
  enablePrivateCompileCache(root);
  const progress = progressBar(values.progress ?? (!values["no-progress"] && process.stderr.isTTY === true && !process.env.CI && format !== "json" && format !== "sarif"));
  const options: AnalyzeOptions = {
    root,
    paths,
    ...(values.config ? { configPath: resolve(values.config) } : {}),
    ruleOverrides,
    ...(cacheLocation ? { cacheLocation } : {}),
    onProgress: (done, total) => {
      if (total >= BATCH_PARSE_FILES) tuneV8ForBatchParsing();
      progress?.update(done, total);
    },
    workers: values.workers !== undefined ? parseWorkers(values.workers) : defaultWorkers(),
    ...(values.baseline !== undefined && !writeBaseline ? { baseline: resolve(values.baseline) } : {}),
    ...(values.performance ? { clock: new PhaseClock() } : {}),
  };
  options.clock?.lap("start-up");
  if (writeBaseline) return baseline(options, values.output ?? values.baseline);
  // The inventory needs the graph; the drift report alone may be reused from the cache.
  const full = values.list ? await analyze(options) : undefined;
  const analysis = full ?? (await analyzeReport(options));
  progress?.done();
  if (analysis.cacheDiscarded) process.stderr.write(`telemetry-drift: cache ${visibleControls(analysis.cacheDiscarded)}\n`);
  const { report } = analysis;

  let output: string;
  if (full) {
    const inventory = (await import("../engine/analysis.js")).buildInventory(full.graph);
    output = format === "json" ? `${JSON.stringify(inventory, null, 2)}\n` : (await import("../report/inventory.js")).formatInventory(inventory);
  } else {
    output = await render(report, format, values);
  }
  if (values.output) {
    refuseLinkInTree(options.root ?? ".", resolve(values.output), "the report");
    try {
      writeFileSync(values.output, output);
    } catch (error) {
      throw new UsageError(`${values.output}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  } else {
    process.stdout.write(output);
  }
  printPerformance(options.clock);
  return values.list ? 0 : exitCode(report, failOn);
}

/** `telemetry-drift baseline`: records today's findings so that later runs report only new drift. */
async function baseline(options: AnalyzeOptions, output: string | undefined): Promise<number> {
  const { report } = await analyzeReport({ ...options, baseline: false });
  const target = resolve(output ?? join(options.root ?? ".", DEFAULT_BASELINE_FILE));
  refuseLinkInTree(options.root ?? ".", target, "the baseline");
  try {
    writeFileSync(target, formatBaseline(report));
  } catch (error) {
    throw new UsageError(`${target}: cannot write the baseline (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const n = report.findings.filter((f) => f.rule !== "suppression-unused").length;
  process.stderr.write(`telemetry-drift: wrote ${n} finding${n === 1 ? "" : "s"} to ${target}; run with --baseline ${target} to report only new drift\n`);
  printPerformance(options.clock);
  return 0;
}

/** `--performance`: the last phase (the report written) and the table, on stderr. */
function printPerformance(clock: PhaseClock | undefined): void {
  if (!clock) return;
  clock.lap("report");
  clock.timings.peakRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stderr.write(formatPerformance(clock.timings));
}

/** A one-line progress bar on stderr, redrawn at most every 100 ms, erased when done. */
function progressBar(enabled: boolean): { update: (done: number, total: number) => void; done: () => void } | undefined {
  if (!enabled) return undefined;
  let last = 0;
  let drawn = false;
  const started = Date.now();
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 || now - started < 300) return; // short runs never flash a bar
      last = now;
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\r\x1b[2Ktelemetry-drift [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} files parsed`);
      drawn = true;
    },
    done() {
      if (drawn) process.stderr.write("\r\x1b[2K");
    },
  };
}

async function render(report: Report, format: Format, values: { color?: boolean; "no-color"?: boolean; output?: string }): Promise<string> {
  switch (format) {
    case "json":
      return (await import("../report/json.js")).formatJson(report);
    case "sarif":
      return (await import("../report/sarif.js")).formatSarif(report);
    case "github":
      return (await import("../report/github.js")).formatGithub(report);
    case "markdown":
      return (await import("../report/markdown.js")).formatMarkdown(report);
    case "pretty": {
      const { colourFor, formatPretty } = await import("../report/pretty.js");
      const env = { ...process.env };
      if (values.color) env.FORCE_COLOR = "1";
      if (values["no-color"]) env.FORCE_COLOR = "0";
      return formatPretty(report, colourFor(env, !values.output && process.stdout.isTTY === true));
    }
  }
}

function exitCode(report: Report, failOn: string): number {
  if (failOn === "never") return 0;
  const order: Severity[] = ["info", "warning", "error"];
  const threshold = order.indexOf(failOn as Severity);
  return report.findings.some((f) => order.indexOf(f.severity) >= threshold) ? 1 : 0;
}

/** One lane thread when there is a second core to run it on (see engine/pool.ts); none on a single core. */
/** A file written into the analysed tree is never written through a symbolic link the tree carries. */
function refuseLinkInTree(root: string, target: string, what: string): void {
  const link = symlinkOnTheWay(resolve(root), target);
  if (link) throw new UsageError(`${target}: not writing ${what} through ${link}, a symbolic link in the analysed tree; remove it or choose another file`);
}

/** The default cache folder, or none (said on stderr) when it is a shared folder not private to this user. */
function usableDefault(location: ReturnType<typeof defaultCacheLocation>): string | undefined {
  if ("folder" in location) return location.folder;
  process.stderr.write(`telemetry-drift: ${visibleControls(location.unusable)}\n`);
  return undefined;
}

const defaultWorkers = (): number => (availableParallelism() >= 2 ? 1 : 0);

function parseWorkers(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 64) throw new UsageError(`--workers expects a number of threads from 0 to 64, got "${value}"`);
  return Number(value);
}

async function parseRuleOverrides(entries: string[]): Promise<Record<string, Severity | "off">> {
  const out: Record<string, Severity | "off"> = {};
  if (entries.length === 0) return out;
  const { ruleMeta } = await import("../report/rules-meta.js");
  for (const entry of entries) {
    const match = /^([a-z-]+)=(error|warning|info|off)$/.exec(entry);
    if (!match) throw new UsageError(`--rule expects <rule-id>=<error|warning|info|off>, got "${entry}"`);
    if (!ruleMeta(match[1]!)) throw new UsageError(`--rule: unknown rule id "${match[1]}" (see --list-rules)`);
    out[match[1]!] = match[2] as Severity | "off";
  }
  return out;
}

function resolveRoot(rootOption: string | undefined, positionals: string[]): { root: string; paths: string[] } {
  for (const p of positionals) {
    if (!existsSync(resolve(rootOption ?? ".", p))) throw new UsageError(`${p}: no such file or directory`);
  }
  if (rootOption) {
    if (!existsSync(rootOption) || !statSync(rootOption).isDirectory()) throw new UsageError(`--root ${rootOption}: not a directory`);
    return { root: resolve(rootOption), paths: positionals };
  }
  if (positionals.length === 1 && statSync(positionals[0]!).isDirectory()) return { root: resolve(positionals[0]!), paths: [] };
  return { root: process.cwd(), paths: positionals };
}

async function explain(id: string): Promise<string> {
  const { ruleMeta } = await import("../report/rules-meta.js");
  const meta = ruleMeta(id);
  if (!meta) {
    const live = liveRuleSection(id);
    if (live) return live;
    throw new UsageError(`--explain: unknown rule id "${id}" (see --list-rules)`);
  }
  const docs = join(packageRoot(), "docs", "rules", `${id}.md`);
  try {
    return readFileSync(docs, "utf8");
  } catch {
    return `${meta.id} (default: ${meta.defaultSeverity})\n${meta.description}\n${meta.docsUrl}\n`;
  }
}

/** The `live` command's findings are documented in docs/live.md, one `### \`id\`` section each. */
function liveRuleSection(id: string): string | undefined {
  if (!/^live-[a-z-]+$/.test(id)) return undefined;
  try {
    const text = readFileSync(join(packageRoot(), "docs", "live.md"), "utf8");
    const start = text.search(new RegExp(`^### \`${id}\``, "m"));
    if (start < 0) return undefined;
    const end = text.slice(start + 4).search(/^##/m);
    return `${text.slice(start, end < 0 ? undefined : start + 4 + end).trim()}\n`;
  } catch {
    return undefined;
  }
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof ConfigError;
    const message = error instanceof Error ? error.message : String(error);
    // Messages quote file names and config text from the analysed tree: no control character reaches the terminal.
    process.stderr.write(`telemetry-drift: ${visibleControls(known ? message : `internal error: ${message}`)}\n`);
    if (!known && process.env.TELEMETRY_DRIFT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 2;
  },
);
