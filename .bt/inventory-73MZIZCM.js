import{createRequire as __cr}from'module';const require=__cr(import.meta.url);
import "./chunk-QA6RBL5S.js";

// dist/src/report/inventory.js
var where = (loc) => loc ? `${loc.file}:${loc.line}` : "";
function formatInventory(inv) {
  const out = [];
  out.push(`Events (${inv.events.length})`);
  for (const e of inv.events) {
    const parts = [
      e.emits.length ? `emitted at ${e.emits.map(where).join(", ")}` : e.library ? `emitted by ${e.library}` : "never emitted",
      e.declarations.length ? `declared at ${e.declarations.map(where).join(", ")}` : "",
      e.consumers.length ? `consumed at ${e.consumers.map(where).join(", ")}` : "not consumed"
    ].filter(Boolean);
    out.push(`  ${e.name}  ${parts.join("; ")}`);
  }
  out.push("", `Metrics (${inv.metrics.length})`);
  for (const m of inv.metrics) {
    const title = m.kind.includes(" ") ? `${m.kind} "${m.name}"` : `${m.kind}("${m.name}")`;
    const source = m.kind.includes(" ") ? m.event : `event ${m.event}`;
    out.push(`  ${title}  ${source}; ${m.exporter ? `${m.exporter} \u2192 ${m.series.join(", ") || "(no series)"}` : "reaches no Prometheus reporter"}  ${where(m.loc)}`);
  }
  out.push("", `Series (${inv.series.length})`);
  for (const s of inv.series)
    out.push(`  ${s.name} ${s.type}{${s.labels.join(",")}}  ${s.source}  ${where(s.loc)}`);
  out.push("", `Queries (${inv.queries.length})`);
  for (const q of inv.queries)
    out.push(`  ${where(q.loc)}  ${q.origin}: ${q.series.join(", ") || "(no series)"}`);
  return `${out.join("\n")}
`;
}
export {
  formatInventory
};
