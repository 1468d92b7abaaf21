// PromQL analysis: expression → selectors, matchers, labels used and created, errors.
export { analyzePromQL, describeSyntaxError, unquote, type PromQLResult, type PromQLSelector, type PromQLMatcher, type PromQLError } from "./analyze.js";
export { canTell, compileNamePattern, literalPrefix, type NameMatcher } from "./regex.js";
