// ESLint rule `telemetry-drift/event-unconsumed` on typescript files: the engine's `event-unconsumed` findings for the linted file.
// Docs: docs/rules/event-unconsumed.md.
import { createDriftRule } from "../src/eslint/rule-factory.js";

export default createDriftRule("event-unconsumed", "typescript");
