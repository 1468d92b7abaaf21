// compareLive on plain data: contract series and a live snapshot in, findings out.
import { describe, expect, it } from "vitest";
import { compareLive, type LiveContract } from "../../src/live/compare.js";
import type { LiveSeries, LiveSnapshot } from "../../src/live/snapshot.js";
import type { MetricDefinition, Query, Series } from "../../src/model.js";

function promDef(name: string, type: string, labelNames: string[] | null, line: number): MetricDefinition {
  return {
    kind: type === "Histogram" ? "distribution" : type === "Gauge" ? "last_value" : "counter",
    name: [name],
    event: ["instrument", `src/m.ts#${name}`],
    measurement: null,
    tags: labelNames,
    buckets: { state: "missing" },
    loc: { file: "src/m.ts", line, column: 7 },
    list: "",
    language: "typescript",
    instrument: { library: "prom-client", type, key: `src/m.ts#${name}`, labelNames },
  };
}

function otelDef(name: string, type: string, line: number): MetricDefinition {
  return { ...promDef(name, type, [], line), instrument: { library: "opentelemetry", type, key: `src/m.ts#${name}`, meter: { name: "svc", version: "1" } } };
}

const series = (def: MetricDefinition, name: string, labels: string[], extra: Partial<Series> = {}): Series => ({
  name,
  type: "counter",
  labels,
  source: { kind: "metric", metric: def, exporter: def.instrument?.library === "opentelemetry" ? "@opentelemetry/exporter-prometheus" : "prom-client" },
  ...extra,
});

function contractOf(list: Series[], queries: Query[] = [], extra: Partial<LiveContract> = {}): LiveContract {
  const map = new Map<string, Series[]>();
  for (const s of list) map.set(s.name, [...(map.get(s.name) ?? []), s]);
  return { series: map, queries, ...extra };
}

const live = (entries: [string, string[]][], extra: Partial<LiveSeries> = {}): LiveSnapshot => ({
  kind: "prometheus",
  description: "Prometheus at http://prom:9090",
  series: entries.map(([name, labels]) => ({ name, labels, where: { file: "http://prom:9090", line: 0 }, jobs: ["svc"], inScope: true, ...extra })),
});

function query(expr: string, name: string, labelsUsed: string[], line: number, matchers: string[] = []): Query {
  return {
    expr,
    loc: { file: "dashboards/d.json", line, column: 20 },
    origin: { kind: "panel", dashboardTitle: "D", panelTitle: `P${line}` },
    analysis: { selectors: [{ name, matchers: matchers.map((label) => ({ label, op: "=" as const, value: "x" })), labelsUsed, loc: { file: "dashboards/d.json", line, column: 20 }, text: name }], labelsCreated: [], errors: [] },
    resultLabels: [],
  };
}

const brief = (f: { rule: string; severity: string; file: string; line: number; subject: string }): string => `${f.rule} ${f.severity} ${f.file}:${f.line} ${f.subject}`;

const requests = promDef("app_requests_total", "Counter", ["route", "status"], 3);
const inflight = promDef("app_inflight", "Gauge", [], 9);
const REQ = series(requests, "app_requests_total", ["route", "status"]);
const INF = series(inflight, "app_inflight", [], { type: "gauge" });

describe("compareLive", () => {
  it("reports nothing when the live system matches the contract", () => {
    const findings = compareLive(contractOf([REQ, INF]), live([["app_requests_total", ["instance", "job", "route", "status"]], ["app_inflight", ["instance", "job"]], ["up", ["instance", "job"]], ["scrape_duration_seconds", ["instance", "job"]]]));
    expect(findings).toEqual([]);
  });

  it("missing series: warning when it may not have been emitted yet, error when prom-client would always export it", () => {
    const findings = compareLive(contractOf([REQ, INF], [query("sum by (status) (rate(app_requests_total[5m]))", "app_requests_total", ["status"], 12)]), live([]));
    expect(findings.map(brief)).toEqual(["live-series-missing warning src/m.ts:3 app_requests_total", "live-series-missing error src/m.ts:9 app_inflight"]);
    expect(findings[0]!.message).toBe(
      'prom-client Counter "app_requests_total" should be exported as `app_requests_total` (prom-client), but Prometheus at http://prom:9090 has no such series: exporter mismatch or metric never emitted since start. Panel "P12" of dashboard "D" (dashboards/d.json:12) reads `app_requests_total`: it shows no data while the series is absent. Fix: if it was emitted, the exporter writes it under another name or drops it, so make the two agree; if it was not, initialise it at startup (prom-client: `.labels(…).inc(0)` or `.zero(labels)` for each label set you expect) so that readers see 0 instead of no series.',
    );
    expect(findings[0]!.related).toEqual([{ file: "dashboards/d.json", line: 12, column: 20, message: 'panel "P12" of dashboard "D" reads app_requests_total' }]);
    expect(findings[0]!.column).toBe(7);
  });

  it("pairs a missing metric with a live family of the same shape and labels (a rename)", () => {
    const d = otelDef("checkout.duration", "Histogram", 20);
    const contract = contractOf([
      series(d, "checkout_duration_count", ["otel_scope_name", "route"], { type: "histogram" }),
      series(d, "checkout_duration_sum", ["otel_scope_name", "route"], { type: "histogram" }),
      series(d, "checkout_duration_bucket", ["otel_scope_name", "route", "le"], { type: "histogram" }),
    ]);
    const findings = compareLive(
      contract,
      live([
        ["checkout_latency_bucket", ["job", "le", "otel_scope_name", "route"]],
        ["checkout_latency_count", ["job", "otel_scope_name", "route"]],
        ["checkout_latency_sum", ["job", "otel_scope_name", "route"]],
      ]),
    );
    expect(findings.map(brief)).toEqual(["live-series-missing error src/m.ts:20 checkout_duration_bucket", "live-series-unexpected warning src/m.ts:20 checkout_latency_bucket"]);
    expect(findings[0]!.message).toContain("The live system has `checkout_latency_bucket`, `checkout_latency_count` and `checkout_latency_sum` with the same shape and labels instead");
    expect(findings[1]!.message).toContain('The family has the shape and labels of OpenTelemetry Histogram "checkout.duration" (src/m.ts:20)');
    expect(findings[1]!.message).toContain('exported by Prometheus at http://prom:9090 (job "svc")');
  });

  it("pairs by a small name difference when the shape matches", () => {
    const d = promDef("jobs_done_total", "Counter", [], 5);
    const findings = compareLive(contractOf([series(d, "jobs_done_total", [])]), live([["jobs_dome_total", []]]));
    expect(findings.map(brief)).toEqual(["live-series-missing error src/m.ts:5 jobs_done_total", "live-series-unexpected warning src/m.ts:5 jobs_dome_total"]);
  });

  it("does not pair when the match is ambiguous", () => {
    const a = otelDef("a.count", "Counter", 1);
    const b = otelDef("b.count", "Counter", 2);
    const findings = compareLive(
      contractOf([series(a, "a_count_total", ["otel_scope_name"]), series(b, "b_count_total", ["otel_scope_name"])]),
      live([["x_total", ["otel_scope_name"]]]),
    );
    expect(findings.map(brief)).toEqual(["live-series-unexpected warning http://prom:9090:0 x_total", "live-series-missing warning src/m.ts:1 a_count_total", "live-series-missing warning src/m.ts:2 b_count_total"]);
    expect(findings[0]!.column).toBe(0);
  });

  it("unexpected series: Prometheus' own, defaults, target_info, _created and externalSeries are explained", () => {
    const catalog = (name: string): Series => ({ name, type: "counter", labels: [], source: { kind: "catalog", description: 'prom-client collectDefaultMetrics({ prefix: "w_" })' } });
    const o = otelDef("orders", "Counter", 30);
    const contract = contractOf([REQ, series(o, "orders_total", ["otel_scope_name"]), catalog("w_process_cpu_user_seconds_total")], [], { externalSeries: ["payments_*"] });
    const names = [
      "app_requests_total",
      "orders_total",
      "up",
      "scrape_samples_scraped",
      "ALERTS",
      "prometheus_tsdb_head_series",
      "w_process_cpu_user_seconds_total",
      "w_process_new_thing",
      "w_nodejs_eventloop_lag_seconds",
      "target_info",
      "orders_created",
      "app_requests_created",
      "payments_settled_total",
      "process_open_fds", // no prefix: not the contract's default metrics
      "nodejs_heap_size_used_bytes",
    ];
    const findings = compareLive(contract, live(names.map((n) => [n, n === "orders_total" ? ["otel_scope_name"] : n === "app_requests_total" ? ["route", "status"] : []])));
    expect(findings.map((f) => f.subject)).toEqual(["nodejs_heap_size_used_bytes", "process_open_fds"]);
  });

  it("target_info is unexpected when the contract has no OpenTelemetry metric", () => {
    expect(compareLive(contractOf([REQ]), live([["app_requests_total", ["route", "status"]], ["target_info", ["service_name"]]])).map((f) => f.subject)).toEqual(["target_info"]);
  });

  it("series outside the scope are never unexpected, and recording-rule series explain but are never missing", () => {
    const rule: Series = { name: "app:requests:rate5m", type: "untyped", labels: [], source: { kind: "rule", rule: { name: "app:requests:rate5m", labels: [], loc: { file: "rules.yml", line: 4, column: 13 }, kind: "record" } } };
    const alerts: Series = { name: "ALERTS", type: "gauge", labels: ["alertname"], source: { kind: "rule", rule: { name: "ALERTS", labels: [], loc: { file: "rules.yml", line: 9, column: 13 }, kind: "alert" } } };
    const snapshot = live([["app_requests_total", ["route", "status"]], ["app:requests:rate5m", ["route"]]]);
    snapshot.series.push({ name: "other_service_total", labels: [], where: { file: "http://prom:9090", line: 0 }, inScope: false });
    expect(compareLive(contractOf([REQ, rule, alerts]), snapshot)).toEqual([]);
  });

  it("label names: missing labels a query uses are errors, extra labels warnings; job/instance/target labels ignored", () => {
    const d = otelDef("orders", "Counter", 40);
    const orders = series(d, "orders_total", ["currency", "payment_method", "otel_scope_name"]);
    const q = query('sum by (payment_method) (rate(orders_total{currency="EUR"}[5m]))', "orders_total", ["payment_method"], 7, ["currency"]);
    const findings = compareLive(
      contractOf([orders, REQ], [q], { targetLabels: ["namespace"] }),
      live([
        ["orders_total", ["currency", "instance", "job", "namespace", "otel_scope_name"]],
        ["app_requests_total", ["region", "route", "status"]],
      ]),
    );
    expect(findings.map(brief)).toEqual(["live-label-mismatch warning src/m.ts:3 app_requests_total", "live-label-mismatch error src/m.ts:40 orders_total"]);
    expect(findings[0]!.message).toContain("carries label `region` that the contract does not declare (contract: route, status; live: region, route, status)");
    expect(findings[1]!.message).toContain(
      '`orders_total` from OpenTelemetry Counter "orders" should carry label `payment_method`, but no sample in Prometheus at http://prom:9090 has it (contract: currency, otel_scope_name, payment_method; live: currency, namespace, otel_scope_name). Panel "P7" of dashboard "D" (dashboards/d.json:7) uses `payment_method` on `orders_total` and gets no such label.',
    );
    expect(findings[1]!.related).toEqual([{ file: "dashboards/d.json", line: 7, column: 20, message: 'panel "P7" of dashboard "D" uses payment_method on orders_total' }]);
  });

  it("one label finding per metric for all its series with the same difference", () => {
    const d = promDef("lat_seconds", "Histogram", ["route"], 50);
    const list = [series(d, "lat_seconds_bucket", ["route", "le"]), series(d, "lat_seconds_sum", ["route"]), series(d, "lat_seconds_count", ["route"])];
    const findings = compareLive(contractOf(list), live([["lat_seconds_bucket", ["le"]], ["lat_seconds_sum", []], ["lat_seconds_count", []]]));
    expect(findings.map(brief)).toEqual(["live-label-mismatch warning src/m.ts:50 lat_seconds_bucket"]);
    expect(findings[0]!.message.startsWith("`lat_seconds_bucket`, `lat_seconds_count` and `lat_seconds_sum` from prom-client Histogram")).toBe(true);
  });

  it("skips the label check where the contract's labels are unknown", () => {
    const d = promDef("dyn_total", "Counter", null, 60);
    expect(compareLive(contractOf([series(d, "dyn_total", [], { labelsUnknown: true })]), live([["dyn_total", ["whatever"]]]))).toEqual([]);
  });

  it("names metric definitions with unknown names as a hint for unexpected series", () => {
    const findings = compareLive(contractOf([REQ], [], { dynamicMetrics: [{ loc: { file: "src/m.ts", line: 70, column: 9 }, expression: "makeName()" }] }), live([["app_requests_total", ["route", "status"]], ["cache_hits_total", ["tier"]]]));
    expect(findings.map(brief)).toEqual(["live-series-unexpected warning http://prom:9090:0 cache_hits_total"]);
    expect(findings[0]!.message).toContain("The contract has a metric definition whose name is not known statically (src/m.ts:70 `makeName()`)");
    expect(findings[0]!.related).toEqual([{ file: "src/m.ts", line: 70, column: 9, message: "metric name not known statically: makeName()" }]);
  });

  it("groups unexpected histogram series into one finding per family", () => {
    const findings = compareLive(contractOf([]), live([["h_bucket", ["le"]], ["h_sum", []], ["h_count", []], ["lonely_count", []]]));
    expect(findings.map((f) => f.subject)).toEqual(["h_bucket", "lonely_count"]);
  });

  it("is pure and deterministic: same findings for shuffled input, inputs untouched", () => {
    const d = otelDef("x", "Histogram", 80);
    const list = [REQ, INF, series(d, "x_count", ["otel_scope_name"]), series(d, "x_sum", ["otel_scope_name"]), series(d, "x_bucket", ["le", "otel_scope_name"])];
    const entries: [string, string[]][] = [["app_requests_total", ["route"]], ["y_total", []], ["z", ["a"]], ["x_count", ["otel_scope_name", "extra"]]];
    const contract = contractOf(list);
    const snapshot = live(entries);
    const before = JSON.stringify({ c: [...contract.series], s: snapshot });
    const first = compareLive(contract, snapshot);
    expect(JSON.stringify({ c: [...contract.series], s: snapshot })).toBe(before);
    const shuffled = compareLive(contractOf([...list].reverse()), live([...entries].reverse()));
    expect(shuffled).toEqual(first);
    expect(first.map(brief)).toEqual([
      "live-series-unexpected warning http://prom:9090:0 y_total",
      "live-series-unexpected warning http://prom:9090:0 z",
      "live-label-mismatch warning src/m.ts:3 app_requests_total",
      "live-series-missing error src/m.ts:9 app_inflight",
      "live-label-mismatch warning src/m.ts:80 x_count",
      "live-series-missing warning src/m.ts:80 x_bucket",
    ]);
  });
});
