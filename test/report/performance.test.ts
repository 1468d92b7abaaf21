// The --performance table: a pure function of the recorded timings, the same on every machine.
import { describe, expect, it } from "vitest";
import { formatPerformance, groupDigits } from "../../src/report/performance.js";
import { PhaseClock, SLOWEST_FILES, type RunTimings } from "../../src/engine/timings.js";

const cold: RunTimings = {
  phases: [
    { phase: "start-up", ms: 91.4 },
    { phase: "config", ms: 1.2 },
    { phase: "discover", ms: 65.3 },
    { phase: "scan", ms: 421.49 },
    { phase: "parse", ms: 1694.2 },
    { phase: "analysis", ms: 193.6 },
    { phase: "fingerprints", ms: 26 },
    { phase: "cache write", ms: 141 },
    { phase: "report", ms: 10 },
  ],
  lanes: [
    { lane: "thread-kinds", ownThread: true, ms: 1685.4, rounds: 2, files: { typescript: 660, yaml: 40 } },
    { lane: "other", ownThread: false, ms: 1549, rounds: 1, files: { json: 80, elixir: 930, "package-json": 30 } },
  ],
  slowest: [
    { file: "grafana/dashboards/svc3.json", kind: "json", ms: 48.4 },
    { file: "services/svc0/src/telemetry/metrics.ts", kind: "typescript", ms: 31 },
  ],
  files: { listed: 19741, read: 19741, factsFromCache: 0 },
  peakRssBytes: 261 * 1024 * 1024,
};

describe("formatPerformance", () => {
  it("lists each phase in order, each lane with what it parsed (most first), and the total", () => {
    expect(formatPerformance(cold)).toBe(
      [
        "telemetry-drift --performance (wall time; the phases follow one another)",
        "  start-up               91 ms  Node's start, the tool's modules",
        "  config                  1 ms  config file, cache index",
        "  discover               65 ms  19,741 files listed",
        "  scan                  421 ms  19,741 read and prefiltered",
        "  parse               1,694 ms  1,740 files parsed, 0 with facts from the cache; lanes side by side, each finished at:",
        "    TS/JS+YAML lane   1,685 ms  its own thread: 660 TS/JS, 40 YAML in 2 rounds",
        "    other lane        1,549 ms  main thread: 930 Elixir, 80 JSON, 30 package.json in 1 round",
        "  analysis              194 ms  contract graph, checks",
        "  fingerprints           26 ms",
        "  cache write           141 ms  fact cache, report",
        "  report                 10 ms  formatting, writing",
        "  total               2,644 ms  peak RSS 261 MB",
        "  slowest files to parse (a parser's first files also pay for its warming up):",
        "                         48 ms  grafana/dashboards/svc3.json (JSON)",
        "                         31 ms  services/svc0/src/telemetry/metrics.ts (TS/JS)",
        "",
      ].join("\n"),
    );
  });

  it("says when the report came from the cache, and which files the stat alone vouched for", () => {
    const warm: RunTimings = {
      phases: [
        { phase: "start-up", ms: 100 },
        { phase: "config", ms: 20 },
        { phase: "discover", ms: 17 },
        { phase: "scan", ms: 120 },
        { phase: "cache write", ms: 6 },
        { phase: "report", ms: 8 },
      ],
      lanes: [],
      slowest: [],
      files: { listed: 19741, read: 1, factsFromCache: 0 },
      reportReused: "input",
    };
    const text = formatPerformance(warm);
    expect(text).toContain("  scan                  120 ms  1 read and prefiltered, 19,740 unchanged by their stat; the same input as the cached report: nothing parsed or analysed\n");
    expect(text).not.toMatch(/^ {2}parse /m);
    expect(text.endsWith("\n  total                 271 ms\n")).toBe(true); // no peak RSS recorded: none printed
  });

  it("shows lanes run one after the other on the main thread, and an idle lane only if it had a thread", () => {
    const text = formatPerformance({
      phases: [{ phase: "parse", ms: 97 }],
      lanes: [
        { lane: "other", ownThread: false, ms: 97, rounds: 1, files: { elixir: 1 } },
        { lane: "thread-kinds", ownThread: false, ms: 97, rounds: 0, files: {} },
      ],
      slowest: [],
      files: { listed: 9, read: 2, factsFromCache: 8 },
      reportReused: "facts",
    });
    expect(text).toContain("1 file parsed, 8 with facts from the cache; the same facts as the cached report: not analysed again; lanes one after the other, each finished at:");
    expect(text).toContain("    other lane           97 ms  main thread: 1 Elixir in 1 round\n");
    expect(text).not.toContain("TS/JS+YAML lane");
  });
});

describe("PhaseClock.fileParsed", () => {
  it("keeps the slowest files, slowest first, ties by path, whatever the order they come in", () => {
    const times = [3, 9, 1, 9, 7, 2, 8, 5, 9];
    const keep = (order: number[]) => {
      const clock = new PhaseClock();
      for (const i of order) clock.fileParsed({ file: `f${i}.ex`, kind: "elixir", ms: times[i]! });
      return clock.timings.slowest.map((t) => `${t.file}:${t.ms}`);
    };
    const expected = ["f1.ex:9", "f3.ex:9", "f8.ex:9", "f6.ex:8", "f4.ex:7"];
    expect(keep(times.map((_, i) => i))).toEqual(expected);
    expect(keep(times.map((_, i) => i).reverse())).toEqual(expected);
    expect(expected).toHaveLength(SLOWEST_FILES);
  });
});

describe("groupDigits", () => {
  it("groups thousands with commas whatever the locale, and rounds", () => {
    expect([0, 999, 1000, 1234567, 19740.6].map(groupDigits)).toEqual(["0", "999", "1,000", "1,234,567", "19,741"]);
  });
});
