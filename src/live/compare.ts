// The static contract against a running system. Pure: the contract's series (from the graph) and a
// snapshot of live series in, findings out, in a deterministic order. Three rules:
//   live-series-missing     a series a metric definition promises is not in the live system
//   live-series-unexpected  a live series nothing in the contract explains
//   live-label-mismatch     a series is live, but with other label names than the contract says
// Only series that come from metric definitions in the analysed code are checked for presence and
// labels; recording-rule series and library defaults (prom-client default metrics, target_info) only
// explain live series, since their presence depends on things the code does not control.
import type { Finding, Location, MetricDefinition, Query, RelatedLocation, Series, Severity } from "../model.js";
import { describeMetric, describeOrigin, editDistance } from "../checks/check.js";
import { compareFindings } from "../report/report.js";
import type { LiveLocation, LiveSeries, LiveSnapshot } from "./snapshot.js";

export type LiveRuleId = "live-series-missing" | "live-series-unexpected" | "live-label-mismatch";

export const LIVE_RULES: readonly { id: LiveRuleId; severity: string; description: string }[] = [
  { id: "live-series-missing", severity: "error when a dashboard or rule reads it, else warning", description: "a series the contract promises is absent from the live system (exporter mismatch, or the metric was never emitted since start)" },
  { id: "live-series-unexpected", severity: "warning", description: "a live series that no metric definition, recording rule or known default explains" },
  { id: "live-label-mismatch", severity: "error when a query uses a missing label, else warning", description: "a live series carries other label names than the contract declares" },
];

/** The parts of the contract graph `compareLive` reads (`ContractGraph` satisfies it). */
export interface LiveContract {
  series: ReadonlyMap<string, readonly Series[]>;
  queries: readonly Query[];
  /** Metric definitions whose names are not statically known: a hint for unexpected series. */
  dynamicMetrics?: readonly { loc: Location; expression: string }[];
  /** The config's `externalSeries` globs: live series matching them are explained. */
  externalSeries?: readonly string[];
  /** Labels Prometheus or relabelling attach (graph.targetLabels): never "extra". */
  targetLabels?: Iterable<string>;
}

/** Labels never compared: Prometheus attaches them to every scraped series. */
const TARGET_LABELS = ["job", "instance", "__name__"];

/** Prometheus' own series (self-scrape, synthetic scrape series, alert state): never unexpected. */
const PROMETHEUS_OWN = [/^up$/, /^scrape_/, /^ALERTS(_FOR_STATE)?$/, /^prometheus_/, /^promhttp_/, /^net_conntrack_/];

const FAMILY_SUFFIXES = ["_bucket", "_count", "_sum"];

interface LiveEntry {
  name: string;
  labels: Set<string>;
  where: LiveLocation;
  family?: string;
  type?: string;
  jobs: Set<string>;
  inScope: boolean;
}

/** A metric definition's series, as the contract derives them. */
interface ContractGroup {
  def: MetricDefinition;
  exporter: string;
  series: Series[];
}

interface MissingGroup {
  group: ContractGroup;
  missing: string[];
  present: string[];
  base: string;
  shape: string;
  labels: Set<string>;
  pairedWith?: UnexpectedFamily;
}

interface UnexpectedFamily {
  base: string;
  series: LiveEntry[];
  type?: string;
  shape: string;
  labels: Set<string>;
  pairedWith?: MissingGroup;
}

export function compareLive(contract: LiveContract, live: LiveSnapshot): Finding[] {
  const liveByName = indexLive(live.series);
  const targetLabels = new Set([...TARGET_LABELS, ...(contract.targetLabels ?? [])]);
  const readers = readerIndex(contract.queries);
  const findings: Finding[] = [];

  // ---- contract groups: one per metric definition ----
  const groups = new Map<MetricDefinition, ContractGroup>();
  for (const list of contract.series.values()) {
    for (const s of list) {
      if (s.source.kind !== "metric") continue;
      let group = groups.get(s.source.metric);
      if (!group) groups.set(s.source.metric, (group = { def: s.source.metric, exporter: s.source.exporter, series: [] }));
      if (!group.series.some((x) => x.name === s.name)) group.series.push(s);
    }
  }

  // ---- missing series ----
  const missingGroups: MissingGroup[] = [];
  for (const group of groups.values()) group.series.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const group of groups.values()) {
    const names = group.series.map((s) => s.name);
    const missing = names.filter((n) => !liveByName.has(n));
    if (missing.length === 0) continue;
    const { base, shape } = familyShape(names);
    const labels = new Set(group.series.flatMap((s) => s.labels));
    missingGroups.push({ group, missing, present: names.filter((n) => liveByName.has(n)), base, shape, labels });
  }

  missingGroups.sort((a, b) => {
    const x = a.group.def.loc;
    const y = b.group.def.loc;
    return x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line || x.column - y.column || (a.base < b.base ? -1 : a.base > b.base ? 1 : 0);
  });

  // ---- unexpected series ----
  const explains = explainer(contract);
  const unexplained = [...liveByName.values()].filter((e) => e.inScope && !contract.series.has(e.name) && !explains(e.name, liveByName));
  const families = unexpectedFamilies(unexplained, targetLabels);
  pair(missingGroups, families);

  for (const m of missingGroups) findings.push(missingFinding(m, live, readers));
  for (const f of families) findings.push(unexpectedFinding(f, live, contract, readers));

  // ---- label names ----
  for (const group of groups.values()) {
    const diffs = new Map<string, { missing: string[]; extra: string[]; names: string[]; live: Set<string>; expected: Set<string> }>();
    for (const s of group.series) {
      const entry = liveByName.get(s.name);
      if (!entry) continue;
      const all = contract.series.get(s.name)!.filter((x) => x.source.kind === "metric");
      if (all.some((x) => x.labelsUnknown)) continue;
      const expected = new Set(all.flatMap((x) => x.labels).filter((l) => !TARGET_LABELS.includes(l)));
      const liveLabels = new Set([...entry.labels].filter((l) => !TARGET_LABELS.includes(l)));
      const missing = [...expected].filter((l) => !liveLabels.has(l)).sort();
      const extra = [...liveLabels].filter((l) => !expected.has(l) && !targetLabels.has(l)).sort();
      if (missing.length === 0 && extra.length === 0) continue;
      const key = `${missing.join(",")}|${extra.join(",")}`;
      const diff = diffs.get(key);
      if (diff) diff.names.push(s.name);
      else diffs.set(key, { missing, extra, names: [s.name], live: liveLabels, expected });
    }
    for (const diff of diffs.values()) findings.push(labelFinding(group, diff, live, readers));
  }

  return findings.sort(compareFindings);
}

// ---- indexes ----------------------------------------------------------------------------------

function indexLive(series: readonly LiveSeries[]): Map<string, LiveEntry> {
  const out = new Map<string, LiveEntry>();
  for (const s of series) {
    let entry = out.get(s.name);
    if (!entry) {
      entry = { name: s.name, labels: new Set(), where: s.where, jobs: new Set(), inScope: false, ...(s.family ? { family: s.family } : {}), ...(s.type ? { type: s.type } : {}) };
      out.set(s.name, entry);
    }
    for (const l of s.labels) if (l !== "__name__") entry.labels.add(l);
    for (const j of s.jobs ?? []) entry.jobs.add(j);
    entry.inScope ||= s.inScope;
  }
  return out;
}

interface Reader {
  query: Query;
  /** Labels the query filters, groups or joins on for this series, or shows in a legend/annotation. */
  labels: Set<string>;
}

function readerIndex(queries: readonly Query[]): Map<string, Reader[]> {
  const index = new Map<string, Reader[]>();
  for (const query of queries) {
    const byName = new Map<string, Set<string>>();
    for (const selector of query.analysis.selectors) {
      if (!selector.name) continue;
      let labels = byName.get(selector.name);
      if (!labels) byName.set(selector.name, (labels = new Set(query.resultLabels)));
      for (const m of selector.matchers) labels.add(m.label);
      for (const l of selector.labelsUsed) labels.add(l);
    }
    for (const [name, labels] of byName) {
      const list = index.get(name);
      if (list) list.push({ query, labels });
      else index.set(name, [{ query, labels }]);
    }
  }
  return index;
}

/** Whether a live series the contract does not name is nevertheless accounted for. */
function explainer(contract: LiveContract): (name: string, live: ReadonlyMap<string, LiveEntry>) => boolean {
  const catalog = [...contract.series.values()].flat().filter((s) => s.source.kind === "catalog");
  // prom-client's default metrics differ between versions and platforms: with collectDefaultMetrics in
  // the contract, every process_* / nodejs_* series under its prefix is accounted for.
  const defaultPrefixes = new Set<string>();
  for (const s of catalog) {
    if (s.source.kind === "catalog" && s.source.description.startsWith("prom-client collectDefaultMetrics") && s.name.endsWith("process_cpu_user_seconds_total")) {
      defaultPrefixes.add(s.name.slice(0, -"process_cpu_user_seconds_total".length));
    }
  }
  const otel = [...contract.series.values()].flat().some((s) => s.source.kind === "metric" && s.source.metric.instrument?.library === "opentelemetry");
  const external = (contract.externalSeries ?? []).map(globRegExp);
  return (name, live) => {
    if (PROMETHEUS_OWN.some((re) => re.test(name))) return true;
    for (const p of defaultPrefixes) if (name.startsWith(`${p}process_`) || name.startsWith(`${p}nodejs_`)) return true;
    if (name === "target_info" && otel) return true;
    if (external.some((re) => re.test(name))) return true;
    // OpenMetrics `_created` samples of counters, histograms and summaries the contract knows.
    if (name.endsWith("_created")) {
      const base = name.slice(0, -"_created".length);
      if ([base, `${base}_total`, `${base}_count`].some((n) => contract.series.has(n))) return true;
      const family = live.get(name)?.family;
      if (family && family !== name && [family, `${family}_total`, `${family}_count`].some((n) => contract.series.has(n))) return true;
    }
    return false;
  };
}

const globRegExp = (glob: string): RegExp => new RegExp(`^${glob.split("*").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);

// ---- families and pairing ---------------------------------------------------------------------

/** The common base of a metric's series names and its "shape" (the suffixes, e.g. `_bucket,_count,_sum`). */
function familyShape(names: readonly string[]): { base: string; shape: string } {
  const bases = new Set<string>();
  const suffixes: string[] = [];
  for (const n of names) {
    const suffix = FAMILY_SUFFIXES.find((s) => n.endsWith(s) && names.length > 1) ?? "";
    bases.add(n.slice(0, n.length - suffix.length));
    suffixes.push(suffix);
  }
  if (bases.size !== 1) return { base: names[0]!, shape: names.join(",") };
  return { base: [...bases][0]!, shape: suffixes.sort().join(",") };
}

/** Groups unexplained live series by family: the exposition's TYPE family, or `x_bucket/_count/_sum` siblings. */
function unexpectedFamilies(entries: readonly LiveEntry[], targetLabels: ReadonlySet<string>): UnexpectedFamily[] {
  const byBase = new Map<string, LiveEntry[]>();
  const names = new Set(entries.map((e) => e.name));
  for (const e of entries) {
    let base = e.family && e.family !== e.name ? e.family : e.name;
    if (!e.family) {
      const suffix = FAMILY_SUFFIXES.find((s) => e.name.endsWith(s));
      const stem = suffix ? e.name.slice(0, -suffix.length) : undefined;
      if (stem !== undefined && FAMILY_SUFFIXES.filter((s) => names.has(stem + s)).length >= 2) base = stem;
    }
    const list = byBase.get(base);
    if (list) list.push(e);
    else byBase.set(base, [e]);
  }
  return [...byBase.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([base, series]) => {
      series.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const shape = series.length > 1 ? familyShape(series.map((s) => s.name)).shape : "";
      const labels = new Set(series.flatMap((s) => [...s.labels]).filter((l) => !targetLabels.has(l)));
      const type = series.find((s) => s.type && s.type !== "untyped" && s.type !== "unknown")?.type;
      return { base, series, shape, labels, ...(type ? { type } : {}) };
    });
}

/**
 * A contract metric whose series are all missing, and an unexplained live family, are probably the
 * same metric under another name when they have the same shape and label names (and that pairing is
 * unique), or when their names are a small edit apart.
 */
function pair(missing: MissingGroup[], families: UnexpectedFamily[]): void {
  const candidates = missing.filter((m) => m.present.length === 0);
  const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => a.size === b.size && [...a].every((x) => b.has(x));
  const informative = (m: MissingGroup): boolean => m.shape.includes(",") || [...m.labels].some((l) => l !== "le" && l !== "quantile" && !l.startsWith("otel_scope_"));
  const byShape = (m: MissingGroup, f: UnexpectedFamily): boolean => informative(m) && m.shape === f.shape && sameSet(m.labels, f.labels);
  const byName = (m: MissingGroup, f: UnexpectedFamily): boolean => {
    const limit = Math.max(2, Math.floor(Math.min(m.base.length, f.base.length) / 6));
    return m.shape === f.shape && editDistance(m.base, f.base, limit) <= limit;
  };
  for (const test of [byShape, byName]) {
    for (const m of candidates) {
      if (m.pairedWith) continue;
      const matches = families.filter((f) => !f.pairedWith && test(m, f));
      if (matches.length !== 1) continue;
      const f = matches[0]!;
      // Unique in both directions.
      if (candidates.filter((other) => !other.pairedWith && test(other, f)).length !== 1) continue;
      m.pairedWith = f;
      f.pairedWith = m;
    }
  }
}

// ---- findings ---------------------------------------------------------------------------------

const code = (s: string): string => `\`${s}\``;

function nameList(names: readonly string[]): string {
  const quoted = names.map(code);
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
}

const labelList = (labels: Iterable<string>): string => {
  const sorted = [...labels].sort();
  return sorted.length ? sorted.join(", ") : "none";
};

const where = (loc: { file: string; line: number }): string => (loc.line > 0 ? `${loc.file}:${loc.line}` : loc.file);

const relatedAt = (loc: { file: string; line: number; column?: number }, message: string): RelatedLocation => ({
  file: loc.file,
  line: loc.line,
  ...(loc.column !== undefined ? { column: loc.column } : {}),
  message,
});

function readersOf(names: readonly string[], readers: ReadonlyMap<string, Reader[]>): { reader: Reader; name: string }[] {
  const out: { reader: Reader; name: string }[] = [];
  const seen = new Set<Query>();
  for (const name of names) {
    for (const reader of readers.get(name) ?? []) {
      if (seen.has(reader.query)) continue;
      seen.add(reader.query);
      out.push({ reader, name });
    }
  }
  return out;
}

function readersSentence(list: readonly { reader: Reader; name: string }[], tail: string): string {
  if (list.length === 0) return "";
  const first = list.slice(0, 3).map(({ reader, name }) => `${describeOrigin(reader.query.origin)} (${where(reader.query.loc)}) reads ${code(name)}`);
  const more = list.length > 3 ? `, and ${list.length - 3} more queries` : "";
  return ` ${capitalise(first.join("; "))}${more}: ${tail}.`;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function missingFinding(m: MissingGroup, live: LiveSnapshot, readers: ReadonlyMap<string, Reader[]>): Finding {
  const { def } = m.group;
  const readBy = readersOf(m.missing, readers);
  const all = m.present.length === 0;
  const promised = nameList(m.group.series.map((s) => s.name));
  const lacks = all ? (m.missing.length === 1 ? "has no such series" : "has none of them") : `lacks ${nameList(m.missing)} (it has ${nameList(m.present)})`;
  let message = `${describeMetric(def)} should be exported as ${promised} (${m.group.exporter}), but ${live.description} ${lacks}: exporter mismatch or metric never emitted since start.`;
  message += readersSentence(readBy, readBy.length === 1 ? "it shows no data while the series is absent" : "they show no data while the series is absent");
  if (m.pairedWith) {
    const f = m.pairedWith;
    message += ` The live system has ${nameList(f.series.map((s) => s.name))} with the same shape and labels instead: most likely this metric under another name (an OpenTelemetry View, an exporter prefix, or another exporter's naming rules).`;
    message += " Fix: make the exported name match the definition, or rename the definition and its queries together.";
  } else {
    message += ` Fix: if it was emitted, the exporter writes it under another name or drops it, so make the two agree; if it was not, ${initialiseHint(def)} so that readers see 0 instead of no series.`;
  }
  const related: RelatedLocation[] = readBy.slice(0, 5).map(({ reader, name }) => relatedAt(reader.query.loc, `${describeOrigin(reader.query.origin)} reads ${name}`));
  if (m.pairedWith) {
    const first = m.pairedWith.series[0]!;
    related.push(relatedAt(first.where, `live: ${first.name}`));
  }
  return {
    rule: "live-series-missing",
    severity: m.pairedWith || alwaysExported(def) ? "error" : "warning",
    message,
    file: def.loc.file,
    line: def.loc.line,
    column: def.loc.column,
    subject: m.missing[0]!,
    related,
  };
}

/** prom-client writes a metric without labels (at 0) from the moment it is created: absent means not exported. */
const alwaysExported = (def: MetricDefinition): boolean => def.instrument?.library === "prom-client" && Array.isArray(def.instrument.labelNames) && def.instrument.labelNames.length === 0;

function initialiseHint(def: MetricDefinition): string {
  if (def.instrument?.library === "prom-client") return "initialise it at startup (prom-client: `.labels(…).inc(0)` or `.zero(labels)` for each label set you expect)";
  if (def.instrument?.library === "opentelemetry") return "record it once at startup (OpenTelemetry exports an instrument only after its first measurement)";
  return "emit it once at startup";
}

function unexpectedFinding(f: UnexpectedFamily, live: LiveSnapshot, contract: LiveContract, readers: ReadonlyMap<string, Reader[]>): Finding {
  const names = f.series.map((s) => s.name);
  const first = f.series[0]!;
  const jobs = [...new Set(f.series.flatMap((s) => [...s.jobs]))].sort();
  const source = jobs.length ? `${live.description} (job ${jobs.map((j) => `"${j}"`).join(", ")})` : live.description;
  const kind = f.type ? ` (${f.type})` : "";
  let message = `${nameList(names)}${kind} ${names.length === 1 ? "is" : "are"} exported by ${source}, but no metric definition, recording rule or known default in the contract explains ${names.length === 1 ? "it" : "them"}.`;
  const readBy = readersOf(names, readers);
  if (readBy.length) message += readersSentence(readBy, "the query works only because of this undeclared series");
  const related: RelatedLocation[] = [];
  let loc: { file: string; line: number; column: number } = { file: first.where.file, line: first.where.line, column: first.where.line > 0 ? 1 : 0 };
  if (f.pairedWith) {
    const m = f.pairedWith;
    message += ` ${names.length === 1 ? "It has" : "The family has"} the shape and labels of ${describeMetric(m.group.def)} (${where(m.group.def.loc)}), whose ${nameList(m.missing)} ${m.missing.length === 1 ? "is" : "are"} missing: the metric is exported under another name than the contract and its readers expect (an OpenTelemetry View, an exporter prefix, or another exporter's naming rules). Fix: make the exported name match the definition, or rename the definition and its queries together.`;
    related.push(relatedAt(first.where, `live: ${first.name}`));
    loc = m.group.def.loc;
  } else {
    const dynamic = contract.dynamicMetrics ?? [];
    if (dynamic.length) {
      const shown = dynamic.slice(0, 3).map((d) => `${where(d.loc)} \`${d.expression}\``).join(", ");
      message += ` The contract has ${dynamic.length === 1 ? "a metric definition whose name is" : `${dynamic.length} metric definitions whose names are`} not known statically (${shown}${dynamic.length > 3 ? ", …" : ""}); if ${dynamic.length === 1 ? "it produces" : "one of them produces"} this series, give it a constant name so that it becomes part of the contract.`;
      for (const d of dynamic.slice(0, 3)) related.push(relatedAt(d.loc, `metric name not known statically: ${d.expression}`));
    }
    message += " Fix: define it where telemetry-drift reads it, list it in `externalSeries` if another library or service exports it, or narrow what is compared (--match with --prometheus).";
  }
  return { rule: "live-series-unexpected", severity: "warning", message, file: loc.file, line: loc.line, column: loc.column, subject: names[0]!, related };
}

function labelFinding(
  group: ContractGroup,
  diff: { missing: string[]; extra: string[]; names: string[]; live: Set<string>; expected: Set<string> },
  live: LiveSnapshot,
  readers: ReadonlyMap<string, Reader[]>,
): Finding {
  const { def } = group;
  const subject = nameList(diff.names);
  const parts: string[] = [];
  if (diff.missing.length) {
    parts.push(`should carry ${diff.missing.length === 1 ? "label" : "labels"} ${nameList(diff.missing)}, but no sample in ${live.description} has ${diff.missing.length === 1 ? "it" : "them"}`);
  }
  if (diff.extra.length) {
    parts.push(`${diff.missing.length ? "and it carries" : "carries"} ${diff.extra.length === 1 ? "label" : "labels"} ${nameList(diff.extra)} that the contract does not declare`);
  }
  let message = `${subject} from ${describeMetric(def)} ${parts.join(", ")} (contract: ${labelList(diff.expected)}; live: ${labelList(diff.live)}).`;
  const using = readersOf(diff.names, readers).filter(({ reader }) => diff.missing.some((l) => reader.labels.has(l)));
  for (const { reader, name } of using.slice(0, 3)) {
    const used = diff.missing.filter((l) => reader.labels.has(l));
    message += ` ${capitalise(describeOrigin(reader.query.origin))} (${where(reader.query.loc)}) uses ${nameList(used)} on ${code(name)} and gets no such label.`;
  }
  if (diff.missing.length) {
    message += ` The label is dropped or renamed at runtime (an OpenTelemetry View or attribute filter, metric relabelling), or the code that sets it has not run yet.`;
  }
  if (diff.extra.length) {
    message += ` Extra labels come from runtime settings the code does not show (prom-client setDefaultLabels, OpenTelemetry resource constant labels, attributes built at runtime) or from relabelling.`;
  }
  message += diff.missing.length
    ? " Fix: keep the label in what the exporter writes, or change the definition's labels and the queries that use them together."
    : " Fix: declare the labels in the definition (labelNames / literal attribute keys), stop adding them, or list relabelling labels in `targetLabels`.";
  const severity: Severity = using.length > 0 ? "error" : "warning";
  return {
    rule: "live-label-mismatch",
    severity,
    message,
    file: def.loc.file,
    line: def.loc.line,
    column: def.loc.column,
    subject: diff.names[0]!,
    related: using.slice(0, 5).map(({ reader, name }) => relatedAt(reader.query.loc, `${describeOrigin(reader.query.origin)} uses ${diff.missing.filter((l) => reader.labels.has(l)).join(", ")} on ${name}`)),
  };
}
