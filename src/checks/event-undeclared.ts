// event-undeclared: emitted, but absent from the project's event contract list (only when one exists).
import { dotted } from "../model.js";
import { isExact } from "../graph/events.js";
import { at, related, type Check, type DraftFinding } from "./check.js";

export const eventUndeclared: Check = {
  id: "event-undeclared",
  defaultSeverity: "warning",
  description: "An emitted event that the project's event contract list (e.g. Events.all/0) does not declare.",
  run(graph) {
    if (graph.declarations.length === 0) return [];
    const declared = new Set(graph.declarations.map((d) => dotted(d.event)));
    // A contract covers the namespaces (first segments) it lists; events of other subsystems are not its business.
    const namespaces = new Set(graph.declarations.map((d) => d.event[0]));
    const contractsByNamespace = new Map<string | undefined, (typeof graph.declarations)[number]>();
    for (const d of graph.declarations) if (!contractsByNamespace.has(d.event[0])) contractsByNamespace.set(d.event[0], d);
    const findings: DraftFinding[] = [];
    const seen = new Set<string>();
    for (const emit of graph.sourceEmits) {
      if (!isExact(emit.event) || emit.via === "plug") continue;
      const name = dotted(emit.event);
      if (declared.has(name) || !namespaces.has(emit.event[0]!)) continue;
      const key = `${at(emit.loc)}:${name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const contract = contractsByNamespace.get(emit.event[0]!)!;
      findings.push({
        loc: emit.loc,
        subject: name,
        message: `Event \`${name}\` is emitted here but is not declared in the event contract ${contract.contract} (${at(contract.loc)}); add it to the contract list so consumers can rely on it, or emit a declared event.`,
        related: related(contract.loc, `event contract ${contract.contract}`),
      });
    }
    return findings;
  },
};
