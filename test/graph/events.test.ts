import { describe, expect, it } from "vitest";
import { EventIndex, patternsOverlap } from "../../src/graph/events.js";

describe("event matching", () => {
  it("matches exact names exactly and unknown slots as one segment", () => {
    expect(patternsOverlap(["a", "b"], ["a", "b"])).toBe(true);
    expect(patternsOverlap(["a", "b"], ["a", "b", "c"])).toBe(false);
    expect(patternsOverlap(["a", null, "c"], ["a", "x", "c"])).toBe(true);
    expect(patternsOverlap(["a", null, "c"], ["a", "x", "d"])).toBe(false);
  });

  it("indexes exact names and patterns", () => {
    const index = new EventIndex<string>();
    index.add(["osint", "search", "stop"], "stop");
    index.add(["supavisor", null, "network", "stat"], "pattern");
    expect(index.lookup(["osint", "search", "stop"])).toEqual(["stop"]);
    expect(index.lookup(["osint", "search", "start"])).toEqual([]);
    expect(index.lookup(["supavisor", "client", "network", "stat"])).toEqual(["pattern"]);
    expect(index.lookup(["osint", null, "stop"])).toEqual(["stop"]);
  });

  it("answers as a scan of every entry would, in the order items were added (exact names, then patterns)", () => {
    let state = 11;
    const next = (n: number) => Math.floor(((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x80000000) * n); // high bits: an LCG's low bits cycle
    const segment = (): string | null => (next(4) === 0 ? null : ["a", "b", "c", "d", ""][next(5)]!);
    const name = (): (string | null)[] => Array.from({ length: 1 + next(4) }, segment);
    const entries = Array.from({ length: 600 }, (_, i) => ({ event: name(), item: i }));
    const index = new EventIndex<number>();
    for (const { event, item } of entries) index.add(event, item);
    // The reference: exact names grouped in order of first appearance, then patterns, as a plain scan.
    const exactFirst = new Map<string, number[]>();
    for (const { event, item } of entries) if (event.every((s) => s !== null)) exactFirst.set(event.join("\u0000"), [...(exactFirst.get(event.join("\u0000")) ?? []), item]);
    const reference = (query: (string | null)[]): number[] => {
      const exact = query.every((s) => s !== null)
        ? (exactFirst.get(query.join("\u0000")) ?? [])
        : [...exactFirst].filter(([key]) => patternsOverlap(key.split("\u0000"), query)).flatMap(([, items]) => items);
      return [...exact, ...entries.filter(({ event }) => event.some((s) => s === null) && patternsOverlap(event, query)).map(({ item }) => item)];
    };
    const tests = [(i: number) => i % 7 === 3, (i: number) => i > 590, () => true];
    for (let k = 0; k < 400; k++) {
      const query = name();
      expect(index.lookup(query)).toEqual(reference(query));
      // `some` and `has` answer as the list would, without building it.
      for (const test of tests) expect(index.some(query, test)).toBe(reference(query).some(test));
      expect(index.has(query)).toBe(reference(query).length > 0);
    }
  });
});
