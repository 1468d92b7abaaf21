// Grafana template variables, substituted before PromQL parsing (so `[$__rate_interval]` or
// `by ($group)` still parse), with an offset map from the substituted text back to the original.
//
// Strategy (after grafana/dashboard-linter): built-ins become valid sample values; user variables
// inside quoted strings become their current value (or a placeholder that matches no real value);
// outside strings a variable becomes a marker identifier `__tdvarN__`, which later turns a metric name
// into a pattern and is dropped from label lists — never an exact name, never a required label.

/** Grafana's own variable regex (public/app/features/variables/utils.ts). */
const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

const DURATION_BUILTINS = new Set(["__interval", "interval", "__rate_interval", "rate_interval", "__range", "__auto", "resolution", "__auto_interval"]);
const NUMBER_BUILTINS = new Set(["__interval_ms", "__rate_interval_ms", "__range_ms", "__range_s", "__from", "__to"]);

export interface VariableInfo {
  name: string;
  type: string;
  /** The current value when it is a single concrete string. */
  current?: string;
}

export interface Substituted {
  text: string;
  /** map[i] = offset in the original text of substituted character i (length text.length + 1). */
  map: number[];
  /** Marker index → variable name. */
  markers: string[];
}

/** Markers left by substitution: `__tdvar3__` outside strings, `__tdvar_name__` inside them. */
const MARKERS = /__tdvar(?:\d+|_\w*?)__/g;
export const isMarker = (label: string): boolean => label.includes("__tdvar");

/** Substituted text with its markers shown as variables again: `__tdvar_pool__` → `$pool`, `__tdvar0__` → `$<markers[0]>`. */
export const showVariables = (text: string, markers: readonly string[] = []): string =>
  text.replace(/__tdvar(?:(\d+)|_(\w+?))__/g, (whole, index: string | undefined, name: string | undefined) => {
    const variable = index !== undefined ? markers[Number(index)] : name;
    return variable === undefined ? whole : `$${variable}`;
  });

/**
 * Replaces every Grafana variable reference in `expr`. `builtinsOnly`: only Grafana's built-ins
 * (`$__rate_interval` …), for queries outside a dashboard (alert rules), where Grafana sends any other
 * `$name` as written.
 */
export function substituteVariables(expr: string, variables: ReadonlyMap<string, VariableInfo>, builtinsOnly = false): Substituted {
  let text = "";
  const map: number[] = [];
  const markers: string[] = [];
  const before = new Preceding(expr);
  let last = 0;
  const append = (chunk: string, origin: number, spread = false): void => {
    for (let i = 0; i < chunk.length; i++) map.push(spread ? origin + i : origin);
    text += chunk;
  };
  VARIABLE.lastIndex = 0;
  for (let m = VARIABLE.exec(expr); m; m = VARIABLE.exec(expr)) {
    const name = m[1] ?? m[2] ?? m[4] ?? "";
    append(expr.slice(last, m.index), last, true);
    const builtin = DURATION_BUILTINS.has(name) || name.startsWith("__auto_interval") || NUMBER_BUILTINS.has(name);
    if (builtinsOnly && !builtin) append(m[0], m.index, true);
    else append(replacement(name, before.at(m.index), variables, markers), m.index);
    last = m.index + m[0].length;
  }
  append(expr.slice(last), last, true);
  map.push(expr.length);
  return { text, map, markers };
}

function replacement(name: string, { inString, quote, inBrackets }: Context, variables: ReadonlyMap<string, VariableInfo>, markers: string[]): string {
  if (DURATION_BUILTINS.has(name) || name.startsWith("__auto_interval")) return "5m";
  if (NUMBER_BUILTINS.has(name)) return "300";
  const variable = variables.get(name);
  if (variable?.type === "interval") return "5m";
  if (inString) {
    // A concrete current value keeps regex semantics honest; otherwise a value no label has.
    const current = variable?.current;
    if (current !== undefined && current !== "$__all" && !current.includes("$")) return escapeForString(current, quote);
    return `__tdvar_${name}__`;
  }
  // Inside a range or subquery bracket a variable is a duration.
  if (inBrackets) return "5m";
  // Custom, constant and textbox values are what Grafana pastes in verbatim (an operator, a function
  // name, ", label"): use them. Query variables' values come from the live system: keep a marker.
  if (variable && (variable.type === "constant" || variable.type === "custom" || variable.type === "textbox") && variable.current !== undefined && variable.current !== "$__all") {
    return variable.current;
  }
  markers.push(name);
  return `__tdvar${markers.length - 1}__`;
}

/** A value dropped into a PromQL string must not close it. */
function escapeForString(value: string, quote: string): string {
  return value.replace(/\\/g, "\\\\").replace(quote === "'" ? /'/g : /"/g, `\\${quote}`);
}

/** Where a variable sits in the expression. */
interface Context {
  /** Inside a string literal. */
  inString: boolean;
  /** The nearest quote character before it (`"` when there is none). */
  quote: string;
  /** Inside a range or subquery bracket: the nearest bracket, brace, parenthesis or comma before it is `[`. */
  inBrackets: boolean;
}

/**
 * The Context of each variable, asked in increasing offset order: one forward pass over the expression
 * serves them all (scanning back from each variable, or over every string for each, is quadratic in a
 * long query).
 */
class Preceding {
  private readonly quoted: [number, number][];
  private nextQuoted = 0;
  private scanned = 0;
  private quote = '"';
  private delimiter = "";

  constructor(private readonly expr: string) {
    this.quoted = quotedRanges(expr);
  }

  at(offset: number): Context {
    for (; this.scanned < offset; this.scanned++) {
      const c = this.expr[this.scanned]!;
      if (c === '"' || c === "'" || c === "`") this.quote = c;
      else if (c === "[" || c === "]" || c === "(" || c === ")" || c === "{" || c === "}" || c === ",") this.delimiter = c;
    }
    // The ranges are in order and disjoint: the ones ending at or before this offset hold no later one.
    while (this.nextQuoted < this.quoted.length && this.quoted[this.nextQuoted]![1] <= offset) this.nextQuoted++;
    const string = this.quoted[this.nextQuoted];
    return { inString: string !== undefined && offset > string[0] && offset < string[1], quote: this.quote, inBrackets: this.delimiter === "[" };
  }
}

/** [from, to] offsets of PromQL string literals (the quotes included). */
export function quotedRanges(expr: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c !== '"' && c !== "'" && c !== "`") continue;
    const start = i;
    for (i++; i < expr.length && expr[i] !== c; i++) if (expr[i] === "\\" && c !== "`") i++;
    ranges.push([start, i]);
  }
  return ranges;
}

/** `${prefix}_requests_total` after substitution: `__tdvar0___requests_total` → RE2 `.*_requests_total`. */
export function markerNameToPattern(name: string): string | undefined {
  if (!name.includes("__tdvar")) return undefined;
  const parts = name.split(MARKERS);
  if (parts.every((p) => p === "")) return ".*";
  return parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*");
}
