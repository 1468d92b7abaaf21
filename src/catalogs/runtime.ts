// Runtime events: telemetry_poller's default VM measurements, :telemetry's own handler-failure event,
// and TelemetryMetricsPrometheus's scrape plug.
import { plain, type LibraryCatalog } from "./catalog.js";

const POLLER = "telemetry_poller default poller (src/telemetry_poller_builtin.erl)";

export const telemetryPoller: LibraryCatalog = {
  dependency: "telemetry_poller",
  events: () => [
    plain(["vm", "memory"], ["total", "processes", "processes_used", "system", "atom", "atom_used", "binary", "code", "ets"], [], POLLER),
    plain(["vm", "total_run_queue_lengths"], ["total", "cpu", "io"], [], POLLER),
    plain(["vm", "system_counts"], ["process_count", "atom_count", "port_count", "process_limit", "atom_limit", "port_limit"], [], POLLER),
    plain(["vm", "persistent_term"], ["count", "memory"], [], POLLER),
  ],
};

export const telemetry: LibraryCatalog = {
  dependency: "telemetry",
  events: () => [
    plain(["telemetry", "handler", "failure"], ["monotonic_time", "system_time"], ["event_name", "handler_id", "handler_config", "kind", "reason", "stacktrace"], ":telemetry (src/telemetry.erl)"),
  ],
};

export const telemetryMetricsPrometheus: LibraryCatalog = {
  dependency: "telemetry_metrics_prometheus",
  events: () => [
    plain(["prometheus_metrics", "plug", "start"], ["system_time"], ["conn", "options"], "TelemetryMetricsPrometheus router (Plug.Telemetry)"),
    plain(["prometheus_metrics", "plug", "stop"], ["duration"], ["conn", "options"], "TelemetryMetricsPrometheus router (Plug.Telemetry)"),
  ],
};
