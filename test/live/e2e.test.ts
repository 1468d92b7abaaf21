// End to end: the fixture shop service (real prom-client and OpenTelemetry exporters) runs on a free
// loopback port; `telemetry-drift live` compares its static contract with (b) a real Prometheus
// scraping it every second, (c) scrapes saved to files and a live /metrics URL, and (d) sources that
// cannot be read, which must exit 2 with one line on stderr.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brief, driveTraffic, FIXTURE, freePort, hasBinary, liveJson, runLiveCommand, startPrometheus, startService, waitFor, type Prometheus, type Service } from "./harness.js";

/**
 * The drift the fixture carries (see fixtures/live/service/src): a View renames shop.checkout.duration
 * to shop.checkout.latency, another drops the payment.method attribute of shop.orders, a counter's name
 * is computed at runtime, and refunds are never issued in the test.
 */
const CONTRACT_FINDINGS = [
  "live-series-missing warning src/metrics.mjs:31 shop_refunds_total",
  "live-label-mismatch error src/metrics.mjs:52 shop_orders_total",
  "live-series-missing error src/metrics.mjs:56 shop_checkout_duration_bucket",
  "live-series-unexpected warning src/metrics.mjs:56 shop_checkout_latency_bucket",
];

let service: Service | undefined;
const tmp = mkdtempSync(join(tmpdir(), "td-live-"));

beforeAll(async () => {
  service = await startService();
  await driveTraffic(service);
});

afterAll(async () => {
  await service?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe("live against scrapes (--metrics-file, --metrics-url)", () => {
  it("reports the fixture's drift from two saved scrapes", async () => {
    const files: string[] = [];
    for (const path of ["/metrics", "/otel-metrics"]) {
      const text = await (await fetch(`${service!.url}${path}`)).text();
      const file = join(tmp, path === "/metrics" ? "prom-client.txt" : "otel.txt");
      writeFileSync(file, text);
      files.push(file);
    }
    const run = await runLiveCommand([FIXTURE, "--metrics-file", files[0]!, "--metrics-file", files[1]!, "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    const report = liveJson(run);
    const cacheLine = (await (await fetch(`${service!.url}/metrics`)).text()).split("\n").findIndex((l) => l.startsWith("shop_cache_hits_total")) + 1;
    expect(report.findings.map(brief)).toEqual([`live-series-unexpected warning ${files[0]}:${cacheLine} shop_cache_hits_total`, ...CONTRACT_FINDINGS]);
    expect(report.summary).toEqual({ error: 2, warning: 3, info: 0 });
    expect(report.live.source).toBe("scrape");
    const byRule = Object.fromEntries(report.findings.map((f) => [f.subject, f]));
    expect(byRule.shop_refunds_total!.message).toContain("exporter mismatch or metric never emitted since start");
    expect(byRule.shop_checkout_duration_bucket!.message).toContain("`shop_checkout_latency_bucket`, `shop_checkout_latency_count` and `shop_checkout_latency_sum` with the same shape and labels");
    expect(byRule.shop_orders_total!.message).toContain("should carry label `payment_method`");
    expect(byRule.shop_orders_total!.related).toEqual([{ file: "dashboards/shop.json", line: 25, column: expect.any(Number), message: 'panel "Orders by payment method" of dashboard "Shop" uses payment_method on shop_orders_total' }]);
    expect(byRule.shop_cache_hits_total!.message).toContain("src/metrics.mjs:41 `cacheMetricName()`");
  });

  it("gives the same findings from the live /metrics URLs", async () => {
    const run = await runLiveCommand([FIXTURE, "--metrics-url", `${service!.url}/metrics`, "--metrics-url", `${service!.url}/otel-metrics`, "--format", "json", "--fail-on", "never"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const findings = liveJson(run).findings.map(brief);
    expect(findings.slice(1)).toEqual(CONTRACT_FINDINGS);
    expect(findings[0]).toMatch(new RegExp(`^live-series-unexpected warning http://127\\.0\\.0\\.1:${service!.port}/metrics:\\d+ shop_cache_hits_total$`));
  });

  it("with only the prom-client scrape, the OpenTelemetry series are missing", async () => {
    const run = await runLiveCommand([FIXTURE, "--metrics-url", `${service!.url}/metrics`, "--format", "json", "--fail-on", "warning"]);
    expect(run.status).toBe(1);
    const subjects = liveJson(run).findings.filter((f) => f.rule === "live-series-missing").map((f) => f.subject);
    expect(subjects).toEqual(["shop_refunds_total", "shop_orders_total", "shop_checkout_duration_bucket", "shop_cart_items"]);
  });

  it("pretty output names the finding's place and rule", async () => {
    const run = await runLiveCommand([FIXTURE, "--metrics-url", `${service!.url}/metrics`, "--metrics-url", `${service!.url}/otel-metrics`]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("src/metrics.mjs\n  31:24   warning  prom-client Counter \"shop_refunds_total\"");
    expect(run.stdout).toMatch(/✖ 2 errors, 3 warnings; 11 contract series compared with \d+ live series/);
  });
});

const HAS_PROMETHEUS = hasBinary("prometheus");

describe("live against a real Prometheus (--prometheus)", () => {
  if (!HAS_PROMETHEUS) {
    console.warn(
      "\n⚠⚠⚠ SKIPPED: the live Prometheus end-to-end test needs the `prometheus` binary, which is not on PATH.\n" +
        "⚠⚠⚠ Install it with `bash scripts/install-prometheus.sh` (Debian's prometheus package); nothing was checked against a real Prometheus.\n",
    );
  }
  let prometheus: Prometheus | undefined;

  beforeAll(async () => {
    if (!HAS_PROMETHEUS) return;
    prometheus = await startPrometheus(service!);
    const wanted = ["shop_http_requests_total", "shop_orders_total", "shop_checkout_latency_bucket", "shop_cache_hits_total", "shop_cart_items"];
    try {
      await waitFor("Prometheus to hold the fixture's series", 25_000, async () => {
        const url = new URL("/api/v1/series", prometheus!.url);
        url.searchParams.append("match[]", '{job=~"shop|shop-otel"}');
        const body = (await (await fetch(url)).json()) as { data?: { __name__: string }[] };
        const names = new Set((body.data ?? []).map((s) => s.__name__));
        return wanted.every((n) => names.has(n)) ? true : undefined;
      });
    } catch (error) {
      throw new Error(`${(error as Error).message}\nprometheus output:\n${prometheus.output().slice(-2000)}`);
    }
  }, 40_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  it.skipIf(!HAS_PROMETHEUS)("reports exactly the fixture's drift", async () => {
    const run = await runLiveCommand([FIXTURE, "--prometheus", prometheus!.url, "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    const report = liveJson(run);
    expect(report.findings.map(brief)).toEqual([`live-series-unexpected warning ${prometheus!.url}:0 shop_cache_hits_total`, ...CONTRACT_FINDINGS]);
    expect(report.live.scope).toBe('series of jobs "shop", "shop-otel" (the jobs exporting contract series)');
    expect(report.findings[0]!.message).toContain(`exported by Prometheus at ${prometheus!.url} (job "shop")`);
  });

  it.skipIf(!HAS_PROMETHEUS)("--match selects the live system to compare with", async () => {
    const both = await runLiveCommand([FIXTURE, "--prometheus", prometheus!.url, "--match", '{job=~"shop|shop-otel"}', "--format", "json"]);
    expect(both.status).toBe(1);
    expect(liveJson(both).findings.map(brief)).toEqual([`live-series-unexpected warning ${prometheus!.url}:0 shop_cache_hits_total`, ...CONTRACT_FINDINGS]);
    // Only the OpenTelemetry job: the prom-client series are not in it, so they are missing.
    const otel = await runLiveCommand([FIXTURE, "--prometheus", prometheus!.url, "--match", '{job="shop-otel"}', "--format", "json"]);
    expect(liveJson(otel).findings.filter((f) => f.rule === "live-series-missing").map((f) => f.subject)).toEqual([
      "shop_http_requests_total",
      "shop_http_request_duration_seconds_bucket",
      "shop_inflight_requests",
      "shop_refunds_total",
      "shop_checkout_duration_bucket",
    ]);
  });

  it.skipIf(!HAS_PROMETHEUS)("sends --header on every request", async () => {
    // A proxy in front of Prometheus that demands a bearer token.
    const port = await freePort();
    const seen: string[] = [];
    const proxy: Server = createServer(async (req, res) => {
      seen.push(req.headers.authorization ?? "");
      if (req.headers.authorization !== "Bearer s3cret") {
        res.writeHead(401, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ status: "error", error: "missing or wrong token" }));
        return;
      }
      const upstream = await fetch(new URL(req.url!, prometheus!.url));
      res.writeHead(upstream.status, { "Content-Type": upstream.headers.get("content-type") ?? "application/json" });
      res.end(await upstream.text());
    });
    await new Promise<void>((r) => proxy.listen(port, "127.0.0.1", r));
    try {
      const denied = await runLiveCommand([FIXTURE, "--prometheus", `http://127.0.0.1:${port}`]);
      expect(denied.status).toBe(2);
      expect(denied.stderr).toBe(`telemetry-drift live: http://127.0.0.1:${port}/api/v1/label/__name__/values answered HTTP 401 Unauthorized: missing or wrong token\n`);
      const allowed = await runLiveCommand([FIXTURE, "--prometheus", `http://127.0.0.1:${port}`, "--header", "Authorization: Bearer s3cret", "--format", "json"]);
      expect(allowed.status).toBe(1);
      expect(liveJson(allowed).findings).toHaveLength(5);
      expect(seen.slice(1).every((h) => h === "Bearer s3cret")).toBe(true);
    } finally {
      await new Promise((r) => proxy.close(r));
    }
  });
});

describe("live sources that cannot be read exit 2 with one line", () => {
  const oneLine = (stderr: string): void => {
    expect(stderr).toMatch(/^telemetry-drift live: [^\n]+\n$/);
    expect(stderr).not.toMatch(/\n\s+at /);
  };

  it("an unreachable Prometheus", async () => {
    const port = await freePort(); // nothing listens there any more
    const run = await runLiveCommand([FIXTURE, "--prometheus", `http://127.0.0.1:${port}`]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    oneLine(run.stderr);
    expect(run.stderr).toBe(`telemetry-drift live: cannot reach http://127.0.0.1:${port}/api/v1/label/__name__/values: connect ECONNREFUSED 127.0.0.1:${port}\n`);
  });

  it("an unreachable /metrics URL", async () => {
    const port = await freePort();
    const run = await runLiveCommand([FIXTURE, "--metrics-url", `http://127.0.0.1:${port}/metrics`]);
    expect(run.status).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toContain(`cannot reach http://127.0.0.1:${port}/metrics`);
  });

  it("a server that never answers, with --timeout", async () => {
    const port = await freePort();
    const hang: Server = createServer(() => undefined);
    await new Promise<void>((r) => hang.listen(port, "127.0.0.1", r));
    try {
      const started = Date.now();
      const run = await runLiveCommand([FIXTURE, "--prometheus", `http://127.0.0.1:${port}`, "--timeout", "300"]);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`telemetry-drift live: cannot reach http://127.0.0.1:${port}/api/v1/label/__name__/values: timed out after 300 ms\n`);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      hang.closeAllConnections();
      await new Promise((r) => hang.close(r));
    }
  });

  it("something that is not Prometheus (HTML, not JSON)", async () => {
    const run = await runLiveCommand([FIXTURE, "--prometheus", `${service!.url}/healthz-not-here`]);
    expect(run.status).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toContain("answered HTTP 404");
  });

  it("a metrics file that is not an exposition, with its line", async () => {
    const file = join(tmp, "broken.txt");
    writeFileSync(file, '# TYPE a counter\na_total{x="1"} 1\na_total{x="1} 2\n');
    const run = await runLiveCommand([FIXTURE, "--metrics-file", file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`telemetry-drift live: ${file}:3:11: not a valid Prometheus exposition: unterminated quoted value of label "x"\n`);
  });

  it("usage errors", async () => {
    for (const [args, message] of [
      [[FIXTURE], "give a live source: --prometheus URL, --metrics-url URL or --metrics-file FILE (see live --help)"],
      [[FIXTURE, "--prometheus", "http://x", "--metrics-file", "a"], "--prometheus cannot be combined with --metrics-url / --metrics-file"],
      [[FIXTURE, "--prometheus", "localhost:9090"], '"localhost:9090": only http and https URLs are supported'],
      [[FIXTURE, "--prometheus", "http://x", "--timeout", "soon"], '--timeout expects a positive number of milliseconds, got "soon"'],
      [[FIXTURE, "--prometheus", "http://x", "--header", "nocolon"], `--header expects 'Name: value', got "nocolon"`],
      [[FIXTURE, "--metrics-file", join(tmp, "nope.txt")], `--metrics-file ${join(tmp, "nope.txt")}: no such file`],
      [[FIXTURE, "--metrics-file", "x", "--match", "{a=\"b\"}"], "--match applies to --prometheus only"],
      [[FIXTURE, "--prometheus", "http://x", "--fail-on", "info"], 'unknown --fail-on "info" (expected error, warning, never)'],
    ] as [string[], string][]) {
      const run = await runLiveCommand(args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr).toBe(`telemetry-drift live: ${message}\n`);
    }
    const unknown = await runLiveCommand([FIXTURE, "--bogus"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^telemetry-drift live: Unknown option '--bogus'[^\n]* \(see live --help\)\n$/);
  });
});
