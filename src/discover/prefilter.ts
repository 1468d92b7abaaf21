// Cheap text prefilters before any parse: most source files carry no telemetry at all. A file is parsed
// in the first pass only when its text contains a token that any fact could come from; the second pass
// parses the remaining files that call a wrapper or import a module the first pass found to matter.
import { posix } from "node:path";
import type { FileKind } from "./discover.js";
import type { FileFacts } from "../model.js";

/** Every Elixir fact needs one of these in the text (telemetry/Telemetry, PromEx, Ecto repos, contracts, suppressions). */
const ELIXIR_TOKENS = /elemetry|PromEx|prom_ex|Ecto\.Repo|Peep|Events?\b/;

/** TS/JS: library imports, instrument factories, contract names, suppressions. */
const TS_TOKENS = /@opentelemetry|prom-client|diagnostics_channel|getMeter|create(?:Counter|UpDownCounter|Histogram|Gauge|Observable)|telemetry-drift|Event/;

export interface SecondPassTokens {
  /** TS/JS: project files that first-pass files import names from (constants modules). */
  importedPaths: Set<string>;
  /** Elixir: names of wrapper functions (`start_span`), matched as `name(`. */
  elixirCalls: RegExp | undefined;
  /** TS/JS: import specifiers ending in a module the first pass parsed. */
  tsImports: RegExp | undefined;
}

export function needsFirstPass(kind: FileKind, path: string, text: string, extra: RegExp | undefined): boolean {
  switch (kind) {
    case "elixir":
      return /(^|\/)mix\.exs$/.test(path) || /(^|\/)config\/[^/]+\.exs$/.test(path) || ELIXIR_TOKENS.test(text);
    case "typescript":
      return TS_TOKENS.test(text) || (extra !== undefined && extra.test(text));
    default:
      return true; // dashboards, rule files, manifests: already sniffed or tiny
  }
}

/**
 * A minified JS bundle (a vendored library, a committed build such as a GitHub Action's dist): over
 * 256 KiB with lines averaging more than 1,000 characters. Its code repeats what its sources say (or
 * a library's internals), so it is not analysed: parsing it would cost seconds and report the sources'
 * facts twice.
 */
export function looksMinified(path: string, bytes: Uint8Array): boolean {
  if (/\.min\.[cm]?js$/.test(path)) return true;
  if (bytes.length < 256 * 1024) return false;
  let lines = 1;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
  return bytes.length / lines > 1000;
}

export function needsSecondPass(kind: FileKind, path: string, text: string, tokens: SecondPassTokens): boolean {
  if (tokens.importedPaths.has(path)) return true;
  if (kind === "elixir") return tokens.elixirCalls !== undefined && tokens.elixirCalls.test(text);
  if (kind === "typescript") return tokens.tsImports !== undefined && tokens.tsImports.test(moduleSpecifiers(text));
  return false;
}

/** Could the second pass want a file of this kind at all, before reading it? */
export function secondPassCanMatch(kind: FileKind, path: string, tokens: SecondPassTokens): boolean {
  if (tokens.importedPaths.has(path)) return true;
  if (kind === "elixir") return tokens.elixirCalls !== undefined;
  if (kind === "typescript") return tokens.tsImports !== undefined;
  return false;
}

/**
 * The quoted module specifiers of a TS/JS text (`from "…"`, `import("…")`, `import "…"`, `require("…")`),
 * one per line: all the second pass needs of a file, small enough to keep from the scan so that most
 * files are never read twice.
 */
export function moduleSpecifiers(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:from|import|require)\s*\(?\s*(["'][^"'\n]*["'])/g)) out.push(m[1]!);
  return out.join("\n");
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What the first pass found that other files may refer to. */
export function secondPassTokens(facts: readonly FileFacts[]): SecondPassTokens {
  const calls = new Set<string>();
  for (const f of facts) for (const w of f.wrappers) calls.add(w.function.replace(/\/\d+$/, "").split(".").at(-1)!);
  const modules = new Set<string>();
  for (const f of facts) {
    if (f.language !== "typescript") continue;
    const exports = f.moduleExports;
    if (exports && (Object.keys(exports.bindings).length || Object.keys(exports.constants).length)) {
      modules.add(f.file.split("/").at(-1)!.replace(/\.(d\.)?[cm]?[jt]sx?$/, ""));
    }
  }
  const importedPaths = new Set<string>();
  for (const f of facts) {
    const specifiers = [...(f.symbolicNames ?? []).flatMap((s) => s.parts), ...(f.symbolicEvents ?? []).flatMap((s) => s.parts)].flatMap((p) => (p.kind === "import" && p.specifier.startsWith(".") ? [p.specifier] : []));
    for (const specifier of specifiers) for (const candidate of candidatePaths(f.file, specifier)) importedPaths.add(candidate);
  }
  // Sorted: the facts come in the order their files were parsed or found in the cache, and the patterns'
  // text keys the second pass's cached verdicts (collect.ts): the same names must give the same key.
  const alternatives = (names: Set<string>) => [...names].sort().map(escape).join("|");
  return {
    importedPaths,
    elixirCalls: calls.size ? new RegExp(`\\b(?:${alternatives(calls)})\\(`) : undefined,
    tsImports: modules.size ? new RegExp(`["'][^"'\\n]*\\b(?:${alternatives(modules)})(?:\\.[cm]?[jt]sx?)?["']`) : undefined,
  };
}

/** The files a relative import may name (extension swaps and index files), as the graph resolves them. */
function candidatePaths(from: string, specifier: string): string[] {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  const stripped = base.replace(/\.(js|mjs|cjs|jsx)$/, "");
  const extensions = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
  return [base, ...extensions.map((e) => stripped + e), ...extensions.map((e) => `${stripped}/index${e}`)];
}

/** Configured emitter/consumer callees as a first-pass token (their last segment). */
export function configuredCallees(callees: readonly string[]): RegExp | undefined {
  const names = [...new Set(callees.map((c) => c.split(".").at(-1)!).filter(Boolean))];
  return names.length ? new RegExp(`\\b(?:${names.map(escape).join("|")})\\s*\\(`) : undefined;
}
