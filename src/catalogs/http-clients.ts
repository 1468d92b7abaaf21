// HTTP clients: Finch (sneako/finch lib/finch/telemetry.ex) and Tesla (lib/tesla/middleware/telemetry.ex).
import { plain, span, type LibraryCatalog } from "./catalog.js";

const FINCH = "Finch (lib/finch/telemetry.ex)";

export const finch: LibraryCatalog = {
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
    plain(["finch", "pool_max_idle_time_exceeded"], ["idle_time"], ["name", "scheme", "host", "port"], FINCH),
  ],
};

const TESLA = "Tesla.Middleware.Telemetry (lib/tesla/middleware/telemetry.ex)";

export const tesla: LibraryCatalog = {
  dependency: "tesla",
  events: () => [
    plain(["tesla", "request", "start"], ["system_time"], ["env"], TESLA),
    plain(["tesla", "request", "stop"], ["duration"], ["env", "error"], TESLA),
    plain(["tesla", "request", "exception"], ["duration"], ["env", "kind", "reason", "stacktrace"], TESLA),
    plain(["tesla", "request"], ["request_time"], ["result"], `${TESLA}, legacy event`),
  ],
};
