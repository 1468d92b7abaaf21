// Configuration: the shape users write, its defaults, and loading + validation against the shipped
// JSON Schema. Config is data only: nothing from the analysed tree is ever imported or executed.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { createRequire } from "node:module";
import { packageRoot } from "../util/package-root.js";
import { readTextLimited, TooBigError } from "../util/fs.js";
import type { ErrorObject } from "ajv";
import { parse as parseMomoa } from "@humanwhocodes/momoa";
import { Minimatch } from "minimatch";
import ignore from "ignore";
import type { Severity } from "../model.js";

export type ExporterSetting =
  | "auto"
  | "telemetry_metrics_prometheus_core"
  | "telemetry_metrics_prometheus"
  | "prom_ex"
  | "peep"
  | "opentelemetry"
  | "otlp"
  | "prom-client";

export interface EmitterConfig {
  callee: string;
  eventArgument?: number;
  format?: "dotted" | "segments";
  kind?: "execute" | "span";
}

export interface IgnoreEntry {
  rule?: string;
  subject?: string;
  file?: string;
  dashboard?: string;
  panel?: number | string;
  alert?: string;
  reason?: string;
}

export interface Config {
  include?: string[];
  exclude?: string[];
  dashboards?: string[];
  ruleFiles?: string[];
  exporter?: ExporterSetting;
  externalSeries?: string[];
  targetLabels?: string[];
  emitters?: EmitterConfig[];
  consumers?: EmitterConfig[];
  rules?: Record<string, Severity | "off">;
  ignore?: IgnoreEntry[];
  baseline?: string;
  maxFileSize?: number;
}

/** Where the effective config came from, for messages and suppression locations. */
export interface LoadedConfig {
  config: Config;
  /** Root-relative path of the file it came from, or undefined for the built-in defaults. */
  file?: string;
}

export const CONFIG_FILE_NAME = "telemetry-drift.config.json";
export const PACKAGE_JSON_KEY = "telemetryDrift";
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

/** A configuration or usage problem: the CLI prints it on one line and exits 2. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
type AjvModule = { default: new (opts: object) => { compile(schema: object): Validator } };
let validator: Validator | undefined;
let preloaded: AjvModule | undefined;

/**
 * Loads Ajv ahead of `loadConfig` for asynchronous callers (the CLI, the Action): a dynamic import a
 * bundler can follow. Synchronous callers (the ESLint plugin) fall back to require. Either way Ajv is
 * loaded only when a config file exists, keeping zero-config start-up cheap.
 */
export async function preloadConfigValidator(): Promise<void> {
  preloaded ??= (await import("ajv")) as unknown as AjvModule;
}

function schemaValidator(): Validator {
  if (!validator) {
    const AjvModule = preloaded ?? (createRequire(import.meta.url)("ajv") as AjvModule);
    const schema = JSON.parse(readFileSync(join(packageRoot(), "schema", "telemetry-drift.schema.json"), "utf8")) as object;
    validator = new AjvModule.default({ allErrors: true, strict: false }).compile(schema);
  }
  return validator;
}

function describeSchemaError(error: ErrorObject, where: string): string {
  const path = error.instancePath ? error.instancePath.replace(/^\//, "").replace(/\//g, ".") : "";
  const at = path ? `\`${path}\`` : "the top level";
  if (error.keyword === "additionalProperties") {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    return `${where}: unknown key \`${path ? path + "." : ""}${key}\``;
  }
  if (error.keyword === "propertyNames") {
    const name = (error.params as { propertyName: string }).propertyName;
    return `${where}: unknown rule id \`${name}\` in \`${path}\` (run \`telemetry-drift --list-rules\`)`;
  }
  if (error.keyword === "enum") {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ");
    return `${where}: ${at} must be one of ${allowed}`;
  }
  return `${where}: ${at} ${error.message ?? "is invalid"}`;
}

/** Validates a parsed config object; throws ConfigError naming the file and the first offending key. */
export function validateConfig(data: unknown, where: string): Config {
  const validate = schemaValidator();
  if (!validate(data)) {
    const errors = validate.errors ?? [];
    // Prefer the most specific message: unknown keys first, they are the most common mistake.
    const sorted = [...errors].sort((a, b) => rank(a) - rank(b));
    const first = sorted[0];
    throw new ConfigError(first ? describeSchemaError(first, where) : `${where}: invalid configuration`);
  }
  const config = data as Config;
  checkGlobs(config, where);
  return config;
}

/**
 * Globs are compiled by the libraries that use them (minimatch for `include`, `ignore` for `exclude`,
 * `dashboards`, `ruleFiles` and ignore entries' `file`). One they cannot compile (a pattern over 64 KiB,
 * a regular expression too large) is a configuration error naming the key, not a crash mid-run.
 */
function checkGlobs(config: Config, where: string): void {
  const check = (pattern: string, key: string, engine: "minimatch" | "ignore"): void => {
    try {
      if (engine === "minimatch") new Minimatch(pattern.replace(/^\.\//, ""), { dot: true }).match("a/b");
      else ignore().add([pattern]).ignores("a/b");
    } catch (error) {
      const shown = pattern.length > 60 ? `${JSON.stringify(pattern.slice(0, 57))}… (${pattern.length} characters)` : JSON.stringify(pattern);
      throw new ConfigError(`${where}: \`${key}\` ${shown} is not a usable glob (${oneLine((error as Error).message).slice(0, 120)})`);
    }
  };
  config.include?.forEach((p, i) => check(p, `include[${i}]`, "minimatch"));
  for (const key of ["exclude", "dashboards", "ruleFiles"] as const) config[key]?.forEach((p, i) => check(p, `${key}[${i}]`, "ignore"));
  config.ignore?.forEach((entry, i) => entry.file !== undefined && check(entry.file, `ignore[${i}].file`, "ignore"));
}

const rank = (e: ErrorObject): number => (e.keyword === "additionalProperties" ? 0 : e.keyword === "propertyNames" ? 1 : 2);

function parseJson(text: string, where: string): unknown {
  // A UTF-8 BOM (Windows editors write one) is not content; the source reader drops it too.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const raw = (error as Error).message;
    // V8 quotes the offending source in its message, newlines included: keep the message on one line.
    const message = oneLine(raw.replace(/ in JSON at position \d+.*$/s, ""));
    const at = jsonErrorLocation(body, raw);
    throw new ConfigError(at ? `${where}:${at.line}:${at.column}: invalid JSON (${message})` : `${where}: invalid JSON (${message})`);
  }
}

const oneLine = (s: string): string =>
  s.replace(/[\u0000-\u001f\u2028\u2029]/g, (c) => (c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "\t" ? "\\t" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));

/** Line and column of a JSON.parse error: from V8's "position N" when given, else from momoa's parser. */
function jsonErrorLocation(text: string, message: string): { line: number; column: number } | undefined {
  const position = / at position (\d+)/.exec(message);
  if (position) {
    const offset = Number(position[1]);
    const before = text.slice(0, offset);
    return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
  }
  try {
    parseMomoa(text);
  } catch (error) {
    const e = error as { line?: unknown; column?: unknown };
    if (typeof e.line === "number" && typeof e.column === "number") return { line: e.line, column: e.column };
  }
  return undefined;
}

/** No real config comes near this; a device or a wrong file given as --config does. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

function readText(path: string, where: string): string | undefined {
  try {
    return readTextLimited(path, MAX_CONFIG_BYTES);
  } catch (error) {
    if (error instanceof TooBigError) throw new ConfigError(`${where}: is ${error.message}, too big for a config file`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code === "EISDIR") throw new ConfigError(`${where}: is a directory, expected a JSON file`);
    throw new ConfigError(`${where}: cannot read (${code ?? (error as Error).message})`);
  }
}

/**
 * Loads the configuration for `root`: an explicit `--config` file, else `telemetry-drift.config.json`,
 * else the `telemetryDrift` key of package.json, else defaults.
 */
export function loadConfig(root: string, explicitPath?: string): LoadedConfig {
  if (explicitPath) {
    const shown = relative(process.cwd(), explicitPath) || explicitPath;
    const text = readText(explicitPath, shown);
    if (text === undefined) throw new ConfigError(`${shown}: config file not found`);
    return { config: validateConfig(parseJson(text, shown), shown), file: shown };
  }
  const configText = readText(join(root, CONFIG_FILE_NAME), CONFIG_FILE_NAME);
  if (configText !== undefined) {
    return { config: validateConfig(parseJson(configText, CONFIG_FILE_NAME), CONFIG_FILE_NAME), file: CONFIG_FILE_NAME };
  }
  const packageText = readText(join(root, "package.json"), "package.json");
  if (packageText !== undefined) {
    let pkg: unknown;
    try {
      pkg = JSON.parse(packageText.charCodeAt(0) === 0xfeff ? packageText.slice(1) : packageText);
    } catch {
      return { config: {} }; // a broken package.json is reported by discovery, not here
    }
    if (pkg && typeof pkg === "object" && PACKAGE_JSON_KEY in pkg) {
      const where = `package.json#${PACKAGE_JSON_KEY}`;
      return { config: validateConfig((pkg as Record<string, unknown>)[PACKAGE_JSON_KEY], where), file: "package.json" };
    }
  }
  return { config: {} };
}
