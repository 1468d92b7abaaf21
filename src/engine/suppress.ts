// Suppressions: inline comments (`telemetry-drift-disable-next-line RULE`) and config `ignore` entries.
// A suppression that silences nothing is itself reported (suppression-unused) so stale ones get removed.
import ignore from "ignore";
import type { InlineSuppression, Location, QueryOrigin } from "../model.js";
import type { IgnoreEntry } from "../config/config.js";
import type { DraftFinding, RuleId } from "../checks/index.js";
import { pushTo } from "../util/collections.js";

/** The rule that reports stale suppressions (and stale baseline entries), and its default severity. */
export const SUPPRESSION_UNUSED_ID = "suppression-unused";
export const SUPPRESSION_UNUSED_SEVERITY = "warning" as const;

export interface RuledFinding extends DraftFinding {
  rule: RuleId;
}

export interface SuppressionResult {
  kept: RuledFinding[];
  suppressed: number;
  /** suppression-unused findings. */
  stale: DraftFinding[];
}

export function applySuppressions(
  findings: RuledFinding[],
  inline: InlineSuppression[],
  ignores: IgnoreEntry[],
  ignoreLocations: Location[],
): SuppressionResult {
  const inlineByLine = new Map<string, { suppression: InlineSuppression; used: boolean }[]>();
  const slots = inline.map((suppression) => ({ suppression, used: false }));
  for (const slot of slots) {
    const { suppression } = slot;
    for (let line = suppression.targetLine; line <= (suppression.endLine ?? suppression.targetLine); line++) {
      const key = `${suppression.loc.file}\u0000${line}`;
      pushTo(inlineByLine, key, slot);
    }
  }
  const entries = ignores.map((entry, index) => ({ entry, index, used: false, fileMatcher: entry.file ? ignore().add(entry.file) : undefined }));
  const kept: RuledFinding[] = [];
  let suppressed = 0;
  for (const finding of findings) {
    let silenced = false;
    for (const slot of inlineByLine.get(`${finding.loc.file}\u0000${finding.loc.line}`) ?? []) {
      if (slot.suppression.rules.length === 0 || slot.suppression.rules.includes(finding.rule)) {
        slot.used = true;
        silenced = true;
      }
    }
    for (const e of entries) {
      if (matchesIgnore(e.entry, e.fileMatcher, finding)) {
        e.used = true;
        silenced = true;
      }
    }
    if (silenced) suppressed++;
    else kept.push(finding);
  }
  const stale: DraftFinding[] = [];
  for (const { suppression, used } of slots) {
    if (used) continue;
    const rules = suppression.rules.length ? suppression.rules.join(", ") : "all rules";
    const where = suppression.endLine ? `lines ${suppression.targetLine}-${suppression.endLine}` : `line ${suppression.targetLine}`;
    stale.push({
      loc: suppression.loc,
      subject: rules,
      message: `This telemetry-drift-disable comment (${rules}) suppresses nothing on ${where}; remove it.`,
      related: [],
    });
  }
  for (const e of entries) {
    if (e.used) continue;
    const loc = ignoreLocations[e.index] ?? { file: "telemetry-drift.config.json", line: 1, column: 1 };
    stale.push({
      loc,
      subject: `ignore[${e.index}]`,
      message: `Config ignore entry #${e.index + 1} (${describeEntry(e.entry)}) matches no finding; remove it.`,
      related: [],
    });
  }
  return { kept, suppressed, stale };
}

function matchesIgnore(entry: IgnoreEntry, fileMatcher: ReturnType<typeof ignore> | undefined, finding: RuledFinding): boolean {
  if (entry.rule !== undefined && entry.rule !== finding.rule) return false;
  if (entry.subject !== undefined && entry.subject !== finding.subject) return false;
  if (fileMatcher && !fileMatcher.ignores(finding.loc.file)) return false;
  const origin: QueryOrigin | undefined = finding.origin;
  if (entry.dashboard !== undefined && (!origin || !("dashboardUid" in origin) || origin.dashboardUid !== entry.dashboard)) return false;
  if (entry.panel !== undefined && (!origin || !("panelId" in origin) || String(origin.panelId) !== String(entry.panel))) return false;
  if (entry.alert !== undefined && (!origin || (origin.kind !== "alert" && origin.kind !== "record") || origin.name !== entry.alert)) return false;
  return true;
}

function describeEntry(entry: IgnoreEntry): string {
  return Object.entries(entry)
    .filter(([key]) => key !== "reason")
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join(", ");
}
