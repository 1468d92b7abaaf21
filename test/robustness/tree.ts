// Temp project trees and the BUILT CLI (dist/), for the bad-input tests: a copy of a fixture with one bad
// thing added, run as a user would (`node dist/cli/main.js <dir> --format json`).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Finding } from "../../src/model.js";
import type { Report } from "../../src/report/report.js";
import { withoutForceColor } from "../e2e/run-cli.js";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const CLI = resolve(REPO, "dist/cli/main.js");
/** The example app: Elixir, a dashboard and a rule file, with real drift (so "other findings" is not empty). */
export const BASE = resolve(REPO, "fixtures/seed");

const made: string[] = [];

/** A copy of `base` (or an empty folder) plus `files` (path → text or bytes); returns its root. */
export function makeTree(files: Record<string, string | Uint8Array> = {}, base: string | undefined = BASE): string {
  const root = mkdtempSync(join(tmpdir(), "td-robust-"));
  made.push(root);
  if (base) cpSync(base, root, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export function removeTrees(): void {
  for (const root of made.splice(0)) {
    try {
      rmSync(root, { recursive: true, force: true });
    } catch {
      // a chmod'ed leftover is the OS's to clean
    }
  }
}

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  report?: Report;
}

/** Runs the built CLI; parses stdout as the JSON report when it is one. */
export function runCli(args: string[], options: { cwd?: string; timeoutMs?: number } = {}): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs ?? 120_000,
    env: { ...withoutForceColor(), NO_COLOR: "1", TELEMETRY_DRIFT_DEBUG: "" },
  });
  const run: CliRun = { status: result.status, signal: result.signal, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
  if (run.stdout.startsWith("{")) {
    try {
      run.report = JSON.parse(run.stdout) as Report;
    } catch {
      // left undefined: the assertion on `report` says so
    }
  }
  return run;
}

/** `telemetry-drift <root> --format json` with its report required. */
export function analyseTree(root: string, extra: string[] = []): CliRun & { report: Report } {
  const run = runCli([root, "--format", "json", ...extra]);
  if (!run.report) throw new Error(`no JSON report (exit ${run.status}, signal ${run.signal}): ${run.stderr.slice(0, 2000)}`);
  return run as CliRun & { report: Report };
}

/** Findings about files other than `bad` (a file, or a folder prefix ending in `/`). */
export const otherFindings = (report: Report, bad: string[]): Finding[] =>
  report.findings.filter((f) => !bad.some((b) => (b.endsWith("/") ? f.file.startsWith(b) : f.file === b)));

export const findingsFor = (report: Report, file: string): Finding[] => report.findings.filter((f) => f.file === file);
