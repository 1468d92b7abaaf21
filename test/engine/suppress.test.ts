import ignore from "ignore";
import { describe, expect, it } from "vitest";
import type { IgnoreEntry } from "../../src/config/config.js";
import { applySuppressions, type RuledFinding } from "../../src/engine/suppress.js";
import type { InlineSuppression } from "../../src/model.js";

const finding = (rule: RuledFinding["rule"], file: string, line: number, subject: string, origin?: RuledFinding["origin"]): RuledFinding => ({
  rule,
  loc: { file, line, column: 1 },
  subject,
  message: `${rule} ${subject}`,
  related: [],
  ...(origin ? { origin } : {}),
});

describe("suppressions", () => {
  it("inline comments silence their rule on the target line only; unused ones are stale", () => {
    const result = applySuppressions(
      [finding("event-unconsumed", "lib/a.ex", 4, "a.b"), finding("event-unconsumed", "lib/a.ex", 9, "a.c")],
      [
        { loc: { file: "lib/a.ex", line: 3, column: 5 }, targetLine: 4, rules: ["event-unconsumed"] },
        { loc: { file: "lib/a.ex", line: 7, column: 5 }, targetLine: 8, rules: ["event-unconsumed"] },
        { loc: { file: "lib/a.ex", line: 8, column: 5 }, targetLine: 9, rules: ["metric-invalid"] },
      ],
      [],
      [],
    );
    expect(result.kept.map((f) => f.subject)).toEqual(["a.c"]);
    expect(result.suppressed).toBe(1);
    expect(result.stale.map((s) => `${s.loc.line}:${s.subject}`)).toEqual(["7:event-unconsumed", "8:metric-invalid"]);
  });

  it("config ignores match rule, subject, file glob, dashboard uid + panel id, alert name", () => {
    const panel = { kind: "panel" as const, dashboardUid: "legacy", panelId: 3 };
    const result = applySuppressions(
      [
        finding("series-missing", "d/legacy.json", 10, "x_total", panel),
        finding("series-missing", "d/legacy.json", 20, "y_total", { kind: "panel", dashboardUid: "legacy", panelId: 4 }),
        finding("series-missing", "rules/a.yml", 5, "z", { kind: "alert", group: "g", name: "OldAlert" }),
        finding("event-unconsumed", "lib/gen/x.ex", 1, "gen.x"),
      ],
      [],
      [
        { rule: "series-missing", dashboard: "legacy", panel: 3 },
        { alert: "OldAlert" },
        { file: "lib/gen/**" },
        { rule: "label-missing", subject: "tenant" },
      ],
      [{ file: "telemetry-drift.config.json", line: 3, column: 5 }, { file: "c", line: 4, column: 5 }, { file: "c", line: 5, column: 5 }, { file: "telemetry-drift.config.json", line: 6, column: 5 }],
    );
    expect(result.kept.map((f) => f.subject)).toEqual(["y_total"]);
    expect(result.stale).toHaveLength(1);
    expect(result.stale[0]!.loc).toEqual({ file: "telemetry-drift.config.json", line: 6, column: 5 });
    expect(result.stale[0]!.message).toBe('Config ignore entry #4 (rule: "label-missing", subject: "tenant") matches no finding; remove it.');
  });
});

describe("suppressions matched as ranges and by index", () => {
  it("overlapping ranges: each comment that covers a finding of its rule is used, whatever else covers it", () => {
    const result = applySuppressions(
      [finding("series-missing", "r.yml", 15, "a"), finding("label-missing", "r.yml", 18, "b"), finding("series-missing", "r.yml", 25, "c"), finding("series-missing", "s.yml", 12, "d")],
      [
        { loc: { file: "r.yml", line: 9, column: 1 }, targetLine: 10, endLine: 20, rules: ["series-missing"] },
        { loc: { file: "r.yml", line: 8, column: 1 }, targetLine: 10, endLine: 20, rules: ["series-missing"] },
        { loc: { file: "r.yml", line: 14, column: 1 }, targetLine: 15, rules: [] },
        { loc: { file: "r.yml", line: 16, column: 1 }, targetLine: 17, endLine: 16, rules: [] },
        { loc: { file: "r.yml", line: 21, column: 1 }, targetLine: 22, endLine: 24, rules: ["series-missing"] },
        { loc: { file: "r.yml", line: 24, column: 1 }, targetLine: 25, endLine: 30, rules: ["label-missing", "series-missing"] },
        { loc: { file: "s.yml", line: 1, column: 1 }, targetLine: 2, endLine: 11, rules: [] },
      ],
      [],
      [],
    );
    expect(result.kept.map((f) => f.subject)).toEqual(["b", "d"]);
    expect(result.suppressed).toBe(2);
    expect(result.stale.map((s) => s.message)).toEqual([
      "This telemetry-drift-disable comment (all rules) suppresses nothing on lines 17-16; remove it.",
      "This telemetry-drift-disable comment (series-missing) suppresses nothing on lines 22-24; remove it.",
      "This telemetry-drift-disable comment (all rules) suppresses nothing on lines 2-11; remove it.",
    ]);
  });

  it("ignore entries: exact and wildcard rule/subject, panel ids as strings, origins without the field; every matching entry is used", () => {
    const result = applySuppressions(
      [
        finding("series-missing", "d.json", 1, "x", { kind: "panel", dashboardUid: "d", panelId: 3 }),
        finding("series-missing", "d.json", 2, "y", { kind: "panel", dashboardUid: "d", panelId: "4" }),
        finding("label-missing", "r.yml", 3, "x", { kind: "alert", group: "g", name: "A" }),
        finding("event-unconsumed", "lib/a.ex", 4, "z"),
      ],
      [{ loc: { file: "lib/a.ex", line: 3, column: 1 }, targetLine: 4, rules: [] }],
      [
        { rule: "series-missing", panel: "3" },
        { subject: "x" },
        { rule: "label-missing", subject: "x", alert: "A" },
        { dashboard: "d", panel: 4 },
        { dashboard: "r.yml" },
        { rule: "event-unconsumed", file: "lib/**" },
        { rule: "event-unconsumed", subject: "z", file: "test/**" },
        { alert: "B" },
      ],
      [],
    );
    expect(result.kept).toEqual([]);
    expect(result.suppressed).toBe(4);
    expect(result.stale.map((s) => s.subject)).toEqual(["ignore[4]", "ignore[6]", "ignore[7]"]);
  });

  it("agrees with every suppression tried on every finding (random cases)", () => {
    let seed = 7;
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return Math.floor((seed / 2 ** 32) * n);
    };
    const pick = <T>(items: readonly T[]): T => items[next(items.length)]!;
    const rules = ["series-missing", "label-missing", "event-unconsumed"] as const;
    const files = ["a.yml", "b.json", "lib/c.ex"];
    for (let round = 0; round < 40; round++) {
      const findings = Array.from({ length: 30 }, (_, i) =>
        finding(pick(rules), pick(files), 1 + next(20), pick(["s1", "s2", "s3"]), pick([undefined, { kind: "panel" as const, dashboardUid: pick(["d1", "d2"]), panelId: pick([1, 2, "1"]) }, { kind: "record" as const, group: "g", name: pick(["r1", "r2"]) }])),
      ).map((f, i) => ({ ...f, message: `m${i}` }));
      const inline = Array.from({ length: 12 }, () => {
        const targetLine = 1 + next(20);
        return { loc: { file: pick(files), line: 1, column: 1 }, targetLine, ...(next(2) ? { endLine: targetLine - 2 + next(8) } : {}), rules: pick([[], [pick(rules)], [pick(rules), pick(rules)]]) };
      });
      const ignores = Array.from({ length: 12 }, () => {
        const entry: Record<string, string | number> = {};
        if (next(2)) entry.rule = pick(rules);
        if (next(3) === 0) entry.subject = pick(["s1", "s2", "s3"]);
        if (next(4) === 0) entry.file = pick(["*.yml", "lib/**", "b.json"]);
        if (next(4) === 0) entry.dashboard = pick(["d1", "d2"]);
        if (next(4) === 0) entry.panel = pick([1, 2, "1", "2"]);
        if (next(4) === 0) entry.alert = pick(["r1", "r2"]);
        return entry;
      });
      expect(applySuppressions(findings, inline, ignores, [])).toEqual(tryEach(findings, inline, ignores));
    }
  });
});

/** Every suppression line by line and every entry tried on every finding: what applySuppressions must agree with. */
function tryEach(findings: RuledFinding[], inline: InlineSuppression[], ignores: IgnoreEntry[]): ReturnType<typeof applySuppressions> {
  const used = inline.map(() => false);
  const entryUsed = ignores.map(() => false);
  const kept: RuledFinding[] = [];
  for (const f of findings) {
    let silenced = false;
    inline.forEach((s, i) => {
      const inRange = s.loc.file === f.loc.file && f.loc.line >= s.targetLine && f.loc.line <= (s.endLine ?? s.targetLine);
      if (inRange && (s.rules.length === 0 || s.rules.includes(f.rule))) silenced = used[i] = true;
    });
    ignores.forEach((e, i) => {
      const o = f.origin;
      const match =
        (e.rule === undefined || e.rule === f.rule) &&
        (e.subject === undefined || e.subject === f.subject) &&
        (e.file === undefined || ignore().add(e.file).ignores(f.loc.file)) &&
        (e.dashboard === undefined || (o !== undefined && "dashboardUid" in o && o.dashboardUid === e.dashboard)) &&
        (e.panel === undefined || (o !== undefined && "panelId" in o && String(o.panelId) === String(e.panel))) &&
        (e.alert === undefined || (o !== undefined && (o.kind === "alert" || o.kind === "record") && o.name === e.alert));
      if (match) silenced = entryUsed[i] = true;
    });
    if (!silenced) kept.push(f);
  }
  const stale = [
    ...inline.filter((_, i) => !used[i]).map((s) => {
      const rules = s.rules.length ? s.rules.join(", ") : "all rules";
      const where = s.endLine ? `lines ${s.targetLine}-${s.endLine}` : `line ${s.targetLine}`;
      return { loc: s.loc, subject: rules, message: `This telemetry-drift-disable comment (${rules}) suppresses nothing on ${where}; remove it.`, related: [] };
    }),
    ...ignores.flatMap((e, i) => {
      if (entryUsed[i]) return [];
      const described = Object.entries(e).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(", ");
      return [{ loc: { file: "telemetry-drift.config.json", line: 1, column: 1 }, subject: `ignore[${i}]`, message: `Config ignore entry #${i + 1} (${described}) matches no finding; remove it.`, related: [] }];
    }),
  ];
  return { kept, suppressed: findings.length - kept.length, stale };
}
