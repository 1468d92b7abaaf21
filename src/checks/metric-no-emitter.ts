// metric-no-emitter: a metric definition whose event nothing emits (source, library catalog, or PromEx).
import { dotted } from "../model.js";
import type { ContractGraph, MetricNode } from "../graph/build.js";
import { isExact } from "../graph/events.js";
import { SuggestionIndex, at, describeMetric, firstAtOrAfter, plural, queriesReading, readersRelated, related, seriesNamesOf, type Check, type DraftFinding } from "./check.js";

export const metricNoEmitter: Check = {
  id: "metric-no-emitter",
  defaultSeverity: "error",
  description: "A metric definition whose event nothing emits, so its series never gets data.",
  run(graph) {
    const findings: DraftFinding[] = [];
    let emitted: EmittedIndex | undefined;
    for (const node of graph.metrics) {
      if (graph.emitIndex.has(node.def.event)) continue;
      if (node.def.instrument) {
        // An instrument stored nowhere we can follow (returned from a factory, passed around) is not judged.
        if (!node.def.instrument.key.includes("#?")) findings.push(instrumentFinding(graph, node));
        continue;
      }
      emitted ??= indexEmitted(graph);
      findings.push(finding(graph, node, emitted));
    }
    return findings;
  },
};

/** Exactly named emitted events: sorted (for prefix ranges), indexed for suggestions, first site of each. */
interface EmittedIndex {
  sorted: string[];
  suggestions: SuggestionIndex;
  firstSite: Map<string, string>;
}

function indexEmitted(graph: ContractGraph): EmittedIndex {
  const firstSite = new Map<string, string>();
  for (const e of graph.emits) {
    if (!isExact(e.event)) continue;
    const name = dotted(e.event);
    if (!firstSite.has(name)) firstSite.set(name, at(e.loc));
  }
  const sorted = [...firstSite.keys()].sort();
  return { sorted, suggestions: new SuggestionIndex(sorted), firstSite };
}

function finding(graph: ContractGraph, node: MetricNode, emitted: EmittedIndex): DraftFinding {
  const { def } = node;
  const event = dotted(def.event);
  const metric = def.name.join(".");
  const names = new Set(seriesNamesOf(node));
  const readers = queriesReading(graph, names);
  const impact = names.size
    ? readers.length
      ? readers.length === 1
        ? `, so the query reading \`${readers[0]!.name}\` shows no data`
        : `, so the ${plural(readers.length, "query", "queries")} reading \`${readers[0]!.name}\` show no data`
      : `, so series \`${[...names][0]}\` never appears`
    : "";
  const hint = suggestion(def.event, emitted, graph);
  const owner = def.promExPlugin ? ` (defined by PromEx plugin ${def.promExPlugin})` : "";
  return {
    loc: def.loc,
    subject: metric,
    message: `Metric ${describeMetric(def)}${owner} consumes event \`${event}\`, which nothing emits${impact}; ${hint}`,
    related: [
      ...related(node.reporterLoc, `exported by ${node.exporterReason ?? "the reporter"}`),
      ...readersRelated(graph, names),
      ...graph.dynamicEmits.slice(0, 2).flatMap((d) => related(d.loc, `an unresolved emit site (${d.expression}) might emit it`)),
    ],
  };
}

/** The article's classic slip: `last_value("a.b.state")` consumes `a.b`, while the code emits `a.b.open`. */
function suggestion(event: string[], emitted: EmittedIndex, graph: ContractGraph): string {
  const name = dotted(event);
  const longer = withPrefix(emitted.sorted, `${name}.`, 3);
  if (longer.length) {
    return `the code emits ${longer.map((e) => `\`${e}\``).join(", ")}: set \`event_name:\` to the event that carries the measurement, or emit \`${name}\`.`;
  }
  const near = emitted.suggestions.closest(name, 3);
  if (near) return `did you mean \`${near}\` (emitted at ${emitted.firstSite.get(near) ?? "?"})? Fix the metric's event name or emit \`${name}\`.`;
  const dep = libraryHint(event, graph);
  if (dep) return dep;
  return `emit \`${name}\` with :telemetry.execute/3 where it happens, fix the metric's name/event_name, or remove the metric.`;
}

/** The first `limit` names in a sorted list that start with `prefix` (a binary search, then a scan of the range). */
function withPrefix(sorted: readonly string[], prefix: string, limit: number): string[] {
  const out: string[] = [];
  for (let i = firstAtOrAfter(sorted, prefix); i < sorted.length && out.length < limit && sorted[i]!.startsWith(prefix); i++) out.push(sorted[i]!);
  return out;
}

const LIBRARY_PREFIXES: [string, string][] = [
  ["phoenix", "phoenix"],
  ["ecto", "ecto"],
  ["oban", "oban"],
  ["finch", "finch"],
  ["tesla", "tesla"],
  ["absinthe", "absinthe"],
  ["broadway", "broadway"],
  ["bandit", "bandit"],
  ["vm", "telemetry_poller"],
];

function libraryHint(event: string[], graph: ContractGraph): string | undefined {
  const dep = LIBRARY_PREFIXES.find(([prefix]) => event[0] === prefix)?.[1];
  if (!dep) return undefined;
  if (!graph.dependencies.has(dep)) return `\`${dep}\` emits events under \`${event[0]}.*\` but it is not a dependency in mix.exs; add it or remove the metric.`;
  return `\`${dep}\` is a dependency but does not emit \`${dotted(event)}\` (see its telemetry docs); fix the event name or remove the metric.`;
}

const RECORD_VERBS: Record<string, string> = {
  Counter: "add()",
  UpDownCounter: "add()",
  Histogram: "record()",
  Gauge: "record()",
  ObservableCounter: "a callback (addCallback)",
  ObservableUpDownCounter: "a callback (addCallback)",
  ObservableGauge: "a callback (addCallback)",
};
const PROM_VERBS: Record<string, string> = { Counter: "inc()", Gauge: "set()/inc()/dec()", Histogram: "observe()/startTimer()", Summary: "observe()/startTimer()" };

function instrumentFinding(graph: ContractGraph, node: MetricNode): DraftFinding {
  const { def } = node;
  const instrument = def.instrument!;
  const verb = (instrument.library === "prom-client" ? PROM_VERBS : RECORD_VERBS)[instrument.type] ?? "a record call";
  const names = new Set(seriesNamesOf(node));
  const readers = queriesReading(graph, names);
  const first = [...names][0];
  const impact = first
    ? readers.length === 1
      ? `, so the query reading \`${readers[0]!.name}\` shows no data`
      : readers.length
        ? `, so the ${plural(readers.length, "query", "queries")} reading \`${readers[0]!.name}\` show no data`
        : `, so \`${first}\` never gets a sample`
    : "";
  return {
    loc: def.loc,
    subject: def.name[0]!,
    message: `${describeMetric(def)} is defined here but nothing calls ${verb} on it${impact}; record it where the operation happens, or remove it.`,
    related: readersRelated(graph, names),
  };
}
