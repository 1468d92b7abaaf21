import { describe, expect, it } from "vitest";
import { analyzePromQL, compileNamePattern, unquote } from "../../src/promql/index.js";

const brief = (expr: string) =>
  analyzePromQL(expr).selectors.map((s) => ({
    name: s.name ?? `~${s.namePattern ?? ""}`,
    matchers: s.matchers.map((m) => `${m.label}${m.op}${m.value}`),
    used: s.labelsUsed,
  }));

describe("analyzePromQL", () => {
  it("reads names, matchers (Go-unescaped) and offsets", () => {
    const r = analyzePromQL('rate(http_requests_total{code=~"5..", path="/a\\"b"}[5m])');
    expect(r.errors).toEqual([]);
    expect(r.selectors).toEqual([
      {
        name: "http_requests_total",
        matchers: [
          { label: "code", op: "=~", value: "5..", valueFrom: 31, valueTo: 36 },
          { label: "path", op: "=", value: '/a"b', valueFrom: 43, valueTo: 50 },
        ],
        labelsUsed: [],
        from: 5,
        to: 51,
      },
    ]);
  });

  it("reads __name__ equality, regex names and UTF-8 quoted names", () => {
    expect(brief('{__name__="up", job="x"} + {__name__=~"foo_.*"} + {"my.metric", "k.x"="v"}')).toEqual([
      { name: "up", matchers: ["job=x"], used: [] },
      { name: "~foo_.*", matchers: [], used: [] },
      { name: "my.metric", matchers: ["k.x=v"], used: [] },
    ]);
  });

  it("requires by-labels on the selectors below the aggregation, reset by inner aggregations", () => {
    expect(brief("histogram_quantile(0.9, sum by (le, route) (rate(d_bucket[5m])))")).toEqual([{ name: "d_bucket", matchers: [], used: ["le", "route"] }]);
    expect(brief("sum by (a) (sum by (a, b) (x))")).toEqual([{ name: "x", matchers: [], used: ["a", "b"] }]);
    expect(brief("sum without (a) (x)")).toEqual([{ name: "x", matchers: [], used: [] }]);
    expect(brief("max by (adapter) (osint_breaker_state)")).toEqual([{ name: "osint_breaker_state", matchers: [], used: ["adapter"] }]);
  });

  it("on() labels on both sides; group_left labels on the one side; outer labels on the many side", () => {
    expect(brief("sum by (nodename, mode) (rate(cpu[5m]) * on (instance) group_left (nodename) node_uname_info)")).toEqual([
      { name: "cpu", matchers: [], used: ["instance", "mode"] },
      { name: "node_uname_info", matchers: [], used: ["instance", "nodename"] },
    ]);
    expect(brief("sum by (a) (x or y)")).toEqual([
      { name: "x", matchers: [], used: [] },
      { name: "y", matchers: [], used: [] },
    ]);
  });

  it("group_left / group_right: outer labels they copy are required on the one side only, the rest on the many side", () => {
    expect(brief("sum by (a, b, c) (x * on (a) group_left (b, b, d) y)")).toEqual([
      { name: "x", matchers: [], used: ["a", "c"] },
      { name: "y", matchers: [], used: ["a", "b", "d"] },
    ]);
    expect(brief("sum by (a, b, c) (x / on (a) group_right (c) y)")).toEqual([
      { name: "x", matchers: [], used: ["a", "c"] },
      { name: "y", matchers: [], used: ["a", "b"] },
    ]);
    expect(brief("sum by (a, b) (x * on (a) group_left y)")).toEqual([
      { name: "x", matchers: [], used: ["a", "b"] },
      { name: "y", matchers: [], used: ["a"] },
    ]);
    expect(brief("sum by (a, b) (x and on (c) group_left (a) y)")).toEqual([
      { name: "x", matchers: [], used: ["c"] },
      { name: "y", matchers: [], used: ["c"] },
    ]);
  });

  it("labels created by label_replace, label_join and count_values are never required", () => {
    const r = analyzePromQL('sum by (svc, ver) (count_values("ver", label_replace(x, "svc", "$1", "job", "(.*)")))');
    expect(r.labelsCreated).toEqual(["svc", "ver"]);
    expect(r.selectors[0]!.labelsUsed).toEqual([]);
  });

  it("keeps recording-rule names with colons, offsets, @ and subqueries", () => {
    expect(brief("max_over_time(job:http:rate5m[1h:5m] offset 1d @ end())").map((s) => s.name)).toEqual(["job:http:rate5m"]);
  });

  it("reports error nodes with their offset", () => {
    const r = analyzePromQL("sum(rate(x[5m])");
    expect(r.errors).toEqual([{ from: 15, message: "unexpected end of expression (unbalanced parenthesis or brace?)", near: true }]);
    expect(analyzePromQL("sum by (a (rate(x[5m]))").errors.length).toBeGreaterThan(0);
  });

  it("parses each distinct expression once and shares the frozen result", () => {
    const expr = 'sum by (le) (rate(memo_probe_bucket{job="a"}[5m]))';
    const first = analyzePromQL(expr);
    const again = analyzePromQL(expr);
    expect(again).toBe(first);
    expect(Object.isFrozen(first.selectors[0]!.matchers)).toBe(true);
    expect(() => (first.labelsCreated as string[]).push("x")).toThrow(TypeError);
    // A different text is its own entry; the memo never answers for a near miss.
    expect(analyzePromQL(`${expr} `)).not.toBe(first);
    expect(analyzePromQL(`${expr} `).selectors.map((s) => s.name)).toEqual(["memo_probe_bucket"]);
  });

  it("does not memoise an expression that ran out of stack", () => {
    const deep = `${"(".repeat(200_000)}x`;
    // Called from deep in the stack, as the fuzz regression does, so that the parser runs out of it.
    const nested = (levels: number): ReturnType<typeof analyzePromQL> => (levels === 0 ? analyzePromQL(deep) : nested(levels - 1));
    const first = nested(2000);
    expect(first.errors[0]?.overflow).toBe(true);
    expect(analyzePromQL(deep)).not.toBe(first);
  });

  it("unquotes Go strings", () => {
    expect(unquote('"a\\nb\\x41\\u00e9"')).toBe("a\nbAé");
    expect(unquote("`raw\\n`")).toBe("raw\\n");
    expect(unquote("'it\\'s'")).toBe("it's");
  });
});

describe("compileNamePattern (RE2, anchored, safe)", () => {
  it("anchors fully and supports (?i) and POSIX classes", () => {
    expect(compileNamePattern("foo_.*")("foo_bar")).toBe(true);
    expect(compileNamePattern("foo")("foobar")).toBe(false);
    expect(compileNamePattern("(?i)FOO")("foo")).toBe(true);
    expect(compileNamePattern("[[:digit:]]+")("123")).toBe(true);
    expect(compileNamePattern("a|b")("a")).toBe(true);
    expect(compileNamePattern(".*")("")).toBe(true);
    expect(compileNamePattern(".+")("")).toBe(false);
  });

  it("matches catastrophic patterns with RE2 semantics (linear time, no backtracking); syntax RE2 rejects is 'can't tell'", () => {
    expect(compileNamePattern("(a+)+$")("a".repeat(40_000) + "!")).toBe(false);
    expect(compileNamePattern("(a+)+$")("a".repeat(40_000))).toBe(true);
    expect(compileNamePattern("(a|aa)*b")("x")).toBe(false);
    expect(compileNamePattern("(?=x)y")("z")).toBe(true); // lookahead: not RE2, so never an alarm
    expect(compileNamePattern("[")("z")).toBe(true);
  });
});
