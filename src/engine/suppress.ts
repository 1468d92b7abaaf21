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
  const slots = inline.map((suppression) => ({ suppression, used: false }));
  // A comment can cover a whole YAML rule, and many comments the same lines: ranges are matched as
  // ranges, by binary search both ways, never expanded line by line or paired one by one.
  const findingLines = new Map<string, number[]>();
  for (const finding of findings) {
    pushTo(findingLines, lineKey(finding.loc.file, finding.rule), finding.loc.line);
    pushTo(findingLines, lineKey(finding.loc.file), finding.loc.line);
  }
  for (const lines of findingLines.values()) lines.sort((a, b) => a - b);
  const covered = new Map<string, LineRange[]>();
  for (const slot of slots) {
    const { loc, targetLine, rules } = slot.suppression;
    const range = { from: targetLine, to: slot.suppression.endLine ?? targetLine };
    for (const key of rules.length ? rules.map((rule) => lineKey(loc.file, rule)) : [lineKey(loc.file)]) {
      if (anyWithin(findingLines.get(key), range.from, range.to)) slot.used = true;
      pushTo(covered, key, range);
    }
  }
  for (const [key, ranges] of covered) covered.set(key, mergeRanges(ranges));
  const entries = ignores.map((entry, index) => ({ entry, index, used: false, fileMatcher: entry.file ? ignore().add(entry.file) : undefined }));
  const entryIndex = new IgnoreIndex(entries);
  const kept: RuledFinding[] = [];
  let suppressed = 0;
  for (const finding of findings) {
    const { file, line } = finding.loc;
    let silenced = covers(covered.get(lineKey(file, finding.rule)), line) || covers(covered.get(lineKey(file)), line);
    for (const e of entryIndex.candidates(finding)) {
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

/** Lines of a file with one rule's findings or suppressed for one rule; without a rule, for any rule. */
const lineKey = (file: string, rule?: string): string => (rule === undefined ? file : `${file}\u0000${rule}`);

interface LineRange {
  from: number;
  to: number;
}

/** Is any of the sorted `lines` within from..to? */
function anyWithin(lines: number[] | undefined, from: number, to: number): boolean {
  if (!lines) return false;
  let low = 0;
  for (let high = lines.length; low < high; ) {
    const mid = (low + high) >>> 1;
    if (lines[mid]! < from) low = mid + 1;
    else high = mid;
  }
  return low < lines.length && lines[low]! <= to;
}

/** Sorted, disjoint ranges covering the same lines. */
function mergeRanges(ranges: LineRange[]): LineRange[] {
  const merged: LineRange[] = [];
  for (const range of ranges.filter((r) => r.from <= r.to).sort((a, b) => a.from - b.from)) {
    const last = merged.at(-1);
    if (last && range.from <= last.to) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  return merged;
}

/** Does one of the sorted, disjoint `ranges` hold `line`? */
function covers(ranges: LineRange[] | undefined, line: number): boolean {
  if (!ranges) return false;
  let low = 0;
  for (let high = ranges.length; low < high; ) {
    const mid = (low + high) >>> 1;
    if (ranges[mid]!.to < line) low = mid + 1;
    else high = mid;
  }
  return low < ranges.length && ranges[low]!.from <= line;
}

/** Sentinel: the finding has no value for the field, so no entry naming that field matches it. */
const NONE = Symbol("none");

/** The ignore-entry fields compared by equality, each with the finding's value for it (see matchesIgnore). */
const EXACT_FIELDS: { field: "rule" | "subject" | "dashboard" | "panel" | "alert"; of: (finding: RuledFinding) => unknown }[] = [
  { field: "rule", of: (f) => f.rule },
  { field: "subject", of: (f) => f.subject },
  { field: "dashboard", of: (f) => (f.origin && "dashboardUid" in f.origin ? f.origin.dashboardUid : NONE) },
  { field: "panel", of: (f) => (f.origin && "panelId" in f.origin ? String(f.origin.panelId) : NONE) },
  { field: "alert", of: (f) => (f.origin && (f.origin.kind === "alert" || f.origin.kind === "record") ? f.origin.name : NONE) },
];

/**
 * Ignore entries grouped by which of EXACT_FIELDS they name and by those fields' values: a finding is
 * tested (by matchesIgnore, in full) only against the entries whose named values equal its own, found
 * with one lookup per group, not against every entry.
 */
class IgnoreIndex<E extends { entry: IgnoreEntry }> {
  private readonly byFields = new Map<number, Map<string, E[]>>();

  constructor(entries: E[]) {
    for (const e of entries) {
      let named = 0;
      const values: unknown[] = [];
      EXACT_FIELDS.forEach(({ field }, bit) => {
        const value = e.entry[field];
        if (value === undefined) return;
        named |= 1 << bit;
        values.push(field === "panel" ? String(value) : value);
      });
      let byValues = this.byFields.get(named);
      if (!byValues) this.byFields.set(named, (byValues = new Map()));
      pushTo(byValues, JSON.stringify(values), e);
    }
  }

  *candidates(finding: RuledFinding): Generator<E> {
    const own = EXACT_FIELDS.map(({ of }) => of(finding));
    for (const [named, byValues] of this.byFields) {
      const values = own.filter((_, bit) => named & (1 << bit));
      if (values.includes(NONE)) continue;
      yield* byValues.get(JSON.stringify(values)) ?? [];
    }
  }
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
