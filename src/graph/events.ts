// Event name matching. Names are exact atom lists; an emit or handler may carry unknown slots (null),
// which match any single segment. `:telemetry` itself matches handlers by exact name only.
import { pushAll } from "../util/collections.js";
import type { EventName, EventPattern } from "../model.js";

export const eventKey = (name: readonly string[]): string => name.join("\u0000");

export const isExact = (pattern: EventPattern): pattern is EventName => pattern.every((s) => s !== null);

/** Can an event emitted as `a` and one consumed as `b` be the same event? (null = any one segment) */
export function patternsOverlap(a: readonly (string | null)[], b: readonly (string | null)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== null && y !== null && x !== y) return false;
  }
  return true;
}

interface ExactEntry<T> {
  order: number;
  name: readonly string[];
  items: T[];
}

interface PatternEntry<T> {
  order: number;
  pattern: EventPattern;
  item: T;
}

/** A slot: a segment (null: unknown) at a position of a name of some length. */
const slotKey = (length: number, position: number, segment: string | null): string => `${length}:${position}:${segment === null ? "" : `=${segment}`}`;

/**
 * An index of items keyed by event. Exact names are in a hash map. Names with unknown slots (patterns:
 * an emit `[:app, x, :done]`, a handler on a built name) are rarer but can number thousands, and each
 * must be compared with names of its length: both are also indexed by slot, so a lookup compares only
 * the entries that share its most selective known segment. Results come in the order items were added
 * (exact names first, then patterns), as a plain scan would give them.
 */
export class EventIndex<T> {
  private readonly exact = new Map<string, ExactEntry<T>>();
  private readonly exactBySlot = new Map<string, ExactEntry<T>[]>();
  private readonly exactByLength = new Map<number, ExactEntry<T>[]>();
  private readonly patternsBySlot = new Map<string, PatternEntry<T>[]>();
  private readonly patternsByLength = new Map<number, PatternEntry<T>[]>();
  private added = 0;

  add(event: EventPattern, item: T): void {
    const order = this.added++;
    if (isExact(event)) {
      const key = eventKey(event);
      const entry = this.exact.get(key);
      if (entry) {
        entry.items.push(item);
        return;
      }
      const created: ExactEntry<T> = { order, name: event, items: [item] };
      this.exact.set(key, created);
      append(this.exactByLength, event.length, created);
      event.forEach((segment, i) => append(this.exactBySlot, slotKey(event.length, i, segment), created));
    } else {
      const entry: PatternEntry<T> = { order, pattern: event, item };
      append(this.patternsByLength, event.length, entry);
      event.forEach((segment, i) => append(this.patternsBySlot, slotKey(event.length, i, segment), entry));
    }
  }

  /** Every item whose event may equal `event`. */
  lookup(event: EventPattern): T[] {
    const out: T[] = [];
    if (isExact(event)) {
      const hit = this.exact.get(eventKey(event));
      if (hit) pushAll(out, hit.items);
    } else {
      const candidates = this.fewest(event, (i, segment) => [this.exactBySlot.get(slotKey(event.length, i, segment))], this.exactByLength.get(event.length));
      for (const entry of inOrder(candidates.filter((e) => patternsOverlap(e.name, event)))) pushAll(out, entry.items);
    }
    // A stored pattern matches where its segment equals the event's or is unknown itself.
    const patterns = this.fewest(
      event,
      (i, segment) => [this.patternsBySlot.get(slotKey(event.length, i, segment)), this.patternsBySlot.get(slotKey(event.length, i, null))],
      this.patternsByLength.get(event.length),
    );
    for (const entry of inOrder(patterns.filter((e) => patternsOverlap(e.pattern, event)))) out.push(entry.item);
    return out;
  }

  /**
   * Does some item whose event may equal `event` pass `test`? Stops at the first that does, and builds
   * no list: an event emitted at N sites, asked about N times, costs N, not N² (lookup copies them all).
   */
  some(event: EventPattern, test: (item: T) => boolean): boolean {
    if (isExact(event)) {
      const hit = this.exact.get(eventKey(event));
      if (hit?.items.some(test)) return true;
    } else {
      const candidates = this.fewest(event, (i, segment) => [this.exactBySlot.get(slotKey(event.length, i, segment))], this.exactByLength.get(event.length));
      for (const entry of candidates) if (patternsOverlap(entry.name, event) && entry.items.some(test)) return true;
    }
    const patterns = this.fewest(
      event,
      (i, segment) => [this.patternsBySlot.get(slotKey(event.length, i, segment)), this.patternsBySlot.get(slotKey(event.length, i, null))],
      this.patternsByLength.get(event.length),
    );
    return patterns.some((entry) => patternsOverlap(entry.pattern, event) && test(entry.item));
  }

  has(event: EventPattern): boolean {
    return this.some(event, () => true);
  }

  /**
   * The fewest candidates over the event's known segments (each position's candidates are the lists
   * `atSlot` names, counted before they are joined); every entry of its length when it has none.
   */
  private fewest<E>(event: EventPattern, atSlot: (position: number, segment: string) => (E[] | undefined)[], ofLength: E[] | undefined): E[] {
    let best: (E[] | undefined)[] | undefined;
    let bestSize = Infinity;
    event.forEach((segment, i) => {
      if (segment === null || bestSize === 0) return;
      const lists = atSlot(i, segment);
      const size = lists.reduce((sum, list) => sum + (list?.length ?? 0), 0);
      if (size < bestSize) {
        best = lists;
        bestSize = size;
      }
    });
    return best ? best.flatMap((list) => list ?? []) : (ofLength ?? []);
  }
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const inOrder = <E extends { order: number }>(entries: E[]): E[] => entries.sort((a, b) => a.order - b.order);
