// ESLint rule `telemetry-drift/metric-field-missing` on typescript files: the engine's `metric-field-missing` findings for the linted file.
// Docs: docs/rules/metric-field-missing.md.
import { createDriftRule } from "../src/eslint/rule-factory.js";

export default createDriftRule("metric-field-missing", "typescript");
