// event-unconsumed: an event the code emits that no metric definition or handler consumes.
import type { EmitSite, EventName } from "../model.js";
import { dotted } from "../model.js";
import type { ContractGraph } from "../graph/build.js";
import { at, related, type Check, type DraftFinding } from "./check.js";
import { pushTo } from "../util/collections.js";

/** Handlers in tests (or `:telemetry_test` helpers) do not make an event consumed in production. */
const isTestFile = (file: string): boolean => /(^|\/)test\//.test(file) || /_test\.exs$/.test(file);

/** Per graph and event: an event emitted at many sites is asked about once per site. */
const consumed = new WeakMap<ContractGraph, Map<string, boolean>>();

export function isConsumed(graph: ContractGraph, event: EmitSite["event"]): boolean {
  let known = consumed.get(graph);
  if (!known) consumed.set(graph, (known = new Map()));
  const key = event.map((s) => s ?? "\u0001").join("\u0000");
  let answer = known.get(key);
  if (answer === undefined) {
    answer = graph.consumerIndex.some(event, (c) => c.kind === "metric" || (!c.handler.testOnly && !isTestFile(c.handler.loc.file)));
    known.set(key, answer);
  }
  return answer;
}

export const eventUnconsumed: Check = {
  id: "event-unconsumed",
  defaultSeverity: "warning",
  description: "An emitted event that no metric definition or :telemetry handler consumes.",
  run(graph) {
    const findings: DraftFinding[] = [];
    // A span's events (start/stop/exception, a tracing channel's five, Plug.Telemetry's pair) come from
    // one site: policy says one consumed member covers its siblings, and an unconsumed span is one finding.
    const familyKey = (e: EmitSite): string => `${at(e.loc)}:${e.loc.column}:${dotted(e.spanPrefix!)}`;
    const families = new Map<string, EmitSite[]>();
    for (const e of graph.sourceEmits) if (e.spanPrefix) pushTo(families, familyKey(e), e);
    const reportedSpans = new Set<string>();
    for (const emit of graph.sourceEmits) {
      if (emit.event[0] === "instrument" || isConsumed(graph, emit.event)) continue;
      if (emit.spanPrefix) {
        const key = familyKey(emit);
        if (reportedSpans.has(key) || families.get(key)!.some((sibling) => isConsumed(graph, sibling.event))) continue;
        reportedSpans.add(key);
        findings.push(spanFinding(graph, emit, emit.spanPrefix));
        continue;
      }
      const name = dotted(emit.event);
      findings.push({
        loc: emit.loc,
        subject: name,
        message:
          emit.loc.file.match(/\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/)
            ? `Event \`${name}\` is emitted here but nothing subscribes to it; attach a consumer (a handler that records a metric) or stop emitting it.`
            : `Event \`${name}\` is emitted here but no metric definition or :telemetry handler consumes it; add a metric for it to the metrics list${metricsListHint(graph)} or stop emitting it.`,
        related: [...(emit.note ? related(emit.loc, `emitted ${emit.note}`) : []), ...unresolvedHandlers(graph)],
      });
    }
    return findings;
  },
};

function spanFinding(graph: ContractGraph, emit: EmitSite, prefix: EventName): DraftFinding {
  const name = dotted(prefix);
  if (emit.via === "diagnostics_channel") {
    return {
      loc: emit.loc,
      subject: name,
      message: `Tracing channel \`${name.replace(/^tracing:/, "")}\` publishes start/end/asyncStart/asyncEnd/error here but nothing subscribes to any of them; subscribe where the data is needed or remove the tracing.`,
      related: [],
    };
  }
  if (emit.via === "plug") {
    return {
      loc: emit.loc,
      subject: name,
      message: `Plug.Telemetry emits \`${name}.start\` and \`${name}.stop\` here but nothing consumes either; add a metric such as distribution("${name}.stop.duration") to the metrics list${metricsListHint(graph)} or remove the plug.`,
      related: unresolvedHandlers(graph),
    };
  }
  return {
    loc: emit.loc,
    subject: name,
    message: `Span \`${name}\` emits \`${name}.start\`, \`.stop\` and \`.exception\` but nothing consumes any of them; add a metric (e.g. a distribution on \`${name}.stop.duration\`) to the metrics list${metricsListHint(graph)} or remove the span.`,
    related: unresolvedHandlers(graph),
  };
}

const listHints = new WeakMap<ContractGraph, string>();
/** Where the metrics list is (its first own metric), the same for every finding: looked up once per graph. */
function metricsListHint(graph: ContractGraph): string {
  let hint = listHints.get(graph);
  if (hint === undefined) {
    const first = graph.metrics.find((m) => m.def.loc.line > 0 && !m.def.promExPlugin && !m.def.instrument);
    hint = first ? ` (${first.def.list} at ${at(first.def.loc)})` : "";
    listHints.set(graph, hint);
  }
  return hint;
}

function unresolvedHandlers(graph: ContractGraph) {
  return graph.dynamicHandlers.slice(0, 3).flatMap((h) => related(h.loc, `a handler attaches to events that could not be resolved (${h.expression}); it may consume this event`));
}
