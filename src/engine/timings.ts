// Where a run's time goes, for `--performance`: the wall time of each phase in order (Node's start-up,
// config, the walk, the scan, the parse on each thread, the analysis, fingerprints, the cache write),
// with what each covered. Recorded only when a caller asks (AnalyzeOptions.clock): plain data, which
// report/performance.ts formats. Times are wall times from `performance.now()`, whose origin is the
// process's start, so that the first phase includes Node's own start and the loading of the tool.
import type { FileKind } from "../discover/discover.js";

export type PhaseName = "start-up" | "config" | "discover" | "scan" | "parse" | "analysis" | "fingerprints" | "cache write" | "report";

export interface PhaseTiming {
  phase: PhaseName;
  ms: number;
}

/**
 * One parse lane (see engine/collect.ts): the TS/JS and rule files (THREAD_KINDS), or all the others;
 * whether it ran on a thread of its own (else on the main thread, after the other lane); when it
 * finished, in ms after the parse phase began; what it parsed.
 */
export interface LaneTiming {
  lane: "thread-kinds" | "other";
  ownThread: boolean;
  ms: number;
  rounds: number;
  files: Partial<Record<FileKind, number>>;
}

/** A file's parse and extraction time, on whichever thread parsed it (its parser's loading not included). */
export interface FileTiming {
  file: string;
  kind: FileKind;
  ms: number;
}

/** How many of the slowest files are kept. */
export const SLOWEST_FILES = 5;

export interface RunTimings {
  phases: PhaseTiming[];
  lanes: LaneTiming[];
  /** The SLOWEST_FILES files that took longest to parse, slowest first (ties: by path). */
  slowest: FileTiming[];
  files: {
    /** Files the walk listed (or the last walk's listing, reused). */
    listed: number;
    /** Files read and prefiltered by the scan (the others were vouched for by their stat and the cache). */
    read: number;
    /** Files whose facts came from the cache instead of a parse. */
    factsFromCache: number;
  };
  /** The report came from the cache: for the same input, or for the same facts (an edit to a file without any). */
  reportReused?: "input" | "facts";
  /** Set by the caller at the end (the engine does not know when its caller's process peaked). */
  peakRssBytes?: number;
}

/** Records phases one after the other: each lap is the time since the previous one (the first: since the process started). */
export class PhaseClock {
  readonly timings: RunTimings = { phases: [], lanes: [], slowest: [], files: { listed: 0, read: 0, factsFromCache: 0 } };
  private last = 0;

  lap(phase: PhaseName): void {
    const now = performance.now();
    this.timings.phases.push({ phase, ms: now - this.last });
    this.last = now;
  }

  /** One file parsed: kept if among the slowest so far. */
  fileParsed(timing: FileTiming): void {
    const slowest = this.timings.slowest;
    if (slowest.length === SLOWEST_FILES && !slower(timing, slowest[SLOWEST_FILES - 1]!)) return;
    let at = slowest.length;
    while (at > 0 && slower(timing, slowest[at - 1]!)) at--;
    slowest.splice(at, 0, timing);
    if (slowest.length > SLOWEST_FILES) slowest.pop();
  }

  /** A lane's end, relative to the start of the parse phase (the last lap). */
  laneDone(lane: Omit<LaneTiming, "ms">): void {
    this.timings.lanes.push({ ...lane, ms: performance.now() - this.last });
  }
}

const slower = (a: FileTiming, b: FileTiming): boolean => a.ms > b.ms || (a.ms === b.ms && a.file < b.file);
