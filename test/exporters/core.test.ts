import { describe, expect, it } from "vitest";
import type { MetricDefinition } from "../../src/model.js";
import { coreMetricName, duplicateMetricNames, exportMetric, leValues, nameSanitisationNote } from "../../src/exporters/index.js";
import { externalSeriesMatcher } from "../../src/exporters/external.js";

const def = (kind: MetricDefinition["kind"], name: string, extra: Partial<MetricDefinition> = {}): MetricDefinition => ({
  kind,
  name: name.split("."),
  event: name.split(".").slice(0, -1),
  measurement: name.split(".").at(-1)!,
  tags: [],
  buckets: { state: "missing" },
  loc: { file: "lib/t.ex", line: 1, column: 1 },
  list: "T.metrics/0",
  language: "elixir",
  ...extra,
});

describe("TelemetryMetricsPrometheus.Core naming (format_name/1)", () => {
  it.each([
    ["123foo.bar.total", "foo_bar_total"],
    ["http.request-count.total", "http_requestcount_total"],
    ["a.B.c", "a_B_c"],
    ["electric.shape_db.pool.checkout.queue_time_μs", "electric_shape_db_pool_checkout_queue_time_s"],
    ["_x.y", "x_y"],
    ["osint.search.stop.duration", "osint_search_stop_duration"],
  ])("%s → %s", (name, expected) => {
    expect(coreMetricName(name.split("."))).toBe(expected);
  });

  it("notes when sanitising changes the name", () => {
    expect(nameSanitisationNote(def("counter", "http.request-count.total"))).toContain("`http_requestcount_total`");
    expect(nameSanitisationNote(def("counter", "a.b.c"))).toBeUndefined();
  });
});

describe("Core type mapping", () => {
  it("counter, sum, last_value: one series, tags as labels, no unit or _total suffix", () => {
    const tags = { tags: ["adapter"], unit: "millisecond" };
    expect(exportMetric(def("counter", "a.b.count", tags), "telemetry_metrics_prometheus_core").series.map((s) => [s.name, s.type, s.labels])).toEqual([["a_b_count", "counter", ["adapter"]]]);
    expect(exportMetric(def("sum", "a.b.bytes", tags), "telemetry_metrics_prometheus_core").series[0]!.type).toBe("counter");
    expect(exportMetric(def("sum", "a.b.bytes", { prometheusType: "gauge" }), "telemetry_metrics_prometheus_core").series[0]!.type).toBe("gauge");
    expect(exportMetric(def("last_value", "a.b.size", { prometheusType: "counter" }), "telemetry_metrics_prometheus_core").series[0]!.type).toBe("gauge");
  });

  it("distribution: _bucket with le, _sum, _count", () => {
    const result = exportMetric(def("distribution", "a.b.duration", { tags: ["route"], buckets: { state: "literal", values: [10, 100] } }), "telemetry_metrics_prometheus_core");
    expect(result.invalid).toBeUndefined();
    expect(result.series.map((s) => `${s.name}{${s.labels.join(",")}}`)).toEqual(["a_b_duration_bucket{route,le}", "a_b_duration_sum{route}", "a_b_duration_count{route}"]);
  });

  it("summary is dropped, quoting the exporter's own warning", () => {
    const result = exportMetric(def("summary", "a.b.duration"), "telemetry_metrics_prometheus_core");
    expect(result.series).toEqual([]);
    expect(result.dropped).toContain("Metric type summary is unsupported. Dropping measure.");
    expect(exportMetric(def("summary", "a.b.duration"), "peep").dropped).toContain("The summary metric type is unsupported");
  });

  it("refuses distributions without, with empty, or with unsorted buckets; bad prometheus_type; bad label names", () => {
    expect(exportMetric(def("distribution", "a.b.d"), "telemetry_metrics_prometheus_core").invalid![0]).toMatch(/reporter process crashes/);
    expect(exportMetric(def("distribution", "a.b.d", { buckets: { state: "literal", values: [] } }), "telemetry_metrics_prometheus_core").invalid![0]).toMatch(/must not be empty/);
    expect(exportMetric(def("distribution", "a.b.d", { buckets: { state: "literal", values: [10, 5] } }), "telemetry_metrics_prometheus_core").invalid![0]).toMatch(/ascending/);
    expect(exportMetric(def("sum", "a.b.d", { prometheusType: '"gauge"' }), "telemetry_metrics_prometheus_core").invalid![0]).toMatch(/must be the atom :counter or :gauge/);
    expect(exportMetric(def("counter", "a.b.d", { tags: ["http.method"] }), "telemetry_metrics_prometheus_core").invalid![0]).toMatch(/`http.method` is not a valid Prometheus label name/);
  });

  it("marks labels unknown when tags are not a literal list", () => {
    expect(exportMetric(def("counter", "a.b.c", { tags: null }), "telemetry_metrics_prometheus_core").series[0]!.labelsUnknown).toBe(true);
  });

  it("Peep: last_value keeps prometheus_type; le values are floats", () => {
    expect(exportMetric(def("last_value", "a.b.size", { prometheusType: "counter" }), "peep").series[0]!.type).toBe("counter");
    expect(leValues([500, 1.5, 0.00001], false)).toEqual(["500", "1.5", "1.0e-5", "+Inf"]);
    expect(leValues([500, 1.5], true)).toEqual(["500.0", "1.5", "+Inf"]);
    expect(leValues([0.5, 1000.5, 0.001, 1500.25], false)).toEqual(["0.5", "1000.5", "0.001", "1500.25", "+Inf"]);
    expect(leValues([1000, 100], true)).toEqual(["1.0e3", "100.0", "+Inf"]);
  });
});

describe("duplicate names", () => {
  it("same atom list: the second is dropped; different atoms, same sanitised name: duplicate TYPE lines", () => {
    const a = def("counter", "a.b_c");
    const b = def("counter", "a_b.c");
    const c = def("counter", "a.b_c");
    const dups = duplicateMetricNames([a, b, c], "telemetry_metrics_prometheus_core");
    expect(dups).toEqual([
      { first: a, duplicate: b, sameAtomList: false },
      { first: a, duplicate: c, sameAtomList: true },
    ]);
  });
});

describe("external series", () => {
  it("matches built-in and configured globs, and nothing else", () => {
    const match = externalSeriesMatcher(["haproxy_*", "pg_stat_*_total"]);
    expect(match("up")).toBe("Prometheus (scrape health)");
    expect(match("node_cpu_seconds_total")).toBe("node_exporter");
    expect(match("haproxy_backend_up")).toBe('externalSeries "haproxy_*"');
    expect(match("pg_stat_db_total")).toBe('externalSeries "pg_stat_*_total"');
    expect(match("pg_stat_db_count")).toBeUndefined();
    expect(match("upx")).toBeUndefined();
    expect(match("osint_search_stop_duration")).toBeUndefined();
  });
});
