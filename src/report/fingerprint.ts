// Stable finding fingerprints for baselines, "only new drift" on pull requests and SARIF
// partialFingerprints: rule + file + subject + a hash of the finding's source line (whitespace
// collapsed), never the line number, so a finding keeps its fingerprint when code above it moves.
// Repeated findings with the same parts are told apart by their order of occurrence.
import { createHash } from "node:crypto";
import type { Finding } from "../model.js";

/** The text of a line of a file (1-based), if the file can be read. */
export type LineSource = (file: string, line: number) => string | undefined;

/**
 * A line longer than this (a minified dashboard, a generated rule file) is seen only around the finding:
 * `WINDOW` characters either side of its column. Hashing the whole line for every finding on it was
 * quadratic (a one-line 690 KB dashboard with 4,000 findings: 8 s), and a window keeps a finding's
 * print when another part of that line changes. Hand-written lines stay far below it, so their prints
 * are what they always were.
 */
export const LONG_LINE = 4096;
export const WINDOW = 256;

export function fingerprints(findings: readonly Finding[], lineText: LineSource = () => undefined): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const context = normalise(around(lineText(f.file, f.line) ?? "", f.column));
    const base = `${f.rule}\u0000${f.file}\u0000${f.subject}\u0000${context}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return createHash("sha256").update(`${base}\u0000${n}`).digest("hex").slice(0, 32);
  });
}

/** The part of a line that identifies a finding at `column` (1-based): all of it unless it is very long. */
function around(line: string, column: number): string {
  if (line.length <= LONG_LINE) return line;
  const at = Math.min(Math.max(column - 1, 0), line.length);
  return line.slice(Math.max(at - WINDOW, 0), at + WINDOW);
}

const normalise = (text: string): string => text.trim().replace(/\s+/g, " ");

/** Sets `fingerprint` on every finding of a (sorted) report. */
export function fingerprintFindings(findings: Finding[], lineText: LineSource): void {
  const prints = fingerprints(findings, lineText);
  findings.forEach((f, i) => (f.fingerprint = prints[i]));
}
