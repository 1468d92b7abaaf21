// Event name matching. Names are exact atom lists; an emit or handler may carry unknown slots (null),
// which match any single segment. `:telemetry` itself matches handlers by exact name only.
import type { EventName, EventPattern } from "../model.js";

export const eventKey = (name: readonly string[]): string => name.join("\u0000");

export const isExact = (pattern: EventPattern): pattern is EventName => pattern.every((s) => s !== null);

/** Can an event emitted as `a` and one consumed as `b` be the same event? (null = any one segment) */
export function patternsOverlap(a: EventPattern, b: EventPattern): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== null && y !== null && x !== y) return false;
  }
  return true;
}

/**
 * An index of items keyed by event: exact names in a hash map, patterns with unknown slots in a short
 * list scanned linearly (they are rare), so a lookup costs O(1 + patterns).
 */
export class EventIndex<T> {
  private readonly exact = new Map<string, T[]>();
  private readonly patterns: { pattern: EventPattern; item: T }[] = [];

  add(event: EventPattern, item: T): void {
    if (isExact(event)) {
      const key = eventKey(event);
      const list = this.exact.get(key);
      if (list) list.push(item);
      else this.exact.set(key, [item]);
    } else {
      this.patterns.push({ pattern: event, item });
    }
  }

  /** Every item whose event may equal `event`. */
  lookup(event: EventPattern): T[] {
    const out: T[] = [];
    if (isExact(event)) {
      const hit = this.exact.get(eventKey(event));
      if (hit) out.push(...hit);
    } else {
      for (const [key, items] of this.exact) {
        if (patternsOverlap(key.split("\u0000"), event)) out.push(...items);
      }
    }
    for (const { pattern, item } of this.patterns) if (patternsOverlap(pattern, event)) out.push(item);
    return out;
  }

  has(event: EventPattern): boolean {
    return this.lookup(event).length > 0;
  }
}
