// ESLint rule `telemetry-drift/label-missing` on json files: the engine's `label-missing` findings for the linted file.
// Docs: docs/rules/label-missing.md.
import { createDriftRule } from "../src/eslint/rule-factory.js";

export default createDriftRule("label-missing", "json");
