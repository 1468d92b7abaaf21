// The fact cache never changes a report: byte-identical output with and without it, after touches,
// edits, deletions, corrupt or truncated cache files, racy same-size edits and concurrent runs.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI, REPO, runCli, withoutForceColor } from "../e2e/run-cli.js";
import { decodeIndex } from "../../src/engine/cache.js";

const work = mkdtempSync(join(tmpdir(), "td-cache-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A private copy of a fixture, and a cache folder of its own. */
function project(fixture: string): { root: string; cache: string } {
  const root = mkdtempSync(join(work, "p-"));
  cpSync(join(REPO, "fixtures", fixture), root, { recursive: true });
  return { root, cache: join(root, ".td-cache") };
}

const report = (root: string, ...flags: string[]) => {
  const result = runCli([root, "--format", "json", "--fail-on", "never", ...flags]);
  expect(result.status, result.stderr).toBe(0);
  return result;
};
const uncached = (root: string) => report(root, "--no-cache").stdout;
const cached = (root: string, cache: string) => report(root, "--cache-location", cache);

/** Moves a file's mtime into the past, so the cache trusts it (outside the racy window). */
const age = (path: string, secondsAgo = 60) => {
  const t = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(path, t, t);
};
const ageTree = (root: string) => {
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else age(path);
    }
  };
  walk(root);
};

describe("fact cache", () => {
  it("gives byte-identical reports cold, warm, after a touch, an edit and a deletion", () => {
    const { root, cache } = project("mixed");
    ageTree(root);
    const expected = uncached(root);
    expect(JSON.parse(expected).findings.length).toBeGreaterThan(1);
    expect(cached(root, cache).stdout).toBe(expected); // cold: writes the cache
    // The facts and the index, nothing else: V8's compile cache (Node 22.1+) never lives beside them (see compile-cache.test.ts).
    expect(readdirSync(cache).sort()).toEqual([expect.stringMatching(/^facts-[0-9a-f]{16}\.bin$/), expect.stringMatching(/^index-[0-9a-f]{16}\.bin$/)]);
    expect(cached(root, cache).stdout).toBe(expected); // warm: the report is reused

    const dashboard = join(root, "dashboards", "overview.json");
    utimesSync(dashboard, new Date(), new Date()); // touched, same content
    expect(cached(root, cache).stdout).toBe(expected);

    // An edit that adds drift must show up, exactly as an uncached run sees it.
    writeFileSync(dashboard, readFileSync(dashboard, "utf8").replace("osint_breaker_status", "osint_breaker_stat"));
    const afterEdit = uncached(root);
    expect(afterEdit).not.toBe(expected);
    expect(afterEdit).toContain("osint_breaker_stat");
    expect(cached(root, cache).stdout).toBe(afterEdit);

    rmSync(dashboard);
    const afterDelete = uncached(root);
    expect(cached(root, cache).stdout).toBe(afterDelete);
    expect(afterDelete).not.toContain("overview.json");
  });

  it("reuses the last walk while no folder changed, and walks again after a file is added, renamed or ignored", async () => {
    const { root } = project("mixed");
    const cache = join(work, "listing-cache"); // outside the tree: making it changes no folder of the tree
    ageTree(root);
    // A folder's ctime cannot be set back: wait out the racy window (RACY_WINDOW_MS) once.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const expected = uncached(root);
    expect(cached(root, cache).stdout).toBe(expected); // cold: the walk is stamped
    const index = () => decodeIndex(readFileSync(join(cache, readdirSync(cache).find((n) => n.startsWith("index"))!)));
    const stamped = index();
    expect(typeof stamped !== "string" && stamped.listing?.dirs.split("\0")).toContain("dashboards");
    expect(cached(root, cache).stdout).toBe(expected); // warm: the walk is reused

    const dashboards = join(root, "dashboards");
    const extra = join(dashboards, "extra.json");
    writeFileSync(extra, readFileSync(join(dashboards, "overview.json"), "utf8").replace("osint_breaker_status", "osint_breaker_extra"));
    age(extra);
    const afterAdd = uncached(root);
    expect(afterAdd).toContain("dashboards/extra.json");
    expect(cached(root, cache).stdout).toBe(afterAdd);

    renameSync(extra, join(dashboards, "renamed.json"));
    ageTree(root);
    const afterRename = uncached(root);
    expect(afterRename).toContain("dashboards/renamed.json");
    expect(cached(root, cache).stdout).toBe(afterRename);

    writeFileSync(join(root, ".gitignore"), "dashboards/renamed.json\n");
    ageTree(root);
    const afterIgnore = uncached(root);
    expect(afterIgnore).not.toContain("renamed.json");
    expect(cached(root, cache).stdout).toBe(afterIgnore);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(cached(root, cache).stdout).toBe(afterIgnore); // stamps the new walk
    expect(cached(root, cache).stdout).toBe(afterIgnore); // and reuses it
  });

  it("keeps working for a file whose name holds a newline (the index's lists are NUL-separated)", () => {
    const { root, cache } = project("mixed");
    writeFileSync(join(root, "lib", "odd\nname.ex"), "defmodule Odd do\n  def f, do: :telemetry.execute([:odd, :event], %{n: 1})\nend\n");
    ageTree(root);
    const expected = uncached(root);
    expect(cached(root, cache).stdout).toBe(expected);
    const warm = cached(root, cache);
    expect(warm.stdout).toBe(expected);
    expect(warm.stderr).not.toContain("cache"); // no "corrupt, rebuilt" notice
  });

  it("sees a same-size edit made right after the cache was written (racy mtime)", () => {
    const { root, cache } = project("seed");
    const metrics = join(root, "lib", "prismatic_web", "telemetry.ex");
    const before = cached(root, cache).stdout; // the cache is written within the racy window of these fresh files
    const original = statSync(metrics);
    // Same size, same mtime, different content: only a re-hash can notice.
    writeFileSync(metrics, readFileSync(metrics, "utf8").replace('summary("osint.search.stop.duration"', 'summary("osint.search.stop.duratio2"'));
    utimesSync(metrics, original.atime, original.mtime);
    expect(statSync(metrics).size).toBe(original.size);
    const after = cached(root, cache).stdout;
    expect(after).not.toBe(before);
    expect(after).toBe(uncached(root));
  });

  it("ignores a corrupt or truncated cache, says so once on stderr, and rebuilds it", () => {
    const { root, cache } = project("ts-otel");
    ageTree(root);
    const expected = uncached(root);
    cached(root, cache);
    const index = join(cache, readdirSync(cache).find((f) => f.startsWith("index-"))!);
    const facts = join(cache, readdirSync(cache).find((f) => f.startsWith("facts-"))!);

    const bytes = readFileSync(index);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 0xff, bytes.length - 10); // flipped bits deep in the payload
    writeFileSync(index, bytes);
    expect(typeof decodeIndex(readFileSync(index))).toBe("string");
    const corrupt = cached(root, cache);
    expect(corrupt.stdout).toBe(expected);
    expect(corrupt.stderr).toMatch(/^telemetry-drift: cache .*index-[0-9a-f]+\.bin: corrupt \(checksum mismatch\); rebuilt\n$/);
    expect(cached(root, cache).stderr).toBe(""); // rebuilt

    // A truncated facts store while the index still points at it: the facts are extracted again.
    truncateSync(facts, 40);
    const metrics = join(root, "src", "telemetry", "metrics.ts");
    writeFileSync(metrics, readFileSync(metrics, "utf8") + "\n// edited\n");
    const truncated = cached(root, cache);
    expect(truncated.stdout).toBe(uncached(root));

    writeFileSync(index, "not a cache at all");
    const foreign = cached(root, cache);
    expect(foreign.stdout).toBe(uncached(root));
    expect(foreign.stderr).toContain("not a telemetry-drift cache file");
  });

  it("stays correct when several runs share one cache at the same time", async () => {
    const { root, cache } = project("mixed");
    ageTree(root);
    const expected = uncached(root);
    const runOnce = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, root, "--format", "json", "--fail-on", "never", "--cache-location", cache], { env: { ...withoutForceColor(), NO_COLOR: "1" } });
        let out = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.on("error", reject);
        child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
      });
    const outputs = await Promise.all([runOnce(), runOnce(), runOnce(), runOnce()]);
    for (const out of outputs) expect(out).toBe(expected);
    expect(readdirSync(cache).filter((f) => f.endsWith(".tmp"))).toEqual([]); // no temp file left behind
    // A temp file of a run killed mid-write an hour ago is cleaned up by the next write; a fresh one is not.
    const index = readdirSync(cache).find((f) => f.startsWith("index-"))!;
    const abandoned = join(cache, `${index}.4242.abc123.tmp`);
    const recent = join(cache, `${index}.4243.def456.tmp`);
    writeFileSync(abandoned, "partial");
    writeFileSync(recent, "partial");
    age(abandoned, 2 * 3600);
    writeFileSync(join(root, "dashboards", "overview.json"), readFileSync(join(root, "dashboards", "overview.json"), "utf8") + "\n");
    cached(root, cache);
    expect(readdirSync(cache).filter((f) => f.endsWith(".tmp"))).toEqual([`${index}.4243.def456.tmp`]);
    expect(cached(root, cache).stdout).toBe(expected);
  });

  it("recomputes when only the config file's layout changes (stale ignore entries are reported at their line)", () => {
    const { root, cache } = project("seed");
    const config = join(root, "telemetry-drift.config.json");
    writeFileSync(config, '{\n  "ignore": [\n    { "rule": "series-missing", "subject": "nothing_reads_this" }\n  ]\n}\n');
    ageTree(root);
    const line = (out: string) => (JSON.parse(out) as { findings: { rule: string; file: string; line: number }[] }).findings.find((f) => f.rule === "suppression-unused")?.line;
    expect(line(cached(root, cache).stdout)).toBe(3);
    writeFileSync(config, '\n\n{\n  "ignore": [\n    { "rule": "series-missing", "subject": "nothing_reads_this" }\n  ]\n}\n');
    const moved = cached(root, cache).stdout;
    expect(line(moved)).toBe(5);
    expect(moved).toBe(uncached(root));
  });

  it("runs without a cache when its folder cannot be made (a file, a read-only or special file system)", () => {
    const { root } = project("seed");
    const expected = uncached(root);
    const file = join(work, "a-file");
    writeFileSync(file, "x");
    for (const location of [file, join(file, "below"), "/proc/telemetry-drift-cache"]) {
      const run = cached(root, location);
      expect(run.stdout, location).toBe(expected);
      expect(run.stderr, location).toBe("");
    }
  });

  it("keeps one cache per analysis root in a shared folder", () => {
    const a = project("seed");
    const b = project("clean");
    const shared = join(work, "shared-cache");
    const expectedA = uncached(a.root);
    const expectedB = uncached(b.root);
    expect(cached(a.root, shared).stdout).toBe(expectedA);
    expect(cached(b.root, shared).stdout).toBe(expectedB);
    expect(cached(a.root, shared).stdout).toBe(expectedA);
    expect(readdirSync(shared).filter((f) => f.startsWith("index-"))).toHaveLength(2);
  });
});
