// The floor of a cold run: what the mandated parsers alone cost over the files that need them, with
// none of telemetry-drift's own work (no extraction, graph, checks, cache or report). Each part runs in
// a fresh Node process, as a cold run would: its module load, then every file of its kind, read and
// parsed. The files are those telemetry-drift parses on the tree (its facts' files, both passes of its
// prefilter), so this answers "how fast could any tool built on these parsers be on this tree?".
//
// Prints medians and writes bench/floor-results.json; rg runs in the same rounds, for the ratio.
// Usage: node bench/floor.mjs [--scale N] [--runs R]     (npm run bench:floor -- --scale 10)
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, cpus } from "node:os";
import { join, dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { generate, warmPageCache } from "./generate.mjs";
import { ripgrep, rgArgs } from "./rg.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const scale = arg("--scale", 10);
const runs = arg("--runs", 3);
const data = join(repo, "bench", ".data", `scale-${scale}`);

if (process.argv[2] === "--part") {
  await part(process.argv[3], process.argv[4]);
} else {
  await main();
}

async function main() {
  process.stderr.write(`generating scale ${scale} in ${data} …\n`);
  generate(data, scale);
  warmPageCache(data);
  const rg = ripgrep();
  const { collectFacts } = await import(join(repo, "dist", "src", "engine", "run.js"));
  const { kindOf, ALWAYS_SKIPPED_DIRS } = await import(join(repo, "dist", "src", "discover", "discover.js"));
  const skipped = new Set(ALWAYS_SKIPPED_DIRS);
  const all = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!skipped.has(entry.name)) walk(join(dir, entry.name));
      } else if (entry.isFile()) all.push(join(dir, entry.name));
    }
  };
  walk(data);
  // The files telemetry-drift parses on this tree (both passes of its prefilter), by kind.
  const byKind = { elixir: [], typescript: [], json: [], yaml: [] };
  for (const facts of await collectFacts(data, {}, [], {})) byKind[kindOf(facts.file)]?.push(join(data, facts.file));
  // PromQL: every distinct query of those dashboards and rule files, gathered here so that the part
  // itself only parses.
  const { parse: parseYaml } = await import("yaml");
  const queries = new Set();
  for (const f of byKind.json) for (const p of JSON.parse(readFileSync(f, "utf8")).panels ?? []) for (const t of p.targets ?? []) if (typeof t.expr === "string") queries.add(t.expr);
  for (const f of byKind.yaml) for (const g of parseYaml(readFileSync(f, "utf8"))?.groups ?? []) for (const r of g.rules ?? []) if (typeof r.expr === "string") queries.add(r.expr);
  const work = mkdtempSync(join(tmpdir(), "td-floor-"));
  const lists = {};
  for (const [kind, files] of Object.entries({ all, ...byKind, promql: [...queries] })) writeFileSync((lists[kind] = join(work, `${kind}.json`)), JSON.stringify(files));

  const parts = {
    ...(rg ? { rg: "rg, the patterns `npm run bench` uses" } : {}),
    node: "node -e 0: start and exit",
    read: `read all ${all.length} files (one thread)`,
    elixir: `web-tree-sitter + Elixir grammar: ${byKind.elixir.length} files`,
    typescript: `typescript-estree (loc, range): ${byKind.typescript.length} files`,
    json: `momoa (locations): ${byKind.json.length} dashboards`,
    yaml: `yaml (source positions): ${byKind.yaml.length} rule files`,
    promql: `lezer-promql: the ${queries.size} distinct queries of those dashboards and rule files`,
  };
  const samples = Object.fromEntries(Object.keys(parts).map((k) => [k, []]));
  const env = { ...process.env, NODE_DISABLE_COMPILE_CACHE: "1" };
  for (let r = 0; r < runs; r++) {
    for (const name of Object.keys(parts)) {
      const args = name === "rg" ? rgArgs(data) : name === "node" ? ["-e", "0"] : [fileURLToPath(import.meta.url), "--part", name, lists[name === "read" ? "all" : name]];
      const start = process.hrtime.bigint();
      const child = spawnSync(name === "rg" ? rg : process.execPath, args, { env, encoding: "utf8", maxBuffer: 1 << 26 });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (child.status !== 0) throw new Error(`${name}: ${child.stderr}`);
      samples[name].push(ms);
      process.stderr.write(`run ${r + 1}/${runs} ${name}: ${ms.toFixed(0)} ms${name === "rg" ? "" : ` ${child.stdout.trim()}`}\n`);
    }
  }
  rmSync(work, { recursive: true, force: true });
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const wall = Object.fromEntries(Object.keys(parts).map((k) => [k, Math.round(median(samples[k]))]));
  // Every part but `node` includes a Node start. A run that parses all of it spreads the parts over the
  // cores at best perfectly, each parser loaded once: one Node start plus the parts' sum over the cores
  // is a lower bound for any such run (reading the other files, extracting facts and reporting come on top).
  const parsing = ["elixir", "typescript", "json", "yaml", "promql"].map((k) => wall[k] - wall.node);
  const lowerBound = wall.node + parsing.reduce((a, b) => a + b, 0) / cpus().length;
  const result = {
    scale,
    runs,
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
    medianMs: wall,
    parts,
    parsersLowerBoundMs: Math.round(lowerBound),
    ...(rg ? { parsersLowerBoundToRg: Number((lowerBound / wall.rg).toFixed(1)) } : {}),
    date: new Date().toISOString(),
  };
  console.log(JSON.stringify(result, null, 2));
  writeFileSync(join(repo, "bench", "floor-results.json"), `${JSON.stringify(result, null, 2)}\n`);
}

/** One part, in its own process: prints the files handled and the ms spent after the modules loaded. */
async function part(name, list) {
  const files = JSON.parse(readFileSync(list, "utf8"));
  const texts = () => files.map((f) => readFileSync(f, "utf8"));
  let loadedAt = performance.now();
  let count = 0;
  switch (name) {
    case "read":
      for (const f of files) count += readFileSync(f).length > -1 ? 1 : 0;
      break;
    case "elixir": {
      const { Parser, Language } = await import("web-tree-sitter");
      await Parser.init();
      const { createRequire } = await import("node:module");
      const language = await Language.load(createRequire(import.meta.url).resolve("tree-sitter-elixir/tree-sitter-elixir.wasm"));
      const parser = new Parser();
      parser.setLanguage(language);
      loadedAt = performance.now();
      for (const text of texts()) {
        parser.parse(text)?.delete();
        count++;
      }
      break;
    }
    case "typescript": {
      const { parse } = await import("@typescript-eslint/typescript-estree");
      loadedAt = performance.now();
      for (const [i, text] of texts().entries()) {
        parse(text, { loc: true, range: true, jsDocParsingMode: "none", jsx: /\.(tsx|jsx|js)$/.test(files[i]) });
        count++;
      }
      break;
    }
    case "json": {
      const { parse } = await import("@humanwhocodes/momoa");
      loadedAt = performance.now();
      for (const text of texts()) {
        parse(text);
        count++;
      }
      break;
    }
    case "yaml": {
      const { parseAllDocuments, LineCounter } = await import("yaml");
      loadedAt = performance.now();
      for (const text of texts()) {
        parseAllDocuments(text, { lineCounter: new LineCounter(), keepSourceTokens: true });
        count++;
      }
      break;
    }
    case "promql": {
      const { parser } = await import("@prometheus-io/lezer-promql");
      loadedAt = performance.now();
      for (const q of files) {
        parser.parse(q);
        count++;
      }
      break;
    }
    default:
      throw new Error(`unknown part ${name}`);
  }
  process.stdout.write(`${count} done, ${(performance.now() - loadedAt).toFixed(0)} ms after load\n`);
}
