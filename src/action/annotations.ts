// Annotations within GitHub's limits: a step shows at most 10 error, 10 warning and 10 notice
// annotations (50 per job). The most severe findings go first; when some do not fit, the last notice
// slot says how many more exist and where to read them.
import type { Finding } from "../model.js";
import { formatAnnotation } from "../report/github.js";

export const PER_KIND_LIMIT = 10;
const RANK = { error: 0, warning: 1, info: 2 } as const;

export interface AnnotationPlan {
  lines: string[];
  /** Findings without an annotation. */
  omitted: number;
}

export function planAnnotations(findings: readonly Finding[], elsewhere: string): AnnotationPlan {
  const ordered = [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const used = { error: 0, warning: 0, info: 0 };
  const chosen: Finding[] = [];
  for (const f of ordered) {
    if (used[f.severity] < PER_KIND_LIMIT) {
      used[f.severity]++;
      chosen.push(f);
    }
  }
  let omitted = findings.length - chosen.length;
  if (omitted > 0 && used.info === PER_KIND_LIMIT) {
    // Free the last notice slot for the overflow notice.
    const last = chosen.map((f) => f.severity).lastIndexOf("info");
    chosen.splice(last, 1);
    omitted++;
  }
  const lines = chosen.map(formatAnnotation);
  if (omitted > 0) {
    lines.push(`::notice title=telemetry-drift::${omitted} more finding${omitted === 1 ? " is" : "s are"} not annotated here (GitHub shows at most ${PER_KIND_LIMIT} errors, ${PER_KIND_LIMIT} warnings and ${PER_KIND_LIMIT} notices per step): see ${elsewhere}.\n`);
  }
  return { lines, omitted };
}
