import { describe, expect, it } from "vitest";
import type { Location } from "../../src/model.js";
import { dotted } from "../../src/model.js";
import { libraryEmits } from "../../src/catalogs/index.js";
import { ectoDefaultPrefix, macroUnderscore } from "../../src/catalogs/ecto.js";
import { promExPluginDefinitions } from "../../src/catalogs/prom_ex.js";
import { exportMetric } from "../../src/exporters/index.js";

const at = (line: number): Location => ({ file: "mix.exs", line, column: 7 });
const none = { ectoRepos: [], plugTelemetry: [] };

describe("library catalogs", () => {
  it("emit only for the dependencies present, located at the dependency", () => {
    expect(libraryEmits(new Map(), none)).toEqual([]);
    const emits = libraryEmits(new Map([["oban", at(12)]]), none);
    const names = emits.map((e) => dotted(e.event));
    expect(names).toContain("oban.job.stop");
    expect(names).toContain("oban.engine.insert_job.exception");
    expect(names).not.toContain("oban.circuit.trip");
    expect(names.some((n) => n.startsWith("phoenix."))).toBe(false);
    expect(emits.every((e) => e.loc.line === 12 && e.via === "library")).toBe(true);
  });

  it("expands spans into start/stop/exception with span keys", () => {
    const emits = libraryEmits(new Map([["plug", at(3)]]), none);
    const stop = emits.find((e) => dotted(e.event) === "plug.router_dispatch.stop")!;
    expect(stop.keys.measurements).toEqual(["duration", "monotonic_time"]);
    expect(stop.spanPrefix).toEqual(["plug", "router_dispatch"]);
    const exception = emits.find((e) => dotted(e.event) === "plug.router_dispatch.exception")!;
    expect(exception.keys.metadata).toEqual(["conn", "route", "router", "kind", "reason", "stacktrace"]);
  });

  it("counts a library pulled in by another dependency (ecto via ecto_sql, plug via phoenix)", () => {
    const names = libraryEmits(new Map([["ecto_sql", at(5)], ["phoenix", at(4)]]), none).map((e) => dotted(e.event));
    expect(names).toContain("ecto.repo.init");
    expect(names).toContain("plug.router_dispatch.start");
  });

  it("derives the Ecto prefix from the repo module unless configured", () => {
    expect(macroUnderscore("MyAPI")).toBe("my_api");
    expect(macroUnderscore("HTTPClient")).toBe("http_client");
    expect(macroUnderscore("RepoBase")).toBe("repo_base");
    expect(macroUnderscore("V2Repo")).toBe("v2_repo");
    expect(ectoDefaultPrefix("MyApp.ReadOnly.Repo")).toEqual(["my_app", "read_only", "repo"]);
    const repos = [
      { module: "Hexpm.RepoBase", loc: at(1) },
      { module: "MyApp.Repo", loc: at(1) },
      { module: "MyApp.Repo", telemetryPrefix: ["my_app", "db"], loc: at(2) },
    ];
    const names = libraryEmits(new Map([["ecto", at(9)]]), { ectoRepos: repos, plugTelemetry: [] }).map((e) => dotted(e.event));
    expect(names).toEqual(["ecto.repo.init", "hexpm.repo_base.query", "my_app.db.query"]);
  });

  it("emits Plug.Telemetry's configured prefix at the plug line, whatever the dependencies", () => {
    const emits = libraryEmits(new Map(), { ectoRepos: [], plugTelemetry: [{ prefix: ["phoenix", "endpoint"], loc: { file: "lib/e.ex", line: 8, column: 3 } }] });
    expect(emits.map((e) => `${dotted(e.event)} ${e.via} ${e.loc.file}:${e.loc.line}`)).toEqual(["phoenix.endpoint.start plug lib/e.ex:8", "phoenix.endpoint.stop plug lib/e.ex:8"]);
    expect(emits[1]!.keys.measurements).toEqual(["duration"]);
  });
});

describe("PromEx plugins", () => {
  const loc = { file: "lib/my_app/prom_ex.ex", line: 20, column: 7 };

  it("names Phoenix series <otp_app>_prom_ex_phoenix_… through Core rules", () => {
    const result = promExPluginDefinitions({ module: "PromEx.Plugins.Phoenix", options: {}, loc }, "my_app")!;
    const series = result.metrics.flatMap((m) => exportMetric(m, "prom_ex").series.map((s) => s.name));
    expect(series).toContain("my_app_prom_ex_phoenix_http_requests_total");
    expect(series).toContain("my_app_prom_ex_phoenix_http_request_duration_milliseconds_bucket");
    expect(series).toContain("my_app_prom_ex_phoenix_channel_joined_total");
    expect(result.emits.map((e) => dotted(e.event))).toEqual(["prom_ex.plugin.phoenix.stop"]);
  });

  it("honours metric_prefix and duration_unit", () => {
    const result = promExPluginDefinitions({ module: "Plugins.Phoenix", options: { metric_prefix: ["web"], duration_unit: "second" }, loc }, "my_app")!;
    const names = result.metrics.map((m) => m.name.join("_"));
    expect(names).toContain("web_http_request_duration_seconds");
  });

  it("returns undefined for custom plugins and patterns for unmodelled families", () => {
    expect(promExPluginDefinitions({ module: "MyApp.PromEx.Plugins.Custom", options: {}, loc }, "my_app")).toBeUndefined();
    expect(promExPluginDefinitions({ module: "PromEx.Plugins.Beam", options: {}, loc }, "my_app")!.seriesPatterns).toEqual(["my_app_prom_ex_beam_*"]);
  });
});
