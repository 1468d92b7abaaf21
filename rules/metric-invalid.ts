// ESLint rule `telemetry-drift/metric-invalid` on typescript files: the engine's `metric-invalid` findings for the linted file.
// Docs: docs/rules/metric-invalid.md.
import { createDriftRule } from "../src/eslint/rule-factory.js";

export default createDriftRule("metric-invalid", "typescript");
