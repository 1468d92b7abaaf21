// Reusing the last whole-tree walk (discover/listing.ts): the same files while no folder and no
// .gitignore changed; a fresh walk after anything that could change the result.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { discover } from "../../src/discover/discover.js";
import { reuseListing, stampListing } from "../../src/discover/listing.js";

// No racy window here: a folder's ctime (which nothing can set back) is always recent in a test, and
// this file system keeps nanoseconds, so a change after the stamp always shows. The window itself is
// tested at the end.
const RACY = 0;
const KEY = "[[],[]]";
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "td-listing-"));
  mkdirSync(join(root, "lib", "app"), { recursive: true });
  mkdirSync(join(root, "dashboards"));
  writeFileSync(join(root, "lib", "app", "a.ex"), "defmodule A do\nend\n");
  writeFileSync(join(root, "lib", "app", "b.ex"), "defmodule B do\nend\n");
  writeFileSync(join(root, "dashboards", "d.json"), "{}\n");
  writeFileSync(join(root, "dashboards", "notes.txt"), "not analysed\n");
  writeFileSync(join(root, ".gitignore"), "tmp/\n");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A walk, its stamp, and what a later run would reuse (given the cache holds exactly the walk's files). */
const stamped = () => {
  const walk = discover(root, {}, [], true);
  const stamp = stampListing(walk, KEY, Date.now(), RACY);
  return { walk, stamp, paths: walk.files.map((f) => f.path) };
};
const reuse = (s: ReturnType<typeof stamped>, key = KEY, paths = s.paths) => reuseListing(root, s.stamp, key, paths);

describe("reusing the last walk", () => {
  it("gives the walk's files while nothing changed, even after files' contents changed", () => {
    const s = stamped();
    expect(s.stamp).toBeDefined();
    expect(s.paths).toEqual(["dashboards/d.json", "lib/app/a.ex", "lib/app/b.ex"]);
    writeFileSync(join(root, "lib", "app", "a.ex"), "defmodule A do\n  def f, do: 1\nend\n"); // an edit, no new entry
    expect(reuse(s)).toEqual(s.walk.files);
  });

  it.each([
    ["a file added", () => writeFileSync(join(root, "lib", "app", "c.ex"), "")],
    ["a file deleted", () => rmSync(join(root, "lib", "app", "b.ex"))],
    ["a file renamed", () => renameSync(join(root, "dashboards", "d.json"), join(root, "dashboards", "e.json"))],
    [
      "a folder added",
      () => {
        mkdirSync(join(root, "lib", "web"));
        writeFileSync(join(root, "lib", "web", "w.ex"), "");
      },
    ],
    ["a folder removed", () => rmSync(join(root, "dashboards"), { recursive: true })],
    ["a .gitignore added below", () => writeFileSync(join(root, "lib", ".gitignore"), "app/\n")],
    ["the .gitignore edited", () => writeFileSync(join(root, ".gitignore"), "tmp/\nlib/\n")],
  ])("walks again after %s", (_, change) => {
    const s = stamped();
    change();
    expect(reuse(s)).toBeUndefined();
    expect(stamped().paths).not.toEqual(s.paths); // and the new walk does see the change
  });

  it("walks again for other include/exclude globs, or when the cache does not hold exactly the walk's files", () => {
    const s = stamped();
    expect(reuse(s, '[["lib/**"],[]]')).toBeUndefined();
    expect(reuse(s, KEY, s.paths.slice(1))).toBeUndefined();
    expect(reuseListing(root, s.stamp, KEY, undefined)).toBeUndefined();
  });

  it("keeps no stamp for a walk with problems, or with a folder or .gitignore changed within the racy window (a coarse clock could hide a second change)", () => {
    const walk = discover(root, {}, [], true);
    expect(stampListing(walk, KEY, Date.now(), RACY)).toBeDefined();
    expect(stampListing(walk, KEY, Date.now(), 60_000)).toBeUndefined(); // every folder here changed within the minute
    expect(stampListing(walk, KEY, Date.now() + 120_000, 60_000)).toBeDefined(); // two minutes on, nothing is recent
    expect(stampListing({ ...walk, problems: [{ path: "x", message: "x" }] }, KEY, Date.now(), RACY)).toBeUndefined();
  });

  it("records nothing for a walk narrowed to some paths", () => {
    expect(discover(root, {}, ["lib"], true).inputs).toBeUndefined();
  });
});
