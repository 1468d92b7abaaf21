// event-declared-unemitted: listed in the event contract, but nothing emits it.
import { dotted } from "../model.js";
import { related, describeMetric, type Check } from "./check.js";

export const eventDeclaredUnemitted: Check = {
  id: "event-declared-unemitted",
  defaultSeverity: "warning",
  description: "An event listed in the event contract that nothing emits.",
  run(graph) {
    return graph.declarations
      .filter((d) => !graph.emitIndex.has(d.event))
      .map((d) => {
        const name = dotted(d.event);
        const consumers = graph.consumerIndex.lookup(d.event);
        const consumerNote = consumers.length ? `; ${consumers.length === 1 ? "1 consumer waits" : `${consumers.length} consumers wait`} for it` : "";
        return {
          loc: d.loc,
          subject: name,
          message: `Event \`${name}\` is declared in ${d.contract} but nothing emits it${consumerNote}; emit it where the operation happens (:telemetry.execute/3 or :telemetry.span/3) or remove it from the contract.`,
          related: consumers.flatMap((c) =>
            c.kind === "metric" ? related(c.node.def.loc, `consumed by ${describeMetric(c.node.def)}`) : related(c.handler.loc, "consumed by a :telemetry handler"),
          ),
        };
      });
  },
};
