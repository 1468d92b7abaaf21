// `import telemetryDrift from "telemetry-drift/eslint"`: the ESLint 9/10 flat-config plugin. Its rules
// live in the top-level rules/ folder; all of them are thin views on the engine the CLI runs.
import { TOOL_NAME, TOOL_VERSION } from "../version.js";
import eventUnconsumed from "../../rules/event-unconsumed.js";
import eventUndeclared from "../../rules/event-undeclared.js";
import eventDeclaredUnemitted from "../../rules/event-declared-unemitted.js";
import metricNoEmitter from "../../rules/metric-no-emitter.js";
import metricInvalid from "../../rules/metric-invalid.js";
import metricFieldMissing from "../../rules/metric-field-missing.js";
import eventDynamic from "../../rules/event-dynamic.js";
import seriesMissing from "../../rules/series-missing.js";
import labelMissing from "../../rules/label-missing.js";
import inputUnparseable from "../../rules/input-unparseable.js";

export const rules = {
  "event-unconsumed": eventUnconsumed,
  "event-undeclared": eventUndeclared,
  "event-declared-unemitted": eventDeclaredUnemitted,
  "metric-no-emitter": metricNoEmitter,
  "metric-invalid": metricInvalid,
  "metric-field-missing": metricFieldMissing,
  "event-dynamic": eventDynamic,
  "series-missing": seriesMissing,
  "label-missing": labelMissing,
  "input-unparseable": inputUnparseable,
};

/** File globs the recommended configs apply to; override `files` in your own config to change them. */
export const SOURCE_FILES = ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"];
export const DASHBOARD_FILES = ["**/dashboards/**/*.json", "**/grafana/**/*.json"];

const plugin = {
  meta: { name: TOOL_NAME, version: TOOL_VERSION, namespace: "telemetry-drift" },
  rules,
  configs: {} as Record<string, unknown>,
};

plugin.configs.recommended = [
  {
    name: "telemetry-drift/recommended/source",
    files: SOURCE_FILES,
    plugins: { "telemetry-drift": plugin },
    rules: {
      "telemetry-drift/event-unconsumed": "warn",
      "telemetry-drift/event-undeclared": "warn",
      "telemetry-drift/event-declared-unemitted": "warn",
      "telemetry-drift/metric-no-emitter": "error",
      "telemetry-drift/metric-invalid": "error",
      "telemetry-drift/metric-field-missing": "warn",
      "telemetry-drift/event-dynamic": "off",
    },
  },
  {
    name: "telemetry-drift/recommended/dashboards",
    files: DASHBOARD_FILES,
    plugins: { "telemetry-drift": plugin },
    language: "json/json",
    rules: {
      "telemetry-drift/series-missing": "error",
      "telemetry-drift/label-missing": "error",
      "telemetry-drift/input-unparseable": "error",
    },
  },
];

export default plugin;
