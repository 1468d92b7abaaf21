// ESLint rule `telemetry-drift/event-undeclared` on typescript files: the engine's `event-undeclared` findings for the linted file.
// Docs: docs/rules/event-undeclared.md.
import { createDriftRule } from "../src/eslint/rule-factory.js";

export default createDriftRule("event-undeclared", "typescript");
