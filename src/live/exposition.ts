// The Prometheus text exposition format (0.0.4), tolerant of OpenMetrics 1.0 (`# UNIT`, `# EOF`,
// `_created` samples, exemplars, float timestamps) and of quoted UTF-8 metric and label names:
// text → families (name, type) and, per sample name, the label-name sets it carries. Values are
// validated but not kept: `live` compares names and label names only. Never throws: malformed input
// gives `{ ok: false, error }` with the 1-based line and column of the first problem.

export type FamilyType = "counter" | "gauge" | "histogram" | "gaugehistogram" | "summary" | "untyped" | "unknown" | "info" | "stateset";

const TYPES: ReadonlySet<string> = new Set<FamilyType>(["counter", "gauge", "histogram", "gaugehistogram", "summary", "untyped", "unknown", "info", "stateset"]);

/** Sample-name suffixes a family of each type may use (besides the bare family name). */
const SUFFIXES: Partial<Record<FamilyType, readonly string[]>> = {
  counter: ["_total", "_created"],
  histogram: ["_bucket", "_count", "_sum", "_created"],
  gaugehistogram: ["_bucket", "_gcount", "_gsum"],
  summary: ["_count", "_sum", "_created"],
  info: ["_info"],
};
const ALL_SUFFIXES = ["_bucket", "_count", "_sum", "_total", "_created", "_gcount", "_gsum", "_info"];

export interface ExpositionFamily {
  name: string;
  type: FamilyType;
  help?: string;
  unit?: string;
  /** Line of its first `# HELP` / `# TYPE` / `# UNIT`. */
  line: number;
}

/** Every sample with one name, e.g. `http_duration_seconds_bucket`. */
export interface ExpositionSeries {
  name: string;
  /** The family it belongs to (`http_duration_seconds`); the name itself when no TYPE line claims it. */
  family: string;
  /** The family's type; `untyped` when there is no TYPE line. */
  type: FamilyType;
  /** Label names seen on any sample, sorted. */
  labelNames: string[];
  /** The distinct label-name sets of its samples, each sorted, in order of first appearance. */
  labelSets: string[][];
  /** Line of its first sample. */
  line: number;
  samples: number;
}

export interface Exposition {
  /** `openmetrics` when the text ends with `# EOF`. */
  format: "text" | "openmetrics";
  families: ExpositionFamily[];
  /** In order of first appearance. */
  series: ExpositionSeries[];
  samples: number;
}

export interface ExpositionError {
  line: number;
  column: number;
  message: string;
}

export type ExpositionResult = { ok: true; exposition: Exposition } | { ok: false; error: ExpositionError };

const NAME_START = /[a-zA-Z_:]/;
const NAME_CHAR = /[a-zA-Z0-9_:]/;
const LABEL_START = /[a-zA-Z_]/;
const LABEL_CHAR = /[a-zA-Z0-9_]/;
/** Go's strconv.ParseFloat as Prometheus uses it: decimal, hex mantissa, ±Inf/Infinity, NaN (any case). */
const FLOAT = /^(?:[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?|0x(?:[0-9a-f]+(?:\.[0-9a-f]*)?|\.[0-9a-f]+)(?:p[+-]?\d+)?|inf(?:inity)?)|nan)$/i;
/** Text format: int64 milliseconds; OpenMetrics: float seconds. */
const TIMESTAMP = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

class ParseError {
  constructor(
    readonly column: number,
    readonly message: string,
  ) {}
}

/** A cursor over one line; positions are 0-based, reported 1-based. */
class Line {
  pos = 0;
  constructor(readonly text: string) {}
  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text[this.pos] ?? "";
  }
  fail(message: string, at = this.pos): never {
    throw new ParseError(at + 1, message);
  }
  skipBlanks(): number {
    const start = this.pos;
    while (this.peek() === " " || this.peek() === "\t") this.pos++;
    return this.pos - start;
  }
  /** `[a-zA-Z_:][a-zA-Z0-9_:]*` or a quoted UTF-8 name. */
  metricName(what: string): string {
    if (this.peek() === '"') return this.quoted(what);
    return this.identifier(NAME_START, NAME_CHAR, what);
  }
  labelName(): string {
    if (this.peek() === '"') return this.quoted("label name");
    return this.identifier(LABEL_START, LABEL_CHAR, "label name");
  }
  identifier(start: RegExp, rest: RegExp, what: string): string {
    const begin = this.pos;
    if (!start.test(this.peek())) this.fail(this.done ? `expected a ${what}, found the end of the line` : `expected a ${what}, found ${show(this.peek())}`);
    this.pos++;
    while (!this.done && rest.test(this.peek())) this.pos++;
    return this.text.slice(begin, this.pos);
  }
  /** A double-quoted string with `\\`, `\"` and `\n` escapes (any other escaped character is kept as is). */
  quoted(what: string): string {
    const begin = this.pos;
    if (this.peek() !== '"') this.fail(`expected a quoted ${what}, found ${this.done ? "the end of the line" : show(this.peek())}`);
    this.pos++;
    let out = "";
    while (!this.done) {
      const c = this.text[this.pos++]!;
      if (c === '"') return out;
      if (c === "\\") {
        if (this.done) break;
        const e = this.text[this.pos++]!;
        out += e === "n" ? "\n" : e;
      } else out += c;
    }
    this.fail(`unterminated quoted ${what}`, begin);
  }
  /** The next run of non-blank characters. */
  token(): string {
    const begin = this.pos;
    while (!this.done && this.peek() !== " " && this.peek() !== "\t") this.pos++;
    return this.text.slice(begin, this.pos);
  }
}

const show = (c: string): string => (c === "" ? "the end of the line" : JSON.stringify(c));

interface Sample {
  name: string;
  labels: string[];
}

export function parseExposition(text: string): ExpositionResult {
  try {
    return parse(text);
  } catch (error) {
    // Defensive: a parser bug must still not throw out of here.
    return { ok: false, error: { line: 1, column: 1, message: `internal parser error: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

function parse(text: string): ExpositionResult {
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const families = new Map<string, ExpositionFamily>();
  const typed = new Set<string>();
  const series = new Map<string, ExpositionSeries & { sets: Set<string>; names: Set<string> }>();
  let samples = 0;
  let eofLine = 0;
  const family = (name: string, line: number): ExpositionFamily => {
    let f = families.get(name);
    if (!f) families.set(name, (f = { name, type: "untyped", line }));
    return f;
  };

  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const raw = lines[index]!.endsWith("\r") ? lines[index]!.slice(0, -1) : lines[index]!;
    try {
      if (eofLine) {
        if (raw.trim() !== "") throw new ParseError(1, `unexpected content after "# EOF" (line ${eofLine})`);
        continue;
      }
      if (raw.trim() === "") continue;
      const line = new Line(raw);
      line.skipBlanks();
      if (line.peek() === "#") {
        const directive = comment(line);
        if (!directive) continue;
        if (directive.kind === "EOF") {
          eofLine = lineNo;
          continue;
        }
        const f = family(directive.name, lineNo);
        if (directive.kind === "TYPE") {
          if (typed.has(directive.name)) line.fail(`second TYPE line for metric family "${directive.name}"`, directive.valueAt);
          if (!TYPES.has(directive.value)) line.fail(`unknown metric type "${directive.value}" (expected counter, gauge, histogram, summary, untyped or an OpenMetrics type)`, directive.valueAt);
          typed.add(directive.name);
          f.type = directive.value as FamilyType;
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
        entry = { name: sample.name, family: owner?.name ?? sample.name, type: owner?.type ?? "untyped", labelNames: [], labelSets: [], line: lineNo, samples: 0, sets: new Set(), names: new Set() };
        series.set(sample.name, entry);
      }
      entry.samples++;
      const sorted = [...sample.labels].sort();
      const key = sorted.join(",");
      if (!entry.sets.has(key)) {
        entry.sets.add(key);
        entry.labelSets.push(sorted);
      }
      for (const l of sorted) entry.names.add(l);
    } catch (error) {
      if (error instanceof ParseError) return { ok: false, error: { line: lineNo, column: error.column, message: error.message } };
      throw error;
    }
  }

  return {
    ok: true,
    exposition: {
      format: eofLine ? "openmetrics" : "text",
      families: [...families.values()],
      series: [...series.values()].map(({ sets: _sets, names, ...rest }) => ({ ...rest, labelNames: [...names].sort() })),
      samples,
    },
  };
}

type Directive = { kind: "HELP" | "TYPE" | "UNIT"; name: string; value: string; valueAt: number } | { kind: "EOF" };

/** `# HELP name text`, `# TYPE name type`, `# UNIT name unit`, `# EOF`; any other comment → undefined. */
function comment(line: Line): Directive | undefined {
  line.pos++; // "#"
  if (line.skipBlanks() === 0) return undefined; // "#foo": a plain comment
  const keywordAt = line.pos;
  const keyword = line.token();
  if (keyword === "EOF" && line.text.slice(line.pos).trim() === "") return { kind: "EOF" };
  if (keyword !== "HELP" && keyword !== "TYPE" && keyword !== "UNIT") return undefined;
  if (line.skipBlanks() === 0) line.fail(`expected a metric name after "# ${keyword}"`, line.done ? line.pos : keywordAt + keyword.length);
  const name = line.metricName("metric name");
  if (!line.done && line.skipBlanks() === 0) line.fail(`expected a blank after the metric name in "# ${keyword}", found ${show(line.peek())}`);
  const valueAt = line.pos;
  const rest = line.text.slice(line.pos);
  if (keyword === "HELP") return { kind: "HELP", name, value: unescapeHelp(rest), valueAt };
  const value = rest.trim();
  if (keyword === "TYPE" && value === "") line.fail(`expected a metric type after "# TYPE ${name}"`);
  return { kind: keyword, name, value, valueAt };
}

/** HELP text escapes: `\\` and `\n` (OpenMetrics also `\"`). */
const unescapeHelp = (text: string): string => text.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));

/** `name{label="value",…} value [timestamp] [# exemplar]`, also `{"utf8.name",label="v"} value`. */
function sampleLine(line: Line): Sample {
  let name: string | undefined;
  const labels: string[] = [];
  if (line.peek() !== "{") {
    if (line.peek() === '"') line.fail('a quoted metric name must be written inside the braces: {"name", …}');
    name = line.metricName("metric name");
    const afterName = line.pos;
    line.skipBlanks();
    if (line.peek() !== "{") line.pos = afterName; // the blanks separate the value
  }
  if (line.peek() === "{") {
    const open = line.pos;
    line.pos++;
    const seen = new Set<string>();
    for (;;) {
      line.skipBlanks();
      if (line.peek() === "}") {
        line.pos++;
        break;
      }
      if (line.done) line.fail("unterminated label set: missing }", open);
      const at = line.pos;
      const label = line.labelName();
      line.skipBlanks();
      if (line.peek() !== "=" && name === undefined && line.text[at] === '"' && labels.length === 0) {
        name = label; // {"my.metric", …}: the quoted name comes first, without "="
      } else {
        if (line.peek() !== "=") line.fail(`expected "=" after label name "${label}", found ${show(line.peek())}`);
        line.pos++;
        line.skipBlanks();
        line.quoted(`value of label "${label}"`);
        if (seen.has(label)) line.fail(`label "${label}" appears twice`, at);
        if (label === "__name__") line.fail('"__name__" cannot be given as a label in an exposition', at);
        seen.add(label);
        labels.push(label);
      }
      line.skipBlanks();
      if (line.peek() === ",") {
        line.pos++;
        continue;
      }
      if (line.peek() === "}") continue;
      line.fail(`expected "," or "}" in the label set, found ${show(line.peek())}`);
    }
  }
  if (name === undefined) line.fail("a sample needs a metric name", 0);
  if (line.skipBlanks() === 0) line.fail(line.done ? `missing value for sample "${name}"` : `expected a blank before the value, found ${show(line.peek())}`);
  const valueAt = line.pos;
  const value = line.token();
  if (value === "") line.fail(`missing value for sample "${name}"`);
  if (!FLOAT.test(value)) line.fail(`invalid sample value "${value}"`, valueAt);
  line.skipBlanks();
  if (!line.done && line.peek() !== "#") {
    const tsAt = line.pos;
    const timestamp = line.token();
    if (!TIMESTAMP.test(timestamp)) line.fail(`invalid timestamp "${timestamp}"`, tsAt);
    line.skipBlanks();
  }
  if (!line.done) {
    if (line.peek() !== "#") line.fail(`unexpected ${show(line.peek())} after the sample value`);
    exemplar(line);
  }
  return { name, labels };
}

/** OpenMetrics exemplar: `# {trace_id="…"} value [timestamp]`, checked for shape, not kept. */
function exemplar(line: Line): void {
  line.pos++; // "#"
  line.skipBlanks();
  if (line.peek() !== "{") line.fail(`expected an exemplar label set after "#", found ${show(line.peek())}`);
  line.pos++;
  for (;;) {
    line.skipBlanks();
    if (line.peek() === "}") {
      line.pos++;
      break;
    }
    if (line.done) line.fail("unterminated exemplar label set");
    const label = line.labelName();
    line.skipBlanks();
    if (line.peek() !== "=") line.fail(`expected "=" after exemplar label "${label}"`);
    line.pos++;
    line.skipBlanks();
    line.quoted(`value of exemplar label "${label}"`);
    line.skipBlanks();
    if (line.peek() === ",") line.pos++;
    else if (line.peek() !== "}") line.fail(`expected "," or "}" in the exemplar label set, found ${show(line.peek())}`);
  }
  line.skipBlanks();
  const at = line.pos;
  const value = line.token();
  if (!FLOAT.test(value)) line.fail(value ? `invalid exemplar value "${value}"` : "missing exemplar value", at);
  line.skipBlanks();
  if (!line.done) {
    const tsAt = line.pos;
    const ts = line.token();
    if (!TIMESTAMP.test(ts)) line.fail(`invalid exemplar timestamp "${ts}"`, tsAt);
    line.skipBlanks();
    if (!line.done) line.fail(`unexpected ${show(line.peek())} after the exemplar`);
  }
}

/** The typed family a sample belongs to: its own name, or a name + a suffix its type allows. */
function familyOf(sample: string, families: ReadonlyMap<string, ExpositionFamily>, typed: ReadonlySet<string>): ExpositionFamily | undefined {
  const own = families.get(sample);
  if (own && (typed.has(sample) || !ALL_SUFFIXES.some((s) => sample.endsWith(s)))) return own;
  for (const suffix of ALL_SUFFIXES) {
    if (!sample.endsWith(suffix)) continue;
    const base = families.get(sample.slice(0, -suffix.length));
    if (base && typed.has(base.name) && SUFFIXES[base.type]?.includes(suffix)) return base;
  }
  return own;
}
