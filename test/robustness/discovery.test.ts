// Bad input that discovery itself meets: a file name that is not UTF-8, a .gitignore line the ignore
// library cannot compile. Each is one located finding; the run completes with its other findings
// unchanged. Same harness as cli.test.ts.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/model.js";
import { analyseTree, findingsFor, makeTree, otherFindings, removeTrees, runCli } from "./tree.js";

let baseline: Finding[] = [];

beforeAll(() => {
  baseline = analyseTree(makeTree()).report.findings;
  expect(baseline.length).toBeGreaterThan(3);
});

afterAll(removeTrees);

describe("discovery problems", () => {
  it("a file whose name is not valid UTF-8 is reported for its name, not as deleted during the run", () => {
    const root = makeTree();
    writeFileSync(Buffer.concat([Buffer.from(join(root, "lib/caf")), Buffer.from([0xe9]), Buffer.from(".ex")]), 'defmodule Cafe do\n  def f, do: :telemetry.execute([:cafe, :x], %{n: 1}, %{})\nend\n');
    const run = analyseTree(root);
    expect([0, 1]).toContain(run.status);
    const file = "lib/caf\ufffd.ex";
    expect(otherFindings(run.report, [file])).toEqual(baseline);
    const findings = findingsFor(run.report, file);
    expect(findings.map((f) => f.rule)).toEqual(["input-unparseable"]);
    expect(findings[0]!.message).not.toMatch(/deleted during the run/);
    expect(findings[0]!.message).toMatch(/name/i);
  });

  it("a .gitignore line the ignore library cannot compile does not abort the run", () => {
    const root = makeTree({ ".gitignore": `${"x".repeat(70_000)}\n*.tmp\n` });
    const run = runCli([root, "--format", "json"]);
    expect(run.stderr).not.toMatch(/internal error/);
    expect([0, 1]).toContain(run.status);
    expect(run.report).toBeDefined();
    expect(otherFindings(run.report!, [".gitignore"])).toEqual(baseline);
    expect(findingsFor(run.report!, ".gitignore").length).toBeLessThanOrEqual(1);
  });
});
