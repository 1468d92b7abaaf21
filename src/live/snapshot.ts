// What `live` reads from a running system, whatever the source: a Prometheus server's series API or
// one or more scrapes (a /metrics URL or a saved file). Plain data, so `compareLive` stays pure.
import type { Exposition } from "./exposition.js";

/** Where a live series was seen: a scrape file and line, or a URL (line 0: no line to point at). */
export interface LiveLocation {
  file: string;
  line: number;
}

/** Every live sample with one name (`http_duration_seconds_bucket`). */
export interface LiveSeries {
  name: string;
  /** Label names seen on any of its samples (union), sorted; `__name__` excluded. */
  labels: string[];
  /** The family its exposition's TYPE line gives (scrapes only). */
  family?: string;
  /** The family's type from the exposition (scrapes only). */
  type?: string;
  where: LiveLocation;
  /** Values of the `job` label (Prometheus only). */
  jobs?: string[];
  /**
   * Whether it is in the scope searched for `live-series-unexpected`: every series of a scrape; from
   * Prometheus, the series matched by `--match` (or, without it, by the jobs that export contract series).
   */
  inScope: boolean;
}

export interface LiveSnapshot {
  kind: "prometheus" | "scrape";
  /** For messages: "Prometheus at http://…", "the scrape of http://…/metrics", "metrics.txt". */
  description: string;
  series: LiveSeries[];
  /** For messages and the JSON report: what `inScope` means, e.g. `job "shop"`. */
  scope?: string;
}

/** One parsed scrape as a snapshot; `file` is how the source is named in findings. */
export function snapshotFromExposition(exposition: Exposition, file: string, description: string): LiveSnapshot {
  return {
    kind: "scrape",
    description,
    scope: `every series of ${description}`,
    series: exposition.series.map((s) => ({
      name: s.name,
      labels: s.labelNames,
      family: s.family,
      type: s.type,
      where: { file, line: s.line },
      inScope: true,
    })),
  };
}

/** Several scrapes (e.g. a service's prom-client and OpenTelemetry endpoints) read as one system. */
export function mergeSnapshots(snapshots: readonly LiveSnapshot[]): LiveSnapshot {
  if (snapshots.length === 1) return snapshots[0]!;
  return {
    kind: snapshots.every((s) => s.kind === "prometheus") ? "prometheus" : "scrape",
    description: `the live system (${snapshots.map((s) => s.description).join(", ")})`,
    scope: snapshots.map((s) => s.scope).filter(Boolean).join("; "),
    series: snapshots.flatMap((s) => s.series),
  };
}
