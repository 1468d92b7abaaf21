import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, type TSESTree } from "@typescript-eslint/typescript-estree";
import { describe, expect, it } from "vitest";
import { lineStartsOf, positionAt } from "../../../src/frontends/typescript/positions.js";

// The extractor parses without `loc` and computes the locations it keeps from `range`: every node's and
// comment's `loc`, as typescript-estree computes it, must come out the same.

const tricky: Record<string, string> = {
  "crlf.ts": 'const a = 1;\r\nconst b = "x";\r\n\r\nfoo(a,\r\n  b);\r\n',
  "lone-cr.ts": "const a = 1;\rconst b = 2;\r\rcall(a, b);\n// tail\r",
  "separators.ts": "const a = 1;\u2028const b = 2;\u2029call(a, b); /* x\u2028y */ done();\n",
  "astral.ts": 'const s = "𝄞𝄞 ünïcödé";\nconst t = `${s} 😀 ${s}`;\n  /* 😀 */ call(s, t);\n',
  "bom.ts": "\uFEFFconst a = 1;\nexport default a;\n",
  "tabs.ts": "\tif (x) {\n\t\tcall(x);\n\t}\n",
  "no-final-newline.ts": "a();\nb()",
  "empty.ts": "",
  "jsx.tsx": "const el = <div a=\"1\">\r\n  {x}\u2028</div>;\n",
};

function fixtureSources(): [string, string][] {
  const found: [string, string][] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules") walk(path);
      else if (entry.isFile() && /\.(?:[cm]?[jt]sx?)$/.test(entry.name)) found.push([path, readFileSync(path, "utf8")]);
    }
  };
  walk("fixtures");
  return found;
}

function eachLocated(program: TSESTree.Program, visit: (node: { range: TSESTree.Range; loc: TSESTree.SourceLocation }) => void): void {
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (!value || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) return value.forEach(walk);
    const node = value as Record<string, unknown>;
    if (Array.isArray(node.range) && node.loc) visit(node as never);
    for (const [key, child] of Object.entries(node)) if (key !== "parent" && key !== "loc" && key !== "range") walk(child);
  };
  walk(program);
}

describe("positionAt", () => {
  const sources = [...Object.entries(tricky), ...fixtureSources()];

  it("has sources to compare", () => {
    expect(sources.length).toBeGreaterThan(20);
  });

  it.each(sources)("gives typescript-estree's loc for every node and comment of %s", (file, text) => {
    const program = parse(text, { loc: true, range: true, comment: true, tokens: true, jsx: /\.[jt]sx$|\.js$/.test(file), jsDocParsingMode: "none" });
    const starts = lineStartsOf(text);
    let compared = 0;
    eachLocated(program, (node) => {
      expect(positionAt(starts, node.range[0])).toEqual({ line: node.loc.start.line, column: node.loc.start.column });
      expect(positionAt(starts, node.range[1])).toEqual({ line: node.loc.end.line, column: node.loc.end.column });
      compared++;
    });
    expect(compared).toBeGreaterThan(0);
  });

  it("counts \\r\\n as one break and a lone \\r, U+2028 and U+2029 as breaks", () => {
    expect(lineStartsOf("a\r\nb\rc\u2028d\u2029e\nf")).toEqual([0, 3, 5, 7, 9, 11]);
    expect(positionAt(lineStartsOf("ab\ncd"), 4)).toEqual({ line: 2, column: 1 });
    expect(positionAt(lineStartsOf(""), 0)).toEqual({ line: 1, column: 0 });
  });
});
