import{createRequire as __cr}from'module';const require=__cr(import.meta.url);
import {
  emptyFacts,
  require_ignore
} from "./chunk-M6CLNAAX.js";
import {
  __toESM
} from "./chunk-QA6RBL5S.js";

// dist/src/engine/scope.js
var import_ignore = __toESM(require_ignore(), 1);
function fileScope(path, kind, config) {
  const dashboardGlobs = config.dashboards?.length ? globMatcher(config.dashboards) : void 0;
  const ruleGlobs = config.ruleFiles?.length ? globMatcher(config.ruleFiles) : void 0;
  const outOfScope = kind === "json" && dashboardGlobs !== void 0 && !dashboardGlobs.ignores(path) && !/(^|\/)tsconfig[^/]*\.json$/.test(path) || kind === "yaml" && ruleGlobs !== void 0 && !ruleGlobs.ignores(path);
  return { inScope: !outOfScope, forcedDashboard: dashboardGlobs !== void 0, forcedRuleFile: ruleGlobs !== void 0 };
}
function problemFacts(path, kind, problem, config) {
  return fileScope(path, kind, config).inScope ? { ...emptyFacts(path), problems: [problem] } : void 0;
}
var matchers = /* @__PURE__ */ new Map();
var globMatcher = (globs) => {
  const key = globs.join("\0");
  let m = matchers.get(key);
  if (!m)
    matchers.set(key, m = (0, import_ignore.default)().add(globs));
  return m;
};

export {
  fileScope,
  problemFacts
};
