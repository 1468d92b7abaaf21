// --format markdown: a summary table for a PR comment or a job summary.
import type { Report } from "./report.js";
import { ruleMeta } from "./rules-meta.js";

const ICON = { error: "🔴 error", warning: "🟡 warning", info: "🔵 info" } as const;

const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

export function formatMarkdown(report: Report): string {
  const { error, warning, info } = report.summary;
  const lines = [
    "## telemetry-drift",
    "",
    `**${error} errors, ${warning} warnings, ${info} info** · ${report.inventory.events} events, ${report.inventory.metrics} metrics, ${report.inventory.series} series, ${report.inventory.queries} queries in ${report.inventory.files} files`,
    "",
  ];
  if (report.findings.length === 0) {
    lines.push("No drift found: every event, metric, series and label in the pipeline lines up.", "");
    return lines.join("\n");
  }
  lines.push("| Severity | Rule | Location | Finding |", "|---|---|---|---|");
  for (const f of report.findings) {
    const meta = ruleMeta(f.rule);
    const rule = meta ? `[\`${f.rule}\`](${meta.docsUrl})` : `\`${f.rule}\``;
    const chain = f.related.length ? `<br>↳ ${f.related.map((r) => `\`${cell(r.file)}:${r.line}\` ${cell(r.message)}`).join("<br>↳ ")}` : "";
    lines.push(`| ${ICON[f.severity]} | ${rule} | \`${cell(f.file)}:${f.line}\` | ${cell(f.message)}${chain} |`);
  }
  lines.push("");
  return lines.join("\n");
}
