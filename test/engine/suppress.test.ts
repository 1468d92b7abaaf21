import { describe, expect, it } from "vitest";
import { applySuppressions, type RuledFinding } from "../../src/engine/suppress.js";

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

describe("suppressions matched as ranges", () => {
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
});
