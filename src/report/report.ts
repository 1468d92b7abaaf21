// The report object: what `check()` returns and `--format json` prints. Reporters only read this.
import type { Finding, Location } from "../model.js";

export interface InventoryCounts {
  files: number;
  events: number;
  metrics: number;
  series: number;
  queries: number;
}

export interface Report {
  version: 1;
  tool: { name: string; version: string };
  root: string;
  findings: Finding[];
  summary: { error: number; warning: number; info: number };
  inventory: InventoryCounts;
  /** Present when a baseline was applied: how many findings it accepted, how many of its entries are stale. */
  baseline?: { file: string; matched: number; stale: number };
}

/** The full inventory behind `--list`: every event, metric, series and query with its location. */
export interface Inventory {
  events: { name: string; emits: Location[]; declarations: Location[]; consumers: Location[]; library?: string }[];
  metrics: { name: string; kind: string; event: string; exporter?: string; series: string[]; loc: Location }[];
  series: { name: string; type: string; labels: string[]; source: string; loc?: Location }[];
  queries: { expr: string; origin: string; series: string[]; loc: Location }[];
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    cmp(a.rule, b.rule) ||
    cmp(a.subject, b.subject) ||
    cmp(a.message, b.message)
  );
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
