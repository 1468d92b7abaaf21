// Grafana dashboards (JSON) → PromQL queries with origins and file locations. Walks classic panels,
// rows and collapsed rows, legacy `rows[]`, library panels inlined in `__elements`, schema v2
// `elements`, template variables and annotations. Only Prometheus datasources are read.
import { MAX_JSON_NESTING, nestedTooDeep } from "../../util/nesting.js";
import { parse as parseJson, type AnyNode, type DocumentNode, type ObjectNode, type StringNode } from "@humanwhocodes/momoa";
import type { FileFacts, Location, QueryOrigin } from "../../model.js";
import { emptyFacts } from "../../model.js";
import { LineIndex, jsonStringOffsets } from "../locate.js";
import { buildQuery, templateLabels } from "../query.js";
import type { VariableInfo } from "./variables.js";
import { classifyDatasource, type DatasourceContext, type DatasourceKind } from "./datasource.js";
import { parseVariableQuery } from "./variable-query.js";

/** A cheap sniff: does this JSON text look like a Grafana dashboard? */
export function looksLikeDashboard(text: string): boolean {
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  if (/"apiVersion"\s*:\s*"dashboard\.grafana\.app\//.test(head)) return true;
  if (/"panels"\s*:\s*\[/.test(head)) return true;
  if (/"rows"\s*:\s*\[/.test(head) && /"schemaVersion"\s*:/.test(head)) return true;
  return /"elements"\s*:\s*\{/.test(head) && /"layout"\s*:\s*\{/.test(head);
}

interface Context {
  file: string;
  source: string;
  lines: LineIndex;
  facts: FileFacts;
  variables: Map<string, VariableInfo>;
  datasources: DatasourceContext;
  dashboardUid?: string;
  dashboardTitle?: string;
  libraryPanels: Map<string, ObjectNode>;
}

export function extractDashboard(file: string, text: string): FileFacts {
  const facts = emptyFacts(file);
  facts.language = "grafana";
  let doc: DocumentNode;
  try {
    // Past the limit, say so before momoa recurses (the same verdict on every thread: util/nesting.ts).
    const tooDeep = nestedTooDeep(text, MAX_JSON_NESTING, "json");
    if (tooDeep) throw new RangeError(`nested deeper than ${tooDeep.limit} levels`);
    doc = parseJson(text);
  } catch (error) {
    const e = error as Error & { line?: number; column?: number };
    if (error instanceof RangeError) {
      // The JSON parser recurses: JSON nested thousands of levels deep exhausts the stack. When the text
      // is also invalid, say where (JSON.parse does not recurse); else say it is too deep, not invalid.
      const strict = strictJsonError(text);
      if (strict) {
        const { line, column } = strict.offset === undefined ? { line: 1, column: 1 } : new LineIndex(text).position(strict.offset);
        facts.problems.push({ loc: { file, line, column }, message: `${file}:${line}:${column}: invalid JSON: ${strict.message}` });
      } else facts.problems.push({ loc: { file, line: 1, column: 1 }, message: `${file}: JSON nested too deeply to analyse (${e.message})` });
      return facts;
    }
    facts.problems.push({ loc: { file, line: e.line ?? 1, column: e.column ?? 1 }, message: `${file}: invalid JSON: ${e.message.replace(/\s*\(\d+:\d+\)$/, "").split("\n")[0]}` });
    return facts;
  }
  // momoa tolerates what JSON forbids (raw control characters inside strings); Grafana's parsers do not,
  // so such a file is reported, and what could be read from it is still used.
  const strict = strictJsonError(text);
  if (strict) {
    const { line, column } = strict.offset === undefined ? { line: 1, column: 1 } : new LineIndex(text).position(strict.offset);
    facts.problems.push({ loc: { file, line, column }, message: `${file}:${line}:${column}: invalid JSON: ${strict.message}` });
  }
  let root = doc.body;
  if (root.type !== "Object") return facts;
  // API exports wrap the model: {"dashboard": {...}, "meta": {...}}.
  const wrapped = member(root, "dashboard");
  if (wrapped?.type === "Object" && !member(root, "panels")) root = wrapped;
  const ctx: Context = {
    file,
    source: text,
    lines: new LineIndex(text),
    facts,
    variables: new Map(),
    datasources: { variables: new Map(), inputs: new Map() },
    libraryPanels: new Map(),
  };
  const apiVersion = stringValue(member(root, "apiVersion"));
  const spec = member(root, "spec");
  if (apiVersion?.startsWith("dashboard.grafana.app/") && spec?.type === "Object") {
    const title = stringValue(member(spec, "title"));
    const metadata = member(root, "metadata");
    ctx.dashboardUid = stringValue(member(metadata, "name"));
    ctx.dashboardTitle = title;
    if (member(spec, "elements")) walkV2(spec, ctx);
    else walkClassic(spec, ctx); // v1 resource: the classic model inside `spec`
    return facts;
  }
  if (member(root, "elements") && member(root, "layout")) {
    ctx.dashboardTitle = stringValue(member(root, "title"));
    walkV2(root, ctx);
    return facts;
  }
  walkClassic(root, ctx);
  return facts;
}

/** JSON.parse's verdict on text momoa accepted: undefined when valid, else its message and offset. */
function strictJsonError(text: string): { message: string; offset?: number } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxError)) return undefined; // e.g. nesting deeper than JSON.parse can go
    const position = /at position (\d+)/.exec(error.message);
    const message = error.message.replace(/ in JSON at position \d+.*$/s, "").replace(/[\u0000-\u001f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    return { message, ...(position ? { offset: Number(position[1]) } : {}) };
  }
}

// ---- classic model --------------------------------------------------------------------------------

function walkClassic(dash: ObjectNode, ctx: Context): void {
  ctx.dashboardUid ??= stringValue(member(dash, "uid"));
  ctx.dashboardTitle ??= stringValue(member(dash, "title"));
  for (const input of elements(member(dash, "__inputs"))) {
    const name = stringValue(member(input, "name"));
    const plugin = stringValue(member(input, "pluginId"));
    if (name && plugin) ctx.datasources.inputs.set(name, plugin);
  }
  const elementsNode = member(dash, "__elements");
  if (elementsNode?.type === "Object") {
    for (const m of elementsNode.members) {
      const model = member(m.value, "model");
      const uid = stringValue(member(m.value, "uid")) ?? (m.name.type === "String" ? m.name.value : undefined);
      if (model?.type === "Object" && uid) ctx.libraryPanels.set(uid, model);
    }
  }
  const templating = elements(member(member(dash, "templating"), "list"));
  readVariableDefinitions(templating, ctx);
  for (const variable of templating) classicVariable(variable, ctx);
  for (const annotation of elements(member(member(dash, "annotations"), "list"))) classicAnnotation(annotation, ctx);
  for (const panel of elements(member(dash, "panels"))) classicPanel(panel, ctx, undefined);
  for (const row of elements(member(dash, "rows"))) for (const panel of elements(member(row, "panels"))) classicPanel(panel, ctx, undefined);
}

function readVariableDefinitions(list: AnyNode[], ctx: Context): void {
  for (const v of list) {
    const name = stringValue(member(v, "name"));
    const type = stringValue(member(v, "type")) ?? "query";
    if (!name) continue;
    const currentNode = member(member(v, "current"), "value");
    const currentValue =
      currentNode?.type === "String"
        ? currentNode.value
        : currentNode?.type === "Array" && currentNode.elements.length === 1 && currentNode.elements[0]!.value.type === "String"
          ? currentNode.elements[0]!.value.value
          : undefined;
    const constant = type === "constant" ? stringValue(member(v, "query")) : undefined;
    const firstOption = stringValue(member(elements(member(v, "options"))[0], "value"));
    const current = constant ?? currentValue ?? firstOption;
    ctx.variables.set(name, { name, type, ...(current !== undefined ? { current } : {}) });
    if (type === "datasource") {
      const plugin = stringValue(member(v, "query"));
      if (plugin) ctx.datasources.variables.set(name, plugin);
    }
  }
}

function classicPanel(panel: AnyNode, ctx: Context, inherited: AnyNode | undefined): void {
  if (panel.type !== "Object") return;
  const libraryRef = member(panel, "libraryPanel");
  let model: ObjectNode = panel;
  if (libraryRef && !member(panel, "targets")) {
    const uid = stringValue(member(libraryRef, "uid"));
    const inlined = uid ? ctx.libraryPanels.get(uid) : undefined;
    if (!inlined) return; // lives in Grafana's database: unknown, never "missing"
    model = inlined;
  }
  const datasource = member(model, "datasource") ?? member(panel, "datasource") ?? inherited;
  const id = numberOrString(member(panel, "id")) ?? numberOrString(member(model, "id"));
  const title = stringValue(member(model, "title")) ?? stringValue(member(panel, "title"));
  const origin: QueryOrigin = { kind: "panel", ...dashboardIds(ctx), ...(id !== undefined ? { panelId: id } : {}), ...(title ? { panelTitle: title } : {}) };
  for (const target of elements(member(model, "targets"))) {
    const kind = classifyDatasource(member(target, "datasource") ?? datasource, ctx.datasources, true);
    if (kind === "other") continue;
    const expr = member(target, "expr");
    if (expr?.type !== "String" || expr.value.trim() === "") continue;
    addQuery(ctx, expr, origin, kind, { resultLabels: templateLabels(stringValue(member(target, "legendFormat"))) });
  }
  // Collapsed rows keep their children inside; expanded rows' children follow them at the top level.
  for (const child of elements(member(panel, "panels"))) classicPanel(child, ctx, datasource);
}

function classicVariable(variable: AnyNode, ctx: Context): void {
  if (stringValue(member(variable, "type")) !== "query") return;
  const name = stringValue(member(variable, "name")) ?? "?";
  const kind = classifyDatasource(member(variable, "datasource"), ctx.datasources, false);
  if (kind === "other") return;
  const query = member(variable, "query");
  const origin: QueryOrigin = { kind: "variable", ...dashboardIds(ctx), variableName: name };
  if (query?.type === "String") {
    addVariableQuery(ctx, query, origin, kind);
  } else if (query?.type === "Object") {
    structuredVariableQuery(query, ctx, origin, kind);
  }
}

/** The object form: `{qryType: 0..5, metric, label, labelFilters, varQuery, seriesQuery, query}`. */
function structuredVariableQuery(query: ObjectNode, ctx: Context, origin: QueryOrigin, kind: DatasourceKind): void {
  const qryType = member(query, "qryType");
  const type = qryType?.type === "Number" ? qryType.value : undefined;
  if (type === 1) {
    const metric = member(query, "metric");
    const label = stringValue(member(query, "label"));
    if (metric?.type !== "String" || !metric.value || !label) return;
    const filters = elements(member(query, "labelFilters"))
      .map((f) => ({ label: stringValue(member(f, "label")), op: stringValue(member(f, "op")) ?? "=", value: stringValue(member(f, "value")) ?? "" }))
      .filter((f) => f.label && /^(=|!=|=~|!~)$/.test(f.op));
    const expr = `${metric.value}{${filters.map((f) => `${f.label}${f.op}${JSON.stringify(f.value)}`).join(",")}}`;
    const at = { file: ctx.file, line: metric.loc.start.line, column: metric.loc.start.column };
    ctx.facts.queries.push(buildQuery({ expr, origin, loc: at, locate: () => at, variables: ctx.variables, requiredLabels: [label], resultLabels: [label] }));
    return;
  }
  if (type === 2 || type === 0) return; // metric-name regex / label names: nothing to check
  const text = type === 3 ? member(query, "varQuery") : type === 4 ? member(query, "seriesQuery") : (member(query, "query") ?? member(query, "classicQuery") ?? member(query, "expr"));
  if (text?.type !== "String") return;
  if (type === 3 || type === 4) addQuery(ctx, text, origin, kind, {});
  else addVariableQuery(ctx, text, origin, kind);
}

function addVariableQuery(ctx: Context, node: StringNode, origin: QueryOrigin, kind: DatasourceKind): void {
  const parsed = parseVariableQuery(node.value);
  if (!parsed) return;
  addQuery(ctx, node, origin, kind, { offset: parsed.offset, expr: parsed.expr, requiredLabels: parsed.label ? [parsed.label] : [], resultLabels: parsed.label ? [parsed.label] : [] });
}

function classicAnnotation(annotation: AnyNode, ctx: Context): void {
  const target = member(annotation, "target");
  const expr = member(annotation, "expr") ?? member(target, "expr");
  if (expr?.type !== "String" || expr.value.trim() === "") return;
  const kind = classifyDatasource(member(annotation, "datasource"), ctx.datasources, false);
  if (kind === "other") return;
  const name = stringValue(member(annotation, "name")) ?? "?";
  const tagKeys = (stringValue(member(annotation, "tagKeys")) ?? "").split(",").map((k) => k.trim()).filter(Boolean);
  const resultLabels = [...tagKeys, ...templateLabels(stringValue(member(annotation, "titleFormat"))), ...templateLabels(stringValue(member(annotation, "textFormat")))];
  addQuery(ctx, expr, { kind: "annotation", ...dashboardIds(ctx), annotationName: name }, kind, { resultLabels });
}

// ---- schema v2 ------------------------------------------------------------------------------------

function walkV2(spec: ObjectNode, ctx: Context): void {
  ctx.dashboardTitle ??= stringValue(member(spec, "title"));
  const variables = elements(member(spec, "variables"));
  for (const v of variables) {
    const vspec = member(v, "spec");
    const name = stringValue(member(vspec, "name"));
    const kindName = stringValue(member(v, "kind")) ?? "";
    if (!name) continue;
    const type = kindName.replace(/Variable$/, "").toLowerCase() || "query";
    const current = stringValue(member(member(vspec, "current"), "value"));
    ctx.variables.set(name, { name, type, ...(current !== undefined ? { current } : {}) });
    if (type === "datasource") {
      const plugin = stringValue(member(vspec, "pluginId"));
      if (plugin) ctx.datasources.variables.set(name, plugin);
    }
  }
  for (const v of variables) {
    if (stringValue(member(v, "kind")) !== "QueryVariable") continue;
    const vspec = member(v, "spec");
    const query = member(vspec, "query");
    if (v2QueryGroup(query) === "other") continue;
    const origin: QueryOrigin = { kind: "variable", ...dashboardIds(ctx), variableName: stringValue(member(vspec, "name")) ?? "?" };
    const qspec = member(query, "spec");
    const text = member(qspec, "query") ?? member(qspec, "expr");
    if (text?.type === "String") addVariableQuery(ctx, text, origin, "prometheus");
  }
  for (const a of elements(member(spec, "annotations"))) {
    const aspec = member(a, "spec");
    const query = member(aspec, "query");
    if (v2QueryGroup(query) === "other") continue;
    const expr = member(member(query, "spec"), "expr");
    if (expr?.type === "String" && expr.value.trim()) addQuery(ctx, expr, { kind: "annotation", ...dashboardIds(ctx), annotationName: stringValue(member(aspec, "name")) ?? "?" }, "prometheus", {});
  }
  const elementsNode = member(spec, "elements");
  if (elementsNode?.type !== "Object") return;
  for (const element of elementsNode.members) {
    if (stringValue(member(element.value, "kind")) !== "Panel") continue; // LibraryPanelKind: model not inline
    const pspec = member(element.value, "spec");
    const id = numberOrString(member(pspec, "id"));
    const title = stringValue(member(pspec, "title"));
    const origin: QueryOrigin = { kind: "panel", ...dashboardIds(ctx), ...(id !== undefined ? { panelId: id } : {}), ...(title ? { panelTitle: title } : {}) };
    for (const q of elements(member(member(member(pspec, "data"), "spec"), "queries"))) {
      const query = member(member(q, "spec"), "query");
      const group = v2QueryGroup(query);
      if (group === "other") continue;
      const expr = member(member(query, "spec"), "expr");
      if (expr?.type === "String" && expr.value.trim()) addQuery(ctx, expr, origin, group, { resultLabels: templateLabels(stringValue(member(member(query, "spec"), "legendFormat"))) });
    }
  }
}

/** v2 `DataQueryKind.group` (v2beta1) or `kind` (v2alpha1) is the datasource plugin id. */
function v2QueryGroup(query: AnyNode | undefined): DatasourceKind {
  const plugin = stringValue(member(query, "group")) ?? stringValue(member(query, "kind"));
  if (!plugin || plugin === "DataQuery") return "unknown";
  return plugin === "prometheus" ? "prometheus" : "other";
}

// ---- shared -----------------------------------------------------------------------------------------

interface AddOptions {
  resultLabels?: string[];
  requiredLabels?: string[];
  /** A sub-expression of the string (e.g. the selector inside label_values(…)). */
  expr?: string;
  offset?: number;
}

function addQuery(ctx: Context, node: StringNode, origin: QueryOrigin, kind: DatasourceKind, options: AddOptions): void {
  const offsets = jsonStringOffsets(ctx.source, node.loc.start.offset, node.value.length);
  const locate = (offset: number): Location => ctx.lines.location(ctx.file, offsets[Math.min(Math.max(offset, 0), offsets.length - 1)]!);
  const query = buildQuery({
    expr: options.expr ?? node.value,
    origin,
    loc: { file: ctx.file, line: node.loc.start.line, column: node.loc.start.column },
    locate,
    variables: ctx.variables,
    ...(options.offset !== undefined ? { offset: options.offset } : {}),
    ...(options.resultLabels ? { resultLabels: options.resultLabels } : {}),
    ...(options.requiredLabels ? { requiredLabels: options.requiredLabels } : {}),
  });
  // With an unknown datasource type, a query that does not parse is probably not PromQL: skip it quietly.
  if (kind === "unknown" && query.analysis.errors.length) return;
  ctx.facts.queries.push(query);
}

const dashboardIds = (ctx: Context): { dashboardUid?: string; dashboardTitle?: string } => ({
  ...(ctx.dashboardUid ? { dashboardUid: ctx.dashboardUid } : {}),
  ...(ctx.dashboardTitle ? { dashboardTitle: ctx.dashboardTitle } : {}),
});

export function member(node: AnyNode | undefined, name: string): AnyNode | undefined {
  if (node?.type !== "Object") return undefined;
  for (const m of node.members) if (m.name.type === "String" && m.name.value === name) return m.value;
  return undefined;
}

export function elements(node: AnyNode | undefined): AnyNode[] {
  return node?.type === "Array" ? node.elements.map((e) => e.value) : [];
}

export const stringValue = (node: AnyNode | undefined): string | undefined => (node?.type === "String" ? node.value : undefined);

const numberOrString = (node: AnyNode | undefined): number | string | undefined => (node?.type === "Number" ? node.value : node?.type === "String" ? node.value : undefined);

export type { Context as DashboardContext };
