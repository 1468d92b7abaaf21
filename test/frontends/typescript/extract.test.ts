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
