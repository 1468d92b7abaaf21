// Types for harness.mjs (plain ESM so that scripts/fuzz-campaign.mjs can run it against dist/).
import type { Arbitrary } from "fast-check";

export interface Base {
  name: string;
  text: string;
}

export interface Bases {
  elixir: Base[];
  typescript: Base[];
  dashboard: Base[];
  rules: Base[];
  config: Base[];
  any: Base[];
}

/** One generated input: its text (or bytes), the file name it is analysed under, and how it was made. */
export interface FuzzInput {
  origin: string;
  text: string;
  file?: string;
  bytes?: Uint8Array;
  [key: string]: unknown;
}

export interface Failure {
  kind: "crash" | "masked" | "contract" | "oracle";
  message: string;
  detail?: string;
}

export interface Target {
  name: string;
  arbitrary: Arbitrary<FuzzInput>;
  check(input: FuzzInput): Failure | undefined;
}

/** The functions under test, from src/ (tests) or dist/ (campaign). Loosely typed on purpose. */
export interface ParserApi {
  extractElixir(file: string, text: string): unknown;
  extractTypeScript(file: string, text: string, options?: object): unknown;
  extractDashboard(file: string, text: string): { queries: { expr: string }[] };
  extractRuleFile(file: string, text: string): { queries: { expr: string }[] };
  analyzePromQL(expr: string): unknown;
  validateConfig(data: unknown, where: string): unknown;
  loadConfig(root: string, explicitPath?: string): unknown;
  ConfigError: new (...args: never[]) => Error;
  decode(file: string, bytes: Uint8Array): unknown;
  extractFile(file: string, kind: never, text: string, options?: object): unknown;
}

export interface TargetOptions {
  /** Deepest nesting a mutation inserts (default 2000). */
  maxDepth?: number;
  expressions?: Base[];
  maxExpressions?: number;
  /** Called with every config validateConfig/loadConfig accepts (e.g. to run it through the engine). */
  analyzeConfig?: (config: object) => void;
}

export const TOKENS: Record<"elixir" | "typescript" | "json" | "yaml" | "promql", string[]>;
export function loadBases(options: { repo: string; corpus?: string; looksLikeDashboard(text: string): boolean; looksLikeRuleFile(text: string): boolean }): Bases;
export function collectExpressions(api: ParserApi, bases: Bases, limit?: number): Base[];
export function inputArbitrary(bases: Base[], tokens: string[], options?: { maxDepth?: number; maxOps?: number; maxRandom?: number }): Arbitrary<{ origin: string; text: string }>;
export function checkFacts(facts: unknown, file: string, text: string): Failure | undefined;
export function makeTargets(api: ParserApi, bases: Bases, options?: TargetOptions): Target[];
export function makeConfigProject(): string;
export function cleanup(): void;
export function describeFailure(target: string, input: FuzzInput, failure: Failure): string;
export function failureSignature(target: string, failure: Failure): string;
