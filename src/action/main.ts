// The GitHub Action: a thin door into the engine. Reads the runner's environment, analyses the head
// (and, on a pull request, the base commit read from git), reports only the drift the pull request adds,
// then writes annotations, the job summary, SARIF, outputs and (optionally) one PR comment.
// Exit status: 1 when reported findings reach `fail-on` or the run cannot start (config error), else 0.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from "node:path";
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import type { Finding } from "../model.js";
import { ConfigError, loadConfig } from "../config/config.js";
import { ensureDirectory, isWithin, realOrResolved, symlinkOnTheWay } from "../util/fs.js";
import { analyzeReport, preloadValidatorIfNeeded, SharedRuns, withBaseline } from "../engine/run.js";
import { compareFindings, type Report } from "../report/report.js";
import { formatSarif } from "../report/sarif.js";
import { escapeData } from "../report/github.js";
import { readInputs, type ActionInputs } from "./inputs.js";
import { compareRuns, type RunComparison } from "./compare.js";
import { planAnnotations } from "./annotations.js";
import { COMMENT_LIMIT, SUMMARY_LIMIT, formatSummary } from "./summary.js";
import { askGit, gitTopLevel, writeBaseTree, type GitAnswers } from "./base-tree.js";
import { upsertComment } from "./comment.js";

/** A parse thread besides the main one on a runner with two or more cores, as the CLI does. */
const PARSE_THREADS = availableParallelism() >= 2 ? 1 : 0;

interface PullRequestEvent {
  pull_request?: { number?: number; base?: { sha?: string }; head?: { sha?: string } };
}

export interface ActionIO {
  stdout: (text: string) => void;
}

export async function runAction(env: NodeJS.ProcessEnv, io: ActionIO = { stdout: (t) => process.stdout.write(t) }): Promise<number> {
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const eventName = env.GITHUB_EVENT_NAME;
  const inputs = readInputs(env, eventName);
  if ("error" in inputs) return fail(io, `telemetry-drift: ${inputs.error}`);
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const root = resolve(workspace, inputs.path);
  const prefix = relative(workspace, root).split("\\").join("/");
  if (prefix.startsWith("..") || isAbsolute(prefix)) return fail(io, `telemetry-drift: input "path" (${inputs.path}) is outside the workspace`);
  if (!existsSync(root) || !statSync(root).isDirectory()) return fail(io, `telemetry-drift: input "path" (${inputs.path}) is not a folder in the workspace`);
  // The same once symlinks are resolved: a link the pull request commits must not lead the run outside.
  if (!isWithin(realpathSync(root), realpathSync(workspace))) return fail(io, `telemetry-drift: input "path" (${inputs.path}) leads outside the workspace through a symbolic link`);
  const notes: string[] = [];

  let head: Report;
  let headWithBaseline: Report;
  let comparison: RunComparison | undefined;
  const configPath = inputs.config ? resolve(workspace, inputs.config) : undefined;
  const baseSha = event.pull_request?.base?.sha;
  const headSha = event.pull_request?.head?.sha || env.GITHUB_SHA;
  // The base tree shares most files with the head: their facts are extracted once (matched by path and
  // bytes), on one parse thread.
  const cacheLocation = inputs.cacheLocation ? resolve(workspace, inputs.cacheLocation) : undefined;
  // A cache folder in the workspace could come with the pull request: a crafted one would decide the head's
  // and the base's facts, and so what counts as new.
  if (cacheLocation && (isWithin(cacheLocation, workspace) || isWithin(realOrResolved(cacheLocation), realpathSync(workspace)))) {
    return fail(io, `telemetry-drift: input "cache-location" (${inputs.cacheLocation}) is inside the workspace, where a pull request could plant a crafted cache; use a folder outside it, such as \${{ runner.temp }}/telemetry-drift`);
  }
  const shared = inputs.onlyNew && baseSha ? new SharedRuns(cacheLocation) : undefined;
  // What the base tree needs of git, asked now: it runs while the head is analysed.
  const gitAnswers = shared && baseSha ? askGit(root, baseSha) : undefined;
  try {
    try {
      await preloadValidatorIfNeeded({ root, ...(configPath ? { configPath } : {}) });
      const loaded = loadConfig(root, configPath);
      const cache = shared ? { shared } : cacheLocation ? { cacheLocation } : {};
      const analysed = await analyzeReport({ root, ...(configPath ? { configPath } : {}), baseline: false, workers: PARSE_THREADS, ...cache });
      head = analysed.report;
      if (analysed.cacheDiscarded) notes.push(`The fact cache could not be used and was rebuilt: ${analysed.cacheDiscarded}.`);
      const baselineOption = inputs.baseline ? { baseline: resolve(workspace, inputs.baseline) } : {};
      headWithBaseline = withBaseline(root, head, loaded, baselineOption);
    } catch (error) {
      if (error instanceof ConfigError) return fail(io, `telemetry-drift: ${error.message}`);
      throw error;
    }

    // Only new drift: analyse the base commit with the head's config, compare by fingerprint.
    if (inputs.onlyNew) {
      if (!baseSha) notes.push("Only new drift was asked for, but this event has no pull request base commit: every finding is reported.");
      else {
        const base = await analyzeBase(workspace, baseSha, configPath, root, tempParent(env), shared, await gitAnswers);
        if ("reason" in base) notes.push(`Could not analyse the base commit, so every finding is reported: ${base.reason}.`);
        else comparison = compareRuns(head.findings, base.report.findings);
      }
    }
  } finally {
    await shared?.close(); // its parse thread would keep the process alive
  }

  // What this run reports: new findings (or all), minus baseline entries, plus stale baseline entries.
  const notBaselined = new Set(headWithBaseline.findings.map((f) => f.fingerprint));
  const stale = headWithBaseline.findings.filter((f) => f.rule === "suppression-unused" && f.file === headWithBaseline.baseline?.file && !head.findings.includes(f));
  const chosen = comparison ? comparison.added : head.findings;
  const reported = [...chosen.filter((f) => notBaselined.has(f.fingerprint)), ...stale].sort(compareFindings).map((f) => repoRelative(f, prefix));

  // SARIF: every head finding (after the baseline), repo-relative, for code scanning's own tracking.
  let sarifPath = "";
  if (inputs.sarifFile) {
    const target = resolve(workspace, inputs.sarifFile);
    const link = symlinkOnTheWay(workspace, target);
    if (link) return fail(io, `telemetry-drift: input "sarif-file": not writing ${inputs.sarifFile} through ${relative(workspace, link)}, a symbolic link in the repository`);
    try {
      if (!ensureDirectory(dirname(target))) throw new Error(`cannot create ${dirname(target)}`);
      writeFileSync(target, formatSarif({ ...headWithBaseline, findings: headWithBaseline.findings.map((f) => repoRelative(f, prefix)) }));
    } catch (error) {
      return fail(io, `telemetry-drift: input "sarif-file": cannot write ${inputs.sarifFile} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    sarifPath = relative(workspace, target).split("\\").join("/");
  }

  const plan = planAnnotations(reported, sarifPath ? `the job summary and ${sarifPath}` : "the job summary");
  io.stdout(plan.lines.join(""));

  const server = env.GITHUB_SERVER_URL || "https://github.com";
  const repository = env.GITHUB_REPOSITORY;
  const linkTo = (sha: string | undefined) => (file: string, line: number) => (repository && sha ? `${server}/${repository}/blob/${sha}/${file.split("/").map(encodeURIComponent).join("/")}#L${line}` : undefined);
  const summaryInput = {
    reported,
    ...(comparison ? { comparison: { added: reported, fixed: comparison.fixed.map((f) => repoRelative(f, prefix)), remaining: comparison.remaining.map((f) => repoRelative(f, prefix)) } } : {}),
    ...(baseSha ? { baseSha } : {}),
    headLink: linkTo(headSha),
    baseLink: linkTo(baseSha),
    ...(headWithBaseline.baseline ? { baseline: headWithBaseline.baseline } : {}),
    ...(sarifPath ? { sarifFile: sarifPath } : {}),
    notes,
  };

  if (inputs.comment) {
    const pullNumber = event.pull_request?.number;
    if (!pullNumber || !repository) notes.push("A pull request comment was asked for, but this run is not for a pull request.");
    else if (!inputs.githubToken) notes.push("A pull request comment was asked for, but no `github-token` was given.");
    else {
      const result = await upsertComment({ apiUrl: env.GITHUB_API_URL || "https://api.github.com", ...(env.GITHUB_GRAPHQL_URL ? { graphqlUrl: env.GITHUB_GRAPHQL_URL } : {}), repository, pullNumber, token: inputs.githubToken }, formatSummary({ ...summaryInput, limit: COMMENT_LIMIT }));
      if (result.ok) io.stdout(`telemetry-drift: ${result.action} the pull request comment${result.url ? ` ${result.url}` : ""}\n`);
      else {
        notes.push(`The pull request comment was not written: ${result.reason}. This summary has the same content.`);
        io.stdout(`::warning title=telemetry-drift::${escapeData(`pull request comment not written: ${result.reason}`)}\n`);
      }
    }
  }

  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${formatSummary({ ...summaryInput, limit: SUMMARY_LIMIT })}\n`);
  const count = (s: Finding["severity"]) => reported.filter((f) => f.severity === s).length;
  setOutputs(env.GITHUB_OUTPUT, { errors: String(count("error")), warnings: String(count("warning")), "new-findings": String(reported.length), "sarif-file": sarifPath });

  const failing = failingFindings(reported, inputs.failOn);
  if (failing > 0) {
    io.stdout(`::error title=telemetry-drift::${failing} finding${failing === 1 ? "" : "s"} at or above "${inputs.failOn}"${comparison ? " added by this pull request" : ""}; see the annotations and the job summary.\n`);
    return 1;
  }
  return 0;
}

/**
 * Where the base tree goes: the runner's temp folder, which lies on the workspace's file system on
 * GitHub's runners (so that unchanged files can be hard-linked, see base-tree.ts), else the system's.
 */
function tempParent(env: NodeJS.ProcessEnv): string {
  const runnerTemp = env.RUNNER_TEMP;
  return runnerTemp && isAbsolute(runnerTemp) && existsSync(runnerTemp) && statSync(runnerTemp).isDirectory() ? runnerTemp : tmpdir();
}

async function analyzeBase(workspace: string, sha: string, configPath: string | undefined, headRoot: string, tempIn: string, shared?: SharedRuns, answers?: GitAnswers): Promise<{ report: Report } | { reason: string }> {
  const dir = mkdtempSync(join(tempIn, "telemetry-drift-base-"));
  let hardLinked = true; // until the base tree says how it linked (a failure part-way may have made hard links)
  try {
    // The root's folder in the repository, as git names it (its case as on disk, for a case-insensitive
    // file system): relative to the working tree's top, which need not be the workspace (actions/checkout's `path`).
    // git runs in the analysed folder: the repository may be a folder of the workspace (actions/checkout's `path`).
    const workTree = answers?.workTree ?? gitTopLevel(headRoot);
    if (!workTree) return { reason: `${inputPathLabel(workspace, headRoot)} is not in a git repository` };
    const within = relative(realpathSync.native(workTree), realpathSync.native(headRoot)).split(sep).join("/");
    const under = within ? `${within}/` : "";
    // Files the head's run read (the shared cache): proven unchanged by stat, they need no second read.
    const known = shared?.cache ? (path: string) => (path.startsWith(under) ? shared.cache!.provenByStat(path.slice(under.length)) : undefined) : undefined;
    const written = writeBaseTree(headRoot, sha, dir, { ...(known ? { known } : {}), within, workTree, ...(answers ? { answers } : {}) });
    if (!written.ok) return { reason: written.reason };
    const root = join(dir, within);
    mkdirSync(root, { recursive: true });
    // The head's config judges both sides, so that "new" means new in the code, dashboards and rules.
    const { config } = loadConfig(headRoot, configPath);
    // Root-relative paths of the files linked from the working tree, for the shared fact cache.
    const unchangedFiles = new Map<string, string>();
    for (const [path, hash] of written.linked) if (path.startsWith(under)) unchangedFiles.set(path.slice(under.length), hash);
    hardLinked = written.hardLinks > 0;
    const linksInto = written.symlinks > 0 ? { linksInto: realpathSync(headRoot) } : {};
    return { report: (await analyzeReport({ root, config, baseline: false, workers: PARSE_THREADS, ...linksInto, ...(shared ? { shared, unchangedFiles } : {}) })).report };
  } catch (error) {
    return { reason: (error as Error).message };
  } finally {
    // Removes the links, never what they lead to (fs.rm does not follow symbolic links).
    rmSync(dir, { recursive: true, force: true });
    // Hard-linking a file and removing the link change its ctime, which git's index records: without a
    // refresh, plumbing such as `git diff-index` would call every linked file modified in later steps.
    // (~0.45 s for 20,000 files: git reads the files again.) Symbolic links leave the files alone.
    if (hardLinked) spawnSync("git", ["update-index", "-q", "--refresh"], { cwd: headRoot, stdio: "ignore", env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } });
  }
}


const inputPathLabel = (workspace: string, root: string): string => `the folder ${relative(workspace, root).split(sep).join("/") || "."}`;

function repoRelative(f: Finding, prefix: string): Finding {
  if (!prefix) return f;
  return { ...f, file: posix.join(prefix, f.file), related: f.related.map((r) => ({ ...r, file: posix.join(prefix, r.file) })) };
}

function failingFindings(findings: readonly Finding[], failOn: ActionInputs["failOn"]): number {
  if (failOn === "never") return 0;
  const order = ["info", "warning", "error"];
  return findings.filter((f) => order.indexOf(f.severity) >= order.indexOf(failOn)).length;
}

function readEvent(path: string | undefined): PullRequestEvent {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, "utf8")) as PullRequestEvent;
  } catch {
    return {};
  }
}

/** `name<<delimiter` blocks in the GITHUB_OUTPUT file (safe for any value). */
function setOutputs(file: string | undefined, outputs: Record<string, string>): void {
  if (!file) return;
  const text = Object.entries(outputs)
    .map(([name, value]) => {
      const delimiter = `ghadelimiter_${randomUUID()}`;
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join("");
  appendFileSync(file, text);
}

function fail(io: ActionIO, message: string): number {
  io.stdout(`::error title=telemetry-drift::${escapeData(message)}\n`);
  return 1;
}
