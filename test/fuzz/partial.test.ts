// "Valid parts still give facts": a broken part of a file (a junk query, a junk YAML document, junk
// after an Elixir module) is reported, and the facts from the rest of the file are exactly those of the
// file without the broken part. Seeded properties, small and fast.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { extractElixir, loadElixirParser } from "../../src/frontends/elixir/index.js";
import { extractTypeScript } from "../../src/frontends/typescript/index.js";
import { extractDashboard } from "../../src/consumers/grafana/index.js";
import { extractRuleFile } from "../../src/consumers/prometheus/index.js";
import type { FileFacts, Query } from "../../src/model.js";
import { TOKENS } from "./harness.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const read = (path: string): string => readFileSync(resolve(REPO, path), "utf8");
const SEED = 42;

beforeAll(() => loadElixirParser());

/** A query without its file positions: what must not change when another part of the file breaks. */
const shape = (q: Query) => ({ expr: q.expr, origin: q.origin, selectors: q.analysis.selectors.map((s) => ({ name: s.name, namePattern: s.namePattern, matchers: s.matchers, labelsUsed: s.labelsUsed })), errors: q.analysis.errors.length });
const soup = (tokens: string[], max = 40) => fc.array(fc.constantFrom(...tokens), { minLength: 1, maxLength: max }).map((t) => t.join(""));
const junk = (tokens: string[]) => fc.oneof(soup(tokens), fc.string({ unit: "binary", minLength: 1, maxLength: 200 }));

describe("valid parts of a broken file still give facts", () => {
  it("dashboard: any junk in one panel's query leaves the other panels' queries as they were", () => {
    const base = JSON.parse(read("fixtures/seed/dashboards/osint.json")) as { panels: { targets?: { expr?: string }[] }[] };
    const withQueries = base.panels.map((p, i) => ({ p, i })).filter(({ p }) => p.targets?.some((t) => t.expr));
    expect(withQueries.length).toBeGreaterThan(2);
    const before = extractDashboard("dashboards/osint.json", JSON.stringify(base, null, 2)).queries;
    fc.assert(
      fc.property(fc.nat({ max: withQueries.length - 1 }), junk(TOKENS.promql), (which, expr) => {
        const copy = structuredClone(base);
        copy.panels[withQueries[which]!.i]!.targets![0]!.expr = expr;
        const facts = extractDashboard("dashboards/osint.json", JSON.stringify(copy, null, 2));
        expect(facts.problems).toEqual([]);
        const brokenTitle = (copy.panels[withQueries[which]!.i] as { title?: string }).title;
        const others = (qs: Query[]) => qs.filter((q) => q.origin.kind !== "panel" || q.origin.panelTitle !== brokenTitle).map(shape);
        expect(others(facts.queries)).toEqual(others(before));
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it("rule file: a junk YAML document after a valid one is reported, the valid document's rules are all read", () => {
    const valid = read("fixtures/seed/rules/osint.rules.yml");
    const before = extractRuleFile("rules/osint.rules.yml", valid);
    expect(before.queries.length).toBeGreaterThan(1);
    fc.assert(
      fc.property(junk(TOKENS.yaml), (tail) => {
        const text = `${valid.replace(/\n*$/, "\n")}---\n${tail.replace(/^(---|\.\.\.|%)/, " $1")}\n`;
        const facts = extractRuleFile("rules/osint.rules.yml", text);
        for (const p of facts.problems) expect(p.loc.line).toBeGreaterThan(valid.split("\n").length - 1);
        expect(facts.queries.slice(0, before.queries.length).map(shape)).toEqual(before.queries.map(shape));
        expect(facts.ruleSeries.slice(0, before.ruleSeries.length)).toEqual(before.ruleSeries);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it("rule file: a junk expression in one rule is that rule's error; the other rules are unchanged", () => {
    const valid = read("fixtures/seed/rules/osint.rules.yml");
    const before = extractRuleFile("rules/osint.rules.yml", valid).queries;
    // Single-line expressions (a block scalar's body lines would be left behind by the replacement).
    const exprLines = valid.split("\n").map((l, i) => ({ l, i })).filter(({ l }) => /^\s+expr: [^|>]/.test(l));
    expect(exprLines.length).toBeGreaterThan(1);
    fc.assert(
      fc.property(fc.nat({ max: exprLines.length - 1 }), soup(TOKENS.promql).filter((e) => e.trim() !== ""), (which, expr) => {
        const lines = valid.split("\n");
        const { l, i } = exprLines[which]!;
        lines[i] = `${l.slice(0, l.indexOf("expr: ") + 6)}${JSON.stringify(expr)}`;
        const after = extractRuleFile("rules/osint.rules.yml", lines.join("\n")).queries;
        expect(after.length).toBe(before.length);
        const broken = after.findIndex((q) => q.expr === expr);
        expect(broken).toBeGreaterThanOrEqual(0);
        after.forEach((q, k) => {
          if (k !== broken) expect(shape(q)).toEqual(shape(before[k]!));
        });
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it("Elixir: junk after a complete module is reported; the module's events, metrics and reporters are all read", () => {
    const valid = read("fixtures/seed/lib/prismatic_web/telemetry.ex");
    const emitter = read("fixtures/seed/lib/prismatic_osint/breaker.ex");
    const strip = (f: FileFacts) => ({ emits: f.emits, metrics: f.metrics, reporters: f.reporters, contracts: f.contracts, handlers: f.handlers });
    for (const [file, text] of [["lib/prismatic_web/telemetry.ex", valid], ["lib/prismatic_osint/breaker.ex", emitter]] as const) {
      const before = extractElixir(file, text);
      expect(before.metrics.length + before.emits.length).toBeGreaterThan(0);
      fc.assert(
        fc.property(junk(TOKENS.elixir), (tail) => {
          const facts = extractElixir(file, `${text.replace(/\n*$/, "\n")}${tail}\n`);
          for (const p of facts.problems) expect(p.message).toMatch(new RegExp(`^${file.replace(/[./]/g, "\\$&")}`));
          expect(strip(facts)).toEqual(strip(before));
        }),
        { seed: SEED, numRuns: 100 },
      );
    }
  });

  it("TypeScript: the parser is all or nothing — a syntax error is one located problem and no facts (a known limit)", () => {
    const facts = extractTypeScript("src/a.ts", 'import { metrics } from "@opentelemetry/api";\nconst c = metrics.getMeter("m").createCounter("orders");\nc.add(1, {\n');
    expect(facts.problems).toHaveLength(1);
    expect(facts.problems[0]!.message).toMatch(/^src\/a\.ts:\d+:\d+: TypeScript\/JavaScript syntax error/);
    expect(facts.metrics).toEqual([]);
  });
});
