import{createRequire as __cr}from'module';const require=__cr(import.meta.url);
import {
  TOOL_NAME,
  TOOL_VERSION,
  compareFindings
} from "./chunk-FNZY25TM.js";
import {
  parse
} from "./chunk-M4ZV26L2.js";
import {
  CHECKS,
  EventIndex,
  SUPPRESSION_UNUSED,
  exportMetric,
  isExact
} from "./chunk-3DP6IDV7.js";
import "./chunk-AGQ7I7ID.js";
import {
  describeMetric,
  describeOrigin
} from "./chunk-OACWHI7E.js";
import {
  applySuppressions
} from "./chunk-KOIDW7GI.js";
import {
  dotted
} from "./chunk-M6CLNAAX.js";
import {
  pushTo
} from "./chunk-FG2ZX6CO.js";
import "./chunk-QA6RBL5S.js";

// dist/src/engine/analysis.js
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

// dist/src/catalogs/catalog.js
var SPAN_START = ["monotonic_time", "system_time"];
var SPAN_STOP = ["duration", "monotonic_time"];
var SPAN_EXCEPTION_METADATA = ["kind", "reason", "stacktrace"];
var span = (event, metadata, note) => ({ event, measurements: null, metadata, span: true, note });
var plain = (event, measurements, metadata, note) => ({ event, measurements, metadata, note });

// dist/src/catalogs/phoenix.js
var ROUTER_META = ["conn", "route", "plug", "plug_opts", "path_params", "pipe_through", "log"];
var phoenix = {
  dependency: "phoenix",
  events: () => [
    plain(["phoenix", "endpoint", "init"], ["system_time"], ["pid", "config", "module", "otp_app"], "Phoenix endpoint supervisor (lib/phoenix/endpoint/supervisor.ex)"),
    plain(["phoenix", "router_dispatch", "start"], ["system_time"], ROUTER_META, "Phoenix router (lib/phoenix/router.ex)"),
    plain(["phoenix", "router_dispatch", "stop"], ["duration"], ROUTER_META, "Phoenix router (lib/phoenix/router.ex)"),
    plain(["phoenix", "router_dispatch", "exception"], ["duration"], [...ROUTER_META, "kind", "reason", "stacktrace"], "Phoenix router (lib/phoenix/router.ex)"),
    plain(["phoenix", "error_rendered"], ["duration"], ["conn", "status", "kind", "reason", "stacktrace", "log"], "Phoenix error rendering (lib/phoenix/endpoint/render_errors.ex)"),
    plain(["phoenix", "socket_connected"], ["duration"], ["endpoint", "transport", "params", "connect_info", "vsn", "user_socket", "log", "result", "serializer"], "Phoenix sockets (lib/phoenix/socket.ex)"),
    plain(["phoenix", "socket_drain"], ["count", "total", "index", "rounds"], ["endpoint", "socket", "interval", "log"], "Phoenix socket drainer (lib/phoenix/socket/pool_supervisor.ex)"),
    plain(["phoenix", "channel_joined"], ["duration"], ["params", "socket", "result"], "Phoenix channels (lib/phoenix/channel/server.ex)"),
    plain(["phoenix", "channel_handled_in"], ["duration"], ["ref", "event", "params", "socket"], "Phoenix channels (lib/phoenix/channel/server.ex)"),
    span(["phoenix", "controller", "render"], ["view", "template", "format"], "Phoenix controller rendering (lib/phoenix/controller.ex)")
  ]
};

// dist/src/catalogs/phoenix_live_view.js
var phoenixLiveView = {
  dependency: "phoenix_live_view",
  events: () => [
    span(["phoenix", "live_view", "mount"], ["socket", "params", "session", "uri"], "LiveView (lib/phoenix_live_view/utils.ex)"),
    span(["phoenix", "live_view", "handle_params"], ["socket", "params", "uri"], "LiveView (lib/phoenix_live_view/utils.ex)"),
    span(["phoenix", "live_view", "handle_event"], ["socket", "event", "params"], "LiveView (lib/phoenix_live_view/channel.ex)"),
    span(["phoenix", "live_view", "render"], ["socket", "force?", "changed?"], "LiveView (lib/phoenix_live_view/diff.ex)"),
    span(["phoenix", "live_component", "update"], ["socket", "component", "assigns_sockets"], "LiveView (lib/phoenix_live_view/diff.ex)"),
    span(["phoenix", "live_component", "handle_event"], ["socket", "component", "event", "params"], "LiveView (lib/phoenix_live_view/channel.ex)"),
    plain(["phoenix", "live_component", "destroyed"], [], ["socket", "component", "cid", "live_view_socket"], "LiveView (lib/phoenix_live_view/channel.ex)")
  ]
};

// dist/src/catalogs/plug.js
var plug = {
  dependency: "plug",
  pulledInBy: ["phoenix", "plug_cowboy", "bandit"],
  events: () => [span(["plug", "router_dispatch"], ["conn", "route", "router"], "Plug.Router (lib/plug/router.ex)")]
};

// dist/src/catalogs/ecto.js
var QUERY_MEASUREMENTS = ["query_time", "decode_time", "queue_time", "idle_time", "total_time"];
var QUERY_METADATA = ["type", "repo", "result", "params", "cast_params", "query", "source", "stacktrace", "options"];
function macroUnderscore(segment) {
  let out = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    const prev = segment[i - 1];
    const next = segment[i + 1];
    const upper = c >= "A" && c <= "Z";
    if (upper && i > 0) {
      const prevLowerOrDigit = prev !== void 0 && (prev >= "a" && prev <= "z" || prev >= "0" && prev <= "9");
      const prevUpper = prev !== void 0 && prev >= "A" && prev <= "Z";
      const nextLower = next !== void 0 && next >= "a" && next <= "z";
      if (prevLowerOrDigit || prevUpper && nextLower)
        out += "_";
    }
    out += c.toLowerCase();
  }
  return out;
}
var ectoDefaultPrefix = (module) => module.split(".").map(macroUnderscore);
var ecto = {
  dependency: "ecto",
  pulledInBy: ["ecto_sql", "phoenix_ecto"],
  events: (ctx) => {
    const events = [plain(["ecto", "repo", "init"], ["system_time"], ["repo", "opts"], "Ecto repo supervisor (lib/ecto/repo/supervisor.ex)")];
    const prefixes = /* @__PURE__ */ new Map();
    for (const repo of ctx.ectoRepos)
      if (!prefixes.get(repo.module))
        prefixes.set(repo.module, repo.telemetryPrefix);
    const seen = /* @__PURE__ */ new Set();
    for (const [module, configured] of [...prefixes].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
      const prefix = configured ?? ectoDefaultPrefix(module);
      const key = prefix.join(".");
      if (seen.has(key))
        continue;
      seen.add(key);
      const how = configured ? "configured telemetry_prefix" : "prefix derived from the module name";
      events.push(plain([...prefix, "query"], QUERY_MEASUREMENTS, QUERY_METADATA, `Ecto SQL queries of ${module} (${how}; ecto_sql lib/ecto/adapters/sql.ex)`));
    }
    return events;
  }
};

// dist/src/catalogs/oban.js
var JOB_META = ["conf", "job", "id", "args", "queue", "worker", "attempt", "max_attempts", "tags", "prefix"];
var JOB_STOP = ["duration", "memory", "queue_time", "reductions"];
var ENGINE_OPS = [
  "init",
  "refresh",
  "put_meta",
  "check_available",
  "check_meta",
  "shutdown",
  "cancel_all_jobs",
  "delete_all_jobs",
  "fetch_jobs",
  "insert_all_jobs",
  "prune_jobs",
  "rescue_jobs",
  "retry_all_jobs",
  "stage_jobs",
  "cancel_job",
  "complete_job",
  "delete_job",
  "discard_job",
  "error_job",
  "insert_job",
  "retry_job",
  "snooze_job",
  "update_job"
];
var oban = {
  dependency: "oban",
  events: () => [
    plain(["oban", "supervisor", "init"], ["system_time"], ["conf", "pid"], "Oban (lib/oban.ex)"),
    plain(["oban", "job", "start"], ["system_time"], JOB_META, "Oban executor (lib/oban/queues/executor.ex)"),
    plain(["oban", "job", "stop"], JOB_STOP, [...JOB_META, "state", "result"], "Oban executor (lib/oban/queues/executor.ex)"),
    plain(["oban", "job", "exception"], JOB_STOP, [...JOB_META, "kind", "error", "reason", "result", "stacktrace", "state"], "Oban executor (lib/oban/queues/executor.ex)"),
    span(["oban", "producer"], ["conf", "queue", "dispatched_count"], "Oban producer (lib/oban/queues/producer.ex)"),
    ...ENGINE_OPS.map((op) => span(["oban", "engine", op], ["conf", "engine", "job", "jobs"], "Oban engine (lib/oban/engine.ex with_span/4)")),
    span(["oban", "notifier", "notify"], ["conf", "channel", "payload"], "Oban notifier (lib/oban/notifier.ex)"),
    plain(["oban", "notifier", "switch"], [], ["conf", "status"], "Oban sonar (lib/oban/sonar.ex)"),
    span(["oban", "peer", "election"], ["conf", "leader", "peer", "was_leader"], "Oban peers (lib/oban/peers/*.ex)"),
    plain(["oban", "plugin", "init"], null, ["conf", "plugin"], "Oban plugins (lib/oban/plugins/*.ex)"),
    span(["oban", "plugin"], null, "Oban plugins (lib/oban/plugins/*.ex)"),
    plain(["oban", "queue", "shutdown"], ["elapsed", "ellapsed"], ["conf", "orphaned", "queue"], "Oban watchman (lib/oban/queues/watchman.ex)"),
    plain(["oban", "stager", "switch"], [], ["conf", "mode"], "Oban stager (lib/oban/stager.ex)")
  ]
};

// dist/src/catalogs/http-clients.js
var FINCH = "Finch (lib/finch/telemetry.ex)";
var finch = {
  dependency: "finch",
  pulledInBy: ["req", "swoosh"],
  events: () => [
    span(["finch", "request"], ["name", "request", "result"], FINCH),
    plain(["finch", "queue", "start"], ["system_time"], ["name", "pool", "request"], FINCH),
    plain(["finch", "queue", "stop"], ["duration", "idle_time"], ["name", "pool", "request"], FINCH),
    plain(["finch", "queue", "exception"], ["duration"], ["name", "request", "kind", "reason", "stacktrace"], FINCH),
    plain(["finch", "connect", "start"], ["system_time"], ["name", "scheme", "host", "port"], FINCH),
    plain(["finch", "connect", "stop"], ["duration"], ["name", "scheme", "host", "port", "error"], FINCH),
    plain(["finch", "send", "start"], ["system_time", "idle_time"], ["name", "request"], FINCH),
    plain(["finch", "send", "stop"], ["duration", "idle_time"], ["name", "request", "error"], FINCH),
    plain(["finch", "recv", "start"], ["system_time", "idle_time"], ["name", "request"], FINCH),
    plain(["finch", "recv", "stop"], ["duration", "idle_time"], ["name", "request", "status", "headers", "error"], FINCH),
    plain(["finch", "recv", "exception"], ["duration"], ["name", "request", "kind", "reason", "stacktrace"], FINCH),
    plain(["finch", "reused_connection"], [], ["name", "scheme", "host", "port"], FINCH),
    plain(["finch", "conn_max_idle_time_exceeded"], ["idle_time"], ["name", "scheme", "host", "port"], FINCH),
    plain(["finch", "pool_max_idle_time_exceeded"], ["idle_time"], ["name", "scheme", "host", "port"], FINCH)
  ]
};
var TESLA = "Tesla.Middleware.Telemetry (lib/tesla/middleware/telemetry.ex)";
var tesla = {
  dependency: "tesla",
  events: () => [
    plain(["tesla", "request", "start"], ["system_time"], ["env"], TESLA),
    plain(["tesla", "request", "stop"], ["duration"], ["env", "error"], TESLA),
    plain(["tesla", "request", "exception"], ["duration"], ["env", "kind", "reason", "stacktrace"], TESLA),
    plain(["tesla", "request"], ["request_time"], ["result"], `${TESLA}, legacy event`)
  ]
};

// dist/src/catalogs/graphql-and-pipelines.js
var OPERATION_META = ["id", "telemetry_span_context", "blueprint", "options"];
var absinthe = {
  dependency: "absinthe",
  events: () => [
    plain(["absinthe", "execute", "operation", "start"], ["system_time"], OPERATION_META, "Absinthe (lib/absinthe/phase/telemetry.ex)"),
    plain(["absinthe", "execute", "operation", "stop"], ["duration", "end_time_mono"], OPERATION_META, "Absinthe (lib/absinthe/phase/telemetry.ex)"),
    plain(["absinthe", "subscription", "publish", "start"], ["system_time"], OPERATION_META, "Absinthe (lib/absinthe/phase/telemetry.ex)"),
    plain(["absinthe", "subscription", "publish", "stop"], ["duration", "end_time_mono"], OPERATION_META, "Absinthe (lib/absinthe/phase/telemetry.ex)"),
    plain(["absinthe", "resolve", "field", "start"], ["system_time"], ["id", "telemetry_span_context", "resolution", "middleware"], "Absinthe (lib/absinthe/middleware/telemetry.ex)"),
    plain(["absinthe", "resolve", "field", "stop"], ["duration"], ["id", "telemetry_span_context", "resolution", "middleware"], "Absinthe (lib/absinthe/middleware/telemetry.ex)"),
    ...["start", "stop", "exception", "timeout"].map((s) => plain(["absinthe", "middleware", "batch", s], null, null, "Absinthe (lib/absinthe/middleware/batch.ex)")),
    span(["absinthe", "middleware", "async", "task"], null, "Absinthe (lib/absinthe/middleware/async.ex)")
  ]
};
var PROCESSOR_META = ["topology_name", "name", "index", "processor_key", "messages", "context", "producer"];
var broadway = {
  dependency: "broadway",
  events: () => [
    plain(["broadway", "topology", "init"], ["system_time"], ["supervisor_pid", "config"], "Broadway (lib/broadway/topology.ex)"),
    span(["broadway", "processor"], PROCESSOR_META, "Broadway (lib/broadway/topology/processor_stage.ex)"),
    span(["broadway", "processor", "message"], ["message", ...PROCESSOR_META], "Broadway (lib/broadway/topology/processor_stage.ex)"),
    span(["broadway", "batch_processor"], null, "Broadway (lib/broadway/topology/batch_processor_stage.ex)"),
    span(["broadway", "batcher"], null, "Broadway (lib/broadway/topology/batcher_stage.ex)"),
    span(["broadway", "handle_failed"], null, "Broadway (lib/broadway/acknowledger.ex)")
  ]
};

// dist/src/catalogs/servers.js
var BANDIT = "Bandit (lib/bandit/telemetry.ex)";
var bandit = {
  dependency: "bandit",
  events: () => [
    plain(["bandit", "request", "start"], ["monotonic_time"], ["telemetry_span_context", "connection_telemetry_span_context", "conn", "plug"], BANDIT),
    plain(["bandit", "request", "stop"], ["monotonic_time", "duration", "req_header_end_time", "req_body_start_time", "req_body_end_time", "req_body_bytes", "resp_start_time", "resp_end_time", "resp_body_bytes", "resp_uncompressed_body_bytes", "resp_compression_method"], ["telemetry_span_context", "connection_telemetry_span_context", "conn", "plug", "error"], BANDIT),
    plain(["bandit", "request", "exception"], ["monotonic_time"], ["telemetry_span_context", "connection_telemetry_span_context", "conn", "plug", "kind", "exception", "stacktrace"], BANDIT),
    plain(["bandit", "websocket", "start"], ["monotonic_time"], null, BANDIT),
    plain(["bandit", "websocket", "stop"], null, null, BANDIT)
  ]
};
var TI = "Thousand Island (lib/thousand_island/telemetry.ex)";
var group = (object, events) => events.map((e) => plain(["thousand_island", object, e], null, null, TI));
var thousandIsland = {
  dependency: "thousand_island",
  pulledInBy: ["bandit"],
  events: () => [
    ...group("listener", ["start", "stop"]),
    ...group("acceptor", ["start", "stop", "spawn_error", "econnaborted", "accept_error", "emfile"]),
    ...group("connection", ["start", "stop", "ready", "async_recv", "recv", "recv_error", "send", "send_error", "sendfile", "sendfile_error", "socket_shutdown"])
  ]
};
var COWBOY = "cowboy_telemetry (src/cowboy_telemetry_h.erl)";
var cowboyTelemetry = {
  dependency: "cowboy_telemetry",
  pulledInBy: ["plug_cowboy"],
  events: () => [
    plain(["cowboy", "request", "start"], ["system_time"], ["streamid", "req"], COWBOY),
    plain(["cowboy", "request", "stop"], ["duration", "req_body_duration", "resp_duration", "req_body_length", "resp_body_length"], ["streamid", "req", "resp_status", "resp_headers", "ref", "pid"], COWBOY),
    plain(["cowboy", "request", "exception"], ["duration"], ["streamid", "req", "kind", "reason", "stacktrace"], COWBOY),
    plain(["cowboy", "request", "early_error"], ["system_time"], ["streamid", "reason", "partial_req", "resp_status"], COWBOY)
  ]
};

// dist/src/catalogs/runtime.js
var POLLER = "telemetry_poller default poller (src/telemetry_poller_builtin.erl)";
var telemetryPoller = {
  dependency: "telemetry_poller",
  events: () => [
    plain(["vm", "memory"], ["total", "processes", "processes_used", "system", "atom", "atom_used", "binary", "code", "ets"], [], POLLER),
    plain(["vm", "total_run_queue_lengths"], ["total", "cpu", "io"], [], POLLER),
    plain(["vm", "system_counts"], ["process_count", "atom_count", "port_count", "process_limit", "atom_limit", "port_limit"], [], POLLER),
    plain(["vm", "persistent_term"], ["count", "memory"], [], POLLER)
  ]
};
var telemetry = {
  dependency: "telemetry",
  events: () => [
    plain(["telemetry", "handler", "failure"], ["monotonic_time", "system_time"], ["event_name", "handler_id", "handler_config", "kind", "reason", "stacktrace"], ":telemetry (src/telemetry.erl)")
  ]
};
var telemetryMetricsPrometheus = {
  dependency: "telemetry_metrics_prometheus",
  events: () => [
    plain(["prometheus_metrics", "plug", "start"], ["system_time"], ["conn", "options"], "TelemetryMetricsPrometheus router (Plug.Telemetry)"),
    plain(["prometheus_metrics", "plug", "stop"], ["duration"], ["conn", "options"], "TelemetryMetricsPrometheus router (Plug.Telemetry)")
  ]
};

// dist/src/catalogs/index.js
var CATALOGS = [
  phoenix,
  phoenixLiveView,
  plug,
  ecto,
  oban,
  finch,
  tesla,
  absinthe,
  broadway,
  bandit,
  thousandIsland,
  cowboyTelemetry,
  telemetryPoller,
  telemetry,
  telemetryMetricsPrometheus
];
var knownLibraryDependencies = () => CATALOGS.map((c) => c.dependency);
function libraryEmits(deps, ctx) {
  const emits = [];
  for (const catalog of CATALOGS) {
    const loc = deps.get(catalog.dependency) ?? catalog.pulledInBy?.map((d) => deps.get(d)).find(Boolean);
    if (!loc)
      continue;
    for (const event of catalog.events(ctx))
      emits.push(...expand(event, loc, "library"));
  }
  for (const { prefix, loc } of ctx.plugTelemetry) {
    const note = `Plug.Telemetry, event_prefix: [${prefix.map((s) => `:${s}`).join(", ")}]`;
    emits.push({ event: [...prefix, "start"], loc, via: "plug", keys: { measurements: ["system_time"], metadata: ["conn", "options"] }, spanPrefix: prefix, note }, { event: [...prefix, "stop"], loc, via: "plug", keys: { measurements: ["duration"], metadata: ["conn", "options"] }, spanPrefix: prefix, note });
  }
  return emits;
}
function expand(event, loc, via) {
  if (!event.span)
    return [{ event: event.event, loc, via, keys: { measurements: event.measurements, metadata: event.metadata }, note: event.note }];
  const meta = event.metadata;
  return [
    { event: [...event.event, "start"], loc, via, keys: { measurements: SPAN_START, metadata: meta }, spanPrefix: event.event, note: event.note },
    { event: [...event.event, "stop"], loc, via, keys: { measurements: SPAN_STOP, metadata: meta }, spanPrefix: event.event, note: event.note },
    {
      event: [...event.event, "exception"],
      loc,
      via,
      keys: { measurements: SPAN_STOP, metadata: meta ? [...meta, ...SPAN_EXCEPTION_METADATA] : null },
      spanPrefix: event.event,
      note: event.note
    }
  ];
}

// dist/src/catalogs/prom_ex.js
var HTTP_TAGS = ["status", "method", "path", "controller", "action", "host"];
var PHOENIX_PROXY = ["prom_ex", "plugin", "phoenix", "stop"];
var ECTO_PROXY = ["prom_ex", "plugin", "ecto", "query"];
var ROUTER_PROXY = ["prom_ex", "router", "stop"];
var PLUGINS = {
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
      { suffix: "socket_connected_duration_U", kind: "H", event: ["phoenix", "socket_connected"], tags: null }
    ]
  },
  PhoenixLiveView: {
    name: "phoenix_live_view",
    series: [
      { suffix: "mount_duration_U", kind: "H", event: ["phoenix", "live_view", "mount", "stop"], tags: null },
      { suffix: "mount_exception_duration_U", kind: "H", event: ["phoenix", "live_view", "mount", "exception"], tags: null },
      { suffix: "handle_event_duration_U", kind: "H", event: ["phoenix", "live_view", "handle_event", "stop"], tags: null },
      { suffix: "handle_event_exception_duration_U", kind: "H", event: ["phoenix", "live_view", "handle_event", "exception"], tags: null }
    ]
  },
  Ecto: {
    name: "ecto",
    ownEvents: [ECTO_PROXY],
    series: [
      { suffix: "repo_init_status_info", kind: "G", event: ["ecto", "repo", "init"], tags: null },
      { suffix: "repo_init_pool_size", kind: "G", event: ["ecto", "repo", "init"], tags: null },
      { suffix: "repo_init_timeout_duration", kind: "G", event: ["ecto", "repo", "init"], tags: null },
      ...["idle", "queue", "decode", "execution", "total"].map((t) => ({ suffix: `repo_query_${t}_time_U`, kind: "H", event: ECTO_PROXY, tags: null })),
      { suffix: "repo_query_results_returned", kind: "H", event: ECTO_PROXY, tags: null }
    ]
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
      { suffix: "init_queue_concurrency_limit", kind: "G", event: ["oban", "supervisor", "init"], tags: null }
    ]
  },
  Absinthe: {
    name: "absinthe",
    series: [
      { suffix: "subscription_duration_U", kind: "H", event: ["absinthe", "subscription", "publish", "stop"], tags: null },
      { suffix: "execute_duration_U", kind: "H", event: ["absinthe", "execute", "operation", "stop"], tags: null },
      { suffix: "execute_complexity_size", kind: "H", event: ["absinthe", "execute", "operation", "stop"], tags: null },
      { suffix: "execute_invalid_request_count", kind: "C", event: ["absinthe", "execute", "operation", "stop"], tags: null }
    ]
  },
  Broadway: {
    name: "broadway",
    patterns: ["init_*"],
    series: [
      { suffix: "process_message_duration_U", kind: "H", event: ["broadway", "processor", "message", "stop"], tags: null },
      { suffix: "process_message_exception_duration_U", kind: "H", event: ["broadway", "processor", "message", "exception"], tags: null },
      { suffix: "process_batch_duration_U", kind: "H", event: ["broadway", "batch_processor", "stop"], tags: null },
      { suffix: "process_batch_failure_size", kind: "H", event: ["broadway", "batch_processor", "stop"], tags: null },
      { suffix: "process_batch_success_size", kind: "H", event: ["broadway", "batch_processor", "stop"], tags: null }
    ]
  },
  PlugCowboy: {
    name: "plug_cowboy",
    series: [
      { suffix: "http_request_duration_U", kind: "H", event: ["cowboy", "request", "stop"], tags: null },
      { suffix: "http_response_duration_U", kind: "H", event: ["cowboy", "request", "stop"], tags: null },
      { suffix: "http_request_body_duration_U", kind: "H", event: ["cowboy", "request", "stop"], tags: null },
      { suffix: "http_response_size_bytes", kind: "H", event: ["cowboy", "request", "stop"], tags: null },
      { suffix: "http_requests_total", kind: "C", event: ["cowboy", "request", "stop"], tags: null }
    ]
  },
  PlugRouter: {
    name: "plug_router",
    ownEvents: [ROUTER_PROXY],
    series: [
      { suffix: "http_request_duration_U", kind: "H", event: ROUTER_PROXY, tags: null },
      { suffix: "http_response_size_bytes", kind: "H", event: ROUTER_PROXY, tags: null },
      { suffix: "http_requests_total", kind: "C", event: ROUTER_PROXY, tags: null }
    ]
  },
  Beam: {
    name: "beam",
    // 38 polled gauges (stats_*, system_*_info, memory_*_bytes), fed by PromEx's own poller.
    patterns: ["*"],
    series: []
  },
  Application: {
    name: "application",
    ownEvents: [["prom_ex", "plugin", "application", "uptime", "count"]],
    patterns: ["primary_info", "dependency_info", "git_sha_info", "git_author_info"],
    series: [{ suffix: "uptime_U_count", kind: "G", event: ["prom_ex", "plugin", "application", "uptime", "count"], tags: null }]
  },
  PromEx: {
    name: "prom_ex",
    ownEvents: [["prom_ex", "status", "info"]],
    series: [{ suffix: "status_info", kind: "G", event: ["prom_ex", "status", "info"], tags: null }]
  }
};
var KIND = { C: "counter", G: "last_value", H: "distribution" };
function pluginSpec(module) {
  const match = /^(?:PromEx\.)?Plugins\.(\w+)$/.exec(module);
  return match ? PLUGINS[match[1]] : void 0;
}
var pluralUnit = (unit) => unit.endsWith("s") ? unit : `${unit}s`;
function promExPluginDefinitions(plugin, otpApp) {
  const spec = pluginSpec(plugin.module);
  if (!spec)
    return void 0;
  const prefixOption = plugin.options.metric_prefix;
  const prefix = Array.isArray(prefixOption) ? prefixOption : [otpApp, "prom_ex", spec.name];
  const unitOption = plugin.options.duration_unit;
  const unit = pluralUnit(typeof unitOption === "string" ? unitOption.replace(/^:/, "") : "millisecond");
  const list = `${plugin.module} (PromEx plugin)`;
  const metrics = spec.series.map((s) => {
    const suffix = s.suffix.replace("U", unit);
    return {
      kind: KIND[s.kind],
      name: [...prefix, suffix],
      event: s.event,
      measurement: s.measurement ?? null,
      tags: s.tags,
      buckets: s.kind === "H" ? { state: "literal", values: [10, 100, 500, 1e3, 5e3, 1e4] } : { state: "missing" },
      loc: plugin.loc,
      list,
      promExPlugin: plugin.module,
      language: "elixir"
    };
  });
  const emits = (spec.ownEvents ?? []).map((event) => ({
    event,
    loc: plugin.loc,
    via: "library",
    keys: { measurements: null, metadata: null },
    note: `PromEx plugin ${plugin.module} (proxy or poller)`
  }));
  const base = prefix.join("_");
  return { metrics, emits, seriesPatterns: (spec.patterns ?? []).map((p) => `${base}_${p}`) };
}

// dist/src/exporters/external.js
var WELL_KNOWN_EXTERNAL_SERIES = [
  { pattern: "up", source: "Prometheus (scrape health)" },
  { pattern: "scrape_*", source: "Prometheus (scrape metadata)" },
  { pattern: "ALERTS", source: "Prometheus (alert state)" },
  { pattern: "ALERTS_FOR_STATE", source: "Prometheus (alert state)" },
  { pattern: "prometheus_*", source: "Prometheus server" },
  { pattern: "promhttp_*", source: "Prometheus client_golang handler" },
  { pattern: "alertmanager_*", source: "Alertmanager" },
  { pattern: "node_*", source: "node_exporter" },
  { pattern: "container_*", source: "cAdvisor" },
  { pattern: "machine_*", source: "cAdvisor" },
  { pattern: "kube_*", source: "kube-state-metrics" },
  { pattern: "kubelet_*", source: "kubelet" },
  { pattern: "apiserver_*", source: "Kubernetes API server" },
  { pattern: "process_*", source: "process collector" },
  { pattern: "go_*", source: "Go runtime collector" },
  { pattern: "nodejs_*", source: "Node.js runtime collector (prom-client defaults)" },
  { pattern: "jvm_*", source: "JVM collector" },
  { pattern: "python_*", source: "Python runtime collector" },
  { pattern: "erlang_vm_*", source: "prometheus.erl VM collector" },
  { pattern: "target_info", source: "OpenTelemetry resource" }
];
function externalSeriesMatcher(extra) {
  const exact = /* @__PURE__ */ new Map();
  const globs = [];
  const add = (pattern, source) => {
    if (!pattern.includes("*"))
      exact.set(pattern, source);
    else
      globs.push({ parts: pattern.split("*"), source });
  };
  for (const { pattern, source } of WELL_KNOWN_EXTERNAL_SERIES)
    add(pattern, source);
  for (const entry of extra) {
    if (typeof entry === "string")
      add(entry, `externalSeries "${entry}"`);
    else
      add(entry.pattern, entry.source);
  }
  return (name) => exact.get(name) ?? globs.find((g) => globMatch(g.parts, name))?.source;
}
function globMatch(parts, name) {
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!name.startsWith(first) || name.length < first.length + last.length || !name.endsWith(last))
    return false;
  let position = first.length;
  const end = name.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const index = name.indexOf(parts[i], position);
    if (index < 0 || index + parts[i].length > end)
      return false;
    position = index + parts[i].length;
  }
  return true;
}

// dist/src/graph/typescript.js
import { posix } from "node:path";

// dist/src/exporters/opentelemetry-prometheus.js
var sanitizeOtelName = (name) => name.replace(/[^a-z0-9_]/gi, "_").replace(/_{2,}/g, "_");
var MONOTONIC = /* @__PURE__ */ new Set(["Counter", "ObservableCounter"]);
var TYPES = {
  Counter: "counter",
  ObservableCounter: "counter",
  UpDownCounter: "gauge",
  ObservableUpDownCounter: "gauge",
  Gauge: "gauge",
  ObservableGauge: "gauge",
  Histogram: "histogram"
};
function otelPrometheusName(name, type, options = {}) {
  let out = sanitizeOtelName(name);
  if (options.prefix)
    out = `${options.prefix}_${out}`;
  if (out === "" || out === "_")
    return void 0;
  if (/^[0-9]/.test(out))
    out = `_${out}`;
  if (MONOTONIC.has(type) && !out.endsWith("_total"))
    out += "_total";
  return out;
}
var otelLabel = (key) => sanitizeOtelName(key);
function exportOtelPrometheus(def, attributeKeys, options = {}) {
  const type = def.instrument?.type ?? "Counter";
  const name = otelPrometheusName(def.name[0] ?? "", type, options);
  if (name === void 0)
    return { series: [], dropped: `the name "${def.name[0]}" sanitises to nothing, and the exporter drops it with diag.error` };
  const scope = options.withoutScopeInfo ? [] : ["otel_scope_name", ...def.instrument?.meter?.version ? ["otel_scope_version"] : []];
  const labels = [.../* @__PURE__ */ new Set([...(attributeKeys ?? []).map(otelLabel), ...scope])];
  const source = { kind: "metric", metric: def, exporter: "@opentelemetry/exporter-prometheus" };
  const unknown = attributeKeys === null ? { labelsUnknown: true } : {};
  const seriesType = TYPES[type] ?? "untyped";
  if (seriesType === "histogram")
    return { series: histogramSeries(name, labels, source, attributeKeys === null) };
  const series = { name, type: seriesType, labels, source, ...unknown };
  return { series: [series] };
}
function histogramSeries(name, labels, source, labelsUnknown) {
  const unknown = labelsUnknown ? { labelsUnknown: true } : {};
  return [
    { name: `${name}_count`, type: "histogram", labels, source, ...unknown },
    { name: `${name}_sum`, type: "histogram", labels, source, ...unknown },
    { name: `${name}_bucket`, type: "histogram", labels: [...labels, "le"], source, ...unknown }
  ];
}

// dist/src/exporters/otlp.js
var UNIT_WORDS = {
  d: "days",
  h: "hours",
  min: "minutes",
  s: "seconds",
  ms: "milliseconds",
  us: "microseconds",
  ns: "nanoseconds",
  By: "bytes",
  KiBy: "kibibytes",
  MiBy: "mebibytes",
  GiBy: "gibibytes",
  TiBy: "tibibytes",
  KBy: "kilobytes",
  MBy: "megabytes",
  GBy: "gigabytes",
  TBy: "terabytes",
  m: "meters",
  V: "volts",
  A: "amperes",
  J: "joules",
  W: "watts",
  g: "grams",
  Cel: "celsius",
  Hz: "hertz",
  "%": "percent"
};
var PER_UNIT = { s: "second", m: "minute", h: "hour", d: "day", w: "week", mo: "month", y: "year" };
function unitSuffix(unit) {
  if (!unit)
    return [];
  const clean = unit.replace(/\{[^}]*\}/g, "").trim();
  if (!clean || clean === "1")
    return [];
  const [main, per] = clean.split("/");
  const words = [];
  if (main)
    words.push(...(UNIT_WORDS[main] ?? main).split(/[^a-zA-Z0-9]+/).filter(Boolean));
  if (per)
    words.push("per", ...(PER_UNIT[per] ?? UNIT_WORDS[per] ?? per).split(/[^a-zA-Z0-9]+/).filter(Boolean));
  return words;
}
function otlpPrometheusName(name, type, unit) {
  let tokens = name.split(/[^a-zA-Z0-9:]+/).filter(Boolean);
  const monotonic = type === "Counter" || type === "ObservableCounter";
  const gauge = type === "Gauge" || type === "ObservableGauge";
  tokens = tokens.filter((t) => !(monotonic && t === "total") && !(gauge && unit === "1" && t === "ratio"));
  for (const word of unitSuffix(unit))
    if (!tokens.includes(word))
      tokens.push(word);
  if (gauge && unit === "1")
    tokens.push("ratio");
  if (monotonic)
    tokens.push("total");
  let out = tokens.join("_");
  if (/^[0-9]/.test(out))
    out = `_${out}`;
  return out;
}
var otlpLabel = (key) => {
  const out = key.replace(/[^a-zA-Z0-9_]/g, "_");
  return /^[0-9]/.test(out) ? `key_${out}` : out;
};
function exportOtlp(def, attributeKeys) {
  const type = def.instrument?.type ?? "Counter";
  const name = otlpPrometheusName(def.name[0] ?? "", type, def.unit);
  const labels = [...new Set((attributeKeys ?? []).map(otlpLabel))];
  const source = { kind: "metric", metric: def, exporter: "OTLP \u2192 Prometheus (otlptranslator)" };
  const unknown = attributeKeys === null ? { labelsUnknown: true } : {};
  if (type === "Histogram")
    return { series: histogramSeries(name, labels, source, attributeKeys === null) };
  return { series: [{ name, type: type === "Counter" || type === "ObservableCounter" ? "counter" : "gauge", labels, source, ...unknown }] };
}

// dist/src/exporters/prom-client.js
var METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
var LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
function exportPromClient(def) {
  const name = def.name[0] ?? "";
  const type = def.instrument?.type ?? "Counter";
  const labelNames = def.instrument?.labelNames;
  const labels = labelNames ?? [];
  const invalid = [];
  if (!METRIC_NAME.test(name))
    invalid.push(`"${name}" is not a valid metric name; prom-client throws "Invalid metric name" when it is constructed`);
  for (const label of labels)
    if (!LABEL_NAME.test(label))
      invalid.push(`label "${label}" is not a valid label name; prom-client throws "Invalid label name"`);
  if (type === "Histogram" && labels.includes("le"))
    invalid.push('"le" is reserved for histogram buckets; prom-client throws');
  if (type === "Summary" && labels.includes("quantile"))
    invalid.push('"quantile" is reserved for summaries; prom-client throws');
  if (type === "Histogram" && def.buckets.state === "literal" && !def.buckets.values.every((v, i, all) => i === 0 || v > all[i - 1])) {
    invalid.push(`buckets [${def.buckets.values.join(", ")}] are not in increasing order`);
  }
  const source = { kind: "metric", metric: def, exporter: "prom-client" };
  const unknown = labelNames === null ? { labelsUnknown: true } : {};
  const one = (n, t, extra = []) => ({ name: n, type: t, labels: [...labels, ...extra], source, ...unknown });
  let series;
  switch (type) {
    case "Histogram":
      series = [one(`${name}_bucket`, "histogram", ["le"]), one(`${name}_sum`, "histogram"), one(`${name}_count`, "histogram")];
      break;
    case "Summary":
      series = [one(name, "summary", ["quantile"]), one(`${name}_sum`, "summary"), one(`${name}_count`, "summary")];
      break;
    case "Gauge":
      series = [one(name, "gauge")];
      break;
    default:
      series = [one(name, "counter")];
  }
  return invalid.length ? { series, invalid } : { series };
}
var PROM_CLIENT_DEFAULT_METRICS = [
  { name: "process_cpu_user_seconds_total", type: "counter", labels: [] },
  { name: "process_cpu_system_seconds_total", type: "counter", labels: [] },
  { name: "process_cpu_seconds_total", type: "counter", labels: [] },
  { name: "process_start_time_seconds", type: "gauge", labels: [] },
  { name: "process_resident_memory_bytes", type: "gauge", labels: [] },
  { name: "process_virtual_memory_bytes", type: "gauge", labels: [] },
  { name: "process_heap_bytes", type: "gauge", labels: [] },
  { name: "process_open_fds", type: "gauge", labels: [] },
  { name: "process_max_fds", type: "gauge", labels: [] },
  ...["", "min_", "max_", "mean_", "stddev_", "p50_", "p90_", "p99_"].map((p) => ({ name: `nodejs_eventloop_lag_${p}seconds`, type: "gauge", labels: [] })),
  { name: "nodejs_active_resources", type: "gauge", labels: ["type"] },
  { name: "nodejs_active_resources_total", type: "gauge", labels: [] },
  { name: "nodejs_active_handles", type: "gauge", labels: ["type"] },
  { name: "nodejs_active_handles_total", type: "gauge", labels: [] },
  { name: "nodejs_active_requests", type: "gauge", labels: ["type"] },
  { name: "nodejs_active_requests_total", type: "gauge", labels: [] },
  { name: "nodejs_heap_size_total_bytes", type: "gauge", labels: [] },
  { name: "nodejs_heap_size_used_bytes", type: "gauge", labels: [] },
  { name: "nodejs_external_memory_bytes", type: "gauge", labels: [] },
  { name: "nodejs_heap_space_size_total_bytes", type: "gauge", labels: ["space"] },
  { name: "nodejs_heap_space_size_used_bytes", type: "gauge", labels: ["space"] },
  { name: "nodejs_heap_space_size_available_bytes", type: "gauge", labels: ["space"] },
  { name: "nodejs_version_info", type: "gauge", labels: ["version", "major", "minor", "patch"] },
  { name: "nodejs_gc_duration_seconds_bucket", type: "histogram", labels: ["kind", "le"] },
  { name: "nodejs_gc_duration_seconds_sum", type: "histogram", labels: ["kind"] },
  { name: "nodejs_gc_duration_seconds_count", type: "histogram", labels: ["kind"] }
];

// dist/src/graph/typescript.js
var EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
function moduleResolver(files, tsconfigs) {
  const candidates = (base) => {
    const stripped = base.replace(/\.(js|mjs|cjs|jsx)$/, "");
    return [base, ...EXTENSIONS.map((e) => stripped + e), ...EXTENSIONS.map((e) => `${stripped}/index${e}`)];
  };
  const first = (list) => list.find((c) => files.has(c));
  const aliases = tsconfigs.flatMap((t) => {
    const cfg = t.tsconfigPaths;
    if (!cfg)
      return [];
    const dir = posix.dirname(t.file) === "." ? "" : posix.dirname(t.file);
    const base = posix.join(dir, cfg.baseUrl);
    return Object.entries(cfg.paths).map(([pattern, targets]) => ({ pattern, targets: targets.map((target) => posix.join(base, target)) }));
  });
  return (fromFile, specifier) => {
    if (specifier.startsWith("."))
      return first(candidates(posix.normalize(posix.join(posix.dirname(fromFile), specifier))));
    for (const { pattern, targets } of aliases) {
      const star = pattern.indexOf("*");
      const matches = star < 0 ? specifier === pattern : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1));
      if (!matches)
        continue;
      const captured = star < 0 ? "" : specifier.slice(star, specifier.length - (pattern.length - star - 1));
      for (const target of targets) {
        const hit = first(candidates(posix.normalize(target.replace("*", captured))));
        if (hit)
          return hit;
      }
    }
    return void 0;
  };
}
function buildTypeScriptGraph(facts, config, dependencies) {
  const tsFacts = facts.filter((f) => f.language === "typescript");
  const byFile = new Map(tsFacts.map((f) => [f.file, f]));
  const resolve2 = moduleResolver(new Set(byFile.keys()), facts.filter((f) => f.tsconfigPaths));
  const dynamicMetrics = [];
  const constantAt = (file, part) => {
    const target = resolve2(file, part.specifier);
    const exports = target ? byFile.get(target)?.moduleExports : void 0;
    if (!exports)
      return void 0;
    const [head, ...rest] = part.path.split(".");
    let value = exports.constants[head];
    for (const key of rest)
      value = value && typeof value === "object" && !Array.isArray(value) ? value[key] : void 0;
    return typeof value === "string" || typeof value === "number" ? String(value) : void 0;
  };
  const metrics = [];
  const defsByKey = /* @__PURE__ */ new Map();
  for (const f of tsFacts) {
    const symbolic = new Map((f.symbolicNames ?? []).map((s) => [s.index, s.parts]));
    f.metrics.forEach((def, index) => {
      let final = def;
      const parts = symbolic.get(index);
      if (parts) {
        const resolved = parts.map((p) => p.kind === "literal" ? p.value : constantAt(f.file, p));
        if (resolved.some((r) => r === void 0)) {
          dynamicMetrics.push({ loc: def.loc, expression: parts.map((p) => p.kind === "literal" ? p.value : `\${${p.path} from "${p.specifier}"}`).join("") });
          return;
        }
        final = { ...def, name: [resolved.join("")] };
      }
      metrics.push({ def: final });
      if (final.instrument)
        defsByKey.set(final.instrument.key, final);
    });
  }
  const uses = [];
  for (const f of tsFacts) {
    for (const use of f.instrumentUses ?? []) {
      let key;
      if (use.target.kind === "local")
        key = use.target.key;
      else {
        const target = resolve2(f.file, use.target.specifier);
        key = target ? byFile.get(target)?.moduleExports?.bindings[use.target.path] : void 0;
      }
      const def = key ? defsByKey.get(key) : void 0;
      if (def)
        uses.push({ use, def });
    }
  }
  const emits = uses.map(({ use, def }) => ({
    event: def.event,
    loc: use.loc,
    via: def.instrument.library === "prom-client" ? "prom-client" : "otel",
    keys: { measurements: null, metadata: use.keys },
    note: `${use.method}() on ${def.name[0]}`
  }));
  const otelExporter = chooseOtelExporter(config, dependencies, tsFacts);
  const exporterOptions = tsFacts.flatMap((f) => f.otelExporterOptions ?? [])[0];
  const series = [];
  const keysByDef = /* @__PURE__ */ new Map();
  for (const { use, def } of uses) {
    const previous = keysByDef.get(def);
    if (previous === null)
      continue;
    keysByDef.set(def, use.keys === null ? null : [.../* @__PURE__ */ new Set([...previous ?? [], ...use.keys])]);
  }
  let otelExported = false;
  for (const node of metrics) {
    const { def } = node;
    if (def.instrument?.library === "prom-client") {
      node.exporter = "prom-client";
      node.exporterReason = "prom-client";
      node.result = exportPromClient(def);
    } else if (def.instrument?.library === "opentelemetry" && otelExporter) {
      node.exporter = otelExporter.id;
      node.exporterReason = otelExporter.reason;
      const keys = keysByDef.has(def) ? keysByDef.get(def) : [];
      node.result = otelExporter.id === "otlp" ? exportOtlp(def, keys) : exportOtelPrometheus(def, keys, { ...exporterOptions?.prefix ? { prefix: exporterOptions.prefix } : {}, ...exporterOptions?.withoutScopeInfo ? { withoutScopeInfo: true } : {} });
      otelExported ||= otelExporter.id === "opentelemetry";
    }
    for (const s of node.result?.series ?? [])
      series.push(s);
  }
  if (otelExported && !exporterOptions?.withoutTargetInfo) {
    series.push({ name: "target_info", type: "gauge", labels: [], labelsUnknown: true, source: { kind: "catalog", description: "@opentelemetry/exporter-prometheus target_info (resource attributes)" } });
  }
  for (const f of tsFacts) {
    for (const d of f.defaultMetrics ?? []) {
      for (const m of PROM_CLIENT_DEFAULT_METRICS) {
        series.push({ name: d.prefix + m.name, type: m.type, labels: m.labels, source: { kind: "catalog", description: `prom-client collectDefaultMetrics(${d.prefix ? `{ prefix: "${d.prefix}" }` : ""})`, loc: d.loc } });
      }
    }
  }
  const resolvedEmits = [];
  const resolvedHandlers = [];
  const dynamicEmits = [];
  const dynamicHandlers = [];
  for (const f of tsFacts) {
    for (const s of f.symbolicEvents ?? []) {
      const resolved = s.parts.map((p) => p.kind === "literal" ? p.value : constantAt(f.file, p));
      if (resolved.some((r) => r === void 0)) {
        if (s.emit)
          dynamicEmits.push({ loc: s.emit.loc, expression: s.expression, reason: "it names a constant that could not be resolved in the project" });
        if (s.handler)
          dynamicHandlers.push({ loc: s.handler.loc, expression: s.expression });
        continue;
      }
      const text = resolved.join("");
      const event = s.format === "segments" ? [text] : text.split(".");
      if (s.emit) {
        if (s.emit.spanPrefix)
          for (const suffix of ["start", "stop", "exception"])
            resolvedEmits.push({ ...s.emit, event: [...event, suffix], spanPrefix: event });
        else
          resolvedEmits.push({ ...s.emit, event });
      }
      if (s.handler)
        resolvedHandlers.push({ ...s.handler, events: [event] });
    }
  }
  return { metrics, emits, uses, dynamicMetrics, series, dynamicEmits, dynamicHandlers, resolvedEmits, resolvedHandlers };
}
function chooseOtelExporter(config, deps, tsFacts) {
  if (config.exporter === "opentelemetry" || config.exporter === "otlp")
    return { id: config.exporter, reason: `"exporter": "${config.exporter}" in the config` };
  if (deps.has("@opentelemetry/exporter-prometheus") || tsFacts.some((f) => f.otelExporterOptions?.length))
    return { id: "opentelemetry", reason: "@opentelemetry/exporter-prometheus" };
  const otlp = [...deps.keys()].find((d) => d.startsWith("@opentelemetry/exporter-metrics-otlp"));
  if (otlp)
    return { id: "otlp", reason: `${otlp} (OTLP \u2192 Prometheus naming)` };
  return { id: "opentelemetry", reason: "@opentelemetry/exporter-prometheus (assumed: no exporter dependency found)" };
}

// dist/src/graph/build.js
var DEFAULT_TARGET_LABELS = [
  "job",
  "instance",
  "namespace",
  "pod",
  "pod_name",
  "container",
  "container_name",
  "service",
  "endpoint",
  "node",
  "cluster",
  "prometheus",
  "prometheus_replica",
  "env",
  "environment",
  "region",
  "zone",
  "availability_zone",
  "datacenter",
  "dc",
  "host",
  "hostname",
  "__name__"
];
var PROMETHEUS_REPORTERS = {
  telemetry_metrics_prometheus_core: "telemetry_metrics_prometheus_core",
  telemetry_metrics_prometheus: "telemetry_metrics_prometheus",
  peep: "peep",
  prom_ex: "prom_ex"
};
var REPORTER_DEPENDENCIES = [
  ["prom_ex", "prom_ex"],
  ["telemetry_metrics_prometheus", "telemetry_metrics_prometheus"],
  ["telemetry_metrics_prometheus_core", "telemetry_metrics_prometheus_core"],
  ["peep", "peep"]
];
function buildGraph(allFacts, config) {
  const facts = [...allFacts].sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  const flat = (pick) => facts.flatMap((f) => pick(f) ?? []);
  const dependencies = /* @__PURE__ */ new Map();
  let manifestSeen = false;
  for (const dep of flat((f) => f.dependencies)) {
    manifestSeen = true;
    if (!dependencies.has(dep.name) || dep.source === "mix.exs")
      dependencies.set(dep.name, dep.loc);
  }
  manifestSeen ||= facts.some((f) => /(^|\/)(mix\.exs|mix\.lock|package\.json)$/.test(f.file));
  const sourceEmits = flat((f) => f.emits);
  const dynamicEmits = flat((f) => f.dynamicEmits);
  const wrapperResult = applyWrappers(flat((f) => f.wrappers), flat((f) => f.wrapperCalls));
  sourceEmits.push(...wrapperResult.emits);
  dynamicEmits.push(...wrapperResult.dynamic);
  const ectoRepos = flat((f) => f.ectoRepos);
  const plugTelemetry = flat((f) => f.plugTelemetry);
  const libraryDeps = manifestSeen ? dependencies : assumedDependencies();
  const catalogEmits = libraryEmits(libraryDeps, { ectoRepos, plugTelemetry });
  const plugEmits = catalogEmits.filter((e) => e.via === "plug");
  sourceEmits.push(...plugEmits);
  const metrics = [];
  const defs = flat((f) => f.metrics).filter((d) => d.language === "elixir");
  const listIncludes = /* @__PURE__ */ new Map();
  for (const ref of flat((f) => f.metricLists))
    pushTo(listIncludes, ref.list, ...ref.includes);
  const reporters = flat((f) => f.reporters);
  const listReach = /* @__PURE__ */ new Map();
  for (const binding of reporters) {
    for (const list of closure(binding.lists, listIncludes)) {
      const entry = { exporter: PROMETHEUS_REPORTERS[binding.reporter], binding };
      pushTo(listReach, list, entry);
    }
  }
  const promExStorage = flat((f) => f.promExStorage ? [f.promExStorage] : [])[0];
  const promExExporter = promExStorage && /Peep/.test(promExStorage.adapter) ? "peep" : "prom_ex";
  const promExModules = flat((f) => f.promEx);
  const customPlugins = /* @__PURE__ */ new Map();
  const promExEmits = [];
  const promExPatterns = [];
  for (const mod of promExModules) {
    for (const plugin of mod.plugins) {
      const builtIn = promExPluginDefinitions(plugin, mod.otpApp);
      if (builtIn) {
        for (const def of builtIn.metrics) {
          metrics.push({ def, exporter: promExExporter, reporterLoc: mod.loc, exporterReason: `PromEx module ${mod.module}` });
        }
        promExEmits.push(...builtIn.emits);
        for (const pattern of builtIn.seriesPatterns)
          promExPatterns.push({ pattern, source: `PromEx plugin ${plugin.module}` });
      } else {
        customPlugins.set(plugin.module, mod.loc);
      }
    }
    const status = promExPluginDefinitions({ module: "PromEx.Plugins.PromEx", options: {}, loc: mod.loc }, mod.otpApp);
    if (status) {
      for (const def of status.metrics)
        metrics.push({ def, exporter: promExExporter, reporterLoc: mod.loc, exporterReason: `PromEx module ${mod.module}` });
      promExEmits.push(...status.emits);
    }
  }
  const forced = config.exporter && config.exporter !== "auto" ? elixirExporter(config.exporter) : void 0;
  const fallback = forced ? void 0 : fallbackExporter(reporters, promExModules.length > 0, dependencies);
  for (const def of defs) {
    const node = { def };
    const pluginLoc = def.promExPlugin ? customPlugins.get(def.promExPlugin) : void 0;
    const reach = listReach.get(def.list)?.find((r) => r.exporter) ?? listReach.get(def.list)?.[0];
    if (forced && def.language === "elixir") {
      node.exporter = forced;
      node.exporterReason = `"exporter": "${config.exporter}" in the config`;
      if (reach)
        node.reporterLoc = reach.binding.loc;
    } else if (pluginLoc) {
      node.exporter = promExExporter;
      node.reporterLoc = pluginLoc;
      node.exporterReason = `PromEx plugin ${def.promExPlugin}`;
    } else if (reach) {
      node.reporterLoc = reach.binding.loc;
      if (reach.exporter) {
        node.exporter = reach.exporter;
        node.exporterReason = `${reporterTitle(reach.binding.reporter)} child at ${reach.binding.loc.file}:${reach.binding.loc.line}`;
      }
    } else if (fallback && def.language === "elixir" && !def.promExPlugin) {
      node.exporter = fallback.exporter;
      node.exporterReason = fallback.reason;
    }
    metrics.push(node);
  }
  for (const node of metrics)
    if (node.exporter)
      node.result = exportMetric(node.def, node.exporter);
  const ts = buildTypeScriptGraph(facts, config, dependencies);
  for (const m of ts.metrics)
    metrics.push({ def: m.def, ...m.exporter ? { exporter: m.exporter } : {}, ...m.exporterReason ? { exporterReason: m.exporterReason } : {}, ...m.result ? { result: m.result } : {} });
  sourceEmits.push(...ts.emits, ...ts.resolvedEmits);
  dynamicEmits.push(...ts.dynamicEmits);
  const series = /* @__PURE__ */ new Map();
  const addSeries = (s) => {
    const list = series.get(s.name);
    if (list)
      list.push(s);
    else
      series.set(s.name, [s]);
  };
  for (const node of metrics)
    if (node.def.language === "elixir")
      for (const s of node.result?.series ?? [])
        addSeries(s);
  for (const s of ts.series)
    addSeries(s);
  const ruleSeries = flat((f) => f.ruleSeries);
  for (const rule of ruleSeries)
    addSeries({ name: rule.name, type: rule.kind === "alert" ? "gauge" : "untyped", labels: rule.labels, source: { kind: "rule", rule } });
  const contracts = flat((f) => f.contracts);
  const contractByName = new Map(contracts.map((c) => [c.name, c]));
  const handlers = [...flat((f) => f.handlers), ...ts.resolvedHandlers];
  const dynamicHandlers = [...ts.dynamicHandlers];
  for (const dyn of flat((f) => f.dynamicHandlers)) {
    const contract = contractReference(dyn.expression, contractByName);
    if (contract)
      handlers.push({ events: contract.events.map((d) => d.event), loc: dyn.loc, handlerId: `events from ${contract.name}` });
    else
      dynamicHandlers.push(dyn);
  }
  const emits = [...sourceEmits, ...catalogEmits.filter((e) => e.via !== "plug"), ...promExEmits];
  const emitIndex = new EventIndex();
  for (const e of emits)
    emitIndex.add(e.event, e);
  const consumerIndex = new EventIndex();
  for (const node of metrics)
    consumerIndex.add(node.def.event, { kind: "metric", node });
  for (const handler of handlers)
    for (const event of handler.events)
      consumerIndex.add(event, { kind: "handler", handler });
  const problems = flat((f) => f.problems);
  const queries = flat((f) => f.queries);
  const unparsedConsumerFiles = [
    .../* @__PURE__ */ new Set([
      ...facts.filter((f) => (f.language === "grafana" || f.language === "prometheus-rules") && f.problems.length > 0).map((f) => f.file),
      ...queries.filter((q) => q.analysis.errors.length > 0).map((q) => q.loc.file)
    ])
  ].sort();
  return {
    files: facts.map((f) => f.file),
    emits,
    sourceEmits,
    dynamicEmits,
    declarations: contracts.flatMap((c) => c.events),
    handlers,
    dynamicHandlers,
    metrics,
    series,
    queries,
    ruleSeries,
    problems,
    suppressions: flat((f) => f.suppressions),
    dependencies,
    dependenciesKnown: manifestSeen,
    emitIndex,
    consumerIndex,
    externalSource: externalSeriesMatcher([...config.externalSeries ?? [], ...promExPatterns]),
    targetLabels: /* @__PURE__ */ new Set([...DEFAULT_TARGET_LABELS, ...config.targetLabels ?? []]),
    unparsedConsumerFiles,
    instrumentUses: ts.uses,
    dynamicMetrics: [...flat((f) => f.dynamicMetrics), ...ts.dynamicMetrics]
  };
}
function reporterTitle(kind) {
  switch (kind) {
    case "telemetry_metrics_prometheus_core":
      return "TelemetryMetricsPrometheus.Core";
    case "telemetry_metrics_prometheus":
      return "TelemetryMetricsPrometheus";
    case "prom_ex":
      return "PromEx";
    case "peep":
      return "Peep";
    case "console":
      return "Telemetry.Metrics.ConsoleReporter";
    default:
      return "reporter";
  }
}
function elixirExporter(setting) {
  switch (setting) {
    case "telemetry_metrics_prometheus_core":
    case "telemetry_metrics_prometheus":
    case "prom_ex":
    case "peep":
      return setting;
    default:
      return void 0;
  }
}
function fallbackExporter(reporters, hasPromEx, deps) {
  if (reporters.some((r) => PROMETHEUS_REPORTERS[r.reporter]) || hasPromEx)
    return void 0;
  for (const [dep, exporter] of REPORTER_DEPENDENCIES) {
    const loc = deps.get(dep);
    if (loc)
      return { exporter, reason: `no reporter child found; assumed ${dep} (dependency at ${loc.file}:${loc.line})` };
  }
  return void 0;
}
function assumedDependencies() {
  const assumed = /* @__PURE__ */ new Map();
  for (const dep of knownLibraryDependencies())
    assumed.set(dep, { file: "(no mix.exs found: library assumed present)", line: 0, column: 0 });
  return assumed;
}
function closure(start, edges) {
  const seen = /* @__PURE__ */ new Set();
  const stack = [...start];
  while (stack.length) {
    const next = stack.pop();
    if (seen.has(next))
      continue;
    seen.add(next);
    for (const n of edges.get(next) ?? [])
      stack.push(n);
  }
  return seen;
}
function contractReference(expression, contracts) {
  const match = /^([A-Z][\w.]*\.[a-z_][\w?!]*)\s*(\(\s*\))?$/.exec(expression.trim());
  return match ? contracts.get(`${match[1]}/0`) : void 0;
}
function applyWrappers(wrappers, calls) {
  const byFunction = /* @__PURE__ */ new Map();
  for (const w of wrappers)
    pushTo(byFunction, w.function, w);
  const emits = [];
  const dynamic = [];
  for (const call of calls) {
    for (const wrapper of byFunction.get(call.function) ?? []) {
      const event = instantiate(wrapper.template, call.args);
      const note = `via ${wrapper.function} (${wrapper.loc.file}:${wrapper.loc.line})`;
      if (!event || event.every((s) => s === null)) {
        dynamic.push({ loc: call.loc, expression: `${wrapper.function}(${call.args.map(argText).join(", ")})`, reason: `the event built by ${wrapper.function} depends on values not known statically` });
        continue;
      }
      const keys = {
        measurements: wrapper.keys.measurements ?? mapKeys(call.args[wrapper.measurementsParam ?? -1]),
        metadata: wrapper.keys.metadata ?? mapKeys(call.args[wrapper.metadataParam ?? -1])
      };
      if (wrapper.via === "span") {
        for (const [suffix, extra] of SPAN_SUFFIXES) {
          emits.push({ event: [...event, suffix], loc: call.loc, via: "wrapper", keys: { measurements: extra, metadata: keys.metadata }, spanPrefix: isExact(event) ? event : void 0, note });
        }
      } else {
        emits.push({ event, loc: call.loc, via: "wrapper", keys, note });
      }
    }
  }
  return { emits, dynamic };
}
var SPAN_SUFFIXES = [
  ["start", ["monotonic_time", "system_time"]],
  ["stop", ["duration", "monotonic_time"]],
  ["exception", ["duration", "monotonic_time"]]
];
function instantiate(template, args) {
  const out = [];
  for (const segment of template) {
    switch (segment.kind) {
      case "literal":
        out.push(segment.value);
        break;
      case "param": {
        const arg = args[segment.index];
        out.push(arg?.kind === "atom" ? arg.value : null);
        break;
      }
      case "splice": {
        const arg = args[segment.index];
        if (arg?.kind === "list")
          for (const item of arg.items)
            out.push(item.kind === "atom" ? item.value : null);
        else if (arg?.kind === "atom")
          out.push(arg.value);
        else
          return void 0;
        break;
      }
      default:
        out.push(null);
    }
  }
  return out;
}
var mapKeys = (arg) => arg?.kind === "map" ? arg.keys : null;
function argText(arg) {
  switch (arg.kind) {
    case "atom":
      return `:${arg.value}`;
    case "list":
      return `[${arg.items.map(argText).join(", ")}]`;
    case "map":
      return `%{${arg.keys.join(", ")}}`;
    default:
      return arg.text;
  }
}

// dist/src/engine/analysis.js
function analyzeFacts(root, facts, loaded, ruleOverrides) {
  const config = loaded.config;
  const graph = buildGraph(facts, config);
  const severities = { ...config.rules ?? {}, ...ruleOverrides ?? {} };
  const severityOf = (rule, fallback) => severities[rule] ?? fallback;
  const ruled = [];
  for (const check of CHECKS) {
    if (severityOf(check.id, check.defaultSeverity) === "off")
      continue;
    for (const draft of check.run(graph))
      ruled.push({ ...draft, rule: check.id });
  }
  const suppression = applySuppressions(ruled, graph.suppressions, config.ignore ?? [], ignoreEntryLocations(root, loaded));
  if (severityOf(SUPPRESSION_UNUSED.id, SUPPRESSION_UNUSED.defaultSeverity) !== "off") {
    for (const stale of suppression.stale)
      suppression.kept.push({ ...stale, rule: SUPPRESSION_UNUSED.id });
  }
  const defaults = new Map([...CHECKS.map((c) => [c.id, c.defaultSeverity]), [SUPPRESSION_UNUSED.id, SUPPRESSION_UNUSED.defaultSeverity]]);
  const findings = suppression.kept.map((f) => {
    const severity = severityOf(f.rule, defaults.get(f.rule) ?? "warning");
    return {
      rule: f.rule,
      severity: severity === "off" ? "info" : severity,
      message: f.message,
      file: f.loc.file,
      line: f.loc.line,
      column: f.loc.column,
      ...f.loc.endLine !== void 0 ? { endLine: f.loc.endLine } : {},
      ...f.loc.endColumn !== void 0 ? { endColumn: f.loc.endColumn } : {},
      subject: f.subject,
      related: f.related,
      ...f.suggestion ? { suggestion: f.suggestion } : {}
    };
  });
  findings.sort(compareFindings);
  dedupe(findings);
  const report = {
    version: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    root: ".",
    findings,
    summary: {
      error: findings.filter((f) => f.severity === "error").length,
      warning: findings.filter((f) => f.severity === "warning").length,
      info: findings.filter((f) => f.severity === "info").length
    },
    inventory: {
      files: facts.length,
      events: new Set(graph.sourceEmits.filter((e) => e.event[0] !== "instrument").map((e) => dotted(e.event)).concat(graph.declarations.map((d) => dotted(d.event)))).size,
      metrics: graph.metrics.length,
      series: graph.series.size,
      queries: graph.queries.length
    }
  };
  return { report, graph, config: loaded, facts };
}
function dedupe(findings) {
  let write = 0;
  for (let read = 0; read < findings.length; read++) {
    const f = findings[read];
    const prev = findings[write - 1];
    if (prev && prev.file === f.file && prev.line === f.line && prev.column === f.column && prev.rule === f.rule && prev.subject === f.subject && prev.message === f.message)
      continue;
    findings[write++] = f;
  }
  findings.length = write;
}
function ignoreEntryLocations(root, loaded) {
  if (!loaded.file || !loaded.config.ignore?.length)
    return [];
  try {
    const doc = parse(readFileSync(resolve(root, loaded.file), "utf8"));
    let container = doc.body;
    if (loaded.file === "package.json" && container.type === "Object") {
      const member = container.members.find((m) => m.name.type === "String" && m.name.value === "telemetryDrift");
      if (member)
        container = member.value;
    }
    if (container.type !== "Object")
      return [];
    const list = container.members.find((m) => m.name.type === "String" && m.name.value === "ignore")?.value;
    if (list?.type !== "Array")
      return [];
    return list.elements.map((e) => ({ file: loaded.file, line: e.value.loc.start.line, column: e.value.loc.start.column }));
  } catch {
    return [];
  }
}
function buildInventory(graph) {
  const events = /* @__PURE__ */ new Map();
  const eventEntry = (name) => {
    let entry = events.get(name);
    if (!entry)
      events.set(name, entry = { name, emits: [], declarations: [], consumers: [] });
    return entry;
  };
  for (const e of graph.emits) {
    if (e.event[0] === "instrument")
      continue;
    const entry = eventEntry(dotted(e.event));
    if (e.via === "library")
      entry.library ??= e.note ?? "library";
    else
      entry.emits.push(e.loc);
  }
  for (const d of graph.declarations)
    eventEntry(dotted(d.event)).declarations.push(d.loc);
  for (const m of graph.metrics)
    if (!m.def.instrument)
      eventEntry(dotted(m.def.event)).consumers.push(m.def.loc);
  for (const h of graph.handlers)
    for (const ev of h.events)
      eventEntry(dotted(ev)).consumers.push(h.loc);
  const library = [...events.values()].filter((e) => e.library && e.emits.length === 0 && e.consumers.length === 0 && e.declarations.length === 0);
  for (const e of library)
    events.delete(e.name);
  const series = [];
  for (const [name, list] of graph.series) {
    for (const s of list) {
      const source = s.source.kind === "metric" ? `${describeMetric(s.source.metric)} via ${s.source.exporter}` : s.source.kind === "rule" ? `${s.source.rule.kind} rule` : s.source.description;
      const loc = s.source.kind === "metric" ? s.source.metric.loc : s.source.kind === "rule" ? s.source.rule.loc : s.source.loc;
      series.push({ name, type: s.type, labels: s.labels, source, ...loc ? { loc } : {} });
    }
  }
  return {
    events: [...events.values()].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    metrics: graph.metrics.map((m) => ({
      name: m.def.instrument ? m.def.name[0] : m.def.name.join("."),
      kind: m.def.instrument ? `${m.def.instrument.library} ${m.def.instrument.type}` : m.def.kind,
      event: m.def.instrument ? `recorded at ${graph.instrumentUses.filter((u) => u.def === m.def).length} sites` : dotted(m.def.event),
      ...m.exporter ? { exporter: m.exporter } : {},
      series: (m.result?.series ?? []).map((s) => s.name),
      loc: m.def.loc
    })),
    series: series.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    queries: graph.queries.map((q) => ({
      expr: q.expr,
      origin: describeOrigin(q.origin),
      series: [...new Set(q.analysis.selectors.map((s) => s.name ?? (s.namePattern ? `~${s.namePattern}` : "")).filter(Boolean))],
      loc: q.loc
    }))
  };
}
export {
  analyzeFacts,
  buildInventory
};
