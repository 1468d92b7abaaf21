// Where a variable sits decides its replacement: in a string (and which quote closes it), in a range
// or subquery bracket, or elsewhere. Pinned for many variables in one expression, each judged from
// what precedes it (one forward pass serves them all).
import { describe, expect, it } from "vitest";
import { substituteVariables } from "../../src/consumers/grafana/variables.js";

const vars = new Map([
  ["q", { name: "q", type: "query" }],
  ["c", { name: "c", type: "custom", current: "cv" }],
  ["quoted", { name: "quoted", type: "custom", current: `a"b'c\\d` }],
]);
const text = (expr: string, builtinsOnly = false): string => substituteVariables(expr, vars, builtinsOnly).text;

describe("variables by position", () => {
  it("in strings: each variable of a selector, whatever the strings before it", () => {
    expect(text('x{a="$q", b=~"${c}|$q", c!="", d="[$c"} * $c')).toBe('x{a="__tdvar_q__", b=~"cv|__tdvar_q__", c!="", d="[cv"} * cv');
    expect(text('x{a="$q$q$q"}')).toBe('x{a="__tdvar_q____tdvar_q____tdvar_q__"}');
    // Right after a closing quote, and in an unterminated string.
    expect(text('x{a=""$c, b="$c')).toBe('x{a=""cv, b="cv');
  });

  it("a value in a string is escaped for the nearest quote before the variable", () => {
    expect(text('x{a="$quoted", b=\'$quoted\', c=`$quoted`}')).toBe(`x{a="a\\"b'c\\\\d", b='a"b\\'c\\\\d', c=\`a\\\`b'c\\\\d\`}`);
    expect(text(`x{a="it's $quoted"}`)).toBe(`x{a="it's a"b\\'c\\\\d"}`);
  });

  it("in brackets: a duration when the nearest bracket, brace, parenthesis or comma before it is `[`", () => {
    expect(text("rate(x[$q]) + rate(x[1m:$c]) + x * $c * $q")).toBe("rate(x[5m]) + rate(x[1m:5m]) + x * cv * __tdvar0__");
    expect(text("x[${q}${q}] * [$c, $c]")).toBe("x[5m__tdvar0__] * [5m, cv]");
    // Brackets in strings count too.
    expect(text('x{a="["} * $c [ "]" $c')).toBe('x{a="["} * cv [ "]" cv');
  });

  it("built-ins only: other variables stay as written, positions still judged for the built-ins", () => {
    expect(text('rate(x{a="$q"}[$__rate_interval]) * $c * $__range_s', true)).toBe('rate(x{a="$q"}[5m]) * $c * 300');
  });

  it("offsets map back through many replacements", () => {
    const s = substituteVariables("$c*$q*$c", vars);
    expect(s.text).toBe("cv*__tdvar0__*cv");
    expect(s.map).toEqual([0, 0, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 5, 6, 6, 8]);
    expect(s.markers).toEqual(["q"]);
  });
});
