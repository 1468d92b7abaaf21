// The shape every drift check shares, and small helpers for located, explained findings.
import type { Location, MetricDefinition, Query, QueryOrigin, RelatedLocation, Series, Severity } from "../model.js";
import type { ContractGraph, MetricNode } from "../graph/build.js";

export type RuleId =
  | "event-unconsumed"
  | "event-undeclared"
  | "event-declared-unemitted"
  | "metric-no-emitter"
  | "metric-unsupported"
  | "metric-invalid"
  | "metric-field-missing"
  | "series-missing"
  | "label-missing"
  | "metric-unused"
  | "event-dynamic"
  | "input-unparseable"
  | "suppression-unused";

/** A finding before severity, suppressions and sorting are applied. */
export interface DraftFinding {
  message: string;
  loc: Location;
  subject: string;
  related: RelatedLocation[];
  /** Where a query finding comes from, so config `ignore` can match dashboard uid / panel id / alert name. */
  origin?: QueryOrigin;
  /** An unambiguous fix (e.g. the exported name differs only by `_total` or a unit word). */
  suggestion?: { text: string; replacement: string };
}

export interface Check {
  id: RuleId;
  defaultSeverity: Severity | "off";
  /** One line: what the check reports. */
  description: string;
  run(graph: ContractGraph): DraftFinding[];
}

export const related = (loc: Location | undefined, message: string): RelatedLocation[] =>
  loc && loc.line > 0 ? [{ file: loc.file, line: loc.line, column: loc.column, message }] : [];

export const at = (loc: Location): string => `${loc.file}:${loc.line}`;

/** "panel "Search latency" (id 4) of dashboard "OSINT"", "alert OsintSearchErrors", … */
export function describeOrigin(origin: QueryOrigin): string {
  switch (origin.kind) {
    case "panel": {
      const title = origin.panelTitle ? `panel "${origin.panelTitle}"` : `panel ${origin.panelId ?? "?"}`;
      return origin.dashboardTitle ? `${title} of dashboard "${origin.dashboardTitle}"` : title;
    }
    case "variable":
      return `variable $${origin.variableName ?? "?"}${origin.dashboardTitle ? ` of dashboard "${origin.dashboardTitle}"` : ""}`;
    case "annotation":
      return `annotation "${origin.annotationName ?? "?"}"${origin.dashboardTitle ? ` of dashboard "${origin.dashboardTitle}"` : ""}`;
    case "alert":
      return origin.grafana ? `Grafana alert rule "${origin.name}"${origin.refId ? ` (query ${origin.refId})` : ""}` : `alert ${origin.name}`;
    case "record":
      return `recording rule ${origin.name}`;
  }
}

/** Capitalised origin for the start of a sentence. */
export const Origin = (origin: QueryOrigin): string => {
  const text = describeOrigin(origin);
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** `summary("a.b.c")` for Elixir, `OpenTelemetry Counter "http.requests"`, `prom-client Histogram "x_seconds"`. */
export function describeMetric(def: MetricDefinition): string {
  if (def.instrument) return `${def.instrument.library === "prom-client" ? "prom-client" : "OpenTelemetry"} ${def.instrument.type} "${def.name[0]}"`;
  return `${def.kind}("${def.name.join(".")}")`;
}

export const metricTitle = (node: MetricNode): string => describeMetric(node.def);

/** Every series name a metric definition would make, whether or not its exporter keeps it. */
export function seriesNamesOf(node: MetricNode): string[] {
  return (node.result?.series ?? []).map((s: Series) => s.name);
}

/** Series name → the queries reading it (each query once per name), built once per graph. */
const readerIndexes = new WeakMap<ContractGraph, Map<string, Query[]>>();

function readerIndex(graph: ContractGraph): Map<string, Query[]> {
  let index = readerIndexes.get(graph);
  if (!index) {
    index = new Map();
    for (const query of graph.queries) {
      const seen = new Set<string>();
      for (const selector of query.analysis.selectors) {
        const name = selector.name;
        if (!name || seen.has(name)) continue;
        seen.add(name);
        const list = index.get(name);
        if (list) list.push(query);
        else index.set(name, [query]);
      }
    }
    readerIndexes.set(graph, index);
  }
  return index;
}

/** Queries (with their selector) that read one of `names` exactly, in query then selector order. */
export function queriesReading(graph: ContractGraph, names: ReadonlySet<string>): { query: Query; name: string }[] {
  const index = readerIndex(graph);
  const out: { query: Query; name: string; position: number; selector: number }[] = [];
  for (const name of names) {
    for (const query of index.get(name) ?? []) {
      out.push({ query, name, position: queryPosition(graph, query), selector: query.analysis.selectors.findIndex((s) => s.name === name) });
    }
  }
  out.sort((a, b) => a.position - b.position || a.selector - b.selector);
  return out.map(({ query, name }) => ({ query, name }));
}

const nodesByDef = new WeakMap<ContractGraph, Map<MetricDefinition, MetricNode>>();
/** The graph's (first) node of a metric definition, from a map built once per graph. */
export function nodeOf(graph: ContractGraph, def: MetricDefinition): MetricNode | undefined {
  let map = nodesByDef.get(graph);
  if (!map) {
    map = new Map();
    for (const node of graph.metrics) if (!map.has(node.def)) map.set(node.def, node);
    nodesByDef.set(graph, map);
  }
  return map.get(def);
}

const positions = new WeakMap<ContractGraph, Map<Query, number>>();
function queryPosition(graph: ContractGraph, query: Query): number {
  let map = positions.get(graph);
  if (!map) {
    map = new Map(graph.queries.map((q, i) => [q, i]));
    positions.set(graph, map);
  }
  return map.get(query)!;
}

/** Provenance entries for the panels and rules that read a metric's series (at most `limit`, then a count). */
export function readersRelated(graph: ContractGraph, names: ReadonlySet<string>, limit = 5): RelatedLocation[] {
  const readers = queriesReading(graph, names);
  const out = readers.slice(0, limit).flatMap(({ query, name }) => related(query.loc, `${describeOrigin(query.origin)} reads ${name}`));
  if (readers.length > limit) out.push({ file: readers[limit]!.query.loc.file, line: readers[limit]!.query.loc.line, message: `… and ${readers.length - limit} more queries` });
  return out;
}

export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

export const quoteList = (items: readonly string[]): string => items.map((i) => `\`${i}\``).join(", ");

/**
 * Levenshtein distance, bounded: the exact distance when it is at most `max`, else `max + 1`. Only the
 * diagonal band |i - j| <= max is computed (a path leaving it costs more than `max`), and the search
 * stops at the first row whose band holds nothing within `max`: suggestions look for distances of 1 to 6
 * among names that often differ by a digit or two, where the full table would be mostly wasted.
 */
export function editDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  const beyond = max + 1;
  if (Math.abs(n - m) > max) return beyond;
  if (rowA.length < m + 2) {
    rowA = new Int32Array((m + 2) * 2);
    rowB = new Int32Array((m + 2) * 2);
  }
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= m; j++) previous[j] = j <= max ? j : beyond;
  previous[m + 1] = beyond;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    // The cell left of the band: column 0 (in the band while i <= max), else outside it.
    current[lo - 1] = lo === 1 && i <= max ? i : beyond;
    let rowMin = current[lo - 1]!;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      let value = previous[j]! + 1;
      const left = current[j - 1]! + 1;
      if (left < value) value = left;
      const diagonal = previous[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      if (diagonal < value) value = diagonal;
      if (value > beyond) value = beyond;
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    current[hi + 1] = beyond; // the cell right of the band, read by the next row
    if (rowMin > max) return beyond;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return Math.min(previous[m]!, beyond);
}
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** The closest candidate within a small edit distance; ties go to the alphabetically first. */
export function closest(target: string, candidates: Iterable<string>, maxDistance = 3): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  countChars(target, targetCounts, 1);
  for (const candidate of candidates) {
    const bound = Math.min(maxDistance, bestScore);
    if (candidate === target || Math.abs(candidate.length - target.length) > bound) continue;
    // The character-count difference is a lower bound of the edit distance, and costs one pass.
    if (bagDistance(candidate, target.length) > bound) continue;
    const d = editDistance(target, candidate, bound);
    if (d <= maxDistance && (d < bestScore || (d === bestScore && best !== undefined && candidate < best))) {
      best = candidate;
      bestScore = d;
    }
  }
  countChars(target, targetCounts, -1);
  return best;
}

/**
 * Names to suggest from, for many lookups. `closest` compares a name with every candidate: fine for the
 * hundreds a bucket usually holds, quadratic when thousands share one (every series of a namespace
 * `acme_…`, each queried under a misspelt name: 16,000 took 69 s). Up to EXACT_SEARCH_LIMIT candidates
 * a lookup stays exact; past it, it compares only the NEIGHBOURS nearest the name in sorted order and
 * in the sorted order of the reversed names, since a typo keeps the prefix before it or the suffix
 * after it. A suggestion is a hint: a miss there costs a hint, never a finding.
 */
export class SuggestionIndex {
  static readonly EXACT_SEARCH_LIMIT = 1000;
  static readonly NEIGHBOURS = 64;
  private readonly sorted: string[];
  private byReversed: { reversed: string; name: string }[] | undefined;
  constructor(candidates: Iterable<string>) {
    this.sorted = [...new Set(candidates)].sort();
  }
  get size(): number {
    return this.sorted.length;
  }
  closest(target: string, maxDistance = 3): string | undefined {
    if (this.sorted.length <= SuggestionIndex.EXACT_SEARCH_LIMIT) return closest(target, this.sorted, maxDistance);
    this.byReversed ??= this.sorted.map((name) => ({ reversed: reverse(name), name })).sort((a, b) => (a.reversed < b.reversed ? -1 : a.reversed > b.reversed ? 1 : 0));
    const reversed = this.byReversed;
    const near = new Set(around(this.sorted, target, (name) => name));
    for (const entry of around(reversed, reverse(target), (e) => e.reversed)) near.add(entry.name);
    return closest(target, near, maxDistance);
  }
}

const reverse = (s: string): string => [...s].reverse().join("");

/** The NEIGHBOURS entries either side of where `key` sorts in `list` (sorted by `keyOf`). */
function around<T>(list: readonly T[], key: string, keyOf: (item: T) => string): T[] {
  const at = firstAtOrAfter(list, key, keyOf);
  return list.slice(Math.max(0, at - SuggestionIndex.NEIGHBOURS), at + SuggestionIndex.NEIGHBOURS);
}

/** The index of the first entry of a sorted list whose key is `key` or after it (a binary search). */
export function firstAtOrAfter<T>(sorted: readonly T[], key: string, keyOf: (item: T) => string = String): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(sorted[mid]!) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const targetCounts = new Int32Array(128);
const countChars = (s: string, counts: Int32Array, delta: number): void => {
  for (let i = 0; i < s.length; i++) counts[s.charCodeAt(i) & 127]! += delta;
};

/**
 * max(chars only in the target, chars only in the candidate), against `targetCounts`: a lower bound of
 * the edit distance in one pass over the candidate (counted as it goes, then put back).
 */
function bagDistance(candidate: string, targetLength: number): number {
  let extraInCandidate = 0;
  for (let i = 0; i < candidate.length; i++) if (targetCounts[candidate.charCodeAt(i) & 127]!-- <= 0) extraInCandidate++;
  for (let i = 0; i < candidate.length; i++) targetCounts[candidate.charCodeAt(i) & 127]!++;
  const extraInTarget = targetLength - (candidate.length - extraInCandidate);
  return Math.max(extraInTarget, extraInCandidate);
}
