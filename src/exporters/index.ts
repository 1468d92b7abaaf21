// Exporters: metric definition → series, plus the drop and refuse rules of each. One file per exporter
// family; this index picks the rules for an exporter id.
import type { ExportResult, MetricDefinition } from "../model.js";
import { coreMetricName, exportWithCoreRules } from "./telemetry-metrics-prometheus-core.js";

export { coreMetricName, leValues } from "./telemetry-metrics-prometheus-core.js";

export type ElixirExporterId = "telemetry_metrics_prometheus_core" | "telemetry_metrics_prometheus" | "prom_ex" | "peep";

const NAMES: Record<ElixirExporterId, string> = {
  telemetry_metrics_prometheus_core: "TelemetryMetricsPrometheus.Core",
  telemetry_metrics_prometheus: "TelemetryMetricsPrometheus (Core rules)",
  prom_ex: "PromEx (TelemetryMetricsPrometheus.Core storage)",
  peep: "Peep",
};

export const exporterName = (id: ElixirExporterId): string => NAMES[id];

export function exportMetric(def: MetricDefinition, exporter: ElixirExporterId): ExportResult {
  return exportWithCoreRules(def, { exporterName: NAMES[exporter], peep: exporter === "peep" });
}

export interface DuplicateName {
  first: MetricDefinition;
  duplicate: MetricDefinition;
  /** Same atom list: Core's handler id collides and the second is dropped. Otherwise only the sanitised names collide. */
  sameAtomList: boolean;
}

/**
 * Definitions that collide within one exporter. Core checks uniqueness on the atom list (the second is
 * dropped with "Metric name already exists"); different atom lists that sanitise to the same name
 * ("a.b_c" vs "a_b.c") both register and print duplicate `# TYPE` lines. Summaries are dropped first.
 */
export function duplicateMetricNames(defs: readonly MetricDefinition[], _exporter: ElixirExporterId): DuplicateName[] {
  const firstByAtoms = new Map<string, MetricDefinition>();
  const firstBySanitised = new Map<string, MetricDefinition>();
  const out: DuplicateName[] = [];
  for (const def of defs) {
    if (def.kind === "summary") continue;
    const atoms = def.name.join("\u0000");
    const sanitised = coreMetricName(def.name);
    const sameAtoms = firstByAtoms.get(atoms);
    if (sameAtoms) {
      out.push({ first: sameAtoms, duplicate: def, sameAtomList: true });
      continue;
    }
    firstByAtoms.set(atoms, def);
    const sameName = firstBySanitised.get(sanitised);
    if (sameName) out.push({ first: sameName, duplicate: def, sameAtomList: false });
    else firstBySanitised.set(sanitised, def);
  }
  return out;
}

/** A note when the exported name differs from the plain join (characters deleted, leading digits stripped). */
export function nameSanitisationNote(def: MetricDefinition): string | undefined {
  const joined = def.name.join("_");
  const sanitised = coreMetricName(def.name);
  return joined === sanitised ? undefined : `"${def.name.join(".")}" is exported as \`${sanitised}\` (characters outside [a-zA-Z0-9_] and leading non-letters are removed)`;
}
