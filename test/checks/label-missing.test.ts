// label-missing judges only matchers that cannot match a series without the label; a regex RE2 rejects
// is never taken as proof that a label is required.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeReport } from "../../src/engine/run.js";

async function labelFindings(exprs: string[]): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), "td-labels-"));
  writeFileSync(join(root, "package.json"), JSON.stringify({ dependencies: { "prom-client": "15.1.3" } }));
  writeFileSync(join(root, "metrics.js"), 'const client = require("prom-client");\nconst jobs = new client.Counter({ name: "jobs_total", help: "Jobs.", labelNames: ["queue"] });\njobs.inc({ queue: "a" });\nmodule.exports = { jobs };\n');
  const panels = exprs.map((expr, i) => ({ id: i + 1, type: "timeseries", title: `p${i}`, datasource: { type: "prometheus", uid: "prom" }, targets: [{ refId: "A", expr }] }));
  writeFileSync(join(root, "dash.json"), JSON.stringify({ uid: "d", title: "D", schemaVersion: 39, panels }, null, 2));
  try {
    const { report } = await analyzeReport({ root, config: {} });
    return report.findings.filter((f) => f.rule === "label-missing").map((f) => `${f.subject}: ${f.message.slice(0, 60)}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe("label-missing", () => {
  it("reports a matcher that needs a label the series lacks", async () => {
    expect(await labelFindings(['sum(rate(jobs_total{payment_method=~"prod|staging"}[5m]))'])).toEqual([expect.stringMatching(/^payment_method: /)]);
  });

  it("does not report matchers that also match series without the label", async () => {
    expect(await labelFindings(['sum(rate(jobs_total{payment_method!~"prod"}[5m]))', 'sum(rate(jobs_total{payment_method=~".*"}[5m]))', 'sum(rate(jobs_total{payment_method!="x"}[5m]))', 'sum(rate(jobs_total{payment_method=""}[5m]))'])).toEqual([]);
  });

  it("does not take a regex RE2 rejects as proof the label is required", async () => {
    expect(await labelFindings(['sum(rate(jobs_total{payment_method!~"(?=prod)p"}[5m]))', 'sum(rate(jobs_total{payment_method=~"(?=prod)p"}[5m]))'])).toEqual([]);
  });
});
