// Elixir source → facts, in one walk of tree-sitter's syntax tree: emit sites, wrapper summaries and
// their call sites, contract lists, Telemetry.Metrics definitions, reporter children, PromEx modules,
// Ecto repos, Plug.Telemetry prefixes, handlers, suppression comments, and mix.exs / mix.lock deps.
import { pushAll } from "../../util/collections.js";
import type { Node, Tree } from "web-tree-sitter";
import type {
  ContractList,
  EventPattern,
  FileFacts,
  LiteralArg,
  Location,
  MetricDefinition,
  MetricKind,
  PayloadKeys,
  ReporterKind,
  TemplateSegment,
} from "../../model.js";
import { emptyFacts } from "../../model.js";
import { elixirParser } from "./parser.js";
import { atomList, atomText, callArguments, evaluate, isSplice, isType, keyword, keywordPairs, named, operatorOf, typeOf, type Env, type Value } from "./values.js";

/** Modules and functions nested deeper than this are not analysed (reported once per file). */
const MAX_NESTING = 200;

const METRIC_KINDS = new Set<MetricKind>(["counter", "sum", "last_value", "summary", "distribution"]);

const REPORTERS: Record<string, ReporterKind> = {
  "TelemetryMetricsPrometheus.Core": "telemetry_metrics_prometheus_core",
  TelemetryMetricsPrometheus: "telemetry_metrics_prometheus",
  Peep: "peep",
  "Telemetry.Metrics.ConsoleReporter": "console",
  "TelemetryMetricsStatsd": "other",
  "TelemetryMetricsAppsignal": "other",
};

/** Modules whose calls are never project emit wrappers (keeps wrapper-call facts small). */
const LIBRARY_MODULES = /^(Enum|Map|MapSet|Keyword|List|String|Integer|Float|Atom|Tuple|Logger|Application|Process|GenServer|Supervisor|DynamicSupervisor|Agent|Task|Kernel|IO|File|Path|System|Code|Module|Macro|Registry|Stream|Access|Ecto|Phoenix|Plug|Telemetry\.Metrics|Jason|Req|Finch|Oban|Mix|ExUnit|Base|URI|DateTime|NaiveDateTime|Date|Time|Regex|Inspect|Protocol|Function|Port|Node|Exception|Application)(\.|$)/;

interface FunctionScope {
  name: string;
  arity: number;
  params: Map<string, number>;
  locals: Map<string, Value>;
}

/**
 * The aliases visible in a module: its own, then its enclosing modules'. Chained, not copied: a copy
 * per nested module grows with every sibling before it.
 */
class Aliases {
  private readonly own = new Map<string, string>();
  constructor(private readonly enclosing?: Aliases) {}

  get(name: string): string | undefined {
    for (let scope: Aliases | undefined = this; scope; scope = scope.enclosing) {
      const full = scope.own.get(name);
      if (full !== undefined) return full;
    }
    return undefined;
  }

  set(name: string, full: string): void {
    this.own.set(name, full);
  }
}

interface ModuleScope {
  name: string;
  aliases: Aliases;
  attributes: Map<string, { line: number; value: Value }[]>;
  importsMetrics: boolean;
  promExPlugin: boolean;
}

class Extractor {
  readonly facts: FileFacts;
  private readonly isMixExs: boolean;
  private readonly isMixLock: boolean;

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {
    this.facts = emptyFacts(file);
    this.facts.language = file.endsWith("mix.lock") || file.endsWith("mix.exs") ? "mix" : "elixir";
    this.isMixExs = /(^|\/)mix\.exs$/.test(file);
    this.isMixLock = /(^|\/)mix\.lock$/.test(file);
  }

  loc(node: Node): Location {
    return { file: this.file, line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
  }

  run(tree: Tree): void {
    const root = tree.rootNode;
    if (root.hasError) this.reportSyntaxError(root);
    if (this.text.includes("telemetry-drift-disable")) this.comments(root);
    if (this.isMixLock) return this.mixLock(root);
    const topScope: ModuleScope = { name: "", aliases: new Aliases(), attributes: new Map(), importsMetrics: false, promExPlugin: false };
    this.body(named(root), topScope, undefined);
  }

  private reportSyntaxError(root: Node): void {
    // The first ERROR or missing node, depth first through the children that contain errors. An explicit
    // stack: a broken file can nest thousands of levels deep.
    let first: Node | undefined;
    const stack: Node[] = [root];
    while (stack.length && !first) {
      const n = stack.pop()!;
      if (isType(n, "ERROR") || n.isMissing) {
        first = n;
        break;
      }
      const next: Node[] = [];
      for (const c of n.children) if (c && c.hasError) next.push(c);
      for (const c of n.children) if (c && (isType(c, "ERROR") || c.isMissing)) next.push(c);
      for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!);
    }
    const at = first ?? root;
    const near = at.isMissing ? `missing \`${typeOf(at)}\`` : `near \`${this.text.slice(at.startIndex, Math.min(at.endIndex, at.startIndex + 30)).split("\n")[0]}\``;
    this.facts.problems.push({ loc: this.loc(at), message: `${this.file}: Elixir syntax error ${near}; facts from the rest of the file are still used` });
  }

  // ---- module and function structure ----

  private body(nodes: Node[], scope: ModuleScope, fn: FunctionScope | undefined): void {
    for (const node of nodes) this.statement(node, scope, fn);
  }

  /** Modules and functions nested inside each other: real code nests a handful of levels. */
  private nesting = 0;
  private tooDeep = false;

  private statement(node: Node, scope: ModuleScope, fn: FunctionScope | undefined): void {
    if (this.nesting >= MAX_NESTING) {
      if (!this.tooDeep) {
        this.tooDeep = true;
        const at = this.loc(node);
        this.facts.problems.push({ loc: at, message: `${this.file}:${at.line}:${at.column}: modules or functions nested more than ${MAX_NESTING} levels deep; the part below is not analysed, facts from the rest of the file are still used` });
      }
      return;
    }
    this.nesting++;
    try {
      this.statementAt(node, scope, fn);
    } finally {
      this.nesting--;
    }
  }

  private statementAt(node: Node, scope: ModuleScope, fn: FunctionScope | undefined): void {
    if (isType(node, "unary_operator") && operatorOf(node) === "@") return this.attribute(node, scope, fn);
    if (isType(node, "call")) {
      const target = node.childForFieldName("target");
      if (isType(target, "identifier")) {
        switch (target.text) {
          case "defmodule":
            return this.defmodule(node, scope);
          case "def":
          case "defp":
            if (!fn) return this.def(node, scope);
            break;
          case "alias":
            return this.alias(node, scope);
          case "import":
            if (this.moduleArgument(node, scope) === "Telemetry.Metrics") scope.importsMetrics = true;
            return;
          case "use":
            return this.use(node, scope);
          case "plug":
            return this.plug(node, scope, fn);
          case "config":
            return this.config(node, scope);
        }
      }
    }
    this.expression(node, scope, fn);
  }

  private defmodule(node: Node, parent: ModuleScope): void {
    const nameNode = callArguments(node)[0];
    if (!nameNode) return;
    const local = isType(nameNode, "alias") ? nameNode.text : nameNode.text;
    const name = local.startsWith("__MODULE__") ? parent.name + local.slice(10) : parent.name ? `${parent.name}.${local}` : local;
    const scope: ModuleScope = { name, aliases: new Aliases(parent.aliases), attributes: new Map(), importsMetrics: parent.importsMetrics, promExPlugin: false };
    this.body(doBlock(node), scope, undefined);
    // `defmodule A.B.C` also aliases `A` inside its parent, for the statements after it (its own body
    // sees the parent's aliases as they stood before it).
    if (parent.name) parent.aliases.set(local.split(".")[0]!, `${parent.name}.${local.split(".")[0]}`);
  }

  private def(node: Node, scope: ModuleScope): void {
    const args = callArguments(node);
    let head = args[0];
    if (!head) return;
    if (isType(head, "binary_operator") && operatorOf(head) === "when") head = head.childForFieldName("left") ?? head;
    let name: string;
    let params: Node[] = [];
    if (isType(head, "identifier")) name = head.text;
    else if (isType(head, "call") && isType(head.childForFieldName("target"), "identifier")) {
      name = head.childForFieldName("target")!.text;
      params = callArguments(head);
    } else return;
    const fn: FunctionScope = { name, arity: params.length, params: new Map(), locals: new Map() };
    params.forEach((p, i) => {
      const id = isType(p, "binary_operator") && operatorOf(p) === "\\\\" ? p.childForFieldName("left") : p;
      if (isType(id, "identifier")) fn.params.set(id.text, i);
    });
    const bodyNodes = doBlock(node);
    const inline = args.find((a) => isType(a, "keywords"));
    const doValue = inline ? named(inline).find((p) => isType(p, "pair") && p.childForFieldName("key")?.text.startsWith("do:"))?.childForFieldName("value") : undefined;
    const statements = bodyNodes.length ? bodyNodes : doValue ? [doValue] : [];
    this.body(statements, scope, fn);
    const last = statements.at(-1);
    if (last) this.functionResult(last, scope, fn);
    this.metricListRef(statements, scope, fn);
  }

  private alias(node: Node, scope: ModuleScope): void {
    const args = callArguments(node);
    const first = args[0];
    if (!first) return;
    if (isType(first, "dot") && isType(first.childForFieldName("right"), "tuple")) {
      const base = this.resolveAlias(first.childForFieldName("left")!.text, scope);
      for (const child of named(first.childForFieldName("right"))) if (isType(child, "alias")) scope.aliases.set(child.text.split(".").at(-1)!, `${base}.${child.text}`);
      return;
    }
    if (!isType(first, "alias")) return;
    const full = this.resolveAlias(first.text, scope);
    const opts = args[1]?.type === "keywords" ? keywordPairs(args[1], this.env(scope, undefined)) : [];
    const as = opts.find(([k]) => k === "as")?.[1];
    scope.aliases.set(as?.kind === "alias" ? as.node.text : full.split(".").at(-1)!, full);
  }

  private use(node: Node, scope: ModuleScope): void {
    const module = this.moduleArgument(node, scope);
    const args = callArguments(node);
    const opts = args[1] ? evaluate(args[1], this.env(scope, undefined)) : undefined;
    if (module === "PromEx.Plugin") {
      scope.promExPlugin = true;
      scope.importsMetrics = true;
    } else if (module === "PromEx") {
      const otp = keyword(opts, "otp_app");
      if (otp?.kind === "atom") this.facts.promEx.push({ module: scope.name, otpApp: otp.value, plugins: [], loc: this.loc(node) });
    } else if (module === "Ecto.Repo") {
      const prefix = atomList(keyword(opts, "telemetry_prefix"));
      this.facts.ectoRepos.push({ module: scope.name, ...(prefix ? { telemetryPrefix: prefix } : {}), loc: this.loc(node) });
    }
  }

  private plug(node: Node, scope: ModuleScope, fn: FunctionScope | undefined): void {
    const args = callArguments(node);
    if (this.moduleArgument(node, scope) !== "Plug.Telemetry") return;
    const opts = args[1] ? evaluate(args[1], this.env(scope, fn)) : undefined;
    const prefix = atomList(keyword(opts, "event_prefix"));
    if (prefix) this.facts.plugTelemetry.push({ prefix, loc: this.loc(node) });
    else this.facts.dynamicEmits.push({ loc: this.loc(node), expression: args[1]?.text ?? "", reason: "the Plug.Telemetry event_prefix is not a literal atom list" });
  }

  /** `config :app, MyApp.Repo, telemetry_prefix: […]` and `config :prom_ex, :storage_adapter, M`. */
  private config(node: Node, scope: ModuleScope): void {
    const env = this.env(scope, undefined);
    const args = callArguments(node).map((a) => evaluate(a, env));
    const [app, second, third] = args;
    if (app?.kind !== "atom") return;
    if (app.value === "prom_ex" && second?.kind === "atom" && second.value === "storage_adapter" && third?.kind === "alias") {
      this.facts.promExStorage = { adapter: third.value, loc: this.loc(node) };
      return;
    }
    if (second?.kind === "alias") {
      const prefix = atomList(keyword(third, "telemetry_prefix"));
      if (prefix) this.facts.ectoRepos.push({ module: second.value, telemetryPrefix: prefix, loc: this.loc(node) });
    }
  }

  private attribute(node: Node, scope: ModuleScope, fn: FunctionScope | undefined): void {
    const operand = node.childForFieldName("operand");
    if (!isType(operand, "call")) return this.expression(node, scope, fn);
    const target = operand.childForFieldName("target");
    const valueNode = callArguments(operand)[0];
    if (!isType(target, "identifier") || !valueNode) return;
    const value = evaluate(valueNode, this.env(scope, fn));
    const list = scope.attributes.get(target.text) ?? [];
    list.push({ line: node.startPosition.row + 1, value });
    scope.attributes.set(target.text, list);
    this.expression(valueNode, scope, fn);
  }

  // ---- expressions ----

  private expression(node: Node, scope: ModuleScope, fn: FunctionScope | undefined): void {
    const stack: Node[] = [node];
    while (stack.length) {
      const current = stack.pop()!;
      if (isType(current, "call")) {
        if (this.call(current, scope, fn)) continue;
      } else if (isType(current, "tuple")) {
        this.childSpec(current, scope, fn);
      } else if (isType(current, "binary_operator") && operatorOf(current) === "=" && fn) {
        const left = current.childForFieldName("left");
        if (isType(left, "identifier")) fn.locals.set(left.text, evaluate(current.childForFieldName("right"), this.env(scope, fn)));
      } else if (isType(current, "unary_operator") && operatorOf(current) === "@") {
        continue;
      }
      const children = named(current);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }

  /** Handles one call; returns true when its arguments need no further walking. */
  private call(node: Node, scope: ModuleScope, fn: FunctionScope | undefined): boolean {
    const target = node.childForFieldName("target");
    if (!target) return false;
    if (isType(target, "identifier") && (target.text === "defmodule" || target.text === "def" || target.text === "defp")) {
      this.statement(node, scope, fn);
      return true;
    }
    const env = this.env(scope, fn);
    if (isType(target, "dot")) {
      const left = target.childForFieldName("left");
      const right = target.childForFieldName("right");
      const leftAtom = left ? atomText(left) : undefined;
      const fnName = right?.text;
      if (leftAtom === "telemetry" && (fnName === "execute" || fnName === "span")) {
        this.telemetryEmit(node, fnName, scope, fn);
        return false;
      }
      if ((leftAtom === "telemetry" && (fnName === "attach" || fnName === "attach_many")) || (leftAtom === "telemetry_test" && fnName === "attach_event_handlers")) {
        this.handler(node, fnName!, leftAtom === "telemetry_test", scope, fn);
        return false;
      }
      if (isType(left, "alias") && fnName && METRIC_KINDS.has(fnName as MetricKind) && this.resolveAlias(left.text, scope) === "Telemetry.Metrics") {
        this.metric(node, fnName as MetricKind, scope, fn);
        return true;
      }
      if (isType(left, "alias") && fnName === "child_spec") {
        const reporter = REPORTERS[this.resolveAlias(left.text, scope)];
        if (reporter) this.reporter(reporter, evaluate(callArguments(node)[0], env), node, scope, fn);
      }
    } else if (isType(target, "identifier") && METRIC_KINDS.has(target.text as MetricKind) && (scope.importsMetrics || scope.promExPlugin)) {
      this.metric(node, target.text as MetricKind, scope, fn);
      return true;
    }
    if (this.isMixExs && isType(target, "identifier") && target.text === "deps") return false;
    this.wrapperCall(node, scope, fn);
    return false;
  }

  private telemetryEmit(node: Node, kind: "execute" | "span", scope: ModuleScope, fn: FunctionScope | undefined): void {
    const env = this.env(scope, fn);
    const args = callArguments(node);
    const eventNode = args[0];
    if (!eventNode) return;
    const shape = eventShape(evaluate(eventNode, env));
    const measurementsArg = args[1] ? evaluate(args[1], env) : undefined;
    const metadataArg = args[2] ? evaluate(args[2], env) : undefined;
    const keys: PayloadKeys = {
      measurements: measurementsArg?.kind === "map" ? measurementsArg.keys : null,
      metadata: kind === "execute" && args.length === 2 ? [] : metadataArg?.kind === "map" ? metadataArg.keys : null,
    };
    if (!shape) {
      this.facts.dynamicEmits.push({ loc: this.loc(node), expression: eventNode.text, reason: `the event \`${eventNode.text}\` is not a literal list, a module attribute or a list built from them` });
      return;
    }
    if (fn && shape.some((s) => s.kind === "param" || s.kind === "splice")) {
      // A wrapper: summarise it; call sites elsewhere instantiate the template.
      const template: TemplateSegment[] = shape.map((s) => (s.kind === "spliceUnknown" ? { kind: "unknown" } : s));
      const measurementsParam = measurementsArg?.kind === "unknown" ? measurementsArg.param : undefined;
      const metadataParam = metadataArg?.kind === "unknown" ? metadataArg.param : undefined;
      this.facts.wrappers.push({
        function: `${scope.name}.${fn.name}/${fn.arity}`,
        via: kind,
        template,
        keys: kind === "span" ? { measurements: null, metadata: null } : keys,
        ...(measurementsParam !== undefined ? { measurementsParam } : {}),
        ...(metadataParam !== undefined ? { metadataParam } : {}),
        loc: this.loc(node),
      });
      return;
    }
    if (shape.some((s) => s.kind === "spliceUnknown")) {
      this.facts.dynamicEmits.push({ loc: this.loc(node), expression: eventNode.text, reason: "part of the event list is not known statically" });
      return;
    }
    const event: EventPattern = shape.map((s) => (s.kind === "literal" ? s.value : null));
    const partly = event.includes(null) ? "partly dynamic event" : undefined;
    if (kind === "execute") {
      this.facts.emits.push({ event, loc: this.loc(node), via: "execute", keys, ...(partly ? { note: partly } : {}) });
      return;
    }
    const stopMeta = spanStopMetadata(args[2], env);
    const startMeta = metadataArgKeys(args[1], env);
    const spanKeys: [string, PayloadKeys][] = [
      ["start", { measurements: ["monotonic_time", "system_time"], metadata: startMeta }],
      ["stop", { measurements: ["duration", "monotonic_time", ...(stopMeta.extra ?? [])], metadata: stopMeta.metadata }],
      ["exception", { measurements: ["duration", "monotonic_time"], metadata: startMeta ? [...startMeta, "kind", "reason", "stacktrace"] : null }],
    ];
    for (const [suffix, k] of spanKeys) {
      this.facts.emits.push({ event: [...event, suffix], loc: this.loc(node), via: "span", keys: k, ...(event.every((s) => s !== null) ? { spanPrefix: event as string[] } : {}), ...(partly ? { note: partly } : {}) });
    }
  }

  private handler(node: Node, kind: string, testOnly: boolean, scope: ModuleScope, fn: FunctionScope | undefined): void {
    const env = this.env(scope, fn);
    const args = callArguments(node);
    const eventsNode = kind === "attach_event_handlers" ? args[1] : args[1];
    if (!eventsNode) return;
    const value = evaluate(eventsNode, env);
    const idValue = kind === "attach_event_handlers" ? undefined : args[0] ? evaluate(args[0], env) : undefined;
    const handlerId = idValue?.kind === "string" || idValue?.kind === "atom" ? idValue.value : undefined;
    const events: EventPattern[] = [];
    const many = kind !== "attach";
    const candidates = many ? (value.kind === "list" && !value.tail ? value.items : undefined) : [value];
    let unresolved = candidates === undefined;
    for (const item of candidates ?? []) {
      const shape = eventShape(item);
      if (!shape || shape.some((s) => s.kind !== "literal" && s.kind !== "unknown")) {
        unresolved = true;
        continue;
      }
      events.push(shape.map((s) => (s.kind === "literal" ? s.value : null)));
    }
    if (events.length) this.facts.handlers.push({ events, loc: this.loc(node), ...(handlerId ? { handlerId } : {}), ...(testOnly ? { testOnly: true } : {}) });
    if (unresolved) {
      const expression = value.kind === "call" ? `${value.function}()` : eventsNode.text;
      this.facts.dynamicHandlers.push({ loc: this.loc(node), expression });
    }
  }

  private metric(node: Node, kind: MetricKind, scope: ModuleScope, fn: FunctionScope | undefined): void {
    const env = this.env(scope, fn);
    const args = callArguments(node);
    const nameValue = args[0] ? evaluate(args[0], env) : undefined;
    const name = metricName(nameValue);
    if (!name || name.length === 0) {
      (this.facts.dynamicMetrics ??= []).push({ loc: this.loc(node), expression: args[0]?.text ?? "" });
      return;
    }
    const opts = args[1] ? evaluate(args[1], env) : undefined;
    const eventOpt = keyword(opts, "event_name");
    const event = eventOpt ? metricName(eventOpt) : name.slice(0, -1);
    if (!event || event.length === 0) {
      (this.facts.dynamicMetrics ??= []).push({ loc: this.loc(node), expression: node.text.slice(0, 120) });
      return;
    }
    const measurementOpt = keyword(opts, "measurement");
    const measurement = measurementOpt === undefined ? name.at(-1)! : measurementOpt.kind === "atom" ? measurementOpt.value : null;
    const tagsOpt = keyword(opts, "tags");
    const tags = tagsOpt === undefined ? [] : tagsOpt.kind === "list" && !tagsOpt.tail && tagsOpt.items.every((i) => i.kind === "atom" || i.kind === "string") ? tagsOpt.items.map((i) => (i as { value: string }).value) : null;
    const unitOpt = keyword(opts, "unit");
    const unit = unitOpt?.kind === "atom" ? unitOpt.value : unitOpt?.kind === "tuple" && unitOpt.items[1]?.kind === "atom" ? unitOpt.items[1].value : undefined;
    const reporterOptions = keyword(opts, "reporter_options");
    const bucketsOpt = keyword(reporterOptions, "buckets");
    const buckets: MetricDefinition["buckets"] =
      bucketsOpt === undefined
        ? { state: "missing" }
        : bucketsOpt.kind === "list" && !bucketsOpt.tail && bucketsOpt.items.every((i) => i.kind === "number")
          ? { state: "literal", values: bucketsOpt.items.map((i) => (i as { value: number }).value) }
          : { state: "dynamic", expression: bucketsOpt.node.text };
    const typeOpt = keyword(reporterOptions, "prometheus_type");
    const prometheusType = typeOpt === undefined ? undefined : typeOpt.kind === "atom" ? typeOpt.value : typeOpt.node.text;
    const description = keyword(opts, "description");
    this.facts.metrics.push({
      kind,
      name,
      event,
      measurement,
      tags,
      ...(unit ? { unit } : {}),
      buckets,
      ...(prometheusType !== undefined ? { prometheusType } : {}),
      ...(description?.kind === "string" ? { description: description.value } : {}),
      loc: this.loc(node),
      list: fn ? `${scope.name}.${fn.name}/${fn.arity}` : scope.name,
      ...(scope.promExPlugin ? { promExPlugin: scope.name } : {}),
      language: "elixir",
    });
  }

  /** Child specs in a list: `{TelemetryMetricsPrometheus.Core, metrics: …}`, `{:telemetry_poller, …}`. */
  private childSpec(node: Node, scope: ModuleScope, fn: FunctionScope | undefined): void {
    const items = named(node);
    const head = items[0];
    if (!head || items.length !== 2) return;
    const env = this.env(scope, fn);
    if (isType(head, "alias")) {
      const reporter = REPORTERS[this.resolveAlias(head.text, scope)];
      if (reporter) this.reporter(reporter, evaluate(items[1], env), node, scope, fn);
      return;
    }
    if (atomText(head) === "telemetry_poller") {
      const measurements = keyword(evaluate(items[1], env), "measurements");
      if (measurements?.kind !== "list") return;
      for (const m of measurements.items) {
        if (m.kind !== "tuple" || m.items[0]?.kind !== "atom" || m.items[0].value !== "process_info") continue;
        const opts = m.items[1];
        const event = atomList(keyword(opts, "event"));
        const keys = atomList(keyword(opts, "keys"));
        if (event) this.facts.emits.push({ event, loc: this.loc(m.node), via: "poller", keys: { measurements: keys ?? null, metadata: ["name"] }, note: "telemetry_poller process_info" });
      }
    }
  }

  private reporter(kind: ReporterKind, opts: Value, node: Node, scope: ModuleScope, fn: FunctionScope | undefined): void {
    const metrics = keyword(opts, "metrics");
    const lists = metrics ? listReferences(metrics, this.env(scope, fn)) : [];
    this.facts.reporters.push({ reporter: kind, lists, loc: this.loc(node) });
  }

  /** `def plugins` of a PromEx module, and contract lists (`def all, do: [[:a, :b], …]`). */
  private functionResult(last: Node, scope: ModuleScope, fn: FunctionScope): void {
    // Only these two shapes use the function's value: it is folded for them alone.
    const promEx = fn.name === "plugins" ? this.facts.promEx.find((p) => p.module === scope.name) : undefined;
    const looksLikeContract = fn.arity === 0 && (/Telemetry|Events?\b|Event\./.test(scope.name) || /^(all|events|event_names|list_events|list)$/.test(fn.name));
    if (!promEx && !looksLikeContract) return;
    const value = evaluate(last, this.env(scope, fn));
    if (promEx && value.kind === "list") {
      for (const item of value.items) {
        if (item.kind === "alias") promEx.plugins.push({ module: item.value, options: {}, loc: this.loc(item.node) });
        else if (item.kind === "tuple" && item.items[0]?.kind === "alias") promEx.plugins.push({ module: item.items[0].value, options: pluginOptions(item.items[1]), loc: this.loc(item.node) });
      }
      return;
    }
    if (!looksLikeContract || value.kind !== "list" || value.tail || value.items.length === 0) return;
    const events = value.items.map((item) => ({ item, names: atomList(item) }));
    if (!events.every((e) => e.names && e.names.length >= 2)) return;
    const contract: ContractList = {
      name: `${scope.name}.${fn.name}/0`,
      loc: this.loc(last),
      events: events.map((e) => ({ event: e.names!, loc: this.loc(e.item.node), contract: `${scope.name}.${fn.name}/0` })),
    };
    this.facts.contracts.push(contract);
  }

  /** Records which functions a function's body calls, so metric lists composed of helpers are followed. */
  private metricListRef(statements: Node[], scope: ModuleScope, fn: FunctionScope): void {
    const includes = new Set<string>();
    const env = this.env(scope, fn);
    const stack = [...statements];
    while (stack.length) {
      const node = stack.pop()!;
      if (isType(node, "call")) {
        const target = node.childForFieldName("target");
        const name = this.resolveFunction(node, scope);
        if (name && !(isType(target, "identifier") && METRIC_KINDS.has(target.text as MetricKind)) && !LIBRARY_MODULES.test(name)) {
          includes.add(`${name}/${callArguments(node).length}`);
        }
      } else if (isType(node, "unary_operator") && operatorOf(node) === "&") {
        const ref = captureReference(node, env);
        if (ref) includes.add(ref);
      }
      pushAll(stack, named(node));
    }
    if (includes.size) this.facts.metricLists.push({ list: `${scope.name}.${fn.name}/${fn.arity}`, includes: [...includes].sort(), loc: this.loc(statements[0]!) });
  }

  private wrapperCall(node: Node, scope: ModuleScope, fn: FunctionScope | undefined): void {
    const name = this.resolveFunction(node, scope);
    if (!name || LIBRARY_MODULES.test(name) || name.startsWith(":")) return;
    const argNodes = callArguments(node);
    if (argNodes.length === 0) return;
    const env = this.env(scope, fn);
    const args = argNodes.map((a) => literalArg(evaluate(a, env)));
    if (!args.some((a) => a.kind === "atom" || (a.kind === "list" && a.items.some((i) => i.kind === "atom")))) return;
    this.facts.wrapperCalls.push({ function: `${name}/${argNodes.length}`, args, loc: this.loc(node) });
  }

  // ---- mix ----

  private mixLock(root: Node): void {
    const map = named(root).find((n) => isType(n, "map"));
    const content = named(map).find((c) => isType(c, "map_content"));
    for (const entry of named(content)) {
      if (!isType(entry, "keywords")) continue;
      for (const pair of named(entry)) {
        const key = pair.childForFieldName("key");
        if (!key) continue;
        const name = isType(key, "quoted_keyword") ? named(key).find((c) => isType(c, "quoted_content"))?.text : key.text.replace(/:\s*$/, "");
        if (name) this.facts.dependencies.push({ name, source: "mix.lock", loc: this.loc(key) });
      }
    }
  }

  // ---- comments ----

  private comments(root: Node): void {
    const codeFrom = nextCodeLines(this.text.split("\n"));
    // Depth first, in source order, with an explicit stack (no recursion on deeply nested files).
    const stack: Node[] = [root];
    while (stack.length) {
      const node = stack.pop()!;
      const children = node.children;
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child && (isType(child, "comment") || child.childCount)) stack.push(child);
      }
      if (!isType(node, "comment") || node === root) continue;
      const m = /^#\s*telemetry-drift-disable-(next-line|line)\b(.*)$/.exec(node.text);
      if (m) {
        const rules = m[2]!.split(/[\s,]+/).filter(Boolean);
        const row = node.startPosition.row;
        const target = m[1] === "line" ? row : codeFrom[row + 1]!;
        this.facts.suppressions.push({ loc: this.loc(node), targetLine: target + 1, rules });
      }
    }
  }

  // ---- resolution ----

  env(scope: ModuleScope, fn: FunctionScope | undefined): Env {
    return {
      attribute: (name, line) => {
        const defs = scope.attributes.get(name);
        if (!defs) return undefined;
        // Definitions are recorded in source order: the last one on or above `line` (else the first).
        let after = 0;
        for (let end = defs.length; after < end; ) {
          const mid = (after + end) >>> 1;
          if (defs[mid]!.line <= line) after = mid + 1;
          else end = mid;
        }
        return defs[Math.max(after - 1, 0)]!.value;
      },
      params: fn?.params ?? new Map(),
      locals: fn?.locals ?? new Map(),
      resolveFunction: (node) => this.resolveFunction(node, scope),
      resolveAlias: (text) => this.resolveAlias(text, scope),
    };
  }

  resolveAlias(text: string, scope: ModuleScope): string {
    if (text.startsWith("__MODULE__")) return scope.name + text.slice(10);
    const [head, ...rest] = text.split(".");
    const expanded = scope.aliases.get(head!);
    return expanded ? [expanded, ...rest].join(".") : text;
  }

  private moduleArgument(node: Node, scope: ModuleScope): string | undefined {
    const first = callArguments(node)[0];
    if (isType(first, "alias")) return this.resolveAlias(first.text, scope);
    if (isType(first, "identifier") && first.text === "__MODULE__") return scope.name;
    return undefined;
  }

  /** `Mod.fun(...)` → "Mod.fun" (aliases expanded); `fun(...)` → "<enclosing module>.fun". */
  resolveFunction(node: Node, scope: ModuleScope): string | undefined {
    const target = node.childForFieldName("target");
    if (!target) return undefined;
    if (isType(target, "identifier")) return scope.name ? `${scope.name}.${target.text}` : undefined;
    if (isType(target, "dot")) {
      const left = target.childForFieldName("left");
      const right = target.childForFieldName("right");
      if (!isType(right, "identifier") || !left) return undefined;
      if (isType(left, "alias")) return `${this.resolveAlias(left.text, scope)}.${right.text}`;
      if (isType(left, "identifier") && left.text === "__MODULE__") return `${scope.name}.${right.text}`;
      const atom = atomText(left);
      if (atom !== undefined) return `:${atom}.${right.text}`;
    }
    return undefined;
  }
}

// ---- helpers --------------------------------------------------------------------------------------

/**
 * For each line index (and one past the last), the first line at or after it that is neither blank nor
 * a comment: what a disable-next-line comment above it applies to. One pass from the end, so a run of
 * such comments is not rescanned for each of them.
 */
function nextCodeLines(lines: string[]): number[] {
  const next = new Array<number>(lines.length + 1);
  next[lines.length] = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) next[i] = /^\s*(#.*)?$/.test(lines[i]!) ? next[i + 1]! : i;
  return next;
}

function doBlock(node: Node): Node[] {
  const block = named(node).find((c) => isType(c, "do_block"));
  return named(block);
}

type Segment = { kind: "literal"; value: string } | { kind: "param"; index: number } | { kind: "splice"; index: number } | { kind: "unknown" } | { kind: "spliceUnknown" };

/** An event value → segments; undefined when it is not an event-shaped list at all. */
function eventShape(value: Value): Segment[] | undefined {
  if (value.kind === "unknown") return value.param !== undefined ? [{ kind: "splice", index: value.param }] : undefined;
  if (value.kind !== "list") return undefined;
  const out: Segment[] = [];
  for (const item of value.items) {
    if (item.kind === "atom") out.push({ kind: "literal", value: item.value });
    else if (item.kind === "unknown" && isSplice(item)) out.push(item.param !== undefined ? { kind: "splice", index: item.param } : { kind: "spliceUnknown" });
    else if (item.kind === "unknown" && item.param !== undefined) out.push({ kind: "param", index: item.param });
    else if (item.kind === "list" && !item.tail && item.items.every((i) => i.kind === "atom")) return undefined;
    else out.push({ kind: "unknown" });
  }
  if (value.tail) {
    if (value.tail.kind === "unknown" && value.tail.param !== undefined) out.push({ kind: "splice", index: value.tail.param });
    else out.push({ kind: "spliceUnknown" });
  }
  return out.length ? out : undefined;
}

/** A metric or event name: "a.b.c" (split on dots) or an atom list. */
function metricName(value: Value | undefined): string[] | undefined {
  if (!value) return undefined;
  if (value.kind === "string") {
    const parts = value.value.split(".");
    return parts.every((p) => p.length > 0) ? parts : undefined;
  }
  return atomList(value);
}

function metadataArgKeys(node: Node | undefined, env: Env): string[] | null {
  const value = node ? evaluate(node, env) : undefined;
  return value?.kind === "map" ? value.keys : null;
}

/** The stop metadata of a span: the map in the fn's returned `{result, meta}` or `{result, extra, meta}`. */
function spanStopMetadata(fnNode: Node | undefined, env: Env): { metadata: string[] | null; extra?: string[] } {
  if (!isType(fnNode, "anonymous_function")) return { metadata: null };
  const clause = named(fnNode).find((c) => isType(c, "stab_clause"));
  const body = clause?.childForFieldName("right");
  const last = named(body).at(-1);
  if (!isType(last, "tuple")) return { metadata: null };
  const items = named(last).map((i) => evaluate(i, env));
  if (items.length === 2 && items[1]?.kind === "map") return { metadata: items[1].keys };
  if (items.length === 3 && items[2]?.kind === "map") return { metadata: items[2].keys, ...(items[1]?.kind === "map" ? { extra: items[1].keys } : {}) };
  return { metadata: null };
}

/** Metric list references in a `metrics:` option: calls, captures, lists of them, `a() ++ b()`. */
function listReferences(value: Value, env: Env): string[] {
  switch (value.kind) {
    case "call":
      return [`${value.function}/${value.args.length}`];
    case "list":
      return [...value.items.flatMap((i) => listReferences(i, env)), ...(value.tail ? listReferences(value.tail, env) : [])];
    case "unknown": {
      const ref = isType(value.node, "unary_operator") ? captureReference(value.node, env) : undefined;
      return ref ? [ref] : [];
    }
    default:
      return [];
  }
}

/** `&Mod.metrics/0` → "Mod.metrics/0". */
function captureReference(node: Node, env: Env): string | undefined {
  const operand = node.childForFieldName("operand");
  if (!isType(operand, "binary_operator") || operatorOf(operand) !== "/") return undefined;
  const call = operand.childForFieldName("left");
  const arity = operand.childForFieldName("right");
  if (!isType(call, "call") || !isType(arity, "integer")) return undefined;
  const fn = env.resolveFunction(call);
  return fn ? `${fn}/${arity.text}` : undefined;
}

function pluginOptions(value: Value | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (value?.kind !== "keywords") return out;
  for (const [key, v] of value.pairs) {
    if (v.kind === "atom" || v.kind === "string" || v.kind === "alias") out[key] = v.value;
    else {
      const list = atomList(v);
      if (list) out[key] = list;
    }
  }
  return out;
}

function literalArg(value: Value): LiteralArg {
  switch (value.kind) {
    case "atom":
      return { kind: "atom", value: value.value };
    case "list":
      return value.tail ? { kind: "unknown", text: value.node.text } : { kind: "list", items: value.items.map(literalArg) };
    case "map":
      return { kind: "map", keys: value.keys };
    default:
      return { kind: "unknown", text: value.node?.text?.slice(0, 80) ?? "" };
  }
}

/** mix.exs deps: `{:name, …}` tuples in the list returned by `deps/0`. */
function mixDependencies(extractor: Extractor, root: Node): void {
  // Depth first in source order, with an explicit stack (a broken mix.exs can nest very deep).
  const stack: { node: Node; inDeps: boolean }[] = [{ node: root, inDeps: false }];
  const push = (nodes: Node[], inDeps: boolean): void => {
    for (let i = nodes.length - 1; i >= 0; i--) stack.push({ node: nodes[i]!, inDeps });
  };
  while (stack.length) {
    const { node, inDeps } = stack.pop()!;
    if (isType(node, "call")) {
      const target = node.childForFieldName("target");
      if (isType(target, "identifier") && (target.text === "defp" || target.text === "def")) {
        const head = callArguments(node)[0];
        const name = isType(head, "identifier") ? head.text : head?.childForFieldName("target")?.text;
        if (name === "deps") {
          push(named(node), true);
          continue;
        }
      }
    }
    if (inDeps && isType(node, "tuple")) {
      const first = named(node)[0];
      const name = first ? atomText(first) : undefined;
      if (name) extractor.facts.dependencies.push({ name, source: "mix.exs", loc: extractor.loc(first!) });
      continue;
    }
    push(named(node), inDeps);
  }
}

export function extractElixirFacts(file: string, text: string): FileFacts {
  const extractor = new Extractor(file, text);
  let tree: Tree | null = null;
  try {
    tree = elixirParser().parse(text);
    if (!tree) throw new Error("the parser returned no tree");
    extractor.run(tree);
    if (/(^|\/)mix\.exs$/.test(file)) mixDependencies(extractor, tree.rootNode);
  } catch (error) {
    extractor.facts.problems.push({ loc: { file, line: 1, column: 1 }, message: `${file}: could not be analysed (${(error as Error).message})` });
  } finally {
    tree?.delete();
  }
  return extractor.facts;
}

