// `--performance`: where a run's time went (engine/timings.ts), as a table on stderr. The phases follow
// one another, so their times add up to the total; the two parse lanes run side by side (each line says
// when its lane finished, counted from the start of the parse phase).
import type { FileKind } from "../discover/discover.js";
import type { LaneTiming, PhaseName, RunTimings } from "../engine/timings.js";

const KIND_LABELS: Record<FileKind, string> = {
  elixir: "Elixir",
  "mix-lock": "mix.lock",
  json: "JSON",
  yaml: "YAML",
  typescript: "TS/JS",
  "package-json": "package.json",
};

const PHASE_NOTES: Partial<Record<PhaseName, string>> = {
  "start-up": "Node's start, the tool's modules",
  config: "config file, cache index",
  analysis: "contract graph, checks",
  "cache write": "fact cache, report",
  report: "formatting, writing",
};

/** Thousands separated by commas, whatever the locale: the output is the same on every machine. */
export function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

const plural = (n: number, one: string, many = `${one}s`): string => `${groupDigits(n)} ${n === 1 ? one : many}`;

function laneLine(lane: LaneTiming): string {
  const kinds = (Object.entries(lane.files) as [FileKind, number][])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([kind, n]) => `${groupDigits(n)} ${KIND_LABELS[kind] ?? kind}`);
  const name = lane.lane === "thread-kinds" ? "TS/JS+YAML lane" : "other lane";
  const where = lane.ownThread ? "its own thread" : "main thread";
  const what = kinds.length ? `${kinds.join(", ")} in ${plural(lane.rounds, "round")}` : "nothing to parse";
  return row(`  ${name}`, lane.ms, `${where}: ${what}`);
}

/** A lane that parsed something, or that had a thread (then it is shown even idle: the thread cost a start). */
const shownLane = (lane: LaneTiming): boolean => lane.rounds > 0 || lane.ownThread;

function row(label: string, ms: number, note?: string): string {
  return `  ${label.padEnd(17)} ${groupDigits(ms).padStart(7)} ms${note ? `  ${note}` : ""}`;
}

/** The table, one line per phase (and per parse lane), ending with the total and the peak memory. */
export function formatPerformance(timings: RunTimings): string {
  const lines = ["telemetry-drift --performance (wall time; the phases follow one another)"];
  const { files } = timings;
  for (const { phase, ms } of timings.phases) {
    let note = PHASE_NOTES[phase];
    if (phase === "discover") note = `${plural(files.listed, "file")} listed`;
    if (phase === "scan") {
      const vouched = files.listed - files.read;
      note = `${groupDigits(files.read)} read and prefiltered${vouched > 0 ? `, ${groupDigits(vouched)} unchanged by their stat` : ""}`;
      if (timings.reportReused === "input") note += "; the same input as the cached report: nothing parsed or analysed";
    }
    if (phase === "parse") {
      const parsed = timings.lanes.reduce((sum, lane) => sum + Object.values(lane.files).reduce((a, b) => a + (b ?? 0), 0), 0);
      note = `${plural(parsed, "file")} parsed, ${groupDigits(files.factsFromCache)} with facts from the cache`;
      if (timings.reportReused === "facts") note += "; the same facts as the cached report: not analysed again";
      const shown = timings.lanes.filter(shownLane);
      if (shown.length) note += `; ${shown.some((lane) => lane.ownThread) ? "lanes side by side" : "lanes one after the other"}, each finished at:`;
    }
    lines.push(row(phase, ms, note));
    if (phase === "parse") for (const lane of timings.lanes.filter(shownLane)) lines.push(laneLine(lane));
  }
  const total = timings.phases.reduce((sum, p) => sum + p.ms, 0);
  lines.push(row("total", total, timings.peakRssBytes !== undefined ? `peak RSS ${groupDigits(timings.peakRssBytes / (1024 * 1024))} MB` : undefined));
  if (timings.slowest.length) {
    // Parsers run slower on their first files, before V8 has optimised them: a file that stands out by
    // far (a generated dashboard, a vendored bundle) is the one to look at, or to exclude.
    lines.push("  slowest files to parse (a parser's first files also pay for its warming up):");
    for (const { file, kind, ms } of timings.slowest) lines.push(row("", ms, `${file} (${KIND_LABELS[kind] ?? kind})`));
  }
  return `${lines.join("\n")}\n`;
}
