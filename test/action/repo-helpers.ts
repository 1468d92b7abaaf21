// Small helpers for tests that build git repositories: a git command that must succeed, and an edit
// that must find what it replaces.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

/** Runs git in `cwd`; its trimmed stdout, or an error with its stderr. */
export const git = (cwd: string, ...args: string[]): string => {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
};

/** Replaces the first `from` in a file with `to`; throws when the file lacks it. */
export const edit = (file: string, from: string, to: string): void => {
  const text = readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} lacks ${from}`);
  writeFileSync(file, text.replace(from, to));
};
