import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, validateConfig } from "../../src/config/config.js";

const dir = (files: Record<string, string>): string => {
  const root = mkdtempSync(join(tmpdir(), "td-config-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return root;
};

describe("config", () => {
  it("is empty (zero-config) when no file exists", () => {
    expect(loadConfig(dir({}))).toEqual({ config: {} });
  });

  it("reads telemetry-drift.config.json and validates it", () => {
    const root = dir({ "telemetry-drift.config.json": JSON.stringify({ exporter: "peep", rules: { "metric-unused": "info" } }) });
    expect(loadConfig(root)).toEqual({ config: { exporter: "peep", rules: { "metric-unused": "info" } }, file: "telemetry-drift.config.json" });
  });

  it("reads the telemetryDrift key of package.json", () => {
    const root = dir({ "package.json": JSON.stringify({ name: "x", telemetryDrift: { externalSeries: ["haproxy_*"] } }) });
    expect(loadConfig(root).config).toEqual({ externalSeries: ["haproxy_*"] });
  });

  it("names an unknown key, nested too", () => {
    expect(() => validateConfig({ exporterr: "peep" }, "cfg.json")).toThrow("cfg.json: unknown key `exporterr`");
    expect(() => validateConfig({ ignore: [{ rule: "x", dashbord: "a" }] }, "cfg.json")).toThrow("cfg.json: unknown key `ignore.0.dashbord`");
  });

  it("names an unknown rule id and a bad severity", () => {
    expect(() => validateConfig({ rules: { "metric-unknown": "off" } }, "c")).toThrow(/unknown rule id `metric-unknown`/);
    expect(() => validateConfig({ rules: { "metric-unused": "loud" } }, "c")).toThrow(/must be one of "error", "warning", "info", "off"/);
  });

  it("reports malformed JSON with line and column", () => {
    const root = dir({ "telemetry-drift.config.json": '{\n  "exporter": "peep",\n}' });
    expect(() => loadConfig(root)).toThrow(ConfigError);
    expect(() => loadConfig(root)).toThrow(/^telemetry-drift\.config\.json:3:1: invalid JSON/);
  });

  it("fails clearly when an explicit config file is missing", () => {
    const root = dir({});
    expect(() => loadConfig(root, join(root, "nope.json"))).toThrow("nope.json: config file not found");
  });
});
