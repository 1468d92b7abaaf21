// Baselines: write, reuse across line shifts, report new drift and stale entries; fingerprints ignore lines.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO, brief, jsonReport, runCli } from "../e2e/run-cli.js";
import { applyBaseline, formatBaseline, parseBaseline } from "../../src/baseline/baseline.js";
import { LONG_LINE, WINDOW, fingerprints } from "../../src/report/fingerprint.js";
import type { Finding } from "../../src/model.js";
import type { Report } from "../../src/report/report.js";

const work = mkdtempSync(join(tmpdir(), "td-baseline-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const finding = (over: Partial<Finding>): Finding => ({ rule: "series-missing", severity: "error", message: "m", file: "d.json", line: 3, column: 1, subject: "x_total", related: [], ...over });

describe("fingerprints", () => {
  it("ignore the line number but see the line's text, and tell repeats apart", () => {
    const text = (lines: Record<number, string>) => (_file: string, line: number) => lines[line];
    const [a] = fingerprints([finding({ line: 3 })], text({ 3: '  "expr": "rate(x_total[5m])"' }));
    const [shifted] = fingerprints([finding({ line: 40 })], text({ 40: '"expr":   "rate(x_total[5m])"' }));
    const [edited] = fingerprints([finding({ line: 3 })], text({ 3: '"expr": "sum(rate(x_total[5m]))"' }));
    expect(shifted).toBe(a);
    expect(edited).not.toBe(a);
    const twice = fingerprints([finding({}), finding({})], text({ 3: "same" }));
    expect(twice[0]).not.toBe(twice[1]);
  });

  it("are pinned: existing baselines keep matching", () => {
    const f = finding({ column: 13 });
    expect(fingerprints([f, f], () => '  "expr":   "rate(x_total[5m])"  ')).toEqual(["ceacd0f00acee17d40ac955876b8bc92", "b7d115661dc3443a9e8a8d2100a9a24b"]);
  });

  it("see only a window around the finding on a very long line (a minified dashboard)", () => {
    const query = '"expr":"rate(x_total[5m])"';
    const line = (left: string, right: string) => `${left}${query}${right}`;
    const far = "y".repeat(LONG_LINE);
    const column = far.length + 1;
    const print = (text: string, at = column) => fingerprints([finding({ column: at })], () => text)[0];
    const a = print(line(far, far));
    // Text further than WINDOW characters from the finding does not count; text within it does.
    expect(print(line(far, `${"y".repeat(WINDOW)}CHANGED${"y".repeat(LONG_LINE)}`))).toBe(a);
    expect(print(line(`CHANGED${far.slice(7)}`, far))).toBe(a);
    expect(print(line(`${"y".repeat(10)}${far}`, far), column + 10)).toBe(a); // moved along the line
    expect(print(line(far, `CHANGED${far}`))).not.toBe(a);
    // The window also ends the line's share of the work: 4,000 findings on a 1 MiB line.
    const panels = Array.from({ length: 4000 }, (_, i) => `{"expr":"rate(s${i}_total[5m])","p":"${"z".repeat(220)}"},`);
    const huge = panels.join("");
    let offset = 0;
    const many = panels.map((panel, i) => {
      const column = offset + panel.indexOf("(") + 2;
      offset += panel.length;
      return finding({ column, subject: `s${i}_total` });
    });
    expect(huge.slice(many[3999]!.column - 1).startsWith("s3999_total")).toBe(true);
    expect(new Set(fingerprints(many, () => huge)).size).toBe(4000);
    // A line at the limit is still seen whole.
    const atLimit = line("y".repeat(LONG_LINE - query.length - 8), "y".repeat(8));
    expect(atLimit.length).toBe(LONG_LINE);
    expect(print(atLimit, 1)).not.toBe(print(`CHANGED${atLimit.slice(7)}`, 1));
  });
});

describe("baseline file", () => {
  const report = (findings: Finding[]): Report => ({
    version: 1,
    tool: { name: "telemetry-drift", version: "0" },
    root: ".",
    findings,
    summary: { error: findings.length, warning: 0, info: 0 },
    inventory: { files: 1, events: 0, metrics: 0, series: 0, queries: 0 },
  });

  it("round-trips, accepts known findings once each and reports stale entries at their line", () => {
    const a = finding({ subject: "a", fingerprint: "fa" });
    const b = finding({ subject: "b", fingerprint: "fb", line: 9 });
    const text = formatBaseline(report([b, a]));
    expect(text).toBe(
      '{\n  "version": 1,\n  "tool": "telemetry-drift",\n  "findings": [\n' +
        '    {"fingerprint":"fa","rule":"series-missing","file":"d.json","subject":"a"},\n' +
        '    {"fingerprint":"fb","rule":"series-missing","file":"d.json","subject":"b"}\n  ]\n}\n',
    );
    const parsed = parseBaseline("base.json", text);
    if ("error" in parsed) throw new Error(parsed.error);
    expect(parsed.lines).toEqual([5, 6]);

    const c = finding({ subject: "c", fingerprint: "fc" });
    const applied = applyBaseline(report([a, c]), parsed, "base.json", "warning");
    expect(applied.findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.subject}`)).toEqual(["suppression-unused base.json:6 fb", "series-missing d.json:3 c"]);
    expect(applied.baseline).toEqual({ file: "base.json", matched: 1, stale: 1 });
    expect(applied.summary).toEqual({ error: 1, warning: 1, info: 0 });
    expect(applyBaseline(report([a, c]), parsed, "base.json", "off").findings.map((f) => f.subject)).toEqual(["c"]);
  });

  it("rejects files that are not baselines with the file and line", () => {
    expect(parseBaseline("b.json", "{ nope")).toEqual({ error: expect.stringMatching(/^b\.json:1: not a telemetry-drift baseline \(invalid JSON/) });
    expect(parseBaseline("b.json", '{"findings": [\n {"rule": "x"}]}')).toEqual({ error: 'b.json:2: a baseline entry needs "fingerprint", "rule", "file" and "subject"' });
    expect(parseBaseline("b.json", "[]")).toEqual({ error: expect.stringContaining('no "findings" list') });
  });
});

describe("telemetry-drift baseline (CLI)", () => {
  it("adopts a drifting repo: nothing reported after line shifts, new drift and stale entries are", () => {
    const root = mkdtempSync(join(work, "seed-"));
    cpSync(join(REPO, "fixtures", "seed"), root, { recursive: true });
    const before = jsonReport([root, "--no-cache"]).report;
    expect(before.findings.length).toBe(6);

    const written = runCli(["baseline", root, "--no-cache"]);
    expect(written.status).toBe(0);
    expect(written.stderr).toBe(`telemetry-drift: wrote 6 findings to ${join(root, "telemetry-drift-baseline.json")}; run with --baseline ${join(root, "telemetry-drift-baseline.json")} to report only new drift\n`);
    const baselineFile = join(root, "telemetry-drift-baseline.json");

    const clean = runCli([root, "--no-cache", "--baseline", baselineFile, "--format", "json"]);
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ findings: [], baseline: { file: "telemetry-drift-baseline.json", matched: 6, stale: 0 } });

    // Shift every line of the files with findings: still nothing new.
    for (const file of new Set(before.findings.map((f) => f.file))) {
      const path = join(root, file);
      const text = readFileSync(path, "utf8");
      writeFileSync(path, file.endsWith(".json") ? text.replace("{", "{\n\n\n") : `# moved\n\n${text}`);
    }
    expect(jsonReport([root, "--no-cache", "--baseline", baselineFile]).report.findings).toEqual([]);

    // Fix one drift (the summary the exporter drops) and add another (a typo in a panel).
    const metrics = join(root, "lib", "prismatic_web", "telemetry.ex");
    writeFileSync(metrics, readFileSync(metrics, "utf8").replace('summary("osint.search.stop.duration",\n        unit: {:native, :millisecond},', 'distribution("osint.search.stop.duration",\n        unit: {:native, :millisecond}, reporter_options: [buckets: [100, 500, 1000]],'));
    const dashboard = join(root, "dashboards", "osint.json");
    writeFileSync(dashboard, readFileSync(dashboard, "utf8").replace("osint_breaker_state", "osint_breaker_stat"));
    const after = runCli([root, "--no-cache", "--baseline", baselineFile, "--format", "json"]);
    const report = JSON.parse(after.stdout) as Report;
    // The distribution fixes three findings at once (the dropped summary and the two queries of its series).
    const stale = (subject: string) => {
      const i = entries(baselineFile).findIndex((e) => e.subject === subject);
      return `suppression-unused telemetry-drift-baseline.json:${5 + i} ${entries(baselineFile)[i]!.fingerprint}`;
    };
    expect(report.findings.map(brief)).toEqual([
      "series-missing dashboards/osint.json:73 osint_breaker_stat",
      stale("osint_search_stop_duration_bucket"),
      stale("osint.search.stop.duration"),
      stale("osint_search_stop_duration_count"),
    ]);
    expect(report.baseline).toEqual({ file: "telemetry-drift-baseline.json", matched: 3, stale: 3 });
    expect(after.status).toBe(1);
  });

  it.runIf(existsSync("/dev/zero"))("refuses a device given as the baseline or the config, without reading it", () => {
    const baseline = runCli([join(REPO, "fixtures", "clean"), "--no-cache", "--baseline", "/dev/zero"]);
    expect(baseline.status).toBe(2);
    expect(baseline.stderr).toBe("telemetry-drift: /dev/zero: cannot read the baseline (/dev/zero is not a regular file)\n");
    const config = runCli([join(REPO, "fixtures", "clean"), "--no-cache", "--config", "/dev/zero"]);
    expect(config.status).toBe(2);
    expect(config.stderr).toMatch(/^telemetry-drift: .*dev\/zero: .*not a regular file.*\n$/);
  });

  it("fails with exit 2 and one line when the baseline is missing or malformed", () => {
    const missing = runCli([join(REPO, "fixtures", "clean"), "--no-cache", "--baseline", join(work, "nope.json")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^telemetry-drift: .*nope\.json: cannot read the baseline \(ENOENT\); write one with `telemetry-drift baseline`\n$/);
    const bad = join(work, "bad.json");
    writeFileSync(bad, "{ not json");
    const malformed = runCli([join(REPO, "fixtures", "clean"), "--no-cache", "--baseline", bad]);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr.split("\n")).toHaveLength(2);
    expect(malformed.stderr).toContain("not a telemetry-drift baseline");
  });
});

function entries(file: string): { fingerprint: string; rule: string; subject: string }[] {
  return (JSON.parse(readFileSync(file, "utf8")) as { findings: { fingerprint: string; rule: string; subject: string }[] }).findings;
}
