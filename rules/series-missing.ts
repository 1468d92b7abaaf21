// ESLint rule `telemetry-drift/series-missing` on json files: the engine's `series-missing` findings for the linted file.
// Docs: docs/rules/series-missing.md.
import { createDriftRule } from "../src/eslint/rule-factory.js";

export default createDriftRule("series-missing", "json");
