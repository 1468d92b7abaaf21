import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { batchTuningFlag, BATCH_PARSE_FILES } from "../../src/cli/v8-tuning.js";
import { runCli } from "../e2e/run-cli.js";

describe("batch tuning of V8", () => {
  it("names the flag each V8 line knows, and none for lines where it was not measured", () => {
    expect(batchTuningFlag("11.3.244.8-node.38")).toEqual({ name: "--interrupt-budget", value: 528_000 }); // Node 20
    expect(batchTuningFlag("12.4.254.21-node.57")).toEqual({ name: "--invocation-count-for-turbofan", value: 24_000 }); // Node 22
    expect(batchTuningFlag("13.6.233.17-node.53")).toBeUndefined(); // Node 24: Maglev first, no gain
    expect(batchTuningFlag("14.1.0")).toBeUndefined();
    expect(batchTuningFlag("")).toBeUndefined();
  });

  const tree = mkdtempSync(join(tmpdir(), "td-v8-tuning-"));
  afterAll(() => rmSync(tree, { recursive: true, force: true }));

  it("a batch run on this Node is tuned silently: V8 rejects an unknown flag on stderr", () => {
    mkdirSync(join(tree, "lib"));
    for (let i = 0; i < BATCH_PARSE_FILES + 20; i++) {
      writeFileSync(join(tree, "lib", `e${i}.ex`), `defmodule E${i} do\n  def f, do: :telemetry.execute([:app, :e${i}], %{n: 1})\nend\n`);
    }
    const run = runCli([tree, "--format", "json", "--fail-on", "never", "--cache-location", join(tree, ".cache")]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).inventory.files).toBe(BATCH_PARSE_FILES + 20);
  });
});
