// Prometheus template-variable query strings (grafana/grafana packages/grafana-prometheus
// variableMigration.ts): label_names(), label_values(sel, label), metrics(re), query_result(expr), or a
// plain series query. Returns the PromQL part to check, its offset in the string, and the label read.

export interface VariableQuery {
  /** The PromQL to analyse (a selector or a full expression). */
  expr: string;
  /** Offset of `expr` within the variable's query string. */
  offset: number;
  /** The label the variable reads from the series (label_values). */
  label?: string;
}

export function parseVariableQuery(text: string): VariableQuery | undefined {
  const trimmedStart = text.length - text.trimStart().length;
  const body = text.trim();
  if (body === "") return undefined;
  const call = /^(label_names|label_values|metrics|query_result)\s*\(([\s\S]*)\)$/.exec(body);
  if (!call) return { expr: body, offset: trimmedStart };
  const fn = call[1]!;
  const argsStart = trimmedStart + body.indexOf("(") + 1;
  const args = call[2]!;
  switch (fn) {
    case "label_names":
      return args.trim() ? { expr: args.trim(), offset: argsStart + leading(args) } : undefined;
    case "metrics":
      return undefined; // a regex over names: never "missing"
    case "query_result":
      return args.trim() ? { expr: args.trim(), offset: argsStart + leading(args) } : undefined;
    case "label_values": {
      // label_values(label) reads no particular series; label_values(selector, label) reads `label` on it.
      const comma = lastTopLevelComma(args);
      if (comma < 0) return undefined;
      const selector = args.slice(0, comma);
      const label = args.slice(comma + 1).trim();
      if (!selector.trim() || !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(label)) return undefined;
      return { expr: selector.trim(), offset: argsStart + leading(selector), label };
    }
  }
  return undefined;
}

const leading = (s: string): number => s.length - s.trimStart().length;

/** The last comma outside (), {}, [] and quotes. */
function lastTopLevelComma(s: string): number {
  let depth = 0;
  let quote = "";
  let last = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "(" || c === "{" || c === "[") depth++;
    else if (c === ")" || c === "}" || c === "]") depth--;
    else if (c === "," && depth === 0) last = i;
  }
  return last;
}
