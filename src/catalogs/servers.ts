// HTTP servers: Bandit and Thousand Island (mtrudel), Cowboy through cowboy_telemetry.
import { plain, type CatalogEvent, type LibraryCatalog } from "./catalog.js";

const BANDIT = "Bandit (lib/bandit/telemetry.ex)";

export const bandit: LibraryCatalog = {
  dependency: "bandit",
  events: () => [
    plain(["bandit", "request", "start"], ["monotonic_time"], ["telemetry_span_context", "connection_telemetry_span_context", "conn", "plug"], BANDIT),
    plain(
      ["bandit", "request", "stop"],
      ["monotonic_time", "duration", "req_header_end_time", "req_body_start_time", "req_body_end_time", "req_body_bytes", "resp_start_time", "resp_end_time", "resp_body_bytes", "resp_uncompressed_body_bytes", "resp_compression_method"],
      ["telemetry_span_context", "connection_telemetry_span_context", "conn", "plug", "error"],
      BANDIT,
    ),
    plain(["bandit", "request", "exception"], ["monotonic_time"], ["telemetry_span_context", "connection_telemetry_span_context", "conn", "plug", "kind", "exception", "stacktrace"], BANDIT),
    plain(["bandit", "websocket", "start"], ["monotonic_time"], null, BANDIT),
    plain(["bandit", "websocket", "stop"], null, null, BANDIT),
  ],
};

const TI = "Thousand Island (lib/thousand_island/telemetry.ex)";
const group = (object: string, events: string[]): CatalogEvent[] => events.map((e) => plain(["thousand_island", object, e], null, null, TI));

export const thousandIsland: LibraryCatalog = {
  dependency: "thousand_island",
  pulledInBy: ["bandit"],
  events: () => [
    ...group("listener", ["start", "stop"]),
    ...group("acceptor", ["start", "stop", "spawn_error", "econnaborted", "accept_error", "emfile"]),
    ...group("connection", ["start", "stop", "ready", "async_recv", "recv", "recv_error", "send", "send_error", "sendfile", "sendfile_error", "socket_shutdown"]),
  ],
};

const COWBOY = "cowboy_telemetry (src/cowboy_telemetry_h.erl)";

export const cowboyTelemetry: LibraryCatalog = {
  dependency: "cowboy_telemetry",
  pulledInBy: ["plug_cowboy"],
  events: () => [
    plain(["cowboy", "request", "start"], ["system_time"], ["streamid", "req"], COWBOY),
    plain(["cowboy", "request", "stop"], ["duration", "req_body_duration", "resp_duration", "req_body_length", "resp_body_length"], ["streamid", "req", "resp_status", "resp_headers", "ref", "pid"], COWBOY),
    plain(["cowboy", "request", "exception"], ["duration"], ["streamid", "req", "kind", "reason", "stacktrace"], COWBOY),
    plain(["cowboy", "request", "early_error"], ["system_time"], ["streamid", "reason", "partial_req", "resp_status"], COWBOY),
  ],
};
