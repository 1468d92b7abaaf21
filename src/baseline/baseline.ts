// Baselines, for adopting the tool on a repo that already drifts: `telemetry-drift baseline` records the
// fingerprints of today's findings; later runs with `--baseline FILE` report only findings not in it,
// and report each entry that no longer matches anything (suppression-unused), so the file shrinks as
// drift is fixed. Fingerprints ignore line numbers (see report/fingerprint.ts).
import { parse as parseJson } from "@humanwhocodes/momoa";
import type { Finding, Severity } from "../model.js";
import type { Report } from "../report/report.js";
import { compareFindings } from "../report/report.js";
import { TOOL_NAME } from "../version.js";

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  file: string;
  subject: string;
}

export interface Baseline {
  entries: BaselineEntry[];
  /** Line of each entry in the baseline file (same order), for stale-entry findings. */
  lines: number[];
}

export const DEFAULT_BASELINE_FILE = "telemetry-drift-baseline.json";

/** Today's findings as a baseline file's text: sorted, no line numbers, so it only changes when findings do. */
export function formatBaseline(report: Report): string {
  const entries = report.findings
    .filter((f) => f.fingerprint && f.rule !== "suppression-unused")
    .map((f) => ({ fingerprint: f.fingerprint!, rule: f.rule, file: f.file, subject: f.subject }))
    .sort((a, b) => cmp(a.file, b.file) || cmp(a.rule, b.rule) || cmp(a.subject, b.subject) || cmp(a.fingerprint, b.fingerprint));
  const body = entries.map((e) => `    ${JSON.stringify(e)}`).join(",\n");
  return `{\n  "version": 1,\n  "tool": "${TOOL_NAME}",\n  "findings": [\n${body}${body ? "\n" : ""}  ]\n}\n`;
}

/** A baseline file's text → entries, or a one-line error naming the file and line. */
export function parseBaseline(file: string, text: string): Baseline | { error: string } {
  let doc;
  try {
    doc = parseJson(text);
  } catch (error) {
    const e = error as Error & { line?: number };
    return { error: `${file}:${e.line ?? 1}: not a telemetry-drift baseline (invalid JSON: ${e.message})` };
  }
  const body = doc.body;
  const list = body.type === "Object" ? body.members.find((m) => m.name.type === "String" && m.name.value === "findings")?.value : undefined;
  if (list?.type !== "Array") return { error: `${file}:1: not a telemetry-drift baseline (no "findings" list; write one with \`telemetry-drift baseline\`)` };
  const entries: BaselineEntry[] = [];
  const lines: number[] = [];
  for (const element of list.elements) {
    const node = element.value;
    const fields: Record<string, string> = {};
    if (node.type === "Object") for (const m of node.members) if (m.name.type === "String" && m.value.type === "String") fields[m.name.value] = m.value.value;
    if (!fields.fingerprint || !fields.rule || fields.file === undefined || fields.subject === undefined) {
      return { error: `${file}:${node.loc.start.line}: a baseline entry needs "fingerprint", "rule", "file" and "subject"` };
    }
    entries.push({ fingerprint: fields.fingerprint, rule: fields.rule, file: fields.file, subject: fields.subject });
    lines.push(node.loc.start.line);
  }
  return { entries, lines };
}

/**
 * Drops the findings the baseline knows (by fingerprint, each entry matching one finding) and adds one
 * suppression-unused finding per entry that matched nothing. `staleSeverity` "off" drops those too.
 */
export function applyBaseline(report: Report, baseline: Baseline, baselineFile: string, staleSeverity: Severity | "off"): Report {
  const available = new Map<string, number>();
  for (const e of baseline.entries) available.set(e.fingerprint, (available.get(e.fingerprint) ?? 0) + 1);
  const kept: Finding[] = [];
  let matched = 0;
  for (const f of report.findings) {
    const left = f.fingerprint ? available.get(f.fingerprint) ?? 0 : 0;
    if (left > 0) {
      available.set(f.fingerprint!, left - 1);
      matched++;
    } else kept.push(f);
  }
  const stale: Finding[] = [];
  baseline.entries.forEach((e, i) => {
    const left = available.get(e.fingerprint) ?? 0;
    if (left === 0) return;
    available.set(e.fingerprint, left - 1);
    if (staleSeverity === "off") return;
    stale.push({
      rule: "suppression-unused",
      severity: staleSeverity,
      message: `Baseline entry for ${e.rule} \`${e.subject}\` in ${e.file} no longer matches any finding (fixed, or its line changed); remove it or rewrite the baseline with \`telemetry-drift baseline\`.`,
      file: baselineFile,
      line: baseline.lines[i] ?? 1,
      column: 1,
      subject: e.fingerprint,
      related: [],
    });
  });
  const findings = [...kept, ...stale].sort(compareFindings);
  return {
    ...report,
    findings,
    summary: {
      error: findings.filter((f) => f.severity === "error").length,
      warning: findings.filter((f) => f.severity === "warning").length,
      info: findings.filter((f) => f.severity === "info").length,
    },
    baseline: { file: baselineFile, matched, stale: stale.length },
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
