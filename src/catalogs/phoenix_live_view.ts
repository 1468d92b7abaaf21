// Phoenix LiveView (phoenixframework/phoenix_live_view, guides/server/telemetry.md).
import { plain, span, type LibraryCatalog } from "./catalog.js";

export const phoenixLiveView: LibraryCatalog = {
  dependency: "phoenix_live_view",
  events: () => [
    span(["phoenix", "live_view", "mount"], ["socket", "params", "session", "uri"], "LiveView (lib/phoenix_live_view/utils.ex)"),
    span(["phoenix", "live_view", "handle_params"], ["socket", "params", "uri"], "LiveView (lib/phoenix_live_view/utils.ex)"),
    span(["phoenix", "live_view", "handle_event"], ["socket", "event", "params"], "LiveView (lib/phoenix_live_view/channel.ex)"),
    span(["phoenix", "live_view", "render"], ["socket", "force?", "changed?"], "LiveView (lib/phoenix_live_view/diff.ex)"),
    span(["phoenix", "live_component", "update"], ["socket", "component", "assigns_sockets"], "LiveView (lib/phoenix_live_view/diff.ex)"),
    span(["phoenix", "live_component", "handle_event"], ["socket", "component", "event", "params"], "LiveView (lib/phoenix_live_view/channel.ex)"),
    plain(["phoenix", "live_component", "destroyed"], [], ["socket", "component", "cid", "live_view_socket"], "LiveView (lib/phoenix_live_view/channel.ex)"),
  ],
};
