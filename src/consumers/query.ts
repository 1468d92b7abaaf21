// One PromQL query read from a dashboard or rule file → a located `Query`: Grafana variables
// substituted, the expression analysed, every offset mapped back to the file.
import type { LabelMatcher, Location, Query, QueryOrigin, Selector } from "../model.js";
import { analyzePromQL, describeSyntaxError } from "../promql/index.js";
import { isMarker, markerNameToPattern, showVariables, substituteVariables, type VariableInfo } from "./grafana/variables.js";

export interface QueryInput {
  expr: string;
  origin: QueryOrigin;
  /** Where the query string itself starts in the file (the `expr` token). */
  loc: Location;
  /** Maps an offset in the query string to a file location. */
  locate: (offset: number) => Location;
  variables?: ReadonlyMap<string, VariableInfo>;
  /** Substitute Grafana's built-in variables only (queries outside a dashboard: alert rules). */
  builtinsOnly?: boolean;
  /** Labels a consumer reads from the result: `{{label}}` in a legend, `$labels.x` in an annotation. */
  resultLabels?: string[];
  /** Labels required on every selector (e.g. the label of `label_values(sel, label)`). */
  requiredLabels?: string[];
  /** Offset of `expr` inside the string the locate function maps (for a sub-expression). */
  offset?: number;
}

export function buildQuery(input: QueryInput): Query {
  const base = input.offset ?? 0;
  const substituted = input.variables || input.builtinsOnly ? substituteVariables(input.expr, input.variables ?? new Map(), input.builtinsOnly) : undefined;
  const text = substituted?.text ?? input.expr;
  /** Offset in the original expression of an offset in the substituted text. */
  const inExpr = (offset: number): number => (substituted ? (substituted.map[Math.min(offset, substituted.map.length - 1)] ?? input.expr.length) : offset);
  const original = (offset: number): number => base + inExpr(offset);
  const result = analyzePromQL(text);
  /** A matcher value that held a Grafana variable, as written (`"$env"`, `"${team:regex}"`), for messages. */
  const shownValue = (from: number, to: number): { shown?: string } => {
    if (!substituted || to - from < 2) return {};
    // Only a literal the user wrote (its quotes in the original), not one pasted in by a variable's value.
    const open = inExpr(from);
    const close = inExpr(to - 1);
    if (input.expr[open] !== text[from] || input.expr[close] !== text[to - 1] || close <= open) return {};
    const written = input.expr.slice(open + 1, close);
    return written === text.slice(from + 1, to - 1) ? {} : { shown: written };
  };
  const selectors: Selector[] = result.selectors.map((s) => {
    const selector: Selector = {
      matchers: s.matchers.filter((m) => !isMarker(m.label)).map((m): LabelMatcher => ({ label: m.label, op: m.op, value: m.value, ...shownValue(m.valueFrom, m.valueTo) })),
      labelsUsed: [...new Set([...s.labelsUsed, ...(input.requiredLabels ?? [])])].filter((l) => !isMarker(l)).sort(),
      loc: input.locate(original(s.from)),
      // Inside a variable's verbatim value both ends map to the variable: then the substituted text, as the user would read it.
      text: input.expr.slice(inExpr(s.from), inExpr(s.to)) || showVariables(text.slice(s.from, s.to), substituted?.markers),
    };
    const pattern = s.name ? markerNameToPattern(s.name) : undefined;
    if (pattern !== undefined) {
      if (pattern !== ".*") selector.namePattern = pattern;
    } else if (s.name !== undefined) selector.name = s.name;
    if (s.namePattern !== undefined) selector.namePattern = s.namePattern.replace(/__tdvar(?:\d+|_\w*?)__/g, ".*");
    return selector;
  });
  return {
    expr: input.expr,
    loc: input.loc,
    origin: input.origin,
    analysis: {
      selectors,
      labelsCreated: [...result.labelsCreated], // the memoised result is shared (and frozen)
      // Messages quote the query as written (`$job`), never the placeholders substitution put in.
      errors: result.errors.map((e) => ({ message: e.near ? describeSyntaxError(input.expr, inExpr(e.from)) : e.message, loc: input.locate(original(e.from)) })),
      ...(result.errors.some((e) => e.overflow) ? { stackOverflow: true as const } : {}),
    },
    resultLabels: input.resultLabels ?? [],
  };
}

/** `{{label}}` references in a legend / title / text format. */
export function templateLabels(format: unknown): string[] {
  if (typeof format !== "string") return [];
  return [...format.matchAll(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g)].map((m) => m[1]!);
}
