// Series produced outside the analysed code: Prometheus itself, common exporters and runtime collectors.
// Never reported missing; extendable with the `externalSeries` config key.

export const WELL_KNOWN_EXTERNAL_SERIES: readonly { pattern: string; source: string }[] = [
  { pattern: "up", source: "Prometheus (scrape health)" },
  { pattern: "scrape_*", source: "Prometheus (scrape metadata)" },
  { pattern: "ALERTS", source: "Prometheus (alert state)" },
  { pattern: "ALERTS_FOR_STATE", source: "Prometheus (alert state)" },
  { pattern: "prometheus_*", source: "Prometheus server" },
  { pattern: "promhttp_*", source: "Prometheus client_golang handler" },
  { pattern: "alertmanager_*", source: "Alertmanager" },
  { pattern: "node_*", source: "node_exporter" },
  { pattern: "container_*", source: "cAdvisor" },
  { pattern: "machine_*", source: "cAdvisor" },
  { pattern: "kube_*", source: "kube-state-metrics" },
  { pattern: "kubelet_*", source: "kubelet" },
  { pattern: "apiserver_*", source: "Kubernetes API server" },
  { pattern: "process_*", source: "process collector" },
  { pattern: "go_*", source: "Go runtime collector" },
  { pattern: "nodejs_*", source: "Node.js runtime collector (prom-client defaults)" },
  { pattern: "jvm_*", source: "JVM collector" },
  { pattern: "python_*", source: "Python runtime collector" },
  { pattern: "erlang_vm_*", source: "prometheus.erl VM collector" },
  { pattern: "target_info", source: "OpenTelemetry resource" },
];

/**
 * Compiles the built-in globs plus `extra` once into an exact-name map and a prefix list; a lookup is
 * O(patterns) string comparisons, no backtracking regex.
 */
export function externalSeriesMatcher(extra: readonly (string | { pattern: string; source: string })[]): (name: string) => string | undefined {
  const exact = new Map<string, string>();
  const globs: { parts: string[]; source: string }[] = [];
  const add = (pattern: string, source: string): void => {
    if (!pattern.includes("*")) exact.set(pattern, source);
    else globs.push({ parts: pattern.split("*"), source });
  };
  for (const { pattern, source } of WELL_KNOWN_EXTERNAL_SERIES) add(pattern, source);
  for (const entry of extra) {
    if (typeof entry === "string") add(entry, `externalSeries "${entry}"`);
    else add(entry.pattern, entry.source);
  }
  return (name) => exact.get(name) ?? globs.find((g) => globMatch(g.parts, name))?.source;
}

/** `*`-only glob match, greedy-free: literal parts must appear in order, anchored at both ends. */
function globMatch(parts: readonly string[], name: string): boolean {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!name.startsWith(first) || name.length < first.length + last.length || !name.endsWith(last)) return false;
  let position = first.length;
  const end = name.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const index = name.indexOf(parts[i]!, position);
    if (index < 0 || index + parts[i]!.length > end) return false;
    position = index + parts[i]!.length;
  }
  return true;
}
