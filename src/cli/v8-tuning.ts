// V8 tuned for a run that parses many files. V8 optimises a function once it has run a while (its
// "interrupt budget"), a setting made for servers that run for hours; a cold run is over in a couple of
// seconds, and on the scale-10 benchmark the optimising compiler took ~2.3 s of background CPU for 577
// functions, more than the main thread's own work. Letting a function run ~8x longer before it is
// optimised leaves that to the really hot ones (the parsers' inner loops): same output, ~10% less CPU
// and less wall time on 2 cores. Runs that parse little (a warm or one-file run) are better off with the
// default: their few hot loops should be optimised early. Only the CLI does this, in its own process
// (never the library or the ESLint plugin, which live in someone else's); a budget given on the command
// line or in NODE_OPTIONS wins.
import { setFlagsFromString } from "node:v8";

/** From this many files to parse in a round, the run is a batch. */
export const BATCH_PARSE_FILES = 100;
const BATCH_INTERRUPT_BUDGET = 528_000; // V8 11.3's default: 67,584 bytes of bytecode executed

let tuned = false;

export function tuneV8ForBatchParsing(): void {
  if (tuned) return;
  tuned = true;
  const givenByUser = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((arg) => arg.includes("interrupt-budget"));
  if (!givenByUser) setFlagsFromString(`--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`);
}
