// Prometheus-style rule files (YAML) → queries and the series rules produce. Reads Prometheus
// `groups[].rules[]`, Thanos (`partial_response_strategy`), Mimir/Cortex (`namespace:` + groups) and
// PrometheusRule CRDs (`spec.groups`), multi-document files included. Recording rules produce series;
// alerting rules produce `ALERTS` / `ALERTS_FOR_STATE`. Loki (LogQL) expressions are skipped.
// Grafana-managed alert provisioning files (`apiVersion: 1`, `groups[].rules[].data[].model.expr`)
// share the `groups:`/`rules:` shape: their PromQL queries are read too (they produce no series).
import { pushAll } from "../../util/collections.js";
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Alias, type Document, type Node, type Scalar, type YAMLMap } from "yaml";
import type { FileFacts, InlineSuppression, Location, QueryOrigin } from "../../model.js";
import { emptyFacts } from "../../model.js";
import { buildQuery } from "../query.js";
import { classifyDatasourceRef } from "../grafana/datasource.js";

/** A cheap sniff: `groups:` with `rules:`, or a PrometheusRule resource. */
export function looksLikeRuleFile(text: string): boolean {
  if (/^\s*kind:\s*["']?PrometheusRule\b/m.test(text)) return true;
  return /^\s*groups:\s*$/m.test(text) && /^\s*-?\s*rules:/m.test(text) && /\b(expr|alert|record):/.test(text);
}

// A LogQL line filter or pipeline right after a stream selector. `!=`/`!~` count only before a string:
// in PromQL, `up{job="x"} != 1` is a comparison, and such alerts must be read, not skipped.
const LOGQL = /\}\s*(\|[=~>]|![=~>]\s*["`]|\|\s*(json|logfmt|pattern|regexp|unpack|line_format|label_format|unwrap|drop|keep|decolorize)\b)/;

export function extractRuleFile(file: string, text: string): FileFacts {
  const facts = emptyFacts(file);
  facts.language = "prometheus-rules";
  const lines = new LineCounter();
  const at = (offset: number): Location => {
    const pos = lines.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false }) as Document.Parsed[];
  } catch (error) {
    if (error instanceof RangeError) return tooDeep(facts, true);
    facts.problems.push({ loc: { file, line: 1, column: 1 }, message: `${file}: invalid YAML (${(error as Error).message.split("\n")[0]})` });
    return facts;
  }
  pushAll(facts.suppressions, suppressionComments(file, text));
  const budget: LookupBudget = { left: Math.max(MERGE_LOOKUP_BUDGET, text.length) };
  for (const doc of docs) lookups.set(doc, newLookup(budget));
  for (let index = 0; index < docs.length; index++) {
    const doc = docs[index]!;
    const error = doc.errors[0];
    if (error) {
      // The parser recurses: a document nested a thousand deep can exhaust this thread's stack (where it
      // stopped depends on the thread: see FileFacts.stackOverflow). Not an error in the document.
      if (doc.errors.some((e) => /Maximum call stack size exceeded/.test(e.message))) return tooDeep(facts, true);
      const loc = at(error.pos[0]);
      // Helm/Jinja control lines (`{{- if … }}` at the start of a line) are not YAML until rendered.
      const templated = /^\s*\{\{/m.test(text);
      const reason = templated ? "templated YAML (Helm/Jinja `{{ … }}`) cannot be parsed before rendering; render it first or exclude it" : `invalid YAML: ${error.message.split("\n")[0]}`;
      facts.problems.push({ loc, message: `${file}:${loc.line}:${loc.column}: ${reason}` });
      // The yaml library can attach an error found in the *next* document (a stray `]` after `---`) to
      // this one. When every error lies past the start of the next document, this one is intact: read it.
      const next = docs[index + 1]?.range?.[0] ?? Infinity;
      if (doc.errors.some((e) => e.pos[0] < next)) continue;
    }
    const root = doc.contents;
    if (!isMap(root)) continue;
    if (deeperThan(root, MAX_YAML_DEPTH)) return tooDeep(facts, false);
    const kind = scalarString(root.get("kind", true));
    const spec = root.get("spec", true);
    const groups = kind === "PrometheusRule" && isMap(spec) ? spec.get("groups", true) : root.get("groups", true);
    if (!isSeq(groups)) continue;
    for (const group of groups.items) {
      if (!isMap(group)) continue;
      const groupName = scalarString(fieldOf(group, "name", doc)) ?? "?";
      const rules = fieldOf(group, "rules", doc);
      if (!isSeq(rules)) continue;
      for (const item of rules.items) {
        const rule = deref(item as Node, doc);
        if (isMap(rule)) readRule(rule, groupName, text, at, facts, doc);
      }
    }
  }
  if (budget.exhaustedAt !== undefined) {
    const loc = at(budget.exhaustedAt);
    facts.problems.push({ loc, message: `${file}:${loc.line}:${loc.column}: YAML merge keys (\`<<\`) too many to resolve (over ${Math.max(MERGE_LOOKUP_BUDGET, text.length).toLocaleString("en-US")} lookups in this file); fields merged past this point are not read` });
  }
  return facts;
}

function readRule(rule: YAMLMap, group: string, source: string, at: (offset: number) => Location, facts: FileFacts, doc: Document): void {
  const data = fieldOf(rule, "data", doc);
  if (isSeq(data) && fieldOf(rule, "expr", doc) === undefined) return readGrafanaRule(rule, data.items, group, source, at, facts, doc);
  const exprNode = fieldOf(rule, "expr", doc);
  if (!isScalar(exprNode) || exprNode.value === null || exprNode.value === undefined) return;
  const expr = String(exprNode.value);
  if (expr.trim() === "" || LOGQL.test(expr)) return;
  const record = scalarString(fieldOf(rule, "record", doc));
  const alert = scalarString(fieldOf(rule, "alert", doc));
  if (!record && !alert) return;
  const labelsNode = fieldOf(rule, "labels", doc);
  const labels = isMap(labelsNode) ? labelsNode.items.map((p) => scalarString(p.key as Node)).filter((k): k is string => !!k) : [];
  const origin: QueryOrigin = record ? { kind: "record", group, name: record } : { kind: "alert", group, name: alert! };
  const start = exprNode.range?.[0] ?? 0;
  const offsets = scalarOffsets(exprNode, source, expr);
  const resultLabels = alert ? annotationLabels(rule, doc) : [];
  facts.queries.push(
    buildQuery({
      expr,
      origin,
      loc: at(offsets[0] ?? start),
      locate: (offset) => at(offsets[Math.min(Math.max(offset, 0), offsets.length - 1)] ?? start),
      resultLabels,
    }),
  );
  const nameNode = fieldOf(rule, record ? "record" : "alert", doc);
  const loc = at(nameNode?.range?.[0] ?? start);
  if (record) facts.ruleSeries.push({ name: record, labels, loc, kind: "record", expr });
  else {
    facts.ruleSeries.push({ name: "ALERTS", labels: ["alertname", "alertstate", ...labels], loc, kind: "alert", expr });
    facts.ruleSeries.push({ name: "ALERTS_FOR_STATE", labels: ["alertname", ...labels], loc, kind: "alert", expr });
  }
}

/**
 * YAML documents deeper than this are not analysed, whichever thread parsed them: a fixed limit, so the
 * verdict never depends on a thread's stack (the parser runs out of it from ~1,200 levels on the main
 * thread; such a file is read again on a thread with a large stack). Rule files nest a handful of levels.
 */
export const MAX_YAML_DEPTH = 1000;

/** One verdict for a file nested too deeply, whatever the reason: its facts are dropped. */
function tooDeep(facts: FileFacts, stackOverflow: boolean): FileFacts {
  const file = facts.file;
  const out = emptyFacts(file);
  out.language = facts.language;
  out.problems.push({ loc: { file, line: 1, column: 1 }, message: `${file}: YAML nested too deeply to analyse (more than ${MAX_YAML_DEPTH.toLocaleString("en-US")} levels)` });
  if (stackOverflow) out.stackOverflow = true;
  return out;
}

/** Whether a YAML node has a collection nested deeper than `limit` (an explicit stack; aliases not followed). */
function deeperThan(root: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > limit) return true;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) stack.push([item.key, depth + 1], [item.value, depth + 1]);
      else stack.push([item, depth + 1]);
    }
  }
  return false;
}

/** Server-side expressions of Grafana alerting (math, reduce, threshold, classic conditions): not PromQL. */
const GRAFANA_EXPRESSION_UIDS = new Set(["__expr__", "-100"]);

/**
 * A Grafana-managed alert rule: each `data[]` query whose model carries an `expr` and whose datasource
 * is not a server-side expression. The datasource is judged as for dashboard panels: a Prometheus-like
 * plugin type or name is read, another kind (Loki …) skipped, an unknown one read unless the text says
 * LogQL — and then a query that does not parse is skipped quietly (it may be another language).
 */
function readGrafanaRule(rule: YAMLMap, items: unknown[], group: string, source: string, at: (offset: number) => Location, facts: FileFacts, doc: Document): void {
  const title = scalarString(fieldOf(rule, "title", doc)) ?? scalarString(fieldOf(rule, "uid", doc)) ?? "?";
  // A Grafana-managed recording rule (`record: {metric, from}`) writes the result of query `from` as a
  // series named `metric` (to a Prometheus datasource): it produces that series, as a recording rule does.
  const record = fieldOf(rule, "record", doc);
  const recordMetricNode = isMap(record) ? fieldOf(record, "metric", doc) : undefined;
  const recordMetric = scalarString(recordMetricNode);
  const recordFrom = isMap(record) ? scalarString(fieldOf(record, "from", doc)) : undefined;
  const queries: { exprNode: Scalar; expr: string; refId: string | undefined; typeKnown: boolean }[] = [];
  for (const item of items) {
    const query = deref(item as Node, doc);
    if (!isMap(query)) continue;
    const model = fieldOf(query, "model", doc);
    if (!isMap(model)) continue;
    const uid = scalarString(fieldOf(query, "datasourceUid", doc));
    const datasource = fieldOf(model, "datasource", doc);
    const type = isMap(datasource) ? scalarString(fieldOf(datasource, "type", doc)) : undefined;
    if ((uid !== undefined && GRAFANA_EXPRESSION_UIDS.has(uid)) || type === "__expr__") continue;
    // As for dashboard panels: a Prometheus-like plugin or name is read, another kind skipped.
    const kind = classifyDatasourceRef(type, uid);
    if (kind === "other") continue;
    const exprNode = fieldOf(model, "expr", doc);
    if (!isScalar(exprNode) || exprNode.value === null || exprNode.value === undefined) continue;
    const expr = String(exprNode.value);
    if (expr.trim() === "" || LOGQL.test(expr)) continue;
    queries.push({ exprNode, expr, refId: scalarString(fieldOf(query, "refId", doc)), typeKnown: kind === "prometheus" });
  }
  // Annotation labels come from the condition's result: attributable only when one query feeds it.
  const resultLabels = queries.length === 1 && !recordMetric ? annotationLabels(rule, doc) : [];
  for (const { exprNode, expr, refId, typeKnown } of queries) {
    const start = exprNode.range?.[0] ?? 0;
    const offsets = scalarOffsets(exprNode, source, expr);
    const query = buildQuery({
      expr,
      origin: recordMetric ? { kind: "record", group, name: recordMetric } : { kind: "alert", group, name: title, grafana: true, ...(refId ? { refId } : {}) },
      loc: at(offsets[0] ?? start),
      locate: (offset) => at(offsets[Math.min(Math.max(offset, 0), offsets.length - 1)] ?? start),
      resultLabels,
      // Grafana interpolates its built-ins (`$__rate_interval`, `$__interval` …) in alert queries too;
      // a dashboard's variables do not exist there: `$job` is sent as written.
      builtinsOnly: true,
    });
    if (!typeKnown && query.analysis.errors.length) continue;
    facts.queries.push(query);
  }
  if (recordMetric) {
    const labelsNode = fieldOf(rule, "labels", doc);
    const labels = isMap(labelsNode) ? labelsNode.items.map((p) => scalarString(p.key as Node)).filter((k): k is string => !!k) : [];
    const from = queries.find((q) => q.refId === recordFrom) ?? (queries.length === 1 ? queries[0] : undefined);
    facts.ruleSeries.push({ name: recordMetric, labels, loc: at(recordMetricNode?.range?.[0] ?? rule.range?.[0] ?? 0), kind: "record", ...(from ? { expr: from.expr } : {}) });
  }
}

/** `{{ $labels.x }}` / `$labels.x` in annotations and labels: labels read from the alert's series. */
function annotationLabels(rule: YAMLMap, doc: Document): string[] {
  const out = new Set<string>();
  for (const key of ["annotations", "labels"]) {
    const node = fieldOf(rule, key, doc);
    if (!isMap(node)) continue;
    for (const pair of node.items) {
      const value = scalarString(pair.value as Node);
      if (value) for (const m of value.matchAll(/\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)/g)) out.add(m[1]!);
    }
  }
  return [...out].sort();
}

/**
 * Source offset of each character of a scalar's value. Exact for plain and single-line quoted scalars
 * and for literal block scalars (`|`); other multi-line forms map every character to the scalar start.
 */
function scalarOffsets(node: Scalar, source: string, value: string): number[] {
  const start = node.range?.[0] ?? 0;
  const type = node.type;
  if (type === "PLAIN" || type === "QUOTE_SINGLE" || type === "QUOTE_DOUBLE") {
    const raw = source.slice(start, node.range?.[1] ?? start);
    if (!raw.includes("\n")) {
      const shift = type === "PLAIN" ? 0 : 1;
      if (type !== "QUOTE_DOUBLE" || !raw.includes("\\")) return Array.from({ length: value.length + 1 }, (_, i) => start + shift + i);
    }
    return Array.from({ length: value.length + 1 }, () => start);
  }
  if (type === "BLOCK_LITERAL") {
    const headerEnd = source.indexOf("\n", start);
    if (headerEnd < 0) return Array.from({ length: value.length + 1 }, () => start);
    const offsets: number[] = [];
    let cursor = headerEnd + 1;
    const contentLines = value.split("\n");
    let indent = -1;
    for (let k = 0; k < contentLines.length; k++) {
      const lineEnd = source.indexOf("\n", cursor);
      const line = source.slice(cursor, lineEnd < 0 ? source.length : lineEnd);
      if (indent < 0 && line.trim() !== "") indent = line.length - line.trimStart().length;
      const base = cursor + Math.max(indent, 0);
      for (let c = 0; c < contentLines[k]!.length; c++) offsets.push(base + c);
      if (k < contentLines.length - 1) offsets.push(base + contentLines[k]!.length);
      cursor = lineEnd < 0 ? source.length : lineEnd + 1;
    }
    offsets.push(offsets.at(-1) ?? start);
    return offsets;
  }
  return Array.from({ length: value.length + 1 }, () => start);
}

/**
 * Merge keys and aliases, resolved once per document. `Alias.resolve(doc)` walks the whole document on
 * every call (a rule file merging one template into each of 2,000 rules took 18 s); here one walk maps
 * every alias to its anchor. And each (map, key, depth) of a merge-key lookup is computed once: a chain
 * of maps each merging the previous one several times (`<<: [*m, *m, *m]`) is otherwise explored as a
 * tree, exponential in its depth (a 700-byte file hung for minutes).
 */
interface Lookup {
  /** Every alias of the document → the node it stands for (undefined: no such anchor before it). */
  aliases?: Map<Alias, Node | undefined>;
  /** (map, key) → the result at each depth, once computed (MISSING: the key is not there). */
  memo: Map<YAMLMap, Map<string, (Node | typeof MISSING)[]>>;
  budget: LookupBudget;
}

/**
 * Merge sources a file's lookups may visit (or its size in characters, if larger): far above what a real
 * rule file needs (one or two per field read), a bound on a crafted one.
 */
export const MERGE_LOOKUP_BUDGET = 1_000_000;

interface LookupBudget {
  left: number;
  /** Source offset of the map whose lookup ran out of budget. */
  exhaustedAt?: number;
}

/** Merge keys nest at most this deep (a template merging a template …): as Prometheus rule files need. */
const MAX_MERGE_DEPTH = 8;

const lookups = new WeakMap<Document, Lookup>();
const newLookup = (budget: LookupBudget): Lookup => ({ memo: new Map(), budget });

function lookupOf(doc: Document): Lookup {
  let lookup = lookups.get(doc);
  if (!lookup) lookups.set(doc, (lookup = newLookup({ left: MERGE_LOOKUP_BUDGET })));
  return lookup;
}

/**
 * An alias (`*name`) stands for the node its anchor marks: the last node anchored `&name` before the
 * alias, in document order (as `Alias.resolve` decides, from one walk of the document).
 */
function deref(node: Node | undefined, doc: Document): Node | undefined {
  if (!isAlias(node)) return node;
  const lookup = lookupOf(doc);
  if (!lookup.aliases) {
    const aliases = new Map<Alias, Node | undefined>();
    const anchored = new Map<string, Node>();
    visit(doc, {
      Node: (_key, visited) => {
        if (isAlias(visited)) aliases.set(visited, anchored.get(visited.source));
        else if (visited.anchor) anchored.set(visited.anchor, visited as Node);
      },
    });
    lookup.aliases = aliases;
  }
  return lookup.aliases.has(node) ? lookup.aliases.get(node) : (node.resolve(doc) as Node | undefined);
}

/**
 * A map's value for `key`, through aliases and YAML merge keys (`<<: *base`, `<<: [*a, *b]`), which
 * Prometheus' YAML parser applies: a rule may take its `expr` or `labels` from an anchored template.
 * An explicit key wins over merged ones; among merge sources, the first that has the key wins.
 */
function fieldOf(map: YAMLMap, key: string, doc: Document, depth = 0): Node | undefined {
  const lookup = lookupOf(doc);
  let byKey = lookup.memo.get(map);
  if (!byKey) lookup.memo.set(map, (byKey = new Map()));
  let byDepth = byKey.get(key);
  if (!byDepth) byKey.set(key, (byDepth = []));
  const known = byDepth[depth];
  if (known !== undefined) return known === MISSING ? undefined : known;
  const value = computeField(map, key, doc, depth, lookup);
  byDepth[depth] = value ?? MISSING;
  return value;
}

const MISSING = Symbol("missing");

function computeField(map: YAMLMap, key: string, doc: Document, depth: number, lookup: Lookup): Node | undefined {
  const direct = map.get(key, true) as Node | undefined;
  if (direct !== undefined) return deref(direct, doc);
  if (depth > MAX_MERGE_DEPTH) return undefined;
  const mergeNode = map.get("<<", true) as Node | undefined;
  if (mergeNode === undefined) return undefined;
  const merge = deref(mergeNode, doc);
  const sources = isSeq(merge) ? merge.items : [merge];
  for (const item of sources) {
    if (lookup.budget.left <= 0) {
      lookup.budget.exhaustedAt ??= map.range?.[0] ?? 0;
      return undefined;
    }
    lookup.budget.left--;
    const source = isSeq(merge) ? deref(item as Node, doc) : (item as Node | undefined);
    if (!isMap(source)) continue;
    const value = fieldOf(source, key, doc, depth + 1);
    if (value !== undefined) return value;
  }
  return undefined;
}

const scalarString = (node: unknown): string | undefined => (isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined);

/**
 * `# telemetry-drift-disable-next-line rule…` applies to the next line; when that line starts a rule
 * (`- alert:` / `- record:`, Grafana's `- uid:` / `- title:`), it covers the whole rule.
 */
function suppressionComments(file: string, text: string): InlineSuppression[] {
  if (!text.includes("telemetry-drift-disable-next-line")) return [];
  const lines = text.split("\n");
  // The first line after each line that is neither blank nor a comment, found in one pass from the end
  // (a run of comments is not rescanned for each of them); and where each targeted rule ends, found
  // once for all the comments above it.
  const nextCode = new Array<number>(lines.length);
  for (let i = lines.length - 1, next = lines.length; i >= 0; i--) {
    nextCode[i] = next;
    if (!/^\s*(#.*)?$/.test(lines[i]!)) next = i;
  }
  const ruleEnds = new Map<number, number | undefined>();
  const ruleEnd = (target: number): number | undefined => {
    if (ruleEnds.has(target)) return ruleEnds.get(target);
    // A rule starts with `- alert:` / `- record:`, or in Grafana's provisioning with `- uid:` / `- title:`.
    const ruleStart = /^(\s*)-\s*(alert|record|uid|title):/.exec(lines[target] ?? "");
    let end: number | undefined;
    if (ruleStart) {
      const indent = ruleStart[1]!.length;
      end = target + 1;
      while (end < lines.length && (/^\s*$/.test(lines[end]!) || lines[end]!.length - lines[end]!.trimStart().length > indent)) end++;
    }
    ruleEnds.set(target, end);
    return end;
  };
  const out: InlineSuppression[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /#\s*telemetry-drift-disable-next-line\b(.*)$/.exec(lines[i]!);
    if (!m) continue;
    const rules = m[1]!.split(/[\s,]+/).filter(Boolean);
    const target = nextCode[i]!;
    const suppression: InlineSuppression = { loc: { file, line: i + 1, column: lines[i]!.indexOf("#") + 1 }, targetLine: target + 1, rules };
    const end = ruleEnd(target);
    if (end !== undefined) suppression.endLine = end;
    out.push(suppression);
  }
  return out;
}
