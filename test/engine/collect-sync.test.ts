// collectProjectSync (the ESLint plugin's in-process index build) against collectProject (the engine's,
// which the plugin runs in a subprocess for big trees): the same files and facts, with and without a fact
// cache, cold and warm; a cache either one wrote serves the other and the CLI; and the read limit gives
// up before anything is read or written.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { factsFor } from "../../src/engine/extract.js";
import type { ParseJob } from "../../src/engine/pool.js";
import { analyze, collectProject, collectProjectSync, type ProjectFacts } from "../../src/engine/run.js";
import { loadElixirParser } from "../../src/frontends/elixir/index.js";
import type { FileFacts } from "../../src/model.js";
import { REPO } from "../e2e/run-cli.js";

const scratch = mkdtempSync(join(tmpdir(), "td-collect-sync-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
beforeAll(() => loadElixirParser());

let copies = 0;
function copy(from: string): string {
  const root = join(scratch, `tree${copies++}`);
  cpSync(from, root, { recursive: true });
  return root;
}

function write(root: string, file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

/** Parses in place, as the plugin does (there with Elixir in a subprocess); counts the files it was given. */
function parser(root: string) {
  const config = loadConfig(root).config;
  const seen: string[] = [];
  return { seen, parse: (jobs: ParseJob[]): (FileFacts | null)[] => jobs.map((job) => (seen.push(job.path), factsFor(job.path, job.kind, { text: job.text }, config) ?? null)) };
}

const syncCollect = (root: string, cacheLocation?: string, readLimit?: number) => {
  const { seen, parse } = parser(root);
  const project = collectProjectSync({ root, config: loadConfig(root), ...(cacheLocation ? { cacheLocation } : {}), parse, ...(readLimit !== undefined ? { readLimit } : {}) });
  return { project, parsed: seen };
};

/** The parts of a ProjectFacts that do not depend on when the files were written (hashes and sizes do not either). */
const comparable = (project: ProjectFacts | undefined) => project && { files: project.files.map(({ mtimeMs: _mtime, ...rest }) => rest), facts: project.facts };

/** A tree with what makes the passes differ: wrappers and their call sites, an imported instruments module, a file that is not UTF-8, a minified bundle. */
function passesTree(): string {
  const root = copy(join(REPO, "fixtures", "mixed"));
  cpSync(join(REPO, "fixtures", "ts-otel"), join(root, "services", "checkout"), { recursive: true });
  write(root, "lib/shop/tel.ex", "defmodule Shop.Tel do\n  def emit(name, meta), do: :telemetry.execute([:shop | name], %{count: 1}, meta)\nend\n");
  write(root, "lib/shop/orders.ex", "defmodule Shop.Orders do\n  def place(o), do: Shop.Tel.emit([:order, :placed], %{region: o.region})\nend\n");
  write(root, "services/checkout/src/extra.ts", 'import { orders } from "./telemetry/metrics.js";\nexport const f = () => orders.add(1, { region: "eu" });\n');
  write(root, "vendor/bundle.min.js", "var a=1;");
  writeFileSync(join(root, "lib/shop/latin1.ex"), Buffer.from([0x64, 0x65, 0x66, 0xe9, 0x0a])); // not UTF-8: unreadable, whoever runs the test
  return root;
}

describe("collectProjectSync", () => {
  it("collects the same files and facts as collectProject, on every fixture and a tree that needs the second pass", async () => {
    const roots = [...readdirSync(join(REPO, "fixtures")).map((name) => copy(join(REPO, "fixtures", name))), passesTree()];
    for (const root of roots) {
      const expected = await collectProject({ root, workers: 1 });
      const { project } = syncCollect(root);
      expect(comparable(project), root).toEqual(comparable(expected));
    }
    // The last tree's second pass found the wrapper's call site and the instruments' importer; its file that is not UTF-8 is unreadable.
    const last = syncCollect(roots.at(-1)!).project!;
    expect(last.files.find((f) => f.path === "lib/shop/latin1.ex")?.unreadable).toBeDefined();
    expect(last.facts.find((f) => f.file === "lib/shop/latin1.ex")?.problems).toHaveLength(1);
    expect(last.facts.find((f) => f.file === "lib/shop/orders.ex")?.wrapperCalls).toHaveLength(1);
    expect(last.facts.find((f) => f.file === "services/checkout/src/extra.ts")?.instrumentUses?.length).toBeGreaterThan(0);
  });

  it("shares the fact cache with collectProject and the CLI: either one's cache serves the other, with nothing parsed again", async () => {
    const root = passesTree();
    const reference = comparable(await collectProject({ root, cacheLocation: join(scratch, `cache${copies++}`) }));
    const cliReport = JSON.stringify((await analyze({ root, baseline: false })).report);

    const syncCache = join(scratch, `cache${copies++}`);
    const cold = syncCollect(root, syncCache);
    expect(comparable(cold.project)).toEqual(reference);
    expect(cold.parsed.length).toBeGreaterThan(5);
    const warm = syncCollect(root, syncCache);
    expect(comparable(warm.project)).toEqual(reference);
    expect(warm.parsed).toEqual([]);
    expect(comparable(await collectProject({ root, cacheLocation: syncCache }))).toEqual(reference);
    expect(JSON.stringify((await analyze({ root, baseline: false, cacheLocation: syncCache })).report)).toBe(cliReport);

    const engineCache = join(scratch, `cache${copies++}`);
    await collectProject({ root, cacheLocation: engineCache, workers: 1 });
    const fromEngine = syncCollect(root, engineCache);
    expect(comparable(fromEngine.project)).toEqual(reference);
    expect(fromEngine.parsed).toEqual([]);
  });

  it("parses again only what changed since the cache was written", () => {
    const root = passesTree();
    const cache = join(scratch, `cache${copies++}`);
    syncCollect(root, cache);
    write(root, "lib/shop/orders.ex", "defmodule Shop.Orders do\n  def place(o), do: Shop.Tel.emit([:order, :shipped], %{region: o.region})\nend\n");
    const again = syncCollect(root, cache);
    expect(again.parsed).toEqual(["lib/shop/orders.ex"]);
    expect(again.project!.facts.find((f) => f.file === "lib/shop/orders.ex")!.wrapperCalls.map((c) => c.args[0])).toEqual([{ kind: "list", items: [{ kind: "atom", value: "order" }, { kind: "atom", value: "shipped" }] }]);
  });

  it("gives up before reading a file it does not know when more files than the read limit are unknown to the cache", async () => {
    const root = passesTree();
    const cache = join(scratch, `cache${copies++}`);
    const files = (await collectProject({ root })).files.length;
    const over = syncCollect(root, cache, files - 2);
    expect(over.project).toBeUndefined();
    expect(over.parsed).toEqual([]);
    expect(existsSync(cache) && readdirSync(cache).some((name) => name.startsWith("facts-"))).toBe(false); // at most the walk's listing is kept
    expect(syncCollect(root, undefined, files - 2).project).toBeUndefined(); // no cache: every file is unknown
    expect(syncCollect(root, cache, files).project).toBeDefined();
    // Once the cache knows the tree, the limit counts only the files it does not know: two new ones, and
    // the one that is not UTF-8 (never cached: read on every run).
    write(root, "lib/shop/new_a.ex", "defmodule A do\nend\n");
    write(root, "lib/shop/new_b.ex", "defmodule B do\nend\n");
    expect(syncCollect(root, cache, 2).project).toBeUndefined();
    expect(syncCollect(root, cache, 3).project).toBeDefined();
    // Files the cache knows by path but whose content changed (a branch switch) count too.
    for (const file of ["lib/shop/tel.ex", "lib/shop/orders.ex", "services/checkout/src/extra.ts"]) writeFileSync(join(root, file), `${readFileSync(join(root, file), "utf8")}\n`);
    expect(syncCollect(root, cache, 3).project).toBeUndefined();
    const changed = syncCollect(root, cache, 4);
    expect(changed.project).toBeDefined();
    expect(changed.parsed.sort()).toEqual(["lib/shop/orders.ex", "lib/shop/tel.ex", "services/checkout/src/extra.ts"]);
  });

  it("leaves a file that ran out of stack out of the cache, with its verdict, and caches the rest", async () => {
    const root = passesTree();
    write(root, "rules/deep.yml", `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n        labels: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`);
    const cache = join(scratch, `cache${copies++}`);
    const first = syncCollect(root, cache);
    expect(first.project!.facts.find((f) => f.file === "rules/deep.yml")?.stackOverflow).toBe(true);
    const again = syncCollect(root, cache);
    expect(again.parsed).toEqual(["rules/deep.yml"]);
  });
});
