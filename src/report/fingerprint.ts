// Stable finding fingerprints: survive line shifts (no line numbers), distinguish repeated findings of
// the same rule, file and subject by their order of occurrence.
import { createHash } from "node:crypto";
import type { Finding } from "../model.js";

export function fingerprints(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${f.rule}\u0000${f.file}\u0000${f.subject}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return createHash("sha256").update(`${base}\u0000${n}`).digest("hex").slice(0, 32);
  });
}
