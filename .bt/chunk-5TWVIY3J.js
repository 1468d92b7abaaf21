import{createRequire as __cr}from'module';const require=__cr(import.meta.url);
import {
  CHECKS,
  SUPPRESSION_UNUSED
} from "./chunk-3DP6IDV7.js";

// dist/src/report/rules-meta.js
var DOCS_BASE = "https://github.com/telemetry-drift/telemetry-drift/blob/main/docs/rules/";
var RULES = [...CHECKS, SUPPRESSION_UNUSED].map((c) => ({
  id: c.id,
  defaultSeverity: c.defaultSeverity,
  description: c.description,
  docsUrl: `${DOCS_BASE}${c.id}.md`
}));
var ruleMeta = (id) => RULES.find((r) => r.id === id);

export {
  DOCS_BASE,
  RULES,
  ruleMeta
};
