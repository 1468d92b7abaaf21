// Per-file extraction: (path, text, kind) → facts. Chooses the frontend or consumer for a file and
// never throws: a crash inside a parser becomes an `input-unparseable` problem for that file alone.
import { MAX_JSON_NESTING, nestedTooDeep } from "../util/nesting.js";
import { evaluate, parse as parseJson } from "@humanwhocodes/momoa";
import type { FileFacts } from "../model.js";
import type { Config } from "../config/config.js";
import type { ReadResult } from "./read.js";
import { fileScope } from "./scope.js";
import { emptyFacts } from "../model.js";
import type { FileKind } from "../discover/discover.js";
import { extractElixir, loadElixirParser } from "../frontends/elixir/index.js";
import { extractDashboard, looksLikeDashboard } from "../consumers/grafana/index.js";
import { extractRuleFile, looksLikeRuleFile } from "../consumers/prometheus/index.js";
import { extractTypeScript, loadTypeScriptParser, type TypeScriptOptions } from "../frontends/typescript/index.js";

export interface ExtractOptions {
  /** Files explicitly configured as dashboards / rule files are parsed even if the sniff says no. */
  forcedDashboard?: boolean;
  forcedRuleFile?: boolean;
  /** Configured emitters/consumers for the TS/JS frontend. */
  typescript?: TypeScriptOptions;
}

/** Loads the parsers a set of file kinds needs (lazily: no Elixir grammar for a TS-only repo). */
export async function prepareParsers(kinds: ReadonlySet<FileKind>): Promise<void> {
  if (kinds.has("elixir") || kinds.has("mix-lock")) await loadElixirParser();
  if (kinds.has("typescript")) await loadTypeScriptParser();
}

export function extractFile(file: string, kind: FileKind, text: string, options: ExtractOptions = {}): FileFacts | undefined {
  const facts = extractFacts(file, kind, text, options);
  // A query the PromQL parser could not finish on this thread's stack: the file is read again elsewhere.
  if (facts?.queries.some((q) => q.analysis.stackOverflow)) facts.stackOverflow = true;
  return facts;
}

function extractFacts(file: string, kind: FileKind, text: string, options: ExtractOptions): FileFacts | undefined {
  try {
    switch (kind) {
      case "elixir":
      case "mix-lock":
        return extractElixir(file, text);
      case "json":
        if (/(^|\/)tsconfig[^/]*\.json$/.test(file)) return extractTsconfig(file, text);
        return options.forcedDashboard || looksLikeDashboard(text) ? extractDashboard(file, text) : undefined;
      case "yaml":
        return options.forcedRuleFile || looksLikeRuleFile(text) ? extractRuleFile(file, text) : undefined;
      case "package-json":
        return extractPackageJson(file, text);
      case "typescript":
        return /\.d\.[mc]?ts$/.test(file) ? undefined : extractTypeScript(file, text, options.typescript);
    }
  } catch (error) {
    const facts = emptyFacts(file);
    facts.problems.push({ loc: { file, line: 1, column: 1 }, message: `${file}: internal error while analysing (${(error as Error).message}); the rest of the run goes on` });
    return facts;
  }
}

/** package.json: the dependency names (library policy) with the line of each key. */
export function extractPackageJson(file: string, text: string): FileFacts {
  const facts = emptyFacts(file);
  let doc;
  try {
    const tooDeep = nestedTooDeep(text, MAX_JSON_NESTING, "json");
    if (tooDeep) throw new RangeError(`nested deeper than ${tooDeep.limit} levels`);
    doc = parseJson(text);
  } catch (error) {
    const e = error as Error & { line?: number; column?: number };
    const what = error instanceof RangeError ? "JSON nested too deeply to analyse" : "invalid JSON";
    facts.problems.push({ loc: { file, line: e.line ?? 1, column: e.column ?? 1 }, message: `${file}: ${what} (${e.message})` });
    return facts;
  }
  if (doc.body.type !== "Object") return facts;
  for (const member of doc.body.members) {
    if (member.name.type !== "String" || !/^(dependencies|devDependencies|optionalDependencies|peerDependencies)$/.test(member.name.value)) continue;
    if (member.value.type !== "Object") continue;
    for (const dep of member.value.members) {
      if (dep.name.type !== "String") continue;
      facts.dependencies.push({ name: dep.name.value, source: "package.json", loc: { file, line: dep.name.loc.start.line, column: dep.name.loc.start.column } });
    }
  }
  return facts;
}

/** tsconfig.json `compilerOptions.baseUrl` / `paths`, for resolving aliased imports (JSON with comments). */
export function extractTsconfig(file: string, text: string): FileFacts | undefined {
  let doc;
  try {
    if (nestedTooDeep(text, MAX_JSON_NESTING, "script")) return undefined;
    doc = parseJson(text, { mode: "jsonc", allowTrailingCommas: true });
  } catch {
    return undefined; // a broken tsconfig only costs alias resolution; TypeScript itself reports it
  }
  const value = evaluate(doc.body) as { compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | null;
  const options = value?.compilerOptions;
  if (!options || typeof options.paths !== "object" || options.paths === null) return undefined;
  const paths: Record<string, string[]> = {};
  for (const [pattern, targets] of Object.entries(options.paths as Record<string, unknown>)) {
    if (Array.isArray(targets)) paths[pattern] = targets.filter((t): t is string => typeof t === "string");
  }
  const facts = emptyFacts(file);
  facts.tsconfigPaths = { baseUrl: typeof options.baseUrl === "string" ? options.baseUrl : ".", paths };
  return facts;
}

/** One file's facts from its read result, honouring the dashboards/ruleFiles globs. */
export function factsFor(path: string, kind: FileKind, read: ReadResult, config: Config): FileFacts | undefined {
  const scope = fileScope(path, kind, config);
  if (!scope.inScope) return undefined;
  if ("problem" in read) return { ...emptyFacts(path), problems: [read.problem] };
  return extractFile(path, kind, read.text, {
    forcedDashboard: scope.forcedDashboard,
    forcedRuleFile: scope.forcedRuleFile,
    typescript: { ...(config.emitters ? { emitters: config.emitters } : {}), ...(config.consumers ? { consumers: config.consumers } : {}) },
  });
}
