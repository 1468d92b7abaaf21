// Runs the built CLI (dist/) as a user would: a subprocess with arguments, stdout, stderr and exit code.
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Finding } from "../../src/model.js";
import type { Report } from "../../src/report/report.js";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const CLI = resolve(REPO, "dist/cli/main.js");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment without FORCE_COLOR, so that NO_COLOR decides. Not FORCE_COLOR="": from Node 22 on,
 * Node itself warns on stderr that NO_COLOR is ignored whenever FORCE_COLOR is set, even to nothing.
 */
export function withoutForceColor(): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _ignored, ...env } = process.env;
  return env;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO,
    encoding: "utf8",
    env: { ...withoutForceColor(), NO_COLOR: "1", ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function jsonReport(args: string[], options?: { cwd?: string }): { report: Report; status: number | null; stderr: string } {
  const result = runCli([...args, "--format", "json"], options);
  if (!result.stdout.startsWith("{")) throw new Error(`no JSON report (exit ${result.status}): ${result.stderr}`);
  return { report: JSON.parse(result.stdout) as Report, status: result.status, stderr: result.stderr };
}

/** A compact, readable form of a finding for exact assertions: "rule file:line subject". */
export const brief = (f: Finding): string => `${f.rule} ${f.file}:${f.line} ${f.subject}`;
