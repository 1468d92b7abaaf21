// ESLint rule `telemetry-drift/input-unparseable` on json files: the engine's `input-unparseable` findings for the linted file.
// Docs: docs/rules/input-unparseable.md.
import { createDriftRule } from "../src/eslint/rule-factory.js";

export default createDriftRule("input-unparseable", "json");
