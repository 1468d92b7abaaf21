// PromEx's built-in plugins (akoutmos/prom_ex 1.11, lib/prom_ex/plugins/*.ex): the metric definitions
// each plugin registers, named `metric_prefix ++ [...]` with `metric_prefix = [otp_app, :prom_ex, plugin]`
// and stored through TelemetryMetricsPrometheus.Core (or Peep). Where the plugin source's tags were not
// confirmed, tags are left unknown (null) so no label check can produce a false alarm.
import type { EmitSite, EventName, Location, MetricDefinition, MetricKind } from "../model.js";

export interface PromExPluginEntry {
  module: string;
  options: Record<string, string | string[]>;
  loc: Location;
}

export interface PromExPluginResult {
  metrics: MetricDefinition[];
  /** Events PromEx itself emits: proxies of library events and polling measurements. */
  emits: EmitSite[];
  /** Series name globs the plugin produces that are not modelled one by one (e.g. the 38 BEAM gauges). */
  seriesPatterns: string[];
}

type Kind = "C" | "G" | "H";
interface SeriesSpec {
  /** The name after the plugin prefix; "U" is replaced by the duration unit's plural (milliseconds). */
  suffix: string;
  kind: Kind;
  event: EventName;
  measurement?: string;
  tags: string[] | null;
}

interface PluginSpec {
  /** Plugin name in the prefix, e.g. "phoenix". */
  name: string;
  series: SeriesSpec[];
  /** Events PromEx emits itself for this plugin (proxies and pollers). */
  ownEvents?: EventName[];
  patterns?: string[];
}

const HTTP_TAGS = ["status", "method", "path", "controller", "action", "host"];
const PHOENIX_PROXY: EventName = ["prom_ex", "plugin", "phoenix", "stop"];
const ECTO_PROXY: EventName = ["prom_ex", "plugin", "ecto", "query"];
const ROUTER_PROXY: EventName = ["prom_ex", "router", "stop"];

const PLUGINS: Record<string, PluginSpec> = {
  Phoenix: {
    name: "phoenix",
    ownEvents: [PHOENIX_PROXY],
    series: [
      { suffix: "endpoint_url_info", kind: "G", event: ["phoenix", "endpoint", "init"], tags: null },
      { suffix: "endpoint_port_info", kind: "G", event: ["phoenix", "endpoint", "init"], tags: null },
      { suffix: "http_request_duration_U", kind: "H", event: PHOENIX_PROXY, measurement: "duration", tags: HTTP_TAGS },
      { suffix: "http_response_size_bytes", kind: "H", event: PHOENIX_PROXY, tags: HTTP_TAGS },
      { suffix: "http_requests_total", kind: "C", event: PHOENIX_PROXY, tags: HTTP_TAGS },
      { suffix: "channel_joined_total", kind: "C", event: ["phoenix", "channel_joined"], tags: null },
      { suffix: "channel_handled_in_duration_U", kind: "H", event: ["phoenix", "channel_handled_in"], tags: null },
      { suffix: "socket_connected_duration_U", kind: "H", event: ["phoenix", "socket_connected"], tags: null },
    ],
  },
  PhoenixLiveView: {
    name: "phoenix_live_view",
    series: [
      { suffix: "mount_duration_U", kind: "H", event: ["phoenix", "live_view", "mount", "stop"], tags: null },
      { suffix: "mount_exception_duration_U", kind: "H", event: ["phoenix", "live_view", "mount", "exception"], tags: null },
      { suffix: "handle_event_duration_U", kind: "H", event: ["phoenix", "live_view", "handle_event", "stop"], tags: null },
      { suffix: "handle_event_exception_duration_U", kind: "H", event: ["phoenix", "live_view", "handle_event", "exception"], tags: null },
    ],
  },
  Ecto: {
    name: "ecto",
    ownEvents: [ECTO_PROXY],
    series: [
      { suffix: "repo_init_status_info", kind: "G", event: ["ecto", "repo", "init"], tags: null },
      { suffix: "repo_init_pool_size", kind: "G", event: ["ecto", "repo", "init"], tags: null },
      { suffix: "repo_init_timeout_duration", kind: "G", event: ["ecto", "repo", "init"], tags: null },
      ...["idle", "queue", "decode", "execution", "total"].map((t): SeriesSpec => ({ suffix: `repo_query_${t}_time_U`, kind: "H", event: ECTO_PROXY, tags: null })),
      { suffix: "repo_query_results_returned", kind: "H", event: ECTO_PROXY, tags: null },
    ],
  },
  Oban: {
    name: "oban",
    ownEvents: [["prom_ex", "plugin", "oban", "queue_length"]],
    series: [
      { suffix: "queue_length_count", kind: "G", event: ["prom_ex", "plugin", "oban", "queue_length"], tags: null },
      // Oban 2.23 emits no [:oban, :circuit, *] events any more: these two stay empty (a real finding).
      { suffix: "circuit_trip_total", kind: "C", event: ["oban", "circuit", "trip"], tags: null },
      { suffix: "circuit_open_total", kind: "C", event: ["oban", "circuit", "open"], tags: null },
      { suffix: "job_processing_duration_U", kind: "H", event: ["oban", "job", "stop"], tags: null },
      { suffix: "job_queue_time_U", kind: "H", event: ["oban", "job", "stop"], tags: null },
      { suffix: "job_complete_attempts", kind: "H", event: ["oban", "job", "stop"], tags: null },
      { suffix: "job_exception_duration_U", kind: "H", event: ["oban", "job", "exception"], tags: null },
      { suffix: "job_exception_queue_time_U", kind: "H", event: ["oban", "job", "exception"], tags: null },
      { suffix: "job_exception_attempts", kind: "H", event: ["oban", "job", "exception"], tags: null },
      { suffix: "producer_duration_U", kind: "H", event: ["oban", "producer", "stop"], tags: null },
      { suffix: "producer_dispatched_count", kind: "H", event: ["oban", "producer", "stop"], tags: null },
      { suffix: "producer_exception_duration_U", kind: "H", event: ["oban", "producer", "exception"], tags: null },
      { suffix: "init_status_info", kind: "G", event: ["oban", "supervisor", "init"], tags: null },
      { suffix: "init_shutdown_grace_period_U", kind: "G", event: ["oban", "supervisor", "init"], tags: null },
      { suffix: "init_dispatch_cooldown_U", kind: "G", event: ["oban", "supervisor", "init"], tags: null },
      { suffix: "init_queue_concurrency_limit", kind: "G", event: ["oban", "supervisor", "init"], tags: null },
    ],
  },
  Absinthe: {
    name: "absinthe",
    series: [
      { suffix: "subscription_duration_U", kind: "H", event: ["absinthe", "subscription", "publish", "stop"], tags: null },
      { suffix: "execute_duration_U", kind: "H", event: ["absinthe", "execute", "operation", "stop"], tags: null },
      { suffix: "execute_complexity_size", kind: "H", event: ["absinthe", "execute", "operation", "stop"], tags: null },
      { suffix: "execute_invalid_request_count", kind: "C", event: ["absinthe", "execute", "operation", "stop"], tags: null },
    ],
  },
  Broadway: {
    name: "broadway",
    patterns: ["init_*"],
    series: [
      { suffix: "process_message_duration_U", kind: "H", event: ["broadway", "processor", "message", "stop"], tags: null },
      { suffix: "process_message_exception_duration_U", kind: "H", event: ["broadway", "processor", "message", "exception"], tags: null },
      { suffix: "process_batch_duration_U", kind: "H", event: ["broadway", "batch_processor", "stop"], tags: null },
      { suffix: "process_batch_failure_size", kind: "H", event: ["broadway", "batch_processor", "stop"], tags: null },
      { suffix: "process_batch_success_size", kind: "H", event: ["broadway", "batch_processor", "stop"], tags: null },
    ],
  },
  PlugCowboy: {
    name: "plug_cowboy",
    series: [
      { suffix: "http_request_duration_U", kind: "H", event: ["cowboy", "request", "stop"], tags: null },
      { suffix: "http_response_duration_U", kind: "H", event: ["cowboy", "request", "stop"], tags: null },
      { suffix: "http_request_body_duration_U", kind: "H", event: ["cowboy", "request", "stop"], tags: null },
      { suffix: "http_response_size_bytes", kind: "H", event: ["cowboy", "request", "stop"], tags: null },
      { suffix: "http_requests_total", kind: "C", event: ["cowboy", "request", "stop"], tags: null },
    ],
  },
  PlugRouter: {
    name: "plug_router",
    ownEvents: [ROUTER_PROXY],
    series: [
      { suffix: "http_request_duration_U", kind: "H", event: ROUTER_PROXY, tags: null },
      { suffix: "http_response_size_bytes", kind: "H", event: ROUTER_PROXY, tags: null },
      { suffix: "http_requests_total", kind: "C", event: ROUTER_PROXY, tags: null },
    ],
  },
  Beam: {
    name: "beam",
    // 38 polled gauges (stats_*, system_*_info, memory_*_bytes), fed by PromEx's own poller.
    patterns: ["*"],
    series: [],
  },
  Application: {
    name: "application",
    ownEvents: [["prom_ex", "plugin", "application", "uptime", "count"]],
    patterns: ["primary_info", "dependency_info", "git_sha_info", "git_author_info"],
    series: [{ suffix: "uptime_U_count", kind: "G", event: ["prom_ex", "plugin", "application", "uptime", "count"], tags: null }],
  },
  PromEx: {
    name: "prom_ex",
    ownEvents: [["prom_ex", "status", "info"]],
    series: [{ suffix: "status_info", kind: "G", event: ["prom_ex", "status", "info"], tags: null }],
  },
};

const KIND: Record<Kind, MetricKind> = { C: "counter", G: "last_value", H: "distribution" };

/** `PromEx.Plugins.Phoenix` (or `Plugins.Phoenix`) → the plugin spec; undefined for custom plugins. */
function pluginSpec(module: string): PluginSpec | undefined {
  const match = /^(?:PromEx\.)?Plugins\.(\w+)$/.exec(module);
  return match ? PLUGINS[match[1]!] : undefined;
}

/** PromEx.Utils.make_plural_atom/1 on the duration unit: :millisecond → "milliseconds". */
const pluralUnit = (unit: string): string => (unit.endsWith("s") ? unit : `${unit}s`);

export function promExPluginDefinitions(plugin: PromExPluginEntry, otpApp: string): PromExPluginResult | undefined {
  const spec = pluginSpec(plugin.module);
  if (!spec) return undefined;
  const prefixOption = plugin.options.metric_prefix;
  const prefix = Array.isArray(prefixOption) ? prefixOption : [otpApp, "prom_ex", spec.name];
  const unitOption = plugin.options.duration_unit;
  const unit = pluralUnit(typeof unitOption === "string" ? unitOption.replace(/^:/, "") : "millisecond");
  const list = `${plugin.module} (PromEx plugin)`;
  const metrics: MetricDefinition[] = spec.series.map((s) => {
    const suffix = s.suffix.replace("U", unit);
    return {
      kind: KIND[s.kind],
      name: [...prefix, suffix],
      event: s.event,
      measurement: s.measurement ?? null,
      tags: s.tags,
      buckets: s.kind === "H" ? { state: "literal", values: [10, 100, 500, 1000, 5000, 10000] } : { state: "missing" },
      loc: plugin.loc,
      list,
      promExPlugin: plugin.module,
      language: "elixir",
    };
  });
  const emits: EmitSite[] = (spec.ownEvents ?? []).map((event) => ({
    event,
    loc: plugin.loc,
    via: "library",
    keys: { measurements: null, metadata: null },
    note: `PromEx plugin ${plugin.module} (proxy or poller)`,
  }));
  const base = prefix.join("_");
  return { metrics, emits, seriesPatterns: (spec.patterns ?? []).map((p) => `${base}_${p}`) };
}
