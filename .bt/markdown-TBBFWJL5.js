import{createRequire as __cr}from'module';const require=__cr(import.meta.url);
import {
  ruleMeta
} from "./chunk-5TWVIY3J.js";
import "./chunk-3DP6IDV7.js";
import "./chunk-AGQ7I7ID.js";
import "./chunk-OACWHI7E.js";
import "./chunk-KOIDW7GI.js";
import "./chunk-M6CLNAAX.js";
import "./chunk-FG2ZX6CO.js";
import "./chunk-QA6RBL5S.js";

// dist/src/report/markdown.js
var ICON = { error: "\u{1F534} error", warning: "\u{1F7E1} warning", info: "\u{1F535} info" };
var cell = (s) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
function formatMarkdown(report) {
  const { error, warning, info } = report.summary;
  const lines = [
    "## telemetry-drift",
    "",
    `**${error} errors, ${warning} warnings, ${info} info** \xB7 ${report.inventory.events} events, ${report.inventory.metrics} metrics, ${report.inventory.series} series, ${report.inventory.queries} queries in ${report.inventory.files} files`,
    ""
  ];
  if (report.findings.length === 0) {
    lines.push("No drift found: every event, metric, series and label in the pipeline lines up.", "");
    return lines.join("\n");
  }
  lines.push("| Severity | Rule | Location | Finding |", "|---|---|---|---|");
  for (const f of report.findings) {
    const meta = ruleMeta(f.rule);
    const rule = meta ? `[\`${f.rule}\`](${meta.docsUrl})` : `\`${f.rule}\``;
    const chain = f.related.length ? `<br>\u21B3 ${f.related.map((r) => `\`${cell(r.file)}:${r.line}\` ${cell(r.message)}`).join("<br>\u21B3 ")}` : "";
    lines.push(`| ${ICON[f.severity]} | ${rule} | \`${cell(f.file)}:${f.line}\` | ${cell(f.message)}${chain} |`);
  }
  lines.push("");
  return lines.join("\n");
}
export {
  formatMarkdown
};
