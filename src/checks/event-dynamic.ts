// event-dynamic: an emit site whose event name could not be resolved statically. Shown, never guessed.
import { type Check } from "./check.js";

export const eventDynamic: Check = {
  id: "event-dynamic",
  defaultSeverity: "info",
  description: "An emit site whose event name cannot be resolved statically (it is shown, never guessed).",
  run(graph) {
    const emits = graph.dynamicEmits.map((d) => ({
      loc: d.loc,
      subject: d.expression,
      message: `The event emitted here (\`${d.expression}\`) cannot be resolved statically (${d.reason}), so its consumers cannot be checked; use a literal event name or a module attribute.`,
      related: [],
    }));
    const metrics = graph.dynamicMetrics.map((d) => ({
      loc: d.loc,
      subject: d.expression,
      message: `The metric name here (\`${d.expression}\`) cannot be resolved statically, so its series cannot be checked against dashboards; use a constant name.`,
      related: [],
    }));
    return [...emits, ...metrics];
  },
};
