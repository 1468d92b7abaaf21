import { describe, expect, it } from "vitest";
import { SuggestionIndex, closest, editDistance } from "../../src/checks/check.js";

/** The textbook full-table Levenshtein distance, as the reference. */
function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** A small deterministic generator (no flaky seeds). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

describe("editDistance (banded, bounded)", () => {
  it("equals the full Levenshtein distance when within the bound, else bound + 1", () => {
    const next = random(42);
    const word = (length: number) => Array.from({ length }, () => "ab._1"[Math.floor(next() * 5)]).join("");
    for (let k = 0; k < 4000; k++) {
      const a = word(Math.floor(next() * 12));
      // Half the pairs are near variants of each other, the rest unrelated.
      const b = next() < 0.5 ? word(Math.floor(next() * 12)) : [...a].map((c) => (next() < 0.15 ? word(Math.floor(next() * 2)) : c)).join("");
      const max = Math.floor(next() * 7);
      const exact = levenshtein(a, b);
      expect(editDistance(a, b, max), `${a} / ${b} / ${max}`).toBe(exact <= max ? exact : max + 1);
    }
  });

  it("handles empty strings, equal strings and long names", () => {
    expect(editDistance("", "", 0)).toBe(0);
    expect(editDistance("", "abc", 3)).toBe(3);
    expect(editDistance("abc", "", 2)).toBe(3);
    expect(editDistance("http_requests_total", "http_requests_total", 0)).toBe(0);
    const long = "app0_domain3_op9_stop_duration_bucket".repeat(8);
    expect(editDistance(long, long.replace("op9", "op8"), 3)).toBe(1);
    expect(editDistance(long, `x${long.slice(1, -1)}y`, 3)).toBe(2);
  });
});

describe("closest", () => {
  it("picks the nearest candidate within the bound; ties go to the alphabetically first", () => {
    // All three at distance 1: the alphabetically first wins.
    expect(closest("app0.domain3.op9.stop", ["app0.domain3.op8.stop", "app0.domain3.op19.stop", "app0.domain4.op9.stop"], 3)).toBe("app0.domain3.op19.stop");
    expect(closest("app0.domain3.op9.stop", ["app0.domain4.op8.stop", "app0.domain3.op9.start"], 3)).toBe("app0.domain4.op8.stop");
    expect(closest("http_request_total", ["http_requests_total", "grpc_requests_total"], 3)).toBe("http_requests_total");
    expect(closest("abcdef", ["zzzzzz"], 3)).toBeUndefined();
    expect(closest("same", ["same"], 3)).toBeUndefined();
  });
});

describe("SuggestionIndex", () => {
  const next = random(7);
  const word = (length: number) => Array.from({ length }, () => "abcdefgh_1"[Math.floor(next() * 10)]).join("");

  it("answers exactly as closest over every candidate up to its exact-search limit", () => {
    const names = Array.from({ length: SuggestionIndex.EXACT_SEARCH_LIMIT }, () => `acme_${word(6 + Math.floor(next() * 10))}`);
    const index = new SuggestionIndex(names);
    expect(index.size).toBe(new Set(names).size);
    for (let k = 0; k < 300; k++) {
      const base = names[Math.floor(next() * names.length)]!;
      const target = k % 3 === 0 ? `acme_${word(10)}` : `${base.slice(0, 7)}${word(1)}${base.slice(8)}`;
      expect(index.closest(target, 3)).toBe(closest(target, names, 3));
    }
  });

  it("past the limit, still finds a typo that keeps the name's prefix or its suffix", () => {
    // Thousands of series of one namespace: only neighbours in sorted (and reversed-sorted) order are compared.
    const names = Array.from({ length: 20_000 }, (_, i) => `acme_service${i}_requests_total`);
    const index = new SuggestionIndex(names);
    expect(index.closest("acme_service12345_requets_total", 3)).toBe("acme_service12345_requests_total"); // the prefix kept
    expect(index.closest("acme_servce777_requests_total", 3)).toBe("acme_service777_requests_total"); // the suffix kept
    expect(index.closest("zzzz_other_thing", 3)).toBeUndefined();
    // The answer is a function of the candidates, not of their order.
    expect(new SuggestionIndex([...names].reverse()).closest("acme_servce777_requests_total", 3)).toBe("acme_service777_requests_total");
  });
});
