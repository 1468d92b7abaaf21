import { beforeAll, describe, expect, it } from "vitest";
import { extractElixir, loadElixirParser } from "../../../src/frontends/elixir/index.js";
import { dotted } from "../../../src/model.js";

beforeAll(() => loadElixirParser());

const facts = (code: string, file = "lib/app.ex") => extractElixir(file, code);
const emits = (code: string) => facts(code).emits.map((e) => `${dotted(e.event)}@${e.loc.line}:${e.loc.column} m=${e.keys.measurements?.join(",") ?? "?"} md=${e.keys.metadata?.join(",") ?? "?"}`);

describe("emit sites", () => {
  it("literal execute/3 and execute/2 with literal keys", () => {
    expect(emits("defmodule A do\n  def f(x) do\n    :telemetry.execute([:a, :b, :c], %{count: 1, \"s\" => 2}, %{kind: x})\n    :telemetry.execute([:a, :d], %{n: 1})\n  end\nend")).toEqual([
      "a.b.c@3:5 m=count md=kind",
      "a.d@4:5 m=n md=",
    ]);
  });

  it("module attributes: latest definition above the use, `++` and `[@app | rest]`", () => {
    const code = `defmodule A do
  @prefix [:old]
  @prefix [:osint, :breaker]
  @app :bandit
  def open(a), do: :telemetry.execute(@prefix ++ [:open], %{count: 1}, %{adapter: a})
  def req, do: :telemetry.execute([@app | [:request, :start]], %{}, %{})
  def nested, do: :telemetry.execute([@app, :x], m(), %{})
end`;
    expect(emits(code)).toEqual(["osint.breaker.open@5:20 m=count md=adapter", "bandit.request.start@6:16 m= md=", "bandit.x@7:19 m=? md="]);
  });

  it("span/3: three events with span keys; stop metadata from the returned tuple", () => {
    const code = `defmodule Hexpm.RegistryWorker do
  def perform(meta) do
    :telemetry.span([:hexpm, :registry_builder, :build], %{repo: meta.repo}, fn ->
      {:ok, %{rows: 1}, %{repo: meta.repo, result: :ok}}
    end)
  end
end`;
    const list = facts(code).emits;
    expect(list.map((e) => `${dotted(e.event)} m=${e.keys.measurements} md=${e.keys.metadata}`)).toEqual([
      "hexpm.registry_builder.build.start m=monotonic_time,system_time md=repo",
      "hexpm.registry_builder.build.stop m=duration,monotonic_time,rows md=repo,result",
      "hexpm.registry_builder.build.exception m=duration,monotonic_time md=repo,kind,reason,stacktrace",
    ]);
    expect(list.every((e) => e.via === "span" && dotted(e.spanPrefix!) === "hexpm.registry_builder.build")).toBe(true);
  });

  it("a partly variable event is a pattern; an unresolvable one is dynamic, never guessed", () => {
    const code = `defmodule Supavisor.Telem do
  def network_usage(type, stats) do
    kind = stats.kind
    :telemetry.execute([:supavisor, kind, :network, :stat], %{recv: 1}, %{})
  end
  def transaction(opts) do
    event = Keyword.get(opts, :telemetry)
    :telemetry.execute(event, %{latency: 1}, %{})
  end
end`;
    const f = facts(code);
    expect(f.emits.map((e) => dotted(e.event))).toEqual(["supavisor.*.network.stat"]);
    expect(f.dynamicEmits.map((d) => `${d.loc.line} ${d.expression}`)).toEqual(["8 event"]);
  });
});

describe("wrappers", () => {
  it("summarises a Bandit-style `[@app | suffix]` helper and records call sites with literal arguments", () => {
    const code = `defmodule Bandit.Telemetry do
  @app_name :bandit
  defp event(suffix, measurements, metadata), do: :telemetry.execute([@app_name | suffix], measurements, metadata)
  def start_span(span_name, measurements, metadata) do
    event([span_name, :start], measurements, metadata)
  end
end
defmodule Bandit.Pipeline do
  alias Bandit.Telemetry
  def run(conn), do: Telemetry.start_span(:request, %{}, %{conn: conn})
end`;
    const f = facts(code);
    expect(f.wrappers).toEqual([
      { function: "Bandit.Telemetry.event/3", via: "execute", template: [{ kind: "literal", value: "bandit" }, { kind: "splice", index: 0 }], keys: { measurements: null, metadata: null }, measurementsParam: 1, metadataParam: 2, loc: { file: "lib/app.ex", line: 3, column: 51 } },
    ]);
    expect(f.wrapperCalls.map((c) => `${c.function} ${JSON.stringify(c.args)}`)).toEqual([
      'Bandit.Telemetry.event/3 [{"kind":"list","items":[{"kind":"unknown","text":"span_name"},{"kind":"atom","value":"start"}]},{"kind":"unknown","text":"measurements"},{"kind":"unknown","text":"metadata"}]',
      'Bandit.Telemetry.start_span/3 [{"kind":"atom","value":"request"},{"kind":"map","keys":[]},{"kind":"map","keys":["conn"]}]',
    ]);
    expect(f.dynamicEmits).toEqual([]);
  });

  it("summarises `event ++ [:start]` and `[:finch, event, :start]` helpers", () => {
    const code = `defmodule Realtime.Telemetry do
  def start(event, meta), do: :telemetry.execute(event ++ [:start], %{system_time: 1}, meta)
  def stop(event, meta), do: :telemetry.execute([:finch, event, :stop], %{duration: 1}, meta)
end`;
    expect(facts(code).wrappers.map((w) => `${w.function} ${JSON.stringify(w.template)} m=${w.keys.measurements}`)).toEqual([
      'Realtime.Telemetry.start/2 [{"kind":"splice","index":0},{"kind":"literal","value":"start"}] m=system_time',
      'Realtime.Telemetry.stop/2 [{"kind":"literal","value":"finch"},{"kind":"param","index":0},{"kind":"literal","value":"stop"}] m=duration',
    ]);
  });
});

describe("the article's code", () => {
  const code = `defmodule PrismaticOsint.Telemetry.Events do
  def all, do: [
    [:osint, :search, :start],
    [:osint, :search, :stop],
    [:osint, :search, :exception],
    [:osint, :breaker, :open],
    [:osint, :breaker, :close]
  ]
end

defmodule PrismaticWeb.Telemetry do
  import Telemetry.Metrics

  def metrics do
    [
      summary("osint.search.stop.duration",
        unit: {:native, :millisecond},
        tags: [:adapter]),
      counter("osint.search.exception.count",
        tags: [:adapter, :kind]),
      counter("osint.breaker.open.count",
        tags: [:adapter]),
      last_value("osint.breaker.state",
        tags: [:adapter])
    ]
  end
end

defmodule PrismaticOsint.Application do
  def start(_type, _args) do
    children = [
      {TelemetryMetricsPrometheus.Core, metrics: PrismaticWeb.Telemetry.metrics()}
    ]
    Supervisor.start_link(children, strategy: :one_for_one)
  end
end`;
  let f: ReturnType<typeof facts>;
  beforeAll(() => {
    f = facts(code);
  });

  it("reads the event contract", () => {
    expect(f.contracts).toHaveLength(1);
    expect(f.contracts[0]!.name).toBe("PrismaticOsint.Telemetry.Events.all/0");
    expect(f.contracts[0]!.events.map((e) => `${dotted(e.event)}@${e.loc.line}`)).toEqual([
      "osint.search.start@3",
      "osint.search.stop@4",
      "osint.search.exception@5",
      "osint.breaker.open@6",
      "osint.breaker.close@7",
    ]);
  });

  it("reads the four metric definitions", () => {
    expect(f.metrics.map((m) => ({ kind: m.kind, name: m.name.join("."), event: dotted(m.event), measurement: m.measurement, tags: m.tags, unit: m.unit, list: m.list, line: m.loc.line }))).toEqual([
      { kind: "summary", name: "osint.search.stop.duration", event: "osint.search.stop", measurement: "duration", tags: ["adapter"], unit: "millisecond", list: "PrismaticWeb.Telemetry.metrics/0", line: 16 },
      { kind: "counter", name: "osint.search.exception.count", event: "osint.search.exception", measurement: "count", tags: ["adapter", "kind"], unit: undefined, list: "PrismaticWeb.Telemetry.metrics/0", line: 19 },
      { kind: "counter", name: "osint.breaker.open.count", event: "osint.breaker.open", measurement: "count", tags: ["adapter"], unit: undefined, list: "PrismaticWeb.Telemetry.metrics/0", line: 21 },
      { kind: "last_value", name: "osint.breaker.state", event: "osint.breaker", measurement: "state", tags: ["adapter"], unit: undefined, list: "PrismaticWeb.Telemetry.metrics/0", line: 23 },
    ]);
  });

  it("sees the list reach TelemetryMetricsPrometheus.Core", () => {
    expect(f.reporters).toEqual([{ reporter: "telemetry_metrics_prometheus_core", lists: ["PrismaticWeb.Telemetry.metrics/0"], loc: { file: "lib/app.ex", line: 32, column: 7 } }]);
  });
});

describe("metric definitions", () => {
  it("reads every option: event_name, measurement, tags, buckets, prometheus_type, description; qualified and aliased calls", () => {
    const code = `defmodule M do
  alias Telemetry.Metrics
  @prefix [:my_app, :repo]
  def metrics do
    [
      Metrics.distribution("http.request.duration.seconds", event_name: [:phoenix, :endpoint, :stop], measurement: :duration, reporter_options: [buckets: [0.1, 0.5, 1]], description: "Latency"),
      Telemetry.Metrics.sum("a.b.bytes", event_name: "x.y", reporter_options: [prometheus_type: :gauge]),
      Metrics.counter(@prefix ++ [:query, :count], tags: tags()),
      Metrics.last_value("a.b.c", measurement: fn m -> m.x end, reporter_options: [buckets: @b])
    ]
  end
end`;
    const m = facts(code).metrics;
    expect(m.map((d) => [d.kind, d.name.join("."), dotted(d.event), d.measurement, d.tags, d.buckets, d.prometheusType, d.description])).toEqual([
      ["distribution", "http.request.duration.seconds", "phoenix.endpoint.stop", "duration", [], { state: "literal", values: [0.1, 0.5, 1] }, undefined, "Latency"],
      ["sum", "a.b.bytes", "x.y", "bytes", [], { state: "missing" }, "gauge", undefined],
      ["counter", "my_app.repo.query.count", "my_app.repo.query", "count", null, { state: "missing" }, undefined, undefined],
      ["last_value", "a.b.c", "a.b", null, [], { state: "dynamic", expression: "@b" }, undefined, undefined],
    ]);
  });

  it("composes metric lists from helpers and follows captures in reporter children", () => {
    const code = `defmodule W.Telemetry do
  import Telemetry.Metrics
  def metrics, do: phoenix_metrics() ++ W.Repo.Metrics.metrics()
  defp phoenix_metrics, do: [counter("phoenix.socket_drain.count")]
  def children, do: [{TelemetryMetricsPrometheus, [metrics: &__MODULE__.metrics/0, port: 9568]}]
end`;
    const f = facts(code);
    expect(f.metricLists.find((l) => l.list === "W.Telemetry.metrics/0")!.includes).toEqual(["W.Repo.Metrics.metrics/0", "W.Telemetry.phoenix_metrics/0"]);
    expect(f.metrics[0]!.list).toBe("W.Telemetry.phoenix_metrics/0");
    expect(f.reporters).toEqual([{ reporter: "telemetry_metrics_prometheus", lists: ["W.Telemetry.metrics/0"], loc: { file: "lib/app.ex", line: 5, column: 22 } }]);
  });

  it("reads PromEx modules, plugins and custom plugin metrics", () => {
    const code = `defmodule MyApp.PromEx do
  use PromEx, otp_app: :my_app
  alias PromEx.Plugins
  def plugins do
    [Plugins.Application, {Plugins.Phoenix, router: MyAppWeb.Router, metric_prefix: [:web]}, MyApp.PromEx.Custom]
  end
end
defmodule MyApp.PromEx.Custom do
  use PromEx.Plugin
  def event_metrics(_opts) do
    Event.build(:custom, [counter([:my_app, :jobs, :done, :total], event_name: [:my_app, :jobs, :done])])
  end
end`;
    const f = facts(code);
    expect(f.promEx).toEqual([
      {
        module: "MyApp.PromEx",
        otpApp: "my_app",
        plugins: [
          { module: "PromEx.Plugins.Application", options: {}, loc: { file: "lib/app.ex", line: 5, column: 6 } },
          { module: "PromEx.Plugins.Phoenix", options: { router: "MyAppWeb.Router", metric_prefix: ["web"] }, loc: { file: "lib/app.ex", line: 5, column: 27 } },
          { module: "MyApp.PromEx.Custom", options: {}, loc: { file: "lib/app.ex", line: 5, column: 94 } },
        ],
        loc: { file: "lib/app.ex", line: 2, column: 3 },
      },
    ]);
    expect(f.metrics.map((m) => [m.name.join("."), m.promExPlugin])).toEqual([["my_app.jobs.done.total", "MyApp.PromEx.Custom"]]);
  });
});

describe("library wiring, handlers, config, suppressions", () => {
  it("Ecto repos, Plug.Telemetry prefixes, PromEx storage, telemetry_poller measurements", () => {
    const code = `defmodule MyApp.Repo do
  use Ecto.Repo, otp_app: :my_app, adapter: Ecto.Adapters.Postgres
end
defmodule MyAppWeb.Endpoint do
  plug Plug.Telemetry, event_prefix: [:phoenix, :endpoint]
  def children, do: [{:telemetry_poller, measurements: [{:process_info, name: :worker, event: [:my_app, :worker], keys: [:memory]}], period: 10_000}]
end
config :my_app, MyApp.ReadRepo, telemetry_prefix: [:my_app, :read]
config :prom_ex, :storage_adapter, PromEx.Storage.Peep`;
    const f = facts(code, "config/config.exs");
    expect(f.ectoRepos.map((r) => [r.module, r.telemetryPrefix])).toEqual([["MyApp.Repo", undefined], ["MyApp.ReadRepo", ["my_app", "read"]]]);
    expect(f.plugTelemetry.map((p) => [p.prefix, p.loc.line])).toEqual([[["phoenix", "endpoint"], 5]]);
    expect(f.promExStorage?.adapter).toBe("PromEx.Storage.Peep");
    expect(f.emits.map((e) => `${dotted(e.event)} ${e.via} ${e.keys.measurements}`)).toEqual(["my_app.worker poller memory"]);
  });

  it(":telemetry.attach/4, attach_many/4 (literal and contract reference), :telemetry_test", () => {
    const code = `defmodule H do
  alias PrismaticOsint.Telemetry.Events
  def setup do
    :telemetry.attach("one", [:a, :b], &handle/4, nil)
    :telemetry.attach_many("many", [[:a, :c], [:a, :d]], &handle/4, nil)
    :telemetry.attach_many("contract", Events.all(), &handle/4, nil)
    :telemetry_test.attach_event_handlers(self(), [[:a, :e]])
  end
end`;
    const f = facts(code);
    expect(f.handlers.map((h) => `${h.handlerId ?? "-"} ${h.events.map(dotted).join("|")} ${h.testOnly ? "test" : ""}`.trim())).toEqual(["one a.b", "many a.c|a.d", "- a.e test"]);
    expect(f.dynamicHandlers.map((h) => h.expression)).toEqual(["PrismaticOsint.Telemetry.Events.all()"]);
  });

  it("suppression comments target the next code line", () => {
    const f = facts("defmodule A do\n  # telemetry-drift-disable-next-line event-unconsumed, event-undeclared\n\n  def f, do: :telemetry.execute([:a, :b], %{})\nend");
    expect(f.suppressions).toEqual([{ loc: { file: "lib/app.ex", line: 2, column: 3 }, targetLine: 4, rules: ["event-unconsumed", "event-undeclared"] }]);
  });

  it("mix.exs deps and mix.lock entries", () => {
    const mix = facts('defmodule A.MixProject do\n  use Mix.Project\n  def project, do: [app: :a, deps: deps()]\n  defp deps do\n    [\n      {:phoenix, "~> 1.8"},\n      {:oban, "~> 2.23", only: :prod}\n    ]\n  end\nend', "mix.exs");
    expect(mix.dependencies.map((d) => `${d.name}@${d.loc.line}`)).toEqual(["phoenix@6", "oban@7"]);
    const lock = facts('%{\n  "ecto": {:hex, :ecto, "3.12.0", "abc", [:mix], [], "hexpm", "def"},\n  "telemetry": {:hex, :telemetry, "1.3.0", "x", [:rebar3], [], "hexpm", "y"},\n}\n', "mix.lock");
    expect(lock.dependencies.map((d) => `${d.name}@${d.loc.line}`)).toEqual(["ecto@2", "telemetry@3"]);
  });
});

describe("bad input never throws", () => {
  it("a syntax error is one located problem, and the rest of the file still counts", () => {
    const f = facts("defmodule A do\n  def f do\n    :telemetry.execute([:a, :b], %{}, %{}\n  end\n  def g, do: :telemetry.execute([:a, :c], %{})\nend");
    expect(f.problems).toHaveLength(1);
    expect(f.problems[0]!.message).toMatch(/^lib\/app\.ex: Elixir syntax error/);
    expect(f.emits.map((e) => dotted(e.event))).toContain("a.c");
  });

  it("empty files and garbage", () => {
    expect(facts("").problems).toEqual([]);
    const garbage = facts("\u0001\u0002 )))) do end end end ((((\n%{{{{");
    expect(garbage.problems).toHaveLength(1);
  });
});

describe("grammar facts the extractor relies on", () => {
  it("LEAF_TYPES are exactly the named node types without named children in tree-sitter-elixir's node-types.json", async () => {
    const { LEAF_TYPES } = await import("../../../src/frontends/elixir/values.js");
    const { createRequire } = await import("node:module");
    const { readFileSync } = await import("node:fs");
    const { dirname, join } = await import("node:path");
    const grammar = dirname(createRequire(import.meta.url).resolve("tree-sitter-elixir/tree-sitter-elixir.wasm"));
    type Child = { type: string; named: boolean };
    type NodeType = { type: string; named: boolean; subtypes?: unknown; children?: { types: Child[] }; fields?: Record<string, { types: Child[] }> };
    const types = JSON.parse(readFileSync(join(grammar, "src", "node-types.json"), "utf8")) as NodeType[];
    const hasNamed = (list: Child[] | undefined) => (list ?? []).some((c) => c.named);
    const leaves = types.filter((t) => t.named && !t.subtypes && !hasNamed(t.children?.types) && !Object.values(t.fields ?? {}).some((f) => hasNamed(f.types))).map((t) => t.type);
    expect([...LEAF_TYPES].sort()).toEqual(leaves.sort());
  });
});
