// Reusing the last whole-tree walk (discover/listing.ts): the same files while no folder and no
// .gitignore changed; a fresh walk after anything that could change the result.
import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { discover } from "../../src/discover/discover.js";
import { reuseListing, stampListing } from "../../src/discover/listing.js";

// No racy window here: a folder's ctime (which nothing can set back) is always recent in a test, and
// this file system keeps nanoseconds, so a change after the stamp always shows. The window itself is
// tested at the end.
const RACY = 0;
/**
 * "Now" for a stamp: a file's ctime can be up to a millisecond past Date.now(), which truncates, so a
 * folder made in the same millisecond would count as changed "in the future" with no window at all.
 */
const now = (): number => Date.now() + 5;
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

/** A walk and its stamp. */
const stamped = () => {
  const walk = discover(root, {}, [], true);
  return { walk, stamp: stampListing(walk, KEY, now(), RACY), paths: walk.files.map((f) => f.path) };
};

describe("reusing the last walk", () => {
  it("gives the walk's files while nothing changed, even after files' contents changed", () => {
    const s = stamped();
    expect(s.stamp).toBeDefined();
    expect(s.paths).toEqual(["dashboards/d.json", "lib/app/a.ex", "lib/app/b.ex"]);
    writeFileSync(join(root, "lib", "app", "a.ex"), "defmodule A do\n  def f, do: 1\nend\n"); // an edit, no new entry
    expect(reuseListing(root, s.stamp, KEY)).toEqual(s.walk.files);
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
    ["the .gitignore deleted", () => rmSync(join(root, ".gitignore"))],
  ])("walks again after %s", (_, change) => {
    writeFileSync(join(root, "dashboards", "hidden.json"), "{}\n");
    writeFileSync(join(root, ".gitignore"), "dashboards/hidden.json\n"); // so that deleting it changes the files found
    const s = stamped();
    change();
    expect(reuseListing(root, s.stamp, KEY)).toBeUndefined();
    expect(stamped().paths).not.toEqual(s.paths); // and the new walk does see the change
  });

  it("walks again after a same-size rewrite of a .gitignore that keeps its mtime, or a change of its permissions", () => {
    writeFileSync(join(root, ".gitignore"), "zzzz/\n");
    const s = stamped();
    writeFileSync(join(root, ".gitignore"), "lib/\n\n"); // same size; a copy keeping timestamps keeps the mtime, never the ctime
    expect(reuseListing(root, s.stamp, KEY)).toBeUndefined();
    const t = stamped();
    chmodSync(join(root, ".gitignore"), 0o600);
    expect(reuseListing(root, t.stamp, KEY)).toBeUndefined();
  });

  it("walks again for other include/exclude globs", () => {
    expect(reuseListing(root, stamped().stamp, '[["lib/**"],[]]')).toBeUndefined();
  });

  it("keeps no stamp for a walk with problems, a symlinked .gitignore, or the cache's own folder", () => {
    const walk = discover(root, {}, [], true);
    expect(stampListing({ ...walk, problems: [{ path: "x", message: "x" }] }, KEY, now(), RACY)).toBeUndefined();
    expect(stampListing(walk, KEY, now(), RACY, ["dashboards"])).toBeUndefined(); // every save changes that folder
    // A symlink's target can change (appear, be edited) with no trace in any stat taken here.
    rmSync(join(root, ".gitignore"));
    symlinkSync(join(root, "elsewhere", "gitignore"), join(root, ".gitignore")); // dangling for now
    expect(stampListing(discover(root, {}, [], true), KEY, now(), RACY)).toBeUndefined();
  });

  it("keeps no stamp for a folder or .gitignore changed within the racy window (a coarse clock could hide a second change)", () => {
    const walk = discover(root, {}, [], true);
    expect(stampListing(walk, KEY, now(), RACY)).toBeDefined();
    expect(stampListing(walk, KEY, now(), 60_000)).toBeUndefined(); // every folder here changed within the minute
    expect(stampListing(walk, KEY, now() + 120_000, 60_000)).toBeDefined(); // two minutes on, nothing is recent
  });

  it("records nothing for a walk narrowed to some paths", () => {
    expect(discover(root, {}, ["lib"], true).inputs).toBeUndefined();
  });
});
