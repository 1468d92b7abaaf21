// PromQL regular expressions (RE2 syntax, fully anchored) matched against known names and label values.
// Patterns come from dashboards, i.e. from outside: a pattern that could backtrack catastrophically in
// JavaScript's engine, or that uses syntax RE2 and JS read differently, is not run at all: the matcher
// answers "can't tell" (true), which can never turn into a missing-series or missing-label alarm.

export type NameMatcher = (name: string) => boolean;

const CANT_TELL: NameMatcher = () => true;
const cache = new Map<string, NameMatcher>();

const POSIX_CLASSES: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-/:-@[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

/** Compiles an RE2 pattern to an anchored matcher, or a "can't tell" matcher when that is not safe. */
export function compileNamePattern(pattern: string): NameMatcher {
  let matcher = cache.get(pattern);
  if (!matcher) {
    matcher = compile(pattern);
    if (cache.size > 10_000) cache.clear();
    cache.set(pattern, matcher);
  }
  return matcher;
}

function compile(pattern: string): NameMatcher {
  let source = pattern;
  let flags = "u";
  const flagGroup = /^\(\?([imsU]+)\)/.exec(source);
  if (flagGroup) {
    if (flagGroup[1]!.includes("U")) return CANT_TELL; // ungreedy: no JS equivalent
    if (flagGroup[1]!.includes("i")) flags += "i";
    if (flagGroup[1]!.includes("s")) flags += "s";
    source = source.slice(flagGroup[0].length);
  }
  // Syntax JavaScript would read differently from RE2 (or RE2 rejects): lookarounds, backreferences,
  // named groups in Python form, inline flags mid-pattern, \C, \z, \Q…\E.
  if (/\(\?[=!<]|\\[1-9]|\(\?P<|\(\?[a-zA-Z]|\\[CzQEpP]/.test(source)) return CANT_TELL;
  if (hasNestedQuantifier(source)) return CANT_TELL;
  source = source.replace(/\[:(\^?)([a-z]+):\]/g, (whole, negated: string, name: string) => {
    const cls = POSIX_CLASSES[name];
    return cls && !negated ? cls : whole;
  });
  try {
    const re = new RegExp(`^(?:${source})$`, flags);
    return (name) => re.test(name);
  } catch {
    return CANT_TELL;
  }
}

/**
 * A quantified group that itself contains a quantifier (`(a+)+`, `(a|aa)*`, `(x*y?){2,}`) is the shape
 * that backtracks exponentially. Alternation inside a quantified group counts too.
 */
function hasNestedQuantifier(source: string): boolean {
  const stack: { quantified: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") {
      inClass = true;
      continue;
    }
    if (c === "(") {
      stack.push({ quantified: false });
      continue;
    }
    if (c === ")") {
      const group = stack.pop();
      const next = source[i + 1];
      const groupQuantified = next === "*" || next === "+" || next === "?" || next === "{";
      if (group?.quantified && groupQuantified && next !== "?") return true;
      if (stack.length && (group?.quantified || groupQuantified)) stack[stack.length - 1]!.quantified = true;
      continue;
    }
    if ((c === "*" || c === "+" || c === "{" || c === "|") && stack.length) stack[stack.length - 1]!.quantified = true;
  }
  return false;
}
