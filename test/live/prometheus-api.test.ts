// The Prometheus reader's pure parts (selector batching, headers, URLs, durations) and its requests,
// against a stub HTTP server that records what it is asked.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayUrl, nameSelectors, parseHeader, promqlString, readPrometheus } from "../../src/live/prometheus-api.js";
import { parseDuration } from "../../src/cli/live.js";

describe("nameSelectors", () => {
  it("puts every name in a __name__ regex, in chunks that keep each URL within the limit", () => {
    const names = Array.from({ length: 500 }, (_, i) => `service_metric_number_${i}_total`);
    const base = "http://prometheus.example:9090/api/v1/series?start=1700000000";
    const selectors = nameSelectors(names, 2000, base.length + 1);
    expect(selectors.length).toBeGreaterThan(5);
    const covered: string[] = [];
    for (const selector of selectors) {
      const url = new URL(base);
      url.searchParams.append("match[]", selector);
      expect(url.href.length).toBeLessThanOrEqual(2000);
      const match = /^\{__name__=~"(.*)"\}$/.exec(selector);
      expect(match).not.toBeNull();
      covered.push(...match![1]!.split("|"));
    }
    expect(covered).toEqual(names);
  });

  it("escapes regex metacharacters and gives an over-long name its own selector", () => {
    expect(nameSelectors(["a.b", "c"], 4000)).toEqual(['{__name__=~"a\\\\.b|c"}']);
    const long = "x".repeat(300);
    expect(nameSelectors(["a", long, "b"], 200)).toEqual(['{__name__=~"a"}', `{__name__=~"${long}"}`, '{__name__=~"b"}']);
    expect(nameSelectors([], 4000)).toEqual([]);
  });
});

describe("helpers", () => {
  it("parseHeader", () => {
    expect(parseHeader("Authorization: Bearer abc:def")).toEqual(["Authorization", "Bearer abc:def"]);
    expect(parseHeader("X-Scope-OrgID:tenant-1")).toEqual(["X-Scope-OrgID", "tenant-1"]);
    expect(parseHeader("no colon")).toBeUndefined();
    expect(parseHeader(": value")).toBeUndefined();
    expect(parseHeader("bad name: v")).toBeUndefined();
  });

  it("displayUrl drops credentials and the query string", () => {
    expect(displayUrl("https://user:pw@prom.example/prefix/api/v1/series?match[]=x")).toBe("https://prom.example/prefix/api/v1/series");
  });

  it("promqlString", () => {
    expect(promqlString('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it("parseDuration", () => {
    expect(parseDuration("15m")).toBe(900);
    expect(parseDuration("1h30m")).toBe(5400);
    expect(parseDuration("2d")).toBe(172_800);
    expect(() => parseDuration("15")).toThrow("--lookback expects a duration");
    expect(() => parseDuration("1x")).toThrow("--lookback expects a duration");
  });
});

describe("readPrometheus against a stub server", () => {
  const requests: { path: string; params: URLSearchParams; auth: string | undefined }[] = [];
  let server: Server;
  let base = "";
  const SERIES: Record<string, string>[] = [
    { __name__: "app_requests_total", job: "app", instance: "a:1", route: "/" },
    { __name__: "app_requests_total", job: "app", instance: "a:1", route: "/x", status: "200" },
    { __name__: "app_other", job: "app", instance: "a:1" },
    { __name__: "up", job: "app", instance: "a:1" },
    { __name__: "unrelated_total", job: "other", instance: "b:1" },
  ];
  const matches = (selector: string, s: Record<string, string>): boolean => {
    const byName = /^\{__name__=~"(.*)"\}$/.exec(selector);
    if (byName) return byName[1]!.split("|").includes(s.__name__!);
    const byJob = /^\{job="(.*)"\}$/.exec(selector);
    if (byJob) return s.job === byJob[1];
    return false;
  };

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      const url = new URL(req.url!, "http://stub");
      requests.push({ path: url.pathname, params: url.searchParams, auth: req.headers.authorization });
      res.setHeader("Content-Type", "application/json");
      if (url.pathname === "/prefix/api/v1/label/__name__/values") {
        res.end(JSON.stringify({ status: "success", data: [...new Set(SERIES.map((s) => s.__name__))].sort() }));
      } else if (url.pathname === "/prefix/api/v1/series") {
        const selectors = url.searchParams.getAll("match[]");
        res.end(JSON.stringify({ status: "success", data: SERIES.filter((s) => selectors.some((m) => matches(m, s))) }));
      } else {
        res.statusCode = 404;
        res.end("404 page not found");
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/prefix`;
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  it("asks for the contract's names, then the series of their jobs, with the headers and the lookback", async () => {
    requests.length = 0;
    const snapshot = await readPrometheus(base, ["app_requests_total", "app_missing_total"], { headers: { Authorization: "Bearer t" }, timeoutMs: 2000, match: [], lookbackSeconds: 600, now: 1_700_000_000 });
    expect(requests.map((r) => `${r.path}?${[...r.params].map(([k, v]) => `${k}=${v}`).join("&")}`)).toEqual([
      "/prefix/api/v1/label/__name__/values?start=1699999400",
      '/prefix/api/v1/series?match[]={__name__=~"app_requests_total"}&start=1699999400',
      '/prefix/api/v1/series?match[]={job="app"}&start=1699999400',
    ]);
    expect(requests.every((r) => r.auth === "Bearer t")).toBe(true);
    expect(snapshot.scope).toBe('series of job "app" (the job exporting contract series)');
    expect(snapshot.series.filter((s) => s.inScope).map((s) => `${s.name}{${s.labels.join(",")}}`)).toEqual([
      "app_requests_total{instance,job,route}",
      "app_requests_total{instance,job,route,status}",
      "app_other{instance,job}",
      "up{instance,job}",
    ]);
    expect(snapshot.description).toBe(`Prometheus at ${base}`);
  });

  it("credentials in the URL become basic auth (fetch refuses them in the URL)", async () => {
    requests.length = 0;
    await readPrometheus(base.replace("http://", "http://me:p%40ss@"), [], { headers: {}, timeoutMs: 2000, match: [], lookbackSeconds: 60, now: 100 });
    expect(requests[0]!.auth).toBe(`Basic ${Buffer.from("me:p@ss").toString("base64")}`);
  });

  it("--match selects the whole live system: contract names outside it are not looked up", async () => {
    requests.length = 0;
    const snapshot = await readPrometheus(base, ["app_requests_total"], { headers: {}, timeoutMs: 2000, match: ['{job="other"}'], lookbackSeconds: 60, now: 100 });
    expect(snapshot.series.map((s) => `${s.name}${s.inScope ? "" : " (out of scope)"}`)).toEqual(["unrelated_total"]);
    expect(requests.map((r) => `${r.path} ${r.params.getAll("match[]").join(" ")}`)).toEqual(["/prefix/api/v1/label/__name__/values ", '/prefix/api/v1/series {job="other"}']);
    expect(snapshot.scope).toBe('series matching {job="other"}');
  });

  it("a 404 from something that is not Prometheus is one line", async () => {
    await expect(readPrometheus(`${base}/nope`, ["x"], { headers: {}, timeoutMs: 2000, match: [], lookbackSeconds: 60 })).rejects.toThrow(
      `${base}/nope/api/v1/label/__name__/values answered HTTP 404 Not Found: 404 page not found`,
    );
  });
});
