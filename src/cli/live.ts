// `telemetry-drift live`: the static contract against a running system. argv → options → analyze()
// for the contract graph → read Prometheus or scrapes → compareLive → report → exit code
// (0 clean, 1 findings at --fail-on, 2 usage, configuration or unreachable source: one line on stderr).
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { analyze } from "../engine/run.js";
import { ConfigError } from "../config/config.js";
import type { Severity } from "../model.js";
import { colourFor } from "../report/pretty.js";
import { compareLive } from "../live/compare.js";
import { LiveSourceError, parseHeader, readPrometheus, readScrapeFile, readScrapeUrl } from "../live/prometheus-api.js";
import { formatLiveJson, formatLivePretty, liveReport } from "../live/report.js";
import { mergeSnapshots, type LiveSnapshot } from "../live/snapshot.js";

const HELP = `Usage: telemetry-drift live [path] (--prometheus URL | --metrics-url URL… | --metrics-file FILE…) [options]

Compares the static contract of the project at [path] (default: the current directory) with a running
system: series the contract promises but the system lacks, live series the contract does not explain,
and label names that differ.

Sources (one kind):
      --prometheus <url>     a Prometheus server (its HTTP API: /api/v1/label/__name__/values, /api/v1/series)
      --metrics-url <url>    scrape a /metrics endpoint once; repeatable (e.g. prom-client and OpenTelemetry endpoints)
      --metrics-file <file>  a saved scrape (Prometheus text format or OpenMetrics; "-" for stdin); repeatable

Options:
      --match <selector>     with --prometheus: the series that make up the live system, e.g. '{job="shop"}';
                             repeatable (default: contract series from any job; unexpected ones among their jobs)
      --header <'Name: v'>   an HTTP header for --prometheus / --metrics-url, e.g. 'Authorization: Bearer …'; repeatable
      --timeout <ms>         per HTTP request (default 10000)
      --lookback <duration>  with --prometheus: series seen in this window count as live (default 1h; e.g. 15m, 2h, 1d)
  -f, --format <name>        pretty (default) or json
      --fail-on <level>      exit 1 when a finding is at or above: error (default), warning, never
  -c, --config <file>        config file (default: telemetry-drift.config.json or package.json#telemetryDrift)
  -h, --help                 print this help

Exit codes: 0 no finding at --fail-on level, 1 findings, 2 usage, configuration or source error.`;

class UsageError extends Error {}

export interface LiveIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colours in pretty output). */
  isTTY?: boolean;
}

const processIO: LiveIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
};

const FAIL_ON = ["error", "warning", "never"] as const;

export async function runLive(argv: string[], io: LiveIO = processIO): Promise<number> {
  try {
    return await live(argv, io);
  } catch (error) {
    const known = error instanceof UsageError || error instanceof ConfigError || error instanceof LiveSourceError;
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`telemetry-drift live: ${known ? message.split("\n")[0] : `internal error: ${message.split("\n")[0]}`}\n`);
    if (!known && process.env.TELEMETRY_DRIFT_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    return 2;
  }
}

async function live(argv: string[], io: LiveIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        prometheus: { type: "string" },
        "metrics-url": { type: "string", multiple: true },
        "metrics-file": { type: "string", multiple: true },
        match: { type: "string", multiple: true },
        header: { type: "string", multiple: true },
        timeout: { type: "string" },
        lookback: { type: "string" },
        format: { type: "string", short: "f" },
        "fail-on": { type: "string" },
        config: { type: "string", short: "c" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split("\n")[0]} (see live --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return 0;
  }

  const urls = values["metrics-url"] ?? [];
  const files = values["metrics-file"] ?? [];
  const sources = (values.prometheus !== undefined ? 1 : 0) + (urls.length || files.length ? 1 : 0);
  if (sources === 0) throw new UsageError("give a live source: --prometheus URL, --metrics-url URL or --metrics-file FILE (see live --help)");
  if (sources > 1) throw new UsageError("--prometheus cannot be combined with --metrics-url / --metrics-file");
  if (values.prometheus === undefined && values.match?.length) throw new UsageError("--match applies to --prometheus only");
  if (values.prometheus === undefined && values.lookback !== undefined) throw new UsageError("--lookback applies to --prometheus only");
  if (values.prometheus === undefined && urls.length === 0 && values.header?.length) throw new UsageError("--header applies to --prometheus and --metrics-url only");
  for (const url of [values.prometheus, ...urls]) if (url !== undefined) checkUrl(url);

  const format = values.format ?? "pretty";
  if (format !== "pretty" && format !== "json") throw new UsageError(`unknown --format "${format}" (expected pretty or json)`);
  const failOn = values["fail-on"] ?? "error";
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new UsageError(`unknown --fail-on "${failOn}" (expected ${FAIL_ON.join(", ")})`);
  const timeoutMs = values.timeout === undefined ? 10_000 : Number(values.timeout);
  if (!/^\d+$/.test(values.timeout ?? "1") || !Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout expects a positive number of milliseconds, got "${values.timeout}"`);
  const lookbackSeconds = values.lookback === undefined ? 3600 : parseDuration(values.lookback);
  const headers: Record<string, string> = {};
  for (const h of values.header ?? []) {
    const header = parseHeader(h);
    if (!header) throw new UsageError(`--header expects 'Name: value', got "${h}"`);
    headers[header[0]] = header[1];
  }
  if (positionals.length > 1) throw new UsageError(`expected at most one project folder, got ${positionals.length} (${positionals.join(", ")})`);
  const root = resolve(positionals[0] ?? ".");
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${positionals[0]}: not a directory`);
  for (const f of files) if (f !== "-" && !existsSync(f)) throw new UsageError(`--metrics-file ${f}: no such file`);

  // The contract.
  const { graph, config } = await analyze({ root, ...(values.config ? { configPath: resolve(values.config) } : {}) });
  const metricNames = [...graph.series.entries()].filter(([, list]) => list.some((s) => s.source.kind === "metric")).map(([name]) => name);

  // The live system.
  let snapshot: LiveSnapshot;
  if (values.prometheus !== undefined) {
    snapshot = await readPrometheus(values.prometheus, metricNames, { headers, timeoutMs, match: values.match ?? [], lookbackSeconds });
  } else {
    const snapshots: LiveSnapshot[] = [];
    for (const url of urls) snapshots.push(await readScrapeUrl(url, { headers, timeoutMs }));
    for (const file of files) snapshots.push(await readScrapeFile(file));
    snapshot = mergeSnapshots(snapshots);
  }

  const findings = compareLive(
    {
      series: graph.series,
      queries: graph.queries,
      dynamicMetrics: graph.dynamicMetrics,
      externalSeries: config.config.externalSeries ?? [],
      targetLabels: graph.targetLabels,
    },
    snapshot,
  );
  const report = liveReport(findings, snapshot, metricNames.length);
  io.stdout(format === "json" ? formatLiveJson(report) : formatLivePretty(report, colourFor(process.env, io.isTTY === true)));
  if (failOn === "never") return 0;
  const order: Severity[] = ["info", "warning", "error"];
  const threshold = order.indexOf(failOn as Severity);
  return findings.some((f) => order.indexOf(f.severity) >= threshold) ? 1 : 0;
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`"${url}" is not a URL (expected e.g. http://127.0.0.1:9090)`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new UsageError(`"${url}": only http and https URLs are supported`);
}

/** `90s`, `15m`, `2h`, `1d`, `1w` (Prometheus style, also combined: `1h30m`) → seconds. */
export function parseDuration(text: string): number {
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };
  const re = /(\d+)(ms|s|m|h|d|w|y)/y;
  let total = 0;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) break;
    total += Number(m[1]) * units[m[2]!]!;
    pos = re.lastIndex;
  }
  if (text === "" || pos !== text.length || total < 1) throw new UsageError(`--lookback expects a duration such as 15m, 2h or 1d, got "${text}"`);
  return Math.round(total);
}
