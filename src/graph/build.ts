// Facts → the contract graph. Joins per-file facts across the project: resolves wrapper calls, adds
// library events for the dependencies present, finds which metric lists reach which exporter, and
// derives the series each exporter produces. Pure: plain data in, plain data out.
import type {
  Dependency,
  DynamicEmit,
  DynamicHandler,
  EmitSite,
  EmitWrapper,
  EventDeclaration,
  EventPattern,
  ExportResult,
  FileFacts,
  HandlerSite,
  InlineSuppression,
  InputProblem,
  LiteralArg,
  Location,
  MetricDefinition,
  Query,
  ReporterBinding,
  RuleSeries,
  Series,
  TemplateSegment,
  WrapperCall,
} from "../model.js";
import { dotted } from "../model.js";
import type { Config } from "../config/config.js";
import { libraryEmits, knownLibraryDependencies } from "../catalogs/index.js";
import { promExPluginDefinitions } from "../catalogs/prom_ex.js";
import { exportMetric, type ElixirExporterId } from "../exporters/index.js";
import { externalSeriesMatcher } from "../exporters/external.js";
import { EventIndex, isExact } from "./events.js";
import { buildTypeScriptGraph, type ResolvedUse, type TsExporterId } from "./typescript.js";
import { pushAll, pushTo } from "../util/collections.js";

/** A metric definition with what the exporter makes of it. */
export interface MetricNode {
  def: MetricDefinition;
  /** The exporter whose rules apply, when the definition's list reaches a Prometheus reporter. */
  exporter?: ElixirExporterId | TsExporterId;
  /** The reporter child it reaches (for provenance). */
  reporterLoc?: Location;
  /** Why the exporter was chosen, e.g. "TelemetryMetricsPrometheus.Core child at lib/app/application.ex:12". */
  exporterReason?: string;
  result?: ExportResult;
}

export interface ContractGraph {
  files: string[];
  emits: EmitSite[];
  /** Emits written in the analysed source (not library catalog entries). */
  sourceEmits: EmitSite[];
  dynamicEmits: DynamicEmit[];
  declarations: EventDeclaration[];
  handlers: HandlerSite[];
  dynamicHandlers: DynamicHandler[];
  metrics: MetricNode[];
  series: Map<string, Series[]>;
  queries: Query[];
  ruleSeries: RuleSeries[];
  problems: InputProblem[];
  suppressions: InlineSuppression[];
  dependencies: Map<string, Location>;
  /** False when no mix.exs / mix.lock / package.json was found: library events are then assumed. */
  dependenciesKnown: boolean;
  emitIndex: EventIndex<EmitSite>;
  consumerIndex: EventIndex<Consumer>;
  /** Returns the external source description of a series name, or undefined. */
  externalSource: (name: string) => string | undefined;
  /** Labels Prometheus adds to every scraped series (job, instance, target labels). */
  targetLabels: Set<string>;
  /** Files whose dashboards or rules failed to parse: metrics cannot be called unused then. */
  unparsedConsumerFiles: string[];
  /** TS/JS record sites matched to their instruments. */
  instrumentUses: ResolvedUse[];
  /** Metric definitions whose name could not be resolved statically. */
  dynamicMetrics: { loc: Location; expression: string }[];
}

export type Consumer = { kind: "metric"; node: MetricNode } | { kind: "handler"; handler: HandlerSite };

/** Labels Prometheus itself or common scrape/relabel configs attach to scraped series. */
export const DEFAULT_TARGET_LABELS = [
  "job",
  "instance",
  "namespace",
  "pod",
  "pod_name",
  "container",
  "container_name",
  "service",
  "endpoint",
  "node",
  "cluster",
  "prometheus",
  "prometheus_replica",
  "env",
  "environment",
  "region",
  "zone",
  "availability_zone",
  "datacenter",
  "dc",
  "host",
  "hostname",
  "__name__",
];

const PROMETHEUS_REPORTERS: Partial<Record<ReporterBinding["reporter"], ElixirExporterId>> = {
  telemetry_metrics_prometheus_core: "telemetry_metrics_prometheus_core",
  telemetry_metrics_prometheus: "telemetry_metrics_prometheus",
  peep: "peep",
  prom_ex: "prom_ex",
};

/** Hex packages whose presence means "this app runs a Prometheus reporter", for apps whose reporter child we cannot see. */
const REPORTER_DEPENDENCIES: [string, ElixirExporterId][] = [
  ["prom_ex", "prom_ex"],
  ["telemetry_metrics_prometheus", "telemetry_metrics_prometheus"],
  ["telemetry_metrics_prometheus_core", "telemetry_metrics_prometheus_core"],
  ["peep", "peep"],
];

export function buildGraph(allFacts: readonly FileFacts[], config: Config): ContractGraph {
  const facts = [...allFacts].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const flat = <T>(pick: (f: FileFacts) => readonly T[] | undefined): T[] => facts.flatMap((f) => pick(f) ?? []);

  const dependencies = new Map<string, Location>();
  let manifestSeen = false;
  for (const dep of flat<Dependency>((f) => f.dependencies)) {
    manifestSeen = true;
    if (!dependencies.has(dep.name) || dep.source === "mix.exs") dependencies.set(dep.name, dep.loc);
  }
  manifestSeen ||= facts.some((f) => /(^|\/)(mix\.exs|mix\.lock|package\.json)$/.test(f.file));

  // ---- emits: source, wrappers, library catalogs, PromEx internals ----
  const sourceEmits = flat((f) => f.emits);
  const dynamicEmits = flat((f) => f.dynamicEmits);
  const wrapperResult = applyWrappers(flat((f) => f.wrappers), flat((f) => f.wrapperCalls));
  pushAll(sourceEmits, wrapperResult.emits);
  pushAll(dynamicEmits, wrapperResult.dynamic);

  const ectoRepos = flat((f) => f.ectoRepos);
  const plugTelemetry = flat((f) => f.plugTelemetry);
  const libraryDeps = manifestSeen ? dependencies : assumedDependencies();
  const catalogEmits = libraryEmits(libraryDeps, { ectoRepos, plugTelemetry });
  // Plug.Telemetry lines are in the analysed source: they count as source emits (they can be unconsumed).
  const plugEmits = catalogEmits.filter((e) => e.via === "plug");
  pushAll(sourceEmits, plugEmits);

  // ---- metric definitions and the reporters they reach ----
  const metrics: MetricNode[] = [];
  const defs = flat((f) => f.metrics).filter((d) => d.language === "elixir");
  const listIncludes = new Map<string, string[]>();
  for (const ref of flat((f) => f.metricLists)) pushTo(listIncludes, ref.list, ...ref.includes);
  const reporters = flat((f) => f.reporters);
  const listReach = new Map<string, { exporter: ElixirExporterId | undefined; binding: ReporterBinding }[]>();
  for (const binding of reporters) {
    for (const list of closure(binding.lists, listIncludes)) {
      const entry = { exporter: PROMETHEUS_REPORTERS[binding.reporter], binding };
      pushTo(listReach, list, entry);
    }
  }
  const promExStorage = flat((f) => (f.promExStorage ? [f.promExStorage] : []))[0];
  const promExExporter: ElixirExporterId = promExStorage && /Peep/.test(promExStorage.adapter) ? "peep" : "prom_ex";
  const promExModules = flat((f) => f.promEx);
  const customPlugins = new Map<string, Location>();
  const promExEmits: EmitSite[] = [];
  const promExPatterns: { pattern: string; source: string }[] = [];
  for (const mod of promExModules) {
    for (const plugin of mod.plugins) {
      const builtIn = promExPluginDefinitions(plugin, mod.otpApp);
      if (builtIn) {
        for (const def of builtIn.metrics) {
          metrics.push({ def, exporter: promExExporter, reporterLoc: mod.loc, exporterReason: `PromEx module ${mod.module}` });
        }
        pushAll(promExEmits, builtIn.emits);
        for (const pattern of builtIn.seriesPatterns) promExPatterns.push({ pattern, source: `PromEx plugin ${plugin.module}` });
      } else {
        customPlugins.set(plugin.module, mod.loc);
      }
    }
    const status = promExPluginDefinitions({ module: "PromEx.Plugins.PromEx", options: {}, loc: mod.loc }, mod.otpApp);
    if (status) {
      for (const def of status.metrics) metrics.push({ def, exporter: promExExporter, reporterLoc: mod.loc, exporterReason: `PromEx module ${mod.module}` });
      pushAll(promExEmits, status.emits);
    }
  }

  const forced = config.exporter && config.exporter !== "auto" ? elixirExporter(config.exporter) : undefined;
  const fallback = forced ? undefined : fallbackExporter(reporters, promExModules.length > 0, dependencies);
  for (const def of defs) {
    const node: MetricNode = { def };
    const pluginLoc = def.promExPlugin ? customPlugins.get(def.promExPlugin) : undefined;
    const reach = listReach.get(def.list)?.find((r) => r.exporter) ?? listReach.get(def.list)?.[0];
    if (forced && def.language === "elixir") {
      node.exporter = forced;
      node.exporterReason = `"exporter": "${config.exporter}" in the config`;
      if (reach) node.reporterLoc = reach.binding.loc;
    } else if (pluginLoc) {
      node.exporter = promExExporter;
      node.reporterLoc = pluginLoc;
      node.exporterReason = `PromEx plugin ${def.promExPlugin}`;
    } else if (reach) {
      node.reporterLoc = reach.binding.loc;
      if (reach.exporter) {
        node.exporter = reach.exporter;
        node.exporterReason = `${reporterTitle(reach.binding.reporter)} child at ${reach.binding.loc.file}:${reach.binding.loc.line}`;
      }
    } else if (fallback && def.language === "elixir" && !def.promExPlugin) {
      node.exporter = fallback.exporter;
      node.exporterReason = fallback.reason;
    }
    metrics.push(node);
  }
  for (const node of metrics) if (node.exporter) node.result = exportMetric(node.def, node.exporter as ElixirExporterId);

  const ts = buildTypeScriptGraph(facts, config, dependencies);
  for (const m of ts.metrics) metrics.push({ def: m.def, ...(m.exporter ? { exporter: m.exporter } : {}), ...(m.exporterReason ? { exporterReason: m.exporterReason } : {}), ...(m.result ? { result: m.result } : {}) });
  pushAll(sourceEmits, ts.emits);
  pushAll(sourceEmits, ts.resolvedEmits);
  pushAll(dynamicEmits, ts.dynamicEmits);

  // ---- series ----
  const series = new Map<string, Series[]>();
  const addSeries = (s: Series): void => {
    const list = series.get(s.name);
    if (list) list.push(s);
    else series.set(s.name, [s]);
  };
  for (const node of metrics) if (node.def.language === "elixir") for (const s of node.result?.series ?? []) addSeries(s);
  for (const s of ts.series) addSeries(s);
  const ruleSeries = flat((f) => f.ruleSeries);
  for (const rule of ruleSeries) addSeries({ name: rule.name, type: rule.kind === "alert" ? "gauge" : "untyped", labels: rule.labels, source: { kind: "rule", rule } });

  // ---- handlers: resolve contract-list references such as `Events.all()` ----
  const contracts = flat((f) => f.contracts);
  const contractByName = new Map(contracts.map((c) => [c.name, c]));
  const handlers = [...flat((f) => f.handlers), ...ts.resolvedHandlers];
  const dynamicHandlers: DynamicHandler[] = [...ts.dynamicHandlers];
  for (const dyn of flat((f) => f.dynamicHandlers)) {
    const contract = contractReference(dyn.expression, contractByName);
    if (contract) handlers.push({ events: contract.events.map((d) => d.event), loc: dyn.loc, handlerId: `events from ${contract.name}` });
    else dynamicHandlers.push(dyn);
  }

  const emits = [...sourceEmits, ...catalogEmits.filter((e) => e.via !== "plug"), ...promExEmits];
  const emitIndex = new EventIndex<EmitSite>();
  for (const e of emits) emitIndex.add(e.event, e);
  const consumerIndex = new EventIndex<Consumer>();
  for (const node of metrics) consumerIndex.add(node.def.event, { kind: "metric", node });
  for (const handler of handlers) for (const event of handler.events) consumerIndex.add(event, { kind: "handler", handler });

  const problems = flat((f) => f.problems);
  const queries = flat((f) => f.queries);
  const unparsedConsumerFiles = [
    ...new Set([
      ...facts.filter((f) => (f.language === "grafana" || f.language === "prometheus-rules") && f.problems.length > 0).map((f) => f.file),
      ...queries.filter((q) => q.analysis.errors.length > 0).map((q) => q.loc.file),
    ]),
  ].sort();

  return {
    files: facts.map((f) => f.file),
    emits,
    sourceEmits,
    dynamicEmits,
    declarations: contracts.flatMap((c) => c.events),
    handlers,
    dynamicHandlers,
    metrics,
    series,
    queries,
    ruleSeries,
    problems,
    suppressions: flat((f) => f.suppressions),
    dependencies,
    dependenciesKnown: manifestSeen,
    emitIndex,
    consumerIndex,
    externalSource: externalSeriesMatcher([...(config.externalSeries ?? []), ...promExPatterns]),
    targetLabels: new Set([...DEFAULT_TARGET_LABELS, ...(config.targetLabels ?? [])]),
    unparsedConsumerFiles,
    instrumentUses: ts.uses,
    dynamicMetrics: [...flat((f) => f.dynamicMetrics), ...ts.dynamicMetrics],
  };
}

function reporterTitle(kind: ReporterBinding["reporter"]): string {
  switch (kind) {
    case "telemetry_metrics_prometheus_core":
      return "TelemetryMetricsPrometheus.Core";
    case "telemetry_metrics_prometheus":
      return "TelemetryMetricsPrometheus";
    case "prom_ex":
      return "PromEx";
    case "peep":
      return "Peep";
    case "console":
      return "Telemetry.Metrics.ConsoleReporter";
    default:
      return "reporter";
  }
}

function elixirExporter(setting: string): ElixirExporterId | undefined {
  switch (setting) {
    case "telemetry_metrics_prometheus_core":
    case "telemetry_metrics_prometheus":
    case "prom_ex":
    case "peep":
      return setting;
    default:
      return undefined;
  }
}

/**
 * When no reporter child is visible (built dynamically, or in a dependency) but a Prometheus reporter
 * package is a dependency, assume every metric list is exported by it: otherwise every dashboard query
 * would be a false `series-missing`.
 */
function fallbackExporter(
  reporters: ReporterBinding[],
  hasPromEx: boolean,
  deps: Map<string, Location>,
): { exporter: ElixirExporterId; reason: string } | undefined {
  if (reporters.some((r) => PROMETHEUS_REPORTERS[r.reporter]) || hasPromEx) return undefined;
  for (const [dep, exporter] of REPORTER_DEPENDENCIES) {
    const loc = deps.get(dep);
    if (loc) return { exporter, reason: `no reporter child found; assumed ${dep} (dependency at ${loc.file}:${loc.line})` };
  }
  return undefined;
}

function assumedDependencies(): Map<string, Location> {
  const assumed = new Map<string, Location>();
  for (const dep of knownLibraryDependencies()) assumed.set(dep, { file: "(no mix.exs found: library assumed present)", line: 0, column: 0 });
  return assumed;
}

function closure(start: string[], edges: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [...start];
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    for (const n of edges.get(next) ?? []) stack.push(n);
  }
  return seen;
}

/** `PrismaticOsint.Telemetry.Events.all()` → the contract `PrismaticOsint.Telemetry.Events.all/0`. */
function contractReference<T>(expression: string, contracts: Map<string, T>): T | undefined {
  const match = /^([A-Z][\w.]*\.[a-z_][\w?!]*)\s*(\(\s*\))?$/.exec(expression.trim());
  return match ? contracts.get(`${match[1]}/0`) : undefined;
}

// ---- wrappers ----------------------------------------------------------------------------------

function applyWrappers(wrappers: EmitWrapper[], calls: WrapperCall[]): { emits: EmitSite[]; dynamic: DynamicEmit[] } {
  const byFunction = new Map<string, EmitWrapper[]>();
  for (const w of wrappers) pushTo(byFunction, w.function, w);
  const emits: EmitSite[] = [];
  const dynamic: DynamicEmit[] = [];
  for (const call of calls) {
    for (const wrapper of byFunction.get(call.function) ?? []) {
      const event = instantiate(wrapper.template, call.args);
      const note = `via ${wrapper.function} (${wrapper.loc.file}:${wrapper.loc.line})`;
      if (!event || event.every((s) => s === null)) {
        dynamic.push({ loc: call.loc, expression: `${wrapper.function}(${call.args.map(argText).join(", ")})`, reason: `the event built by ${wrapper.function} depends on values not known statically` });
        continue;
      }
      const keys = {
        measurements: wrapper.keys.measurements ?? mapKeys(call.args[wrapper.measurementsParam ?? -1]),
        metadata: wrapper.keys.metadata ?? mapKeys(call.args[wrapper.metadataParam ?? -1]),
      };
      if (wrapper.via === "span") {
        for (const [suffix, extra] of SPAN_SUFFIXES) {
          emits.push({ event: [...event, suffix], loc: call.loc, via: "wrapper", keys: { measurements: extra, metadata: keys.metadata }, spanPrefix: isExact(event) ? event : undefined, note });
        }
      } else {
        emits.push({ event, loc: call.loc, via: "wrapper", keys, note });
      }
    }
  }
  return { emits, dynamic };
}

const SPAN_SUFFIXES: [string, string[]][] = [
  ["start", ["monotonic_time", "system_time"]],
  ["stop", ["duration", "monotonic_time"]],
  ["exception", ["duration", "monotonic_time"]],
];

function instantiate(template: TemplateSegment[], args: LiteralArg[]): EventPattern | undefined {
  const out: EventPattern = [];
  for (const segment of template) {
    switch (segment.kind) {
      case "literal":
        out.push(segment.value);
        break;
      case "param": {
        const arg = args[segment.index];
        out.push(arg?.kind === "atom" ? arg.value : null);
        break;
      }
      case "splice": {
        const arg = args[segment.index];
        if (arg?.kind === "list") for (const item of arg.items) out.push(item.kind === "atom" ? item.value : null);
        else if (arg?.kind === "atom") out.push(arg.value);
        else return undefined; // unknown length: cannot even form a pattern
        break;
      }
      default:
        out.push(null);
    }
  }
  return out;
}

const mapKeys = (arg: LiteralArg | undefined): string[] | null => (arg?.kind === "map" ? arg.keys : null);

function argText(arg: LiteralArg): string {
  switch (arg.kind) {
    case "atom":
      return `:${arg.value}`;
    case "list":
      return `[${arg.items.map(argText).join(", ")}]`;
    case "map":
      return `%{${arg.keys.join(", ")}}`;
    default:
      return arg.text;
  }
}

export const describeEvent = (event: EventPattern): string => dotted(event);
