#!/usr/bin/env node
import{createRequire as __cr}from'module';const require=__cr(import.meta.url);
import {
  ConfigError,
  DEFAULT_BASELINE_FILE,
  analyze,
  analyzeReport,
  defaultCacheLocation,
  ensureDirectory,
  formatBaseline
} from "./chunk-3RZTKUMN.js";
import "./chunk-53AROVZ3.js";
import "./chunk-RW3XNYNR.js";
import {
  TOOL_VERSION,
  packageRoot
} from "./chunk-FNZY25TM.js";
import "./chunk-M4ZV26L2.js";
import "./chunk-KOIDW7GI.js";
import "./chunk-M6CLNAAX.js";
import "./chunk-FG2ZX6CO.js";
import "./chunk-QA6RBL5S.js";

// dist/src/cli/main.js
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import nodeModule from "node:module";
var FORMATS = ["pretty", "json", "sarif", "github", "markdown"];
var FAIL_ON = ["error", "warning", "info", "never"];
var BASELINE_HELP = `Usage: telemetry-drift baseline [path\u2026] [-o file] [options]

Writes today's findings (fingerprints without line numbers) to a baseline file, default
telemetry-drift-baseline.json in the analysis root. Later runs with --baseline <file> (or the
config's "baseline") report only findings not in it, and each stale entry as suppression-unused.`;
var HELP = `Usage: telemetry-drift [path\u2026] [options]
       telemetry-drift baseline [path\u2026] [-o file]     record today's findings (see baseline --help)
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
                          the first takes the TypeScript/JavaScript files, the others share the rest;
                          a file nested too deeply for a thread's stack is re-read on a large-stack thread)
      --progress / --no-progress  force or hide the progress bar (default: shown on a terminal, not in CI or JSON/SARIF)
  -v, --version           print the version
  -h, --help              print this help

Exit codes: 0 no finding at --fail-on level, 1 findings, 2 usage or configuration error.`;
var UsageError = class extends Error {
};
async function main(argv) {
  if (argv[0] === "live")
    return (await import("./live-AHGMQQ5Z.js")).runLive(argv.slice(1));
  const writeBaseline = argv[0] === "baseline";
  if (writeBaseline)
    argv = argv.slice(1);
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
        "no-color": { type: "boolean" },
        version: { type: "boolean", short: "v" },
        help: { type: "boolean", short: "h" }
      }
    });
  } catch (error) {
    throw new UsageError(`${error.message.split("\n")[0]} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help)
    return print(`${writeBaseline ? BASELINE_HELP : HELP}
`);
  if (values.version)
    return print(`${TOOL_VERSION}
`);
  if (values["list-rules"]) {
    const { RULES } = await import("./rules-meta-D3NNCONI.js");
    return print(RULES.map((r) => `${r.id.padEnd(26)} ${r.defaultSeverity.padEnd(8)} ${r.description}`).join("\n") + "\n");
  }
  if (values.explain !== void 0)
    return print(await explain(values.explain));
  const format = values.format ?? (process.stdout.isTTY ? "pretty" : "pretty");
  if (!FORMATS.includes(format))
    throw new UsageError(`unknown --format "${values.format}" (expected ${FORMATS.join(", ")})`);
  const failOn = values["fail-on"] ?? "error";
  if (!FAIL_ON.includes(failOn))
    throw new UsageError(`unknown --fail-on "${failOn}" (expected ${FAIL_ON.join(", ")})`);
  const ruleOverrides = await parseRuleOverrides(values.rule ?? []);
  const { root, paths } = resolveRoot(values.root, positionals);
  const cacheLocation = values["no-cache"] ? void 0 : values["cache-location"] ? resolve(values["cache-location"]) : defaultCacheLocation(root);
  const compileCache = nodeModule.enableCompileCache;
  if (cacheLocation && compileCache && ensureDirectory(join(cacheLocation, "v8")))
    compileCache(join(cacheLocation, "v8"));
  const progress = progressBar(values.progress ?? (!values["no-progress"] && process.stderr.isTTY === true && !process.env.CI && format !== "json" && format !== "sarif"));
  const options = {
    root,
    paths,
    ...values.config ? { configPath: resolve(values.config) } : {},
    ruleOverrides,
    ...cacheLocation ? { cacheLocation } : {},
    ...progress ? { onProgress: progress.update } : {},
    workers: values.workers !== void 0 ? parseWorkers(values.workers) : defaultWorkers(),
    ...values.baseline !== void 0 && !writeBaseline ? { baseline: resolve(values.baseline) } : {}
  };
  if (writeBaseline)
    return baseline(options, values.output ?? values.baseline);
  const full = values.list ? await analyze(options) : void 0;
  const analysis = full ?? await analyzeReport(options);
  progress?.done();
  if (analysis.cacheDiscarded)
    process.stderr.write(`telemetry-drift: cache ${analysis.cacheDiscarded}
`);
  const { report } = analysis;
  let output;
  if (full) {
    const inventory = (await import("./analysis-UYSOD3HI.js")).buildInventory(full.graph);
    output = format === "json" ? `${JSON.stringify(inventory, null, 2)}
` : (await import("./inventory-73MZIZCM.js")).formatInventory(inventory);
  } else {
    output = await render(report, format, values);
  }
  if (values.output) {
    try {
      writeFileSync(values.output, output);
    } catch (error) {
      throw new UsageError(`${values.output}: cannot write the report (${error.code ?? error.message})`);
    }
  } else {
    process.stdout.write(output);
  }
  return values.list ? 0 : exitCode(report, failOn);
}
async function baseline(options, output) {
  const { report } = await analyzeReport({ ...options, baseline: false });
  const target = resolve(output ?? join(options.root ?? ".", DEFAULT_BASELINE_FILE));
  try {
    writeFileSync(target, formatBaseline(report));
  } catch (error) {
    throw new UsageError(`${target}: cannot write the baseline (${error.code ?? error.message})`);
  }
  const n = report.findings.filter((f) => f.rule !== "suppression-unused").length;
  process.stderr.write(`telemetry-drift: wrote ${n} finding${n === 1 ? "" : "s"} to ${target}; run with --baseline ${target} to report only new drift
`);
  return 0;
}
function progressBar(enabled) {
  if (!enabled)
    return void 0;
  let last = 0;
  let drawn = false;
  const started = Date.now();
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 || now - started < 300)
        return;
      last = now;
      const width = 30;
      const filled = Math.round(done / total * width);
      process.stderr.write(`\r\x1B[2Ktelemetry-drift [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} files parsed`);
      drawn = true;
    },
    done() {
      if (drawn)
        process.stderr.write("\r\x1B[2K");
    }
  };
}
async function render(report, format, values) {
  switch (format) {
    case "json":
      return (await import("./json-AMJQRWZR.js")).formatJson(report);
    case "sarif":
      return (await import("./sarif-DN7GQS62.js")).formatSarif(report);
    case "github":
      return (await import("./github-JBENK5TD.js")).formatGithub(report);
    case "markdown":
      return (await import("./markdown-TBBFWJL5.js")).formatMarkdown(report);
    case "pretty": {
      const { colourFor, formatPretty } = await import("./pretty-3AYICNTK.js");
      const env = { ...process.env };
      if (values.color)
        env.FORCE_COLOR = "1";
      if (values["no-color"])
        env.FORCE_COLOR = "0";
      return formatPretty(report, colourFor(env, !values.output && process.stdout.isTTY === true));
    }
  }
}
function exitCode(report, failOn) {
  if (failOn === "never")
    return 0;
  const order = ["info", "warning", "error"];
  const threshold = order.indexOf(failOn);
  return report.findings.some((f) => order.indexOf(f.severity) >= threshold) ? 1 : 0;
}
var defaultWorkers = () => availableParallelism() >= 2 ? 1 : 0;
function parseWorkers(value) {
  if (!/^\d+$/.test(value) || Number(value) > 64)
    throw new UsageError(`--workers expects a number of threads from 0 to 64, got "${value}"`);
  return Number(value);
}
async function parseRuleOverrides(entries) {
  const out = {};
  if (entries.length === 0)
    return out;
  const { ruleMeta } = await import("./rules-meta-D3NNCONI.js");
  for (const entry of entries) {
    const match = /^([a-z-]+)=(error|warning|info|off)$/.exec(entry);
    if (!match)
      throw new UsageError(`--rule expects <rule-id>=<error|warning|info|off>, got "${entry}"`);
    if (!ruleMeta(match[1]))
      throw new UsageError(`--rule: unknown rule id "${match[1]}" (see --list-rules)`);
    out[match[1]] = match[2];
  }
  return out;
}
function resolveRoot(rootOption, positionals) {
  for (const p of positionals) {
    if (!existsSync(resolve(rootOption ?? ".", p)))
      throw new UsageError(`${p}: no such file or directory`);
  }
  if (rootOption) {
    if (!existsSync(rootOption) || !statSync(rootOption).isDirectory())
      throw new UsageError(`--root ${rootOption}: not a directory`);
    return { root: resolve(rootOption), paths: positionals };
  }
  if (positionals.length === 1 && statSync(positionals[0]).isDirectory())
    return { root: resolve(positionals[0]), paths: [] };
  return { root: process.cwd(), paths: positionals };
}
async function explain(id) {
  const { ruleMeta } = await import("./rules-meta-D3NNCONI.js");
  const meta = ruleMeta(id);
  if (!meta) {
    const live = liveRuleSection(id);
    if (live)
      return live;
    throw new UsageError(`--explain: unknown rule id "${id}" (see --list-rules)`);
  }
  const docs = join(packageRoot(), "docs", "rules", `${id}.md`);
  try {
    return readFileSync(docs, "utf8");
  } catch {
    return `${meta.id} (default: ${meta.defaultSeverity})
${meta.description}
${meta.docsUrl}
`;
  }
}
function liveRuleSection(id) {
  if (!/^live-[a-z-]+$/.test(id))
    return void 0;
  try {
    const text = readFileSync(join(packageRoot(), "docs", "live.md"), "utf8");
    const start = text.search(new RegExp(`^### \`${id}\``, "m"));
    if (start < 0)
      return void 0;
    const end = text.slice(start + 4).search(/^##/m);
    return `${text.slice(start, end < 0 ? void 0 : start + 4 + end).trim()}
`;
  } catch {
    return void 0;
  }
}
function print(text) {
  process.stdout.write(text);
  return 0;
}
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (error) => {
  const known = error instanceof UsageError || error instanceof ConfigError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`telemetry-drift: ${known ? message : `internal error: ${message}`}
`);
  if (!known && process.env.TELEMETRY_DRIFT_DEBUG && error instanceof Error)
    process.stderr.write(`${error.stack}
`);
  process.exitCode = 2;
});
