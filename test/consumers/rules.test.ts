import { describe, expect, it } from "vitest";
import { extractRuleFile, looksLikeRuleFile } from "../../src/consumers/prometheus/index.js";

describe("rule files", () => {
  it("reads record and alert rules with located selectors (literal blocks too) and the series they produce", () => {
    const text = [
      "groups:",
      "  - name: api",
      "    rules:",
      "      - record: job:http_requests:rate5m",
      "        expr: sum by (job) (rate(http_requests_total[5m]))",
      "        labels:",
      "          team: api",
      "      - alert: HighErrors",
      "        expr: |",
      "          job:http_requests:rate5m",
      "            > on (job) group_left errors_budget",
      "        annotations:",
      "          summary: '{{ $labels.job }} on {{ $labels.instance }}'",
    ].join("\n");
    const facts = extractRuleFile("r.yml", text);
    expect(facts.problems).toEqual([]);
    expect(facts.queries.map((q) => [q.origin, q.loc.line, q.analysis.selectors.map((s) => `${s.name}@${s.loc.line}:${s.loc.column}`)])).toEqual([
      [{ kind: "record", group: "api", name: "job:http_requests:rate5m" }, 5, ["http_requests_total@5:34"]],
      [{ kind: "alert", group: "api", name: "HighErrors" }, 10, ["job:http_requests:rate5m@10:11", "errors_budget@11:35"]],
    ]);
    expect(facts.queries[1]!.resultLabels).toEqual(["instance", "job"]);
    expect(facts.ruleSeries.map((s) => `${s.kind}:${s.name}{${s.labels.join(",")}}@${s.loc.line}`)).toEqual([
      "record:job:http_requests:rate5m{team}@4",
      "alert:ALERTS{alertname,alertstate}@8",
      "alert:ALERTS_FOR_STATE{alertname}@8",
    ]);
  });

  it("reads PrometheusRule CRDs, Mimir namespaces, Thanos groups and multi-document files", () => {
    const text = [
      "apiVersion: monitoring.coreos.com/v1",
      "kind: PrometheusRule",
      "spec:",
      "  groups:",
      "    - name: a",
      "      partial_response_strategy: warn",
      "      rules:",
      "        - alert: A",
      "          expr: up == 0",
      "---",
      "namespace: team",
      "groups:",
      "  - name: b",
      "    source_tenants: [t1]",
      "    rules:",
      "      - record: b:x",
      "        expr: 1",
    ].join("\n");
    expect(looksLikeRuleFile(text)).toBe(true);
    expect(extractRuleFile("r.yml", text).queries.map((q) => q.origin)).toEqual([
      { kind: "alert", group: "a", name: "A" },
      { kind: "record", group: "b", name: "b:x" },
    ]);
  });

  it("reads PromQL comparisons after a selector, which only look like LogQL line filters", () => {
    const text = [
      "groups:",
      "  - name: g",
      "    rules:",
      '      - alert: Down',
      '        expr: up{job="x"} != 1',
      "      - alert: Heap",
      '        expr: jvm_memory_used_bytes{area="heap", } != -1',
      "      - alert: LokiNot",
      '        expr: count_over_time({app="x"} != "debug" [5m]) > 0',
    ].join("\n");
    expect(extractRuleFile("r.yml", text).queries.map((q) => q.expr)).toEqual(['up{job="x"} != 1', 'jvm_memory_used_bytes{area="heap", } != -1']);
  });

  it("follows anchors, aliases and merge keys as Prometheus' YAML parser does", () => {
    const text = [
      "groups:",
      "  - name: g",
      "    rules:",
      "      - alert: &name High",
      "        expr: &expr rate(errors_total[5m]) > 1",
      "        labels: &labels { severity: page }",
      "      - alert: *name",
      "        expr: *expr",
      "      - <<: { labels: *labels }",
      "        record: job:errors:rate5m",
      "        expr: sum by (job) (rate(errors_total[5m]))",
    ].join("\n");
    const facts = extractRuleFile("r.yml", text);
    expect(facts.queries.map((q) => `${q.origin.kind} ${q.expr} @${q.loc.line}`)).toEqual(["alert rate(errors_total[5m]) > 1 @5", "alert rate(errors_total[5m]) > 1 @5", "record sum by (job) (rate(errors_total[5m])) @11"]);
    expect(facts.ruleSeries.find((r) => r.kind === "record")?.labels).toEqual(["severity"]);
  });

  it("a Grafana-managed recording rule produces its series, from the query it names", () => {
    const text = [
      "apiVersion: 1",
      "groups:",
      "  - orgId: 1",
      "    name: rec",
      "    folder: API",
      "    rules:",
      "      - uid: r1",
      "        title: route rate",
      "        record:",
      "          metric: route:http_requests:rate5m",
      "          from: A",
      "        labels:",
      "          team: api",
      "        data:",
      "          - refId: A",
      "            datasourceUid: prom",
      "            model:",
      "              expr: sum by (route) (rate(http_requests_total[5m]))",
    ].join("\n");
    const facts = extractRuleFile("rec.yml", text);
    expect(facts.problems).toEqual([]);
    expect(facts.queries.map((q) => q.origin)).toEqual([{ kind: "record", group: "rec", name: "route:http_requests:rate5m" }]);
    expect(facts.ruleSeries).toEqual([{ name: "route:http_requests:rate5m", labels: ["team"], loc: { file: "rec.yml", line: 10, column: 19 }, kind: "record", expr: "sum by (route) (rate(http_requests_total[5m]))" }]);
  });

  it("skips LogQL, reports malformed YAML and templated YAML as one located problem each", () => {
    const loki = "groups:\n  - name: l\n    rules:\n      - alert: Errors\n        expr: sum(count_over_time({app=\"x\"} |= \"error\" [5m])) > 10\n";
    expect(extractRuleFile("l.yml", loki).queries).toEqual([]);
    const bad = extractRuleFile("b.yml", "groups:\n  - name: x\n    rules: [\n");
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]!.message).toMatch(/^b\.yml:\d+:\d+: invalid YAML/);
    const helm = extractRuleFile("h.yml", "groups:\n{{- if .Values.enabled }}\n  - name: x\n    rules: []\n{{- end }}\n");
    expect(helm.problems[0]!.message).toContain("templated YAML (Helm/Jinja `{{ … }}`) cannot be parsed before rendering");
  });

  it("reads the PromQL of Grafana-managed alert rules, skipping server-side expressions and other datasources", () => {
    // The shape of Grafana's file provisioning (and of the OpenTelemetry demo's alert files in the corpus).
    const text = [
      "apiVersion: 1",
      "groups:",
      "  - orgId: 1",
      "    name: Shop.1m",
      "    folder: Shop",
      "    interval: 1m",
      "    rules:",
      "      - uid: r1",
      "        title: CartLatency",
      "        condition: C",
      "        data:",
      "          - refId: A",
      "            datasourceUid: webstore-metrics",
      "            model:",
      "              expr: |-",
      "                histogram_quantile(0.95,",
      '                  sum by (le, service_name) (rate(http_server_duration_bucket{service_name="cart"}[5m])))',
      "              refId: A",
      "          - refId: C",
      "            datasourceUid: __expr__",
      "            model: { type: threshold, expression: A, refId: C }",
      "        annotations:",
      "          summary: 'slow {{ $labels.service_name }}'",
      "      - uid: r2",
      "        title: LogErrors",
      "        condition: B",
      "        data:",
      "          - refId: A",
      "            datasourceUid: loki",
      "            model: { datasource: { type: loki, uid: loki }, expr: 'sum(count_over_time({app=\"x\"}[5m]))' }",
      "          - refId: B",
      "            datasourceUid: logs",
      "            model: { expr: '{app=\"x\"} |= \"error\"' }",
      "          - refId: D",
      "            datasourceUid: unknown-kind",
      "            model: { expr: 'not promql at all' }",
      "          - refId: E",
      "            datasourceUid: loki",
      "            model: { expr: 'count_over_time({app=\"x\"}[5m])' }",
      "      - uid: r3",
      "        title: Traffic",
      "        data:",
      "          - refId: A",
      "            datasourceUid: webstore-metrics",
      "            model: { expr: 'sum(rate(http_requests_totl{job=\"$job\"}[$__rate_interval]))' }",
    ].join("\n");
    expect(looksLikeRuleFile(text)).toBe(true);
    const facts = extractRuleFile("alerts.yml", text);
    expect(facts.problems).toEqual([]);
    expect(facts.queries.map((q) => [q.origin, q.loc.line, q.analysis.selectors.map((s) => `${s.name}@${s.loc.line}:${s.loc.column}`)])).toEqual([
      [{ kind: "alert", group: "Shop.1m", name: "CartLatency", grafana: true, refId: "A" }, 16, ["http_server_duration_bucket@17:51"]],
      // Grafana's built-in variables are substituted, as in dashboards (a datasource known only by uid).
      [{ kind: "alert", group: "Shop.1m", name: "Traffic", grafana: true, refId: "A" }, 45, ["http_requests_totl@45:38"]],
    ]);
    expect(facts.queries[1]!.analysis.errors).toEqual([]);
    // A dashboard's variables do not exist in an alert rule: Grafana sends `$job` as written.
    expect(facts.queries[1]!.analysis.selectors[0]!.matchers).toEqual([{ label: "job", op: "=", value: "$job" }]);
    expect(facts.queries[0]!.resultLabels).toEqual(["service_name"]);
    // Grafana-managed alerts live in Grafana: no ALERTS series in Prometheus.
    expect(facts.ruleSeries).toEqual([]);
    // A suppression comment before `- uid:` covers the whole rule, as before `- alert:`.
    const suppressed = extractRuleFile("alerts.yml", text.replace("      - uid: r1", "      # telemetry-drift-disable-next-line series-missing\n      - uid: r1"));
    expect(suppressed.suppressions.map((s) => [s.targetLine, s.endLine])).toEqual([[9, 24]]);
  });

  it("a query with a syntax error is kept, with its error located in the file", () => {
    const facts = extractRuleFile("r.yml", "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum(rate(x[5m])\n");
    expect(facts.queries[0]!.analysis.errors).toEqual([{ message: "unexpected end of expression (unbalanced parenthesis or brace?)", loc: { file: "r.yml", line: 5, column: 30 } }]);
  });

  it("suppression comments cover the next line, or the whole rule when they precede it", () => {
    const text = "groups:\n  - name: g\n    rules:\n      # telemetry-drift-disable-next-line series-missing\n      - alert: A\n        expr: gone_metric\n        for: 5m\n      - alert: B\n        expr: up\n";
    expect(extractRuleFile("r.yml", text).suppressions).toEqual([{ loc: { file: "r.yml", line: 4, column: 7 }, targetLine: 5, endLine: 7, rules: ["series-missing"] }]);
  });

  it("a run of comments, blank and comment lines between, nested rules, a comment after code, one at the end", () => {
    const text = [
      "groups:", // 1
      "  - name: g", // 2
      "    rules:", // 3
      "      # telemetry-drift-disable-next-line series-missing", // 4
      "", // 5
      "      # a note", // 6
      "      # telemetry-drift-disable-next-line label-missing", // 7
      "      - alert: A", // 8
      "        expr: gone_metric # telemetry-drift-disable-next-line", // 9
      "        # telemetry-drift-disable-next-line metric-unused", // 10
      "        labels:", // 11
      "          # telemetry-drift-disable-next-line", // 12
      "          - record: r # telemetry-drift-disable-next-line", // 13
      "", // 14
      "            x: y", // 15
      "          z: w", // 16
      "      - alert: B", // 17
      "        expr: up", // 18
      "# telemetry-drift-disable-next-line", // 19
    ].join("\n");
    expect(extractRuleFile("r.yml", text).suppressions.map((s) => `${s.loc.line}:${s.loc.column}->${s.targetLine}-${s.endLine ?? ""} ${s.rules.join(",")}`)).toEqual([
      "4:7->8-16 series-missing",
      "7:7->8-16 label-missing",
      "9:27->11- ",
      "10:9->11- metric-unused",
      "12:11->13-15 ",
      "13:23->15- ",
      "19:1->20- ",
    ]);
  });
});
