// V8 tuned for a batch run. V8 optimises a function once it has run a while (its "interrupt budget"),
// a setting chosen for servers that run for hours; a drift report is over in a second or two, and on a
// cold scale-10 run the optimising compiler took ~2.3 s of background CPU for 577 functions, more than
// the main thread's own work. Letting a function run ~8x longer before it is optimised leaves only the
// really hot ones (the parsers' inner loops): same output, ~10% less CPU and ~5% less wall time on
// 2 cores (see the README's Performance section). Set before anything else runs, and only in the CLI's
// own process (never by the library or the ESLint plugin, which live in someone else's); a budget given
// on the command line or in NODE_OPTIONS wins.
import { setFlagsFromString } from "node:v8";

const BATCH_INTERRUPT_BUDGET = 528_000; // V8 11.3's default is 67,584 (bytecode bytes executed)

const givenByUser = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((arg) => arg.includes("interrupt-budget"));
if (!givenByUser) setFlagsFromString(`--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`);
