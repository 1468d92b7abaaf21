// Head against base: which findings a pull request adds, fixes, or leaves as they were. Matched by
// fingerprint (rule, file, subject, source line text), one base finding per head finding, so moving
// code around is neither new nor fixed drift.
import type { Finding } from "../model.js";

export interface RunComparison {
  added: Finding[];
  fixed: Finding[];
  remaining: Finding[];
}

export function compareRuns(head: readonly Finding[], base: readonly Finding[]): RunComparison {
  const unmatched = new Map<string, Finding[]>();
  for (const f of base) {
    const key = keyOf(f);
    const list = unmatched.get(key);
    if (list) list.push(f);
    else unmatched.set(key, [f]);
  }
  const added: Finding[] = [];
  const remaining: Finding[] = [];
  for (const f of head) {
    const list = unmatched.get(keyOf(f));
    if (list?.length) {
      list.shift();
      remaining.push(f);
    } else added.push(f);
  }
  const fixed = base.filter((f) => unmatched.get(keyOf(f))?.includes(f));
  return { added, fixed, remaining };
}

const keyOf = (f: Finding): string => f.fingerprint ?? `${f.rule}\u0000${f.file}\u0000${f.subject}`;
