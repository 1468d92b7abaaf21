// Small collection helpers shared by the graph, checks and reporters.

/** Appends to the list under `key`, creating it: O(1), unlike re-spreading the list each time. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, ...values: V[]): void {
  const list = map.get(key);
  if (list) pushAll(list, values);
  else map.set(key, [...values]);
}

/**
 * Appends every item, one by one: `target.push(...items)` passes them as arguments, on the stack, and
 * throws a RangeError past ~120,000 of them (a file with that many emit sites, say).
 */
export function pushAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}
