// ESLint rule `telemetry-drift/metric-no-emitter` on typescript files: the engine's `metric-no-emitter` findings for the linted file.
// Docs: docs/rules/metric-no-emitter.md.
import { createDriftRule } from "../src/eslint/rule-factory.js";

export default createDriftRule("metric-no-emitter", "typescript");
