// Constant folding over Elixir syntax: the few value shapes telemetry code uses for event names,
// metric names and options (atoms, lists, `++`, `[h | t]`, module attributes, keyword lists, maps).
// Anything else is `unknown`, carrying the parameter index when it is a function parameter.
import type { Node } from "web-tree-sitter";

export type Value =
  | { kind: "atom"; value: string; node: Node }
  | { kind: "string"; value: string; node: Node }
  | { kind: "number"; value: number; node: Node }
  | { kind: "list"; items: Value[]; tail?: Value; node: Node }
  | { kind: "keywords"; pairs: [string, Value][]; node: Node }
  | { kind: "tuple"; items: Value[]; node: Node }
  | { kind: "map"; keys: string[]; node: Node }
  | { kind: "alias"; value: string; node: Node }
  | { kind: "call"; function: string; args: Value[]; node: Node }
  | { kind: "boolean"; value: boolean; node: Node }
  | { kind: "unknown"; text: string; param?: number; node: Node };

export interface Env {
  /** Module attribute definitions, each with the line it is set on (latest above the use wins). */
  attribute(name: string, line: number): Value | undefined;
  /** Function parameter index by name. */
  params: Map<string, number>;
  /** Local variables bound earlier in the function body. */
  locals: Map<string, Value>;
  /** Resolves a call target to `Module.fun` (aliases expanded; local calls get the enclosing module). */
  resolveFunction(node: Node): string | undefined;
  resolveAlias(text: string): string;
}

const unknown = (node: Node, param?: number): Value => ({ kind: "unknown", text: node.text.length > 120 ? `${node.text.slice(0, 117)}...` : node.text, ...(param !== undefined ? { param } : {}), node });

/**
 * A node's type, asked of WebAssembly once per node object: every `node.type` crosses into it (the
 * extractor asks about eight times per node; memoised, a cold scale-10 run reads ~80% fewer).
 */
const TYPE = Symbol("type");
export function typeOf(node: Node): string;
export function typeOf(node: Node | null | undefined): string | undefined;
export function typeOf(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const typed = node as Node & { [TYPE]?: string };
  return (typed[TYPE] ??= node.type);
}
/** A node known to be present (a branded subtype, so that `!isType(n, t)` still leaves `n` a possible Node). */
declare const CHECKED: unique symbol;
type PresentNode = Node & { readonly [CHECKED]: true };
export const isType = (node: Node | null | undefined, type: string): node is PresentNode => typeOf(node) === type;

/**
 * The grammar's named node types that never have named children (per its node-types.json; a test checks
 * this list against it). Most nodes of a tree are such leaves, and asking WebAssembly for the children
 * of each costs more than the rest of their visit.
 */
export const LEAF_TYPES: ReadonlySet<string> = new Set(["alias", "atom", "boolean", "char", "comment", "escape_sequence", "float", "identifier", "integer", "keyword", "nil", "operator_identifier", "quoted_content", "sigil_modifiers", "sigil_name"]);

export const named = (node: Node | null | undefined): Node[] => (node && !LEAF_TYPES.has(typeOf(node)) ? node.namedChildren.filter((c): c is Node => c !== null && !isType(c, "comment")) : []);

export function atomText(node: Node): string | undefined {
  if (isType(node, "atom")) return node.text.replace(/^:/, "");
  if (isType(node, "quoted_atom")) return named(node).find((c) => isType(c, "quoted_content"))?.text ?? "";
  return undefined;
}

export function keywordKey(node: Node): string | undefined {
  if (isType(node, "keyword")) return node.text.replace(/:\s*$/, "");
  if (isType(node, "quoted_keyword")) return named(node).find((c) => isType(c, "quoted_content"))?.text ?? "";
  return undefined;
}

export function stringText(node: Node): string | undefined {
  if (!isType(node, "string")) return undefined;
  const parts = named(node);
  if (parts.some((p) => !isType(p, "quoted_content") && !isType(p, "escape_sequence"))) return undefined; // interpolation
  return parts.map((p) => (isType(p, "escape_sequence") ? unescape(p.text) : p.text)).join("");
}

const unescape = (s: string): string => ({ "\\n": "\n", "\\t": "\t", '\\"': '"', "\\\\": "\\" })[s] ?? s.slice(1);

export const operatorOf = (node: Node): string | undefined => typeOf(node.childForFieldName("operator"));

/**
 * How deep values are folded. Telemetry code nests a few levels; past this a value is `unknown` (never
 * guessed), so a pathological file (`[[[[…` thousands deep) cannot exhaust the call stack.
 */
export const MAX_VALUE_DEPTH = 256;
let depth = 0;

export function evaluate(node: Node | null | undefined, env: Env): Value {
  if (!node) return { kind: "unknown", text: "", node: node as unknown as Node };
  if (depth >= MAX_VALUE_DEPTH) return unknown(node);
  depth++;
  try {
    return evaluateNode(node, env);
  } finally {
    depth--;
  }
}

function evaluateNode(node: Node, env: Env): Value {
  switch (typeOf(node)) {
    case "atom":
    case "quoted_atom":
      return { kind: "atom", value: atomText(node)!, node };
    case "boolean":
      return { kind: "boolean", value: node.text === "true", node };
    case "nil":
      return { kind: "atom", value: "nil", node };
    case "string": {
      const text = stringText(node);
      return text === undefined ? unknown(node) : { kind: "string", value: text, node };
    }
    case "integer":
    case "float": {
      const value = Number(node.text.replace(/_/g, ""));
      return Number.isFinite(value) ? { kind: "number", value, node } : unknown(node);
    }
    case "alias":
      return { kind: "alias", value: env.resolveAlias(node.text), node };
    case "list":
      return evaluateList(node, env);
    case "keywords":
      return { kind: "keywords", pairs: keywordPairs(node, env), node };
    case "tuple":
      return { kind: "tuple", items: named(node).map((c) => evaluate(c, env)), node };
    case "map":
      return { kind: "map", keys: mapKeys(node), node };
    case "identifier": {
      const param = env.params.get(node.text);
      if (param !== undefined) return unknown(node, param);
      return env.locals.get(node.text) ?? unknown(node);
    }
    case "unary_operator": {
      const operand = node.childForFieldName("operand");
      if (operatorOf(node) === "@" && isType(operand, "identifier")) {
        return env.attribute(operand.text, node.startPosition.row + 1) ?? unknown(node);
      }
      return unknown(node);
    }
    case "binary_operator": {
      const op = operatorOf(node);
      if (op === "++") {
        const left = evaluate(node.childForFieldName("left"), env);
        const right = evaluate(node.childForFieldName("right"), env);
        return concat(left, right, node);
      }
      if (op === "|>") {
        // `x |> f(y)` is `f(x, y)`.
        const right = node.childForFieldName("right");
        if (isType(right, "call")) {
          const call = evaluate(right, env);
          if (call.kind === "call") return { ...call, args: [evaluate(node.childForFieldName("left"), env), ...call.args] };
        }
      }
      return unknown(node);
    }
    case "call": {
      const fn = env.resolveFunction(node);
      if (!fn) return unknown(node);
      return { kind: "call", function: fn, args: callArguments(node).map((a) => evaluate(a, env)), node };
    }
    case "block": {
      const last = named(node).at(-1);
      return last ? evaluate(last, env) : unknown(node);
    }
    default:
      return unknown(node);
  }
}

function evaluateList(node: Node, env: Env): Value {
  const items: Value[] = [];
  let tail: Value | undefined;
  for (const child of named(node)) {
    if (isType(child, "keywords")) return { kind: "keywords", pairs: keywordPairs(child, env), node };
    if (isType(child, "binary_operator") && operatorOf(child) === "|") {
      items.push(evaluate(child.childForFieldName("left"), env));
      tail = evaluate(child.childForFieldName("right"), env);
      continue;
    }
    items.push(evaluate(child, env));
  }
  if (tail?.kind === "list") return { kind: "list", items: [...items, ...tail.items], ...(tail.tail ? { tail: tail.tail } : {}), node };
  return { kind: "list", items, ...(tail ? { tail } : {}), node };
}

function concat(left: Value, right: Value, node: Node): Value {
  if (left.kind === "list" && !left.tail) {
    if (right.kind === "list") return { kind: "list", items: [...left.items, ...right.items], ...(right.tail ? { tail: right.tail } : {}), node };
    return { kind: "list", items: left.items, tail: right, node };
  }
  if (left.kind === "list" && left.tail) return { kind: "list", items: left.items, tail: unknownOf(left.tail, node), node };
  // `param ++ [:start]`: keep the shape so wrapper templates can splice the parameter.
  if (right.kind === "list") return { kind: "list", items: [spliceMarker(left), ...right.items], ...(right.tail ? { tail: right.tail } : {}), node };
  return { kind: "unknown", text: node.text, node };
}

/** A list item that stands for a whole spliced list (the left operand of `++`). */
export interface Splice {
  kind: "unknown";
  text: string;
  param?: number;
  node: Node;
  splice: true;
}

const spliceMarker = (value: Value): Value => ({ ...(value.kind === "unknown" ? value : { kind: "unknown" as const, text: "", node: value.node }), splice: true }) as Value;

export const isSplice = (v: Value): boolean => (v as Partial<Splice>).splice === true;

const unknownOf = (v: Value, node: Node): Value => (v.kind === "unknown" ? v : { kind: "unknown", text: node.text, node });

export function keywordPairs(node: Node, env: Env): [string, Value][] {
  const pairs: [string, Value][] = [];
  for (const pair of named(node)) {
    if (!isType(pair, "pair")) continue;
    const key = pair.childForFieldName("key");
    const name = key ? keywordKey(key) : undefined;
    if (name !== undefined) pairs.push([name, evaluate(pair.childForFieldName("value"), env)]);
  }
  return pairs;
}

/** Atom keys of a map literal: `%{a: 1}`, `%{:a => 1}`, `%{"a.b": 1}`. String keys are not atoms. */
function mapKeys(node: Node): string[] {
  const keys: string[] = [];
  const content = named(node).find((c) => isType(c, "map_content"));
  for (const entry of named(content)) {
    if (isType(entry, "keywords")) {
      for (const pair of named(entry)) {
        const key = pair.childForFieldName("key");
        const name = key ? keywordKey(key) : undefined;
        if (name !== undefined) keys.push(name);
      }
    } else if (isType(entry, "binary_operator") && operatorOf(entry) === "=>") {
      const left = entry.childForFieldName("left");
      const name = left ? atomText(left) : undefined;
      if (name !== undefined) keys.push(name);
    }
  }
  return keys;
}

/** The argument nodes of a call (keywords at the end count as one argument). */
export function callArguments(node: Node): Node[] {
  const args = named(node).find((c) => isType(c, "arguments"));
  return named(args);
}

export function keyword(value: Value | undefined, key: string): Value | undefined {
  if (value?.kind === "keywords") return value.pairs.find(([k]) => k === key)?.[1];
  if (value?.kind === "list") {
    for (const item of value.items) if (item.kind === "tuple" && item.items[0]?.kind === "atom" && item.items[0].value === key) return item.items[1];
  }
  return undefined;
}

/** A literal list of atoms, or undefined. */
export function atomList(value: Value | undefined): string[] | undefined {
  if (value?.kind !== "list" || value.tail) return undefined;
  const out: string[] = [];
  for (const item of value.items) {
    if (item.kind !== "atom") return undefined;
    out.push(item.value);
  }
  return out;
}
