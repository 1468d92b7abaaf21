// literalPrefix must be sound: every name RE2 fully matches starts with it (metric-unused tests a
// pattern only against the names in its prefix's range).
import { describe, expect, it } from "vitest";
import { RE2JS } from "re2js";
import { literalPrefix } from "../../src/promql/regex.js";

describe("literalPrefix", () => {
  it("is the leading run of name characters, less one before a quantifier; empty when alternatives may start elsewhere", () => {
    expect(literalPrefix("node_.*")).toBe("node_");
    expect(literalPrefix("http_requests_(total|count)")).toBe("http_requests_");
    expect(literalPrefix("job:errors:rate5m")).toBe("job:errors:rate5m");
    expect(literalPrefix("abc?d")).toBe("ab");
    expect(literalPrefix("ab*")).toBe("a");
    expect(literalPrefix("ab+")).toBe("a");
    expect(literalPrefix("ab{0,2}")).toBe("a");
    expect(literalPrefix("a_.*|b_.*")).toBe("");
    expect(literalPrefix("a_(x|y)|b")).toBe("");
    expect(literalPrefix("a_[|]b")).toBe("a_");
    expect(literalPrefix("a_\\|b")).toBe("a_");
    expect(literalPrefix("a_[]|]b")).toBe("a_");
    expect(literalPrefix("(?i)node_.*")).toBe("");
    expect(literalPrefix(".*_total")).toBe("");
    expect(literalPrefix("\\Qa.b\\E")).toBe("");
  });

  it("never excludes a name RE2 matches (random patterns and names)", () => {
    let state = 3;
    const next = (n: number) => Math.floor(((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x80000000) * n);
    const pieces = ["a", "b", "_", ":", "ab", ".", ".*", "?", "*", "+", "{1,2}", "|", "(", ")", "[ab]", "[|]", "\\|", "(?i)", "[^a]"];
    const names = ["", "a", "b", "ab", "ba", "a_b", "aab", "b_a", "A", "AB", "a:b", "abab", "_", "a|b", "bb_a"];
    let checked = 0;
    for (let k = 0; k < 3000; k++) {
      const pattern = Array.from({ length: 1 + next(6) }, () => pieces[next(pieces.length)]).join("");
      let re: RE2JS;
      try {
        re = RE2JS.compile(pattern);
      } catch {
        continue; // rejected patterns never reach the prefix (they read everything)
      }
      const prefix = literalPrefix(pattern);
      for (const name of names) if (re.matches(name)) expect(name.startsWith(prefix), `${pattern} matches ${name}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
