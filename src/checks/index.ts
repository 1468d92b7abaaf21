// The registry of drift checks: one file per rule id, in the order the docs list them.
import { SUPPRESSION_UNUSED_ID, SUPPRESSION_UNUSED_SEVERITY } from "../engine/suppress.js";
import type { Check, RuleId } from "./check.js";
import { eventUnconsumed } from "./event-unconsumed.js";
import { eventUndeclared } from "./event-undeclared.js";
import { eventDeclaredUnemitted } from "./event-declared-unemitted.js";
import { metricNoEmitter } from "./metric-no-emitter.js";
import { metricUnsupported } from "./metric-unsupported.js";
import { metricInvalid } from "./metric-invalid.js";
import { metricFieldMissing } from "./metric-field-missing.js";
import { seriesMissing } from "./series-missing.js";
import { labelMissing } from "./label-missing.js";
import { metricUnused } from "./metric-unused.js";
import { eventDynamic } from "./event-dynamic.js";
import { inputUnparseable } from "./input-unparseable.js";

export const CHECKS: readonly Check[] = [
  eventUnconsumed,
  eventUndeclared,
  eventDeclaredUnemitted,
  metricNoEmitter,
  metricUnsupported,
  metricInvalid,
  metricFieldMissing,
  seriesMissing,
  labelMissing,
  metricUnused,
  eventDynamic,
  inputUnparseable,
];

/** Reported by the engine itself (not a graph check): a suppression that matches no finding. */
export const SUPPRESSION_UNUSED = {
  id: SUPPRESSION_UNUSED_ID as RuleId,
  defaultSeverity: SUPPRESSION_UNUSED_SEVERITY,
  description: "An inline suppression comment or config `ignore` entry that matches no finding.",
};

export const RULE_IDS: readonly RuleId[] = [...CHECKS.map((c) => c.id), SUPPRESSION_UNUSED.id];

export type { Check, RuleId, DraftFinding } from "./check.js";
