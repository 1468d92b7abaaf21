// PromQL → selectors, label matchers and the labels each selector must carry, on the official
// @prometheus-io/lezer-promql grammar. Label requirements flow down the tree: `by`/`on`/`group_*`
// labels are required on the selectors they apply to; an aggregation resets them; labels created by
// label_replace/label_join/count_values are never required. Error nodes become located errors.
import { parser } from "@prometheus-io/lezer-promql";
import type { SyntaxNode } from "@lezer/common";
import type { MatchOp } from "../model.js";

export interface PromQLMatcher {
  label: string;
  op: MatchOp;
  value: string;
  /** The quoted value's offsets in the expression (quotes included). */
  valueFrom: number;
  valueTo: number;
}

export interface PromQLSelector {
  name?: string;
  namePattern?: string;
  matchers: PromQLMatcher[];
  labelsUsed: string[];
  /** Offsets into the analysed expression. */
  from: number;
  to: number;
}

export interface PromQLError {
  from: number;
  message: string;
  /** The message quotes the text at `from` (a caller that substituted text can quote its original instead). */
  near?: boolean;
  /** The parser ran out of stack: another thread may get further. */
  overflow?: true;
}

export interface PromQLResult {
  selectors: PromQLSelector[];
  labelsCreated: string[];
  errors: PromQLError[];
}

/** Functions whose result does not carry their argument's labels: requirements stop there. */
const LABEL_RESETTING_FUNCTIONS = new Set(["absent", "absent_over_time", "scalar", "vector", "time", "info", "sort_by_label", "sort_by_label_desc", "timestamp"]);

/**
 * The analysis of an expression is a function of its text alone, and dashboards repeat queries (the same
 * expression in a graph and a stat panel, per-service copies of a dashboard): each distinct text is
 * parsed once per thread. The results are frozen, since every query with that text shares them. Bounded:
 * past MEMO_LIMIT distinct texts the memo starts over.
 */
const memo = new Map<string, PromQLResult>();
const MEMO_LIMIT = 10_000;

export function analyzePromQL(expr: string): PromQLResult {
  const known = memo.get(expr);
  if (known) return known;
  let result: PromQLResult;
  try {
    result = analyzeTree(expr);
  } catch (error) {
    // Lezer builds its tree recursively: an expression nested tens of thousands deep exhausts the stack.
    // That query is reported as unparseable instead of taking its file (and the run) down. Not memoised:
    // a thread with a larger stack may get further.
    if (error instanceof RangeError) return { selectors: [], labelsCreated: [], errors: [{ from: 0, message: "expression nested too deeply to analyse", overflow: true }] };
    throw error;
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(expr, deepFreeze(result));
  return result;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function analyzeTree(expr: string): PromQLResult {
  const tree = parser.parse(expr);
  const selectors: PromQLSelector[] = [];
  const labelsCreated = new Set<string>();
  const errors: PromQLError[] = [];
  const text = (n: SyntaxNode): string => expr.slice(n.from, n.to);

  tree.iterate({
    enter(node) {
      if (node.type.isError) {
        errors.push({ from: node.from, message: describeSyntaxError(expr, node.from), near: true });
        return false;
      }
      return undefined;
    },
  });

  // An explicit work stack, not recursion: a deeply nested expression (`sum(sum(sum(…` thousands deep)
  // must not overflow the call stack. Children are pushed in reverse so the walk stays left to right.
  const work: { node: SyntaxNode; required: ReadonlySet<string> }[] = [];
  const visit = (node: SyntaxNode | null | undefined, required: ReadonlySet<string>): void => {
    if (node) work.push({ node, required });
  };
  const visitAll = (nodes: SyntaxNode[], required: ReadonlySet<string>): void => {
    for (let i = nodes.length - 1; i >= 0; i--) work.push({ node: nodes[i]!, required });
  };
  const step = (node: SyntaxNode, required: ReadonlySet<string>): void => {
    switch (node.name) {
      case "VectorSelector":
        selectors.push(readSelector(node, required, expr));
        return;
      case "AggregateExpr": {
        const modifier = node.getChild("AggregateModifier");
        const op = node.getChild("AggregateOp")?.firstChild?.name;
        const body = node.getChild("FunctionCallBody");
        let inner: Set<string>;
        if (modifier?.getChild("By")) inner = new Set(groupingLabels(modifier, text));
        else if (modifier?.getChild("Without")) {
          const dropped = new Set(groupingLabels(modifier, text));
          inner = new Set([...required].filter((l) => !dropped.has(l)));
        } else inner = new Set();
        if (op === "CountValues") {
          const label = body?.getChild("StringLiteral");
          if (label) {
            const created = unquote(text(label));
            labelsCreated.add(created);
            inner.delete(created);
          }
        }
        visitAll(children(body), inner);
        return;
      }
      case "FunctionCall": {
        const fn = text(node.getChild("FunctionIdentifier") ?? node).trim();
        const body = node.getChild("FunctionCallBody");
        let inner = new Set(required);
        if (LABEL_RESETTING_FUNCTIONS.has(fn)) inner = new Set();
        if (fn === "label_replace" || fn === "label_join") {
          const dst = body?.getChildren("StringLiteral")[0];
          if (dst) {
            const created = unquote(text(dst));
            labelsCreated.add(created);
            inner.delete(created);
          }
        }
        if (fn === "histogram_quantile" || fn === "histogram_fraction") inner.add("le");
        visitAll(children(body), inner);
        return;
      }
      case "BinaryExpr": {
        const clause = node.getChild("MatchingModifierClause");
        const operands = children(node).filter((c) => c.name !== "MatchingModifierClause" && c.name !== "BoolModifier" && !isOperator(c.name));
        const [left, right] = operands;
        const setOperator = node.getChild("And") ?? node.getChild("Or") ?? node.getChild("Unless");
        const on = clause?.getChild("On") ? groupingLabels(clause, text, "On") : [];
        const groupLeft = clause?.getChild("GroupLeft") ? new Set(groupingLabels(clause, text, "GroupLeft")) : undefined;
        const groupRight = clause?.getChild("GroupRight") ? new Set(groupingLabels(clause, text, "GroupRight")) : undefined;
        // The result carries the "many" side's labels (the left one unless group_right), plus copied labels.
        const leftReq = new Set<string>(on);
        const rightReq = new Set<string>(on);
        if (!setOperator) {
          if (groupRight) {
            for (const l of required) if (!groupRight.has(l)) rightReq.add(l);
            for (const l of groupRight) leftReq.add(l);
          } else {
            for (const l of required) if (!groupLeft?.has(l)) leftReq.add(l);
            for (const l of groupLeft ?? []) rightReq.add(l);
          }
        }
        visit(right, rightReq); // pushed first: the left operand is walked first
        visit(left, leftReq);
        return;
      }
      default:
        visitAll(children(node), required);
    }
  };

  visitAll(children(tree.topNode), new Set());
  for (let item = work.pop(); item; item = work.pop()) step(item.node, item.required);
  return { selectors, labelsCreated: [...labelsCreated].sort(), errors };
}

function readSelector(node: SyntaxNode, required: ReadonlySet<string>, expr: string): PromQLSelector {
  const slice = (n: SyntaxNode): string => expr.slice(n.from, n.to);
  const selector: PromQLSelector = { matchers: [], labelsUsed: [...required].sort(), from: node.from, to: node.to };
  const identifier = node.getChild("Identifier");
  if (identifier) selector.name = slice(identifier);
  const matchers = node.getChild("LabelMatchers");
  for (const m of children(matchers)) {
    if (m.name === "QuotedLabelName") {
      // `{"my.metric"}`: a UTF-8 metric name.
      selector.name = unquote(slice(m));
      continue;
    }
    if (m.name !== "UnquotedLabelMatcher" && m.name !== "QuotedLabelMatcher") continue;
    const labelNode = m.getChild("LabelName") ?? m.getChild("QuotedLabelName");
    const opNode = m.getChild("MatchOp")?.firstChild;
    const valueNode = m.getChildren("StringLiteral").at(-1);
    if (!labelNode || !opNode || !valueNode || valueNode === labelNode.firstChild) continue;
    const label = labelNode.name === "QuotedLabelName" ? unquote(slice(labelNode)) : slice(labelNode);
    const op = OPS[opNode.name];
    if (!op) continue;
    const value = unquote(slice(valueNode));
    if (label === "__name__") {
      if (op === "=") selector.name = value;
      else if (op === "=~") selector.namePattern = value;
      continue;
    }
    selector.matchers.push({ label, op, value, valueFrom: valueNode.from, valueTo: valueNode.to });
  }
  return selector;
}

const OPS: Record<string, MatchOp> = { EqlSingle: "=", Neq: "!=", EqlRegex: "=~", NeqRegex: "!~" };

const OPERATOR_NAMES = new Set(["Pow", "Mul", "Div", "Mod", "Add", "Sub", "Eql", "Gte", "Gtr", "Lte", "Lss", "Neq", "And", "Or", "Unless", "Atan2", "TrimUpper", "TrimLower"]);
const isOperator = (name: string): boolean => OPERATOR_NAMES.has(name);

function groupingLabels(node: SyntaxNode, text: (n: SyntaxNode) => string, after?: string): string[] {
  // GroupingLabels follows its keyword (By/Without/On/GroupLeft/GroupRight) as a sibling.
  let labels: SyntaxNode | null;
  if (after) {
    const next = node.getChild(after)?.nextSibling ?? null;
    labels = next?.name === "GroupingLabels" ? next : null;
  } else {
    labels = node.getChild("GroupingLabels");
  }
  return children(labels)
    .filter((c) => c.name === "LabelName" || c.name === "QuotedLabelName")
    .map((c) => (c.name === "QuotedLabelName" ? unquote(text(c)) : text(c)));
}

function children(node: SyntaxNode | null | undefined): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node?.firstChild ?? null; c; c = c.nextSibling) if (!c.type.isError) out.push(c);
  return out;
}

/** Go string literal → value: "…" with escapes, '…' with escapes, `…` raw. */
export function unquote(literal: string): string {
  if (literal.length < 2) return literal;
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === "`") return body;
  if (quote !== '"' && quote !== "'") return literal;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_, esc: string) => {
    switch (esc[0]) {
      case "n":
        return "\n";
      case "t":
        return "\t";
      case "r":
        return "\r";
      case "a":
        return "\x07";
      case "b":
        return "\b";
      case "f":
        return "\f";
      case "v":
        return "\v";
      case "x":
      case "u":
      case "U": {
        // `\UFFFFFFFF` is no code point (Go rejects it): U+FFFD rather than a RangeError.
        const code = parseInt(esc.slice(1), 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
      }
      default:
        return /^[0-7]{3}$/.test(esc) ? String.fromCharCode(parseInt(esc, 8)) : esc;
    }
  });
}

/** "unexpected `…`" quoting the expression at `from`. */
export function describeSyntaxError(expr: string, from: number): string {
  if (from >= expr.length) return "unexpected end of expression (unbalanced parenthesis or brace?)";
  const near = expr.slice(from, from + 20).split("\n")[0];
  return `unexpected \`${near}\``;
}
