// Rule metadata for reporters (SARIF rules, --explain, docs links), derived from the checks themselves.
import { CHECKS, SUPPRESSION_UNUSED, type RuleId } from "../checks/index.js";
import type { Severity } from "../model.js";

export const DOCS_BASE = "https://github.com/telemetry-drift/telemetry-drift/blob/main/docs/rules/";

export interface RuleMeta {
  id: RuleId;
  defaultSeverity: Severity | "off";
  description: string;
  docsUrl: string;
}

export const RULES: readonly RuleMeta[] = [...CHECKS, SUPPRESSION_UNUSED].map((c) => ({
  id: c.id,
  defaultSeverity: c.defaultSeverity,
  description: c.description,
  docsUrl: `${DOCS_BASE}${c.id}.md`,
}));

export const ruleMeta = (id: string): RuleMeta | undefined => RULES.find((r) => r.id === id);
