// PromQL regex matchers run on RE2 (re2js): linear-time matching whatever the pattern, RE2 syntax and
// semantics, fully anchored. Catastrophic patterns are *run* (and answer correctly) instead of being
// skipped; assertions are on results, never on timings.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileNamePattern } from "../../src/promql/index.js";
import { extractDashboard } from "../../src/consumers/grafana/index.js";
import { analyze } from "../../src/engine/run.js";

const A = "a".repeat(50_000);
const X = "x".repeat(50_000);

describe("compileNamePattern on RE2", () => {
  it("runs catastrophic-backtracking patterns on 50k-character names and answers exactly", () => {
    expect(compileNamePattern("(a+)+$")(A + "!")).toBe(false);
    expect(compileNamePattern("(a+)+$")(A)).toBe(true);
    expect(compileNamePattern("(a|aa)*c")(A)).toBe(false);
    expect(compileNamePattern("(a|aa)*c")(A + "c")).toBe(true);
    expect(compileNamePattern("(x+x+)+y")(X)).toBe(false);
    expect(compileNamePattern("(x+x+)+y")(X + "y")).toBe(true);
    expect(compileNamePattern("(.*a){20}")(A + "b")).toBe(false);
    expect(compileNamePattern("(\\w+\\s?)*$")("word ".repeat(10_000) + "!")).toBe(false);
  });

  it("anchors at both ends, like Prometheus' ^(?:pattern)$", () => {
    expect(compileNamePattern("foo")("foobar")).toBe(false);
    expect(compileNamePattern("foo")("xfoo")).toBe(false);
    expect(compileNamePattern("foo|bar")("foobar")).toBe(false);
    expect(compileNamePattern("foo|bar")("bar")).toBe(true);
    expect(compileNamePattern("foo_.*")("foo_bar")).toBe(true);
    expect(compileNamePattern(".*")("")).toBe(true);
    expect(compileNamePattern(".+")("")).toBe(false);
    expect(compileNamePattern("")("")).toBe(true);
    expect(compileNamePattern("")("x")).toBe(false);
    expect(compileNamePattern("foo$")("foo\n")).toBe(false); // `$` is end of text, not end of line
  });

  it("supports POSIX classes, negated ones and classes inside brackets", () => {
    expect(compileNamePattern("[[:alpha:]]+")("abcXYZ")).toBe(true);
    expect(compileNamePattern("[[:alpha:]]+")("abc1")).toBe(false);
    expect(compileNamePattern("[[:digit:]]+")("0123456789")).toBe(true);
    expect(compileNamePattern("[[:^digit:]]+")("abc")).toBe(true);
    expect(compileNamePattern("[[:^digit:]]+")("ab1")).toBe(false);
    expect(compileNamePattern("[[:upper:]][[:lower:]]+_[[:xdigit:]]+")("Http_dead01")).toBe(true);
    expect(compileNamePattern("[[:word:]]+")("node_cpu_seconds_total")).toBe(true);
    expect(compileNamePattern("[^[:space:]]+")("a b")).toBe(false);
    expect(compileNamePattern("[[:alnum:]_:]+")("job:http:rate5m")).toBe(true);
    expect(compileNamePattern("[[:punct:]]")("!")).toBe(true);
  });

  it("honours the case-insensitive flag, at the start, mid-pattern and scoped", () => {
    expect(compileNamePattern("(?i)FOO_bar")("foo_BAR")).toBe(true);
    expect(compileNamePattern("foo(?i)bar")("fooBAR")).toBe(true);
    expect(compileNamePattern("foo(?i)bar")("FOObar")).toBe(false);
    expect(compileNamePattern("(?i:get|post)_total")("GET_total")).toBe(true);
    expect(compileNamePattern("(?i:get|post)_total")("GET_TOTAL")).toBe(false);
    expect(compileNamePattern("GET")("get")).toBe(false);
  });

  it("keeps RE2 semantics: `.` does not match a newline unless (?s); Unicode classes; \\Q…\\E", () => {
    expect(compileNamePattern("a.b")("a\nb")).toBe(false);
    expect(compileNamePattern("(?s)a.b")("a\nb")).toBe(true);
    expect(compileNamePattern("\\pL+")("héllo")).toBe(true);
    expect(compileNamePattern("\\p{Greek}+")("αβγ")).toBe(true);
    expect(compileNamePattern("\\Qa.b\\E")("a.b")).toBe(true);
    expect(compileNamePattern("\\Qa.b\\E")("axb")).toBe(false);
    expect(compileNamePattern("(?U)a+")("aaa")).toBe(true); // ungreedy changes nothing in a full match
    expect(compileNamePattern("(?P<name>a)b")("ab")).toBe(true);
    expect(compileNamePattern(".")("\u{1F600}")).toBe(true); // one code point, two UTF-16 units
  });

  it("answers 'can't tell' (true) for syntax RE2 rejects, never throwing", () => {
    for (const invalid of ["(", "[", "x(?=y)", "(?<!x)y", "(a)\\1", "a{1001}", "\\C", "*", "a**", "(?z)a", "(".repeat(20_000) + ")".repeat(20_000)]) {
      const matcher = compileNamePattern(invalid);
      expect(matcher("anything")).toBe(true);
      expect(matcher("")).toBe(true);
    }
  });

  it("caches compiled matchers and stays correct past the cache bound", () => {
    expect(compileNamePattern("cache_me_.*")).toBe(compileNamePattern("cache_me_.*"));
    for (let i = 0; i < 10_050; i++) expect(compileNamePattern(`n${i}_.*`)(`n${i}_x`)).toBe(true);
    expect(compileNamePattern("cache_me_.*")("cache_me_x")).toBe(true);
    expect(compileNamePattern("cache_me_.*")("other")).toBe(false);
  });
});

describe("catastrophic patterns in a dashboard, end to end", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const dashboard = JSON.stringify(
    {
      uid: "evil",
      title: "Evil regexes",
      panels: [
        {
          id: 1,
          title: "Names",
          datasource: { type: "prometheus", uid: "prom" },
          targets: [
            { refId: "A", expr: 'count({__name__=~"shop_(a+)+b"})' },
            { refId: "B", expr: 'count({__name__=~"shop_(a|aa)*c"})' },
            { refId: "C", expr: 'count({__name__=~"shop_(x+x+)+y"})' },
            { refId: "D", expr: 'count({__name__=~"shop_(a+)+_count"})' },
            { refId: "E", expr: 'sum by (currency) (rate(shop_orders_placed_count{currency=~"(a|aa)*c", currency!~"(x+x+)+y"}[5m]))' },
          ],
        },
      ],
    },
    null,
    2,
  );

  it("extractDashboard keeps the patterns as name patterns and label matchers", () => {
    const facts = extractDashboard("dashboards/evil.json", dashboard);
    expect(facts.problems).toEqual([]);
    const selectors = facts.queries.flatMap((q) => q.analysis.selectors);
    expect(selectors.map((s) => s.namePattern ?? s.name)).toEqual(["shop_(a+)+b", "shop_(a|aa)*c", "shop_(x+x+)+y", "shop_(a+)+_count", "shop_orders_placed_count"]);
    expect(selectors[4]!.matchers.map((m) => `${m.label}${m.op}${m.value}`)).toEqual(["currency=~(a|aa)*c", "currency!~(x+x+)+y"]);
  });

  it("matches them against 50k-character series names in the checks (metric-unused, label-missing)", async () => {
    const root = mkdtempSync(join(tmpdir(), "td-re2-"));
    dirs.push(root);
    mkdirSync(join(root, "lib/shop"), { recursive: true });
    mkdirSync(join(root, "dashboards"));
    writeFileSync(join(root, "mix.exs"), 'defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, deps: [{:telemetry_metrics, "~> 1.0"}, {:telemetry_metrics_prometheus_core, "~> 1.2"}]]\nend\n');
    writeFileSync(
      join(root, "lib/shop/telemetry.ex"),
      [
        "defmodule Shop.Telemetry do",
        "  import Telemetry.Metrics",
        "  def metrics do",
        "    [",
        '      counter("shop.orders.placed.count", tags: [:currency]),',
        `      counter("shop.${A}.count"),`,
        `      sum("shop.${X}.total"),`,
        "    ]",
        "  end",
        "end",
        "",
      ].join("\n"),
    );
    writeFileSync(join(root, "lib/shop/application.ex"), "defmodule Shop.Application do\n  def start(_t, _a), do: Supervisor.start_link([{TelemetryMetricsPrometheus.Core, metrics: Shop.Telemetry.metrics()}], strategy: :one_for_one)\nend\n");
    writeFileSync(
      join(root, "lib/shop/orders.ex"),
      `defmodule Shop.Orders do\n  def place(o) do\n    :telemetry.execute([:shop, :orders, :placed], %{count: 1}, %{currency: o.currency})\n    :telemetry.execute([:shop, :${A}], %{count: 1}, %{})\n    :telemetry.execute([:shop, :${X}], %{total: 1}, %{})\n  end\nend\n`,
    );
    writeFileSync(join(root, "dashboards/evil.json"), dashboard);
    const { report } = await analyze({ root, config: { rules: { "metric-unused": "warning" } } });
    const brief = report.findings.map((f) => `${f.rule} ${f.subject.length > 60 ? f.subject.slice(0, 12) + "…" + f.subject.length : f.subject}`);
    // `shop_(a+)+_count` reads the long counter; nothing reads the long sum (`shop_(x+x+)+y` needs a `y`).
    expect(brief).toEqual([`metric-unused shop.xxxxxxx…${"shop.".length + X.length + ".total".length}`]);
  });
});
