// The bundled Action (action/index.mjs) run as a runner runs it: a subprocess with INPUT_*, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH (a real pull_request payload) and GITHUB_WORKSPACE over a real
// git repo whose head commit adds drift, fixes other drift and shifts lines.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../e2e/run-cli.js";
import { edit, git } from "./repo-helpers.js";

const work = mkdtempSync(join(tmpdir(), "td-action-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The Action as a runner checks it out: the repository without node_modules. The bundle must need
// nothing else (no dependency resolved at run time).
const ACTION_HOME = join(work, "telemetry-drift-action");
for (const part of ["action.yml", "package.json", "action", "schema", "docs"]) cpSync(join(REPO, part), join(ACTION_HOME, part), { recursive: true });
const ENTRY = join(ACTION_HOME, "action", "index.mjs");


/** A repo whose one commit holds a fixture: the pull request's base. */
function baseRepo(fixture: string): { repo: string; base: string } {
  const repo = mkdtempSync(join(work, "repo-"));
  git(repo, "init", "-q", "-b", "main");
  git(repo, "config", "user.email", "dev@example.com");
  git(repo, "config", "user.name", "Dev");
  cpSync(join(REPO, "fixtures", fixture), repo, { recursive: true });
  git(repo, "add", "-A");
  git(repo, "commit", "-qm", "base");
  return { repo, base: git(repo, "rev-parse", "HEAD") };
}

/** A repo with the seed app at the base commit and a pull request's head commit on top. */
function pullRequestRepo(): { repo: string; base: string; head: string } {
  const { repo, base } = baseRepo("seed");
  git(repo, "checkout", "-qb", "feature");
  // Adds drift: a panel now queries a series nobody exports.
  edit(join(repo, "dashboards", "osint.json"), "osint_breaker_state", "osint_breaker_stat");
  // Fixes drift: the summary Core drops becomes a distribution with buckets (three findings go away).
  edit(join(repo, "lib", "prismatic_web", "telemetry.ex"), 'summary("osint.search.stop.duration",\n        unit: {:native, :millisecond},', 'distribution("osint.search.stop.duration",\n        unit: {:native, :millisecond}, reporter_options: [buckets: [100, 500, 1000]],');
  // Shifts lines: the unconsumed breaker event moves down three lines and must not count as new.
  edit(join(repo, "lib", "prismatic_osint", "breaker.ex"), "defmodule", "# The circuit breaker.\n# It opens after repeated failures.\n\ndefmodule");
  git(repo, "commit", "-qam", "feature");
  return { repo, base, head: git(repo, "rev-parse", "HEAD") };
}

interface ActionRun {
  status: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

function runnerEnv(repo: string, event: object, inputs: Record<string, string>, extra: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(join(work, "runner-"));
  const eventPath = join(dir, "event.json");
  writeFileSync(eventPath, JSON.stringify(event));
  writeFileSync(join(dir, "output"), "");
  writeFileSync(join(dir, "summary"), "");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: repo,
    GITHUB_EVENT_NAME: "pull_request",
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: join(dir, "output"),
    GITHUB_STEP_SUMMARY: join(dir, "summary"),
    GITHUB_REPOSITORY: "acme/osint",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_SHA: "0".repeat(40),
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...extra,
  };
  return { env, dir };
}

async function runAction(repo: string, event: object, inputs: Record<string, string>, extra: NodeJS.ProcessEnv = {}): Promise<ActionRun> {
  const { env, dir } = runnerEnv(repo, event, inputs, extra);
  const { status, stdout } = await new Promise<{ status: number | null; stdout: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [ENTRY], { cwd: repo, env });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (err ? reject(new Error(`stderr: ${err}`)) : resolve({ status: code, stdout: out })));
  });
  return { status, stdout, outputs: parseOutputs(readFileSync(join(dir, "output"), "utf8")), summary: readFileSync(join(dir, "summary"), "utf8") };
}

/** The `name<<delimiter` blocks of a GITHUB_OUTPUT file. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([\w-]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; lines[i] !== m[2]; i++) value.push(lines[i]!);
    outputs[m[1]!] = value.join("\n");
  }
  return outputs;
}

const pullRequestEvent = (base: string, head: string, number = 7) => ({
  action: "synchronize",
  number,
  pull_request: { number, state: "open", title: "Breaker tweaks", base: { ref: "main", sha: base }, head: { ref: "feature", sha: head } },
  repository: { full_name: "acme/osint", name: "osint", owner: { login: "acme" } },
});

describe("the bundled Action on a pull request", () => {
  let pr: { repo: string; base: string; head: string };
  let run: ActionRun;
  beforeAll(async () => {
    pr = pullRequestRepo();
    run = await runAction(pr.repo, pullRequestEvent(pr.base, pr.head), { path: ".", "fail-on": "error", "sarif-file": "reports/telemetry-drift.sarif", comment: "false" });
  });

  it("annotates only the finding the pull request adds and fails on it", () => {
    expect(run.status).toBe(1);
    expect(run.stdout.split("\n").filter(Boolean)).toEqual([
      '::error file=dashboards/osint.json,line=70,col=38,title=telemetry-drift (series-missing)::Panel "Breaker state" of dashboard "OSINT search" queries `osint_breaker_stat`, which no metric definition, recording rule or known external source produces, so it shows no data; did you mean `osint_breaker_state` (from last_value("osint.breaker.state") at lib/prismatic_web/telemetry.ex:13)? Fix the query, or list it in `externalSeries` if another service exports it.',
      '::error title=telemetry-drift::1 finding at or above "error" added by this pull request; see the annotations and the job summary.',
    ]);
  });

  it("writes the outputs", () => {
    expect(run.outputs).toEqual({ errors: "1", warnings: "0", "new-findings": "1", "sarif-file": "reports/telemetry-drift.sarif" });
  });

  it("summarises new, fixed and remaining findings with links to both commits", () => {
    const s = run.summary;
    expect(s).toContain(`**1 new finding** (1 error) · 3 fixed · 3 remaining, compared with the base commit \`${pr.base.slice(0, 7)}\`.`);
    const section = (title: string) => s.slice(s.indexOf(title), s.indexOf("\n\n", s.indexOf("|---", s.indexOf(title))));
    expect(section("### New (1)")).toContain(`[\`dashboards/osint.json:70\`](https://github.com/acme/osint/blob/${pr.head}/dashboards/osint.json#L70)`);
    const fixed = section("### Fixed (3)");
    expect(fixed.match(/^\| \[`[a-z-]+`\]/gm)).toEqual(["| [`series-missing`]", "| [`metric-unsupported`]", "| [`series-missing`]"]);
    expect(fixed).toContain(`(https://github.com/acme/osint/blob/${pr.base}/lib/prismatic_web/telemetry.ex#L6)`);
    expect(s).toContain("<details><summary><b>Remaining (3)</b></summary>");
    // The shifted event is remaining, at its new line in the head commit.
    expect(s).toContain(`[\`lib/prismatic_osint/breaker.ex:15\`](https://github.com/acme/osint/blob/${pr.head}/lib/prismatic_osint/breaker.ex#L15)`);
    // The provenance chain rides along.
    expect(s).toContain("<br>↳ [`lib/prismatic_web/telemetry.ex:13`]");
    expect(s).toContain("Every finding is also in the SARIF file `reports/telemetry-drift.sarif`.");
  });

  it("writes SARIF 2.1.0 that the official JSON schema accepts, with every head finding and stable fingerprints", () => {
    const sarif = JSON.parse(readFileSync(join(pr.repo, "reports", "telemetry-drift.sarif"), "utf8"));
    const schema = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("schemastore/schemas/json/sarif-2.1.0.json"), "utf8"));
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false }) // the schema has a pattern only valid without the u flag;
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate({ ...sarif, version: "2.0.0" })).toBe(false); // the validator does reject a wrong file
    const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; partialFingerprints: Record<string, string> }[];
    expect(results).toHaveLength(4);
    expect(results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(["dashboards/osint.json", "dashboards/osint.json", "lib/prismatic_osint/breaker.ex", "lib/prismatic_web/telemetry.ex"]);
    for (const r of results) expect(r.partialFingerprints["telemetryDrift/v2"]).toMatch(/^[0-9a-f]{32}$/);
  });

  it("reports everything, with a note, when the base commit cannot be read", async () => {
    const missing = await runAction(pr.repo, pullRequestEvent("f".repeat(40), pr.head), { "fail-on": "never", "sarif-file": "" });
    expect(missing.status).toBe(0);
    expect(missing.outputs).toMatchObject({ errors: "3", warnings: "1", "new-findings": "4", "sarif-file": "" });
    expect(missing.summary).toContain("> Could not analyse the base commit, so every finding is reported: the base commit fffffff is not in the checkout and could not be fetched (use actions/checkout with fetch-depth: 0).");
  });

  it("reports every finding on a push (no base), and a subfolder's paths stay repo-relative", async () => {
    const mono = mkdtempSync(join(work, "mono-"));
    git(mono, "init", "-q", "-b", "main");
    cpSync(join(REPO, "fixtures", "seed"), join(mono, "services", "osint"), { recursive: true });
    const push = await runAction(mono, { ref: "refs/heads/main" }, { path: "services/osint", "fail-on": "warning", "sarif-file": "" }, { GITHUB_EVENT_NAME: "push" });
    expect(push.status).toBe(1);
    expect(push.outputs["new-findings"]).toBe("6");
    expect(push.stdout).toContain("::warning file=services/osint/lib/prismatic_osint/breaker.ex,line=12,");
    expect(push.summary).toContain("**6 findings** (5 errors, 1 warning).");
  });

  it("leaves git's view of the checkout clean: the linked files' new ctimes are refreshed in the index", () => {
    // The run in beforeAll linked the head's unchanged files into the base tree and removed the links.
    expect(spawnSync("git", ["diff-index", "--quiet", "HEAD", "--"], { cwd: pr.repo }).status).toBe(0);
    expect(git(pr.repo, "diff-files", "--name-only")).toBe("");
  });

  it("keeps the fact cache in `cache-location` and reports the same with it, on a first and a later run", async () => {
    const cache = join(work, "runner-cache");
    const inputs = { path: ".", "fail-on": "error", "sarif-file": "", comment: "false", "cache-location": cache };
    const first = await runAction(pr.repo, pullRequestEvent(pr.base, pr.head), inputs);
    // Only the head's files are kept (one index and one facts store), not the base tree's.
    expect(readdirSync(cache).sort()).toEqual([expect.stringMatching(/^facts-[0-9a-f]{16}\.bin$/), expect.stringMatching(/^index-[0-9a-f]{16}\.bin$/)]);
    const later = await runAction(pr.repo, pullRequestEvent(pr.base, pr.head), inputs);
    const { "cache-location": _none, ...withoutCache } = inputs;
    const reference = await runAction(pr.repo, pullRequestEvent(pr.base, pr.head), withoutCache);
    expect(reference.outputs["new-findings"]).toBe("1");
    for (const again of [first, later]) {
      expect(again.status).toBe(reference.status);
      expect(again.outputs).toEqual(reference.outputs);
      expect(again.stdout).toBe(reference.stdout);
      expect(again.summary).toBe(reference.summary);
    }
  });

  /** A monorepo in `mono` (the seed app in services/osint, and more services): a pull request adding one finding to the app. */
  function monorepoPullRequest(mono: string, services: Record<string, string> = {}): { base: string; head: string } {
    cpSync(join(REPO, "fixtures", "seed"), join(mono, "services", "osint"), { recursive: true });
    for (const [name, fixture] of Object.entries(services)) cpSync(join(REPO, "fixtures", fixture), join(mono, "services", name), { recursive: true });
    git(mono, "init", "-q", "-b", "main");
    git(mono, "config", "user.email", "dev@example.com");
    git(mono, "config", "user.name", "Dev");
    git(mono, "add", "-A");
    git(mono, "commit", "-qm", "base");
    const base = git(mono, "rev-parse", "HEAD");
    edit(join(mono, "services", "osint", "dashboards", "osint.json"), "osint_breaker_state", "osint_breaker_stat");
    git(mono, "commit", "-qam", "feature");
    return { base, head: git(mono, "rev-parse", "HEAD") };
  }

  it("compares a subfolder (`path`) with the same folder of the base commit", async () => {
    const mono = mkdtempSync(join(work, "mono-pr-"));
    const { base, head } = monorepoPullRequest(mono, { checkout: "ts-otel" });
    const sub = await runAction(mono, pullRequestEvent(base, head), { path: "services/osint", "fail-on": "error", "sarif-file": "" });
    expect(sub.status).toBe(1);
    expect(sub.outputs["new-findings"]).toBe("1");
    expect(sub.stdout).toContain("::error file=services/osint/dashboards/osint.json,line=70,col=38,title=telemetry-drift (series-missing)::");
    expect(sub.summary).toContain("**1 new finding** (1 error) · 0 fixed · 6 remaining");
  });

  it("compares with the base commit when the repository is a folder of the workspace (actions/checkout's `path`)", async () => {
    const workspace = mkdtempSync(join(work, "workspace-"));
    const { base, head } = monorepoPullRequest(join(workspace, "code"));
    const run = await runAction(workspace, pullRequestEvent(base, head), { path: "code/services/osint", "fail-on": "error", "sarif-file": "" });
    expect(run.summary).not.toContain("Could not analyse the base commit");
    expect(run.outputs["new-findings"]).toBe("1");
    expect(run.summary).toContain("**1 new finding** (1 error) · 0 fixed · 6 remaining");
  });

  it("analyses TypeScript on both commits (TypeScript's parser runs inside the bundle)", async () => {
    const { repo, base } = baseRepo("ts-otel");
    // Renames the gauge a panel reads: the panel's label finding becomes a missing-series finding.
    edit(join(repo, "src", "telemetry", "metrics.ts"), 'createObservableGauge("checkout.queue.depth")', 'createObservableGauge("checkout.queue.size")');
    git(repo, "commit", "-qam", "rename the gauge");
    const run = await runAction(repo, pullRequestEvent(base, git(repo, "rev-parse", "HEAD")), { "fail-on": "error", "sarif-file": "" });
    expect(run.stdout).not.toContain("internal error");
    expect(run.status).toBe(1);
    expect(run.outputs["new-findings"]).toBe("1");
    expect(run.stdout).toContain("::error file=dashboards/checkout.json,line=31,col=72,title=telemetry-drift (series-missing)::");
    expect(run.summary).toContain("**1 new finding**");
  });

  it("honours a baseline and reports its stale entries", async () => {
    const baselined = mkdtempSync(join(work, "baselined-"));
    cpSync(pr.repo, baselined, { recursive: true });
    const cli = spawnSync(process.execPath, [join(REPO, "dist", "src", "cli", "main.js"), "baseline", baselined, "--no-cache", "-o", join(baselined, "drift-baseline.json")], { encoding: "utf8" });
    expect(cli.status, cli.stderr).toBe(0);
    // The baseline knows today's findings; on a push every finding is judged against it.
    const clean = await runAction(baselined, { ref: "refs/heads/main" }, { baseline: "drift-baseline.json", "sarif-file": "" }, { GITHUB_EVENT_NAME: "push" });
    expect(clean.status).toBe(0);
    expect(clean.outputs["new-findings"]).toBe("0");
    expect(clean.summary).toContain("Baseline `drift-baseline.json`: 4 known findings not reported.");
    edit(join(baselined, "dashboards", "osint.json"), "osint_breaker_close_count", "osint_breaker_close_total");
    const stale = await runAction(baselined, { ref: "refs/heads/main" }, { baseline: "drift-baseline.json", "sarif-file": "", "fail-on": "error" }, { GITHUB_EVENT_NAME: "push" });
    expect(stale.outputs).toMatchObject({ errors: "1", warnings: "1" }); // the renamed query, and its stale baseline entry
    expect(stale.stdout).toContain("::warning file=drift-baseline.json,line=");
    expect(stale.summary).toContain("1 stale entry (reported as suppression-unused)");
  });

  it("fails with one clear annotation on bad inputs and config errors", async () => {
    const badInput = await runAction(pr.repo, pullRequestEvent(pr.base, pr.head), { "fail-on": "sometimes" });
    expect(badInput.status).toBe(1);
    expect(badInput.stdout).toBe('::error title=telemetry-drift::telemetry-drift: input "fail-on" must be error, warning, info or never, got "sometimes"\n');
    const noFolder = await runAction(pr.repo, pullRequestEvent(pr.base, pr.head), { path: "services/missing" });
    expect(noFolder.status).toBe(1);
    expect(noFolder.stdout).toBe('::error title=telemetry-drift::telemetry-drift: input "path" (services/missing) is not a folder in the workspace\n');
    writeFileSync(join(pr.repo, "blocker"), "a file where a folder is expected\n");
    const blocked = await runAction(pr.repo, pullRequestEvent(pr.base, pr.head), { "sarif-file": "blocker/out.sarif", "fail-on": "never" });
    expect(blocked.status).toBe(1);
    expect(blocked.stdout).toMatch(/^::error title=telemetry-drift::telemetry-drift: input "sarif-file": cannot write blocker\/out\.sarif \(/m);
    rmSync(join(pr.repo, "blocker"));
    writeFileSync(join(work, "bad-config.json"), '{ "rules": { "no-such-rule": "error" } }');
    const badConfig = await runAction(pr.repo, pullRequestEvent(pr.base, pr.head), { config: join(work, "bad-config.json") });
    expect(badConfig.status).toBe(1);
    expect(badConfig.stdout.split("\n").filter(Boolean)).toHaveLength(1);
    expect(badConfig.stdout).toMatch(/^::error title=telemetry-drift::telemetry-drift: .*bad-config\.json/);
    const cacheInside = await runAction(pr.repo, pullRequestEvent(pr.base, pr.head), { "cache-location": ".cache/telemetry-drift" });
    expect(cacheInside.status).toBe(1);
    expect(cacheInside.stdout).toBe('::error title=telemetry-drift::telemetry-drift: input "cache-location" (.cache/telemetry-drift) is inside the workspace, where a pull request could plant a crafted cache; use a folder outside it, such as ${{ runner.temp }}/telemetry-drift\n');
  });
});

describe("the pull request comment", () => {
  interface Recorded {
    method: string;
    url: string;
    body?: { body: string };
  }
  /**
   * A stand-in for api.github.com on loopback: records requests, answers like the REST API does for the
   * workflow's GITHUB_TOKEN (comments written as github-actions[bot], 403 from GET /user and, here, from GraphQL). Someone else's
   * comment carries the marker too: it must be left alone.
   */
  async function githubApi(mode: "writable" | "read-only") {
    const requests: Recorded[] = [];
    const comments: { id: number; body: string; user: { login: string; type: string } }[] = [
      { id: 1, body: "LGTM", user: { login: "octocat", type: "User" } },
      { id: 2, body: "<!-- telemetry-drift:pull-request-report -->\nNo drift, merge away!", user: { login: "mallory", type: "User" } },
    ];
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let data = "";
      req.on("data", (c: Buffer) => (data += c.toString()));
      req.on("end", () => {
        const body = data ? (JSON.parse(data) as { body: string }) : undefined;
        requests.push({ method: req.method!, url: req.url!, ...(body ? { body } : {}) });
        const json = (status: number, value: unknown) => {
          res.writeHead(status, { "content-type": "application/json" });
          res.end(JSON.stringify(value));
        };
        if (req.headers.authorization !== "Bearer test-token") return json(401, { message: "Bad credentials" });
        if (req.method === "GET" && req.url!.startsWith("/repos/acme/osint/issues/7/comments")) return json(200, comments);
        if (mode === "read-only" || req.url === "/user" || req.url === "/graphql") return json(403, { message: "Resource not accessible by integration" });
        if (req.method === "POST" && req.url === "/repos/acme/osint/issues/7/comments") {
          comments.push({ id: 99, body: body!.body, user: { login: "github-actions[bot]", type: "Bot" } });
          return json(201, { id: 99, html_url: "https://github.com/acme/osint/pull/7#issuecomment-99" });
        }
        const patch = /^\/repos\/acme\/osint\/issues\/comments\/(\d+)$/.exec(req.url!);
        if (req.method === "PATCH" && patch) {
          comments.find((c) => c.id === Number(patch[1]))!.body = body!.body;
          return json(200, { id: Number(patch[1]), html_url: `https://github.com/acme/osint/pull/7#issuecomment-${patch[1]}` });
        }
        json(404, { message: "Not Found" });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, requests, comments, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  it("creates one comment, then updates the same one on a re-run (never another account's comment with the marker)", async () => {
    const pr = pullRequestRepo();
    const api = await githubApi("writable");
    try {
      const inputs = { comment: "true", "github-token": "test-token", "sarif-file": "" };
      const first = await runAction(pr.repo, pullRequestEvent(pr.base, pr.head), inputs, { GITHUB_API_URL: api.url });
      expect(first.stdout).toContain("telemetry-drift: created the pull request comment https://github.com/acme/osint/pull/7#issuecomment-99\n");
      const second = await runAction(pr.repo, pullRequestEvent(pr.base, pr.head), inputs, { GITHUB_API_URL: api.url });
      expect(second.stdout).toContain("telemetry-drift: updated the pull request comment https://github.com/acme/osint/pull/7#issuecomment-99\n");
      expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
        "GET /repos/acme/osint/issues/7/comments?per_page=100&page=1",
        "GET /user",
        "POST /graphql",
        "POST /repos/acme/osint/issues/7/comments",
        "GET /repos/acme/osint/issues/7/comments?per_page=100&page=1",
        "GET /user",
        "POST /graphql",
        "PATCH /repos/acme/osint/issues/comments/99",
      ]);
      expect(api.comments).toHaveLength(3);
      expect(api.comments[1]!.body).toContain("merge away");
      expect(api.comments[2]!.body).toMatch(/^<!-- telemetry-drift:pull-request-report -->\n## telemetry-drift\n\n\*\*1 new finding\*\*/);
    } finally {
      await api.close();
    }
  });

  it("makes no API call at all unless commenting is switched on (no write permission needed)", async () => {
    const pr = pullRequestRepo();
    const api = await githubApi("writable");
    try {
      const run = await runAction(pr.repo, pullRequestEvent(pr.base, pr.head), { "github-token": "test-token", "sarif-file": "" }, { GITHUB_API_URL: api.url });
      expect(run.status).toBe(1);
      expect(api.requests).toEqual([]);
    } finally {
      await api.close();
    }
  });

  it("falls back to the summary when the token cannot write (a fork's pull request)", async () => {
    const pr = pullRequestRepo();
    const api = await githubApi("read-only");
    try {
      const run = await runAction(pr.repo, pullRequestEvent(pr.base, pr.head), { comment: "true", "github-token": "test-token", "fail-on": "never", "sarif-file": "" }, { GITHUB_API_URL: api.url });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("::warning title=telemetry-drift::pull request comment not written: could not create the comment: HTTP 403, the token may not write to this pull request");
      expect(run.summary).toContain("> The pull request comment was not written: could not create the comment: HTTP 403");
      expect(run.summary).toContain("### New (1)");
    } finally {
      await api.close();
    }
  });
});
