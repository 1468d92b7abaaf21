// Phoenix (phoenixframework/phoenix): endpoint, router, sockets, channels, error rendering.
import { plain, span, type LibraryCatalog } from "./catalog.js";

const ROUTER_META = ["conn", "route", "plug", "plug_opts", "path_params", "pipe_through", "log"];

export const phoenix: LibraryCatalog = {
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
    span(["phoenix", "controller", "render"], ["view", "template", "format"], "Phoenix controller rendering (lib/phoenix/controller.ex)"),
  ],
};
