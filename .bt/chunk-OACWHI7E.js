import{createRequire as __cr}from'module';const require=__cr(import.meta.url);

// dist/src/checks/check.js
var related = (loc, message) => loc && loc.line > 0 ? [{ file: loc.file, line: loc.line, column: loc.column, message }] : [];
var at = (loc) => `${loc.file}:${loc.line}`;
function describeOrigin(origin) {
  switch (origin.kind) {
    case "panel": {
      const title = origin.panelTitle ? `panel "${origin.panelTitle}"` : `panel ${origin.panelId ?? "?"}`;
      return origin.dashboardTitle ? `${title} of dashboard "${origin.dashboardTitle}"` : title;
    }
    case "variable":
      return `variable $${origin.variableName ?? "?"}${origin.dashboardTitle ? ` of dashboard "${origin.dashboardTitle}"` : ""}`;
    case "annotation":
      return `annotation "${origin.annotationName ?? "?"}"${origin.dashboardTitle ? ` of dashboard "${origin.dashboardTitle}"` : ""}`;
    case "alert":
      return origin.grafana ? `Grafana alert rule "${origin.name}"${origin.refId ? ` (query ${origin.refId})` : ""}` : `alert ${origin.name}`;
    case "record":
      return `recording rule ${origin.name}`;
  }
}
var Origin = (origin) => {
  const text = describeOrigin(origin);
  return text.charAt(0).toUpperCase() + text.slice(1);
};
function describeMetric(def) {
  if (def.instrument)
    return `${def.instrument.library === "prom-client" ? "prom-client" : "OpenTelemetry"} ${def.instrument.type} "${def.name[0]}"`;
  return `${def.kind}("${def.name.join(".")}")`;
}
function seriesNamesOf(node) {
  return (node.result?.series ?? []).map((s) => s.name);
}
var readerIndexes = /* @__PURE__ */ new WeakMap();
function readerIndex(graph) {
  let index = readerIndexes.get(graph);
  if (!index) {
    index = /* @__PURE__ */ new Map();
    for (const query of graph.queries) {
      const seen = /* @__PURE__ */ new Set();
      for (const selector of query.analysis.selectors) {
        const name = selector.name;
        if (!name || seen.has(name))
          continue;
        seen.add(name);
        const list = index.get(name);
        if (list)
          list.push(query);
        else
          index.set(name, [query]);
      }
    }
    readerIndexes.set(graph, index);
  }
  return index;
}
function queriesReading(graph, names) {
  const index = readerIndex(graph);
  const out = [];
  for (const name of names) {
    for (const query of index.get(name) ?? []) {
      out.push({ query, name, position: queryPosition(graph, query), selector: query.analysis.selectors.findIndex((s) => s.name === name) });
    }
  }
  out.sort((a, b) => a.position - b.position || a.selector - b.selector);
  return out.map(({ query, name }) => ({ query, name }));
}
var positions = /* @__PURE__ */ new WeakMap();
function queryPosition(graph, query) {
  let map = positions.get(graph);
  if (!map) {
    map = new Map(graph.queries.map((q, i) => [q, i]));
    positions.set(graph, map);
  }
  return map.get(query);
}
function readersRelated(graph, names, limit = 5) {
  const readers = queriesReading(graph, names);
  const out = readers.slice(0, limit).flatMap(({ query, name }) => related(query.loc, `${describeOrigin(query.origin)} reads ${name}`));
  if (readers.length > limit)
    out.push({ file: readers[limit].query.loc.file, line: readers[limit].query.loc.line, message: `\u2026 and ${readers.length - limit} more queries` });
  return out;
}
var plural = (n, word, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
var quoteList = (items) => items.map((i) => `\`${i}\``).join(", ");
function editDistance(a, b, max) {
  if (Math.abs(a.length - b.length) > max)
    return max + 1;
  const width = b.length + 1;
  if (rowA.length < width) {
    rowA = new Int32Array(width * 2);
    rowB = new Int32Array(width * 2);
  }
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j < width; j++)
    previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j < width; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      let value = previous[j] + 1;
      const left = current[j - 1] + 1;
      if (left < value)
        value = left;
      const diagonal = previous[j - 1] + cost;
      if (diagonal < value)
        value = diagonal;
      current[j] = value;
      if (value < rowMin)
        rowMin = value;
    }
    if (rowMin > max)
      return max + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[b.length];
}
var rowA = new Int32Array(64);
var rowB = new Int32Array(64);
function closest(target, candidates, maxDistance = 3) {
  let best;
  let bestScore = Infinity;
  countChars(target, targetCounts, 1);
  for (const candidate of candidates) {
    const bound = Math.min(maxDistance, bestScore);
    if (candidate === target || Math.abs(candidate.length - target.length) > bound)
      continue;
    if (bagDistance(candidate) > bound)
      continue;
    const d = editDistance(target, candidate, bound);
    if (d <= maxDistance && (d < bestScore || d === bestScore && best !== void 0 && candidate < best)) {
      best = candidate;
      bestScore = d;
    }
  }
  countChars(target, targetCounts, -1);
  return best;
}
var targetCounts = new Int32Array(128);
var countChars = (s, counts, delta) => {
  for (let i = 0; i < s.length; i++)
    counts[s.charCodeAt(i) & 127] += delta;
};
function bagDistance(candidate) {
  countChars(candidate, targetCounts, -1);
  let extraInTarget = 0;
  let extraInCandidate = 0;
  for (let i = 0; i < 128; i++) {
    const c = targetCounts[i];
    if (c > 0)
      extraInTarget += c;
    else if (c < 0)
      extraInCandidate -= c;
  }
  countChars(candidate, targetCounts, 1);
  return Math.max(extraInTarget, extraInCandidate);
}

export {
  related,
  at,
  describeOrigin,
  Origin,
  describeMetric,
  seriesNamesOf,
  queriesReading,
  readersRelated,
  plural,
  quoteList,
  editDistance,
  closest
};
