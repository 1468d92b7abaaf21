// V8 tuned for a run that parses many files. V8 optimises a function once it has run a while, a setting
// made for servers that run for hours; a cold run is over in a couple of seconds, and on the scale-10
// benchmark (Node 20) the optimising compiler took ~2.3 s of background CPU for 577 functions, more than
// the main thread's own work. Letting a function run ~8x longer before it is optimised leaves that to the
// really hot ones (the parsers' inner loops): same output, ~10% less CPU and less wall time on 2 cores.
// Runs that parse little (a warm or one-file run) are better off with the default: their few hot loops
// should be optimised early. Only the CLI does this, in its own process (never the library or the ESLint
// plugin, which live in someone else's); a setting given on the command line or in NODE_OPTIONS wins.
import { setFlagsFromString } from "node:v8";

/** From this many files to parse in a round, the run is a batch. */
export const BATCH_PARSE_FILES = 100;

/**
 * The flag that sets how long a function runs before TurboFan optimises it, per V8 line, at 8x the line's
 * default, where that was measured to help (scale 10, cold, interleaved runs):
 * - V8 11 (Node 20): `--interrupt-budget`, default 67,584 bytes of bytecode executed; 2.66 → 2.50 s;
 * - V8 12 (Node 22): the budget became `--invocation-count-for-turbofan`, default 3,000; 2.25 → 2.16 s;
 * - V8 13 (Node 24), where the Maglev tier runs first: no gain (2.07 s either way), so nothing is set.
 * Other lines get nothing: V8 answers a flag it does not know with an error on stderr.
 */
export function batchTuningFlag(v8Version: string): { name: string; value: number } | undefined {
  switch (Number(v8Version.split(".")[0])) {
    case 11:
      return { name: "--interrupt-budget", value: 528_000 };
    case 12:
      return { name: "--invocation-count-for-turbofan", value: 24_000 };
    default:
      return undefined;
  }
}

let tuned = false;

export function tuneV8ForBatchParsing(): void {
  if (tuned) return;
  tuned = true;
  const flag = batchTuningFlag(process.versions.v8);
  if (!flag) return;
  const givenByUser = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((arg) => arg.includes(flag.name.slice(2)));
  if (!givenByUser) setFlagsFromString(`${flag.name}=${flag.value}`);
}
