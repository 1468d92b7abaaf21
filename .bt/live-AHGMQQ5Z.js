import{createRequire as __cr}from'module';const require=__cr(import.meta.url);
import {
  ConfigError,
  analyze
} from "./chunk-3RZTKUMN.js";
import "./chunk-53AROVZ3.js";
import "./chunk-RW3XNYNR.js";
import {
  TOOL_NAME,
  TOOL_VERSION,
  compareFindings
} from "./chunk-FNZY25TM.js";
import "./chunk-M4ZV26L2.js";
import {
  colourFor,
  formatFindingGroups
} from "./chunk-KGPL3VXJ.js";
import {
  describeMetric,
  describeOrigin,
  editDistance
} from "./chunk-OACWHI7E.js";
import "./chunk-KOIDW7GI.js";
import "./chunk-M6CLNAAX.js";
import "./chunk-FG2ZX6CO.js";
import "./chunk-QA6RBL5S.js";

// dist/src/cli/live.js
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";

// dist/src/live/compare.js
var TARGET_LABELS = ["job", "instance", "__name__"];
var PROMETHEUS_OWN = [/^up$/, /^scrape_/, /^ALERTS(_FOR_STATE)?$/, /^prometheus_/, /^promhttp_/, /^net_conntrack_/];
var FAMILY_SUFFIXES = ["_bucket", "_count", "_sum"];
function compareLive(contract, live2) {
  const liveByName = indexLive(live2.series);
  const targetLabels = /* @__PURE__ */ new Set([...TARGET_LABELS, ...contract.targetLabels ?? []]);
  const readers = readerIndex(contract.queries);
  const findings = [];
  const groups = /* @__PURE__ */ new Map();
  for (const list of contract.series.values()) {
    for (const s of list) {
      if (s.source.kind !== "metric")
        continue;
      let group = groups.get(s.source.metric);
      if (!group)
        groups.set(s.source.metric, group = { def: s.source.metric, exporter: s.source.exporter, series: [] });
      if (!group.series.some((x) => x.name === s.name))
        group.series.push(s);
    }
  }
  const missingGroups = [];
  for (const group of groups.values())
    group.series.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const group of groups.values()) {
    const names = group.series.map((s) => s.name);
    const missing = names.filter((n) => !liveByName.has(n));
    if (missing.length === 0)
      continue;
    const { base, shape } = familyShape(names);
    const labels = new Set(group.series.flatMap((s) => s.labels));
    missingGroups.push({ group, missing, present: names.filter((n) => liveByName.has(n)), base, shape, labels });
  }
  missingGroups.sort((a, b) => {
    const x = a.group.def.loc;
    const y = b.group.def.loc;
    return x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line || x.column - y.column || (a.base < b.base ? -1 : a.base > b.base ? 1 : 0);
  });
  const explains = explainer(contract);
  const unexplained = [...liveByName.values()].filter((e) => e.inScope && !contract.series.has(e.name) && !explains(e.name, liveByName));
  const families = unexpectedFamilies(unexplained, targetLabels);
  pair(missingGroups, families);
  for (const m of missingGroups)
    findings.push(missingFinding(m, live2, readers));
  for (const f of families)
    findings.push(unexpectedFinding(f, live2, contract, readers));
  for (const group of groups.values()) {
    const diffs = /* @__PURE__ */ new Map();
    for (const s of group.series) {
      const entry = liveByName.get(s.name);
      if (!entry)
        continue;
      const all = contract.series.get(s.name).filter((x) => x.source.kind === "metric");
      if (all.some((x) => x.labelsUnknown))
        continue;
      const expected = new Set(all.flatMap((x) => x.labels).filter((l) => !TARGET_LABELS.includes(l)));
      const liveLabels = new Set([...entry.labels].filter((l) => !TARGET_LABELS.includes(l)));
      const missing = [...expected].filter((l) => !liveLabels.has(l)).sort();
      const extra = [...liveLabels].filter((l) => !expected.has(l) && !targetLabels.has(l)).sort();
      if (missing.length === 0 && extra.length === 0)
        continue;
      const key = `${missing.join(",")}|${extra.join(",")}`;
      const diff = diffs.get(key);
      if (diff)
        diff.names.push(s.name);
      else
        diffs.set(key, { missing, extra, names: [s.name], live: liveLabels, expected });
    }
    for (const diff of diffs.values())
      findings.push(labelFinding(group, diff, live2, readers));
  }
  return findings.sort(compareFindings);
}
function indexLive(series) {
  const out = /* @__PURE__ */ new Map();
  for (const s of series) {
    let entry = out.get(s.name);
    if (!entry) {
      entry = { name: s.name, labels: /* @__PURE__ */ new Set(), where: s.where, jobs: /* @__PURE__ */ new Set(), inScope: false, ...s.family ? { family: s.family } : {}, ...s.type ? { type: s.type } : {} };
      out.set(s.name, entry);
    }
    for (const l of s.labels)
      if (l !== "__name__")
        entry.labels.add(l);
    for (const j of s.jobs ?? [])
      entry.jobs.add(j);
    entry.inScope ||= s.inScope;
  }
  return out;
}
function readerIndex(queries) {
  const index = /* @__PURE__ */ new Map();
  for (const query of queries) {
    const byName = /* @__PURE__ */ new Map();
    for (const selector of query.analysis.selectors) {
      if (!selector.name)
        continue;
      let labels = byName.get(selector.name);
      if (!labels)
        byName.set(selector.name, labels = new Set(query.resultLabels));
      for (const m of selector.matchers)
        labels.add(m.label);
      for (const l of selector.labelsUsed)
        labels.add(l);
    }
    for (const [name, labels] of byName) {
      const list = index.get(name);
      if (list)
        list.push({ query, labels });
      else
        index.set(name, [{ query, labels }]);
    }
  }
  return index;
}
function explainer(contract) {
  const catalog = [...contract.series.values()].flat().filter((s) => s.source.kind === "catalog");
  const defaultPrefixes = /* @__PURE__ */ new Set();
  for (const s of catalog) {
    if (s.source.kind === "catalog" && s.source.description.startsWith("prom-client collectDefaultMetrics") && s.name.endsWith("process_cpu_user_seconds_total")) {
      defaultPrefixes.add(s.name.slice(0, -"process_cpu_user_seconds_total".length));
    }
  }
  const otel = [...contract.series.values()].flat().some((s) => s.source.kind === "metric" && s.source.metric.instrument?.library === "opentelemetry");
  const external = (contract.externalSeries ?? []).map(globRegExp);
  return (name, live2) => {
    if (PROMETHEUS_OWN.some((re) => re.test(name)))
      return true;
    for (const p of defaultPrefixes)
      if (name.startsWith(`${p}process_`) || name.startsWith(`${p}nodejs_`))
        return true;
    if (name === "target_info" && otel)
      return true;
    if (external.some((re) => re.test(name)))
      return true;
    if (name.endsWith("_created")) {
      const base = name.slice(0, -"_created".length);
      if ([base, `${base}_total`, `${base}_count`].some((n) => contract.series.has(n)))
        return true;
      const family = live2.get(name)?.family;
      if (family && family !== name && [family, `${family}_total`, `${family}_count`].some((n) => contract.series.has(n)))
        return true;
    }
    return false;
  };
}
var globRegExp = (glob) => new RegExp(`^${glob.split("*").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
function familyShape(names) {
  const bases = /* @__PURE__ */ new Set();
  const suffixes = [];
  for (const n of names) {
    const suffix = FAMILY_SUFFIXES.find((s) => n.endsWith(s) && names.length > 1) ?? "";
    bases.add(n.slice(0, n.length - suffix.length));
    suffixes.push(suffix);
  }
  if (bases.size !== 1)
    return { base: names[0], shape: names.join(",") };
  return { base: [...bases][0], shape: suffixes.sort().join(",") };
}
function unexpectedFamilies(entries, targetLabels) {
  const byBase = /* @__PURE__ */ new Map();
  const names = new Set(entries.map((e) => e.name));
  for (const e of entries) {
    let base = e.family && e.family !== e.name ? e.family : e.name;
    if (!e.family) {
      const suffix = FAMILY_SUFFIXES.find((s) => e.name.endsWith(s));
      const stem = suffix ? e.name.slice(0, -suffix.length) : void 0;
      if (stem !== void 0 && FAMILY_SUFFIXES.filter((s) => names.has(stem + s)).length >= 2)
        base = stem;
    }
    const list = byBase.get(base);
    if (list)
      list.push(e);
    else
      byBase.set(base, [e]);
  }
  return [...byBase.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([base, series]) => {
    series.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const shape = series.length > 1 ? familyShape(series.map((s) => s.name)).shape : "";
    const labels = new Set(series.flatMap((s) => [...s.labels]).filter((l) => !targetLabels.has(l)));
    const type = series.find((s) => s.type && s.type !== "untyped" && s.type !== "unknown")?.type;
    return { base, series, shape, labels, ...type ? { type } : {} };
  });
}
function pair(missing, families) {
  const candidates = missing.filter((m) => m.present.length === 0);
  const sameSet = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));
  const informative = (m) => m.shape.includes(",") || [...m.labels].some((l) => l !== "le" && l !== "quantile" && !l.startsWith("otel_scope_"));
  const byShape = (m, f) => informative(m) && m.shape === f.shape && sameSet(m.labels, f.labels);
  const byName = (m, f) => {
    const limit = Math.max(2, Math.floor(Math.min(m.base.length, f.base.length) / 6));
    return m.shape === f.shape && editDistance(m.base, f.base, limit) <= limit;
  };
  for (const test of [byShape, byName]) {
    for (const m of candidates) {
      if (m.pairedWith)
        continue;
      const matches = families.filter((f2) => !f2.pairedWith && test(m, f2));
      if (matches.length !== 1)
        continue;
      const f = matches[0];
      if (candidates.filter((other) => !other.pairedWith && test(other, f)).length !== 1)
        continue;
      m.pairedWith = f;
      f.pairedWith = m;
    }
  }
}
var code = (s) => `\`${s}\``;
function nameList(names) {
  const quoted = names.map(code);
  return quoted.length <= 1 ? quoted[0] ?? "" : `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
}
var labelList = (labels) => {
  const sorted = [...labels].sort();
  return sorted.length ? sorted.join(", ") : "none";
};
var where = (loc) => loc.line > 0 ? `${loc.file}:${loc.line}` : loc.file;
var relatedAt = (loc, message) => ({
  file: loc.file,
  line: loc.line,
  ...loc.column !== void 0 ? { column: loc.column } : {},
  message
});
function readersOf(names, readers) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  for (const name of names) {
    for (const reader of readers.get(name) ?? []) {
      if (seen.has(reader.query))
        continue;
      seen.add(reader.query);
      out.push({ reader, name });
    }
  }
  return out;
}
function readersSentence(list, tail) {
  if (list.length === 0)
    return "";
  const first = list.slice(0, 3).map(({ reader, name }) => `${describeOrigin(reader.query.origin)} (${where(reader.query.loc)}) reads ${code(name)}`);
  const more = list.length > 3 ? `, and ${list.length - 3} more queries` : "";
  return ` ${capitalise(first.join("; "))}${more}: ${tail}.`;
}
var capitalise = (s) => s.charAt(0).toUpperCase() + s.slice(1);
function missingFinding(m, live2, readers) {
  const { def } = m.group;
  const readBy = readersOf(m.missing, readers);
  const all = m.present.length === 0;
  const promised = nameList(m.group.series.map((s) => s.name));
  const lacks = all ? m.missing.length === 1 ? "has no such series" : "has none of them" : `lacks ${nameList(m.missing)} (it has ${nameList(m.present)})`;
  let message = `${describeMetric(def)} should be exported as ${promised} (${m.group.exporter}), but ${live2.description} ${lacks}: exporter mismatch or metric never emitted since start.`;
  message += readersSentence(readBy, readBy.length === 1 ? "it shows no data while the series is absent" : "they show no data while the series is absent");
  if (m.pairedWith) {
    const f = m.pairedWith;
    message += ` The live system has ${nameList(f.series.map((s) => s.name))} with the same shape and labels instead: most likely this metric under another name (an OpenTelemetry View, an exporter prefix, or another exporter's naming rules).`;
    message += " Fix: make the exported name match the definition, or rename the definition and its queries together.";
  } else {
    message += ` Fix: if it was emitted, the exporter writes it under another name or drops it, so make the two agree; if it was not, ${initialiseHint(def)} so that readers see 0 instead of no series.`;
  }
  const related = readBy.slice(0, 5).map(({ reader, name }) => relatedAt(reader.query.loc, `${describeOrigin(reader.query.origin)} reads ${name}`));
  if (m.pairedWith) {
    const first = m.pairedWith.series[0];
    related.push(relatedAt(first.where, `live: ${first.name}`));
  }
  return {
    rule: "live-series-missing",
    severity: m.pairedWith || alwaysExported(def) ? "error" : "warning",
    message,
    file: def.loc.file,
    line: def.loc.line,
    column: def.loc.column,
    subject: m.missing[0],
    related
  };
}
var alwaysExported = (def) => def.instrument?.library === "prom-client" && Array.isArray(def.instrument.labelNames) && def.instrument.labelNames.length === 0;
function initialiseHint(def) {
  if (def.instrument?.library === "prom-client")
    return "initialise it at startup (prom-client: `.labels(\u2026).inc(0)` or `.zero(labels)` for each label set you expect)";
  if (def.instrument?.library === "opentelemetry")
    return "record it once at startup (OpenTelemetry exports an instrument only after its first measurement)";
  return "emit it once at startup";
}
function unexpectedFinding(f, live2, contract, readers) {
  const names = f.series.map((s) => s.name);
  const first = f.series[0];
  const jobs = [...new Set(f.series.flatMap((s) => [...s.jobs]))].sort();
  const source = jobs.length ? `${live2.description} (job ${jobs.map((j) => `"${j}"`).join(", ")})` : live2.description;
  const kind = f.type ? ` (${f.type})` : "";
  let message = `${nameList(names)}${kind} ${names.length === 1 ? "is" : "are"} exported by ${source}, but no metric definition, recording rule or known default in the contract explains ${names.length === 1 ? "it" : "them"}.`;
  const readBy = readersOf(names, readers);
  if (readBy.length)
    message += readersSentence(readBy, "the query works only because of this undeclared series");
  const related = [];
  let loc = { file: first.where.file, line: first.where.line, column: first.where.line > 0 ? 1 : 0 };
  if (f.pairedWith) {
    const m = f.pairedWith;
    message += ` ${names.length === 1 ? "It has" : "The family has"} the shape and labels of ${describeMetric(m.group.def)} (${where(m.group.def.loc)}), whose ${nameList(m.missing)} ${m.missing.length === 1 ? "is" : "are"} missing: the metric is exported under another name than the contract and its readers expect (an OpenTelemetry View, an exporter prefix, or another exporter's naming rules). Fix: make the exported name match the definition, or rename the definition and its queries together.`;
    related.push(relatedAt(first.where, `live: ${first.name}`));
    loc = m.group.def.loc;
  } else {
    const dynamic = contract.dynamicMetrics ?? [];
    if (dynamic.length) {
      const shown = dynamic.slice(0, 3).map((d) => `${where(d.loc)} \`${d.expression}\``).join(", ");
      message += ` The contract has ${dynamic.length === 1 ? "a metric definition whose name is" : `${dynamic.length} metric definitions whose names are`} not known statically (${shown}${dynamic.length > 3 ? ", \u2026" : ""}); if ${dynamic.length === 1 ? "it produces" : "one of them produces"} this series, give it a constant name so that it becomes part of the contract.`;
      for (const d of dynamic.slice(0, 3))
        related.push(relatedAt(d.loc, `metric name not known statically: ${d.expression}`));
    }
    message += " Fix: define it where telemetry-drift reads it, list it in `externalSeries` if another library or service exports it, or narrow what is compared (--match with --prometheus).";
  }
  return { rule: "live-series-unexpected", severity: "warning", message, file: loc.file, line: loc.line, column: loc.column, subject: names[0], related };
}
function labelFinding(group, diff, live2, readers) {
  const { def } = group;
  const subject = nameList(diff.names);
  const parts = [];
  if (diff.missing.length) {
    parts.push(`should carry ${diff.missing.length === 1 ? "label" : "labels"} ${nameList(diff.missing)}, but no sample in ${live2.description} has ${diff.missing.length === 1 ? "it" : "them"}`);
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
  message += diff.missing.length ? " Fix: keep the label in what the exporter writes, or change the definition's labels and the queries that use them together." : " Fix: declare the labels in the definition (labelNames / literal attribute keys), stop adding them, or list relabelling labels in `targetLabels`.";
  const severity = using.length > 0 ? "error" : "warning";
  return {
    rule: "live-label-mismatch",
    severity,
    message,
    file: def.loc.file,
    line: def.loc.line,
    column: def.loc.column,
    subject: diff.names[0],
    related: using.slice(0, 5).map(({ reader, name }) => relatedAt(reader.query.loc, `${describeOrigin(reader.query.origin)} uses ${diff.missing.filter((l) => reader.labels.has(l)).join(", ")} on ${name}`))
  };
}

// dist/src/live/prometheus-api.js
import { createReadStream } from "node:fs";

// dist/src/live/exposition.js
var TYPES = /* @__PURE__ */ new Set(["counter", "gauge", "histogram", "gaugehistogram", "summary", "untyped", "unknown", "info", "stateset"]);
var SUFFIXES = {
  counter: ["_total", "_created"],
  histogram: ["_bucket", "_count", "_sum", "_created"],
  gaugehistogram: ["_bucket", "_gcount", "_gsum"],
  summary: ["_count", "_sum", "_created"],
  info: ["_info"]
};
var ALL_SUFFIXES = ["_bucket", "_count", "_sum", "_total", "_created", "_gcount", "_gsum", "_info"];
var NAME_START = /[a-zA-Z_:]/;
var NAME_CHAR = /[a-zA-Z0-9_:]/;
var LABEL_START = /[a-zA-Z_]/;
var LABEL_CHAR = /[a-zA-Z0-9_]/;
var FLOAT = /^(?:[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?|0x(?:[0-9a-f]+(?:\.[0-9a-f]*)?|\.[0-9a-f]+)(?:p[+-]?\d+)?|inf(?:inity)?)|nan)$/i;
var TIMESTAMP = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
var ParseError = class {
  column;
  message;
  constructor(column, message) {
    this.column = column;
    this.message = message;
  }
};
var Line = class {
  text;
  pos = 0;
  constructor(text) {
    this.text = text;
  }
  get done() {
    return this.pos >= this.text.length;
  }
  peek() {
    return this.text[this.pos] ?? "";
  }
  fail(message, at = this.pos) {
    throw new ParseError(at + 1, message);
  }
  skipBlanks() {
    const start = this.pos;
    while (this.peek() === " " || this.peek() === "	")
      this.pos++;
    return this.pos - start;
  }
  /** `[a-zA-Z_:][a-zA-Z0-9_:]*` or a quoted UTF-8 name. */
  metricName(what) {
    if (this.peek() === '"')
      return this.quoted(what);
    return this.identifier(NAME_START, NAME_CHAR, what);
  }
  labelName() {
    if (this.peek() === '"')
      return this.quoted("label name");
    return this.identifier(LABEL_START, LABEL_CHAR, "label name");
  }
  identifier(start, rest, what) {
    const begin = this.pos;
    if (!start.test(this.peek()))
      this.fail(this.done ? `expected a ${what}, found the end of the line` : `expected a ${what}, found ${show(this.peek())}`);
    this.pos++;
    while (!this.done && rest.test(this.peek()))
      this.pos++;
    return this.text.slice(begin, this.pos);
  }
  /** A double-quoted string with `\\`, `\"` and `\n` escapes (any other escaped character is kept as is). */
  quoted(what) {
    const begin = this.pos;
    if (this.peek() !== '"')
      this.fail(`expected a quoted ${what}, found ${this.done ? "the end of the line" : show(this.peek())}`);
    this.pos++;
    let out = "";
    while (!this.done) {
      const c = this.text[this.pos++];
      if (c === '"')
        return out;
      if (c === "\\") {
        if (this.done)
          break;
        const e = this.text[this.pos++];
        out += e === "n" ? "\n" : e;
      } else
        out += c;
    }
    this.fail(`unterminated quoted ${what}`, begin);
  }
  /** The next run of non-blank characters. */
  token() {
    const begin = this.pos;
    while (!this.done && this.peek() !== " " && this.peek() !== "	")
      this.pos++;
    return this.text.slice(begin, this.pos);
  }
};
var show = (c) => c === "" ? "the end of the line" : JSON.stringify(c);
function parseExposition(text) {
  try {
    return parse(text);
  } catch (error) {
    return { ok: false, error: { line: 1, column: 1, message: `internal parser error: ${error instanceof Error ? error.message : String(error)}` } };
  }
}
function parse(text) {
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "")
    lines.pop();
  const families = /* @__PURE__ */ new Map();
  const typed = /* @__PURE__ */ new Set();
  const series = /* @__PURE__ */ new Map();
  let samples = 0;
  let eofLine = 0;
  const family = (name, line) => {
    let f = families.get(name);
    if (!f)
      families.set(name, f = { name, type: "untyped", line });
    return f;
  };
  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const raw = lines[index].endsWith("\r") ? lines[index].slice(0, -1) : lines[index];
    try {
      if (eofLine) {
        if (raw.trim() !== "")
          throw new ParseError(1, `unexpected content after "# EOF" (line ${eofLine})`);
        continue;
      }
      if (raw.trim() === "")
        continue;
      const line = new Line(raw);
      line.skipBlanks();
      if (line.peek() === "#") {
        const directive = comment(line);
        if (!directive)
          continue;
        if (directive.kind === "EOF") {
          eofLine = lineNo;
          continue;
        }
        const f = family(directive.name, lineNo);
        if (directive.kind === "TYPE") {
          if (typed.has(directive.name))
            line.fail(`second TYPE line for metric family "${directive.name}"`, directive.valueAt);
          if (!TYPES.has(directive.value))
            line.fail(`unknown metric type "${directive.value}" (expected counter, gauge, histogram, summary, untyped or an OpenMetrics type)`, directive.valueAt);
          typed.add(directive.name);
          f.type = directive.value;
        } else if (directive.kind === "HELP") {
          f.help ??= directive.value;
        } else {
          f.unit ??= directive.value;
        }
        continue;
      }
      const sample = sampleLine(line);
      samples++;
      let entry = series.get(sample.name);
      if (!entry) {
        const owner = familyOf(sample.name, families, typed);
        entry = { name: sample.name, family: owner?.name ?? sample.name, type: owner?.type ?? "untyped", labelNames: [], labelSets: [], line: lineNo, samples: 0, sets: /* @__PURE__ */ new Set(), names: /* @__PURE__ */ new Set() };
        series.set(sample.name, entry);
      }
      entry.samples++;
      const sorted = [...sample.labels].sort();
      const key = sorted.join(",");
      if (!entry.sets.has(key)) {
        entry.sets.add(key);
        entry.labelSets.push(sorted);
      }
      for (const l of sorted)
        entry.names.add(l);
    } catch (error) {
      if (error instanceof ParseError)
        return { ok: false, error: { line: lineNo, column: error.column, message: error.message } };
      throw error;
    }
  }
  return {
    ok: true,
    exposition: {
      format: eofLine ? "openmetrics" : "text",
      families: [...families.values()],
      series: [...series.values()].map(({ sets: _sets, names, ...rest }) => ({ ...rest, labelNames: [...names].sort() })),
      samples
    }
  };
}
function comment(line) {
  line.pos++;
  if (line.skipBlanks() === 0)
    return void 0;
  const keywordAt = line.pos;
  const keyword = line.token();
  if (keyword === "EOF" && line.text.slice(line.pos).trim() === "")
    return { kind: "EOF" };
  if (keyword !== "HELP" && keyword !== "TYPE" && keyword !== "UNIT")
    return void 0;
  if (line.skipBlanks() === 0)
    line.fail(`expected a metric name after "# ${keyword}"`, line.done ? line.pos : keywordAt + keyword.length);
  const name = line.metricName("metric name");
  if (!line.done && line.skipBlanks() === 0)
    line.fail(`expected a blank after the metric name in "# ${keyword}", found ${show(line.peek())}`);
  const valueAt = line.pos;
  const rest = line.text.slice(line.pos);
  if (keyword === "HELP")
    return { kind: "HELP", name, value: unescapeHelp(rest), valueAt };
  const value = rest.trim();
  if (keyword === "TYPE" && value === "")
    line.fail(`expected a metric type after "# TYPE ${name}"`);
  return { kind: keyword, name, value, valueAt };
}
var unescapeHelp = (text) => text.replace(/\\(.)/g, (_, c) => c === "n" ? "\n" : c);
function sampleLine(line) {
  let name;
  const labels = [];
  if (line.peek() !== "{") {
    if (line.peek() === '"')
      line.fail('a quoted metric name must be written inside the braces: {"name", \u2026}');
    name = line.metricName("metric name");
    const afterName = line.pos;
    line.skipBlanks();
    if (line.peek() !== "{")
      line.pos = afterName;
  }
  if (line.peek() === "{") {
    const open = line.pos;
    line.pos++;
    const seen = /* @__PURE__ */ new Set();
    for (; ; ) {
      line.skipBlanks();
      if (line.peek() === "}") {
        line.pos++;
        break;
      }
      if (line.done)
        line.fail("unterminated label set: missing }", open);
      const at = line.pos;
      const label = line.labelName();
      line.skipBlanks();
      if (line.peek() !== "=" && name === void 0 && line.text[at] === '"' && labels.length === 0) {
        name = label;
      } else {
        if (line.peek() !== "=")
          line.fail(`expected "=" after label name "${label}", found ${show(line.peek())}`);
        line.pos++;
        line.skipBlanks();
        line.quoted(`value of label "${label}"`);
        if (seen.has(label))
          line.fail(`label "${label}" appears twice`, at);
        if (label === "__name__")
          line.fail('"__name__" cannot be given as a label in an exposition', at);
        seen.add(label);
        labels.push(label);
      }
      line.skipBlanks();
      if (line.peek() === ",") {
        line.pos++;
        continue;
      }
      if (line.peek() === "}")
        continue;
      line.fail(`expected "," or "}" in the label set, found ${show(line.peek())}`);
    }
  }
  if (name === void 0)
    line.fail("a sample needs a metric name", 0);
  if (line.skipBlanks() === 0)
    line.fail(line.done ? `missing value for sample "${name}"` : `expected a blank before the value, found ${show(line.peek())}`);
  const valueAt = line.pos;
  const value = line.token();
  if (value === "")
    line.fail(`missing value for sample "${name}"`);
  if (!FLOAT.test(value))
    line.fail(`invalid sample value "${value}"`, valueAt);
  line.skipBlanks();
  if (!line.done && line.peek() !== "#") {
    const tsAt = line.pos;
    const timestamp = line.token();
    if (!TIMESTAMP.test(timestamp))
      line.fail(`invalid timestamp "${timestamp}"`, tsAt);
    line.skipBlanks();
  }
  if (!line.done) {
    if (line.peek() !== "#")
      line.fail(`unexpected ${show(line.peek())} after the sample value`);
    exemplar(line);
  }
  return { name, labels };
}
function exemplar(line) {
  line.pos++;
  line.skipBlanks();
  if (line.peek() !== "{")
    line.fail(`expected an exemplar label set after "#", found ${show(line.peek())}`);
  line.pos++;
  for (; ; ) {
    line.skipBlanks();
    if (line.peek() === "}") {
      line.pos++;
      break;
    }
    if (line.done)
      line.fail("unterminated exemplar label set");
    const label = line.labelName();
    line.skipBlanks();
    if (line.peek() !== "=")
      line.fail(`expected "=" after exemplar label "${label}"`);
    line.pos++;
    line.skipBlanks();
    line.quoted(`value of exemplar label "${label}"`);
    line.skipBlanks();
    if (line.peek() === ",")
      line.pos++;
    else if (line.peek() !== "}")
      line.fail(`expected "," or "}" in the exemplar label set, found ${show(line.peek())}`);
  }
  line.skipBlanks();
  const at = line.pos;
  const value = line.token();
  if (!FLOAT.test(value))
    line.fail(value ? `invalid exemplar value "${value}"` : "missing exemplar value", at);
  line.skipBlanks();
  if (!line.done) {
    const tsAt = line.pos;
    const ts = line.token();
    if (!TIMESTAMP.test(ts))
      line.fail(`invalid exemplar timestamp "${ts}"`, tsAt);
    line.skipBlanks();
    if (!line.done)
      line.fail(`unexpected ${show(line.peek())} after the exemplar`);
  }
}
function familyOf(sample, families, typed) {
  const own = families.get(sample);
  if (own && (typed.has(sample) || !ALL_SUFFIXES.some((s) => sample.endsWith(s))))
    return own;
  for (const suffix of ALL_SUFFIXES) {
    if (!sample.endsWith(suffix))
      continue;
    const base = families.get(sample.slice(0, -suffix.length));
    if (base && typed.has(base.name) && SUFFIXES[base.type]?.includes(suffix))
      return base;
  }
  return own;
}

// dist/src/live/snapshot.js
function snapshotFromExposition(exposition, file, description) {
  return {
    kind: "scrape",
    description,
    scope: `every series of ${description}`,
    series: exposition.series.map((s) => ({
      name: s.name,
      labels: s.labelNames,
      family: s.family,
      type: s.type,
      where: { file, line: s.line },
      inScope: true
    }))
  };
}
function mergeSnapshots(snapshots) {
  if (snapshots.length === 1)
    return snapshots[0];
  return {
    kind: snapshots.every((s) => s.kind === "prometheus") ? "prometheus" : "scrape",
    description: `the live system (${snapshots.map((s) => s.description).join(", ")})`,
    scope: snapshots.map((s) => s.scope).filter(Boolean).join("; "),
    series: snapshots.flatMap((s) => s.series)
  };
}

// dist/src/live/prometheus-api.js
var LiveSourceError = class extends Error {
};
var SCRAPE_ACCEPT = "text/plain;version=0.0.4;q=0.9,application/openmetrics-text;version=1.0.0;q=0.5,*/*;q=0.1";
function parseHeader(text) {
  const colon = text.indexOf(":");
  if (colon <= 0)
    return void 0;
  const name = text.slice(0, colon).trim();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    return void 0;
  return [name, text.slice(colon + 1).trim()];
}
function displayUrl(url) {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}
function failureReason(error, timeoutMs) {
  const e = error;
  if (e?.name === "TimeoutError" || e?.name === "AbortError")
    return `timed out after ${timeoutMs} ms`;
  let cause = e?.cause;
  if (cause?.name === "TimeoutError" || cause?.name === "AbortError")
    return `timed out after ${timeoutMs} ms`;
  if (cause?.errors?.length)
    cause = cause.errors[0];
  const text = cause?.message || e?.message || String(error);
  const code2 = cause?.code && !text.includes(cause.code) ? `${cause.code}: ` : "";
  return oneLine(`${code2}${text}`);
}
var oneLine = (text, max = 300) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}\u2026` : flat;
};
async function httpGet(url, options, accept) {
  const headers = { Accept: accept, ...options.headers };
  if (url.username || url.password) {
    const hasAuth = Object.keys(options.headers).some((h) => h.toLowerCase() === "authorization");
    if (!hasAuth)
      headers.Authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64")}`;
    url = new URL(url);
    url.username = "";
    url.password = "";
  }
  let response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (error) {
    throw new LiveSourceError(`cannot reach ${displayUrl(url)}: ${failureReason(error, options.timeoutMs)}`);
  }
  let text;
  try {
    text = await response.text();
  } catch (error) {
    throw new LiveSourceError(`reading the response of ${displayUrl(url)} failed: ${failureReason(error, options.timeoutMs)}`);
  }
  if (!response.ok) {
    let detail = oneLine(text, 200);
    try {
      const body = JSON.parse(text);
      if (typeof body?.error === "string")
        detail = oneLine(body.error, 200);
    } catch {
    }
    throw new LiveSourceError(`${displayUrl(url)} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}${detail ? `: ${detail}` : ""}`);
  }
  return text;
}
async function apiGet(url, options) {
  const text = await httpGet(url, options, "application/json");
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new LiveSourceError(`${displayUrl(url)} did not answer JSON (is this a Prometheus server? got: ${oneLine(text, 80) || "an empty body"})`);
  }
  if (body?.status !== "success") {
    throw new LiveSourceError(`${displayUrl(url)} answered status ${JSON.stringify(body?.status)}${typeof body?.error === "string" ? `: ${oneLine(body.error, 200)}` : ""}`);
  }
  return body.data;
}
function endpoint(base, path, params) {
  const url = new URL(path, base.href.endsWith("/") ? base.href : `${base.href}/`);
  for (const [k, v] of params)
    url.searchParams.append(k, v);
  return url;
}
var regexLiteral = (name) => name.replace(/[\\.^$|?*+()[\]{}]/g, "\\$&").replace(/\\/g, "\\\\").replace(/"/g, '\\"');
var promqlString = (value) => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
var encodedLength = (text) => new URLSearchParams([["", text]]).toString().length - 1;
function nameSelectors(names, maxLength, fixedLength = 0) {
  const overhead = fixedLength + encodedLength("match[]") + 1 + encodedLength('{__name__=~""}');
  const separator = encodedLength("|");
  const out = [];
  let current = [];
  let length = 0;
  const flush = () => {
    if (current.length)
      out.push(`{__name__=~"${current.join("|")}"}`);
    current = [];
    length = 0;
  };
  for (const name of names) {
    const literal = regexLiteral(name);
    const part = encodedLength(literal);
    if (current.length && overhead + length + separator + part > maxLength)
      flush();
    length += (current.length ? separator : 0) + part;
    current.push(literal);
  }
  flush();
  return out;
}
async function seriesFor(base, selectors, range, options) {
  const out = [];
  for (const selector of selectors) {
    const url = endpoint(base, "api/v1/series", [["match[]", selector], ...range]);
    const data = await apiGet(url, options);
    if (!Array.isArray(data))
      throw new LiveSourceError(`${displayUrl(url)}: expected a list of series in "data"`);
    for (const item of data)
      if (item && typeof item === "object")
        out.push(item);
  }
  return out;
}
async function readPrometheus(baseUrl, contractNames, options) {
  const base = new URL(baseUrl);
  const now = options.now ?? Math.floor(Date.now() / 1e3);
  const range = [["start", String(now - options.lookbackSeconds)]];
  const maxUrl = options.maxUrlLength ?? 4e3;
  const namesUrl = endpoint(base, "api/v1/label/__name__/values", range);
  const namesData = await apiGet(namesUrl, options);
  if (!Array.isArray(namesData))
    throw new LiveSourceError(`${displayUrl(namesUrl)}: expected a list of names in "data"`);
  const existing = new Set(namesData.filter((n) => typeof n === "string"));
  const present = [...new Set(contractNames)].filter((n) => existing.has(n)).sort();
  let contractSeries = [];
  let scopeSelectors;
  let scope;
  if (options.match.length) {
    scopeSelectors = options.match;
    scope = `series matching ${options.match.join(", ")}`;
  } else {
    const fixed = endpoint(base, "api/v1/series", range).href.length + 1;
    contractSeries = await seriesFor(base, nameSelectors(present, maxUrl, fixed), range, options);
    const jobs = [...new Set(contractSeries.map((s) => s.job).filter((j) => typeof j === "string"))].sort();
    scopeSelectors = jobs.map((j) => `{job=${promqlString(j)}}`);
    scope = jobs.length ? `series of ${jobs.length === 1 ? "job" : "jobs"} ${jobs.map((j) => `"${j}"`).join(", ")} (the ${jobs.length === 1 ? "job" : "jobs"} exporting contract series)` : "nothing: no contract series found and no --match given";
  }
  const scoped = await seriesFor(base, scopeSelectors, range, options);
  const display = displayUrl(base).replace(/\/$/, "");
  const toLive = (labels, inScope) => ({
    name: labels.__name__ ?? "",
    labels: Object.keys(labels).filter((l) => l !== "__name__").sort(),
    where: { file: display, line: 0 },
    ...typeof labels.job === "string" ? { jobs: [labels.job] } : {},
    inScope
  });
  const series = [...contractSeries.map((s) => toLive(s, false)), ...scoped.map((s) => toLive(s, true))].filter((s) => s.name !== "");
  return { kind: "prometheus", description: `Prometheus at ${display}`, series, scope };
}
async function readScrapeUrl(url, options) {
  const target = new URL(url);
  const text = await httpGet(target, options, SCRAPE_ACCEPT);
  const display = displayUrl(target);
  return snapshotFromText(text, display, `the scrape of ${display}`);
}
var MAX_SCRAPE_BYTES = 256 * 1024 * 1024;
async function readScrapeFile(path) {
  let text;
  try {
    text = path === "-" ? await readStdin() : await readLimited(path);
  } catch (error) {
    if (error instanceof LiveSourceError)
      throw error;
    const code2 = error.code;
    throw new LiveSourceError(`${path}: cannot read the metrics file (${code2 === "ENOENT" ? "no such file" : code2 ?? error.message})`);
  }
  return snapshotFromText(text, path, path === "-" ? "the scrape on standard input" : `the scrape ${path}`);
}
function snapshotFromText(text, file, description) {
  const parsed = parseExposition(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    throw new LiveSourceError(`${file}:${line}:${column}: not a valid Prometheus exposition: ${message}`);
  }
  return snapshotFromExposition(parsed.exposition, file, description);
}
async function readStdin() {
  return collectLimited(process.stdin, "-");
}
async function readLimited(path) {
  return collectLimited(createReadStream(path), path);
}
async function collectLimited(stream, path) {
  const chunks = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = chunk;
    size += buffer.length;
    if (size > MAX_SCRAPE_BYTES) {
      stream.destroy?.();
      throw new LiveSourceError(`${path}: the metrics file is over ${MAX_SCRAPE_BYTES / (1024 * 1024)} MiB, too big for a scrape`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

// dist/src/live/report.js
function liveReport(findings, live2, contractSeries) {
  return {
    version: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    root: ".",
    live: {
      source: live2.kind,
      description: live2.description,
      ...live2.scope ? { scope: live2.scope } : {},
      series: new Set(live2.series.map((s) => s.name)).size,
      contractSeries
    },
    findings,
    summary: {
      error: findings.filter((f) => f.severity === "error").length,
      warning: findings.filter((f) => f.severity === "warning").length,
      info: findings.filter((f) => f.severity === "info").length
    }
  };
}
var formatLiveJson = (report) => `${JSON.stringify(report, null, 2)}
`;
function formatLivePretty(report, chalk) {
  const { lines: out } = formatFindingGroups(report.findings, chalk);
  const { error, warning } = report.summary;
  const counts = `${error} ${error === 1 ? "error" : "errors"}, ${warning} ${warning === 1 ? "warning" : "warnings"}`;
  const live2 = report.live;
  const mark = error ? chalk.red("\u2716") : warning ? chalk.yellow("\u26A0") : chalk.green("\u2714");
  out.push(`${mark} ${counts}; ${live2.contractSeries} contract series compared with ${live2.series} live series from ${live2.description}`);
  if (live2.scope)
    out.push(chalk.dim(`  unexpected series searched among: ${live2.scope}`));
  return `${out.join("\n")}
`;
}

// dist/src/cli/live.js
var HELP = `Usage: telemetry-drift live [path] (--prometheus URL | --metrics-url URL\u2026 | --metrics-file FILE\u2026) [options]

Compares the static contract of the project at [path] (default: the current directory) with a running
system: series the contract promises but the system lacks, live series the contract does not explain,
and label names that differ.

Sources (one kind):
      --prometheus <url>     a Prometheus server (its HTTP API: /api/v1/label/__name__/values, /api/v1/series)
      --metrics-url <url>    scrape a /metrics endpoint once; repeatable (e.g. prom-client and OpenTelemetry endpoints)
      --metrics-file <file>  a saved scrape (Prometheus text format or OpenMetrics; "-" for stdin); repeatable

Options:
      --match <selector>     with --prometheus: the series that make up the live system, e.g. '{job="shop"}';
                             repeatable (default: contract series from any job; unexpected ones among their jobs)
      --header <'Name: v'>   an HTTP header for --prometheus / --metrics-url, e.g. 'Authorization: Bearer \u2026'; repeatable
      --timeout <ms>         per HTTP request (default 10000)
      --lookback <duration>  with --prometheus: series seen in this window count as live (default 1h; e.g. 15m, 2h, 1d)
  -f, --format <name>        pretty (default) or json
      --fail-on <level>      exit 1 when a finding is at or above: error (default), warning, never
  -c, --config <file>        config file (default: telemetry-drift.config.json or package.json#telemetryDrift)
  -h, --help                 print this help

Exit codes: 0 no finding at --fail-on level, 1 findings, 2 usage, configuration or source error.`;
var UsageError = class extends Error {
};
var processIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTTY: process.stdout.isTTY === true
};
var FAIL_ON = ["error", "warning", "never"];
async function runLive(argv, io = processIO) {
  try {
    return await live(argv, io);
  } catch (error) {
    const known = error instanceof UsageError || error instanceof ConfigError || error instanceof LiveSourceError;
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`telemetry-drift live: ${known ? message.split("\n")[0] : `internal error: ${message.split("\n")[0]}`}
`);
    if (!known && process.env.TELEMETRY_DRIFT_DEBUG && error instanceof Error)
      io.stderr(`${error.stack}
`);
    return 2;
  }
}
async function live(argv, io) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        prometheus: { type: "string" },
        "metrics-url": { type: "string", multiple: true },
        "metrics-file": { type: "string", multiple: true },
        match: { type: "string", multiple: true },
        header: { type: "string", multiple: true },
        timeout: { type: "string" },
        lookback: { type: "string" },
        format: { type: "string", short: "f" },
        "fail-on": { type: "string" },
        config: { type: "string", short: "c" },
        help: { type: "boolean", short: "h" }
      }
    });
  } catch (error) {
    throw new UsageError(`${error.message.split("\n")[0]} (see live --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${HELP}
`);
    return 0;
  }
  const urls = values["metrics-url"] ?? [];
  const files = values["metrics-file"] ?? [];
  const sources = (values.prometheus !== void 0 ? 1 : 0) + (urls.length || files.length ? 1 : 0);
  if (sources === 0)
    throw new UsageError("give a live source: --prometheus URL, --metrics-url URL or --metrics-file FILE (see live --help)");
  if (sources > 1)
    throw new UsageError("--prometheus cannot be combined with --metrics-url / --metrics-file");
  if (values.prometheus === void 0 && values.match?.length)
    throw new UsageError("--match applies to --prometheus only");
  if (values.prometheus === void 0 && values.lookback !== void 0)
    throw new UsageError("--lookback applies to --prometheus only");
  if (values.prometheus === void 0 && urls.length === 0 && values.header?.length)
    throw new UsageError("--header applies to --prometheus and --metrics-url only");
  for (const url of [values.prometheus, ...urls])
    if (url !== void 0)
      checkUrl(url);
  const format = values.format ?? "pretty";
  if (format !== "pretty" && format !== "json")
    throw new UsageError(`unknown --format "${format}" (expected pretty or json)`);
  const failOn = values["fail-on"] ?? "error";
  if (!FAIL_ON.includes(failOn))
    throw new UsageError(`unknown --fail-on "${failOn}" (expected ${FAIL_ON.join(", ")})`);
  const timeoutMs = values.timeout === void 0 ? 1e4 : Number(values.timeout);
  if (!/^\d+$/.test(values.timeout ?? "1") || !Number.isSafeInteger(timeoutMs) || timeoutMs <= 0)
    throw new UsageError(`--timeout expects a positive number of milliseconds, got "${values.timeout}"`);
  const lookbackSeconds = values.lookback === void 0 ? 3600 : parseDuration(values.lookback);
  const headers = {};
  for (const h of values.header ?? []) {
    const header = parseHeader(h);
    if (!header)
      throw new UsageError(`--header expects 'Name: value', got "${h}"`);
    headers[header[0]] = header[1];
  }
  if (positionals.length > 1)
    throw new UsageError(`expected at most one project folder, got ${positionals.length} (${positionals.join(", ")})`);
  const root = resolve(positionals[0] ?? ".");
  if (!existsSync(root) || !statSync(root).isDirectory())
    throw new UsageError(`${positionals[0]}: not a directory`);
  for (const f of files)
    if (f !== "-" && !existsSync(f))
      throw new UsageError(`--metrics-file ${f}: no such file`);
  const { graph, config } = await analyze({ root, ...values.config ? { configPath: resolve(values.config) } : {} });
  const metricNames = [...graph.series.entries()].filter(([, list]) => list.some((s) => s.source.kind === "metric")).map(([name]) => name);
  let snapshot;
  if (values.prometheus !== void 0) {
    snapshot = await readPrometheus(values.prometheus, metricNames, { headers, timeoutMs, match: values.match ?? [], lookbackSeconds });
  } else {
    const snapshots = [];
    for (const url of urls)
      snapshots.push(await readScrapeUrl(url, { headers, timeoutMs }));
    for (const file of files)
      snapshots.push(await readScrapeFile(file));
    snapshot = mergeSnapshots(snapshots);
  }
  const findings = compareLive({
    series: graph.series,
    queries: graph.queries,
    dynamicMetrics: graph.dynamicMetrics,
    externalSeries: config.config.externalSeries ?? [],
    targetLabels: graph.targetLabels
  }, snapshot);
  const report = liveReport(findings, snapshot, metricNames.length);
  io.stdout(format === "json" ? formatLiveJson(report) : formatLivePretty(report, colourFor(process.env, io.isTTY === true)));
  if (failOn === "never")
    return 0;
  const order = ["info", "warning", "error"];
  const threshold = order.indexOf(failOn);
  return findings.some((f) => order.indexOf(f.severity) >= threshold) ? 1 : 0;
}
function checkUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`"${url}" is not a URL (expected e.g. http://127.0.0.1:9090)`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new UsageError(`"${url}": only http and https URLs are supported`);
}
function parseDuration(text) {
  const units = { ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536e3 };
  const re = /(\d+)(ms|s|m|h|d|w|y)/y;
  let total = 0;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m)
      break;
    total += Number(m[1]) * units[m[2]];
    pos = re.lastIndex;
  }
  if (text === "" || pos !== text.length || total < 1)
    throw new UsageError(`--lookback expects a duration such as 15m, 2h or 1d, got "${text}"`);
  return Math.round(total);
}
export {
  parseDuration,
  runLive
};
