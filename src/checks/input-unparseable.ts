// input-unparseable: a file (or one query in it) the run could not read or parse. The run goes on.
import { describeOrigin, type Check, type DraftFinding } from "./check.js";

export const inputUnparseable: Check = {
  id: "input-unparseable",
  defaultSeverity: "error",
  description: "A file or query that could not be read or parsed; the rest of the run goes on.",
  run(graph) {
    const findings: DraftFinding[] = graph.problems.map((p) => ({ loc: p.loc, subject: p.loc.file, message: p.message, related: [] }));
    for (const query of graph.queries) {
      const first = query.analysis.errors[0];
      if (!first) continue;
      const more = query.analysis.errors.length > 1 ? ` (and ${query.analysis.errors.length - 1} more errors)` : "";
      findings.push({
        loc: first.loc,
        subject: query.expr.length > 80 ? `${query.expr.slice(0, 77)}...` : query.expr,
        message: `The PromQL of ${describeOrigin(query.origin)} does not parse: ${first.message}${more}; its series and labels are not checked until it is fixed.`,
        related: [],
        origin: query.origin,
      });
    }
    return findings;
  },
};
