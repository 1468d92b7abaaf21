// One factory for every ESLint rule: a rule is a rule id of the engine, reported on the file ESLint is
// linting. The analysis is the CLI's (one engine); the rule only picks this file's findings of its id.
import { resolve } from "node:path";
import { ESLintUtils } from "@typescript-eslint/utils";
import type { Finding } from "../model.js";
import { RULES, DOCS_BASE } from "../report/rules-meta.js";
import { pluginSettings, ProjectIndex, projectRoot } from "./project.js";

export type RuleLanguage = "typescript" | "json";

const createRule = ESLintUtils.RuleCreator((name) => `${DOCS_BASE}${name}.md`);

interface MinimalContext {
  filename: string;
  physicalFilename?: string;
  cwd: string;
  settings: unknown;
  sourceCode: { text: string; lines: string[] };
  report(descriptor: unknown): void;
}

export function createDriftRule(id: string, language: RuleLanguage) {
  const meta = RULES.find((r) => r.id === id);
  if (!meta) throw new Error(`unknown rule id ${id}`);
  const rule = createRule<[], "drift" | "suggestRename">({
    name: id,
    meta: {
      type: "problem",
      docs: { description: meta.description },
      messages: { drift: "{{message}}", suggestRename: "Use `{{replacement}}`, the name the exporter produces." },
      schema: [],
      hasSuggestions: id === "series-missing",
    },
    defaultOptions: [],
    create(context) {
      const ctx = context as unknown as MinimalContext;
      const check = (): void => {
        const looked = lookUp(ctx);
        if ("error" in looked) {
          // An index failure must not take the editor down; it is reported once on this file, by the first rule.
          if (!looked.reported) ctx.report({ loc: { line: 1, column: 0 }, messageId: "drift", data: { message: `telemetry-drift could not analyse the project: ${looked.error}` } });
          looked.reported = true;
          return;
        }
        for (const finding of looked.byRule.get(id) ?? []) report(ctx, finding, language);
      };
      return language === "json" ? ({ Document: check } as never) : { Program: check };
    },
  });
  if (language === "json") (rule.meta as { languages?: string[] }).languages = ["json/json", "json/jsonc"];
  return rule;
}

type Lookup = { byRule: Map<string, Finding[]> } | { error: string; reported: boolean };

/**
 * This file's findings, looked up once per linted text and shared by every rule that runs on it: ESLint
 * hands all of a file's rules the same SourceCode (a re-lint or a fix pass gets a new one).
 */
const lookups = new WeakMap<object, Lookup>();

function lookUp(ctx: MinimalContext): Lookup {
  let looked = lookups.get(ctx.sourceCode);
  if (looked) return looked;
  const filename = ctx.physicalFilename ?? ctx.filename;
  try {
    const root = projectRoot(filename, ctx.cwd, ctx.settings);
    const cacheLocation = pluginSettings(ctx.settings).cacheLocation;
    const findings = ProjectIndex.for(root, typeof cacheLocation === "string" ? resolve(ctx.cwd, cacheLocation) : cacheLocation === false ? false : undefined).findingsFor(filename, ctx.sourceCode.text);
    const byRule = new Map<string, Finding[]>();
    for (const finding of findings) byRule.set(finding.rule, [...(byRule.get(finding.rule) ?? []), finding]);
    looked = { byRule };
  } catch (error) {
    looked = { error: (error as Error).message, reported: false };
  }
  lookups.set(ctx.sourceCode, looked);
  return looked;
}

function report(ctx: MinimalContext, finding: Finding, language: RuleLanguage): void {
  // JS columns are 0-based in ESLint reports; the JSON language counts from 1.
  const column = language === "json" ? finding.column : finding.column - 1;
  const message = finding.related[0] && !finding.message.includes(`${finding.related[0].file}:${finding.related[0].line}`) ? `${finding.message} (see ${finding.related[0].file}:${finding.related[0].line})` : finding.message;
  const descriptor: Record<string, unknown> = { loc: { line: finding.line, column }, messageId: "drift", data: { message } };
  const fix = finding.suggestion ? suggestionFix(ctx, finding, finding.suggestion) : undefined;
  if (fix) descriptor.suggest = [{ messageId: "suggestRename", data: { replacement: finding.suggestion!.replacement }, fix }];
  ctx.report(descriptor);
}

/** Replaces the series name at the finding's position, only if the text there is exactly that name. */
function suggestionFix(ctx: MinimalContext, finding: Finding, suggestion: { text: string; replacement: string }) {
  const lines = ctx.sourceCode.lines;
  let index = 0;
  for (let i = 0; i < finding.line - 1; i++) index += (lines[i]?.length ?? 0) + 1;
  index += finding.column - 1;
  if (ctx.sourceCode.text.slice(index, index + suggestion.text.length) !== suggestion.text) return undefined;
  return (fixer: { replaceTextRange(range: [number, number], text: string): unknown }) => fixer.replaceTextRange([index, index + suggestion.text.length], suggestion.replacement);
}
