// Output of `telemetry-drift live`: the live report object (--format json) and its pretty form.
import type { ChalkInstance } from "chalk";
import type { Finding } from "../model.js";
import { formatFindingGroups } from "../report/pretty.js";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";
import type { LiveSnapshot } from "./snapshot.js";

export interface LiveReport {
  version: 1;
  tool: { name: string; version: string };
  /** The analysis root, as `.`: finding paths of contract definitions are relative to it. */
  root: string;
  live: {
    source: "prometheus" | "scrape";
    description: string;
    scope?: string;
    /** Distinct live series names read. */
    series: number;
    /** Distinct series names in the contract that come from metric definitions (checked for presence). */
    contractSeries: number;
  };
  findings: Finding[];
  summary: { error: number; warning: number; info: number };
}

export function liveReport(findings: Finding[], live: LiveSnapshot, contractSeries: number): LiveReport {
  return {
    version: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    root: ".",
    live: {
      source: live.kind,
      description: live.description,
      ...(live.scope ? { scope: live.scope } : {}),
      series: new Set(live.series.map((s) => s.name)).size,
      contractSeries,
    },
    findings,
    summary: {
      error: findings.filter((f) => f.severity === "error").length,
      warning: findings.filter((f) => f.severity === "warning").length,
      info: findings.filter((f) => f.severity === "info").length,
    },
  };
}

export const formatLiveJson = (report: LiveReport): string => `${JSON.stringify(report, null, 2)}\n`;

export function formatLivePretty(report: LiveReport, chalk: ChalkInstance): string {
  const { lines: out } = formatFindingGroups(report.findings, chalk);
  const { error, warning } = report.summary;
  const counts = `${error} ${error === 1 ? "error" : "errors"}, ${warning} ${warning === 1 ? "warning" : "warnings"}`;
  const live = report.live;
  const mark = error ? chalk.red("✖") : warning ? chalk.yellow("⚠") : chalk.green("✔");
  out.push(`${mark} ${counts}; ${live.contractSeries} contract series compared with ${live.series} live series from ${live.description}`);
  if (live.scope) out.push(chalk.dim(`  unexpected series searched among: ${live.scope}`));
  return `${out.join("\n")}\n`;
}
