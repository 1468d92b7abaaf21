// Configuration: the shape users write, its defaults, and loading + validation against the shipped
// JSON Schema. Config is data only: nothing from the analysed tree is ever imported or executed.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { createRequire } from "node:module";
import { packageRoot } from "../util/package-root.js";
import type { ErrorObject } from "ajv";
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

const require = createRequire(import.meta.url);
type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
let validator: Validator | undefined;

function schemaValidator(): Validator {
  if (!validator) {
    // Ajv is loaded only when a config file exists, keeping zero-config start-up cheap.
    const AjvModule = require("ajv") as { default: new (opts: object) => { compile(schema: object): Validator } };
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
  return data as Config;
}

const rank = (e: ErrorObject): number => (e.keyword === "additionalProperties" ? 0 : e.keyword === "propertyNames" ? 1 : 2);

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    if (position) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset);
      const line = before.split("\n").length;
      const column = offset - before.lastIndexOf("\n");
      throw new ConfigError(`${where}:${line}:${column}: invalid JSON (${message.replace(/ in JSON at position \d+.*$/, "")})`);
    }
    throw new ConfigError(`${where}: invalid JSON (${message})`);
  }
}

function readText(path: string, where: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
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
      pkg = JSON.parse(packageText);
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
