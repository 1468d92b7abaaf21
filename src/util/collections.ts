// Small collection helpers shared by the graph, checks and reporters.

/** Appends to the list under `key`, creating it: O(1), unlike re-spreading the list each time. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, ...values: V[]): void {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, [...values]);
}
