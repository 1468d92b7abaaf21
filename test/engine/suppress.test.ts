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
