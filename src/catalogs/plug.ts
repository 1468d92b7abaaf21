// Plug (elixir-plug/plug): Plug.Router dispatch spans. Plug.Telemetry prefixes are configured by the
// app and handled by the catalog index (they are located at the app's `plug` line).
import { span, type LibraryCatalog } from "./catalog.js";

export const plug: LibraryCatalog = {
  dependency: "plug",
  pulledInBy: ["phoenix", "plug_cowboy", "bandit"],
  events: () => [span(["plug", "router_dispatch"], ["conn", "route", "router"], "Plug.Router (lib/plug/router.ex)")],
};
