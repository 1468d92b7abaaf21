// Judgement in the checks: label-missing counts only matchers that cannot match a series without the
// label (a regex RE2 rejects is never proof); series-missing needs metric definitions; duplicates are per registry.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

describe("series-missing in a tree without metric definitions", () => {
  it("judges nothing: a dashboards-only repository has no contract to read against", async () => {
    const root = mkdtempSync(join(tmpdir(), "td-dashboards-only-"));
    const panels = [{ id: 1, type: "timeseries", title: "p", datasource: { type: "prometheus", uid: "prom" }, targets: [{ refId: "A", expr: "sum(rate(http_requests_total[5m]))" }] }];
    writeFileSync(join(root, "dash.json"), JSON.stringify({ uid: "d", title: "D", schemaVersion: 39, panels }, null, 2));
    try {
      expect((await analyzeReport({ root, config: {} })).report.findings).toEqual([]);
      // With one metric defined, the same query is judged.
      writeFileSync(join(root, "metrics.js"), 'const client = require("prom-client");\nnew client.Counter({ name: "jobs_total", help: "Jobs." }).inc();\n');
      const findings = (await analyzeReport({ root, config: {} })).report.findings;
      expect(findings.map((f) => `${f.rule} ${f.subject}`)).toEqual(["series-missing http_requests_total"]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("metric-invalid: duplicate prom-client names", () => {
  it("count within one package (one process's default registry), not across a monorepo's services", async () => {
    const root = mkdtempSync(join(tmpdir(), "td-monorepo-"));
    const service = (dir: string) => {
      mkdirSync(join(root, dir), { recursive: true });
      writeFileSync(join(root, dir, "package.json"), JSON.stringify({ name: dir.replace("/", "-"), dependencies: { "prom-client": "15.1.3" } }));
      writeFileSync(join(root, dir, "metrics.js"), 'const client = require("prom-client");\nconst jobs = new client.Counter({ name: "jobs_total", help: "Jobs." });\njobs.inc();\n');
    };
    service("services/a");
    service("services/b");
    try {
      expect((await analyzeReport({ root, config: {} })).report.findings.filter((f) => f.rule === "metric-invalid")).toEqual([]);
      writeFileSync(join(root, "services/a", "more.js"), 'const client = require("prom-client");\nconst again = new client.Counter({ name: "jobs_total", help: "Again." });\nagain.inc();\n');
      const findings = (await analyzeReport({ root, config: {} })).report.findings.filter((f) => f.rule === "metric-invalid");
      expect(findings.map((f) => `${f.file}:${f.line} ${f.subject}`)).toEqual(["services/a/more.js:2 jobs_total"]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("event-declared-unemitted", () => {
  it("lists the first five consumers of a declared event, then a count (a handler on Events.all() is a consumer of every event)", async () => {
    const root = mkdtempSync(join(tmpdir(), "td-declared-"));
    mkdirSync(join(root, "lib"));
    writeFileSync(join(root, "mix.exs"), 'defmodule App.MixProject do\n  use Mix.Project\n  def project, do: [app: :app, deps: [{:telemetry, "~> 1.2"}]]\nend\n');
    writeFileSync(join(root, "lib", "events.ex"), "defmodule App.Events do\n  def all, do: [[:app, :checkout, :done]]\nend\n");
    const attaches = Array.from({ length: 7 }, (_, i) => `  def attach${i}, do: :telemetry.attach_many("h${i}", App.Events.all(), &__MODULE__.handle/4, nil)\n`).join("");
    writeFileSync(join(root, "lib", "handlers.ex"), `defmodule App.Handlers do\n${attaches}  def handle(_, _, _, _), do: :ok\nend\n`);
    try {
      const { report } = await analyzeReport({ root, config: {} });
      const [declared] = report.findings.filter((f) => f.rule === "event-declared-unemitted");
      expect(declared!.message).toContain("7 consumers wait for it");
      expect(declared!.related.map((r) => `${r.line} ${r.message}`)).toEqual([
        "2 consumed by a :telemetry handler",
        "3 consumed by a :telemetry handler",
        "4 consumed by a :telemetry handler",
        "5 consumed by a :telemetry handler",
        "6 consumed by a :telemetry handler",
        "7 … and 2 more consumers",
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("metric-field-missing", () => {
  async function fieldFindings(emits: string[]): Promise<string[]> {
    const root = mkdtempSync(join(tmpdir(), "td-fields-"));
    mkdirSync(join(root, "lib"));
    writeFileSync(join(root, "mix.exs"), 'defmodule App.MixProject do\n  use Mix.Project\n  def project, do: [app: :app, deps: [{:telemetry_metrics, "~> 1.0"}]]\nend\n');
    writeFileSync(join(root, "lib", "telemetry.ex"), 'defmodule App.Telemetry do\n  import Telemetry.Metrics\n  def metrics do\n    [counter("app.job.done.count", tags: [:queue]), sum("app.job.done.bytes", tags: [:queue])]\n  end\nend\n');
    writeFileSync(join(root, "lib", "emit.ex"), `defmodule App.Emit do\n${emits.map((e, i) => `  def f${i}(meta), do: :telemetry.execute([:app, :job, :done], %{bytes: 1}, ${e})\n`).join("")}end\n`);
    try {
      const { report } = await analyzeReport({ root, config: {} });
      return report.findings.filter((f) => f.rule === "metric-field-missing").map((f) => `${f.subject}: ${f.message}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }

  it("reports a tag no site passes, quoting at most 20 of the keys they do pass", async () => {
    const keys = Array.from({ length: 25 }, (_, i) => `k${String(i).padStart(2, "0")}`);
    const findings = await fieldFindings([`%{${keys.slice(0, 13).map((k) => `${k}: 1`).join(", ")}}`, `%{${keys.slice(13).map((k) => `${k}: 1`).join(", ")}}`]);
    expect(findings).toHaveLength(2); // the counter's and the sum's tag
    expect(findings[0]).toContain(`none of the 2 emit sites of \`app.job.done\` passes it (metadata: ${keys.slice(0, 20).map((k) => `\`${k}\``).join(", ")} and 5 more)`);
  });

  it("reports nothing when one site passes the tag or passes metadata it cannot see", async () => {
    expect(await fieldFindings(["%{other: 1}", "%{queue: 1}"])).toEqual([]);
    expect(await fieldFindings(["%{other: 1}", "meta"])).toEqual([]);
    expect(await fieldFindings(["%{}"])).toEqual([expect.stringContaining("(metadata: none)"), expect.stringContaining("(metadata: none)")]);
  });
});
