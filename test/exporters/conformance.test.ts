// Conformance: the series telemetry-drift derives statically from TS source must equal what the REAL
// exporters produce. Each table row is written as TypeScript source, analysed by the TS frontend and
// the graph, and also executed against @opentelemetry/exporter-prometheus / prom-client; the series
// names and label sets are compared sample by sample.
import { describe, expect, it } from "vitest";
import { metrics as otelMetrics } from "@opentelemetry/api";
import { MeterProvider } from "@opentelemetry/sdk-metrics";
import { PrometheusExporter, PrometheusSerializer } from "@opentelemetry/exporter-prometheus";
import { resourceFromAttributes } from "@opentelemetry/resources";
import client from "prom-client";
import { extractTypeScript } from "../../src/frontends/typescript/index.js";
import { buildGraph } from "../../src/graph/build.js";
import type { Series } from "../../src/model.js";
import { PROM_CLIENT_DEFAULT_METRICS } from "../../src/exporters/prom-client.js";

void otelMetrics;

interface OtelRow {
  factory: "createCounter" | "createUpDownCounter" | "createHistogram" | "createGauge" | "createObservableCounter" | "createObservableUpDownCounter" | "createObservableGauge";
  name: string;
  unit?: string;
  buckets?: number[];
  attrs: Record<string, string>;
  meterVersion?: string;
}

const OTEL: OtelRow[] = [
  { factory: "createCounter", name: "http.server.requests", unit: "{request}", attrs: { "http.request.method": "GET" } },
  { factory: "createCounter", name: "bytes.sent", unit: "By", attrs: {} },
  { factory: "createCounter", name: "jobs_total", attrs: { queue: "a" } },
  { factory: "createCounter", name: "jobs.done.total", attrs: { "queue-name": "q1" } },
  { factory: "createCounter", name: "9lives", attrs: {} },
  { factory: "createCounter", name: "café.orders", attrs: { "région": "eu" } },
  { factory: "createCounter", name: "a..b__c", attrs: { "__x": "y" } },
  { factory: "createCounter", name: "rpc:calls", unit: "1", attrs: { "rpc.method": "Get" } },
  { factory: "createCounter", name: "Mixed.Case.Name", attrs: { Route: "/a" } },
  { factory: "createCounter", name: "with-dash/and/slash", attrs: { "1st": "x" } },
  { factory: "createUpDownCounter", name: "queue.depth", attrs: { "queue-name": "q1" } },
  { factory: "createUpDownCounter", name: "pool.connections.active", unit: "{connection}", attrs: { pool: "main", "db.system": "pg" } },
  { factory: "createUpDownCounter", name: "items_total", attrs: {} },
  { factory: "createHistogram", name: "http.server.request.duration", unit: "s", attrs: { "http.route": "/a", "http.response.status_code": "200" } },
  { factory: "createHistogram", name: "payload.size", unit: "By", buckets: [100, 1000, 10000], attrs: { direction: "in" } },
  { factory: "createHistogram", name: "latency_ms", unit: "ms", buckets: [1, 5, 10], attrs: {} },
  { factory: "createHistogram", name: "db.query.time", attrs: { "db.operation": "select", table: "users" } },
  { factory: "createHistogram", name: "2fast", attrs: { k: "v" } },
  { factory: "createGauge", name: "cpu.utilization", unit: "1", attrs: { cpu: "0" } },
  { factory: "createGauge", name: "temperature.celsius", unit: "Cel", attrs: { "sensor.id": "s1" } },
  { factory: "createGauge", name: "build.info", attrs: { version: "1.2.3", "git.sha": "abc" } },
  { factory: "createObservableCounter", name: "process.cpu.time", unit: "s", attrs: { state: "user" } },
  { factory: "createObservableCounter", name: "gc.runs_total", attrs: {} },
  { factory: "createObservableUpDownCounter", name: "heap.objects", attrs: { space: "old" } },
  { factory: "createObservableGauge", name: "memory.usage", unit: "By", attrs: { "memory.type": "heap" } },
  { factory: "createObservableGauge", name: "uptime", unit: "s", attrs: {} },
  { factory: "createCounter", name: "scoped.counter", attrs: { a: "b" }, meterVersion: "" },
  { factory: "createHistogram", name: "scoped.hist", attrs: { a: "b" }, meterVersion: "" },
  { factory: "createCounter", name: "many.attrs", attrs: { a: "1", "b.c": "2", "d-e": "3", f_g: "4" } },
  { factory: "createGauge", name: "ratio_value", unit: "%", attrs: {} },
];

interface PromRow {
  cls: "Counter" | "Gauge" | "Histogram" | "Summary";
  name: string;
  labels: Record<string, string>;
  buckets?: number[];
  percentiles?: number[];
}

const PROM: PromRow[] = [
  { cls: "Counter", name: "app_requests_total", labels: { method: "GET", code: "200" } },
  { cls: "Counter", name: "app:rule:ratio", labels: {} },
  { cls: "Counter", name: "jobs", labels: { queue: "a" } },
  { cls: "Gauge", name: "app_in_flight", labels: { route: "/x" } },
  { cls: "Gauge", name: "temperature_celsius", labels: {} },
  { cls: "Histogram", name: "app_latency_seconds", labels: { route: "/x" } },
  { cls: "Histogram", name: "app_size_bytes", labels: {}, buckets: [10, 100, 1000] },
  { cls: "Summary", name: "app_duration_seconds", labels: { route: "/y" } },
  { cls: "Summary", name: "app_batch_size", labels: {}, percentiles: [0.5, 0.99] },
];

/** `name{a="b",c="d"} 1` → "name{a,c}" (label names sorted), one per sample line. */
function exposition(text: string, skip: (name: string) => boolean = () => false): Set<string> {
  const out = new Set<string>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s/.exec(line);
    if (!match || skip(match[1]!)) continue;
    const labels = match[3] ? [...match[3].matchAll(/(?:^|,)([^=,{}"]+)="(?:[^"\\]|\\.)*"/g)].map((m) => m[1]!) : [];
    out.add(`${match[1]}{${[...new Set(labels)].sort().join(",")}}`);
  }
  return out;
}

const staticSet = (series: Series[]): Set<string> => new Set(series.map((s) => `${s.name}{${[...s.labels].sort().join(",")}}`));

function otelSource(rows: OtelRow[]): string {
  const lines = ['import { metrics } from "@opentelemetry/api";'];
  rows.forEach((row, i) => {
    const meter = `metrics.getMeter("conformance.scope"${row.meterVersion === "" ? "" : ', "1.0.0"'})`;
    const opts: string[] = [];
    if (row.unit) opts.push(`unit: ${JSON.stringify(row.unit)}`);
    if (row.buckets) opts.push(`advice: { explicitBucketBoundaries: ${JSON.stringify(row.buckets)} }`);
    lines.push(`export const i${i} = ${meter}.${row.factory}(${JSON.stringify(row.name)}${opts.length ? `, { ${opts.join(", ")} }` : ""});`);
    const attrs = JSON.stringify(row.attrs);
    if (row.factory.startsWith("createObservable")) lines.push(`i${i}.addCallback((result) => { result.observe(1, ${attrs}); });`);
    else if (row.factory === "createHistogram" || row.factory === "createGauge") lines.push(`i${i}.record(1, ${attrs});`);
    else lines.push(`i${i}.add(1, ${attrs});`);
  });
  return lines.join("\n");
}

async function realOtel(rows: OtelRow[], prefix?: string): Promise<string> {
  const exporter = new PrometheusExporter({ preventServerStart: true, ...(prefix ? { prefix } : {}) });
  const provider = new MeterProvider({ readers: [exporter], resource: resourceFromAttributes({ "service.name": "conformance" }) });
  rows.forEach((row) => {
    const meter = row.meterVersion === "" ? provider.getMeter("conformance.scope") : provider.getMeter("conformance.scope", "1.0.0");
    const options = { ...(row.unit ? { unit: row.unit } : {}), ...(row.buckets ? { advice: { explicitBucketBoundaries: row.buckets } } : {}) };
    const create = meter[row.factory].bind(meter) as (name: string, options: object) => {
      add?: (v: number, a: object) => void;
      record?: (v: number, a: object) => void;
      addCallback?: (cb: (r: { observe: (v: number, a: object) => void }) => void) => void;
    };
    const instrument = create(row.name, options);
    if (row.factory.startsWith("createObservable")) instrument.addCallback!((result) => result.observe(1, row.attrs));
    else if (instrument.record) instrument.record(1, row.attrs);
    else instrument.add!(1, row.attrs);
  });
  const { resourceMetrics } = await exporter.collect();
  await provider.shutdown();
  return new PrometheusSerializer(prefix ?? "").serialize(resourceMetrics);
}

function staticOtel(rows: OtelRow[], prefix?: string): { series: Series[]; perRow: Set<string>[] } {
  const facts = extractTypeScript("src/conformance.ts", otelSource(rows));
  expect(facts.problems).toEqual([]);
  const exporterFacts = prefix ? [{ ...facts, otelExporterOptions: [{ prefix, loc: { file: "x", line: 1, column: 1 } }] }] : [facts];
  const graph = buildGraph(exporterFacts, { exporter: "opentelemetry" });
  const perRow = rows.map((_, i) => {
    const node = graph.metrics.find((m) => m.def.instrument?.key === `src/conformance.ts#i${i}`);
    expect(node, `row ${i}`).toBeDefined();
    return staticSet(node!.result!.series);
  });
  return { series: [...graph.series.values()].flat(), perRow };
}

describe("conformance with the real @opentelemetry/exporter-prometheus", () => {
  it(`derives exactly the series and labels the exporter produces for ${OTEL.length} instruments`, async () => {
    const real = exposition(await realOtel(OTEL), (n) => n === "target_info");
    const { perRow } = staticOtel(OTEL);
    const derived = new Set(perRow.flatMap((s) => [...s]));
    expect([...derived].sort()).toEqual([...real].sort());
  });

  it("applies the exporter's prefix option", async () => {
    const rows = OTEL.slice(0, 6);
    const real = exposition(await realOtel(rows, "svc"), (n) => n === "target_info");
    const { perRow } = staticOtel(rows, "svc");
    expect([...new Set(perRow.flatMap((s) => [...s]))].sort()).toEqual([...real].sort());
  });

  it("emits target_info, which the graph knows as a series", async () => {
    const text = await realOtel(OTEL.slice(0, 1));
    expect(text).toMatch(/^target_info\{service_name="conformance"\} 1$/m);
    expect(staticOtel(OTEL.slice(0, 1)).series.some((s) => s.name === "target_info")).toBe(true);
  });
});

describe("conformance with the real prom-client", () => {
  function promSource(rows: PromRow[]): string {
    const lines = ['const client = require("prom-client");'];
    rows.forEach((row, i) => {
      const opts = [`name: ${JSON.stringify(row.name)}`, 'help: "h"', `labelNames: ${JSON.stringify(Object.keys(row.labels))}`];
      if (row.buckets) opts.push(`buckets: ${JSON.stringify(row.buckets)}`);
      if (row.percentiles) opts.push(`percentiles: ${JSON.stringify(row.percentiles)}`);
      lines.push(`const m${i} = new client.${row.cls}({ ${opts.join(", ")} });`);
      const method = row.cls === "Counter" ? "inc" : row.cls === "Gauge" ? "set" : "observe";
      lines.push(`m${i}.${method}(${JSON.stringify(row.labels)}, 1);`);
    });
    return lines.join("\n");
  }

  it(`derives exactly the series and labels prom-client produces for ${PROM.length} metrics`, async () => {
    const registry = new client.Registry();
    for (const row of PROM) {
      const metric = new client[row.cls]({ name: row.name, help: "h", labelNames: Object.keys(row.labels), registers: [registry], ...(row.buckets ? { buckets: row.buckets } : {}), ...(row.percentiles ? { percentiles: row.percentiles } : {}) } as never) as unknown as {
        inc?: (l: object, v: number) => void;
        set?: (l: object, v: number) => void;
        observe?: (l: object, v: number) => void;
      };
      if (row.cls === "Counter") metric.inc!(row.labels, 1);
      else if (row.cls === "Gauge") metric.set!(row.labels, 1);
      else metric.observe!(row.labels, 1);
    }
    const real = exposition(await registry.metrics());
    const facts = extractTypeScript("lib/metrics.js", promSource(PROM));
    const graph = buildGraph([facts], {});
    const derived = staticSet([...graph.series.values()].flat());
    expect([...derived].sort()).toEqual([...real].sort());
  });

  for (const prefix of ["", "worker_"]) {
    it(`collectDefaultMetrics(${prefix ? `{ prefix: "${prefix}" }` : ""}): the same metric families as the real registry`, async () => {
      const registry = new client.Registry();
      client.collectDefaultMetrics({ register: registry, ...(prefix ? { prefix } : {}) });
      const text = await registry.metrics();
      const realFamilies = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
      const staticFamilies = new Set(PROM_CLIENT_DEFAULT_METRICS.map((m) => prefix + m.name.replace(/_(bucket|sum|count)$/, "")));
      // process_virtual_memory_bytes and process_heap_bytes are Linux-only in prom-client; this suite runs on Linux.
      expect([...staticFamilies].sort()).toEqual([...realFamilies].sort());
      const facts = extractTypeScript("lib/m.js", `const client = require("prom-client");\nclient.collectDefaultMetrics(${prefix ? `{ prefix: "${prefix}" }` : ""});`);
      const graph = buildGraph([facts], {});
      for (const family of realFamilies) expect([...graph.series.keys()].some((n) => n === family || n.startsWith(`${family}_`)), family).toBe(true);
    });
  }
});
