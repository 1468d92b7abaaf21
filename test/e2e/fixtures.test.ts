// End-to-end: the built CLI on every fixture, asserting the exact findings (rule, file:line, subject).
import { describe, expect, it } from "vitest";
import { brief, jsonReport, runCli } from "./run-cli.js";

const EXPECTED: Record<string, string[]> = {
  "fixtures/seed": [
    "series-missing dashboards/osint.json:31 osint_search_stop_duration_bucket",
    "series-missing dashboards/osint.json:83 osint_breaker_close_count",
    "event-unconsumed lib/prismatic_osint/breaker.ex:12 osint.breaker.close",
    "metric-unsupported lib/prismatic_web/telemetry.ex:6 osint.search.stop.duration",
    "metric-no-emitter lib/prismatic_web/telemetry.ex:13 osint.breaker.state",
    "series-missing rules/osint.rules.yml:9 osint_search_stop_duration_count",
  ],
  "fixtures/clean": [],
  "fixtures/checks/event-unconsumed": [
    "event-unconsumed lib/shop/checkout.ex:4 shop.checkout.refunded",
    "event-unconsumed lib/shop/checkout.ex:6 shop.inventory.reserve",
  ],
  "fixtures/checks/event-contract": [
    "event-declared-unemitted lib/shop/events.ex:4 shop.order.cancelled",
    "event-undeclared lib/shop/orders.ex:7 shop.order.shipped",
    "metric-no-emitter lib/shop/telemetry.ex:8 shop.order.cancelled.count",
  ],
  "fixtures/checks/metric-no-emitter": [
    "event-unconsumed lib/shop/breaker.ex:5 shop.cart.abandon",
    "metric-no-emitter lib/shop/telemetry.ex:7 shop.breaker.state",
    "metric-no-emitter lib/shop/telemetry.ex:8 shop.cart.abandoned.count",
    "metric-no-emitter lib/shop/telemetry.ex:9 phoenix.router_dispatch.stop.count",
  ],
  "fixtures/checks/metric-unsupported": [
    "metric-unsupported lib/shop/telemetry.ex:6 phoenix.endpoint.stop.duration",
    "metric-unsupported lib/shop/telemetry.ex:9 phoenix.router_dispatch.stop.duration",
    "metric-unsupported lib/shop/telemetry.ex:14 vm.memory.total",
  ],
  "fixtures/checks/metric-invalid": [
    "metric-invalid lib/shop/telemetry.ex:6 shop.search.done.duration",
    "metric-invalid lib/shop/telemetry.ex:7 shop.search.done.hits",
    "metric-invalid lib/shop/telemetry.ex:8 shop.search.done.hits",
    "metric-invalid lib/shop/telemetry.ex:8 shop.search.done.hits",
    "metric-invalid lib/shop/telemetry.ex:10 shop.search.done.count",
    "metric-invalid lib/shop/telemetry.ex:12 shop_search.done.total",
    "metric-invalid lib/shop/telemetry.ex:13 shop.search.done.by_method",
  ],
  "fixtures/checks/metric-field-missing": [
    "metric-field-missing lib/shop/telemetry.ex:6 latency",
    "metric-field-missing lib/shop/telemetry.ex:7 region",
  ],
  "fixtures/checks/series-and-labels": [
    "label-missing dashboards/orders.json:22 payment_method",
    "series-missing dashboards/orders.json:31 shop_order_placed_value_bucket",
    "series-missing dashboards/orders.json:53 shop_refunds_total",
    "label-missing rules/orders.yml:10 tenant",
  ],
  "fixtures/checks/libraries-and-wrappers": [
    "label-missing dashboards/shop.json:12 route",
    "event-unconsumed lib/shop/importer.ex:5 shop.import.start",
    "metric-no-emitter lib/shop_web/telemetry.ex:11 oban.job.stop.count",
  ],
  "fixtures/ts-otel": [
    "series-missing dashboards/checkout.json:17 checkout_payment_duration_seconds_bucket",
    "label-missing dashboards/checkout.json:31 shard",
    "metric-no-emitter src/telemetry/metrics.ts:20 checkout.refunds",
  ],
  "fixtures/ts-otel-clean": [],
  "fixtures/js-prom-client": [
    "label-missing dashboards/worker.json:31 queue",
    "metric-no-emitter lib/metrics.js:20 worker_job_retries_total",
    "metric-field-missing lib/worker.js:11 status",
    "metric-invalid lib/worker.js:12 reason",
  ],
  "fixtures/js-prom-client-clean": [],
  "fixtures/ts-contract": [
    "event-unconsumed src/search/search.ts:13 osint.breaker.close",
    "event-unconsumed src/search/search.ts:17 osint.search.retry",
    "event-undeclared src/search/search.ts:17 osint.search.retry",
  ],
  "fixtures/ts-contract-clean": [],
  "fixtures/mixed": [
    "label-missing dashboards/overview.json:17 adapter",
    "series-missing dashboards/overview.json:31 osint_breaker_status",
  ],
  "fixtures/mixed-clean": [],
  "fixtures/checks/metric-unused": ["metric-unused lib/shop/telemetry.ex:7 shop.orders.placed.value"],
  "fixtures/checks/event-dynamic": ["event-dynamic lib/shop/db.ex:4 event"],
  "fixtures/checks/input-unparseable": [
    "input-unparseable dashboards/bad-query.json:10 sum(rate(shop_orders_placed_count[5m])",
    "input-unparseable dashboards/broken.json:6 dashboards/broken.json",
    "event-unconsumed lib/shop/broken.ex:3 shop.oops",
    "input-unparseable lib/shop/broken.ex:4 lib/shop/broken.ex",
    "input-unparseable rules/bad.yml:5 sum by (currency (rate(shop_orders_placed_count[5m]))",
  ],
  "fixtures/checks/suppressions": [
    "suppression-unused lib/shop/audit.ex:5 event-unconsumed",
    "suppression-unused telemetry-drift.config.json:4 ignore[1]",
  ],
};

describe("CLI on fixtures: exact findings", () => {
  for (const [fixture, expected] of Object.entries(EXPECTED)) {
    it(fixture, () => {
      const { report, status } = jsonReport([fixture]);
      expect(report.findings.map(brief)).toEqual(expected);
      const errors = report.findings.filter((f) => f.severity === "error").length;
      expect(status).toBe(errors > 0 ? 1 : 0);
      expect(report.summary.error).toBe(errors);
    });
  }
});

describe("the seed's findings explain themselves", () => {
  const { report } = jsonReport(["fixtures/seed"]);
  const find = (rule: string, subject: string) => report.findings.find((f) => f.rule === rule && f.subject === subject)!;

  it("the dropped summary names the exporter and the panels and alerts that read it", () => {
    const f = find("metric-unsupported", "osint.search.stop.duration");
    expect(f.message).toContain("dropped by TelemetryMetricsPrometheus.Core child at lib/prismatic_osint/application.ex:7");
    expect(f.message).toContain('Use distribution("osint.search.stop.duration", reporter_options: [buckets: [...]])');
    expect(f.related.map((r) => `${r.file}:${r.line}`)).toEqual(["lib/prismatic_osint/application.ex:7", "dashboards/osint.json:31", "rules/osint.rules.yml:8"]);
  });

  it("the metric with no emitter points at the events the code does emit, and at the panels that show no data", () => {
    const f = find("metric-no-emitter", "osint.breaker.state");
    expect(f.message).toBe(
      'Metric last_value("osint.breaker.state") consumes event `osint.breaker`, which nothing emits, so the 2 queries reading `osint_breaker_state` show no data; the code emits `osint.breaker.close`, `osint.breaker.open`: set `event_name:` to the event that carries the measurement, or emit `osint.breaker`.',
    );
    expect(f.related.map((r) => r.message)).toEqual([
      "exported by TelemetryMetricsPrometheus.Core child at lib/prismatic_osint/application.ex:7",
      'panel "Breaker state" of dashboard "OSINT search" reads osint_breaker_state',
      "alert OsintBreakerOpen reads osint_breaker_state",
    ]);
  });

  it("a panel on a dropped series says why it is empty, located on the selector inside the expr string", () => {
    const f = find("series-missing", "osint_search_stop_duration_bucket");
    expect([f.line, f.column]).toEqual([31, 72]);
    expect(f.message).toMatch(/^Panel "Search latency p95" of dashboard "OSINT search" queries `osint_search_stop_duration_bucket`, which is never exported: metric summary/);
  });

  it("a near-miss series name gets a suggestion", () => {
    expect(find("series-missing", "osint_breaker_close_count").message).toContain("did you mean `osint_breaker_open_count`");
  });
});

describe("CLI behaviour", () => {
  it("prints the pretty report with a summary line and exits 1 on errors", () => {
    const result = runCli(["fixtures/seed"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("lib/prismatic_web/telemetry.ex\n  6:7     error    summary(\"osint.search.stop.duration\") is dropped");
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe("✖ 5 errors, 1 warning in 4 files; 5 events, 4 metrics, 9 queries");
    expect(result.stderr).toBe("");
  });

  it("--fail-on never exits 0; --fail-on warning counts warnings", () => {
    expect(runCli(["fixtures/seed", "--fail-on", "never"]).status).toBe(0);
    expect(runCli(["fixtures/checks/event-unconsumed", "--fail-on", "warning"]).status).toBe(1);
    expect(runCli(["fixtures/checks/event-unconsumed"]).status).toBe(0);
  });

  it("--rule overrides a severity", () => {
    const { report } = jsonReport(["fixtures/checks/event-unconsumed", "--rule", "event-unconsumed=error"]);
    expect(report.findings.every((f) => f.severity === "error")).toBe(true);
    expect(jsonReport(["fixtures/checks/event-unconsumed", "--rule", "event-unconsumed=off"]).report.findings).toEqual([]);
  });

  it("JSON output is byte-identical across runs", () => {
    const a = runCli(["fixtures/seed", "--format", "json"]).stdout;
    const b = runCli(["fixtures/seed", "--format", "json"]).stdout;
    expect(a).toBe(b);
    expect(JSON.parse(a)).toMatchObject({ version: 1, tool: { name: "telemetry-drift" }, root: ".", summary: { error: 5, warning: 1, info: 0 }, inventory: { events: 5, metrics: 4, queries: 9 } });
  });

  it("github and sarif formats", () => {
    const github = runCli(["fixtures/seed", "--format", "github"]).stdout;
    expect(github.split("\n")[0]).toMatch(/^::error file=dashboards\/osint.json,line=31,col=72,title=telemetry-drift \(series-missing\)::Panel/);
    const sarif = JSON.parse(runCli(["fixtures/seed", "--format", "sarif"]).stdout);
    expect(sarif.runs[0].results).toHaveLength(6);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("dashboards/osint.json");
  });

  it("--list prints the inventory with locations", () => {
    const out = runCli(["fixtures/seed", "--list"]).stdout;
    expect(out).toContain("osint.breaker.close  emitted at lib/prismatic_osint/breaker.ex:12; declared at lib/prismatic_osint/telemetry/events.ex:9; not consumed");
    expect(out).toContain('counter("osint.breaker.open.count")  event osint.breaker.open; telemetry_metrics_prometheus_core → osint_breaker_open_count');
    const inventory = JSON.parse(runCli(["fixtures/seed", "--list", "--format", "json"]).stdout);
    expect(inventory.queries).toHaveLength(9);
    // TS/JS instruments: their record sites counted.
    const instruments = runCli(["fixtures/js-prom-client", "--list"]).stdout;
    for (const line of ['Counter "worker_jobs_processed_total"  recorded at 3 sites;', 'Histogram "worker_job_duration_seconds"  recorded at 1 site;', 'Counter "worker_job_retries_total"  recorded at 0 sites;']) expect(instruments).toContain(line);
  });

  it("--explain prints the rule's page; --list-rules lists every rule", () => {
    expect(runCli(["--explain", "metric-unsupported"]).stdout).toMatch(/^# metric-unsupported/);
    const rules = runCli(["--list-rules"]).stdout;
    expect(rules.split("\n").filter(Boolean)).toHaveLength(13);
  });

  it("usage and config errors exit 2 with one line and no stack trace", () => {
    for (const args of [["--nope"], ["does/not/exist"], ["--format", "xml", "fixtures/seed"], ["--explain", "nope"], ["--rule", "x=error"]]) {
      const result = runCli(args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(result.stderr).toMatch(/^telemetry-drift: /);
      expect(result.stdout).toBe("");
    }
  });

  it("an unknown config key exits 2 naming the key", () => {
    const result = runCli(["fixtures/seed", "--config", "test/e2e/bad-config.json"]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe("telemetry-drift: test/e2e/bad-config.json: unknown key `exporterr`");
  });
});
