import { describe, expect, it } from "vitest";
import type { Report } from "../../src/report/report.js";
import { formatGithub } from "../../src/report/github.js";
import { formatSarif } from "../../src/report/sarif.js";
import { formatMarkdown } from "../../src/report/markdown.js";
import { colourFor, formatPretty } from "../../src/report/pretty.js";
import { fingerprints } from "../../src/report/fingerprint.js";

const report: Report = {
  version: 1,
  tool: { name: "telemetry-drift", version: "0.0.0" },
  root: ".",
  findings: [
    {
      rule: "series-missing",
      severity: "error",
      message: "Panel \"a, b: c\" queries `x`, 100% missing\nsecond line",
      file: "dash boards/a.json",
      line: 3,
      column: 7,
      subject: "x",
      related: [{ file: "lib/t.ex", line: 9, message: "closest" }],
    },
    { rule: "event-dynamic", severity: "info", message: "dyn", file: "lib/a.ex", line: 1, column: 1, subject: "e", related: [] },
  ],
  summary: { error: 1, warning: 0, info: 1 },
  inventory: { files: 2, events: 1, metrics: 1, series: 1, queries: 1 },
};

describe("reporters", () => {
  it("github: escapes data and properties, maps info to notice", () => {
    expect(formatGithub(report)).toBe(
      "::error file=dash boards/a.json,line=3,col=7,title=telemetry-drift (series-missing)::Panel \"a, b: c\" queries `x`, 100%25 missing%0Asecond line\n" +
        "::notice file=lib/a.ex,line=1,col=1,title=telemetry-drift (event-dynamic)::dyn\n",
    );
  });

  it("sarif: 2.1.0, relative encoded URIs, rule index, related locations, fingerprints", () => {
    const sarif = JSON.parse(formatSarif(report));
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0];
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toContain("series-missing");
    const [first, second] = run.results;
    expect(first.ruleId).toBe("series-missing");
    expect(ids[first.ruleIndex]).toBe("series-missing");
    expect(first.level).toBe("error");
    expect(second.level).toBe("note");
    expect(first.locations[0].physicalLocation.artifactLocation).toEqual({ uri: "dash%20boards/a.json", uriBaseId: "%SRCROOT%" });
    expect(first.locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 7 });
    expect(first.relatedLocations[0].physicalLocation.region.startLine).toBe(9);
    expect(first.partialFingerprints["telemetryDrift/v2"]).toMatch(/^[0-9a-f]{32}$/);
  });

  it("fingerprints ignore line numbers but separate repeats", () => {
    const a = report.findings[0]!;
    const [p1, p2] = fingerprints([a, { ...a, line: 99 }]);
    const [q1] = fingerprints([{ ...a, line: 50 }]);
    expect(p1).toBe(q1);
    expect(p1).not.toBe(p2);
  });

  it("markdown: a table row per finding with the provenance chain, pipes escaped", () => {
    const md = formatMarkdown(report);
    expect(md).toContain("| Severity | Rule | Location | Finding |");
    expect(md).toContain("`dash boards/a.json:3`");
    expect(md).toContain("↳ `lib/t.ex:9` closest");
  });

  it("pretty: grouped by file with a summary line; NO_COLOR and FORCE_COLOR respected", () => {
    const plain = formatPretty(report, colourFor({ NO_COLOR: "1" }, true));
    expect(plain).not.toMatch(/\u001b\[/);
    expect(plain).toContain("dash boards/a.json\n  3:7     error    Panel");
    expect(plain.trimEnd().split("\n").at(-1)).toBe("✖ 1 error, 0 warnings, 1 info in 2 files; 1 events, 1 metrics, 1 queries");
    expect(formatPretty(report, colourFor({ NO_COLOR: "1", FORCE_COLOR: "1" }, false))).toMatch(/\u001b\[/);
  });
});
