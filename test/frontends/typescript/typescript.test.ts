import { describe, expect, it } from "vitest";
import { extractTypeScript } from "../../../src/frontends/typescript/index.js";
import { buildGraph } from "../../../src/graph/build.js";
import { dotted, type FileFacts } from "../../../src/model.js";

const facts = (code: string, file = "src/m.ts", options = {}) => extractTypeScript(file, code, options);
const defs = (f: FileFacts) => f.metrics.map((m) => `${m.instrument!.library}:${m.instrument!.type}:${m.name[0]}@${m.loc.line} key=${m.instrument!.key.split("#")[1]}`);

describe("OpenTelemetry instruments", () => {
  it("reads every factory with options, meters, and bindings in variables, class fields and object properties", () => {
    const f = facts(`import { metrics } from "@opentelemetry/api";
const meter = metrics.getMeter("svc", "2.0.0");
export const a = meter.createCounter("a.count", { unit: "{x}", description: "d" });
const b = meter.createHistogram("b.duration", { unit: "s", advice: { explicitBucketBoundaries: [1, 2] } });
class Store {
  private readonly hits = meter.createUpDownCounter("store.hits");
  constructor() { this.misses = metrics.getMeter("inline").createGauge("store.misses"); }
}
export const all = { obs: meter.createObservableGauge("all.obs"), c: meter.createObservableCounter("all.c"), u: meter.createObservableUpDownCounter("all.u") };`);
    expect(defs(f)).toEqual([
      "opentelemetry:Counter:a.count@3 key=a",
      "opentelemetry:Histogram:b.duration@4 key=b",
      "opentelemetry:UpDownCounter:store.hits@6 key=Store.hits",
      "opentelemetry:Gauge:store.misses@7 key=Store.misses",
      "opentelemetry:ObservableGauge:all.obs@9 key=all.obs",
      "opentelemetry:ObservableCounter:all.c@9 key=all.c",
      "opentelemetry:ObservableUpDownCounter:all.u@9 key=all.u",
    ]);
    expect(f.metrics[0]!.instrument!.meter).toEqual({ name: "svc", version: "2.0.0" });
    expect(f.metrics[0]!.unit).toBe("{x}");
    expect(f.metrics[1]!.buckets).toEqual({ state: "literal", values: [1, 2] });
    expect(f.metrics[3]!.instrument!.meter).toEqual({ name: "inline" });
    expect(f.moduleExports!.bindings).toEqual({ a: "src/m.ts#a", "all.obs": "src/m.ts#all.obs", "all.c": "src/m.ts#all.c", "all.u": "src/m.ts#all.u" });
  });

  it("reads options from a constant shared by many instruments, the last of a repeated key (as at run time)", () => {
    const f = facts(`import { metrics } from "@opentelemetry/api";
const meter = metrics.getMeter("svc");
const LATENCY = { unit: "ms", advice: { explicitBucketBoundaries: [5, 50] }, unit: "s" };
export const a = meter.createHistogram("a.duration", LATENCY);
export const b = meter.createHistogram("b.duration", LATENCY);`);
    expect(f.metrics.map((m) => [m.name[0], m.unit, m.buckets])).toEqual([
      ["a.duration", "s", { state: "literal", values: [5, 50] }],
      ["b.duration", "s", { state: "literal", values: [5, 50] }],
    ]);
    const prom = facts(`const client = require("prom-client");\nconst jobs = new client.Counter({ name: "old_total", help: "h", name: "jobs_total" });\n`, "src/m.js");
    expect(defs(prom)).toEqual(["prom-client:Counter:jobs_total@2 key=jobs"]);
  });

  it("reads record sites with their attribute keys: add/record, this.field, observable callbacks, batch callbacks", () => {
    const f = facts(`const meter = metrics.getMeter("s");
const c = meter.createCounter("c");
const g = meter.createObservableGauge("g");
g.addCallback((r) => { r.observe(1, { "k.x": 1 }); });
meter.addBatchObservableCallback((r) => r.observe(g, 2, { other: 1 }), [g]);
class K { private h = meter.createHistogram("h"); run(attrs: object) { this.h.record(1, attrs); c.add(1); c.add(2, { route: "/", code: 200 }); } }`);
    expect(f.instrumentUses!.map((u) => `${u.target.kind === "local" ? u.target.key.split("#")[1] : "?"}.${u.method}(${u.keys === null ? "?" : u.keys.join(",")})@${u.loc.line}`)).toEqual([
      "g.observe(k.x)@4",
      "g.observe(other)@5",
      "K.h.record(?)@6",
      "c.add()@6",
      "c.add(route,code)@6",
    ]);
  });

  it("resolves names from const strings, template literals, enums, `as const` objects, and imported constants", () => {
    const f = facts(`import { NAMES } from "./names";
const PREFIX = "shop";
enum M { Orders = "shop.orders" }
const N = { cart: \`\${PREFIX}.cart\` } as const;
meter.createCounter(PREFIX + ".a");
meter.createCounter(\`\${PREFIX}.b\`);
meter.createCounter(M.Orders);
meter.createCounter(N.cart);
meter.createCounter(NAMES.refunds);
meter.createCounter(computeName());`);
    expect(f.metrics.map((m) => m.name[0])).toEqual(["shop.a", "shop.b", "shop.orders", "shop.cart", "\u0000unresolved"]);
    expect(f.symbolicNames).toEqual([{ index: 4, parts: [{ kind: "import", specifier: "./names", path: "NAMES.refunds" }] }]);
    expect(f.dynamicMetrics!.map((d) => d.expression)).toEqual(["computeName()"]);
  });

  it("links imported instruments and constants across files (relative imports, .js extensions, tsconfig paths)", () => {
    const names = facts(`export const NAMES = { refunds: "shop.refunds" } as const;`, "src/telemetry/names.ts");
    const defsFile = facts(`import { NAMES } from "./names.js";\nexport const refunds = meter.createCounter(NAMES.refunds);\nexport const orders = meter.createCounter("shop.orders");`, "src/telemetry/metrics.ts");
    const user = facts(`import { refunds } from "@t/metrics";\nimport * as m from "../telemetry/metrics";\nrefunds.add(1, { reason: "x" });\nm.orders.add(1);`, "src/app/use.ts");
    const tsconfig: FileFacts = { ...facts("", "tsconfig.json"), language: undefined, tsconfigPaths: { baseUrl: ".", paths: { "@t/*": ["src/telemetry/*"] } } };
    const graph = buildGraph([names, defsFile, user, tsconfig], {});
    expect(graph.metrics.map((m) => m.def.name[0])).toEqual(["shop.refunds", "shop.orders"]);
    expect(graph.instrumentUses.map((u) => `${u.def.name[0]} ${u.use.loc.file}:${u.use.loc.line} ${u.use.keys}`)).toEqual(["shop.refunds src/app/use.ts:3 reason", "shop.orders src/app/use.ts:4 "]);
    expect(graph.series.get("shop_refunds_total")![0]!.labels).toEqual(["reason", "otel_scope_name"]);
  });

  it("applies a tsconfig's path aliases to the files under its folder only, the nearest first (sibling packages reusing one alias)", () => {
    const app = (name: string, metric: string): FileFacts[] => [
      facts(`export const counter = meter.createCounter("${metric}");`, `${name}/src/telemetry/metrics.ts`),
      facts(`import { counter } from "@telemetry/metrics";\ncounter.add(1);`, `${name}/src/routes/use.ts`),
      { ...facts("", `${name}/tsconfig.json`), language: undefined, tsconfigPaths: { baseUrl: ".", paths: { "@telemetry/*": ["src/telemetry/*"] } } },
    ];
    // A root tsconfig with an alias of its own, which every package may still use.
    const shared = facts(`export const shared = meter.createCounter("shared.count");`, "libs/shared.ts");
    const sharedUse = facts(`import { shared } from "@libs/shared";\nshared.add(1);`, "b/src/routes/shared-use.ts");
    const root: FileFacts = { ...facts("", "tsconfig.base.json"), language: undefined, tsconfigPaths: { baseUrl: ".", paths: { "@libs/*": ["libs/*"] } } };
    const graph = buildGraph([...app("a", "a.count"), ...app("b", "b.count"), shared, sharedUse, root].sort((x, y) => (x.file < y.file ? -1 : 1)), {});
    expect(graph.instrumentUses.map((u) => `${u.def.name[0]} ${u.use.loc.file}`).sort()).toEqual(["a.count a/src/routes/use.ts", "b.count b/src/routes/use.ts", "shared.count b/src/routes/shared-use.ts"]);
  });
});

describe("prom-client", () => {
  it("reads new Counter/Gauge/Histogram/Summary (namespace, named imports, require), labels, buckets, percentiles", () => {
    const f = facts(`import client, { Histogram } from "prom-client";
const { Summary } = require("prom-client");
const c = new client.Counter({ name: "c_total", help: "h", labelNames: ["a", "b"] as const });
const h = new Histogram({ name: "h_seconds", help: "h", buckets: [0.1, 1] });
const g = new client.Gauge({ name: "g", help: "h", labelNames: dynamicLabels });
c.inc({ a: "1", b: "2" });
c.labels("1", "2").inc();
c.labels({ a: "1" }).inc();
h.observe(0.3);
const end = h.startTimer();
g.set(3);
client.collectDefaultMetrics({ prefix: "svc_" });`, "lib/m.ts");
    expect(defs(f)).toEqual(["prom-client:Counter:c_total@3 key=c", "prom-client:Histogram:h_seconds@4 key=h", "prom-client:Gauge:g@5 key=g"]);
    expect(f.metrics.map((m) => m.instrument!.labelNames)).toEqual([["a", "b"], [], null]);
    expect(f.instrumentUses!.map((u) => `${u.method}(${u.keys === null ? "?" : u.keys.join(",")})${u.positionalLabels !== undefined ? `#${u.positionalLabels}` : ""}`)).toEqual([
      "inc(a,b)",
      "labels(?)#2",
      "labels(a)",
      "observe()",
      "startTimer(?)",
      "set()",
    ]);
    expect(f.defaultMetrics!.map((d) => d.prefix)).toEqual(["svc_"]);
  });
});

describe("diagnostics_channel, configured emitters, contracts, suppressions", () => {
  it("channel(name).publish / subscribe and tracingChannel's five events", () => {
    const f = facts(`import dc from "node:diagnostics_channel";
import { subscribe } from "node:diagnostics_channel";
const ch = dc.channel("http.client.request");
ch.publish({ url: u });
dc.channel("cache.miss").publish(k);
const tc = dc.tracingChannel("db.query");
tc.tracePromise(run, { sql });
tc.subscribe({ start() {}, error() {} });
subscribe("http.client.request", onRequest);`);
    expect(f.emits.map((e) => `${dotted(e.event)} ${e.via} ${JSON.stringify(e.keys.metadata)}`)).toEqual([
      'http.client.request diagnostics_channel ["url"]',
      "cache.miss diagnostics_channel null",
      "tracing:db.query:start diagnostics_channel null",
      "tracing:db.query:end diagnostics_channel null",
      "tracing:db.query:asyncStart diagnostics_channel null",
      "tracing:db.query:asyncEnd diagnostics_channel null",
      "tracing:db.query:error diagnostics_channel null",
    ]);
    expect(f.handlers.map((h) => h.events.map(dotted).join("|"))).toEqual(["tracing:db.query:start|tracing:db.query:error", "http.client.request"]);
  });

  it("configured emitters (segments, dotted, span) and consumers", () => {
    const options = {
      emitters: [
        { callee: "telemetry.execute", format: "segments" as const },
        { callee: "emit" },
        { callee: "telemetry.span", format: "segments" as const, kind: "span" as const },
      ],
      consumers: [{ callee: "telemetry.attach", eventArgument: 1, format: "segments" as const }],
    };
    const f = facts(`telemetry.execute(["osint", "search", "stop"], { duration: 1 }, { adapter: a });
this.telemetry.execute(["a", "b"], m);
emit("osint.breaker.open", { count: 1 });
bus.emit("not.matched");
telemetry.span(["osint", "search"], {}, () => 1);
telemetry.attach("id", ["osint", "search", "stop"], h);
emit(nameFromSomewhere, {});`, "src/x.ts", options);
    expect(f.emits.map((e) => `${dotted(e.event)} ${e.via} m=${JSON.stringify(e.keys.measurements)} md=${JSON.stringify(e.keys.metadata)}`)).toEqual([
      'osint.search.stop execute m=["duration"] md=["adapter"]',
      "a.b execute m=null md=[]",
      'osint.breaker.open execute m=["count"] md=[]',
      "osint.search.start span m=null md=[]",
      "osint.search.stop span m=null md=[]",
      "osint.search.exception span m=null md=[]",
    ]);
    expect(f.handlers.map((h) => h.events.map(dotted).join("|"))).toEqual(["osint.search.stop"]);
    expect(f.dynamicEmits.map((d) => d.expression)).toEqual(["nameFromSomewhere"]);
  });

  it("typed contracts: as-const arrays and objects, string enums, literal unions", () => {
    const f = facts(`export const EVENTS = ["a.b.start", "a.b.stop"] as const;
export const Events = { Open: "a.breaker.open" } as const;
export enum TelemetryEvent { Close = "a.breaker.close" }
export type EventName = "x.y" | "x.z";
const notEvents = ["p", "q"];`);
    expect(f.contracts.map((c) => `${c.name.split("#")[1]}: ${c.events.map((e) => dotted(e.event)).join(", ")}`)).toEqual([
      "TelemetryEvent: a.breaker.close",
      "EVENTS: a.b.start, a.b.stop",
      "Events: a.breaker.open",
      "EventName: x.y, x.z",
    ]);
  });

  it("suppression comments and syntax errors", () => {
    expect(facts("// telemetry-drift-disable-next-line metric-no-emitter\nconst c = meter.createCounter('x');").suppressions).toEqual([
      { loc: { file: "src/m.ts", line: 1, column: 1 }, targetLine: 2, rules: ["metric-no-emitter"] },
    ]);
    const broken = facts("const = 1;\nmeter.createCounter('x')");
    expect(broken.problems).toEqual([{ loc: { file: "src/m.ts", line: 1, column: 7 }, message: "src/m.ts:1:7: TypeScript/JavaScript syntax error: Variable declaration expected." }]);
  });

  it("reads a file that TypeScript parses but would reject afterwards (a misplaced modifier): what it creates still counts", () => {
    // typescript-estree's own grammar checks are off (allowInvalidAST): tsc reports these slips, and the
    // instrument beside one is real to whoever reads the code.
    const slip = facts(`import { metrics } from "@opentelemetry/api";
const meter = metrics.getMeter("svc");
function f(private a) {}
async class B {}
export const c = meter.createCounter("orders.placed");`);
    expect(slip.problems).toEqual([]);
    expect(defs(slip)).toEqual(["opentelemetry:Counter:orders.placed@5 key=c"]);
  });
});
