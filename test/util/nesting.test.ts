import { describe, expect, it } from "vitest";
import { nestedTooDeep } from "../../src/util/nesting.js";

const nest = (n: number, open = "(", close = ")") => `${open.repeat(n)}1${close.repeat(n)}`;

describe("nestedTooDeep", () => {
  it("finds the first bracket past the limit, for every bracket kind", () => {
    expect(nestedTooDeep(`x = ${nest(3)};`, 3, "script")).toBeUndefined();
    expect(nestedTooDeep(`x = ${nest(4)};`, 3, "script")).toEqual({ offset: 7, limit: 3 });
    expect(nestedTooDeep("f([{a: ([1])}])", 4, "script")).toEqual({ offset: 8, limit: 4 });
    expect(nestedTooDeep("(())(())(())", 2, "script")).toBeUndefined();
  });

  it("does not count brackets in strings, template text or comments (JS)", () => {
    const js = [
      'const a = "((((((";',
      "const b = '[[[[[[';",
      "// {{{{{{",
      "/* (((((( */",
      "const c = `{{{{ ${f(g(1))} ((((`;",
      "const d = `${`${`(((`}`}`;",
    ].join("\n");
    expect(nestedTooDeep(js, 3, "script")).toBeUndefined();
    // Inside a template hole, brackets count again.
    expect(nestedTooDeep("const c = `${f(g(h(1)))}`;", 3, "script")).toEqual({ offset: 18, limit: 3 });
    // An unterminated string ends at the line end: the next line counts.
    expect(nestedTooDeep('x = "(((\ny = ((((1))))', 3, "script")).toEqual({ offset: 16, limit: 3 });
  });

  it("JSON: strings (with escapes) are skipped; quotes only mean strings", () => {
    expect(nestedTooDeep('{"a": "[[[[\\"[[[", "b": [[1]]}', 3, "json")).toBeUndefined();
    expect(nestedTooDeep('{"a": [[[1]]]}', 3, "json")).toEqual({ offset: 8, limit: 3 });
    // `//` is no comment in JSON: the bracket after it counts.
    expect(nestedTooDeep('{"a": [[ // [ \n 1]]}', 3, "json")).toEqual({ offset: 12, limit: 3 });
  });

  it("is linear: a 10 MB text of brackets is answered at once", () => {
    expect(nestedTooDeep("(".repeat(10_000_000), 256, "script")).toEqual({ offset: 256, limit: 256 });
    expect(nestedTooDeep("()".repeat(5_000_000), 256, "script")).toBeUndefined();
  });
});
