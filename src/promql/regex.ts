// PromQL regular expressions (RE2 syntax, fully anchored) matched against known names and label values.
// Patterns come from dashboards, i.e. from outside, so they run on re2js: RE2's automaton matches in
// time linear in the input whatever the pattern (`(a+)+$` on a 50k-character name is as cheap as `a+`),
// with RE2's own syntax and semantics (POSIX classes, `(?i)`, `\pL`, `\Q…\E`; no lookarounds, no
// backreferences). `matches` is a full match, which is how Prometheus anchors a matcher: `^(?:pattern)$`.
// `.` does not match `\n` unless the pattern says `(?s)` (RE2's default).
//
// A pattern RE2 rejects gets the "can't tell" matcher (true for every name): Prometheus itself would
// reject the query, and a guess here must never turn into a missing-series or missing-label alarm.
import { RE2JS } from "re2js";

export type NameMatcher = (name: string) => boolean;

const CANT_TELL: NameMatcher = () => true;
const cache = new Map<string, NameMatcher>();
const MAX_CACHED = 10_000;

/** Compiles an RE2 pattern to an anchored matcher, or a "can't tell" matcher when RE2 rejects it. */
/** False for a pattern RE2 rejects (its matcher answers "can't tell", i.e. true for everything). */
export const canTell = (pattern: string): boolean => compileNamePattern(pattern) !== CANT_TELL;

export function compileNamePattern(pattern: string): NameMatcher {
  let matcher = cache.get(pattern);
  if (!matcher) {
    matcher = compile(pattern);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(pattern, matcher);
  }
  return matcher;
}

function compile(pattern: string): NameMatcher {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch {
    // Syntax RE2 rejects (`(?=`, `\1`, `a{1001}`, unbalanced parentheses, too deep or too large).
    return CANT_TELL;
  }
  return (name) => {
    try {
      return re.matches(name);
    } catch {
      return true; // an internal engine error is not a reason to report anything
    }
  };
}
