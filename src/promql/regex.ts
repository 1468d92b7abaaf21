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

/** False for a pattern RE2 rejects (its matcher answers "can't tell", i.e. true for everything). */
export const canTell = (pattern: string): boolean => compileNamePattern(pattern) !== CANT_TELL;

/** Compiles an RE2 pattern to an anchored matcher, or a "can't tell" matcher when RE2 rejects it. */
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

/**
 * Text every name the pattern fully matches starts with: its leading run of metric-name characters
 * (`node_` in `node_.*`, `http_requests_` in `http_requests_(total|count)`), less the last one when a
 * quantifier follows it (`ab?`: `a`). "" when there is none to rely on: the pattern starts with anything
 * else (a group, a class, a flag, an escape) or has a top-level `|` (`a_.*|b_.*`). Lets a caller test a
 * pattern only against the names in its prefix's range.
 */
export function literalPrefix(pattern: string): string {
  let end = 0;
  while (end < pattern.length && /[A-Za-z0-9_:]/.test(pattern[end]!)) end++;
  if (end === 0 || hasTopLevelAlternation(pattern)) return "";
  return /^[?*+{]/.test(pattern.slice(end)) ? pattern.slice(0, end - 1) : pattern.slice(0, end);
}

function hasTopLevelAlternation(pattern: string): boolean {
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "[") {
      // A class: `]` right after `[` or `[^` is a member; `\]` too.
      i++;
      if (pattern[i] === "^") i++;
      if (pattern[i] === "]") i++;
      while (i < pattern.length && pattern[i] !== "]") i += pattern[i] === "\\" ? 2 : 1;
    } else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth <= 0) return true;
  }
  return false;
}
