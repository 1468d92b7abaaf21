// --format github: GitHub Actions workflow commands, one annotation per finding.
import type { Finding } from "../model.js";
import type { Report } from "./report.js";
import { visibleControls } from "../util/visible.js";

export const escapeData = (s: string): string => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

const COMMAND = { error: "error", warning: "warning", info: "notice" } as const;

export function formatGithub(report: Report): string {
  return report.findings.map(formatAnnotation).join("");
}

/** One finding as a workflow command (`::error file=…,line=…::message`). */
export function formatAnnotation(f: Finding): string {
  const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.column}`];
  if (f.endLine !== undefined) props.push(`endLine=${f.endLine}`);
  if (f.endColumn !== undefined && (f.endLine === undefined || f.endLine === f.line)) props.push(`endColumn=${f.endColumn}`);
  props.push(`title=${escapeProperty(`telemetry-drift (${f.rule})`)}`);
  // The message quotes names from the tree: its control characters (line breaks aside, which the
  // command encodes) are shown as escapes in the log.
  return `::${COMMAND[f.severity]} ${props.join(",")}::${escapeData(visibleControls(f.message, "\r\n"))}\n`;
}
