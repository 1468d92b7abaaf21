// The ESLint plugin's project index when its short Elixir subprocess fails (a crash, a missing Node): the
// build is left to the engine's own subprocess, with the same findings; a re-extraction that needs it
// reports the failure in one line. The subprocess is made to fail by wrapping execFileSync.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { analyze } from "../../src/engine/run.js";
import { ProjectIndex } from "../../src/eslint/project.js";
import type { Finding } from "../../src/model.js";
import { REPO } from "../e2e/run-cli.js";

const elixirProcess = vi.hoisted(() => ({ fails: false, runs: 0 }));
vi.mock("node:child_process", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:child_process")>();
  const execFileSync = (file: string, args: readonly string[], options: object) => {
    if (String(args[0]).endsWith("elixir-facts.js")) {
      elixirProcess.runs++;
      if (elixirProcess.fails) {
        throw Object.assign(new Error(`Command failed: ${file} ${args[0]}`), { stderr: Buffer.from(`${args[0]}:12\n    throw new Error("boom");\n    ^\n\nError: boom\n    at main (${args[0]}:12:11)\n`) });
      }
    }
    return actual.execFileSync(file, args, options);
  };
  return { ...actual, execFileSync };
});

const scratch = mkdtempSync(join(tmpdir(), "td-eslint-fallback-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const brief = (findings: readonly Finding[]) => findings.map((f) => ({ rule: f.rule, file: f.file, line: f.line, message: f.message }));

describe("the ESLint plugin's project index, when the Elixir subprocess fails", () => {
  it("is built by the engine's subprocess instead, with the CLI's findings", async () => {
    const root = join(scratch, "mixed");
    cpSync(join(REPO, "fixtures", "mixed"), root, { recursive: true });
    const expected = brief((await analyze({ root, baseline: false })).report.findings);
    const files = [...new Set(expected.map((f) => f.file))].sort();
    expect(expected.some((f) => /\.ex:\d+/.test(f.message))).toBe(true); // a finding that needs Elixir facts
    elixirProcess.fails = true;
    elixirProcess.runs = 0;
    try {
      const index = ProjectIndex.for(root, false);
      const found = files.flatMap((file) => brief(index.findingsFor(join(root, file), readFileSync(join(root, file), "utf8"))));
      expect(found).toEqual(expected);
      expect(elixirProcess.runs).toBe(1);
      expect(index.lastBuild).toBe("subprocess");
    } finally {
      elixirProcess.fails = false;
    }
  });

  it("says so in one line when a changed Elixir file cannot be read again", () => {
    const root = join(scratch, "mixed-edit");
    cpSync(join(REPO, "fixtures", "mixed"), root, { recursive: true });
    const index = ProjectIndex.for(root, false);
    index.refresh(true);
    expect(index.lastBuild).toBe("in-process");
    const file = join(root, "lib", "prismatic_web", "telemetry.ex");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n# edited\n`);
    elixirProcess.fails = true;
    try {
      expect(() => index.refresh(true)).toThrow(/^the Elixir parser's process failed: Error: boom$/);
    } finally {
      elixirProcess.fails = false;
    }
    index.refresh(true); // recovers once the subprocess works again
  });
});
