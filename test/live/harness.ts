// Helpers for the live tests: free loopback ports, the fixture service as a child process, a real
// Prometheus as a child process, and running `telemetry-drift live` (the built CLI when src/cli/main.ts
// dispatches `live` and dist/ is up to date, else `runLive` in process with captured output).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runLive } from "../../src/cli/live.js";
import type { Finding } from "../../src/model.js";
import type { LiveReport } from "../../src/live/report.js";
import { CLI, REPO, withoutForceColor } from "../e2e/run-cli.js";

export { REPO };
export const FIXTURE = resolve(REPO, "fixtures/live/service");

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value (not undefined) or the deadline passes; then throws with `what`. */
export async function waitFor<T>(what: string, deadlineMs: number, probe: () => Promise<T | undefined>, everyMs = 200): Promise<T> {
  const end = Date.now() + deadlineMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ""}`);
    await sleep(everyMs);
  }
}

export interface Child {
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts a child process; `stop` sends SIGTERM to this process (by its pid), then SIGKILL after 5 s. */
export function startChild(command: string, args: string[], options: { cwd?: string } = {}): Child {
  const child = spawn(command, args, { cwd: options.cwd ?? REPO, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return {
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface Service extends Child {
  port: number;
  url: string;
}

/** The fixture shop service on a free loopback port, ready (GET /healthz answers). */
export async function startService(): Promise<Service> {
  const port = await freePort();
  const child = startChild(process.execPath, [join(FIXTURE, "src/server.mjs"), "--port", String(port)]);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor("the fixture service", 10_000, async () => ((await fetch(`${url}/healthz`)).ok ? true : undefined));
  } catch (error) {
    await child.stop();
    throw new Error(`${(error as Error).message}\n${child.output()}`);
  }
  return { ...child, port, url };
}

/** Deterministic traffic: two checkouts (orders, checkout duration, cart, cache hits), no refund. */
export async function driveTraffic(service: Service): Promise<void> {
  for (const payment of ["card", "paypal"]) {
    const response = await fetch(`${service.url}/checkout?payment=${payment}&currency=EUR`);
    if (!response.ok) throw new Error(`checkout answered ${response.status}`);
  }
}

export const hasBinary = (name: string): boolean => spawnSync(name, ["--version"], { stdio: "ignore" }).status === 0;

export interface Prometheus extends Child {
  url: string;
  dir: string;
}

/** A real Prometheus scraping the service's two endpoints every second, storage in a temp dir. */
export async function startPrometheus(service: Service): Promise<Prometheus> {
  const dir = mkdtempSync(join(tmpdir(), "td-live-prom-"));
  const port = await freePort();
  const target = `127.0.0.1:${service.port}`;
  writeFileSync(
    join(dir, "prometheus.yml"),
    [
      "global:",
      "  scrape_interval: 1s",
      "  evaluation_interval: 1s",
      "scrape_configs:",
      "  - job_name: shop",
      `    static_configs: [{ targets: ["${target}"] }]`,
      "  - job_name: shop-otel",
      "    metrics_path: /otel-metrics",
      `    static_configs: [{ targets: ["${target}"] }]`,
      "",
    ].join("\n"),
  );
  const child = startChild("prometheus", [
    `--config.file=${join(dir, "prometheus.yml")}`,
    `--storage.tsdb.path=${join(dir, "data")}`,
    `--web.listen-address=127.0.0.1:${port}`,
    `--web.console.templates=${join(dir, "consoles")}`,
    `--web.console.libraries=${join(dir, "console_libraries")}`,
  ]);
  const url = `http://127.0.0.1:${port}`;
  return {
    ...child,
    url,
    dir,
    stop: async () => {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface LiveRun {
  status: number;
  stdout: string;
  stderr: string;
}

type Mode = "built CLI (dist/cli/main.js live)" | "built runLive in a subprocess (test/live/live-cli.mjs)" | "runLive in process";
let mode: Mode | undefined;
const WRAPPER = resolve(REPO, "test/live/live-cli.mjs");

/**
 * The built CLI when src/cli/main.ts dispatches `live` and dist/ is newer than the sources; else, with
 * a fresh dist/, the built runLive through test/live/live-cli.mjs; else runLive in this process.
 */
function runMode(): Mode {
  if (mode) return mode;
  const main = readFileSync(resolve(REPO, "src/cli/main.ts"), "utf8");
  const dispatches = /argv\[0\]\s*===\s*["']live["']/.test(main) && main.includes("runLive");
  const liveSources = [resolve(REPO, "src/cli/live.ts"), ...readdirSync(resolve(REPO, "src/live")).map((f) => resolve(REPO, "src/live", f))];
  const builtOf = (source: string): string => resolve(REPO, "dist", source.slice(REPO.length + 1).replace(/\.ts$/, ".js"));
  const fresh = (sources: string[]): boolean => sources.every((s) => existsSync(builtOf(s)) && statSync(s).mtimeMs <= statSync(builtOf(s)).mtimeMs);
  const mainSource = resolve(REPO, "src/cli/main.ts");
  if (dispatches && fresh([...liveSources, mainSource]) && readFileSync(builtOf(mainSource), "utf8").includes("runLive")) mode = "built CLI (dist/cli/main.js live)";
  else if (fresh(liveSources)) mode = "built runLive in a subprocess (test/live/live-cli.mjs)";
  else mode = "runLive in process";
  const why = !dispatches ? "src/cli/main.ts does not dispatch `live` yet" : mode.startsWith("built CLI") ? "" : "dist/ is older than the sources: run npm run build";
  console.log(`live tests run telemetry-drift live via: ${mode}${why ? ` (${why})` : ""}`);
  return mode;
}

export async function runLiveCommand(args: string[]): Promise<LiveRun> {
  const m = runMode();
  if (m !== "runLive in process") {
    const argv = m.startsWith("built CLI") ? [CLI, "live", ...args] : [WRAPPER, ...args];
    return new Promise<LiveRun>((done) => {
      const child = spawn(process.execPath, argv, { cwd: REPO, env: { ...withoutForceColor(), NO_COLOR: "1" } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("close", (code) => done({ status: code ?? -1, stdout, stderr }));
    });
  }
  let stdout = "";
  let stderr = "";
  const status = await runLive(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false });
  return { status, stdout, stderr };
}

/** `rule severity file:line subject`, for exact assertions. */
export const brief = (f: Finding): string => `${f.rule} ${f.severity} ${f.file}:${f.line} ${f.subject}`;

export function liveJson(run: LiveRun): LiveReport {
  if (!run.stdout.startsWith("{")) throw new Error(`no JSON report (exit ${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as LiveReport;
}
