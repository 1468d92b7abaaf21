import { describe, expect, it } from "vitest";
import { extractTypeScript } from "../../../src/frontends/typescript/index.js";

const facts = (code: string) => extractTypeScript("src/m.ts", code);

describe("module exports", () => {
  it("exports each instrument under every name that reaches it, in export order then binding order", () => {
    const f = facts(`import { metrics } from "@opentelemetry/api";
const meter = metrics.getMeter("m");
const all = { z: meter.createCounter("z"), a: meter.createCounter("a") };
const allOther = meter.createCounter("all.other");
export const c = meter.createCounter("c");
const cc = meter.createCounter("cc");
export class K { h = meter.createHistogram("h"); constructor() { this.g = meter.createGauge("g"); } }
all.late = meter.createCounter("late");
export { all, cc as renamed, all as again };
module.exports = { cjs: allOther };
exports.meter = meter;`);
    const bindings = f.moduleExports!.bindings;
    expect(Object.entries(bindings)).toEqual([
      ["c", "src/m.ts#c"],
      ["K.h", "src/m.ts#K.h"],
      ["K.g", "src/m.ts#K.g"],
      ["all.z", "src/m.ts#all.z"],
      ["all.a", "src/m.ts#all.a"],
      ["all.late", "src/m.ts#all.late"],
      ["renamed", "src/m.ts#cc"],
      ["again.z", "src/m.ts#all.z"],
      ["again.a", "src/m.ts#all.a"],
      ["again.late", "src/m.ts#all.late"],
      ["cjs", "src/m.ts#allOther"],
    ]);
  });
});

describe("instrument references", () => {
  it("an instrument passed as a call argument escapes, wherever it stands; as callee, receiver, `new` argument or the instrument of `observe` it does not", () => {
    const f = facts(`import { metrics } from "@opentelemetry/api";
import { imported } from "./metrics";
const meter = metrics.getMeter("m");
const c = meter.createCounter("c");
const g = meter.createObservableGauge("g");
const plain = 1;
register(c);
register(plain, other, c);
register(imported);
c(plain);
new Wrapper(c);
register(...[c]);
register(c.name);
meter.addBatchObservableCallback((r) => r.observe(g, 1, {}), [g]);
function give() { return c; }
result.observe(c, 1);
result.observe(1, c);`);
    const uses = f.instrumentUses!.map((u) => `${u.method} ${u.target.kind === "local" ? u.target.key.split("#")[1] : `${u.target.specifier}:${u.target.path}`}@${u.loc.line}:${u.loc.column}`);
    expect(uses).toEqual(["escape c@7:10", "escape c@8:24", "escape ./metrics:imported@9:10", "observe g@14:41", "escape c@15:26", "escape c@17:19"]);
  });
});

describe("suppression comments", () => {
  it("a next-line directive targets the next line that is neither blank nor a `//` comment", () => {
    const code = [
      "// telemetry-drift-disable-next-line a",
      "// telemetry-drift-disable-next-line b, c",
      "",
      "   // another comment",
      "// telemetry-drift-disable-next-line d",
      "const x = 1; // telemetry-drift-disable-line e",
      "/* telemetry-drift-disable-next-line f */",
      "/* a block comment line is code here */",
      "const y = 2;",
      "// telemetry-drift-disable-next-line g\r",
      "// plain comment with a carriage return\r",
      "const z = 3;",
      "// telemetry-drift-disable-next-line h",
      "",
      "// trailing",
    ].join("\n");
    expect(facts(code).suppressions.map((s) => `${s.loc.line}:${s.loc.column}->${s.targetLine} ${s.rules.join(",")}`)).toEqual([
      "1:1->6 a",
      "2:1->6 b,c",
      "5:1->6 d",
      "6:14->6 e",
      "7:1->8 f",
      "10:1->11 g",
      "13:1->16 h",
    ]);
  });

  it("lines as the parser counts them: a lone \\r or U+2028 breaks a line there, not in the text's \\n lines", () => {
    const code = "// telemetry-drift-disable-next-line a\r// telemetry-drift-disable-next-line b\rconst x = 1;\n// telemetry-drift-disable-next-line c\u2028\nconst y = 2;";
    expect(facts(code).suppressions.map((s) => `${s.loc.line}->${s.targetLine} ${s.rules.join(",")}`)).toEqual(["1->2 a", "2->3 b", "4->5 c"]);
  });
});
