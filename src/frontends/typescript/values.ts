// Constant resolution over TS/JS syntax: string literals, template literals with constant parts, `+`,
// `as const` objects and arrays, enum members, and identifiers bound to those — locally or imported from
// another project module (kept symbolic until the graph resolves the import). Never evaluates code.
import { pushAll } from "../../util/collections.js";
import type { TSESTree } from "@typescript-eslint/typescript-estree";
import type { ConstValue, SymbolicPart } from "../../model.js";

export type Resolved = { kind: "const"; value: ConstValue } | { kind: "symbolic"; parts: SymbolicPart[] };

export interface ImportBinding {
  specifier: string;
  /** The imported name ("default", "*" for a namespace, or the export name). */
  imported: string;
}

export interface ConstScope {
  constants: Map<string, TSESTree.Node>;
  enums: Map<string, Record<string, ConstValue>>;
  imports: Map<string, ImportBinding>;
}

type Node = TSESTree.Node;

const unwrap = (node: Node): Node => {
  let current = node;
  while (current.type === "TSAsExpression" || current.type === "TSSatisfiesExpression" || current.type === "TSNonNullExpression" || current.type === "TSTypeAssertion") {
    current = current.expression;
  }
  return current;
};

export function resolveValue(node: Node | null | undefined, scope: ConstScope, depth = 0): Resolved | undefined {
  if (!node || depth > 20) return undefined;
  const n = unwrap(node);
  switch (n.type) {
    case "Literal":
      return typeof n.value === "string" || typeof n.value === "number" ? { kind: "const", value: n.value } : undefined;
    case "TemplateLiteral": {
      const parts: SymbolicPart[] = [];
      n.quasis.forEach((quasi, i) => {
        parts.push({ kind: "literal", value: quasi.value.cooked ?? quasi.value.raw });
        const expr = n.expressions[i];
        if (expr) pushAll(parts, toParts(resolveValue(expr, scope, depth + 1)) ?? [{ kind: "literal", value: "\u0000" }]);
      });
      if (parts.some((p) => p.kind === "literal" && p.value.includes("\u0000"))) return undefined;
      return fromParts(parts);
    }
    case "BinaryExpression": {
      if (n.operator !== "+") return undefined;
      const left = toParts(resolveValue(n.left as Node, scope, depth + 1));
      const right = toParts(resolveValue(n.right, scope, depth + 1));
      return left && right ? fromParts([...left, ...right]) : undefined;
    }
    case "ArrayExpression": {
      const items: ConstValue[] = [];
      for (const element of n.elements) {
        const v = element && element.type !== "SpreadElement" ? resolveValue(element, scope, depth + 1) : undefined;
        if (v?.kind !== "const") return undefined;
        items.push(v.value);
      }
      return { kind: "const", value: items };
    }
    case "ObjectExpression": {
      const out: Record<string, ConstValue> = {};
      for (const prop of n.properties) {
        const key = propertyKey(prop);
        if (key === undefined) continue;
        const v = resolveValue((prop as TSESTree.Property).value, scope, depth + 1);
        if (v?.kind === "const") out[key] = v.value;
      }
      return { kind: "const", value: out };
    }
    case "Identifier": {
      const local = scope.constants.get(n.name);
      if (local) return resolveValue(local, scope, depth + 1);
      const imported = scope.imports.get(n.name);
      if (imported && isProjectSpecifier(imported.specifier)) return { kind: "symbolic", parts: [{ kind: "import", specifier: imported.specifier, path: imported.imported }] };
      return undefined;
    }
    case "MemberExpression": {
      const key = memberKey(n);
      if (key === undefined) return undefined;
      if (n.object.type === "Identifier") {
        const enumValues = scope.enums.get(n.object.name);
        if (enumValues && key in enumValues) return { kind: "const", value: enumValues[key]! };
        const imported = scope.imports.get(n.object.name);
        if (imported && !scope.constants.has(n.object.name) && isProjectSpecifier(imported.specifier)) {
          const path = imported.imported === "*" ? key : `${imported.imported}.${key}`;
          return { kind: "symbolic", parts: [{ kind: "import", specifier: imported.specifier, path }] };
        }
      }
      return resolvePath(n.object, [key], scope, depth + 1);
    }
    default:
      return undefined;
  }
}

/**
 * `resolveValue(node)` read through `keys` (`NAMES.http.requests`), resolving only the properties on the
 * way where the object is a literal: building the whole object for each access is quadratic in a file
 * that reads every key of a large constant object.
 */
function resolvePath(node: Node, keys: string[], scope: ConstScope, depth: number): Resolved | undefined {
  if (keys.length === 0) return resolveValue(node, scope, depth);
  if (depth > 20) return undefined;
  const n = unwrap(node);
  const local = n.type === "Identifier" ? scope.constants.get(n.name) : undefined;
  if (local) return resolvePath(local, keys, scope, depth + 1);
  if (n.type === "MemberExpression" && !(n.object.type === "Identifier" && (scope.enums.has(n.object.name) || scope.imports.has(n.object.name)))) {
    const key = memberKey(n);
    return key === undefined ? undefined : resolvePath(n.object, [key, ...keys], scope, depth + 1);
  }
  // An array's value is never indexed, whatever its elements.
  if (n.type === "ArrayExpression") return undefined;
  const properties = n.type === "ObjectExpression" ? propertiesOf(n) : undefined;
  // A `__proto__` property sets the built object's prototype, which the other keys read through.
  if (!properties || properties.has("__proto__")) return keys.reduce(member, resolveValue(n, scope, depth));
  const [key, ...rest] = keys as [string, ...string[]];
  // The built object holds the last property of that name whose value is constant. Nothing found under
  // a value: an earlier property counts only if that value is not constant. (An inherited member, a
  // function, has nothing under it either.)
  const candidates = properties.get(key) ?? [];
  for (let i = candidates.length - 1; i >= 0; i--) {
    const value = resolvePath(candidates[i]!, rest, scope, depth + 1);
    if (value?.kind === "const") return value;
    if (value === undefined && i > 0 && resolveValue(candidates[i], scope, depth + 1)?.kind === "const") return undefined;
  }
  // No constant of its own: the built object (a plain object) reads an inherited member (`constructor`).
  return rest.reduce(member, constant(({} as Record<string, ConstValue>)[key]));
}

/** The values of an object literal's plain properties by key, in source order (computed keys and spreads left out). */
const propertyIndex = new WeakMap<TSESTree.ObjectExpression, Map<string, Node[]>>();
function propertiesOf(object: TSESTree.ObjectExpression): Map<string, Node[]> {
  let index = propertyIndex.get(object);
  if (index) return index;
  index = new Map();
  for (const prop of object.properties) {
    const key = propertyKey(prop);
    if (key === undefined) continue;
    const values = index.get(key);
    const value = (prop as TSESTree.Property).value;
    if (values) values.push(value);
    else index.set(key, [value]);
  }
  propertyIndex.set(object, index);
  return index;
}

/** A plain property's key (`a:`, `"a.b":`, `1:`); undefined for a computed key or a spread. */
function propertyKey(prop: TSESTree.ObjectLiteralElement): string | undefined {
  if (prop.type !== "Property" || prop.computed) return undefined;
  return prop.key.type === "Identifier" ? prop.key.name : prop.key.type === "Literal" ? String(prop.key.value) : undefined;
}

/** A resolved value's member `key`: an object's property, or a longer path into an imported constant. */
function member(object: Resolved | undefined, key: string): Resolved | undefined {
  if (object?.kind === "const" && object.value !== null && typeof object.value === "object" && !Array.isArray(object.value)) {
    return constant((object.value as Record<string, ConstValue>)[key]);
  }
  if (object?.kind === "symbolic" && object.parts.length === 1 && object.parts[0]!.kind === "import") {
    const part = object.parts[0]!;
    return { kind: "symbolic", parts: [{ ...part, path: `${part.path}.${key}` }] };
  }
  return undefined;
}

const constant = (value: ConstValue | undefined): Resolved | undefined => (value === undefined ? undefined : { kind: "const", value });

export function memberKey(n: TSESTree.MemberExpression): string | undefined {
  if (!n.computed && n.property.type === "Identifier") return n.property.name;
  if (n.computed && n.property.type === "Literal") return String(n.property.value);
  return undefined;
}

function toParts(value: Resolved | undefined): SymbolicPart[] | undefined {
  if (!value) return undefined;
  if (value.kind === "symbolic") return value.parts;
  return typeof value.value === "string" || typeof value.value === "number" ? [{ kind: "literal", value: String(value.value) }] : undefined;
}

function fromParts(parts: SymbolicPart[]): Resolved {
  if (parts.every((p) => p.kind === "literal")) return { kind: "const", value: parts.map((p) => (p as { value: string }).value).join("") };
  // Merge adjacent literals for a compact symbolic name.
  const merged: SymbolicPart[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (part.kind === "literal" && last?.kind === "literal") merged[merged.length - 1] = { kind: "literal", value: last.value + part.value };
    else if (!(part.kind === "literal" && part.value === "")) merged.push(part);
  }
  return { kind: "symbolic", parts: merged };
}

/**
 * Any import may be a project module (relative, or a tsconfig `paths` alias such as `@app/metrics`);
 * the graph resolves it against the files present, and what does not resolve stays unknown.
 */
export const isProjectSpecifier = (specifier: string): boolean => !specifier.startsWith("node:");

export const stringOf = (value: Resolved | undefined): string | undefined => (value?.kind === "const" && typeof value.value === "string" ? value.value : undefined);

export function stringArrayOf(value: Resolved | undefined): string[] | undefined {
  if (value?.kind !== "const" || !Array.isArray(value.value)) return undefined;
  return value.value.every((v) => typeof v === "string") ? (value.value as string[]) : undefined;
}

export function numberArrayOf(value: Resolved | undefined): number[] | undefined {
  if (value?.kind !== "const" || !Array.isArray(value.value)) return undefined;
  return value.value.every((v) => typeof v === "number") ? (value.value as number[]) : undefined;
}
