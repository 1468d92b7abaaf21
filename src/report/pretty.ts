// --format pretty (default on a TTY): findings grouped by file, coloured with chalk, then a summary line.
// Text from the analysed tree (paths, messages, the baseline's path from its config) goes through
// `visibleControls` before it is coloured, so that a control character in a file or metric name is shown
// as an escape (`\x1b`, `\r`) instead of moving the cursor, retitling the window or hiding a line.
import { Chalk, type ChalkInstance } from "chalk";
import type { Finding } from "../model.js";
import type { Report } from "./report.js";
import { pushTo } from "../util/collections.js";
import { visibleControls as shown } from "../util/visible.js";

/** Colour level from the environment: FORCE_COLOR wins, then NO_COLOR, then whether stdout is a TTY. */
export function colourFor(env: NodeJS.ProcessEnv, isTTY: boolean): ChalkInstance {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") {
    const level = force === "false" || force === "0" ? 0 : Math.min(3, Math.max(1, Number(force) || 1));
    return new Chalk({ level: level as 0 | 1 | 2 | 3 });
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return new Chalk({ level: 0 });
  return new Chalk({ level: isTTY ? 1 : 0 });
}

export function formatPretty(report: Report, chalk: ChalkInstance): string {
  const { lines: out, files } = formatFindingGroups(report.findings, chalk);
  const { error, warning, info } = report.summary;
  const counts = [`${error} ${error === 1 ? "error" : "errors"}`, `${warning} ${warning === 1 ? "warning" : "warnings"}`];
  if (info) counts.push(`${info} info`);
  const inv = report.inventory;
  const baselined = report.baseline ? `; ${report.baseline.matched} known in the baseline ${shown(report.baseline.file)}${report.baseline.stale ? `, ${report.baseline.stale} stale` : ""}` : "";
  const summary = `${counts.join(", ")} in ${files} ${files === 1 ? "file" : "files"}; ${inv.events} events, ${inv.metrics} metrics, ${inv.queries} queries${baselined}`;
  const mark = error ? chalk.red("✖") : warning ? chalk.yellow("⚠") : chalk.green("✔");
  out.push(`${mark} ${summary}`);
  return `${out.join("\n")}\n`;
}

/** Findings grouped by file, each with its provenance chain (shared by the drift and live reports). */
export function formatFindingGroups(findings: readonly Finding[], chalk: ChalkInstance): { lines: string[]; files: number } {
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) pushTo(byFile, f.file, f);
  const severityText = { error: chalk.red("error"), warning: chalk.yellow("warning"), info: chalk.blue("info") };
  for (const [file, group] of byFile) {
    out.push(chalk.underline(shown(file)));
    for (const f of group) {
      const position = (f.line > 0 ? `${f.line}:${f.column}` : "-").padEnd(8);
      out.push(`  ${chalk.dim(position)}${severityText[f.severity].padEnd(chalk.level > 0 ? 17 : 8)} ${shown(f.message)}  ${chalk.dim(shown(f.rule))}`);
      for (const r of f.related) out.push(`  ${" ".repeat(16)}${chalk.dim(`↳ ${shown(r.line > 0 ? `${r.file}:${r.line}` : r.file)}  ${shown(r.message)}`)}`);
    }
    out.push("");
  }
  return { lines: out, files: byFile.size };
}
