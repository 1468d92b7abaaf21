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
});
