// The README shows the real output of its own example command: this keeps it true.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runCli } from "./run-cli.js";

describe("README", () => {
  it("shows exactly what `npx telemetry-drift fixtures/seed` prints", () => {
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    const intro = readme.indexOf("What `npx telemetry-drift fixtures/seed` prints");
    const start = readme.indexOf("```\n", intro) + 4;
    const shown = readme.slice(start, readme.indexOf("```", start));
    const run = runCli(["fixtures/seed", "--no-cache"]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(shown);
  });
});
