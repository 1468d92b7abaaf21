// The domain model shared by every stage: files → facts → contract graph → findings → reporters.
// Frontends and consumers produce `FileFacts` (a pure function of path + text); the graph joins them;
// checks turn the graph into `Finding`s; reporters print findings. Parser nodes never leave a frontend.

/** A position in a source file. `file` is relative to the analysis root with `/` separators; 1-based. */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** An event name as its segments, e.g. `["osint", "search", "stop"]`; printed dotted. */
export type EventName = string[];

/**
 * An event name that may contain unknown slots (`null`), e.g. `[:supavisor, type, :network, :stat]`
 * → `["supavisor", null, "network", "stat"]`. A pattern with no `null` is an exact event name.
 */
export type EventPattern = (string | null)[];

export type Language = "elixir" | "typescript";

/** Which keys an emit site passes. `null` means "not literal: unknown", so no field check applies. */
export interface PayloadKeys {
  measurements: string[] | null;
  metadata: string[] | null;
}

export type EmitVia =
  | "execute" // :telemetry.execute / emitter call with one event
  | "span" // :telemetry.span (start/stop/exception)
  | "wrapper" // a project helper that forwards to :telemetry
  | "plug" // Plug.Telemetry with a configured prefix
  | "library" // a dependency's documented event (catalog)
  | "poller" // telemetry_poller measurement
  | "otel" // OpenTelemetry instrument record
  | "prom-client" // prom-client metric call
  | "diagnostics_channel";

export interface EmitSite {
  event: EventPattern;
  loc: Location;
  via: EmitVia;
  keys: PayloadKeys;
  /** For `span`: the prefix shared by the three events, so checks can treat siblings together. */
  spanPrefix?: EventName;
  /** Free-text note shown in provenance, e.g. "via MyApp.Telemetry.emit/2" or "Ecto repo MyApp.Repo". */
  note?: string;
}

/** An emit site whose event name could not be resolved statically (reported, never guessed). */
export interface DynamicEmit {
  loc: Location;
  /** The source text of the event argument, trimmed for display. */
  expression: string;
  reason: string;
}

/** An event listed in a contract list such as `Events.all/0`. */
export interface EventDeclaration {
  event: EventName;
  loc: Location;
  /** The contract that lists it, e.g. `PrismaticOsint.Telemetry.Events.all/0`. */
  contract: string;
}

export type MetricKind = "counter" | "sum" | "last_value" | "summary" | "distribution";

/** Buckets as declared: a literal list, absent, or present but not statically known. */
export type Buckets =
  | { state: "literal"; values: number[] }
  | { state: "missing" }
  | { state: "dynamic"; expression: string };

/** A Telemetry.Metrics-style metric definition (or its TS equivalent). */
export interface MetricDefinition {
  kind: MetricKind;
  /** The metric name as segments (Telemetry.Metrics `name`), e.g. `["osint","search","stop","duration"]`. */
  name: string[];
  /** The consumed event (`event_name` option, or the name minus its last segment). */
  event: EventName;
  /** Measurement key, or null when given as a function (unknown). */
  measurement: string | null;
  /** Tag keys, or null when tags are not a literal list. */
  tags: string[] | null;
  unit?: string;
  buckets: Buckets;
  /** `reporter_options[:prometheus_type]` as written (`"counter"`, `"gauge"`, or an invalid value). */
  prometheusType?: string;
  description?: string;
  loc: Location;
  /** The function that returns the list containing this definition, e.g. `MyAppWeb.Telemetry.metrics/0`. */
  list: string;
  /** Set when the definition sits in a PromEx plugin: the plugin module. */
  promExPlugin?: string;
  language: Language;
  /** For TypeScript/JavaScript instruments: the library and instrument type. */
  instrument?: InstrumentInfo;
}

/** An OpenTelemetry instrument or a prom-client metric. Its "event" is `["instrument", key]`. */
export interface InstrumentInfo {
  library: "opentelemetry" | "prom-client";
  /** OpenTelemetry: Counter, UpDownCounter, Histogram, Gauge, ObservableCounter, ObservableUpDownCounter,
   *  ObservableGauge. prom-client: Counter, Gauge, Histogram, Summary. */
  type: string;
  /** The binding that holds it, e.g. `lib/metrics.ts#requests` (used to match record sites). */
  key: string;
  /** prom-client `labelNames` as declared (null when not a literal list). */
  labelNames?: string[] | null;
  /** OpenTelemetry meter (scope) name and version. */
  meter?: { name?: string; version?: string };
  /** prom-client summary percentiles when literal. */
  percentiles?: number[];
}

/** A record/inc/observe call on an instrument, matched to its definition by the graph. */
export interface InstrumentUse {
  /** The instrument binding: a key in this file (`file#path`) or an import to resolve. */
  target: { kind: "local"; key: string } | { kind: "import"; specifier: string; path: string };
  method: string;
  /** Attribute or label keys passed (null when not literal). */
  keys: string[] | null;
  /** prom-client `.labels('a', 'b')` positional values: their count. */
  positionalLabels?: number;
  loc: Location;
}

/** A constant a TS/JS module exports (strings, string arrays, objects of strings), for cross-file resolution. */
export type ConstValue = string | number | ConstValue[] | { [key: string]: ConstValue };

/** A name that depends on another module's constant: parts joined after resolution. */
export type SymbolicPart = { kind: "literal"; value: string } | { kind: "import"; specifier: string; path: string };

/** A `:telemetry.attach/4` / `attach_many/4` handler (or a TS subscriber). */
export interface HandlerSite {
  events: EventPattern[];
  loc: Location;
  handlerId?: string;
  /** `true` for test-only helpers such as `:telemetry_test.attach_event_handlers`. */
  testOnly?: boolean;
}

/** Events nobody can resolve for a handler: `attach_many(id, events_var, …)`. */
export interface DynamicHandler {
  loc: Location;
  expression: string;
}

export type ReporterKind =
  | "telemetry_metrics_prometheus_core"
  | "telemetry_metrics_prometheus"
  | "prom_ex"
  | "peep"
  | "console"
  | "other";

/** A reporter child that receives a metric list, e.g. `{TelemetryMetricsPrometheus.Core, metrics: M.metrics()}`. */
export interface ReporterBinding {
  reporter: ReporterKind;
  /** Function references of the metric lists it receives, e.g. `PrismaticWeb.Telemetry.metrics/0`. */
  lists: string[];
  loc: Location;
}

/** A PromEx module (`use PromEx, otp_app: :my_app`) with the plugins it enables. */
export interface PromExModule {
  module: string;
  otpApp: string;
  plugins: { module: string; options: Record<string, string | string[]>; loc: Location }[];
  loc: Location;
}

/** An event contract list: a zero-arity function returning a literal list of event names. */
export interface ContractList {
  name: string;
  loc: Location;
  events: EventDeclaration[];
}

/** An Ecto repo (`use Ecto.Repo, otp_app: …`) and its telemetry prefix when configured. */
export interface EctoRepo {
  module: string;
  telemetryPrefix?: EventName;
  loc: Location;
}

/** A dependency declared in mix.exs / mix.lock / package.json. */
export interface Dependency {
  name: string;
  source: "mix.exs" | "mix.lock" | "package.json";
  loc: Location;
}

/** An inline suppression comment: `# telemetry-drift-disable-next-line RULE [RULE…]`. */
export interface InlineSuppression {
  loc: Location;
  /** The line it applies to. */
  targetLine: number;
  /** When set, it applies to every line from targetLine to endLine (a whole YAML rule). */
  endLine?: number;
  rules: string[];
}

/** Where a PromQL query came from. */
export type QueryOrigin =
  | {
      kind: "panel" | "variable" | "annotation";
      dashboardUid?: string;
      dashboardTitle?: string;
      panelId?: number | string;
      panelTitle?: string;
      variableName?: string;
      annotationName?: string;
    }
  | {
      kind: "alert";
      group: string;
      name: string;
      /** A Grafana-managed alert rule (its `title`), read from one of its `data[]` queries (`refId`). */
      grafana?: boolean;
      refId?: string;
    }
  | { kind: "record"; group: string; name: string };

export type MatchOp = "=" | "!=" | "=~" | "!~";

export interface LabelMatcher {
  label: string;
  op: MatchOp;
  value: string;
  /** The value as written, when a Grafana variable in it was substituted (`$pool`): what messages quote. */
  shown?: string;
}

/** One vector selector in a query, after Grafana variable substitution. */
export interface Selector {
  /** Exact metric name, when known. */
  name?: string;
  /** A regular expression the name must match (RE2, fully anchored), from `{__name__=~"…"}` or a partly variable name. */
  namePattern?: string;
  matchers: LabelMatcher[];
  /** Labels this selector's result is grouped or joined on downstream (`by`, `on`, `group_left` …). */
  labelsUsed: string[];
  /** Where in the original file the selector text starts (best effort; falls back to the query's loc). */
  loc: Location;
  /** The selector as written in the query (Grafana variables as they appear there), for messages. */
  text: string;
}

export interface QueryAnalysis {
  selectors: Selector[];
  /** Labels created inside the expression (`label_replace`, `label_join`, `count_values`): never "missing". */
  labelsCreated: string[];
  /** Parse errors (error nodes); when non-empty the query yields an `input-unparseable` finding. */
  errors: { message: string; loc: Location }[];
  /** The PromQL parser ran out of stack on this thread (see FileFacts.stackOverflow). */
  stackOverflow?: true;
}

/** A PromQL query read from a dashboard or rule file. */
export interface Query {
  /** The expression as written (before substitution). */
  expr: string;
  loc: Location;
  origin: QueryOrigin;
  analysis: QueryAnalysis;
  /** Labels the query's consumer reads from the result, e.g. `{{route}}` in a legend or `$labels.x` in an annotation. */
  resultLabels: string[];
}

/** A series produced by a recording rule (or the `ALERTS` family from alert rules). */
export interface RuleSeries {
  name: string;
  /** Static labels the rule adds. */
  labels: string[];
  loc: Location;
  kind: "record" | "alert";
  /** The query that produces it (for record rules: its labels come from this expression). */
  expr?: string;
}

/** An input problem found while reading a file; becomes an `input-unparseable` finding. */
export interface InputProblem {
  loc: Location;
  message: string;
}

/** One segment of a wrapper's event template: a literal atom, a parameter, a spliced list parameter, or unknown. */
export type TemplateSegment =
  | { kind: "literal"; value: string }
  | { kind: "param"; index: number }
  | { kind: "splice"; index: number }
  | { kind: "unknown" };

/**
 * A project function that forwards a parameter-built event name to `:telemetry`, summarised so that
 * call sites elsewhere can be resolved: `defp event(suffix, m, md), do: :telemetry.execute([@app | suffix], m, md)`
 * → `[literal bandit, splice 0]`.
 */
export interface EmitWrapper {
  /** `Module.fun/arity`. */
  function: string;
  via: "execute" | "span";
  template: TemplateSegment[];
  /** Keys when literal inside the wrapper; null when they come from parameters. */
  keys: PayloadKeys;
  /** Index of the parameter that carries measurements / metadata, so call-site literals can fill them. */
  measurementsParam?: number;
  metadataParam?: number;
  loc: Location;
}

/** A literal value passed to a wrapper: an atom, a list of literals, or something not known statically. */
export type LiteralArg = { kind: "atom"; value: string } | { kind: "list"; items: LiteralArg[] } | { kind: "map"; keys: string[] } | { kind: "unknown"; text: string };

/** A call to a function that might be an emit wrapper; the graph matches it with `EmitWrapper`s. */
export interface WrapperCall {
  /** Fully qualified candidates, `Module.fun/arity` (alias-expanded; local calls use the enclosing module). */
  function: string;
  args: LiteralArg[];
  loc: Location;
}

/** `def metrics, do: phoenix_metrics() ++ Repo.metrics()`: a list function that includes others. */
export interface MetricListRef {
  list: string;
  includes: string[];
  loc: Location;
}

/** Config-keyed suppressions live in config; file facts carry dashboard/alert identities for them. */
export interface FileFacts {
  file: string;
  language?: Language | "grafana" | "prometheus-rules" | "mix";
  /**
   * A parser ran out of stack on the thread that read this file. How deep a recursive parser can go
   * depends on the thread, so the engine reads such a file again on a thread with a large stack, whose
   * verdict (with the fixed nesting limits of the frontends) is the same whichever thread came first.
   */
  stackOverflow?: true;
  emits: EmitSite[];
  dynamicEmits: DynamicEmit[];
  wrappers: EmitWrapper[];
  wrapperCalls: WrapperCall[];
  metricLists: MetricListRef[];
  contracts: ContractList[];
  metrics: MetricDefinition[];
  handlers: HandlerSite[];
  dynamicHandlers: DynamicHandler[];
  reporters: ReporterBinding[];
  promEx: PromExModule[];
  ectoRepos: EctoRepo[];
  /** `plug Plug.Telemetry, event_prefix: […]` prefixes. */
  plugTelemetry: { prefix: EventName; loc: Location }[];
  dependencies: Dependency[];
  queries: Query[];
  ruleSeries: RuleSeries[];
  suppressions: InlineSuppression[];
  problems: InputProblem[];
  /** `config :prom_ex, :storage_adapter, PromEx.Storage.Peep`. */
  promExStorage?: { adapter: string; loc: Location };
  /** Metric definitions whose name is not statically known (not guessed). */
  dynamicMetrics?: { loc: Location; expression: string }[];
  /** TS/JS: record sites of instruments. */
  instrumentUses?: InstrumentUse[];
  /** TS/JS: exported constants and instrument bindings (export name → local key or value). */
  moduleExports?: { constants: Record<string, ConstValue>; bindings: Record<string, string> };
  /** TS/JS: emits and handlers whose event name needs another module's constant. */
  symbolicEvents?: { parts: SymbolicPart[]; format: "dotted" | "segments"; emit?: EmitSite; handler?: HandlerSite; expression: string }[];
  /** TS/JS: definitions whose name needs another module's constant. */
  symbolicNames?: { index: number; parts: SymbolicPart[] }[];
  /** prom-client `collectDefaultMetrics({ prefix })` calls. */
  defaultMetrics?: { prefix: string; loc: Location }[];
  /** OpenTelemetry exporter options seen in code (prefix, withoutScopeInfo, withoutTargetInfo). */
  otelExporterOptions?: { prefix?: string; withoutScopeInfo?: boolean; withoutTargetInfo?: boolean; loc: Location }[];
  /** tsconfig.json path mapping, for import resolution. */
  tsconfigPaths?: { baseUrl: string; paths: Record<string, string[]> };
}

export function emptyFacts(file: string): FileFacts {
  return {
    file,
    emits: [],
    dynamicEmits: [],
    wrappers: [],
    wrapperCalls: [],
    metricLists: [],
    contracts: [],
    metrics: [],
    handlers: [],
    dynamicHandlers: [],
    reporters: [],
    promEx: [],
    ectoRepos: [],
    plugTelemetry: [],
    dependencies: [],
    queries: [],
    ruleSeries: [],
    suppressions: [],
    problems: [],
  };
}

// ---- Series (exporter output) -------------------------------------------------------------------

export type SeriesType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

/** One Prometheus series family member, e.g. `http_duration_bucket` with labels `[route, le]`. */
export interface Series {
  name: string;
  type: SeriesType;
  /** Label names the exporter puts on the series (job/instance are added by Prometheus). */
  labels: string[];
  /** True when the labels are not statically known (tags given as a function, a rule's computed labels). */
  labelsUnknown?: true;
  /** What produces it. */
  source:
    | { kind: "metric"; metric: MetricDefinition; exporter: string }
    | { kind: "rule"; rule: RuleSeries }
    | { kind: "catalog"; description: string; loc?: Location };
}

/** What an exporter says about one metric definition. */
export interface ExportResult {
  series: Series[];
  /** The exporter drops the metric (e.g. summary on TelemetryMetricsPrometheus.Core). */
  dropped?: string;
  /** The exporter refuses or crashes on it (distribution without buckets, unsorted buckets …). */
  invalid?: string[];
}

// ---- Findings -----------------------------------------------------------------------------------

export type Severity = "error" | "warning" | "info";

export interface RelatedLocation {
  file: string;
  line: number;
  column?: number;
  message: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  subject: string;
  related: RelatedLocation[];
  /** An unambiguous fix: replace `text` at the finding's location with `replacement`. */
  suggestion?: { text: string; replacement: string };
  /** Stable across line shifts (rule, file, subject, source line text): baselines and PR diffs match on it. */
  fingerprint?: string;
}

export const dotted = (name: readonly (string | null)[]): string => name.map((s) => (s === null ? "*" : s)).join(".");
