// TypeScript/JavaScript source → facts, on typescript-estree (the real TS parser). Recognises
// OpenTelemetry instruments and their record sites, prom-client metrics and their calls,
// collectDefaultMetrics, node:diagnostics_channel channels, configured in-house emitters and consumers,
// typed event contracts, and `// telemetry-drift-disable-next-line` comments.
import { createRequire } from "node:module";
import type { TSESTree } from "@typescript-eslint/typescript-estree";

// typescript-estree pulls in TypeScript itself (~240 ms to load): loaded before the first TS parse only,
// so an Elixir-only project or a fully cached run never pays for it. The engine loads it with a dynamic
// import (which a bundler can follow); synchronous callers (the ESLint plugin) fall back to require.
type Estree = typeof import("@typescript-eslint/typescript-estree");
let parser: Estree | undefined;

export async function loadTypeScriptParser(): Promise<void> {
  // A CommonJS module imported from ESM: Node names its exports; a split bundle (the Action's) may only
  // give `default`.
  const loaded = (await import("@typescript-eslint/typescript-estree")) as Estree & { default?: Estree };
  parser ??= typeof loaded.parse === "function" ? loaded : loaded.default!;
}

const parse = (...args: Parameters<Estree["parse"]>) => (parser ??= createRequire(import.meta.url)("@typescript-eslint/typescript-estree") as Estree).parse(...args);
import type { ContractList, EmitSite, FileFacts, InstrumentUse, Location, MetricDefinition, MetricKind, SymbolicPart } from "../../model.js";
import { emptyFacts } from "../../model.js";
import { memberKey, numberArrayOf, resolveValue, stringArrayOf, stringOf, type ConstScope, type Resolved } from "./values.js";
import { lineStartsOf, positionAt } from "./positions.js";

type Node = TSESTree.Node;

export interface CallPattern {
  callee: string;
  eventArgument?: number;
  format?: "dotted" | "segments";
  kind?: "execute" | "span";
}

export interface TypeScriptOptions {
  emitters?: CallPattern[];
  consumers?: CallPattern[];
}

const OTEL_FACTORIES: Record<string, { type: string; kind: MetricKind }> = {
  createCounter: { type: "Counter", kind: "counter" },
  createUpDownCounter: { type: "UpDownCounter", kind: "sum" },
  createHistogram: { type: "Histogram", kind: "distribution" },
  createGauge: { type: "Gauge", kind: "last_value" },
  createObservableCounter: { type: "ObservableCounter", kind: "counter" },
  createObservableUpDownCounter: { type: "ObservableUpDownCounter", kind: "sum" },
  createObservableGauge: { type: "ObservableGauge", kind: "last_value" },
};

const PROM_CLASSES: Record<string, MetricKind> = { Counter: "counter", Gauge: "last_value", Histogram: "distribution", Summary: "summary" };

/** Methods that record a value (or bind labels) on an instrument. */
const RECORD_METHODS = new Set(["add", "record", "inc", "dec", "set", "observe", "startTimer", "labels", "zero", "setToCurrentTime", "remove", "reset", "addCallback", "get"]);

const TRACING_EVENTS = ["start", "end", "asyncStart", "asyncEnd", "error"];

interface Binding {
  /** The instrument key this local name holds. */
  instrument?: string;
  /** A diagnostics channel name (or a tracing channel's base name). */
  channel?: { name: string; tracing: boolean };
  /** An OpenTelemetry meter. */
  meter?: { name?: string; version?: string };
}

class Extractor {
  readonly facts: FileFacts;
  private readonly scope: ConstScope = { constants: new Map(), enums: new Map(), imports: new Map() };
  private readonly bindings = new Map<string, Binding>();
  private readonly promClientNames = new Set<string>(); // local names of prom-client's namespace or classes
  private readonly promClasses = new Map<string, string>(); // local class name → prom-client class
  private readonly dcNames = new Set<string>(); // local names bound to node:diagnostics_channel
  private readonly dcFunctions = new Map<string, string>(); // channel/tracingChannel/subscribe imported by name
  private readonly uses: InstrumentUse[] = [];
  private readonly exported = new Map<string, string>(); // export name → local name

  /** Where the source's lines start (positions.ts), made on the first location asked for. */
  private lineStarts: number[] | undefined;

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly options: TypeScriptOptions,
  ) {
    this.facts = emptyFacts(file);
    this.facts.language = "typescript";
  }

  loc(node: { range: TSESTree.Range }, end = false): Location {
    const { line, column } = positionAt((this.lineStarts ??= lineStartsOf(this.text)), node.range[end ? 1 : 0]);
    return { file: this.file, line, column: column + 1 };
  }

  /** `path#?line:column` of an instrument bound to nothing. */
  private anonymousKey(node: Node): string {
    const { line, column } = this.loc(node);
    return `${this.file}#?${line}:${column}`;
  }

  run(program: TSESTree.Program): void {
    for (const statement of program.body) this.collectDeclarations(statement);
    this.walk(program, []);
    this.facts.instrumentUses = this.uses;
    this.facts.moduleExports = this.exports();
  }

  // ---- declarations: imports, constants, enums, exports ----

  private collectDeclarations(statement: Node): void {
    if (statement.type === "ImportDeclaration") {
      const specifier = String(statement.source.value);
      for (const s of statement.specifiers) {
        const imported = s.type === "ImportDefaultSpecifier" ? "default" : s.type === "ImportNamespaceSpecifier" ? "*" : s.imported.type === "Identifier" ? s.imported.name : String(s.imported.value);
        this.scope.imports.set(s.local.name, { specifier, imported });
        this.noteLibraryImport(specifier, imported, s.local.name);
      }
      return;
    }
    if (statement.type === "ExportNamedDeclaration") {
      if (statement.declaration) {
        this.collectDeclarations(statement.declaration);
        for (const name of declaredNames(statement.declaration)) this.exported.set(name, name);
      }
      for (const s of statement.specifiers) {
        if (s.local.type === "Identifier" && s.exported.type === "Identifier" && !statement.source) this.exported.set(s.exported.name, s.local.name);
      }
      return;
    }
    if (statement.type === "ExpressionStatement" && statement.expression.type === "AssignmentExpression") {
      this.commonJsExport(statement.expression);
      return;
    }
    if (statement.type === "VariableDeclaration") {
      for (const d of statement.declarations) {
        if (d.id.type === "ObjectPattern" && d.init && requireSpecifier(d.init)) {
          // `const { a, b: c } = require("./metrics")`
          const specifier = requireSpecifier(d.init)!;
          for (const p of d.id.properties) {
            if (p.type !== "Property" || p.key.type !== "Identifier" || p.value.type !== "Identifier") continue;
            this.scope.imports.set(p.value.name, { specifier, imported: p.key.name });
          }
          continue;
        }
        if (d.id.type !== "Identifier" || !d.init) continue;
        const required = requireSpecifier(d.init);
        if (required && !this.scope.imports.has(d.id.name)) this.scope.imports.set(d.id.name, { specifier: required, imported: "*" });
        if (statement.kind === "const") this.scope.constants.set(d.id.name, d.init);
        this.noteRequire(d.id.name, d.init);
      }
      return;
    }
    if (statement.type === "TSEnumDeclaration") {
      const values: Record<string, string | number> = {};
      for (const member of statement.body?.members ?? []) {
        const key = member.id.type === "Identifier" ? member.id.name : String((member.id as TSESTree.Literal).value);
        const v = member.initializer ? resolveValue(member.initializer, this.scope) : undefined;
        if (v?.kind === "const" && (typeof v.value === "string" || typeof v.value === "number")) values[key] = v.value;
      }
      this.scope.enums.set(statement.id.name, values);
      this.enumContract(statement, values);
    }
  }

  private noteLibraryImport(specifier: string, imported: string, local: string): void {
    if (specifier === "prom-client") {
      if (imported === "default" || imported === "*") this.promClientNames.add(local);
      else if (imported in PROM_CLASSES) this.promClasses.set(local, imported);
      else if (imported === "collectDefaultMetrics") this.dcFunctions.set(local, "collectDefaultMetrics");
    }
    if (specifier === "diagnostics_channel" || specifier === "node:diagnostics_channel") {
      if (imported === "default" || imported === "*") this.dcNames.add(local);
      else this.dcFunctions.set(local, imported);
    }
  }

  /** `module.exports = { a, b: c }`, `module.exports.a = a`, `exports.a = a`. */
  private commonJsExport(assignment: TSESTree.AssignmentExpression): void {
    const left = memberPath(assignment.left);
    if (left === "module.exports" && assignment.right.type === "ObjectExpression") {
      for (const p of assignment.right.properties) {
        if (p.type !== "Property" || p.computed) continue;
        const key = p.key.type === "Identifier" ? p.key.name : p.key.type === "Literal" ? String(p.key.value) : undefined;
        if (key && p.value.type === "Identifier") this.exported.set(key, p.value.name);
      }
      return;
    }
    const match = left ? /^(?:module\.)?exports\.(\w+)$/.exec(left) : null;
    if (match && assignment.right.type === "Identifier") this.exported.set(match[1]!, assignment.right.name);
  }

  private noteRequire(local: string, init: Node): void {
    if (init.type === "CallExpression" && init.callee.type === "Identifier" && init.callee.name === "require" && init.arguments[0]?.type === "Literal") {
      this.noteLibraryImport(String(init.arguments[0].value), "default", local);
    }
  }

  private exports(): { constants: Record<string, import("../../model.js").ConstValue>; bindings: Record<string, string> } {
    const constants: Record<string, import("../../model.js").ConstValue> = {};
    const bindings: Record<string, string> = {};
    // Instruments by the local name their binding starts with (`all` for `all.requests`), in binding order:
    // an export reads its own, not every binding.
    const instrumentsByHead = new Map<string, { name: string; instrument: string }[]>();
    for (const [name, binding] of this.bindings) {
      if (!binding.instrument) continue;
      const head = name.split(".", 1)[0]!;
      const list = instrumentsByHead.get(head);
      if (list) list.push({ name, instrument: binding.instrument });
      else instrumentsByHead.set(head, [{ name, instrument: binding.instrument }]);
    }
    for (const [exportName, local] of this.exported) {
      const node = this.scope.constants.get(local);
      const value = node ? resolveValue(node, this.scope) : undefined;
      if (value?.kind === "const") constants[exportName] = value.value;
      const enumValues = this.scope.enums.get(local);
      if (enumValues) constants[exportName] = enumValues;
      for (const { name, instrument } of instrumentsByHead.get(local) ?? []) bindings[exportName + name.slice(local.length)] = instrument;
    }
    return { constants, bindings };
  }

  // ---- the walk ----

  /** `field`: the parent's property holding `node` (`arguments` for a call's argument). */
  private walk(node: Node, ancestors: Node[], field?: string): void {
    switch (node.type) {
      case "CallExpression":
        this.call(node, ancestors);
        break;
      case "NewExpression":
        this.newExpression(node, ancestors);
        break;
      case "Identifier":
        this.reference(node, ancestors, field);
        break;
    }
    const next = [...ancestors, node];
    for (const key of Object.keys(node) as (keyof typeof node)[]) {
      if (key === "parent" || key === "loc" || key === "range") continue;
      const value = node[key] as unknown;
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) this.walk(child, next, key);
      } else if (isNode(value)) this.walk(value, next, key);
    }
  }

  private call(node: TSESTree.CallExpression, ancestors: Node[]): void {
    const callee = node.callee;
    const calleeText = memberPath(callee);
    // OpenTelemetry meters and instruments.
    if (callee.type === "MemberExpression") {
      const method = memberKey(callee);
      if (method === "getMeter") {
        const meter = { name: stringOf(resolveValue(node.arguments[0], this.scope)), version: stringOf(resolveValue(node.arguments[1], this.scope)) };
        const target = bindingTarget(ancestors, node);
        if (target) this.bindings.set(target, { ...this.bindings.get(target), meter: clean(meter) });
        return;
      }
      if (method && method in OTEL_FACTORIES) return this.otelInstrument(node, method, ancestors);
      if (method === "addBatchObservableCallback") return this.batchCallback(node, ancestors);
      if (method && RECORD_METHODS.has(method)) {
        if (this.instrumentCall(node, callee, method, ancestors)) return;
      }
      if (method && this.channelCall(node, callee, method, ancestors)) return;
    }
    if (callee.type === "Identifier" || callee.type === "MemberExpression") {
      const fn = callee.type === "Identifier" ? this.dcFunctions.get(callee.name) : undefined;
      const dcMember = callee.type === "MemberExpression" && callee.object.type === "Identifier" && this.dcNames.has(callee.object.name) ? memberKey(callee) : undefined;
      const promMember = callee.type === "MemberExpression" && callee.object.type === "Identifier" && this.promClientNames.has(callee.object.name) ? memberKey(callee) : undefined;
      if (fn === "collectDefaultMetrics" || promMember === "collectDefaultMetrics") return this.defaultMetrics(node);
      const dc = fn ?? dcMember;
      if (dc === "channel" || dc === "tracingChannel") return this.channelCreation(node, dc === "tracingChannel", ancestors);
      if (dc === "subscribe" || dc === "unsubscribe") {
        const name = stringOf(resolveValue(node.arguments[0], this.scope));
        if (name && dc === "subscribe") this.facts.handlers.push({ events: [[name]], loc: this.loc(node) });
        return;
      }
    }
    if (calleeText) this.configuredCall(node, calleeText);
  }

  private otelInstrument(node: TSESTree.CallExpression, factory: string, ancestors: Node[]): void {
    const spec = OTEL_FACTORIES[factory]!;
    const callee = node.callee as TSESTree.MemberExpression;
    const meterBinding = this.bindingOf(callee.object, ancestors);
    const meter = meterBinding?.meter ?? (callee.object.type === "CallExpression" ? this.inlineMeter(callee.object) : undefined);
    const options = node.arguments[1];
    const unit = stringOf(this.option(options, "unit"));
    const description = stringOf(this.option(options, "description"));
    const boundaries = numberArrayOf(this.option(this.optionNode(options, "advice"), "explicitBucketBoundaries"));
    const target = bindingTarget(ancestors, node, this.className(ancestors));
    const key = target ? `${this.file}#${target}` : this.anonymousKey(node);
    if (target) this.bindings.set(target, { ...this.bindings.get(target), instrument: key });
    const def = this.definition(node, node.arguments[0], spec.kind, { library: "opentelemetry", type: spec.type, key, ...(meter ? { meter } : {}) }, {
      ...(unit ? { unit } : {}),
      ...(description ? { description } : {}),
      buckets: boundaries ? { state: "literal", values: boundaries } : { state: "missing" },
    });
    if (!def) return;
    // `meter.createCounter('x').add(1)` records on the spot.
    const parent = ancestors.at(-1);
    if (parent?.type === "MemberExpression" && parent.object === node) {
      const call = ancestors.at(-2);
      const method = memberKey(parent);
      if (call?.type === "CallExpression" && method) this.uses.push(this.use({ kind: "local", key }, method, call));
    }
  }

  private inlineMeter(call: TSESTree.CallExpression): { name?: string; version?: string } | undefined {
    if (call.callee.type !== "MemberExpression" || memberKey(call.callee) !== "getMeter") return undefined;
    return clean({ name: stringOf(resolveValue(call.arguments[0], this.scope)), version: stringOf(resolveValue(call.arguments[1], this.scope)) });
  }

  private newExpression(node: TSESTree.NewExpression, ancestors: Node[]): void {
    const callee = node.callee;
    let cls: string | undefined;
    if (callee.type === "Identifier") cls = this.promClasses.get(callee.name);
    else if (callee.type === "MemberExpression" && callee.object.type === "Identifier" && this.promClientNames.has(callee.object.name)) {
      const key = memberKey(callee);
      if (key && key in PROM_CLASSES) cls = key;
    }
    if (!cls) return;
    const options = node.arguments[0];
    const labelNamesValue = this.option(options, "labelNames");
    const labelNames = this.optionNode(options, "labelNames") ? (stringArrayOf(labelNamesValue) ?? null) : [];
    const buckets = numberArrayOf(this.option(options, "buckets"));
    const percentiles = numberArrayOf(this.option(options, "percentiles"));
    const help = stringOf(this.option(options, "help"));
    const target = bindingTarget(ancestors, node, this.className(ancestors));
    const key = target ? `${this.file}#${target}` : this.anonymousKey(node);
    if (target) this.bindings.set(target, { ...this.bindings.get(target), instrument: key });
    this.definition(node, this.optionNode(options, "name"), PROM_CLASSES[cls]!, { library: "prom-client", type: cls, key, labelNames, ...(percentiles ? { percentiles } : {}) }, {
      ...(help ? { description: help } : {}),
      buckets: buckets ? { state: "literal", values: buckets } : { state: "missing" },
      tags: labelNames,
    });
  }

  private definition(
    node: Node,
    nameNode: Node | undefined,
    kind: MetricKind,
    instrument: NonNullable<MetricDefinition["instrument"]>,
    extra: Partial<MetricDefinition>,
  ): MetricDefinition | undefined {
    const value = nameNode ? resolveValue(nameNode, this.scope) : undefined;
    const name = stringOf(value);
    if (!name && value?.kind !== "symbolic") {
      (this.facts.dynamicMetrics ??= []).push({ loc: this.loc(node), expression: nameNode ? sourceText(nameNode) : "(no name)" });
      return undefined;
    }
    const def: MetricDefinition = {
      kind,
      name: [name ?? "\u0000unresolved"],
      event: ["instrument", instrument.key],
      measurement: null,
      tags: extra.tags === undefined ? null : extra.tags,
      buckets: extra.buckets ?? { state: "missing" },
      ...(extra.unit ? { unit: extra.unit } : {}),
      ...(extra.description ? { description: extra.description } : {}),
      loc: this.loc(node),
      list: this.file,
      language: "typescript",
      instrument,
    };
    this.facts.metrics.push(def);
    if (value?.kind === "symbolic") (this.facts.symbolicNames ??= []).push({ index: this.facts.metrics.length - 1, parts: value.parts });
    return def;
  }

  /** `x.add(…)`, `this.x.record(…)`, `m.requests.inc(…)`, `x.labels(…).inc()`: a record site. */
  private instrumentCall(node: TSESTree.CallExpression, callee: TSESTree.MemberExpression, method: string, ancestors: Node[]): boolean {
    const object = callee.object;
    // `.labels(...).inc()` and `.startTimer(...)()` are covered by the inner call.
    if (object.type === "CallExpression" && object.callee.type === "MemberExpression" && memberKey(object.callee) === "labels") return true;
    const target = this.targetOf(object, ancestors);
    if (!target) return false;
    if (method === "addCallback") {
      this.callbackUses(node.arguments[0], target);
      return true;
    }
    this.uses.push(this.use(target, method, node));
    return true;
  }

  private use(target: InstrumentUse["target"], method: string, call: TSESTree.CallExpression): InstrumentUse {
    const args = call.arguments;
    let keys: string[] | null = [];
    let positional: number | undefined;
    const objectKeys = (arg: Node | undefined): string[] | null => (arg === undefined ? [] : arg.type === "ObjectExpression" ? literalKeys(arg) : arg.type === "Literal" && typeof arg.value === "number" ? [] : null);
    switch (method) {
      case "add":
      case "record":
        keys = objectKeys(args[1]);
        break;
      case "inc":
      case "dec":
      case "observe":
      case "set":
      case "zero":
      case "remove":
      case "setToCurrentTime":
        keys = args[0] && args[0].type !== "ObjectExpression" && !(args[0].type === "Literal" && typeof args[0].value === "number") && args.length === 1 ? (isNumeric(args[0]) ? [] : null) : objectKeys(args[0]);
        if (args.length === 0) keys = [];
        break;
      case "startTimer":
        keys = args.length === 0 ? null : objectKeys(args[0]);
        break;
      case "labels":
        if (args.length === 1 && args[0]!.type === "ObjectExpression") keys = literalKeys(args[0]!);
        else {
          keys = null;
          positional = args.length;
        }
        break;
      default:
        keys = null;
    }
    return { target, method, keys, ...(positional !== undefined ? { positionalLabels: positional } : {}), loc: this.loc(call) };
  }

  /** `obs.addCallback((result) => result.observe(v, attrs))`. */
  private callbackUses(fn: Node | undefined, target: InstrumentUse["target"]): void {
    if (!fn || (fn.type !== "ArrowFunctionExpression" && fn.type !== "FunctionExpression")) {
      this.uses.push({ target, method: "observe", keys: null, loc: this.loc(fn ?? { range: [0, 0] }) });
      return;
    }
    const param = fn.params[0];
    const name = param?.type === "Identifier" ? param.name : undefined;
    let found = false;
    visit(fn.body, (n) => {
      if (n.type === "CallExpression" && n.callee.type === "MemberExpression" && memberKey(n.callee) === "observe" && n.callee.object.type === "Identifier" && n.callee.object.name === name) {
        found = true;
        this.uses.push({ target, method: "observe", keys: n.arguments[1] === undefined ? [] : n.arguments[1].type === "ObjectExpression" ? literalKeys(n.arguments[1]) : null, loc: this.loc(n) });
      }
    });
    if (!found) this.uses.push({ target, method: "observe", keys: null, loc: this.loc(fn) });
  }

  /** `meter.addBatchObservableCallback((r) => r.observe(obs, v, attrs), [obs])`. */
  private batchCallback(node: TSESTree.CallExpression, ancestors: Node[]): void {
    const fn = node.arguments[0];
    if (!fn || (fn.type !== "ArrowFunctionExpression" && fn.type !== "FunctionExpression")) return;
    visit(fn.body, (n) => {
      if (n.type !== "CallExpression" || n.callee.type !== "MemberExpression" || memberKey(n.callee) !== "observe") return;
      const target = n.arguments[0] ? this.targetOf(n.arguments[0], ancestors) : undefined;
      if (target) this.uses.push({ target, method: "observe", keys: n.arguments[2] === undefined ? [] : n.arguments[2].type === "ObjectExpression" ? literalKeys(n.arguments[2]) : null, loc: this.loc(n) });
    });
  }

  /** An instrument reference used any other way (passed to a function, returned): its uses are unknown. */
  private reference(node: TSESTree.Identifier, ancestors: Node[], field: string | undefined): void {
    const parent = ancestors.at(-1);
    if (!parent) return;
    // `r.observe(instrument, v, attrs)` in a batch callback is a record site, handled there.
    const batchObserve = parent.type === "CallExpression" && parent.callee.type === "MemberExpression" && memberKey(parent.callee) === "observe" && parent.arguments[0] === node;
    if (parent.type === "CallExpression" && field === "arguments" && !batchObserve) {
      const target = this.targetOf(node, ancestors);
      if (target && (target.kind === "import" || this.bindings.get(node.name)?.instrument)) this.uses.push({ target, method: "escape", keys: null, loc: this.loc(node) });
    } else if (parent.type === "ReturnStatement" || (parent.type === "Property" && parent.value === node && ancestors.at(-2)?.type === "ObjectExpression" && ancestors.at(-3)?.type !== "VariableDeclarator" && !isModuleExports(ancestors.at(-3)))) {
      if (this.bindings.get(node.name)?.instrument) this.uses.push({ target: { kind: "local", key: this.bindings.get(node.name)!.instrument! }, method: "escape", keys: null, loc: this.loc(node) });
    }
  }

  private targetOf(object: Node, ancestors: Node[]): InstrumentUse["target"] | undefined {
    const path = memberPath(object);
    if (!path) return undefined;
    const local = this.localPath(path, ancestors);
    const binding = this.bindings.get(local);
    if (binding?.instrument) return { kind: "local", key: binding.instrument };
    const head = local.split(".")[0]!;
    const imported = this.scope.imports.get(head);
    if (imported && !this.bindings.has(head)) {
      const rest = local.split(".").slice(1).join(".");
      const exportPath = imported.imported === "*" ? rest : rest ? `${imported.imported}.${rest}` : imported.imported;
      if (exportPath) return { kind: "import", specifier: imported.specifier, path: exportPath };
    }
    return undefined;
  }

  /** `this.x` inside class C → "C.x". */
  private localPath(path: string, ancestors: Node[]): string {
    if (!path.startsWith("this.")) return path;
    const cls = this.className(ancestors);
    return cls ? `${cls}.${path.slice(5)}` : path.slice(5);
  }

  private bindingOf(object: Node, ancestors: Node[]): Binding | undefined {
    const path = memberPath(object);
    return path ? this.bindings.get(this.localPath(path, ancestors)) : undefined;
  }

  private className(ancestors: Node[]): string | undefined {
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i]!;
      if ((a.type === "ClassDeclaration" || a.type === "ClassExpression") && a.id) return a.id.name;
    }
    return undefined;
  }
  // ---- diagnostics_channel ----

  private channelCreation(node: TSESTree.CallExpression, tracing: boolean, ancestors: Node[]): void {
    const name = stringOf(resolveValue(node.arguments[0], this.scope));
    if (!name) {
      this.facts.dynamicEmits.push({ loc: this.loc(node), expression: node.arguments[0] ? sourceText(node.arguments[0]) : "", reason: "the channel name is not a constant string" });
      return;
    }
    const target = bindingTarget(ancestors, node, this.className(ancestors));
    if (target) this.bindings.set(target, { ...this.bindings.get(target), channel: { name, tracing } });
    // `dc.channel('x').publish(m)` / `dc.channel('x').subscribe(fn)` inline.
    const parent = ancestors.at(-1);
    const call = ancestors.at(-2);
    if (parent?.type === "MemberExpression" && parent.object === node && call?.type === "CallExpression") {
      this.channelMethod(call, memberKey(parent) ?? "", { name, tracing });
    }
  }

  private channelCall(node: TSESTree.CallExpression, callee: TSESTree.MemberExpression, method: string, ancestors: Node[]): boolean {
    const binding = this.bindingOf(callee.object, ancestors);
    if (!binding?.channel) {
      // `tc.start.publish(…)`: a tracing sub-channel.
      if (callee.object.type === "MemberExpression") {
        const base = this.bindingOf(callee.object.object, ancestors);
        const sub = memberKey(callee.object);
        if (base?.channel?.tracing && sub && TRACING_EVENTS.includes(sub)) {
          if (method === "publish") this.facts.emits.push(this.channelEmit(`tracing:${base.channel.name}:${sub}`, node));
          if (method === "subscribe") this.facts.handlers.push({ events: [[`tracing:${base.channel.name}:${sub}`]], loc: this.loc(node) });
          return true;
        }
      }
      return false;
    }
    this.channelMethod(node, method, binding.channel);
    return true;
  }

  private channelMethod(node: TSESTree.CallExpression, method: string, channel: { name: string; tracing: boolean }): void {
    if (!channel.tracing) {
      if (method === "publish") this.facts.emits.push(this.channelEmit(channel.name, node));
      else if (method === "subscribe") this.facts.handlers.push({ events: [[channel.name]], loc: this.loc(node) });
      return;
    }
    if (method === "traceSync" || method === "tracePromise" || method === "traceCallback") {
      for (const event of TRACING_EVENTS) this.facts.emits.push({ ...this.channelEmit(`tracing:${channel.name}:${event}`, node), spanPrefix: [`tracing:${channel.name}`] });
    } else if (method === "subscribe") {
      const handlers = node.arguments[0];
      const keys = (handlers?.type === "ObjectExpression" ? literalKeys(handlers) : null) ?? TRACING_EVENTS;
      const events = keys.filter((k) => TRACING_EVENTS.includes(k)).map((k) => [`tracing:${channel.name}:${k}`]);
      if (events.length) this.facts.handlers.push({ events, loc: this.loc(node) });
    }
  }

  private channelEmit(name: string, node: TSESTree.CallExpression): EmitSite {
    const message = node.arguments[0];
    const keys = message?.type === "ObjectExpression" ? literalKeys(message) : null;
    return { event: [name], loc: this.loc(node), via: "diagnostics_channel", keys: { measurements: null, metadata: keys } };
  }

  // ---- prom-client default metrics ----

  private defaultMetrics(node: TSESTree.CallExpression): void {
    const prefix = node.arguments[0] ? stringOf(this.option(node.arguments[0], "prefix")) : "";
    if (prefix === undefined && node.arguments[0] && this.optionNode(node.arguments[0], "prefix")) {
      this.facts.dynamicEmits.push({ loc: this.loc(node), expression: sourceText(node.arguments[0]), reason: "the collectDefaultMetrics prefix is not a constant string" });
      return;
    }
    (this.facts.defaultMetrics ??= []).push({ prefix: prefix ?? "", loc: this.loc(node) });
  }

  // ---- configured emitters and consumers (`telemetry.execute([...])`, `emit("a.b.c")`) ----

  private configuredCall(node: TSESTree.CallExpression, calleeText: string): void {
    // `emit` matches only `emit(…)`; a dotted pattern such as `telemetry.execute` also matches `this.telemetry.execute(…)`.
    const match = (patterns: CallPattern[] | undefined) => patterns?.find((p) => calleeText === p.callee || (p.callee.includes(".") && calleeText.endsWith(`.${p.callee}`)));
    const emitter = match(this.options.emitters);
    const consumer = emitter ? undefined : match(this.options.consumers);
    const pattern = emitter ?? consumer;
    if (!pattern) return;
    const arg = node.arguments[pattern.eventArgument ?? 0];
    const event = this.eventName(arg, pattern.format);
    const symbolic = !event && arg ? resolveValue(arg, this.scope) : undefined;
    if (symbolic?.kind === "symbolic") {
      // Resolved by the graph once the imported constant is known.
      const placeholder = ["\u0000symbolic"];
      const record = { parts: symbolic.parts, format: pattern.format ?? "dotted", expression: sourceText(arg!) } as NonNullable<FileFacts["symbolicEvents"]>[number];
      if (consumer) record.handler = { events: [placeholder], loc: this.loc(node) };
      else record.emit = { event: placeholder, loc: this.loc(node), via: pattern.kind === "span" ? "span" : "execute", keys: this.payloadKeys(node, pattern), note: `via ${pattern.callee}` };
      if (pattern.kind === "span") record.emit!.spanPrefix = placeholder;
      (this.facts.symbolicEvents ??= []).push(record);
      return;
    }
    if (!event) {
      if (emitter) this.facts.dynamicEmits.push({ loc: this.loc(node), expression: arg ? sourceText(arg) : "(missing)", reason: "the event name is not a constant string or array of strings" });
      else this.facts.dynamicHandlers.push({ loc: this.loc(node), expression: arg ? sourceText(arg) : "(missing)" });
      return;
    }
    if (consumer) {
      this.facts.handlers.push({ events: Array.isArray(event[0]) ? (event as unknown as string[][]) : [event], loc: this.loc(node) });
      return;
    }
    const keys = this.payloadKeys(node, pattern);
    const note = `via ${pattern.callee}`;
    if (pattern.kind === "span") {
      for (const suffix of ["start", "stop", "exception"]) this.facts.emits.push({ event: [...event, suffix], loc: this.loc(node), via: "span", keys, spanPrefix: event, note });
    } else this.facts.emits.push({ event, loc: this.loc(node), via: "execute", keys, note });
  }

  private payloadKeys(node: TSESTree.CallExpression, pattern: CallPattern): EmitSite["keys"] {
    if (pattern.kind === "span") {
      // span(prefix, metadata, fn): measurements are the span's own (duration …), metadata is literal or not.
      const metadata = node.arguments[(pattern.eventArgument ?? 0) + 1];
      return { measurements: null, metadata: metadata?.type === "ObjectExpression" ? literalKeys(metadata) : metadata === undefined ? [] : null };
    }
    const measurements = node.arguments[(pattern.eventArgument ?? 0) + 1];
    const metadata = node.arguments[(pattern.eventArgument ?? 0) + 2];
    return {
      measurements: measurements?.type === "ObjectExpression" ? literalKeys(measurements) : measurements === undefined ? [] : null,
      metadata: metadata?.type === "ObjectExpression" ? literalKeys(metadata) : metadata === undefined ? [] : null,
    };
  }

  private eventName(arg: Node | undefined, format: CallPattern["format"]): string[] | undefined {
    if (!arg) return undefined;
    const value = resolveValue(arg, this.scope);
    const text = stringOf(value);
    if (text !== undefined) return format === "segments" ? [text] : text.split(".");
    const list = stringArrayOf(value);
    if (list) return format === "dotted" && list.length === 1 ? list[0]!.split(".") : list;
    return undefined;
  }

  // ---- typed event contracts ----

  /** `enum TelemetryEvent { Stop = "http.request.stop" }` */
  private enumContract(node: TSESTree.TSEnumDeclaration, values: Record<string, string | number>): void {
    if (!/event/i.test(node.id.name)) return;
    const strings = Object.values(values).filter((v): v is string => typeof v === "string");
    if (strings.length === 0 || strings.length !== Object.keys(values).length) return;
    const members = node.body?.members ?? [];
    this.pushContract(`${node.id.name}`, node, strings.map((s, i) => ({ name: s, node: members[i] ?? node })));
  }

  contracts(program: TSESTree.Program): void {
    for (const statement of program.body) {
      const decl = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
      if (decl?.type === "VariableDeclaration") {
        for (const d of decl.declarations) {
          if (d.id.type !== "Identifier" || !d.init || !/event/i.test(d.id.name)) continue;
          const init = unwrapNode(d.init);
          if (init.type === "ArrayExpression") {
            const items = init.elements.map((e) => (e && e.type !== "SpreadElement" ? { name: stringOf(resolveValue(e, this.scope)), node: e as Node } : undefined));
            if (items.length && items.every((i) => i?.name)) this.pushContract(d.id.name, d, items as { name: string; node: Node }[]);
          } else if (init.type === "ObjectExpression") {
            const items = init.properties.map((p) => (p.type === "Property" ? { name: stringOf(resolveValue(p.value as Node, this.scope)), node: p as Node } : undefined));
            if (items.length && items.every((i) => i?.name)) this.pushContract(d.id.name, d, items as { name: string; node: Node }[]);
          }
        }
      } else if (decl?.type === "TSTypeAliasDeclaration" && /event/i.test(decl.id.name) && decl.typeAnnotation.type === "TSUnionType") {
        const items = decl.typeAnnotation.types.map((t) => (t.type === "TSLiteralType" && t.literal.type === "Literal" && typeof t.literal.value === "string" ? { name: t.literal.value, node: t as Node } : undefined));
        if (items.length && items.every(Boolean)) this.pushContract(decl.id.name, decl, items as { name: string; node: Node }[]);
      }
    }
  }

  private pushContract(name: string, node: Node, items: { name: string; node: Node }[]): void {
    // Event names are namespaced ("a.b.stop"); a list of plain words is something else.
    if (!items.every((i) => /[.:]/.test(i.name))) return;
    const contract = `${this.file}#${name}`;
    const list: ContractList = {
      name: contract,
      loc: this.loc(node),
      events: items.map((i) => ({ event: i.name.split("."), loc: this.loc(i.node), contract })),
    };
    this.facts.contracts.push(list);
  }

  // ---- options ----

  private optionNode(options: Node | undefined, key: string): Node | undefined {
    if (!options) return undefined;
    const object = unwrapNode(options);
    if (object.type === "Identifier") {
      const bound = this.scope.constants.get(object.name);
      return bound ? this.optionNode(bound, key) : undefined;
    }
    if (object.type !== "ObjectExpression") return undefined;
    return optionsOf(object).get(key);
  }

  private option(options: Node | undefined, key: string): Resolved | undefined {
    const node = this.optionNode(options, key);
    return node ? resolveValue(node, this.scope) : undefined;
  }

  suppressions(comments: TSESTree.Comment[] | undefined, text: string): void {
    if (!comments?.length) return;
    const lines = text.split("\n");
    let codeLineFrom: Int32Array | undefined;
    for (const comment of comments ?? []) {
      const m = /^\s*telemetry-drift-disable-(next-line|line)\b(.*)$/.exec(comment.value);
      if (!m) continue;
      const rules = m[2]!.replace(/\*\/\s*$/, "").split(/[\s,]+/).filter(Boolean);
      const at = this.loc(comment);
      let target = this.loc(comment, true).line - 1 + (m[1] === "line" ? 0 : 1);
      // The parser also breaks lines at a lone \r or U+2028: a comment's line may lie past the text's "\n" lines.
      if (m[1] === "next-line" && target < lines.length) target = (codeLineFrom ??= firstCodeLines(lines))[target]!;
      this.facts.suppressions.push({ loc: at, targetLine: target + 1, rules });
    }
  }
}

// ---- helpers ----------------------------------------------------------------------------------------

/**
 * For each line index, the first line from there on that is neither blank nor a `//` comment (the
 * line count past the end), in one backward pass: a run of directive lines would otherwise each scan it.
 */
function firstCodeLines(lines: string[]): Int32Array {
  const first = new Int32Array(lines.length);
  for (let i = lines.length - 1; i >= 0; i--) {
    const skipped = /^\s*(\/\/.*)?$/.test(lines[i]!);
    first[i] = !skipped ? i : i + 1 < lines.length ? first[i + 1]! : lines.length;
  }
  return first;
}

const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";

function visit(node: Node, fn: (n: Node) => void): void {
  fn(node);
  for (const key of Object.keys(node)) {
    if (key === "parent" || key === "loc" || key === "range") continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) for (const child of value) (isNode(child) ? visit(child, fn) : undefined);
    else if (isNode(value)) visit(value, fn);
  }
}

function unwrapNode(node: Node): Node {
  let current = node;
  while (current.type === "TSAsExpression" || current.type === "TSSatisfiesExpression" || current.type === "TSNonNullExpression") current = current.expression;
  return current;
}

/** `a.b.c` / `this.x.y` for identifier/member chains, otherwise undefined. */
function memberPath(node: Node): string | undefined {
  const n = unwrapNode(node);
  if (n.type === "Identifier") return n.name;
  if (n.type === "ThisExpression") return "this";
  if (n.type === "MemberExpression") {
    const key = memberKey(n);
    const object = memberPath(n.object);
    return key !== undefined && object !== undefined ? `${object}.${key}` : undefined;
  }
  return undefined;
}

/** Where a created value is stored: `const x =`, `this.x =`, `x = `, `{ a: … }` in `const m =`, a class field. */
function bindingTarget(ancestors: Node[], node: Node, className?: string): string | undefined {
  let child: Node = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const parent = ancestors[i]!;
    if (parent.type === "TSAsExpression" || parent.type === "TSSatisfiesExpression" || parent.type === "TSNonNullExpression" || parent.type === "AwaitExpression") {
      child = parent;
      continue;
    }
    if (parent.type === "VariableDeclarator" && parent.init === child && parent.id.type === "Identifier") return parent.id.name;
    if (parent.type === "AssignmentExpression" && parent.right === child) {
      const path = memberPath(parent.left);
      if (!path) return undefined;
      return path.startsWith("this.") ? (className ? `${className}.${path.slice(5)}` : path.slice(5)) : path;
    }
    if (parent.type === "PropertyDefinition" && parent.value === child && !parent.computed && parent.key.type === "Identifier") {
      return className ? `${className}.${parent.key.name}` : parent.key.name;
    }
    if (parent.type === "Property" && parent.value === child && !parent.computed) {
      const key = parent.key.type === "Identifier" ? parent.key.name : parent.key.type === "Literal" ? String(parent.key.value) : undefined;
      const object = ancestors[i - 1];
      if (!key || object?.type !== "ObjectExpression") return undefined;
      const owner = bindingTarget(ancestors.slice(0, i - 1), object, className);
      return owner ? `${owner}.${key}` : undefined;
    }
    return undefined;
  }
  return undefined;
}

function declaredNames(node: Node): string[] {
  if (node.type === "VariableDeclaration") return node.declarations.flatMap((d) => (d.id.type === "Identifier" ? [d.id.name] : []));
  if ((node.type === "FunctionDeclaration" || node.type === "ClassDeclaration" || node.type === "TSEnumDeclaration") && node.id) return [node.id.name];
  return [];
}

function literalKeys(object: Node): string[] | null {
  if (object.type !== "ObjectExpression") return null;
  const keys: string[] = [];
  for (const p of object.properties) {
    if (p.type === "SpreadElement") return null;
    if (p.computed) return null;
    const k = p.key.type === "Identifier" ? p.key.name : p.key.type === "Literal" ? String(p.key.value) : undefined;
    if (k === undefined) return null;
    keys.push(k);
  }
  return keys;
}

function requireSpecifier(node: Node): string | undefined {
  const n = unwrapNode(node);
  if (n.type === "CallExpression" && n.callee.type === "Identifier" && n.callee.name === "require" && n.arguments[0]?.type === "Literal" && typeof n.arguments[0].value === "string") return n.arguments[0].value;
  return undefined;
}

const isModuleExports = (node: Node | undefined): boolean => node?.type === "AssignmentExpression" && memberPath(node.left) === "module.exports";

const isNumeric = (node: Node): boolean => (node.type === "Literal" && typeof node.value === "number") || node.type === "Identifier" || node.type === "BinaryExpression" || node.type === "CallExpression" || node.type === "MemberExpression";

const clean = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

let currentSource = "";
const sourceText = (node: Node): string => {
  const text = currentSource.slice(node.range[0], node.range[1]);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

export function extractTypeScriptFacts(file: string, text: string, options: TypeScriptOptions = {}): FileFacts {
  const extractor = new Extractor(file, text, options);
  let program: TSESTree.Program;
  try {
    // Comments cost a third of a parse; only a file with a suppression directive needs them.
    // JSDoc is never read here: TypeScript need not parse it (real code is full of it). Nor `loc`: the
    // few locations a fact keeps come from `range` (positions.ts says why). `allowInvalidAST`: TypeScript's
    // own syntax errors still throw, but typescript-estree's extra grammar checks on every node (a
    // modifier where none may go, `for (const x = 1 of y)`: what tsc reports after parsing) are skipped.
    // They cost ~10% of a parse, and a file tsc would reject for such a slip still says what it emits.
    program = parse(text, { loc: false, range: true, comment: text.includes("telemetry-drift-disable"), jsDocParsingMode: "none", allowInvalidAST: true, jsx: /\.(tsx|jsx)$/.test(file) || /\.js$/.test(file) });
  } catch (error) {
    // The parser recurses: code nested (or a `+` chain) a thousand deep can exhaust this thread's stack.
    // That is not a syntax error, and another thread may get further (see FileFacts.stackOverflow).
    if (error instanceof RangeError) return tooDeep(extractor.facts, true);
    const e = error as { location?: { start: { line: number; column: number } }; message: string };
    const line = e.location?.start.line ?? 1;
    const column = (e.location?.start.column ?? 0) + 1;
    extractor.facts.problems.push({ loc: { file, line, column }, message: `${file}:${line}:${column}: TypeScript/JavaScript syntax error: ${e.message.split("\n")[0]}` });
    return extractor.facts;
  }
  if (treeDeeperThan(program, MAX_SYNTAX_DEPTH)) return tooDeep(extractor.facts, false);
  currentSource = text;
  try {
    extractor.run(program);
    extractor.contracts(program);
    extractor.suppressions(program.comments, text);
  } catch (error) {
    extractor.facts.problems.push({ loc: { file, line: 1, column: 1 }, message: `${file}: could not be analysed (${(error as Error).message})` });
  } finally {
    currentSource = "";
  }
  return extractor.facts;
}

/**
 * Syntax trees deeper than this are not analysed, whichever thread parsed them: a fixed limit, so the
 * verdict never depends on a thread's stack. Real code is a few dozen levels deep; on the main thread the
 * parser itself runs out of stack from ~900 levels (450 nested object literals), and such a file is read
 * again on a thread with a large stack (engine/collect.ts), which gets past this limit.
 */
export const MAX_SYNTAX_DEPTH = 1500;

function tooDeep(facts: FileFacts, stackOverflow: boolean): FileFacts {
  facts.problems.push({ loc: { file: facts.file, line: 1, column: 1 }, message: `${facts.file}: TypeScript/JavaScript nested too deeply to analyse (more than ${MAX_SYNTAX_DEPTH.toLocaleString("en-US")} syntax levels)` });
  if (stackOverflow) facts.stackOverflow = true;
  return facts;
}

/** Whether an ESTree tree has a node deeper than `limit` (an explicit stack: the tree may be deep). */
function treeDeeperThan(root: Node, limit: number): boolean {
  const stack: [Node, number][] = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (const key of Object.keys(node)) {
      if (key === "parent" || key === "loc" || key === "range") continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) stack.push([child, depth + 1]);
      } else if (isNode(value)) stack.push([value, depth + 1]);
    }
  }
  return false;
}

export type { SymbolicPart };

/**
 * An options object's properties by key, made once per object: many instruments may share one options
 * constant, each reading several keys. A repeated key is the last one, as at run time (JavaScript
 * allows repeats; TypeScript rejects them). Computed keys and spreads are skipped.
 */
const optionsByObject = new WeakMap<TSESTree.ObjectExpression, Map<string, Node>>();
function optionsOf(object: TSESTree.ObjectExpression): Map<string, Node> {
  let options = optionsByObject.get(object);
  if (!options) {
    options = new Map();
    for (const p of object.properties) {
      if (p.type !== "Property" || p.computed) continue;
      const k = p.key.type === "Identifier" ? p.key.name : p.key.type === "Literal" ? String(p.key.value) : undefined;
      if (k !== undefined) options.set(k, p.value as Node);
    }
    optionsByObject.set(object, options);
  }
  return options;
}
