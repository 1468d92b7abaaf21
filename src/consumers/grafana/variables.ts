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
  const quoted = quotedRanges(expr);
  let last = 0;
  const append = (chunk: string, origin: number, spread = false): void => {
    for (let i = 0; i < chunk.length; i++) map.push(spread ? origin + i : origin);
    text += chunk;
  };
  VARIABLE.lastIndex = 0;
  for (let m = VARIABLE.exec(expr); m; m = VARIABLE.exec(expr)) {
    const name = m[1] ?? m[2] ?? m[4] ?? "";
    append(expr.slice(last, m.index), last, true);
    const inString = quoted.some(([from, to]) => m!.index > from && m!.index < to);
    const builtin = DURATION_BUILTINS.has(name) || name.startsWith("__auto_interval") || NUMBER_BUILTINS.has(name);
    if (builtinsOnly && !builtin) append(m[0], m.index, true);
    else append(replacement(name, inString, variables, markers, expr, m.index), m.index);
    last = m.index + m[0].length;
  }
  append(expr.slice(last), last, true);
  map.push(expr.length);
  return { text, map, markers };
}

function replacement(name: string, inString: boolean, variables: ReadonlyMap<string, VariableInfo>, markers: string[], expr: string, at: number): string {
  if (DURATION_BUILTINS.has(name) || name.startsWith("__auto_interval")) return inString ? "5m" : "5m";
  if (NUMBER_BUILTINS.has(name)) return "300";
  const variable = variables.get(name);
  if (variable?.type === "interval") return "5m";
  if (inString) {
    // A concrete current value keeps regex semantics honest; otherwise a value no label has.
    const current = variable?.current;
    if (current !== undefined && current !== "$__all" && !current.includes("$")) return escapeForString(current, expr, at);
    return `__tdvar_${name}__`;
  }
  // Inside a range or subquery bracket a variable is a duration.
  if (inBrackets(expr, at)) return "5m";
  // Custom, constant and textbox values are what Grafana pastes in verbatim (an operator, a function
  // name, ", label"): use them. Query variables' values come from the live system: keep a marker.
  if (variable && (variable.type === "constant" || variable.type === "custom" || variable.type === "textbox") && variable.current !== undefined && variable.current !== "$__all") {
    return variable.current;
  }
  markers.push(name);
  return `__tdvar${markers.length - 1}__`;
}

/** A value dropped into a PromQL string must not close it. */
function escapeForString(value: string, expr: string, at: number): string {
  const quote = quoteBefore(expr, at);
  return value.replace(/\\/g, "\\\\").replace(quote === "'" ? /'/g : /"/g, `\\${quote}`);
}

function quoteBefore(expr: string, at: number): string {
  for (let i = at - 1; i >= 0; i--) if (expr[i] === '"' || expr[i] === "'" || expr[i] === "`") return expr[i]!;
  return '"';
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

function inBrackets(expr: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = expr[i];
    if (c === "[") return true;
    if (c === "]" || c === "(" || c === ")" || c === "{" || c === "}" || c === ",") return false;
  }
  return false;
}

/** `${prefix}_requests_total` after substitution: `__tdvar0___requests_total` → RE2 `.*_requests_total`. */
export function markerNameToPattern(name: string): string | undefined {
  if (!name.includes("__tdvar")) return undefined;
  const parts = name.split(MARKERS);
  if (parts.every((p) => p === "")) return ".*";
  return parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*");
}
