// Library events: what the dependencies present emit, as emit sites located at the dependency's line in
// mix.exs (or mix.lock). Policy: a library's events count only when the library is a dependency.
import type { EmitSite, Location } from "../model.js";
import { SPAN_EXCEPTION_METADATA, SPAN_START, SPAN_STOP, type CatalogContext, type CatalogEvent, type LibraryCatalog } from "./catalog.js";
import { phoenix } from "./phoenix.js";
import { phoenixLiveView } from "./phoenix_live_view.js";
import { plug } from "./plug.js";
import { ecto } from "./ecto.js";
import { oban } from "./oban.js";
import { finch, tesla } from "./http-clients.js";
import { absinthe, broadway } from "./graphql-and-pipelines.js";
import { bandit, cowboyTelemetry, thousandIsland } from "./servers.js";
import { telemetry, telemetryMetricsPrometheus, telemetryPoller } from "./runtime.js";

export type { CatalogContext, CatalogEvent, LibraryCatalog } from "./catalog.js";

export const CATALOGS: readonly LibraryCatalog[] = [
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
  telemetryMetricsPrometheus,
];

/** Every dependency name a catalog answers to (for runs with no manifest, where all are assumed). */
export const knownLibraryDependencies = (): string[] => CATALOGS.map((c) => c.dependency);

export function libraryEmits(deps: ReadonlyMap<string, Location>, ctx: CatalogContext): EmitSite[] {
  const emits: EmitSite[] = [];
  for (const catalog of CATALOGS) {
    const loc = deps.get(catalog.dependency) ?? catalog.pulledInBy?.map((d) => deps.get(d)).find(Boolean);
    if (!loc) continue;
    for (const event of catalog.events(ctx)) emits.push(...expand(event, loc, "library"));
  }
  for (const { prefix, loc } of ctx.plugTelemetry) {
    const note = `Plug.Telemetry, event_prefix: [${prefix.map((s) => `:${s}`).join(", ")}]`;
    // Not a real span (no exception event), but one family: consuming either covers the pair.
    emits.push(
      { event: [...prefix, "start"], loc, via: "plug", keys: { measurements: ["system_time"], metadata: ["conn", "options"] }, spanPrefix: prefix, note },
      { event: [...prefix, "stop"], loc, via: "plug", keys: { measurements: ["duration"], metadata: ["conn", "options"] }, spanPrefix: prefix, note },
    );
  }
  return emits;
}

function expand(event: CatalogEvent, loc: Location, via: "library"): EmitSite[] {
  if (!event.span) return [{ event: event.event, loc, via, keys: { measurements: event.measurements, metadata: event.metadata }, note: event.note }];
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
      note: event.note,
    },
  ];
}
