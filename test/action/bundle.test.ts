// The committed Action bundle is what the sources build to: rebuilt into a temporary folder and
// compared byte for byte (esbuild output is deterministic for the same inputs and version).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO } from "../e2e/run-cli.js";

const out = mkdtempSync(join(tmpdir(), "td-bundle-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("action/index.mjs", () => {
  it("is up to date with the sources (run `npm run build:action` and commit action/ if this fails)", () => {
    const build = spawnSync(process.execPath, [join(REPO, "scripts", "build-action.mjs"), out], { encoding: "utf8" });
    expect(build.status, build.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(readdirSync(join(REPO, "action")).sort());
    for (const file of readdirSync(out)) {
      const fresh = readFileSync(join(out, file));
      const committed = readFileSync(join(REPO, "action", file));
      expect(fresh.equals(committed), `action/${file} differs from a fresh build`).toBe(true);
    }
  });

  // Only in a git checkout (CI's fresh clone is one); a packed copy has nothing to compare with.
  const tracked = spawnSync("git", ["ls-files", "action"], { cwd: REPO, encoding: "utf8" });
  it.runIf(tracked.status === 0)("is committed whole: every file of action/ is tracked by git (a new chunk left untracked breaks a clone)", () => {
    const files = tracked.stdout.split("\n").filter(Boolean).map((f) => f.slice("action/".length));
    expect(readdirSync(join(REPO, "action")).sort()).toEqual(files.sort());
  });

  it("is what action.yml runs, on node24", () => {
    const yml = readFileSync(join(REPO, "action.yml"), "utf8");
    expect(yml).toMatch(/^runs:\n {2}using: node24\n {2}main: action\/index\.mjs$/m);
  });
});
