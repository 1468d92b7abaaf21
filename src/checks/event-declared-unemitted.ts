// event-declared-unemitted: listed in the event contract, but nothing emits it.
import { dotted, type Location } from "../model.js";
import type { Consumer } from "../graph/build.js";
import { related, describeMetric, type Check } from "./check.js";

const CONSUMERS_LISTED = 5;
const locOf = (c: Consumer): Location => (c.kind === "metric" ? c.node.def.loc : c.handler.loc);

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
          // The first few consumers and a count, as readersRelated does: one handler attached to every
          // contract event (`Events.all()`) would otherwise list every handler under every event.
          related: [
            ...consumers
              .slice(0, CONSUMERS_LISTED)
              .flatMap((c) => related(locOf(c), c.kind === "metric" ? `consumed by ${describeMetric(c.node.def)}` : "consumed by a :telemetry handler")),
            ...(consumers.length > CONSUMERS_LISTED ? related(locOf(consumers[CONSUMERS_LISTED]!), `… and ${consumers.length - CONSUMERS_LISTED} more consumers`) : []),
          ],
        };
      });
  },
};
