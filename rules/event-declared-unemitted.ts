// ESLint rule `telemetry-drift/event-declared-unemitted` on typescript files: the engine's `event-declared-unemitted` findings for the linted file.
// Docs: docs/rules/event-declared-unemitted.md.
import { createDriftRule } from "../src/eslint/rule-factory.js";

export default createDriftRule("event-declared-unemitted", "typescript");
