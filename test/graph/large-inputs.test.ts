// Inputs past ~120,000 items of one kind: spreading them as call arguments (`list.push(...items)`) puts
// each on the stack, and V8 throws "Maximum call stack size exceeded". Found by the scaling benchmark
// at 128,000 record calls of one instrument (an internal error, exit code 2).
import { describe, expect, it } from "vitest";
import { extractTypeScript } from "../../src/frontends/typescript/index.js";
import { extractRuleFile } from "../../src/consumers/prometheus/index.js";
import { buildGraph } from "../../src/graph/build.js";
import { pushAll } from "../../src/util/collections.js";

const MANY = 200_000;

describe("inputs of hundreds of thousands of items", () => {
  it("pushAll appends them all, in order, where spreading them as arguments throws", () => {
    const items = Array.from({ length: MANY }, (_, i) => i);
    expect(() => [].push(...(items as never[]))).toThrow(RangeError);
    const target = [-1];
    pushAll(target, items);
    expect(target).toHaveLength(MANY + 1);
    expect(target[MANY]).toBe(MANY - 1);
  });

  it("builds the graph of an instrument recorded at 200,000 sites", () => {
    const facts = extractTypeScript("src/m.ts", 'import { metrics } from "@opentelemetry/api";\nconst c = metrics.getMeter("app").createCounter("app.c");\nexport function f() {\n  c.add(1, { k: 1 });\n}\n');
    const use = facts.instrumentUses![0]!;
    facts.instrumentUses = Array.from({ length: MANY }, (_, i) => ({ ...use, loc: { ...use.loc, line: 4 + i } }));
    const graph = buildGraph([facts], {});
    expect(graph.emits.filter((e) => e.loc.file === "src/m.ts")).toHaveLength(MANY);
  });

  it("reads a rule file with 150,000 suppression comments", () => {
    const lines = ["groups:", "  - name: g", "    rules:"];
    for (let i = 0; i < 150_000; i++) lines.push(`      # telemetry-drift-disable-next-line series-missing`);
    lines.push("      - alert: A", "        expr: up == 0");
    const facts = extractRuleFile("rules.yml", `${lines.join("\n")}\n`);
    expect(facts.problems).toEqual([]);
    expect(facts.suppressions.length).toBeGreaterThanOrEqual(150_000);
  });
});
