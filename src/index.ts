// Library API: `check()` returns the same report object that `--format json` prints.
import { analyze, type AnalyzeOptions } from "./engine/run.js";
import type { Report } from "./report/report.js";

export async function check(options: AnalyzeOptions = {}): Promise<Report> {
  return (await analyze(options)).report;
}

export { analyze } from "./engine/run.js";
export { buildInventory } from "./engine/analysis.js";
export type { AnalyzeOptions, Analysis } from "./engine/run.js";
export type { Report, Inventory } from "./report/report.js";
export type { Finding, Severity, RelatedLocation } from "./model.js";
export type { Config } from "./config/config.js";
export { ConfigError } from "./config/config.js";
export { RULE_IDS } from "./checks/index.js";
