// The Action's pure parts: inputs, annotation limits, head/base comparison, summary size limits.
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/model.js";
import { readInputs } from "../../src/action/inputs.js";
import { planAnnotations } from "../../src/action/annotations.js";
import { compareRuns } from "../../src/action/compare.js";
import { formatSummary } from "../../src/action/summary.js";

const finding = (severity: Finding["severity"], n: number, over: Partial<Finding> = {}): Finding => ({
  rule: "series-missing",
  severity,
  message: `finding ${n}`,
  file: `f${String(n).padStart(3, "0")}.json`,
  line: n,
  column: 1,
  subject: `s${n}`,
  related: [],
  fingerprint: `fp${severity}${n}`,
  ...over,
});

describe("inputs", () => {
  it("reads INPUT_* with defaults that depend on the event", () => {
    expect(readInputs({}, "pull_request")).toEqual({ path: ".", failOn: "error", onlyNew: true, comment: false });
    expect(readInputs({}, "push")).toEqual({ path: ".", failOn: "error", onlyNew: false, comment: false });
    expect(readInputs({ "INPUT_ONLY-NEW": "False", "INPUT_FAIL-ON": "warning", INPUT_COMMENT: "TRUE", "INPUT_SARIF-FILE": " out.sarif ", INPUT_PATH: "apps/web" }, "pull_request")).toEqual({
      path: "apps/web",
      failOn: "warning",
      onlyNew: false,
      comment: true,
      sarifFile: "out.sarif",
    });
    expect(readInputs({ INPUT_COMMENT: "yes" }, "push")).toEqual({ error: 'input "comment" must be true or false, got "yes"' });
    expect(readInputs({ "INPUT_CACHE-LOCATION": " /runner/_temp/telemetry-drift " }, "push")).toMatchObject({ cacheLocation: "/runner/_temp/telemetry-drift" });
  });
});

describe("annotations", () => {
  it("show the most severe first, at most 10 of each kind, then one notice for the rest", () => {
    const findings = [...Array.from({ length: 25 }, (_, i) => finding("error", i)), ...Array.from({ length: 3 }, (_, i) => finding("warning", 100 + i)), ...Array.from({ length: 15 }, (_, i) => finding("info", 200 + i))];
    const plan = planAnnotations(findings, "the job summary");
    const kinds = plan.lines.map((l) => /^::(\w+)/.exec(l)![1]);
    expect(kinds.filter((k) => k === "error")).toHaveLength(10);
    expect(kinds.filter((k) => k === "warning")).toHaveLength(3);
    expect(kinds.filter((k) => k === "notice")).toHaveLength(10);
    expect(plan.lines.slice(0, 2).map((l) => l.slice(0, 40))).toEqual(["::error file=f000.json,line=0,col=1,titl", "::error file=f001.json,line=1,col=1,titl"]);
    expect(plan.omitted).toBe(15 + 6);
    expect(plan.lines.at(-1)).toBe("::notice title=telemetry-drift::21 more findings are not annotated here (GitHub shows at most 10 errors, 10 warnings and 10 notices per step): see the job summary.\n");
  });

  it("need no overflow notice when everything fits", () => {
    const plan = planAnnotations([finding("warning", 1), finding("error", 2)], "x");
    expect(plan).toEqual({ lines: [expect.stringMatching(/^::error file=f002\.json/), expect.stringMatching(/^::warning file=f001\.json/)], omitted: 0 });
  });
});

describe("head against base", () => {
  it("matches by fingerprint, one to one", () => {
    const a = finding("error", 1);
    const b = finding("error", 2);
    const c = finding("warning", 3);
    const aMoved = { ...a, line: 40 };
    const result = compareRuns([aMoved, c, { ...c }], [a, b, c]);
    expect(result.added.map((f) => f.subject)).toEqual(["s3"]);
    expect(result.fixed.map((f) => f.subject)).toEqual(["s2"]);
    expect(result.remaining.map((f) => `${f.subject}:${f.line}`)).toEqual(["s1:40", "s3:3"]);
  });
});

describe("summary", () => {
  it("stays under the limit by dropping rows, saying how many", () => {
    const many = Array.from({ length: 400 }, (_, i) => finding("error", i, { message: "x".repeat(300) }));
    const text = formatSummary({ reported: many, headLink: () => undefined, baseLink: () => undefined, notes: [], limit: 20_000 });
    expect(text.length).toBeLessThanOrEqual(20_000);
    expect(text).toMatch(/… and \d+ more \(see the job log\)\./);
    expect(text.startsWith("<!-- telemetry-drift:pull-request-report -->\n## telemetry-drift\n\n**400 findings** (400 errors).")).toBe(true);
  });
});
