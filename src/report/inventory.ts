// `--list`: the inventory as readable text (events, metrics, series, queries, each with its location).
// Every line is made of names, paths and expressions from the analysed tree plus the tool's own words (no
// colour codes): each line goes through `visibleControls`, so a control character in a name is shown as an
// escape on the terminal instead of acting on it.
import type { Location } from "../model.js";
import type { Inventory } from "./report.js";
import { visibleControls } from "../util/visible.js";

const where = (loc: Location | undefined): string => (loc ? `${loc.file}:${loc.line}` : "");

export function formatInventory(inv: Inventory): string {
  const out: string[] = [];
  out.push(`Events (${inv.events.length})`);
  for (const e of inv.events) {
    const parts = [
      e.emits.length ? `emitted at ${e.emits.map(where).join(", ")}` : e.library ? `emitted by ${e.library}` : "never emitted",
      e.declarations.length ? `declared at ${e.declarations.map(where).join(", ")}` : "",
      e.consumers.length ? `consumed at ${e.consumers.map(where).join(", ")}` : "not consumed",
    ].filter(Boolean);
    out.push(`  ${e.name}  ${parts.join("; ")}`);
  }
  out.push("", `Metrics (${inv.metrics.length})`);
  for (const m of inv.metrics) {
    const title = m.kind.includes(" ") ? `${m.kind} "${m.name}"` : `${m.kind}("${m.name}")`;
    const source = m.kind.includes(" ") ? m.event : `event ${m.event}`;
    out.push(`  ${title}  ${source}; ${m.exporter ? `${m.exporter} → ${m.series.join(", ") || "(no series)"}` : "reaches no Prometheus reporter"}  ${where(m.loc)}`);
  }
  out.push("", `Series (${inv.series.length})`);
  for (const s of inv.series) out.push(`  ${s.name} ${s.type}{${s.labels.join(",")}}  ${s.source}  ${where(s.loc)}`);
  out.push("", `Queries (${inv.queries.length})`);
  for (const q of inv.queries) out.push(`  ${where(q.loc)}  ${q.origin}: ${q.series.join(", ") || "(no series)"}`);
  return `${out.map((line) => visibleControls(line)).join("\n")}\n`;
}
