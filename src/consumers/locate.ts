// Source positions for strings inside JSON/YAML files: from an offset within a string's *value* back to
// the line and column in the file, accounting for escapes. Line starts are indexed once per file, and a
// lookup is a binary search: no quadratic scans on big dashboards.
import type { Location } from "../model.js";

export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** 1-based line and column of a 0-based offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  location(file: string, offset: number): Location {
    const { line, column } = this.position(offset);
    return { file, line, column };
  }
}

/**
 * For a JSON string token starting at `tokenStart` (the opening quote), the source offset of each
 * character of its decoded value (length value.length + 1).
 */
export function jsonStringOffsets(source: string, tokenStart: number, valueLength: number): number[] {
  const offsets: number[] = [];
  let i = tokenStart + 1;
  while (offsets.length < valueLength && i < source.length) {
    const c = source[i];
    if (c === "\\") {
      const next = source[i + 1];
      if (next === "u") {
        // One \uXXXX escape is one UTF-16 unit of the value (a surrogate pair is two escapes).
        offsets.push(i);
        i += 6;
      } else {
        offsets.push(i);
        i += 2;
      }
    } else {
      offsets.push(i);
      i++;
    }
  }
  while (offsets.length < valueLength) offsets.push(i);
  offsets.push(i);
  return offsets;
}
