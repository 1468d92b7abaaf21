import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configuredCallees, looksMinified, needsFirstPass, needsSecondPass, secondPassTokens } from "../../src/discover/prefilter.js";
import { analyzeReport } from "../../src/engine/run.js";
import { emptyFacts } from "../../src/model.js";

describe("text prefilter", () => {
  it("first pass: only files whose text can hold a fact", () => {
    expect(needsFirstPass("elixir", "lib/a.ex", "defmodule A do\n  def f, do: Enum.sum([1])\nend", undefined)).toBe(false);
    expect(needsFirstPass("elixir", "lib/a.ex", ":telemetry.execute([:a], %{})", undefined)).toBe(true);
    expect(needsFirstPass("elixir", "mix.exs", "defmodule X do end", undefined)).toBe(true);
    expect(needsFirstPass("elixir", "config/prod.exs", "import Config", undefined)).toBe(true);
    expect(needsFirstPass("typescript", "src/a.ts", "export const x = new Map();\nx.set(1, 2);", undefined)).toBe(false);
    expect(needsFirstPass("typescript", "src/a.ts", 'import { metrics } from "@opentelemetry/api";', undefined)).toBe(true);
    expect(needsFirstPass("typescript", "src/a.ts", 'bus.emit("a.b")', configuredCallees(["emit"]))).toBe(true);
    expect(needsFirstPass("json", "d.json", "{}", undefined)).toBe(true);
  });

  it("second pass: wrapper call sites, importers of instrument modules, imported constants modules", () => {
    const wrapperFile = { ...emptyFacts("lib/t.ex"), wrappers: [{ function: "App.T.start_span/2", via: "execute" as const, template: [], keys: { measurements: null, metadata: null }, loc: { file: "lib/t.ex", line: 1, column: 1 } }] };
    const metricsFile = { ...emptyFacts("src/telemetry/metrics.ts"), language: "typescript" as const, moduleExports: { constants: {}, bindings: { orders: "src/telemetry/metrics.ts#orders" } }, symbolicNames: [{ index: 0, parts: [{ kind: "import" as const, specifier: "./names.js", path: "N.a" }] }] };
    const tokens = secondPassTokens([wrapperFile, metricsFile]);
    expect(needsSecondPass("elixir", "lib/p.ex", "T.start_span(:request, %{})", tokens)).toBe(true);
    expect(needsSecondPass("elixir", "lib/p.ex", "Enum.map(xs, & &1)", tokens)).toBe(false);
    expect(needsSecondPass("typescript", "src/app/use.ts", 'import { orders } from "../telemetry/metrics.js";', tokens)).toBe(true);
    expect(needsSecondPass("typescript", "src/app/other.ts", 'import { x } from "./util";', tokens)).toBe(false);
    expect(needsSecondPass("typescript", "src/telemetry/names.ts", "export const N = { a: 'x' };", tokens)).toBe(true);
  });

  it("second pass: the same tokens whatever order the facts come in (their text keys cached verdicts)", () => {
    const wrapper = (file: string, fn: string) => ({ ...emptyFacts(file), wrappers: [{ function: fn, via: "execute" as const, template: [], keys: { measurements: null, metadata: null }, loc: { file, line: 1, column: 1 } }] });
    const instruments = (file: string) => ({ ...emptyFacts(file), language: "typescript" as const, moduleExports: { constants: {}, bindings: { c: `${file}#c` } } });
    const facts = [wrapper("lib/a.ex", "A.start_span/2"), wrapper("lib/b.ex", "B.emit_event/1"), instruments("src/prom.ts"), instruments("src/metrics.ts")];
    const sources = (t: ReturnType<typeof secondPassTokens>) => [t.elixirCalls?.source, t.tsImports?.source];
    expect(sources(secondPassTokens([...facts].reverse()))).toEqual(sources(secondPassTokens(facts)));
  });
});

describe("minified bundles", () => {
  const instrument = 'import{metrics as m}from"@opentelemetry/api";const c=m.getMeter("x").createCounter("bundle.requests");';
  it("are recognised by name or by very long lines in a large file", () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(looksMinified("vendor/lib.min.js", bytes(instrument))).toBe(true);
    expect(looksMinified("dist/index.mjs", bytes(instrument.repeat(4000)))).toBe(true); // ~400 KB on one line
    expect(looksMinified("src/big.ts", bytes(`${instrument}\n`.repeat(4000)))).toBe(false); // the same bytes, short lines
    expect(looksMinified("src/small.js", bytes(instrument))).toBe(false);
  });

  it("are never parsed: a bundle's instruments are not reported, the same code in a source file is", async () => {
    const root = mkdtempSync(join(tmpdir(), "td-minified-"));
    writeFileSync(join(root, "bundle.mjs"), instrument.repeat(4000));
    writeFileSync(join(root, "source.ts"), instrument.replace("bundle.requests", "source.requests"));
    const { report } = await analyzeReport({ root, config: {} });
    expect(report.findings.map((f) => `${f.rule} ${f.file} ${f.subject}`)).toEqual(["metric-no-emitter source.ts source.requests"]);
    rmSync(root, { recursive: true, force: true });
  });
});
