// The scan's reader on files that change under it: deleted between discovery and reading, replaced by a
// folder; and the size limit. Each is one located problem; nothing throws.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCheckedBytesSync, readSourceFileSync } from "../../src/engine/read.js";
import { scanFiles } from "../../src/engine/collect.js";
import { FactCache } from "../../src/engine/cache.js";

const root = mkdtempSync(join(tmpdir(), "td-read-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("reading files that change during the run", () => {
  it("a file deleted after discovery is one problem, 'deleted during the run'", () => {
    expect(readCheckedBytesSync(root, "lib/gone.ex", 1024)).toEqual({ problem: { loc: { file: "lib/gone.ex", line: 1, column: 1 }, message: "lib/gone.ex: cannot be read (was deleted during the run)" } });
    expect(readSourceFileSync(root, "lib/gone.ex", 1024)).toEqual({ problem: { loc: { file: "lib/gone.ex", line: 1, column: 1 }, message: "lib/gone.ex: cannot be read (was deleted during the run)" } });
  });

  it("a file replaced by a folder is 'a directory, expected a file'", () => {
    mkdirSync(join(root, "x.json"));
    expect(readCheckedBytesSync(root, "x.json", 1024)).toMatchObject({ problem: { message: "x.json: is a directory, expected a file" } });
  });

  it("the size limit is checked before the bytes are read", () => {
    writeFileSync(join(root, "big.json"), "x".repeat(5000));
    expect(readCheckedBytesSync(root, "big.json", 1000)).toMatchObject({ problem: { message: expect.stringMatching(/^big\.json: skipped, 4\.9 KiB is over the 1000 B limit/) } });
    expect(readCheckedBytesSync(root, "big.json", 10_000)).toMatchObject({ size: 5000 });
  });

  it("reads every byte of files around the reused buffer's size (one read where the buffer has room, more where not)", () => {
    // The scan's buffer starts at 1 MiB and doubles: sizes just below, at and above each edge, and empty.
    for (const size of [0, 1, 4095, 1 << 20, (1 << 20) - 1, (1 << 20) + 1, (3 << 20) + 7]) {
      const text = Array.from({ length: size }, (_, i) => String.fromCharCode(97 + (i % 26))).join("");
      writeFileSync(join(root, "sized.ex"), text);
      const read = readCheckedBytesSync(root, "sized.ex", 16 << 20);
      expect("bytes" in read && read.bytes.toString("latin1") === text, `size ${size}`).toBe(true);
    }
  });

  it("a scan in which a discovered file vanishes completes, with one problem for that file", async () => {
    const tree = mkdtempSync(join(tmpdir(), "td-vanish-"));
    mkdirSync(join(tree, "lib"));
    writeFileSync(join(tree, "lib", "a.ex"), "defmodule A do\n  def f, do: :telemetry.execute([:a, :b], %{n: 1})\nend\n");
    writeFileSync(join(tree, "lib", "b.ex"), "defmodule B do\nend\n");
    // Delete b.ex the moment the scan first reads a file (after discovery listed it).
    const cache = FactCache.disabled();
    const original = cache.get.bind(cache);
    let deleted = false;
    cache.get = (path: string) => {
      if (!deleted) {
        rmSync(join(tree, "lib", "b.ex"));
        deleted = true;
      }
      return original(path);
    };
    Object.defineProperty(cache, "enabled", { get: () => true });
    const scan = await scanFiles(tree, {}, [], cache);
    expect(scan.files.map((f) => ("problem" in f ? `${f.file.path}: ${f.problem?.problems[0]?.message}` : `${f.file.path}: ok`))).toEqual([
      "lib/a.ex: ok",
      "lib/b.ex: lib/b.ex: cannot be read (was deleted during the run)",
    ]);
    rmSync(tree, { recursive: true, force: true });
  });
});
