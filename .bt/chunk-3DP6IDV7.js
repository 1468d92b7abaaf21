import{createRequire as __cr}from'module';const require=__cr(import.meta.url);
import {
  canTell,
  compileNamePattern
} from "./chunk-AGQ7I7ID.js";
import {
  Origin,
  at,
  closest,
  describeMetric,
  describeOrigin,
  plural,
  queriesReading,
  quoteList,
  readersRelated,
  related,
  seriesNamesOf
} from "./chunk-OACWHI7E.js";
import {
  SUPPRESSION_UNUSED_ID,
  SUPPRESSION_UNUSED_SEVERITY
} from "./chunk-KOIDW7GI.js";
import {
  dotted
} from "./chunk-M6CLNAAX.js";
import {
  pushTo
} from "./chunk-FG2ZX6CO.js";

// dist/src/checks/event-unconsumed.js
var isTestFile = (file) => /(^|\/)test\//.test(file) || /_test\.exs$/.test(file);
function isConsumed(graph, event) {
  return graph.consumerIndex.lookup(event).some((c) => c.kind === "metric" || !c.handler.testOnly && !isTestFile(c.handler.loc.file));
}
var eventUnconsumed = {
  id: "event-unconsumed",
  defaultSeverity: "warning",
  description: "An emitted event that no metric definition or :telemetry handler consumes.",
  run(graph) {
    const findings = [];
    const familyKey = (e) => `${at(e.loc)}:${e.loc.column}:${dotted(e.spanPrefix)}`;
    const families = /* @__PURE__ */ new Map();
    for (const e of graph.sourceEmits)
      if (e.spanPrefix)
        pushTo(families, familyKey(e), e);
    const reportedSpans = /* @__PURE__ */ new Set();
    for (const emit of graph.sourceEmits) {
      if (emit.event[0] === "instrument" || isConsumed(graph, emit.event))
        continue;
      if (emit.spanPrefix) {
        const key = familyKey(emit);
        if (reportedSpans.has(key) || families.get(key).some((sibling) => isConsumed(graph, sibling.event)))
          continue;
        reportedSpans.add(key);
        findings.push(spanFinding(graph, emit, emit.spanPrefix));
        continue;
      }
      const name = dotted(emit.event);
      findings.push({
        loc: emit.loc,
        subject: name,
        message: emit.loc.file.match(/\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/) ? `Event \`${name}\` is emitted here but nothing subscribes to it; attach a consumer (a handler that records a metric) or stop emitting it.` : `Event \`${name}\` is emitted here but no metric definition or :telemetry handler consumes it; add a metric for it to the metrics list${metricsListHint(graph)} or stop emitting it.`,
        related: [...emit.note ? related(emit.loc, `emitted ${emit.note}`) : [], ...unresolvedHandlers(graph)]
      });
    }
    return findings;
  }
};
function spanFinding(graph, emit, prefix) {
  const name = dotted(prefix);
  if (emit.via === "diagnostics_channel") {
    return {
      loc: emit.loc,
      subject: name,
      message: `Tracing channel \`${name.replace(/^tracing:/, "")}\` publishes start/end/asyncStart/asyncEnd/error here but nothing subscribes to any of them; subscribe where the data is needed or remove the tracing.`,
      related: []
    };
  }
  if (emit.via === "plug") {
    return {
      loc: emit.loc,
      subject: name,
      message: `Plug.Telemetry emits \`${name}.start\` and \`${name}.stop\` here but nothing consumes either; add a metric such as distribution("${name}.stop.duration") to the metrics list${metricsListHint(graph)} or remove the plug.`,
      related: unresolvedHandlers(graph)
    };
  }
  return {
    loc: emit.loc,
    subject: name,
    message: `Span \`${name}\` emits \`${name}.start\`, \`.stop\` and \`.exception\` but nothing consumes any of them; add a metric (e.g. a distribution on \`${name}.stop.duration\`) to the metrics list${metricsListHint(graph)} or remove the span.`,
    related: unresolvedHandlers(graph)
  };
}
function metricsListHint(graph) {
  const first = graph.metrics.find((m) => m.def.loc.line > 0 && !m.def.promExPlugin && !m.def.instrument);
  return first ? ` (${first.def.list} at ${at(first.def.loc)})` : "";
}
function unresolvedHandlers(graph) {
  return graph.dynamicHandlers.slice(0, 3).flatMap((h) => related(h.loc, `a handler attaches to events that could not be resolved (${h.expression}); it may consume this event`));
}

// dist/src/graph/events.js
var eventKey = (name) => name.join("\0");
var isExact = (pattern) => pattern.every((s) => s !== null);
function patternsOverlap(a, b) {
  if (a.length !== b.length)
    return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== null && y !== null && x !== y)
      return false;
  }
  return true;
}
var EventIndex = class {
  exact = /* @__PURE__ */ new Map();
  patterns = [];
  add(event, item) {
    if (isExact(event)) {
      const key = eventKey(event);
      const list = this.exact.get(key);
      if (list)
        list.push(item);
      else
        this.exact.set(key, [item]);
    } else {
      this.patterns.push({ pattern: event, item });
    }
  }
  /** Every item whose event may equal `event`. */
  lookup(event) {
    const out = [];
    if (isExact(event)) {
      const hit = this.exact.get(eventKey(event));
      if (hit)
        out.push(...hit);
    } else {
      for (const [key, items] of this.exact) {
        if (patternsOverlap(key.split("\0"), event))
          out.push(...items);
      }
    }
    for (const { pattern, item } of this.patterns)
      if (patternsOverlap(pattern, event))
        out.push(item);
    return out;
  }
  has(event) {
    return this.lookup(event).length > 0;
  }
};

// dist/src/checks/event-undeclared.js
var eventUndeclared = {
  id: "event-undeclared",
  defaultSeverity: "warning",
  description: "An emitted event that the project's event contract list (e.g. Events.all/0) does not declare.",
  run(graph) {
    if (graph.declarations.length === 0)
      return [];
    const declared = new Set(graph.declarations.map((d) => dotted(d.event)));
    const namespaces = new Set(graph.declarations.map((d) => d.event[0]));
    const contractsByNamespace = /* @__PURE__ */ new Map();
    for (const d of graph.declarations)
      if (!contractsByNamespace.has(d.event[0]))
        contractsByNamespace.set(d.event[0], d);
    const findings = [];
    const seen = /* @__PURE__ */ new Set();
    for (const emit of graph.sourceEmits) {
      if (!isExact(emit.event) || emit.via === "plug")
        continue;
      const name = dotted(emit.event);
      if (declared.has(name) || !namespaces.has(emit.event[0]))
        continue;
      const key = `${at(emit.loc)}:${name}`;
      if (seen.has(key))
        continue;
      seen.add(key);
      const contract = contractsByNamespace.get(emit.event[0]);
      findings.push({
        loc: emit.loc,
        subject: name,
        message: `Event \`${name}\` is emitted here but is not declared in the event contract ${contract.contract} (${at(contract.loc)}); add it to the contract list so consumers can rely on it, or emit a declared event.`,
        related: related(contract.loc, `event contract ${contract.contract}`)
      });
    }
    return findings;
  }
};

// dist/src/checks/event-declared-unemitted.js
var eventDeclaredUnemitted = {
  id: "event-declared-unemitted",
  defaultSeverity: "warning",
  description: "An event listed in the event contract that nothing emits.",
  run(graph) {
    return graph.declarations.filter((d) => !graph.emitIndex.has(d.event)).map((d) => {
      const name = dotted(d.event);
      const consumers = graph.consumerIndex.lookup(d.event);
      const consumerNote = consumers.length ? `; ${consumers.length === 1 ? "1 consumer waits" : `${consumers.length} consumers wait`} for it` : "";
      return {
        loc: d.loc,
        subject: name,
        message: `Event \`${name}\` is declared in ${d.contract} but nothing emits it${consumerNote}; emit it where the operation happens (:telemetry.execute/3 or :telemetry.span/3) or remove it from the contract.`,
        related: consumers.flatMap((c) => c.kind === "metric" ? related(c.node.def.loc, `consumed by ${describeMetric(c.node.def)}`) : related(c.handler.loc, "consumed by a :telemetry handler"))
      };
    });
  }
};

// dist/src/checks/metric-no-emitter.js
var metricNoEmitter = {
  id: "metric-no-emitter",
  defaultSeverity: "error",
  description: "A metric definition whose event nothing emits, so its series never gets data.",
  run(graph) {
    const findings = [];
    let emitted;
    for (const node of graph.metrics) {
      if (graph.emitIndex.has(node.def.event))
        continue;
      if (node.def.instrument) {
        if (!node.def.instrument.key.includes("#?"))
          findings.push(instrumentFinding(graph, node));
        continue;
      }
      emitted ??= indexEmitted(graph);
      findings.push(finding(graph, node, emitted));
    }
    return findings;
  }
};
function indexEmitted(graph) {
  const firstSite = /* @__PURE__ */ new Map();
  for (const e of graph.emits) {
    if (!isExact(e.event))
      continue;
    const name = dotted(e.event);
    if (!firstSite.has(name))
      firstSite.set(name, at(e.loc));
  }
  const sorted = [...firstSite.keys()].sort();
  const byLength = /* @__PURE__ */ new Map();
  for (const name of sorted) {
    const list = byLength.get(name.length);
    if (list)
      list.push(name);
    else
      byLength.set(name.length, [name]);
  }
  return { sorted, byLength, firstSite };
}
function finding(graph, node, emitted) {
  const { def } = node;
  const event = dotted(def.event);
  const metric = def.name.join(".");
  const names = new Set(seriesNamesOf(node));
  const readers = queriesReading(graph, names);
  const impact = names.size ? readers.length ? readers.length === 1 ? `, so the query reading \`${readers[0].name}\` shows no data` : `, so the ${plural(readers.length, "query", "queries")} reading \`${readers[0].name}\` show no data` : `, so series \`${[...names][0]}\` never appears` : "";
  const hint = suggestion(def.event, emitted, graph);
  const owner = def.promExPlugin ? ` (defined by PromEx plugin ${def.promExPlugin})` : "";
  return {
    loc: def.loc,
    subject: metric,
    message: `Metric ${describeMetric(def)}${owner} consumes event \`${event}\`, which nothing emits${impact}; ${hint}`,
    related: [
      ...related(node.reporterLoc, `exported by ${node.exporterReason ?? "the reporter"}`),
      ...readersRelated(graph, names),
      ...graph.dynamicEmits.slice(0, 2).flatMap((d) => related(d.loc, `an unresolved emit site (${d.expression}) might emit it`))
    ]
  };
}
function suggestion(event, emitted, graph) {
  const name = dotted(event);
  const longer = withPrefix(emitted.sorted, `${name}.`);
  if (longer.length) {
    return `the code emits ${longer.slice(0, 3).map((e) => `\`${e}\``).join(", ")}: set \`event_name:\` to the event that carries the measurement, or emit \`${name}\`.`;
  }
  const near = closest(name, nearLengths(emitted.byLength, name.length, 3), 3);
  if (near)
    return `did you mean \`${near}\` (emitted at ${emitted.firstSite.get(near) ?? "?"})? Fix the metric's event name or emit \`${name}\`.`;
  const dep = libraryHint(event, graph);
  if (dep)
    return dep;
  return `emit \`${name}\` with :telemetry.execute/3 where it happens, fix the metric's name/event_name, or remove the metric.`;
}
function withPrefix(sorted, prefix) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (sorted[mid] < prefix)
      lo = mid + 1;
    else
      hi = mid;
  }
  const out = [];
  for (let i = lo; i < sorted.length && sorted[i].startsWith(prefix); i++)
    out.push(sorted[i]);
  return out;
}
function* nearLengths(byLength, length, distance) {
  for (let l = length - distance; l <= length + distance; l++)
    yield* byLength.get(l) ?? [];
}
var LIBRARY_PREFIXES = [
  ["phoenix", "phoenix"],
  ["ecto", "ecto"],
  ["oban", "oban"],
  ["finch", "finch"],
  ["tesla", "tesla"],
  ["absinthe", "absinthe"],
  ["broadway", "broadway"],
  ["bandit", "bandit"],
  ["vm", "telemetry_poller"]
];
function libraryHint(event, graph) {
  const dep = LIBRARY_PREFIXES.find(([prefix]) => event[0] === prefix)?.[1];
  if (!dep)
    return void 0;
  if (!graph.dependencies.has(dep))
    return `\`${dep}\` emits events under \`${event[0]}.*\` but it is not a dependency in mix.exs; add it or remove the metric.`;
  return `\`${dep}\` is a dependency but does not emit \`${dotted(event)}\` (see its telemetry docs); fix the event name or remove the metric.`;
}
var RECORD_VERBS = {
  Counter: "add()",
  UpDownCounter: "add()",
  Histogram: "record()",
  Gauge: "record()",
  ObservableCounter: "a callback (addCallback)",
  ObservableUpDownCounter: "a callback (addCallback)",
  ObservableGauge: "a callback (addCallback)"
};
var PROM_VERBS = { Counter: "inc()", Gauge: "set()/inc()/dec()", Histogram: "observe()/startTimer()", Summary: "observe()/startTimer()" };
function instrumentFinding(graph, node) {
  const { def } = node;
  const instrument = def.instrument;
  const verb = (instrument.library === "prom-client" ? PROM_VERBS : RECORD_VERBS)[instrument.type] ?? "a record call";
  const names = new Set(seriesNamesOf(node));
  const readers = queriesReading(graph, names);
  const first = [...names][0];
  const impact = first ? readers.length === 1 ? `, so the query reading \`${readers[0].name}\` shows no data` : readers.length ? `, so the ${plural(readers.length, "query", "queries")} reading \`${readers[0].name}\` show no data` : `, so \`${first}\` never gets a sample` : "";
  return {
    loc: def.loc,
    subject: def.name[0],
    message: `${describeMetric(def)} is defined here but nothing calls ${verb} on it${impact}; record it where the operation happens, or remove it.`,
    related: readersRelated(graph, names)
  };
}

// dist/src/exporters/telemetry-metrics-prometheus-core.js
function coreMetricName(name) {
  return name.join("_").replace(/[^a-zA-Z0-9_]/g, "").replace(/^[^a-zA-Z]+/, "");
}
var LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
function exportWithCoreRules(def, options) {
  const base = coreMetricName(def.name);
  const exporter = options.exporterName;
  if (def.kind === "summary") {
    const warning = options.peep ? 'Peep logs "The summary metric type is unsupported. Dropping \u2026"' : 'Core logs "Metric type summary is unsupported. Dropping measure."';
    return { series: [], dropped: `summary is not supported, ${warning}` };
  }
  const invalid = [];
  const tags = def.tags;
  for (const tag of tags ?? []) {
    if (!LABEL_NAME.test(tag))
      invalid.push(`tag \`${tag}\` is not a valid Prometheus label name; the exporter writes it unsanitised and Prometheus rejects the scrape`);
  }
  if (base === "")
    invalid.push(`the name "${def.name.join(".")}" sanitises to an empty Prometheus name`);
  const labels = tags ?? [];
  const labelsUnknown = tags === null ? { labelsUnknown: true } : {};
  const source = { kind: "metric", metric: def, exporter };
  const one = (name, type, extra = []) => ({ name, type, labels: [...labels, ...extra], source, ...labelsUnknown });
  switch (def.kind) {
    case "counter":
      return finish([one(base, "counter")], invalid);
    case "sum": {
      const type = def.prometheusType;
      if (type !== void 0 && type !== "counter" && type !== "gauge") {
        invalid.push(`reporter_options prometheus_type must be the atom :counter or :gauge, got ${type} (validate_prometheus_type!/1 raises ArgumentError)`);
      }
      return finish([one(base, type === "gauge" ? "gauge" : "counter")], invalid);
    }
    case "last_value": {
      const type = options.peep && def.prometheusType === "counter" ? "counter" : "gauge";
      return finish([one(base, type)], invalid);
    }
    case "distribution": {
      const buckets = def.buckets;
      if (buckets.state === "missing") {
        invalid.push(options.peep ? "distribution has no reporter_options buckets; PromEx needs them to build the Peep bucket module" : "distribution has no reporter_options: [buckets: \u2026]; the registry raises ArgumentError and the reporter process crashes");
      } else if (buckets.state === "literal") {
        if (buckets.values.length === 0)
          invalid.push("buckets must not be empty (ArgumentError)");
        else if (!isStrictlyAscending(buckets.values))
          invalid.push(`buckets [${buckets.values.join(", ")}] are not in ascending order (ArgumentError)`);
      }
      return finish([one(`${base}_bucket`, "histogram", ["le"]), one(`${base}_sum`, "histogram"), one(`${base}_count`, "histogram")], invalid);
    }
  }
}
function finish(series, invalid) {
  return invalid.length ? { series, invalid } : { series };
}
var isStrictlyAscending = (values) => values.every((v, i) => i === 0 || v > values[i - 1]);

// dist/src/exporters/index.js
var NAMES = {
  telemetry_metrics_prometheus_core: "TelemetryMetricsPrometheus.Core",
  telemetry_metrics_prometheus: "TelemetryMetricsPrometheus (Core rules)",
  prom_ex: "PromEx (TelemetryMetricsPrometheus.Core storage)",
  peep: "Peep"
};
function exportMetric(def, exporter) {
  return exportWithCoreRules(def, { exporterName: NAMES[exporter], peep: exporter === "peep" });
}
function duplicateMetricNames(defs, _exporter) {
  const firstByAtoms = /* @__PURE__ */ new Map();
  const firstBySanitised = /* @__PURE__ */ new Map();
  const out = [];
  for (const def of defs) {
    if (def.kind === "summary")
      continue;
    const atoms = def.name.join("\0");
    const sanitised = coreMetricName(def.name);
    const sameAtoms = firstByAtoms.get(atoms);
    if (sameAtoms) {
      out.push({ first: sameAtoms, duplicate: def, sameAtomList: true });
      continue;
    }
    firstByAtoms.set(atoms, def);
    const sameName = firstBySanitised.get(sanitised);
    if (sameName)
      out.push({ first: sameName, duplicate: def, sameAtomList: false });
    else
      firstBySanitised.set(sanitised, def);
  }
  return out;
}

// dist/src/checks/metric-unsupported.js
function wouldBeSeries(node) {
  const base = coreMetricName(node.def.name);
  return [base, `${base}_sum`, `${base}_count`, `${base}_bucket`];
}
var metricUnsupported = {
  id: "metric-unsupported",
  defaultSeverity: "error",
  description: "A metric the configured Prometheus exporter silently drops (e.g. summary on TelemetryMetricsPrometheus.Core).",
  run(graph) {
    return graph.metrics.filter((node) => node.result?.dropped).map((node) => {
      const names = new Set(wouldBeSeries(node));
      const base = coreMetricName(node.def.name);
      return {
        loc: node.def.loc,
        subject: node.def.name.join("."),
        message: `${describeMetric(node.def)} is dropped by ${node.exporterReason ?? "the exporter"}: ${node.result.dropped}; \`${base}\` is never exported. ${fixFor(node)}`,
        related: [...related(node.reporterLoc, `the reporter that drops it`), ...readersRelated(graph, names)]
      };
    });
  }
};
function fixFor(node) {
  if (node.def.kind === "summary") {
    return `Use distribution("${node.def.name.join(".")}", reporter_options: [buckets: [...]]) to get a histogram (${coreMetricName(node.def.name)}_bucket/_sum/_count).`;
  }
  return "Change the metric type to one the exporter supports.";
}

// dist/src/checks/metric-invalid.js
var metricInvalid = {
  id: "metric-invalid",
  defaultSeverity: "error",
  description: "A metric definition the exporter will refuse or crash on (missing or unsorted buckets, duplicate names, invalid labels).",
  run(graph) {
    const findings = [];
    for (const node of graph.metrics) {
      for (const problem of node.result?.invalid ?? []) {
        findings.push({
          loc: node.def.loc,
          subject: node.def.name.join("."),
          message: `${describeMetric(node.def)} is invalid for ${node.exporterReason ?? "the exporter"}: ${problem}`,
          related: related(node.reporterLoc, "the reporter it is registered with")
        });
      }
    }
    const byReporter = /* @__PURE__ */ new Map();
    for (const node of graph.metrics) {
      if (!node.exporter || node.def.language !== "elixir")
        continue;
      const where = node.reporterLoc ? `${node.reporterLoc.file}:${node.reporterLoc.line}` : "";
      pushTo(byReporter, `${node.exporter}\0${where}`, node);
    }
    for (const [key, nodes] of byReporter) {
      const exporter = key.split("\0")[0];
      for (const dup of duplicateMetricNames(nodes.map((n) => n.def), exporter)) {
        const name = dup.duplicate.name.join(".");
        const consequence = dup.sameAtomList ? 'the exporter keeps the first and drops this one with "Metric name already exists. Dropping measure."' : "both are exported under the same Prometheus name, giving duplicate # TYPE lines that Prometheus rejects";
        findings.push({
          loc: dup.duplicate.loc,
          subject: name,
          message: `Metric ${dup.duplicate.kind}("${name}") has the same exported name as ${describeMetric(dup.first)} at ${at(dup.first.loc)}: ${consequence}; rename one of them.`,
          related: related(dup.first.loc, "the first definition")
        });
      }
    }
    findings.push(...promClientProblems(graph));
    return findings;
  }
};
function promClientProblems(graph) {
  const findings = [];
  for (const { use, def } of graph.instrumentUses) {
    const declared = def.instrument?.labelNames;
    if (def.instrument?.library !== "prom-client" || !declared)
      continue;
    const name = def.name[0];
    if (use.positionalLabels !== void 0 && use.positionalLabels !== declared.length) {
      findings.push({
        loc: use.loc,
        subject: name,
        message: `\`${name}.labels()\` is called with ${use.positionalLabels} positional values but the metric declares ${declared.length} labelNames (${quoteList(declared)}); prom-client throws "Invalid number of arguments": pass one value per label, in order.`,
        related: related(def.loc, `${describeMetric(def)} declares its labelNames here`)
      });
    }
    for (const key of use.keys ?? []) {
      if (declared.includes(key))
        continue;
      findings.push({
        loc: use.loc,
        subject: key,
        message: `${use.method}() on \`${name}\` passes label \`${key}\`, which is not in its labelNames (${declared.length ? quoteList(declared) : "none"}); prom-client throws "Added label "${key}" is not included in initial labelset": add it to labelNames or remove it here.`,
        related: related(def.loc, `${describeMetric(def)} declares its labelNames here`)
      });
    }
  }
  const packages = graph.files.filter((f) => f === "package.json" || f.endsWith("/package.json")).map((f) => f.slice(0, -"package.json".length));
  const packageOf = (file) => packages.filter((dir) => file.startsWith(dir)).sort((a, b) => b.length - a.length)[0] ?? "";
  const seen = /* @__PURE__ */ new Map();
  for (const node of graph.metrics) {
    if (node.def.instrument?.library !== "prom-client")
      continue;
    const key = `${packageOf(node.def.loc.file)}\0${node.def.name[0]}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, node);
      continue;
    }
    findings.push({
      loc: node.def.loc,
      subject: node.def.name[0],
      message: `${describeMetric(node.def)} has the same name as the one at ${at(first.def.loc)}; registering both in the default registry throws "A metric with the name ${node.def.name[0]} has already been registered": reuse the first or rename one.`,
      related: related(first.def.loc, "the first definition")
    });
  }
  return findings;
}

// dist/src/checks/metric-field-missing.js
var metricFieldMissing = {
  id: "metric-field-missing",
  defaultSeverity: "warning",
  description: "A tag or measurement a metric reads that no literal emit site of its event provides.",
  run(graph) {
    const findings = [];
    for (const { use, def } of graph.instrumentUses) {
      const declared = def.instrument?.labelNames;
      if (def.instrument?.library !== "prom-client" || !declared || use.keys === null || use.method === "escape")
        continue;
      if (use.method === "startTimer" || use.method === "remove" || use.method === "reset")
        continue;
      const missing = declared.filter((l) => !use.keys.includes(l));
      if (missing.length === 0)
        continue;
      findings.push({
        loc: use.loc,
        subject: missing.join(","),
        message: `${use.method}() on \`${def.name[0]}\` omits declared label${missing.length > 1 ? "s" : ""} ${quoteList(missing)}, so it records a series where ${missing.length > 1 ? "they are" : "it is"} empty and queries filtering on ${missing.length > 1 ? "them" : "it"} miss it; pass every label in labelNames.`,
        related: related(def.loc, `${describeMetric(def)} declares labelNames ${quoteList(declared)}`)
      });
    }
    for (const node of graph.metrics) {
      if (node.def.instrument)
        continue;
      const emits = graph.emitIndex.lookup(node.def.event);
      if (emits.length === 0)
        continue;
      const { def } = node;
      if (def.kind !== "counter" && def.measurement !== null) {
        const missing = missingEverywhere(emits, "measurements", def.measurement);
        if (missing)
          findings.push(fieldFinding(node, "measurement", def.measurement, missing));
      }
      for (const tag of def.tags ?? []) {
        const missing = missingEverywhere(emits, "metadata", tag);
        if (missing)
          findings.push(fieldFinding(node, "tag", tag, missing));
      }
    }
    return findings;
  }
};
function missingEverywhere(emits, field, key) {
  if (emits.some((e) => e.keys[field] === null || e.keys[field].includes(key)))
    return void 0;
  return emits;
}
function fieldFinding(node, what, key, emits) {
  const { def } = node;
  const event = dotted(def.event);
  const field = what === "measurement" ? "measurements" : "metadata";
  const passed = [...new Set(emits.flatMap((e) => e.keys[field] ?? []))].sort();
  const effect = what === "measurement" ? "the reporter skips every event without it, so the metric stays empty" : "the reporter skips events whose metadata lacks a tag, so the metric stays empty";
  const fix = what === "measurement" ? `pass \`${key}\` in the measurements map or change \`measurement:\`` : `add \`${key}\` to the event metadata or remove it from \`tags:\``;
  return {
    loc: def.loc,
    subject: key,
    message: `${describeMetric(def)} reads ${what} \`${key}\`, but none of the ${plural(emits.length, "emit site")} of \`${event}\` passes it (${field}: ${passed.length ? quoteList(passed) : "none"}); ${effect}: ${fix}.`,
    related: emits.slice(0, 5).flatMap((e) => related(e.loc, `emits ${event} ${e.note ?? ""}`.trim()))
  };
}

// dist/src/checks/series-missing.js
var seriesMissing = {
  id: "series-missing",
  defaultSeverity: "error",
  description: "A dashboard panel, variable, annotation or rule that queries a series nothing produces.",
  run(graph) {
    if (graph.metrics.length === 0)
      return [];
    const dropped = droppedSeries(graph);
    const findings = [];
    let known;
    const suggestions = /* @__PURE__ */ new Map();
    for (const query of graph.queries) {
      if (query.analysis.errors.length)
        continue;
      const reported = /* @__PURE__ */ new Set();
      for (const selector of query.analysis.selectors) {
        const name = selector.name;
        if (!name || reported.has(name) || graph.series.has(name) || graph.externalSource(name))
          continue;
        reported.add(name);
        known ??= bucketByPrefix([...graph.series.keys()].sort());
        findings.push(finding2(graph, query, selector, name, dropped.get(name), known, suggestions));
      }
    }
    return findings;
  }
};
function droppedSeries(graph) {
  const map = /* @__PURE__ */ new Map();
  for (const node of graph.metrics)
    if (node.result?.dropped)
      for (const name of wouldBeSeries(node))
        map.set(name, node);
  return map;
}
function bucketByPrefix(names) {
  const buckets = /* @__PURE__ */ new Map();
  for (const n of names) {
    const list = buckets.get(n.slice(0, 4));
    if (list)
      list.push(n);
    else
      buckets.set(n.slice(0, 4), [n]);
  }
  return buckets;
}
function finding2(graph, query, selector, name, dropper, known, suggestions) {
  const who = Origin(query.origin);
  const base = { loc: selector.loc, subject: name, origin: query.origin };
  if (dropper) {
    return {
      ...base,
      message: `${who} queries \`${name}\`, which is never exported: metric ${describeMetric(dropper.def)} at ${at(dropper.def.loc)} is dropped by ${dropper.exporterReason ?? "the exporter"} (${dropper.result.dropped}); make it a distribution with buckets or change the query.`,
      related: [...related(dropper.def.loc, `${describeMetric(dropper.def)} is dropped`), ...related(dropper.reporterLoc, "the reporter that drops it")]
    };
  }
  const variant = namingVariant(name, graph);
  if (!suggestions.has(name))
    suggestions.set(name, variant ?? closest(name, known.get(name.slice(0, 4)) ?? [], Math.min(6, Math.max(2, Math.floor(name.length / 4)))));
  const near = suggestions.get(name);
  const nearNode = near ? producerOf(graph, near) : void 0;
  const hint = near ? `did you mean \`${near}\`${nearNode ? ` (from ${describeMetric(nearNode.def)} at ${at(nearNode.def.loc)})` : ""}? Fix the query, or` : "fix the query, add a metric that exports it, or";
  return {
    ...base,
    ...variant ? { suggestion: { text: name, replacement: variant } } : {},
    message: `${who} queries \`${name}\`, which no metric definition, recording rule or known external source produces, so it shows no data; ${hint} list it in \`externalSeries\` if another service exports it.`,
    related: nearNode ? related(nearNode.def.loc, `${describeOrigin(query.origin)}: closest exported series ${near}`) : []
  };
}
function producerOf(graph, name) {
  const source = graph.series.get(name)?.find((s) => s.source.kind === "metric")?.source;
  if (source?.kind !== "metric")
    return void 0;
  return graph.metrics.find((m) => m.def === source.metric);
}
var UNIT_WORDS = ["seconds", "milliseconds", "microseconds", "nanoseconds", "bytes", "kilobytes", "megabytes", "ratio", "percent", "total", "count"];
var CHILD_SUFFIXES = ["_bucket", "_sum", "_count", ""];
function namingVariant(name, graph) {
  for (const child of CHILD_SUFFIXES) {
    if (child && !name.endsWith(child))
      continue;
    const stem = child ? name.slice(0, -child.length) : name;
    const tokens = stem.split("_");
    const variants = /* @__PURE__ */ new Set();
    tokens.forEach((t, i) => {
      if (UNIT_WORDS.includes(t))
        variants.add(tokens.filter((_, j) => j !== i).join("_"));
    });
    variants.add(`${stem}_total`);
    for (const variant of variants) {
      const candidate = `${variant}${child}`;
      if (candidate !== name && graph.series.has(candidate))
        return candidate;
    }
  }
  return void 0;
}

// dist/src/checks/label-missing.js
var labelMissing = {
  id: "label-missing",
  defaultSeverity: "error",
  description: "A query that filters or groups by a label the series never carries.",
  run(graph) {
    const findings = [];
    for (const query of graph.queries) {
      if (query.analysis.errors.length)
        continue;
      const created = new Set(query.analysis.labelsCreated);
      const reported = /* @__PURE__ */ new Set();
      for (const selector of query.analysis.selectors) {
        if (!selector.name)
          continue;
        const labels = knownLabels(graph.series.get(selector.name));
        if (!labels)
          continue;
        for (const { label, how } of labelsRead(selector)) {
          if (labels.has(label) || graph.targetLabels.has(label) || created.has(label))
            continue;
          const key = `${selector.name}\0${label}`;
          if (reported.has(key))
            continue;
          reported.add(key);
          findings.push(finding3(query, selector, label, how, graph.series.get(selector.name), labels));
        }
      }
    }
    return findings;
  }
};
function knownLabels(series) {
  if (!series?.length)
    return void 0;
  const labels = /* @__PURE__ */ new Set();
  for (const s of series) {
    if (s.source.kind !== "metric" || s.labelsUnknown)
      return void 0;
    for (const l of s.labels)
      labels.add(l);
  }
  return labels;
}
function labelsRead(selector) {
  const out = [];
  for (const m of selector.matchers) {
    if (m.label === "__name__" || matchesEmpty(m))
      continue;
    out.push({ label: m.label, how: `filters on \`${m.label}${m.op}"${m.shown ?? m.value}"\`` });
  }
  for (const label of selector.labelsUsed)
    out.push({ label, how: `groups or joins on \`${label}\`` });
  return out;
}
function matchesEmpty(m) {
  if ((m.op === "=~" || m.op === "!~") && !canTell(m.value))
    return true;
  switch (m.op) {
    case "=":
      return m.value === "";
    case "!=":
      return m.value !== "";
    case "=~":
      return compileNamePattern(m.value)("");
    case "!~":
      return !compileNamePattern(m.value)("");
  }
}
function finding3(query, selector, label, how, series, labels) {
  const producer = series.find((s) => s.source.kind === "metric")?.source;
  const metric = producer?.kind === "metric" ? producer.metric : void 0;
  const carried = [...labels].sort();
  const fix = metric?.instrument ? metric.instrument.library === "prom-client" ? `add \`${label}\` to the labelNames of ${describeMetric(metric)} at ${at(metric.loc)} and pass it where it is recorded, or fix the query` : `pass \`${label}\` in the attributes where ${describeMetric(metric)} (${at(metric.loc)}) is recorded, or fix the query` : metric?.promExPlugin ? `PromEx plugin ${metric.promExPlugin} does not export \`${label}\`: fix the query` : metric ? `add \`${label}\` to the tags of ${describeMetric(metric)} at ${at(metric.loc)} (and pass it in the event metadata), or fix the query` : "fix the query";
  return {
    loc: selector.loc,
    subject: label,
    origin: query.origin,
    message: `${Origin(query.origin)} ${how} of \`${selector.name}\`, but that series ${carried.length ? `only carries ${quoteList(carried)}` : "carries no labels"} (plus target labels like job/instance), so it matches nothing; ${fix}.`,
    related: metric ? related(metric.loc, `${describeMetric(metric)} defines the labels of ${selector.name}`) : []
  };
}

// dist/src/checks/metric-unused.js
var metricUnused = {
  id: "metric-unused",
  defaultSeverity: "off",
  description: "An exported metric that no dashboard panel, variable, annotation or rule reads.",
  run(graph) {
    if (graph.queries.length === 0 || graph.unparsedConsumerFiles.length > 0)
      return [];
    const exact = /* @__PURE__ */ new Set();
    const patterns = [];
    for (const q of graph.queries) {
      for (const s of q.analysis.selectors) {
        if (s.name)
          exact.add(s.name);
        else if (s.namePattern)
          patterns.push(compileNamePattern(s.namePattern));
      }
    }
    return graph.metrics.filter((node) => node.def.loc.line > 0 && !node.def.promExPlugin).filter((node) => {
      const names = seriesNamesOf(node);
      return names.length > 0 && !names.some((n) => exact.has(n) || patterns.some((p) => p(n)));
    }).map((node) => ({
      loc: node.def.loc,
      subject: node.def.name.join("."),
      message: `${describeMetric(node.def)} is exported as \`${seriesNamesOf(node)[0]}\` but no dashboard or rule reads it; chart or alert on it, or remove it to save cardinality.`,
      related: related(node.reporterLoc, `exported by ${node.exporterReason ?? "the reporter"}`)
    }));
  }
};

// dist/src/checks/event-dynamic.js
var eventDynamic = {
  id: "event-dynamic",
  defaultSeverity: "info",
  description: "An emit site whose event name cannot be resolved statically (it is shown, never guessed).",
  run(graph) {
    const emits = graph.dynamicEmits.map((d) => ({
      loc: d.loc,
      subject: d.expression,
      message: `The event emitted here (\`${d.expression}\`) cannot be resolved statically (${d.reason}), so its consumers cannot be checked; use a literal event name or a module attribute.`,
      related: []
    }));
    const metrics = graph.dynamicMetrics.map((d) => ({
      loc: d.loc,
      subject: d.expression,
      message: `The metric name here (\`${d.expression}\`) cannot be resolved statically, so its series cannot be checked against dashboards; use a constant name.`,
      related: []
    }));
    return [...emits, ...metrics];
  }
};

// dist/src/checks/input-unparseable.js
var inputUnparseable = {
  id: "input-unparseable",
  defaultSeverity: "error",
  description: "A file or query that could not be read or parsed; the rest of the run goes on.",
  run(graph) {
    const findings = graph.problems.map((p) => ({ loc: p.loc, subject: p.loc.file, message: p.message, related: [] }));
    for (const query of graph.queries) {
      const first = query.analysis.errors[0];
      if (!first)
        continue;
      const more = query.analysis.errors.length > 1 ? ` (and ${query.analysis.errors.length - 1} more errors)` : "";
      findings.push({
        loc: first.loc,
        subject: query.expr.length > 80 ? `${query.expr.slice(0, 77)}...` : query.expr,
        message: `The PromQL of ${describeOrigin(query.origin)} does not parse: ${first.message}${more}; its series and labels are not checked until it is fixed.`,
        related: [],
        origin: query.origin
      });
    }
    return findings;
  }
};

// dist/src/checks/index.js
var CHECKS = [
  eventUnconsumed,
  eventUndeclared,
  eventDeclaredUnemitted,
  metricNoEmitter,
  metricUnsupported,
  metricInvalid,
  metricFieldMissing,
  seriesMissing,
  labelMissing,
  metricUnused,
  eventDynamic,
  inputUnparseable
];
var SUPPRESSION_UNUSED = {
  id: SUPPRESSION_UNUSED_ID,
  defaultSeverity: SUPPRESSION_UNUSED_SEVERITY,
  description: "An inline suppression comment or config `ignore` entry that matches no finding."
};
var RULE_IDS = [...CHECKS.map((c) => c.id), SUPPRESSION_UNUSED.id];

export {
  exportMetric,
  isExact,
  EventIndex,
  CHECKS,
  SUPPRESSION_UNUSED
};
