// The exposition parser: hand-written cases for the format's corners, the real output of prom-client
// and @opentelemetry/exporter-prometheus, located errors, and "never throws" on arbitrary input.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import client from "prom-client";
import { MeterProvider } from "@opentelemetry/sdk-metrics";
import { PrometheusExporter } from "@opentelemetry/exporter-prometheus";
import { parseExposition, type Exposition } from "../../src/live/exposition.js";

function ok(text: string): Exposition {
  const result = parseExposition(text);
  if (!result.ok) throw new Error(`unexpected error at ${result.error.line}:${result.error.column}: ${result.error.message}`);
  return result.exposition;
}

const brief = (e: Exposition): string[] => e.series.map((s) => `${s.name}<${s.family}:${s.type}>{${s.labelNames.join(",")}}@${s.line}`);

describe("parseExposition", () => {
  it("reads families, types and per-series label names", () => {
    const e = ok(
      [
        "# HELP http_requests_total Requests.",
        "# TYPE http_requests_total counter",
        'http_requests_total{method="GET",code="200"} 1027 1395066363000',
        'http_requests_total{method="POST",code="400"}    3 1395066363000',
        "",
        "# A normal comment.",
        "# TYPE rpc_duration_seconds histogram",
        'rpc_duration_seconds_bucket{le="0.05"} 24054',
        'rpc_duration_seconds_bucket{le="+Inf"} 144320',
        "rpc_duration_seconds_sum 53423",
        "rpc_duration_seconds_count 144320",
        "# TYPE rpc_latency summary",
        'rpc_latency{quantile="0.5"} 4773',
        "rpc_latency_sum 1.7560473e+07",
        "rpc_latency_count 2693",
        "metric_without_timestamp_and_labels 12.47",
        'something_weird{problem="division by zero"} +Inf -3982045',
        "nan_value NaN",
      ].join("\n"),
    );
    expect(brief(e)).toEqual([
      "http_requests_total<http_requests_total:counter>{code,method}@3",
      "rpc_duration_seconds_bucket<rpc_duration_seconds:histogram>{le}@8",
      "rpc_duration_seconds_sum<rpc_duration_seconds:histogram>{}@10",
      "rpc_duration_seconds_count<rpc_duration_seconds:histogram>{}@11",
      "rpc_latency<rpc_latency:summary>{quantile}@13",
      "rpc_latency_sum<rpc_latency:summary>{}@14",
      "rpc_latency_count<rpc_latency:summary>{}@15",
      "metric_without_timestamp_and_labels<metric_without_timestamp_and_labels:untyped>{}@16",
      "something_weird<something_weird:untyped>{problem}@17",
      "nan_value<nan_value:untyped>{}@18",
    ]);
    expect(e.families.map((f) => `${f.name}:${f.type}`)).toEqual(["http_requests_total:counter", "rpc_duration_seconds:histogram", "rpc_latency:summary"]);
    expect(e.families[0]!.help).toBe("Requests.");
    expect(e.samples).toBe(12);
    expect(e.format).toBe("text");
  });

  it("keeps the distinct label-name sets of a series", () => {
    const e = ok('a{x="1"} 1\na{x="2"} 1\na{x="1",y="2"} 1\na 3\n');
    expect(e.series[0]!.labelSets).toEqual([["x"], ["x", "y"], []]);
    expect(e.series[0]!.labelNames).toEqual(["x", "y"]);
    expect(e.series[0]!.samples).toBe(4);
  });

  it("handles escaped quotes, backslashes and newlines in label values, and commas and braces inside them", () => {
    const e = ok('msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9\nb{v="a,b}c=d",w=""} 0\n');
    expect(brief(e)).toEqual(["msdos_file_access_time_seconds<msdos_file_access_time_seconds:untyped>{error,path}@1", "b<b:untyped>{v,w}@2"]);
  });

  it("tolerates OpenMetrics: # UNIT, # EOF, _created, exemplars, float timestamps, info and stateset", () => {
    const e = ok(
      [
        "# TYPE acme_http_router_request_seconds histogram",
        "# UNIT acme_http_router_request_seconds seconds",
        "# HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request router.",
        'acme_http_router_request_seconds_bucket{path="/api/v1",method="GET",le="0.1"} 8 # {trace_id="KOO5S4vxi0o"} 0.067 1.6e9',
        'acme_http_router_request_seconds_bucket{path="/api/v1",method="GET",le="+Inf"} 10',
        'acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32',
        'acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 807283.0',
        'acme_http_router_request_seconds_created{path="/api/v1",method="GET"} 1605281325.0',
        "# TYPE jobs counter",
        "jobs_total 3 1605281325.123",
        "jobs_created 1605281325.0",
        "# TYPE build info",
        'build_info{version="1.0"} 1',
        "# TYPE feature stateset",
        'feature{feature="a"} 1',
        "# EOF",
      ].join("\n"),
    );
    expect(e.format).toBe("openmetrics");
    expect(brief(e)).toEqual([
      "acme_http_router_request_seconds_bucket<acme_http_router_request_seconds:histogram>{le,method,path}@4",
      "acme_http_router_request_seconds_sum<acme_http_router_request_seconds:histogram>{method,path}@6",
      "acme_http_router_request_seconds_count<acme_http_router_request_seconds:histogram>{method,path}@7",
      "acme_http_router_request_seconds_created<acme_http_router_request_seconds:histogram>{method,path}@8",
      "jobs_total<jobs:counter>{}@10",
      "jobs_created<jobs:counter>{}@11",
      "build_info<build:info>{version}@13",
      "feature<feature:stateset>{feature}@15",
    ]);
    expect(e.families[0]!.unit).toBe("seconds");
  });

  it("accepts quoted UTF-8 names (Prometheus 3 text format), CRLF line ends and a trailing comma", () => {
    const e = ok('# TYPE "my.metric" gauge\r\n{"my.metric","http.method"="GET",} 1\r\nplain{a="b",} 2\r\n');
    expect(brief(e)).toEqual(["my.metric<my.metric:gauge>{http.method}@2", "plain<plain:untyped>{a}@3"]);
  });

  it("accepts an empty exposition and blank lines", () => {
    expect(ok("").series).toEqual([]);
    expect(ok("\n\n  \n").samples).toBe(0);
  });

  it("returns a located error (line, column) for malformed input and never throws", () => {
    const cases: [string, number, number, string][] = [
      ['a{x="1"} 1\nb{x="1} 2\n', 2, 5, 'unterminated quoted value of label "x"'],
      ["a 1\nb{x=1} 2\n", 2, 5, 'expected a quoted value of label "x", found "1"'],
      ["a one\n", 1, 3, 'invalid sample value "one"'],
      ["a 1 tomorrow\n", 1, 5, 'invalid timestamp "tomorrow"'],
      ["a\n", 1, 2, 'missing value for sample "a"'],
      ['a{x="1",x="2"} 1\n', 1, 9, 'label "x" appears twice'],
      ["# TYPE a counter\n# TYPE a gauge\n", 2, 10, 'second TYPE line for metric family "a"'],
      ["# TYPE a countr\n", 1, 10, 'unknown metric type "countr" (expected counter, gauge, histogram, summary, untyped or an OpenMetrics type)'],
      ["a 1\n# EOF\nb 2\n", 3, 1, 'unexpected content after "# EOF" (line 2)'],
      ["<html><body>Not found</body></html>\n", 1, 1, 'expected a metric name, found "<"'],
      ['{"json": true}\n', 1, 8, 'expected "," or "}" in the label set, found ":"'],
      ["a{x=\"1\"}1\n", 1, 9, 'expected a blank before the value, found "1"'],
      ["9lives 1\n", 1, 1, 'expected a metric name, found "9"'],
      ["a 1 2 3\n", 1, 7, 'unexpected "3" after the sample value'],
      ['a 1 # {trace_id="x"}\n', 1, 21, "missing exemplar value"],
    ];
    for (const [text, line, column, message] of cases) {
      const result = parseExposition(text);
      expect(result, text).toEqual({ ok: false, error: { line, column, message } });
    }
  });

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "_", "{", "}", '"', "\\", "=", ",", " ", "\n", "#", "1", ".", "e", "+", "T", "Y", "P", "E", "\t", "\r") }), (text) => {
        const result = parseExposition(text);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 2000 },
    );
  });

  it("reads real prom-client output (metrics and default metrics)", async () => {
    const registry = new client.Registry();
    client.collectDefaultMetrics({ register: registry });
    const counter = new client.Counter({ name: "t_requests_total", help: 'with "quotes" \\ and\nnewline', labelNames: ["route"], registers: [registry] });
    counter.inc({ route: 'a "quoted" \\ path\nwith newline' });
    const histogram = new client.Histogram({ name: "t_latency_seconds", help: "h", labelNames: ["route"], registers: [registry] });
    histogram.observe({ route: "/" }, 0.2);
    new client.Summary({ name: "t_size", help: "s", registers: [registry] }).observe(3);
    const e = ok(await registry.metrics());
    const byName = new Map(e.series.map((s) => [s.name, s]));
    expect(byName.get("t_requests_total")).toMatchObject({ family: "t_requests_total", type: "counter", labelNames: ["route"] });
    expect(byName.get("t_latency_seconds_bucket")).toMatchObject({ family: "t_latency_seconds", type: "histogram", labelNames: ["le", "route"] });
    expect(byName.get("t_size")).toMatchObject({ type: "summary", labelNames: ["quantile"] });
    expect(byName.get("process_cpu_user_seconds_total")).toMatchObject({ type: "counter" });
    expect(byName.get("nodejs_version_info")).toMatchObject({ type: "gauge", labelNames: ["major", "minor", "patch", "version"] });
    // Its OpenMetrics form too.
    registry.setContentType(client.openMetricsContentType as typeof client.prometheusContentType);
    const om = ok(await registry.metrics());
    expect(om.format).toBe("openmetrics");
    expect(om.series.find((s) => s.name === "t_requests_total")).toMatchObject({ family: "t_requests", type: "counter" });
  });

  it("reads real @opentelemetry/exporter-prometheus output (with # UNIT lines in the text format)", async () => {
    const exporter = new PrometheusExporter({ preventServerStart: true });
    const provider = new MeterProvider({ readers: [exporter] });
    const meter = provider.getMeter("t", "1.0.0");
    meter.createCounter("orders", { unit: "{order}" }).add(1, { "payment.method": "card" });
    meter.createHistogram("duration", { unit: "s" }).record(0.3, { route: "/" });
    const { resourceMetrics } = await exporter.collect();
    const { PrometheusSerializer } = await import("@opentelemetry/exporter-prometheus");
    const text = new PrometheusSerializer().serialize(resourceMetrics);
    const e = ok(text);
    expect(brief(e).filter((b) => !b.startsWith("target_info"))).toEqual([
      "orders_total<orders_total:counter>{otel_scope_name,otel_scope_version,payment_method}@7",
      "duration_count<duration:histogram>{otel_scope_name,otel_scope_version,route}@11",
      "duration_sum<duration:histogram>{otel_scope_name,otel_scope_version,route}@12",
      "duration_bucket<duration:histogram>{le,otel_scope_name,otel_scope_version,route}@13",
    ]);
    await provider.shutdown();
  });
});
