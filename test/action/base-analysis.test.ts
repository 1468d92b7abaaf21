// The base analysis over the linked base tree (src/action/base-tree.ts + AnalyzeOptions.linksInto)
// reports exactly what an analysis of a plain checkout of the base commit reports, with the head's run
// sharing its fact cache as the Action does.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeBaseTree } from "../../src/action/base-tree.js";
import { loadConfig } from "../../src/config/config.js";
import { analyzeReport, SharedRuns } from "../../src/engine/run.js";
import type { Report } from "../../src/report/report.js";
import { REPO } from "../e2e/run-cli.js";
import { edit, git } from "./repo-helpers.js";

const work = realpathSync(mkdtempSync(join(tmpdir(), "td-base-analysis-")));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const findings = (report: Report) => report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.fingerprint} ${f.message}`);

describe.skipIf(process.platform === "win32")("the base analysis over the linked base tree", () => {
  it("reports what an analysis of a checkout of the base commit reports", async () => {
    const repo = join(work, "repo");
    mkdirSync(repo);
    git(repo, "init", "-q", "-b", "main");
    cpSync(join(REPO, "fixtures", "seed"), repo, { recursive: true });
    cpSync(join(REPO, "fixtures", "mixed", "services"), join(repo, "services"), { recursive: true }); // TS/JS, for the parse thread
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "base");
    const base = git(repo, "rev-parse", "HEAD");
    // The pull request: a dashboard edited, an Elixir file changed, one deleted, one added.
    edit(join(repo, "dashboards", "osint.json"), "osint_breaker_state", "osint_breaker_stat");
    edit(join(repo, "lib", "prismatic_osint", "breaker.ex"), "defmodule", "# moved\n\ndefmodule");
    git(repo, "rm", "-q", "lib/prismatic_web/telemetry.ex");
    writeFileSync(join(repo, "lib", "added.ex"), 'defmodule Added do\n  def f, do: :telemetry.execute([:added, :event], %{n: 1}, %{})\nend\n');
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "feature");
    writeFileSync(join(repo, "lib", "untracked.ex"), 'defmodule Untracked do\n  def f, do: :telemetry.execute([:untracked], %{n: 1}, %{})\nend\n');
    // Files older than the fact cache's racy window, as a checkout made before the run: the head's run
    // proves them by stat, and the base analysis takes their facts without reading them again.
    const past = new Date(Date.now() - 3_600_000);
    for (const file of git(repo, "ls-files", "--others", "--cached", "--exclude-standard").split("\n")) utimesSync(join(repo, file), past, past);

    const { config } = loadConfig(repo);
    // A checkout of the base commit, the plain way.
    const checkout = join(work, "checkout");
    mkdirSync(checkout);
    spawnSync("sh", ["-c", `git archive ${base} | tar -x -C ${checkout}`], { cwd: repo });
    const expected = findings((await analyzeReport({ root: checkout, config, baseline: false })).report);
    expect(expected.length).toBeGreaterThan(5);

    // As the Action runs it: the head first, then the base over links, sharing the fact cache.
    const shared = new SharedRuns();
    try {
      const head = (await analyzeReport({ root: repo, config, baseline: false, workers: 1, shared })).report;
      expect(findings(head)).not.toEqual(expected);
      const destination = join(work, "base");
      mkdirSync(destination);
      const written = writeBaseTree(repo, base, destination, { known: (path) => shared.cache!.provenByStat(path) });
      if (!written.ok) throw new Error(written.reason);
      expect(written.symlinks).toBeGreaterThan(0);
      expect(written.linked.size).toBeGreaterThan(5);
      const report = (await analyzeReport({ root: destination, config, baseline: false, workers: 1, shared, unchangedFiles: written.linked, linksInto: repo })).report;
      expect(findings(report)).toEqual(expected);
      // And without the shared cache.
      const alone = (await analyzeReport({ root: destination, config, baseline: false, linksInto: repo })).report;
      expect(findings(alone)).toEqual(expected);
    } finally {
      await shared.close();
    }
  });
});
