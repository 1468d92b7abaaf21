// The TS/JS half of the graph: resolves imports between project modules (relative paths and tsconfig
// `paths`), fills in metric names built from imported constants, matches record sites to their
// instruments, and derives each instrument's series with the exporter that serves it.
import { posix } from "node:path";
import type { ConstValue, DynamicEmit, DynamicHandler, EmitSite, HandlerSite, ExportResult, FileFacts, InstrumentUse, Location, MetricDefinition, Series, SymbolicPart } from "../model.js";
import type { Config } from "../config/config.js";
import { exportOtelPrometheus } from "../exporters/opentelemetry-prometheus.js";
import { exportOtlp } from "../exporters/otlp.js";
import { exportPromClient, PROM_CLIENT_DEFAULT_METRICS } from "../exporters/prom-client.js";

export type TsExporterId = "opentelemetry" | "otlp" | "prom-client";

export interface ResolvedUse {
  use: InstrumentUse;
  def: MetricDefinition;
}

export interface TypeScriptGraph {
  /** Emits and handlers whose event names came from other modules' constants. */
  resolvedEmits: EmitSite[];
  resolvedHandlers: HandlerSite[];
  /** TS metric definitions with their final names (symbolic names resolved; unresolvable ones removed). */
  metrics: { def: MetricDefinition; exporter?: TsExporterId; exporterReason?: string; result?: ExportResult }[];
  emits: EmitSite[];
  uses: ResolvedUse[];
  dynamicMetrics: { loc: Location; expression: string }[];
  series: Series[];
  dynamicEmits: DynamicEmit[];
  dynamicHandlers: DynamicHandler[];
}

const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** Resolves an import specifier from `fromFile` to a file present in the project. */
export function moduleResolver(files: ReadonlySet<string>, tsconfigs: FileFacts[]): (fromFile: string, specifier: string) => string | undefined {
  const candidates = (base: string): string[] => {
    const stripped = base.replace(/\.(js|mjs|cjs|jsx)$/, "");
    return [base, ...EXTENSIONS.map((e) => stripped + e), ...EXTENSIONS.map((e) => `${stripped}/index${e}`)];
  };
  const first = (list: string[]): string | undefined => list.find((c) => files.has(c));
  // A tsconfig's aliases hold for the files under its folder, the nearest tsconfig's first (as a
  // monorepo's packages each have their own): never for a sibling package that reuses the same alias.
  // By folder ("" for the root), in file order within one folder.
  const aliasesByDir = new Map<string, { pattern: string; targets: string[] }[][]>();
  for (const t of tsconfigs) {
    const cfg = t.tsconfigPaths;
    if (!cfg) continue;
    const dir = posix.dirname(t.file) === "." ? "" : posix.dirname(t.file);
    const base = posix.join(dir, cfg.baseUrl);
    const aliases = Object.entries(cfg.paths).map(([pattern, targets]) => ({ pattern, targets: targets.map((target) => posix.join(base, target)) }));
    const inDir = aliasesByDir.get(dir);
    if (inDir) inDir.push(aliases);
    else aliasesByDir.set(dir, [aliases]);
  }
  /** A file's aliases: its folders' (each path prefix ending before a "/"), nearest first, then the root's. */
  function* aliasesFor(fromFile: string) {
    for (let slash = fromFile.lastIndexOf("/"); slash > 0; slash = fromFile.lastIndexOf("/", slash - 1)) {
      for (const aliases of aliasesByDir.get(fromFile.slice(0, slash)) ?? []) yield* aliases;
    }
    for (const aliases of aliasesByDir.get("") ?? []) yield* aliases;
  }
  return (fromFile, specifier) => {
    if (specifier.startsWith(".")) return first(candidates(posix.normalize(posix.join(posix.dirname(fromFile), specifier))));
    for (const { pattern, targets } of aliasesFor(fromFile)) {
      const star = pattern.indexOf("*");
      const matches = star < 0 ? specifier === pattern : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1));
      if (!matches) continue;
      const captured = star < 0 ? "" : specifier.slice(star, specifier.length - (pattern.length - star - 1));
      for (const target of targets) {
        const hit = first(candidates(posix.normalize(target.replace("*", captured))));
        if (hit) return hit;
      }
    }
    return undefined;
  };
}

export function buildTypeScriptGraph(facts: readonly FileFacts[], config: Config, dependencies: ReadonlyMap<string, Location>): TypeScriptGraph {
  const tsFacts = facts.filter((f) => f.language === "typescript");
  const byFile = new Map(tsFacts.map((f) => [f.file, f]));
  const resolve = moduleResolver(new Set(byFile.keys()), facts.filter((f) => f.tsconfigPaths));
  const dynamicMetrics: { loc: Location; expression: string }[] = [];

  const constantAt = (file: string, part: Extract<SymbolicPart, { kind: "import" }>): string | undefined => {
    const target = resolve(file, part.specifier);
    const exports = target ? byFile.get(target)?.moduleExports : undefined;
    if (!exports) return undefined;
    const [head, ...rest] = part.path.split(".");
    let value: ConstValue | undefined = exports.constants[head!];
    for (const key of rest) value = value && typeof value === "object" && !Array.isArray(value) ? value[key] : undefined;
    return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
  };

  // Metric names that depend on other modules' constants.
  const metrics: TypeScriptGraph["metrics"] = [];
  const defsByKey = new Map<string, MetricDefinition>();
  for (const f of tsFacts) {
    const symbolic = new Map((f.symbolicNames ?? []).map((s) => [s.index, s.parts]));
    f.metrics.forEach((def, index) => {
      let final = def;
      const parts = symbolic.get(index);
      if (parts) {
        const resolved = parts.map((p) => (p.kind === "literal" ? p.value : constantAt(f.file, p)));
        if (resolved.some((r) => r === undefined)) {
          dynamicMetrics.push({ loc: def.loc, expression: parts.map((p) => (p.kind === "literal" ? p.value : `\${${p.path} from "${p.specifier}"}`)).join("") });
          return;
        }
        final = { ...def, name: [resolved.join("")] };
      }
      metrics.push({ def: final });
      if (final.instrument) defsByKey.set(final.instrument.key, final);
    });
  }

  // Record sites → their instruments.
  const uses: ResolvedUse[] = [];
  for (const f of tsFacts) {
    for (const use of f.instrumentUses ?? []) {
      let key: string | undefined;
      if (use.target.kind === "local") key = use.target.key;
      else {
        const target = resolve(f.file, use.target.specifier);
        key = target ? byFile.get(target)?.moduleExports?.bindings[use.target.path] : undefined;
      }
      const def = key ? defsByKey.get(key) : undefined;
      if (def) uses.push({ use, def });
    }
  }
  const emits: EmitSite[] = uses.map(({ use, def }) => ({
    event: def.event,
    loc: use.loc,
    via: def.instrument!.library === "prom-client" ? "prom-client" : "otel",
    keys: { measurements: null, metadata: use.keys },
    note: `${use.method}() on ${def.name[0]}`,
  }));

  // Exporters.
  const otelExporter = chooseOtelExporter(config, dependencies, tsFacts);
  const exporterOptions = tsFacts.flatMap((f) => f.otelExporterOptions ?? [])[0];
  const series: Series[] = [];
  // Each instrument's attribute keys over its record sites, in first-seen order; null once a site's are unknown.
  const keysByDef = new Map<MetricDefinition, Set<string> | null>();
  for (const { use, def } of uses) {
    const keys = keysByDef.get(def);
    if (keys === null) continue;
    if (use.keys === null) keysByDef.set(def, null);
    else if (keys) for (const key of use.keys) keys.add(key);
    else keysByDef.set(def, new Set(use.keys));
  }
  let otelExported = false;
  for (const node of metrics) {
    const { def } = node;
    if (def.instrument?.library === "prom-client") {
      node.exporter = "prom-client";
      node.exporterReason = "prom-client";
      node.result = exportPromClient(def);
    } else if (def.instrument?.library === "opentelemetry" && otelExporter) {
      node.exporter = otelExporter.id;
      node.exporterReason = otelExporter.reason;
      const keySet = keysByDef.get(def);
      const keys = keySet === undefined ? [] : keySet === null ? null : [...keySet];
      node.result = otelExporter.id === "otlp" ? exportOtlp(def, keys) : exportOtelPrometheus(def, keys, { ...(exporterOptions?.prefix ? { prefix: exporterOptions.prefix } : {}), ...(exporterOptions?.withoutScopeInfo ? { withoutScopeInfo: true } : {}) });
      otelExported ||= otelExporter.id === "opentelemetry";
    }
    for (const s of node.result?.series ?? []) series.push(s);
  }
  if (otelExported && !exporterOptions?.withoutTargetInfo) {
    series.push({ name: "target_info", type: "gauge", labels: [], labelsUnknown: true, source: { kind: "catalog", description: "@opentelemetry/exporter-prometheus target_info (resource attributes)" } });
  }
  for (const f of tsFacts) {
    for (const d of f.defaultMetrics ?? []) {
      for (const m of PROM_CLIENT_DEFAULT_METRICS) {
        series.push({ name: d.prefix + m.name, type: m.type, labels: m.labels, source: { kind: "catalog", description: `prom-client collectDefaultMetrics(${d.prefix ? `{ prefix: "${d.prefix}" }` : ""})`, loc: d.loc } });
      }
    }
  }
  // Events named by imported constants (`emit(SearchEvents.BreakerOpen, …)`).
  const resolvedEmits: EmitSite[] = [];
  const resolvedHandlers: HandlerSite[] = [];
  const dynamicEmits: DynamicEmit[] = [];
  const dynamicHandlers: DynamicHandler[] = [];
  for (const f of tsFacts) {
    for (const s of f.symbolicEvents ?? []) {
      const resolved = s.parts.map((p) => (p.kind === "literal" ? p.value : constantAt(f.file, p)));
      if (resolved.some((r) => r === undefined)) {
        if (s.emit) dynamicEmits.push({ loc: s.emit.loc, expression: s.expression, reason: "it names a constant that could not be resolved in the project" });
        if (s.handler) dynamicHandlers.push({ loc: s.handler.loc, expression: s.expression });
        continue;
      }
      const text = resolved.join("");
      const event = s.format === "segments" ? [text] : text.split(".");
      if (s.emit) {
        if (s.emit.spanPrefix) for (const suffix of ["start", "stop", "exception"]) resolvedEmits.push({ ...s.emit, event: [...event, suffix], spanPrefix: event });
        else resolvedEmits.push({ ...s.emit, event });
      }
      if (s.handler) resolvedHandlers.push({ ...s.handler, events: [event] });
    }
  }
  return { metrics, emits, uses, dynamicMetrics, series, dynamicEmits, dynamicHandlers, resolvedEmits, resolvedHandlers };
}

/** `exporter` config, else the dependencies: exporter-prometheus → exact JS naming; OTLP only → translator. */
function chooseOtelExporter(config: Config, deps: ReadonlyMap<string, Location>, tsFacts: FileFacts[]): { id: TsExporterId; reason: string } | undefined {
  if (config.exporter === "opentelemetry" || config.exporter === "otlp") return { id: config.exporter, reason: `"exporter": "${config.exporter}" in the config` };
  if (deps.has("@opentelemetry/exporter-prometheus") || tsFacts.some((f) => f.otelExporterOptions?.length)) return { id: "opentelemetry", reason: "@opentelemetry/exporter-prometheus" };
  const otlp = [...deps.keys()].find((d) => d.startsWith("@opentelemetry/exporter-metrics-otlp"));
  if (otlp) return { id: "otlp", reason: `${otlp} (OTLP → Prometheus naming)` };
  return { id: "opentelemetry", reason: "@opentelemetry/exporter-prometheus (assumed: no exporter dependency found)" };
}
