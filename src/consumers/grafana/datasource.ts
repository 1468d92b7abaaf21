// Datasource resolution for dashboard queries (after grafana/dashboard-linter GetDataSource): null means
// the default datasource, a string is a legacy name or a variable, an object carries {type, uid}. Only
// Prometheus queries are read; an unknown type is read too, but a parse failure there is not reported.
import type { AnyNode } from "@humanwhocodes/momoa";

export type DatasourceKind = "prometheus" | "unknown" | "other";

export interface DatasourceContext {
  /** Datasource-type variables: name → plugin id. */
  variables: Map<string, string>;
  /** `__inputs` of exported dashboards: DS_NAME → plugin id. */
  inputs: Map<string, string>;
}

const PROMETHEUS_LIKE = /prom|thanos|mimir|cortex|victoria|vm|amp|grafanacloud-.*-prom/i;
const NOT_PROMETHEUS = /loki|elastic|opensearch|influx|postgres|mysql|mssql|graphite|tempo|jaeger|zipkin|cloudwatch|stackdriver|azure|testdata|clickhouse|pyroscope|parca|sql/i;
const SPECIAL_SKIPPED = new Set(["-- Grafana --", "grafana", "-- Dashboard --", "datasource"]);

/** `forTarget`: a panel-level "-- Mixed --" is not a verdict, each target says its own. */
export function classifyDatasource(node: AnyNode | undefined, ctx: DatasourceContext, _forTarget: boolean): DatasourceKind {
  if (!node || node.type === "Null") return "unknown";
  if (node.type === "String") return fromName(node.value, ctx);
  if (node.type !== "Object") return "unknown";
  let type: string | undefined;
  let uid: string | undefined;
  for (const m of node.members) {
    if (m.name.type !== "String" || m.value.type !== "String") continue;
    if (m.name.value === "type") type = m.value.value;
    if (m.name.value === "uid") uid = m.value.value;
  }
  if (uid === "-- Mixed --" || uid === "-- Dashboard --" || uid === "-- Grafana --" || uid === "grafana") return uid === "-- Mixed --" ? "unknown" : "other";
  if (type) return fromPlugin(resolveVariable(type, ctx) ?? type);
  return uid ? fromName(uid, ctx) : "unknown";
}

function fromName(name: string, ctx: DatasourceContext): DatasourceKind {
  if (name === "-- Mixed --") return "unknown";
  if (SPECIAL_SKIPPED.has(name)) return "other";
  const plugin = resolveVariable(name, ctx);
  if (plugin) return fromPlugin(plugin);
  if (name.startsWith("$")) return "unknown";
  if (NOT_PROMETHEUS.test(name)) return "other";
  if (PROMETHEUS_LIKE.test(name)) return "prometheus";
  return "unknown";
}

function fromPlugin(plugin: string): DatasourceKind {
  if (plugin === "prometheus" || /prometheus/i.test(plugin)) return "prometheus";
  if (plugin.startsWith("$")) return "unknown";
  if (plugin === "datasource" || plugin === "-- Mixed --") return "unknown";
  return "other";
}

/**
 * A datasource referenced outside any dashboard (alert rules): by its plugin id (`type`), a verdict; by
 * its uid alone, only a guess — "other" when the uid names another kind as a whole word (`loki`,
 * `logs-loki-prod`) and no Prometheus-like one, else "unknown" (read, with parse failures kept quiet).
 */
export function classifyDatasourceRef(type: string | undefined, uid: string | undefined): DatasourceKind {
  if (type !== undefined) return fromPlugin(type);
  if (uid === undefined) return "unknown";
  const words = uid.toLowerCase().split(/[^a-z0-9]+/);
  const other = /^(loki|elasticsearch|elastic|opensearch|influxdb|influx|postgres|postgresql|mysql|mssql|graphite|tempo|jaeger|zipkin|cloudwatch|stackdriver|testdata|clickhouse|pyroscope|parca|logs|victorialogs|vmlogs)$/;
  const prometheusLike = /^(prom|prometheus|thanos|mimir|cortex|victoriametrics|vm|amp|metrics)$/;
  return words.some((w) => other.test(w)) && !words.some((w) => prometheusLike.test(w)) ? "other" : "unknown";
}

/** `${DS_PROMETHEUS}`, `$datasource`, `[[ds]]` → the plugin id, when known. */
function resolveVariable(text: string, ctx: DatasourceContext): string | undefined {
  const match = /^\$\{?(\w+)(?::\w+)?\}?$|^\[\[(\w+)\]\]$/.exec(text.trim());
  if (!match) return undefined;
  const name = match[1] ?? match[2]!;
  return ctx.variables.get(name) ?? ctx.inputs.get(name);
}
