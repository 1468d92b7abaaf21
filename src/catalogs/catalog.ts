// The shape every library catalog shares: which hex package it belongs to, and the events that
// library emits (read from each library's source; see ../shared/spec/elixir-telemetry.md §5).
import type { EctoRepo, EventName, Location } from "../model.js";

export interface CatalogEvent {
  event: EventName;
  measurements: string[] | null;
  metadata: string[] | null;
  /** A `:telemetry.span`: the catalog entry is the prefix; start/stop/exception are derived. */
  span?: boolean;
  /** Where the library emits it, e.g. "Phoenix router (lib/phoenix/router.ex)". */
  note: string;
}

export interface CatalogContext {
  ectoRepos: EctoRepo[];
  plugTelemetry: { prefix: EventName; loc: Location }[];
}

export interface LibraryCatalog {
  /** The hex package name, e.g. "phoenix". */
  dependency: string;
  /** Other packages that pull this one in (mix.exs often lists only them; mix.lock lists all). */
  pulledInBy?: string[];
  events(ctx: CatalogContext): CatalogEvent[];
}

export const SPAN_START = ["monotonic_time", "system_time"];
export const SPAN_STOP = ["duration", "monotonic_time"];
export const SPAN_EXCEPTION_METADATA = ["kind", "reason", "stacktrace"];

/** A span catalog entry: one prefix, three events. */
export const span = (event: EventName, metadata: string[] | null, note: string): CatalogEvent => ({ event, measurements: null, metadata, span: true, note });

export const plain = (event: EventName, measurements: string[] | null, metadata: string[] | null, note: string): CatalogEvent => ({ event, measurements, metadata, note });
