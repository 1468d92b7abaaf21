// A stand-in for `telemetry-drift live` while src/cli/main.ts does not dispatch it yet: the built
// runLive (dist/) as its own process, so exit codes and stderr are those a user would see.
import { runLive } from "../../dist/src/cli/live.js";

process.exitCode = await runLive(process.argv.slice(2));
