// ESLint rule `telemetry-drift/event-dynamic` on typescript files: the engine's `event-dynamic` findings for the linted file.
// Docs: docs/rules/event-dynamic.md.
import { createDriftRule } from "../src/eslint/rule-factory.js";

export default createDriftRule("event-dynamic", "typescript");
