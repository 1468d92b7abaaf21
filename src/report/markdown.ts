// --format markdown: a summary table for a PR comment or a job summary.
// Every piece of text that comes from the analysed tree (paths, names, messages) goes through the
// helpers below, which the Action's summary and comment use too: in a pull request from a fork, a file
// or metric name is the attacker's text and must not end the table row, close a code span, or bring in
// headings, links, images, HTML or @mentions.
import type { Report } from "./report.js";
import { ruleMeta } from "./rules-meta.js";
import { visibleBidi } from "../util/visible.js";

const ICON = { error: "🔴 error", warning: "🟡 warning", info: "🔵 info" } as const;

/**
 * Line endings (CommonMark's CR, LF and CRLF; Unicode's line and paragraph separators) and every other
 * control character. A lone CR ends a line for CommonMark as LF does.
 */
const BREAKS = /\r\n|[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** One line, with bidirectional controls shown as escapes: they would reorder what a reader sees. */
const oneLine = (s: string): string => visibleBidi(s.replace(BREAKS, " "));

/**
 * GitHub turns `@name` into a mention (and a notification) and `name@host.tld` into a mail link after
 * rendering, in the text of the page, so no Markdown escape stops it: a zero-width joiner after the `@`
 * does, and shows nothing.
 */
const noMentions = (s: string): string => s.replace(/@/g, "@\u200d");

/**
 * Tree-derived text as inert Markdown prose on one line: markup characters backslash-escaped (`|` as `\|`
 * works in a table cell and outside one), @mentions broken, and the bare URLs GitHub would link by itself
 * (`https://…`, `www.…`) written with an entity so that they stay plain text.
 */
export function mdText(s: string): string {
  return noMentions(oneLine(s).replace(/[\\`*_[\]<>#&|~$!]/g, "\\$&"))
    .replace(/:\/\//g, "&#58;//")
    .replace(/w(?=ww\.)/gi, (w) => `&#${w.charCodeAt(0)};`);
}

/**
 * Tree-derived text as one code span: nothing inside a code span is markup, so only its fence, line
 * endings, mentions and (in a table cell, where the row is split on `|` first) pipes need care. The fence
 * is one backtick longer than the longest run of backticks inside, padded when the text starts or ends
 * with a backtick or space.
 */
export function mdCode(s: string, inTable: boolean): string {
  let text = noMentions(oneLine(s));
  if (inTable) text = text.replace(/\|/g, "\\|");
  if (text === "") return "";
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(text) ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * A message: prose the tool wrote that quotes tree-derived names in backticks. Each quoted part becomes a
 * safe code span and the rest inert prose; with unpaired or adjacent backticks (a name that holds one) the
 * whole message is prose. Either way no text from the tree can become markup.
 */
export function mdMessage(s: string, inTable: boolean): string {
  const line = oneLine(s);
  const parts = line.split("`");
  // Two code spans with nothing between them would run their fences together ("`a``b`") and let the
  // parser pair them differently, so adjacent backticks make the message prose as well.
  if (parts.length % 2 === 0 || line.includes("``")) return mdText(line);
  return parts.map((part, i) => (i % 2 === 0 ? mdText(part) : mdCode(part, inTable))).join("");
}

/** A rule id as a code span, linked to its documentation when the rule is known. */
export function mdRule(rule: string): string {
  const meta = ruleMeta(rule);
  return meta ? `[${mdCode(rule, true)}](${meta.docsUrl})` : mdCode(rule, true);
}

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
    const chain = f.related.length ? `<br>↳ ${f.related.map((r) => `${mdCode(`${r.file}:${r.line}`, true)} ${mdMessage(r.message, true)}`).join("<br>↳ ")}` : "";
    lines.push(`| ${ICON[f.severity]} | ${mdRule(f.rule)} | ${mdCode(`${f.file}:${f.line}`, true)} | ${mdMessage(f.message, true)}${chain} |`);
  }
  lines.push("");
  return lines.join("\n");
}
