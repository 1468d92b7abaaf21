import { mkdirSync, mkdtempSync, writeFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverFiles } from "../../src/discover/discover.js";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "td-discover-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

describe("discoverFiles", () => {
  it("finds Elixir, dashboards, rule files and manifests, sorted, and skips dependency/build folders", async () => {
    const root = tree({
      "lib/b.ex": "",
      "lib/a.ex": "",
      "mix.exs": "",
      "mix.lock": "",
      "dashboards/d.json": "{}",
      "rules/r.yml": "",
      "deps/phoenix/lib/x.ex": "",
      "_build/dev/x.ex": "",
      "node_modules/p/index.js": "",
      "README.md": "",
    });
    const files = await discoverFiles(root);
    expect(files.map((f) => `${f.kind}:${f.path}`)).toEqual([
      "json:dashboards/d.json",
      "elixir:lib/a.ex",
      "elixir:lib/b.ex",
      "elixir:mix.exs",
      "mix-lock:mix.lock",
      "yaml:rules/r.yml",
    ]);
  });

  it("honours .gitignore files, nested ones included", async () => {
    const root = tree({
      ".gitignore": "generated/\n*.tmp.json\n",
      "generated/x.ex": "",
      "a.tmp.json": "{}",
      "apps/web/.gitignore": "priv/\n",
      "apps/web/priv/d.json": "{}",
      "apps/web/lib/w.ex": "",
    });
    const files = await discoverFiles(root);
    expect(files.map((f) => f.path)).toEqual(["apps/web/lib/w.ex"]);
  });

  it("applies config include and exclude", async () => {
    const root = tree({ "lib/a.ex": "", "lib/legacy/b.ex": "", "test/t.exs": "" });
    expect((await discoverFiles(root, { exclude: ["lib/legacy"] })).map((f) => f.path)).toEqual(["lib/a.ex", "test/t.exs"]);
    expect((await discoverFiles(root, { include: ["lib/**/*.ex"] })).map((f) => f.path)).toEqual(["lib/a.ex", "lib/legacy/b.ex"]);
  });

  it("narrows to given paths and does not follow symlinks", async () => {
    const root = tree({ "lib/a.ex": "", "other/b.ex": "" });
    symlinkSync(join(root, "lib"), join(root, "lib/loop"));
    expect((await discoverFiles(root, {}, ["lib"])).map((f) => f.path)).toEqual(["lib/a.ex"]);
    expect((await discoverFiles(root, {}, ["other/b.ex"])).map((f) => f.path)).toEqual(["other/b.ex"]);
  });
});

describe("discover with linksInto (the Action's base tree)", () => {
  it.skipIf(process.platform === "win32")("follows the links directly in the tree into that folder, never the links inside it or elsewhere", async () => {
    const { discover } = await import("../../src/discover/discover.js");
    const { realpathSync } = await import("node:fs");
    const working = realpathSync(tree({
      "lib/shared/a.ex": "",
      "lib/shared/.gitignore": "ignored.ex\n",
      "lib/shared/ignored.ex": "",
      "lib/one.ex": "",
      "outside/o.ex": "",
    }));
    const elsewhere = realpathSync(tree({ "e.ex": "" }));
    symlinkSync(join(working, "outside"), join(working, "lib/shared/inner")); // the repository's own link: skipped
    const base = tree({ "lib/changed.ex": "", "mix.exs": "" });
    symlinkSync(join(working, "lib/shared"), join(base, "lib/shared"));
    symlinkSync(join(working, "lib/one.ex"), join(base, "lib/one.ex"));
    symlinkSync(elsewhere, join(base, "elsewhere")); // not into the folder: skipped
    symlinkSync(join(working, "missing"), join(base, "dangling"));
    const paths = (linksInto?: string) => discover(base, linksInto ? { linksInto } : {}).files.map((f) => f.path);
    expect(paths(join(working, "lib"))).toEqual(["lib/changed.ex", "lib/one.ex", "lib/shared/a.ex", "mix.exs"]);
    expect(paths()).toEqual(["lib/changed.ex", "mix.exs"]);
  });
});
