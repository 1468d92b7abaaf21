// The Action's entry (bundled into action/index.mjs): run, then exit with the Action's status.
import { runAction } from "./main.js";

runAction(process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stdout.write(`::error title=telemetry-drift::internal error: ${(error as Error).message?.replace(/\r?\n/g, " ")}\n`);
    process.exitCode = 1;
  },
);
