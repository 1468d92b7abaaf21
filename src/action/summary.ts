// The job summary and PR comment: Markdown tables of new, fixed and remaining findings with file:line
// links and each finding's provenance chain, trimmed to fit GitHub's size limits.
import type { Finding } from "../model.js";
import { mdCode, mdMessage, mdRule } from "../report/markdown.js";
import type { RunComparison } from "./compare.js";

/** Marks the one comment this Action owns on a pull request, so re-runs update it in place. */
export const COMMENT_MARKER = "<!-- telemetry-drift:pull-request-report -->";

/** GitHub's limits: a step summary holds 1 MiB, a comment 65,536 characters. */
export const SUMMARY_LIMIT = 1024 * 1024 - 1024;
export const COMMENT_LIMIT = 65_536 - 256;

export interface SummaryInput {
  /** The findings this run reports (new ones on a pull request). */
  reported: readonly Finding[];
  /** Present when the pull request's base was analysed too. */
  comparison?: RunComparison;
  baseSha?: string;
  /** Links for head and base findings. */
  headLink: (file: string, line: number) => string | undefined;
  baseLink: (file: string, line: number) => string | undefined;
  baseline?: { file: string; matched: number; stale: number };
  sarifFile?: string;
  notes: readonly string[];
  limit: number;
}

const ICON = { error: "🔴 error", warning: "🟡 warning", info: "🔵 info" } as const;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

function counts(findings: readonly Finding[]): string {
  const by = { error: 0, warning: 0, info: 0 };
  for (const f of findings) by[f.severity]++;
  const parts = [by.error && plural(by.error, "error"), by.warning && plural(by.warning, "warning"), by.info && `${by.info} info`].filter(Boolean);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/**
 * `file:line` as a code span (tree-derived text: see report/markdown.ts), linked to the file at its commit.
 * A path with an empty, `.` or `..` segment gets no link (the URL would leave the repository's tree), and
 * the link itself is percent-encoded beyond what its builder did, so that no character of it (a `)`, a
 * space, a `<`) can end the link's destination early.
 */
function location(f: { file: string; line: number }, link: SummaryInput["headLink"]): string {
  const text = mdCode(`${f.file}:${f.line}`, true);
  const url = f.file.split("/").some((segment) => segment === "" || segment === "." || segment === "..") ? undefined : link(f.file, f.line);
  return url ? `[${text}](${linkDestination(url)})` : text;
}

/** Percent-encodes every character a Markdown link destination could stop at or take as markup. */
const linkDestination = (url: string): string =>
  url.replace(/[^A-Za-z0-9\-._~:/?#@!$&+,;=%]/gu, (c) => {
    try {
      return encodeURIComponent(c).replace(/[()*']/g, (p) => `%${p.charCodeAt(0).toString(16).toUpperCase()}`);
    } catch {
      return "%EF%BF%BD"; // a lone surrogate: U+FFFD, as a file system would show it
    }
  });

function rows(findings: readonly Finding[], link: SummaryInput["headLink"], withSeverity: boolean): string[] {
  return findings.map((f) => {
    const chain = f.related.length ? `<br>↳ ${f.related.map((r) => `${location(r, link)} ${mdMessage(r.message, true)}`).join("<br>↳ ")}` : "";
    return `| ${withSeverity ? `${ICON[f.severity]} | ` : ""}${mdRule(f.rule)} | ${location(f, link)} | ${mdMessage(f.message, true)}${chain} |`;
  });
}

export function formatSummary(input: SummaryInput): string {
  const { comparison, reported } = input;
  const head: string[] = [COMMENT_MARKER, "## telemetry-drift", ""];
  if (comparison) {
    head.push(
      `**${plural(comparison.added.length, "new finding")}**${counts(comparison.added)} · ${comparison.fixed.length} fixed · ${comparison.remaining.length} remaining, compared with the base commit${input.baseSha ? ` ${mdCode(input.baseSha.slice(0, 7), false)}` : ""}.`,
    );
  } else {
    head.push(`**${plural(reported.length, "finding")}**${counts(reported)}.`);
  }
  if (input.baseline) head.push("", `Baseline ${mdCode(input.baseline.file, false)}: ${input.baseline.matched} known finding${input.baseline.matched === 1 ? "" : "s"} not reported${input.baseline.stale ? `, ${input.baseline.stale} stale entr${input.baseline.stale === 1 ? "y" : "ies"} (reported as suppression-unused)` : ""}.`);
  // A note is the tool's prose, but may quote an error message or a path: it is rendered as a message is.
  for (const note of input.notes) head.push("", `> ${mdMessage(note, false)}`);
  head.push("");

  const sections: { title: string; lines: string[]; collapsed: boolean }[] = [];
  const table = (withSeverity: boolean) => (withSeverity ? ["| Severity | Rule | Location | Finding |", "|---|---|---|---|"] : ["| Rule | Location | Finding |", "|---|---|---|"]);
  if (comparison) {
    sections.push({ title: `New (${reported.length})`, lines: reported.length ? [...table(true), ...rows(reported, input.headLink, true)] : ["No new drift in this pull request."], collapsed: false });
    if (comparison.fixed.length) sections.push({ title: `Fixed (${comparison.fixed.length})`, lines: [...table(false), ...rows(comparison.fixed, input.baseLink, false)], collapsed: false });
    if (comparison.remaining.length) sections.push({ title: `Remaining (${comparison.remaining.length})`, lines: [...table(true), ...rows(comparison.remaining, input.headLink, true)], collapsed: true });
  } else {
    sections.push({ title: `Findings (${reported.length})`, lines: reported.length ? [...table(true), ...rows(reported, input.headLink, true)] : ["No drift found: every event, metric, series and label in the pipeline lines up."], collapsed: false });
  }
  const tail = input.sarifFile ? ["", `Every finding is also in the SARIF file ${mdCode(input.sarifFile, false)}.`, ""] : [""];

  // Fit the limit: keep the header and each section's heading, drop table rows from the end.
  const render = (keep: number[]): string => {
    const out = [...head];
    sections.forEach((s, i) => {
      const shown = s.lines.slice(0, keep[i]);
      const dropped = s.lines.length - shown.length;
      const body = dropped > 0 ? [...shown, "", `… and ${dropped} more (see the job log${input.sarifFile ? " or the SARIF file" : ""}).`] : shown;
      if (s.collapsed) out.push(`<details><summary><b>${s.title}</b></summary>`, "", ...body, "", "</details>", "");
      else out.push(`### ${s.title}`, "", ...body, "");
    });
    return [...out, ...tail].join("\n");
  };
  const keep = sections.map((s) => s.lines.length);
  let text = render(keep);
  while (text.length > input.limit && keep.some((k) => k > 2)) {
    const i = keep.map((k, j) => [k, j] as const).filter(([k]) => k > 2).sort((a, b) => b[0] - a[0])[0]![1];
    keep[i] = Math.max(2, Math.floor(keep[i]! * 0.8));
    text = render(keep);
  }
  return text;
}
