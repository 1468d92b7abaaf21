import { describe, expect, it } from "vitest";
import { extractDashboard, looksLikeDashboard } from "../../src/consumers/grafana/index.js";
import { substituteVariables } from "../../src/consumers/grafana/variables.js";
import { parseVariableQuery } from "../../src/consumers/grafana/variable-query.js";

const target = (expr: string, extra: object = {}) => ({ refId: "A", expr, ...extra });
const prom = { type: "prometheus", uid: "p" };
const dash = (model: object) => JSON.stringify(model, null, 2);
const names = (text: string) =>
  extractDashboard("d.json", text).queries.map((q) => `${q.origin.kind}:${"panelId" in q.origin ? (q.origin.panelId ?? "") : ""}:${q.analysis.selectors.map((s) => s.name ?? `~${s.namePattern}`).join(",")}`);

describe("dashboard layouts", () => {
  it("classic panels, expanded and collapsed rows, legacy rows, library panels from __elements", () => {
    const text = dash({
      uid: "u",
      title: "T",
      __elements: { lib1: { uid: "lib1", kind: 1, model: { title: "Lib", datasource: prom, targets: [target("lib_metric")] } } },
      panels: [
        { id: 1, type: "timeseries", datasource: prom, targets: [target("a_total")] },
        { id: 2, type: "row", collapsed: true, panels: [{ id: 3, datasource: prom, targets: [target("b_total")] }] },
        { id: 4, libraryPanel: { uid: "lib1", name: "Lib" } },
        { id: 5, libraryPanel: { uid: "not-exported", name: "Gone" } },
      ],
      rows: [{ panels: [{ id: 6, datasource: "Prometheus", targets: [target("c_total")] }] }],
    });
    expect(names(text)).toEqual(["panel:1:a_total", "panel:3:b_total", "panel:4:lib_metric", "panel:6:c_total"]);
  });

  it("schema v2 elements, variables and annotations", () => {
    const text = dash({
      apiVersion: "dashboard.grafana.app/v2beta1",
      kind: "Dashboard",
      metadata: { name: "v2dash" },
      spec: {
        title: "V2",
        elements: {
          "panel-1": { kind: "Panel", spec: { id: 1, title: "P", data: { kind: "QueryGroup", spec: { queries: [{ kind: "PanelQuery", spec: { refId: "A", query: { kind: "DataQuery", group: "prometheus", version: "v0", spec: { expr: "rate(v2_total[5m])" } } } }] } } } },
          "panel-2": { kind: "Panel", spec: { id: 2, data: { kind: "QueryGroup", spec: { queries: [{ kind: "PanelQuery", spec: { query: { kind: "DataQuery", group: "loki", spec: { expr: '{app="x"} |= "err"' } } } }] } } } },
        },
        layout: { kind: "GridLayout", spec: { items: [] } },
        variables: [{ kind: "QueryVariable", spec: { name: "job", query: { kind: "DataQuery", group: "prometheus", spec: { query: "label_values(v2_total, job)" } } } }],
        annotations: [{ kind: "AnnotationQuery", spec: { name: "deploys", query: { kind: "DataQuery", group: "prometheus", spec: { expr: "changes(deploy_info[5m]) > 0" } } } }],
      },
    });
    const facts = extractDashboard("d.json", text);
    expect(facts.queries.map((q) => `${q.origin.kind}:${q.analysis.selectors.map((s) => s.name).join(",")}`)).toEqual(["variable:v2_total", "annotation:deploy_info", "panel:v2_total"]);
    expect(facts.queries[0]!.analysis.selectors[0]!.labelsUsed).toEqual(["job"]);
    expect(facts.queries[2]!.origin).toMatchObject({ dashboardUid: "v2dash", dashboardTitle: "V2", panelId: 1, panelTitle: "P" });
  });

  it("reads only Prometheus datasources: inheritance, mixed, variables, __inputs", () => {
    const text = dash({
      __inputs: [{ name: "DS_PROM", pluginId: "prometheus" }, { name: "DS_LOKI", pluginId: "loki" }],
      templating: { list: [{ name: "ds", type: "datasource", query: "prometheus" }] },
      panels: [
        { id: 1, datasource: "${DS_PROM}", targets: [target("from_input")] },
        { id: 2, datasource: "${DS_LOKI}", targets: [target('{app="x"}')] },
        { id: 3, datasource: { type: "datasource", uid: "-- Mixed --" }, targets: [target("mixed_prom", { datasource: prom }), target("sum(x)", { datasource: { type: "elasticsearch", uid: "e" } })] },
        { id: 4, datasource: { uid: "$ds" }, targets: [target("from_variable")] },
        { id: 5, targets: [target("default_ds")] },
        { id: 6, datasource: { type: "loki", uid: "l" }, targets: [target("rate({app=\"x\"}[5m])")] },
        { id: 7, type: "row", collapsed: true, datasource: prom, panels: [{ id: 8, targets: [target("inherited")] }] },
      ],
    });
    expect(names(text)).toEqual(["panel:1:from_input", "panel:3:mixed_prom", "panel:4:from_variable", "panel:5:default_ds", "panel:8:inherited"]);
  });

  it("variables: label_values, query_result, metrics(), object form; annotations with tagKeys", () => {
    const text = dash({
      templating: {
        list: [
          { name: "route", type: "query", datasource: prom, query: "label_values(http_requests_total{job=\"api\"}, route)" },
          { name: "all", type: "query", datasource: prom, query: "label_values(job)" },
          { name: "top", type: "query", datasource: prom, query: "query_result(topk(5, sum by (path) (rate(hits_total[5m]))))" },
          { name: "names", type: "query", datasource: prom, query: "metrics(app_.*)" },
          { name: "obj", type: "query", datasource: prom, query: { qryType: 1, label: "instance", metric: "up", labelFilters: [{ label: "job", op: "=", value: "x" }], refId: "V" } },
        ],
      },
      annotations: { list: [{ name: "alerts", datasource: prom, enable: true, expr: 'ALERTS{alertstate="firing"}', tagKeys: "alertname,severity", titleFormat: "{{alertname}}" }] },
    });
    const facts = extractDashboard("d.json", text);
    const q = facts.queries.map((x) => ({ origin: x.origin.kind, sel: x.analysis.selectors.map((s) => `${s.name}[${s.labelsUsed.join(",")}]`).join(" "), result: x.resultLabels }));
    expect(q).toEqual([
      { origin: "variable", sel: "http_requests_total[route]", result: ["route"] },
      { origin: "variable", sel: "hits_total[path]", result: [] },
      { origin: "variable", sel: "up[instance]", result: ["instance"] },
      { origin: "annotation", sel: "ALERTS[]", result: ["alertname", "severity", "alertname"] },
    ]);
  });

  it("locates selectors inside the expr string, through JSON escapes", () => {
    const text = '{\n  "panels": [\n    {\n      "id": 1,\n      "datasource": {"type": "prometheus"},\n      "targets": [{"expr": "sum(rate(a_total{x=\\"y\\"}[5m])) / sum(rate(b_total[5m]))"}]\n    }\n  ]\n}';
    const q = extractDashboard("d.json", text).queries[0]!;
    expect(q.loc).toEqual({ file: "d.json", line: 6, column: 28 });
    expect(q.analysis.selectors.map((s) => `${s.name}@${s.loc.line}:${s.loc.column}`)).toEqual(["a_total@6:38", "b_total@6:72"]);
    const line = text.split("\n")[5]!;
    expect(line.slice(71, 78)).toBe("b_total");
  });

  it("malformed JSON is one located problem; a non-dashboard JSON is not sniffed", () => {
    const facts = extractDashboard("bad.json", '{\n  "panels": [\n    {"id": 1,}\n  ]\n}');
    expect(facts.problems).toEqual([{ loc: { file: "bad.json", line: 3, column: 14 }, message: "bad.json: invalid JSON: Unexpected token RBrace found." }]);
    expect(looksLikeDashboard('{"name": "pkg", "version": "1.0.0"}')).toBe(false);
    expect(looksLikeDashboard('{"panels": []}')).toBe(true);
  });
});

describe("variable substitution", () => {
  const vars = new Map([
    ["job", { name: "job", type: "query", current: "api" }],
    ["op", { name: "op", type: "custom", current: "or" }],
    ["fn", { name: "fn", type: "custom", current: "rate" }],
  ]);

  it("built-ins become valid values; user variables keep strings honest; offsets map back", () => {
    const s = substituteVariables('rate(x{job=~"$job"}[$__rate_interval]) * $__range_s', vars);
    expect(s.text).toBe('rate(x{job=~"api"}[5m]) * 300');
    expect(s.map[s.text.indexOf("[5m]") + 1]).toBe('rate(x{job=~"$job"}['.length);
  });

  it("handles every syntax form: $v, ${v}, ${v:fmt}, [[v]], ${v.field}", () => {
    expect(substituteVariables('a{j="${job}", k="${job:regex}", l="[[job]]", m="${job.text}"}', vars).text).toBe('a{j="api", k="api", l="api", m="api"}');
  });

  it("outside strings: custom values verbatim, query variables as markers, ranges as durations", () => {
    expect(substituteVariables("a $op b", vars).text).toBe("a or b");
    expect(substituteVariables("sum(${fn}(x[$window]))", vars).text).toBe("sum(rate(x[5m]))");
    expect(substituteVariables("${job}_requests_total", vars).text).toBe("__tdvar0___requests_total");
  });

  it("a variable in metric-name position becomes a name pattern, never an exact name", () => {
    const facts = extractDashboard("d.json", JSON.stringify({ templating: { list: [{ name: "prefix", type: "query", query: "label_values(job)" }] }, panels: [{ id: 1, datasource: prom, targets: [target("rate(${prefix}_requests_total[5m]) and $prefix")] }] }));
    expect(facts.queries[0]!.analysis.selectors.map((s) => [s.name, s.namePattern])).toEqual([
      [undefined, ".*_requests_total"],
      [undefined, undefined],
    ]);
  });

  it("messages quote the query as written: no substitution placeholder ever reaches the user", () => {
    // The shape of two public F5 BIG-IP dashboards: a stray comma, then a variable in a matcher.
    const facts = extractDashboard(
      "d.json",
      JSON.stringify({
        templating: { list: [{ name: "pool", type: "query", query: "label_values(up, pool)" }, { name: "region", type: "custom", current: { value: "eu" } }, { name: "filter", type: "custom", current: { value: 'code="500"' } }] },
        panels: [
          { id: 1, datasource: prom, targets: [target('sum(bigip_pool_up{, pool=~"$pool"})')] },
          { id: 2, datasource: prom, targets: [target('rate(${pool}_total{job="$pool"}[5m])')] },
          { id: 3, datasource: prom, targets: [target('up{env="$my__env", team=~"${team:regex}", zone="[[zone]]", region="$region-1", job="api"}')] },
          { id: 4, datasource: prom, targets: [target("http_requests_total{$filter}")] },
        ],
      }),
    );
    const [broken, fine, written, pasted] = facts.queries.filter((q) => q.origin.kind === "panel");
    expect(broken!.analysis.errors.map((e) => e.message)).toEqual(['unexpected `, pool=~"$pool"})`']);
    expect(fine!.analysis.errors).toEqual([]);
    expect(fine!.analysis.selectors.map((s) => s.text)).toEqual(['${pool}_total{job="$pool"}']);
    // Matcher values as written, for label-missing's message: every form of variable, names with `__`.
    expect(written!.analysis.selectors[0]!.matchers.map((m) => m.shown ?? `(${m.value})`)).toEqual(["$my__env", "${team:regex}", "[[zone]]", "$region-1", "(api)"]);
    // A matcher pasted in by a custom variable's value is shown as the value: there is nothing else written.
    expect(pasted!.analysis.selectors[0]!.matchers).toEqual([{ label: "code", op: "=", value: "500" }]);
    const shown = facts.queries.flatMap((q) => [...q.analysis.errors.map((e) => e.message), ...q.analysis.selectors.map((s) => s.text)]);
    expect(shown.join("\n")).not.toContain("__tdvar");
  });
});

describe("variable query strings", () => {
  it("parses the legacy forms", () => {
    expect(parseVariableQuery("label_values(up{job=\"a,b\"}, instance)")).toEqual({ expr: 'up{job="a,b"}', offset: 13, label: "instance" });
    expect(parseVariableQuery("label_values(instance)")).toBeUndefined();
    expect(parseVariableQuery("metrics(node_.*)")).toBeUndefined();
    expect(parseVariableQuery(" query_result(sum(x))")).toEqual({ expr: "sum(x)", offset: 14 });
    expect(parseVariableQuery("up")).toEqual({ expr: "up", offset: 0 });
  });
});

describe("datasources outside a dashboard", () => {
  it("a uid alone is a guess: another kind only when a whole word says so and no Prometheus-like word does", async () => {
    const { classifyDatasourceRef } = await import("../../src/consumers/grafana/datasource.js");
    expect(classifyDatasourceRef("prometheus", "x")).toBe("prometheus");
    expect(classifyDatasourceRef("loki", "prometheus")).toBe("other");
    expect(["loki", "logs-loki-prod", "victorialogs", "tempo"].map((uid) => classifyDatasourceRef(undefined, uid))).toEqual(["other", "other", "other", "other"]);
    expect(["azure-managed-prometheus", "azure-prom", "example", "sample-ds", "webstore-metrics", "loki-metrics-prom"].map((uid) => classifyDatasourceRef(undefined, uid))).toEqual(["unknown", "unknown", "unknown", "unknown", "unknown", "unknown"]);
  });
});
