// Stable finding fingerprints for baselines, "only new drift" on pull requests and SARIF
// partialFingerprints: rule + file + subject + a hash of the finding's source line (whitespace
// collapsed), never the line number, so a finding keeps its fingerprint when code above it moves.
// Repeated findings with the same parts are told apart by their order of occurrence.
import { createHash } from "node:crypto";
import type { Finding } from "../model.js";

/** The text of a line of a file (1-based), if the file can be read. */
export type LineSource = (file: string, line: number) => string | undefined;

export function fingerprints(findings: readonly Finding[], lineText: LineSource = () => undefined): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const context = (lineText(f.file, f.line) ?? "").trim().replace(/\s+/g, " ");
    const base = `${f.rule}\u0000${f.file}\u0000${f.subject}\u0000${context}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return createHash("sha256").update(`${base}\u0000${n}`).digest("hex").slice(0, 32);
  });
}

/** Sets `fingerprint` on every finding of a (sorted) report. */
export function fingerprintFindings(findings: Finding[], lineText: LineSource): void {
  const prints = fingerprints(findings, lineText);
  findings.forEach((f, i) => (f.fingerprint = prints[i]));
}
