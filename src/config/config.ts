// Configuration: the shape users write, its defaults, and loading + validation against the shipped
// JSON Schema. Config is data only: nothing from the analysed tree is ever imported or executed.
import { readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { createRequire } from "node:module";
import { packageRoot } from "../util/package-root.js";
import { isWithin, NotRegularFileError, readTextLimited, TooBigError } from "../util/fs.js";
import type { ErrorObject } from "ajv";
import { parse as parseMomoa } from "@humanwhocodes/momoa";
import { braceExpand, GLOBSTAR, Minimatch } from "minimatch";
import ignore from "ignore";
import { globTooComplex, MAX_BRACE_ALTERNATIVES, MAX_BRACE_WILDCARDS, MAX_GLOB_WILDCARDS, tooMany, wildcardRuns } from "../discover/glob-limits.js";
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
/**
 * The largest `maxFileSize` a config may set (the schema's maximum). A file is held several times over
 * while analysed (text, syntax tree, facts): measured, some 48 bytes of memory per byte of a dashboard
 * (10 MB: 0.46 GB, 16 MB: 0.8 GB, 32 MB: 1.6 GB, 11 s), and two files are parsed at once (the main
 * thread and one worker): 3.2 GB at most, which a 7 GB CI runner can spare. The tree's own config must
 * not make that 4 GB or more for one file (1 GB: a 90 MB dashboard took 4.2 GB).
 */
export const MAX_MAX_FILE_SIZE = 32 * 1024 * 1024;

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
  const path = shortKey(error.instancePath ? error.instancePath.replace(/^\//, "").replace(/\//g, ".") : "");
  const at = path ? `\`${path}\`` : "the top level";
  if (error.keyword === "additionalProperties") {
    const key = shortKey((error.params as { additionalProperty: string }).additionalProperty);
    return `${where}: unknown key \`${path ? path + "." : ""}${key}\``;
  }
  if (error.keyword === "propertyNames") {
    const name = shortKey((error.params as { propertyName: string }).propertyName);
    return `${where}: unknown rule id \`${name}\` in \`${path}\` (run \`telemetry-drift --list-rules\`)`;
  }
  if (error.keyword === "maximum" && path === "maxFileSize") {
    return `${where}: \`maxFileSize\` must be at most ${MAX_MAX_FILE_SIZE} (${MAX_MAX_FILE_SIZE / (1024 * 1024)} MiB): a larger file takes gigabytes of memory to analyse`;
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
 * a regular expression too large) is a configuration error naming the key, not a crash mid-run. So is
 * one that could take minutes to match a path: too many wildcards (see discover/glob-limits.ts).
 */
function checkGlobs(config: Config, where: string): void {
  const check = (pattern: string, key: string, engine: "minimatch" | "ignore"): void => {
    let why: string | undefined;
    try {
      if (engine === "minimatch") new Minimatch(pattern.replace(/^\.\//, ""), { dot: true }).match("a/b");
      else ignore().add([pattern]).ignores("a/b");
      why = engine === "minimatch" ? includeTooComplex(pattern.replace(/^\.\//, "")) : globTooComplex(pattern);
    } catch (error) {
      why = oneLine((error as Error).message).slice(0, 120);
    }
    if (why) {
      const shown = pattern.length > 60 ? `${JSON.stringify(pattern.slice(0, 57))}… (${pattern.length} characters)` : JSON.stringify(pattern);
      throw new ConfigError(`${where}: \`${key}\` ${shown} is not a usable glob (${why})`);
    }
  };
  config.include?.forEach((p, i) => check(p, `include[${i}]`, "minimatch"));
  for (const key of ["exclude", "dashboards", "ruleFiles"] as const) config[key]?.forEach((p, i) => check(p, `${key}[${i}]`, "ignore"));
  config.ignore?.forEach((entry, i) => entry.file !== undefined && check(entry.file, `ignore[${i}].file`, "ignore"));
}

/** A key from the file, as shown in a message: not 4 MiB long (control characters are escaped where shown). */
const shortKey = (key: string): string => (key.length > 80 ? `${key.slice(0, 77)}…` : key);

/**
 * Why an `include` glob is too costly for minimatch, or undefined. Minimatch expands `{a,b}` into one
 * pattern per alternative and matches each: the wildcard limit holds for each, and a total for all.
 * Extglobs (`+(a|aa)`) become nested quantifiers: one alone took 8 s on a 40-character name.
 */
function includeTooComplex(pattern: string): string | undefined {
  const alternatives = braceExpand(pattern, { braceExpandMax: MAX_BRACE_ALTERNATIVES + 1 });
  if (alternatives.length > MAX_BRACE_ALTERNATIVES) return `more than ${MAX_BRACE_ALTERNATIVES} {…} alternatives`;
  let total = 0;
  for (const alternative of alternatives) {
    const runs = wildcardRuns(alternative);
    if (runs > MAX_GLOB_WILDCARDS) return tooMany(runs, MAX_GLOB_WILDCARDS, alternatives.length > 1 ? " in one {…} alternative" : "");
    total += runs;
  }
  if (total > MAX_BRACE_WILDCARDS) return tooMany(total, MAX_BRACE_WILDCARDS, " in its {…} alternatives together");
  // An extglob is whatever minimatch reads differently with extglobs off.
  const compiled = (noext: boolean): string =>
    new Minimatch(pattern, { dot: true, noext }).set
      .map((parts) => parts.map((part) => (part === GLOBSTAR ? "\u0000**" : typeof part === "string" ? `"${part}` : `/${part.source}/${part.flags}`)).join("\u0000/"))
      .join("\u0000|");
  if (compiled(false) !== compiled(true)) return "an extglob such as `+(…)` or `@(…)` can take exponential time to match; write {a,b} alternatives instead";
  return undefined;
}

const rank = (e: ErrorObject): number => (e.keyword === "additionalProperties" ? 0 : e.keyword === "propertyNames" ? 1 : 2);

function parseJson(text: string, where: string): unknown {
  // A UTF-8 BOM (Windows editors write one) is not content; the source reader drops it too.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const raw = (error as Error).message;
    const message = jsonReason(raw);
    const at = jsonErrorLocation(body, raw);
    throw new ConfigError(at ? `${where}:${at.line}:${at.column}: invalid JSON (${message})` : `${where}: invalid JSON (${message})`);
  }
}

/**
 * JSON.parse's reason without the source it quotes ("Unexpected token 'g', "ghs_SECRET"... is not valid
 * JSON"): a message may end up in a public annotation, and the line and column say where to look.
 */
function jsonReason(raw: string): string {
  const message = raw.replace(/( in JSON)? at position \d+.*$/s, "");
  if (/^Unexpected token\b/.test(message)) return "Unexpected character";
  if (/is not valid JSON$/.test(message) || /["\u0000-\u001f]/.test(message)) return "not valid JSON";
  return message;
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

/**
 * A config file's text, or undefined when there is none. `within`: the folder it must really be in (a
 * symlink pointing out of the analysed tree is refused, not followed: its target could be any file
 * this user can read, and parse errors would quote it). Only a regular file is read (a FIFO would hang).
 */
function readText(path: string, where: string, within?: string): string | undefined {
  try {
    return readTextLimited(path, MAX_CONFIG_BYTES, within === undefined ? {} : { within });
  } catch (error) {
    if (error instanceof TooBigError) throw new ConfigError(`${where}: is ${error.message}, too big for a config file`);
    if (error instanceof NotRegularFileError) throw new ConfigError(`${where}: ${notRegular(path)}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code === "EISDIR") throw new ConfigError(`${where}: is a directory, expected a JSON file`);
    throw new ConfigError(`${where}: cannot read (${code ?? (error as Error).message})`);
  }
}

/** Why readTextLimited refused a config file (stat follows symlinks; it does not block on a FIFO). */
function notRegular(path: string): string {
  let info;
  try {
    info = statSync(path);
  } catch (error) {
    return `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  if (info.isDirectory()) return "is a directory, expected a JSON file";
  if (info.isFile()) return "is a symbolic link to a file outside the analysed folder; it is not read";
  return "is not a regular file (a FIFO, socket or device), expected a JSON file";
}

/**
 * Loads the configuration for `root`: an explicit `--config` file, else `telemetry-drift.config.json`,
 * else the `telemetryDrift` key of package.json, else defaults. Files of the analysed tree are read
 * only when they really are inside it (a symlink within the tree is fine); so is an explicit `--config`
 * path inside the root. One outside the root is the user's own choice, read as given.
 */
export function loadConfig(root: string, explicitPath?: string): LoadedConfig {
  if (explicitPath) {
    const shown = relative(process.cwd(), explicitPath) || explicitPath;
    const text = readText(explicitPath, shown, isWithin(resolve(explicitPath), resolve(root)) ? root : undefined);
    if (text === undefined) throw new ConfigError(`${shown}: config file not found`);
    return { config: validateConfig(parseJson(text, shown), shown), file: shown };
  }
  const configText = readText(join(root, CONFIG_FILE_NAME), CONFIG_FILE_NAME, root);
  if (configText !== undefined) {
    return { config: validateConfig(parseJson(configText, CONFIG_FILE_NAME), CONFIG_FILE_NAME), file: CONFIG_FILE_NAME };
  }
  const packageText = readText(join(root, "package.json"), "package.json", root);
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
