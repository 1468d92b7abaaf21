// The pull request's base tree, read from git objects into a temporary folder: never a checkout over
// the workspace. Only files the analysis can read are written (plus .gitignore files and configs);
// symlinks and submodules are skipped, as discovery skips them.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { kindOf } from "../discover/discover.js";
import { CONFIG_FILE_NAME } from "../config/config.js";
import { isSafeRelativePath, isWithin } from "../util/fs.js";

export type BaseTreeResult = { ok: true; files: number } | { ok: false; reason: string };

const git = (cwd: string, args: string[], input?: string) =>
  spawnSync("git", args, { cwd, input, maxBuffer: 1 << 30, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } });

/** Makes sure `sha` is present (fetching just that commit when the checkout was shallow). */
export function ensureCommit(workspace: string, sha: string): boolean {
  if (git(workspace, ["cat-file", "-e", `${sha}^{commit}`]).status === 0) return true;
  git(workspace, ["fetch", "--no-tags", "--depth=1", "origin", sha]);
  return git(workspace, ["cat-file", "-e", `${sha}^{commit}`]).status === 0;
}

export function writeBaseTree(workspace: string, sha: string, destination: string): BaseTreeResult {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) return { ok: false, reason: `"${sha}" is not a commit id` };
  if (!ensureCommit(workspace, sha)) {
    return { ok: false, reason: `the base commit ${sha.slice(0, 7)} is not in the checkout and could not be fetched (use actions/checkout with fetch-depth: 0)` };
  }
  const listing = git(workspace, ["ls-tree", "-r", "-z", "--full-tree", sha]);
  if (listing.status !== 0) return { ok: false, reason: `git ls-tree ${sha.slice(0, 7)} failed: ${listing.stderr.toString().trim()}` };
  const wanted: { object: string; path: string }[] = [];
  for (const record of listing.stdout.toString("utf8").split("\0")) {
    const match = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(record);
    if (!match || match[2] !== "blob" || match[1] === "120000") continue; // trees, submodules, symlinks
    const path = match[4]!;
    // git prints what the tree objects hold: a crafted tree can hold `..` or absolute-looking names,
    // which would be written outside the destination. Such an entry is not part of any checkout.
    if (!isSafeRelativePath(path)) continue;
    const name = path.slice(path.lastIndexOf("/") + 1);
    if (kindOf(path) || name === ".gitignore" || name === CONFIG_FILE_NAME) wanted.push({ object: match[3]!, path });
  }
  if (wanted.length === 0) return { ok: true, files: 0 };
  const batch = git(workspace, ["cat-file", "--batch"], wanted.map((w) => w.object).join("\n") + "\n");
  if (batch.status !== 0) return { ok: false, reason: `git cat-file failed: ${batch.stderr.toString().trim()}` };
  const out = batch.stdout;
  let offset = 0;
  for (const { path } of wanted) {
    const headerEnd = out.indexOf(10, offset);
    const header = out.subarray(offset, headerEnd).toString("utf8"); // "<oid> blob <size>"
    const size = Number(header.split(" ")[2]);
    if (!Number.isFinite(size)) return { ok: false, reason: `unexpected git cat-file output for ${path}: ${header}` };
    const target = join(destination, path);
    if (!isWithin(target, destination)) return { ok: false, reason: `unexpected path in the base commit: ${path}` };
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out.subarray(headerEnd + 1, headerEnd + 1 + size));
    offset = headerEnd + 1 + size + 1;
  }
  return { ok: true, files: wanted.length };
}
