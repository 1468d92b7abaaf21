import { describe, expect, it } from "vitest";
import { extractTypeScript } from "../../../src/frontends/typescript/index.js";

const constants = (code: string) => extractTypeScript("src/m.ts", code).moduleExports!.constants;

describe("constant member access (`NAMES.key`)", () => {
  it("reads one property of a constant object: duplicate keys, spreads, computed and numeric keys, wrappers", () => {
    expect(
      constants(`import { I } from "./i";
const K = "k";
const BASE = { fromSpread: "s" };
const N = {
  plain: "p",
  dup: "first", dup: "second",
  keepsConst: "c", keepsConst: compute(),
  keepsOverImport: "c2", keepsOverImport: I,
  onlyImport: I,
  ...BASE,
  [K]: "computed",
  ["lit"]: "computed-literal",
  1: "one",
  "quoted.key": "q",
  wrapped: "w" as string,
} as const satisfies object;
export const plain = N.plain;
export const dup = N.dup;
export const keepsConst = N.keepsConst;
export const keepsOverImport = N.keepsOverImport;
export const onlyImport = N.onlyImport;
export const onlyImportDeeper = N.onlyImport.x;
export const fromSpread = N.fromSpread;
export const byComputedName = N[K];
export const k = N.k;
export const lit = N.lit;
export const one = N[1];
export const oneText = N["1"];
export const quoted = N["quoted.key"];
export const wrapped = (N as any).wrapped;
export const missing = N.missing;
export const inTemplate = \`\${N.plain}.\${N[1]}\`;`),
    ).toEqual({
      plain: "p",
      dup: "second",
      keepsConst: "c",
      keepsOverImport: "c2",
      one: "one",
      oneText: "one",
      quoted: "q",
      wrapped: "w",
      inTemplate: "p.one",
    });
  });

  it("reads nested objects, objects named by other constants, and the last constant of duplicate object keys", () => {
    expect(
      constants(`const G = { k: "g" };
const H = { sub: { k: "h" } };
const N = {
  group: { inner: { leaf: "l" }, other: "o" },
  viaConstant: G,
  viaMember: H.sub,
  twice: { a: "1" }, twice: { b: "2" },
  objectThenCall: { a: "3" }, objectThenCall: compute(),
};
const ALIAS = N;
export const leaf = N.group.inner.leaf;
export const leafComputed = N["group"]["inner"]["leaf"];
export const group = N.group;
export const viaConstant = N.viaConstant.k;
export const viaMember = N.viaMember.k;
export const viaAlias = ALIAS.group.other;
export const twiceA = N.twice.a;
export const twiceB = N.twice.b;
export const objectThenCall = N.objectThenCall.a;
export const missingDeep = N.group.nothing.leaf;`),
    ).toEqual({
      leaf: "l",
      leafComputed: "l",
      group: { inner: { leaf: "l" }, other: "o" },
      viaConstant: "g",
      viaMember: "h",
      viaAlias: "o",
      twiceB: "2",
      objectThenCall: "3",
    });
  });

  it("reads an absent key as the built object does: inherited members, and a `__proto__` literal as the prototype", () => {
    const f = constants(`const N = { a: "x" };
const P = { __proto__: { fromProto: "p" }, own: "o" };
export const inherited = N.constructor;
export const fromProto = P.fromProto;
export const own = P.own;`);
    expect(f.inherited).toBe(Object);
    expect(f.fromProto).toBe("p");
    expect(f.own).toBe("o");
  });

  it("never indexes arrays or strings, keeps imports symbolic, and prefers enum members", () => {
    const f = extractTypeScript(
      "src/m.ts",
      `import { NAMES } from "./names";
import * as NS from "./ns";
enum E { A = "e.a" }
const A = ["a.x", "a.y"];
const S = "text";
const meter = metrics.getMeter("m");
meter.createCounter(A[0]);
meter.createCounter(A.length);
meter.createCounter(S.length);
meter.createCounter(E.A);
meter.createCounter(E.A.length);
meter.createCounter(E.B);
meter.createCounter(NAMES.a.b);
meter.createCounter(NS.a.b);
meter.createCounter((NS as any).a);`,
    );
    expect(f.metrics.map((m) => m.name[0])).toEqual(["e.a", "\u0000unresolved", "\u0000unresolved", "\u0000unresolved"]);
    expect(f.dynamicMetrics!.map((d) => d.expression)).toEqual(["A[0]", "A.length", "S.length", "E.A.length", "E.B"]);
    expect(f.symbolicNames!.map((s) => s.parts)).toEqual([
      [{ kind: "import", specifier: "./names", path: "NAMES.a.b" }],
      [{ kind: "import", specifier: "./ns", path: "a.b" }],
      [{ kind: "import", specifier: "./ns", path: "*.a" }],
    ]);
  });

  it("resolves module-level constants only (a parameter of the same name is not a scope of its own)", () => {
    const f = extractTypeScript("src/m.ts", `const N = { a: "n.a" };\nfunction f(N) { metrics.getMeter("m").createCounter(N.a); }`);
    expect(f.metrics.map((m) => m.name[0])).toEqual(["n.a"]);
  });

  it("stops at the same depth of nesting and indirection", () => {
    // Object literals nested `levels` deep, read through a chain of `levels` member accesses.
    const nested = (levels: number) => `const N = ${"{ a: ".repeat(levels)}"leaf"${" }".repeat(levels)};\nexport const read = N${".a".repeat(levels)};`;
    const resolvedLevels = [1, 9, 10, 12].filter((levels) => constants(nested(levels)).read === "leaf");
    expect(resolvedLevels).toEqual([1, 9]);
    // A chain of constants naming each other, read through an object.
    const chain = (links: number) =>
      `const C0 = { a: "leaf" };\n${Array.from({ length: links }, (_, i) => `const C${i + 1} = C${i};`).join("\n")}\nexport const read = C${links}.a;`;
    const resolvedLinks = [1, 17, 18, 22].filter((links) => constants(chain(links)).read === "leaf");
    expect(resolvedLinks).toEqual([1, 17]);
  });
});
