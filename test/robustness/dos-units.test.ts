// Denial of service from the analysed tree, unit by unit (the CLI-level cases are in dos.test.ts): the
// .gitignore reader and its line limits in discovery, the folder depth limit, the config's glob limits,
// its reader and JSON messages, maxFileSize's bound, and YAML merge keys (memoised, with the old
// lookup as the oracle of their meaning). A case that used to hang runs in a child process on the built
// code (`npm test` builds first), killed after a while: a timeout there only guards against a hang (a
// vitest timeout cannot stop synchronous code).
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type YAMLMap } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig, validateConfig } from "../../src/config/config.js";
import { discover, MAX_GITIGNORE_BYTES } from "../../src/discover/discover.js";
import { MAX_FOLDER_DEPTH, wildcardRuns } from "../../src/discover/glob-limits.js";
import { extractRuleFile, MERGE_LOOKUP_BUDGET } from "../../src/consumers/prometheus/index.js";

const HANG_GUARD = { timeout: 90_000 };
const PROMETHEUS_DIST = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist/src/consumers/prometheus/index.js");

/** extractRuleFile of the built code on `text`, in a child process killed after 60 s. */
function extractIsolated(text: string): { queries: string[]; labels: string[][]; problems: string[] } {
  const script = [
    `import { extractRuleFile } from ${JSON.stringify(pathToFileURL(PROMETHEUS_DIST).href)};`,
    'let text = ""; process.stdin.setEncoding("utf8"); for await (const chunk of process.stdin) text += chunk;',
    'const facts = extractRuleFile("r.yml", text);',
    "console.log(JSON.stringify({ queries: facts.queries.map((q) => `${q.origin.name} = ${q.expr}`), labels: facts.ruleSeries.map((s) => s.labels), problems: facts.problems.map((p) => p.message) }));",
  ].join("\n");
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { input: text, encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  expect(run.signal, "killed: it hung").toBeNull();
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as { queries: string[]; labels: string[][]; problems: string[] };
}
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "td-dos-unit-"));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const configError = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
};

describe("wildcard runs", () => {
  it("counts runs of unescaped `*`; `?` and escaped stars are not wildcards that backtrack", () => {
    expect(["dist/", "!keep.json", "*.min.js", "**/node_modules/**", "**/*.test.ts", "grafana/**/*.json", "a***b", "\\*\\*x*", "file-????.json", "[*]"].map(wildcardRuns)).toEqual([
      0, 0, 1, 2, 2, 2, 1, 1, 0, 1,
    ]);
  });
});

describe("discovery: .gitignore lines and the folder depth limit", () => {
  it("a line with more than 3 wildcards is reported with its line number and left out; the other lines apply", HANG_GUARD, () => {
    const bomb = `${"a*/**/".repeat(12)}z`;
    const chain = "a/a/a/x.ex";
    const root = tree({
      "lib/.gitignore": `# a comment: **/*/**/*/**\n*.tmp.ex\r\n${bomb}\n\n!keep.tmp.ex\n**/x/**/y/**/z/**\n`,
      "lib/a.ex": "",
      "lib/b.tmp.ex": "",
      "lib/keep.tmp.ex": "",
      [`lib/${chain}`]: "",
    });
    const { files, problems } = discover(root);
    expect(files.map((f) => f.path)).toEqual(["lib/a.ex", `lib/${chain}`, "lib/keep.tmp.ex"]);
    expect(problems).toEqual([
      { path: "lib/.gitignore", line: 3, message: "lib/.gitignore:3: this .gitignore line cannot be used (24 wildcards, more than 3: matching it could take minutes); it is ignored" },
      { path: "lib/.gitignore", line: 6, message: "lib/.gitignore:6: this .gitignore line cannot be used (4 wildcards, more than 3: matching it could take minutes); it is ignored" },
    ]);
  });

  it("a .gitignore just under the size limit is read; one over it is reported and not applied", () => {
    const line = "ignored.ex\n";
    const under = tree({ ".gitignore": line.padEnd(MAX_GITIGNORE_BYTES, "#"), "ignored.ex": "" });
    expect(discover(under)).toEqual({ files: [], problems: [] });
    const over = tree({ ".gitignore": line.padEnd(MAX_GITIGNORE_BYTES + 1, "#"), "ignored.ex": "" });
    expect(discover(over)).toEqual({
      files: [{ path: "ignored.ex", kind: "elixir" }],
      problems: [{ path: ".gitignore", message: ".gitignore: is over 256 KiB, too big for a .gitignore; its rules are not applied" }],
    });
  });

  it("a .gitignore this user cannot read ignores nothing, quietly, as before; a dangling symlink is none", () => {
    const root = tree({ "lib/.gitignore": "a.ex\n", "lib/a.ex": "" });
    symlinkSync(join(root, "nowhere"), join(root, ".gitignore"));
    chmodSync(join(root, "lib/.gitignore"), 0o000);
    try {
      const { files, problems } = discover(root);
      expect(problems).toEqual([]);
      // root can read anything: then the file applies
      expect(files.map((f) => f.path)).toEqual(process.getuid?.() === 0 ? [] : ["lib/a.ex"]);
    } finally {
      chmodSync(join(root, "lib/.gitignore"), 0o644);
    }
  });

  it(`folders ${MAX_FOLDER_DEPTH} levels deep are not listed: one problem for the topmost, none for an empty one; a scope below is the same problem`, () => {
    const at = (levels: number): string => Array.from({ length: levels }, (_, i) => `d${i}`).join("/");
    const root = tree({ [`${at(MAX_FOLDER_DEPTH - 1)}/ok.ex`]: "", [`${at(MAX_FOLDER_DEPTH)}/deep.ex`]: "", [`${at(MAX_FOLDER_DEPTH + 5)}/deeper.ex`]: "" });
    mkdirSync(join(root, `e/${at(MAX_FOLDER_DEPTH - 1)}`), { recursive: true }); // empty, 64 levels deep
    const message = `${at(MAX_FOLDER_DEPTH)}: a folder ${MAX_FOLDER_DEPTH} levels deep, the deepest telemetry-drift reads: the files below it are not analysed`;
    expect(discover(root)).toEqual({ files: [{ path: `${at(MAX_FOLDER_DEPTH - 1)}/ok.ex`, kind: "elixir" }], problems: [{ path: at(MAX_FOLDER_DEPTH), message }] });
    expect(discover(root, {}, [`${at(MAX_FOLDER_DEPTH + 5)}/deeper.ex`])).toEqual({ files: [], problems: [{ path: at(MAX_FOLDER_DEPTH), message }] });
    // Under a skipped folder, nothing to say.
    expect(discover(root, { exclude: ["d5/"] }, [`${at(MAX_FOLDER_DEPTH + 5)}/deeper.ex`])).toEqual({ files: [], problems: [] });
    expect(discover(root, { exclude: ["d5/"] })).toEqual({ files: [], problems: [] });
  });

  it("a reused walk sees a file added to an empty folder 64 levels deep", () => {
    const root = tree({});
    const deep = Array.from({ length: MAX_FOLDER_DEPTH }, (_, i) => `d${i}`).join("/");
    mkdirSync(join(root, deep), { recursive: true });
    const walk = discover(root, {}, [], true);
    expect(walk.problems).toEqual([]);
    expect(walk.inputs!.dirs).toContain(deep);
  });
});

describe("config: reading, JSON messages, globs, maxFileSize", () => {
  it("an explicit --config inside the root may not lead out of it; one outside the root is the user's choice", () => {
    const elsewhere = tree({ "td.json": '{"exporter": "peep"}' });
    const root = tree({});
    mkdirSync(join(root, "ci"));
    symlinkSync(join(elsewhere, "td.json"), join(root, "ci/td.json"));
    expect(configError(() => loadConfig(root, join(root, "ci/td.json")))).toMatch(/ci\/td\.json: is a symbolic link to a file outside the analysed folder; it is not read$/);
    expect(loadConfig(root, join(elsewhere, "td.json")).config).toEqual({ exporter: "peep" });
  });

  it("no JSON.parse message quotes the text; each keeps its line and column", () => {
    const cases: [string, string][] = [
      ["ghs_SECRET", "1:1: invalid JSON (Unexpected character)"],
      ['{"a": ghs_SECRET}', "1:7: invalid JSON (Unexpected character)"],
      ['{"include": ["x"]} ghs_SECRET', "1:20: invalid JSON (Unexpected non-whitespace character after JSON)"],
      ['{"include": ["ghs_SECRET\\q"]}', "1:26: invalid JSON (Bad escaped character)"],
      ['{"include": ["ghs_SECRET', "1:25: invalid JSON (Unterminated string)"],
      ["", "1:1: invalid JSON (Unexpected end of JSON input)"],
    ];
    for (const [text, expected] of cases) {
      const message = configError(() => loadConfig(tree({ "telemetry-drift.config.json": text })));
      expect(message).toBe(`telemetry-drift.config.json:${expected}`);
      expect(message).not.toMatch(/ghs|SECRET/);
    }
  });

  it("a key shown in a message is cut short (a 4 MiB key made a 4 MiB error line)", () => {
    expect(validateConfigError({ [`ab${"x".repeat(200)}`]: 1 })).toBe(`c.json: unknown key \`ab${"x".repeat(75)}…\``);
    expect(validateConfigError({ rules: { [`r${"x".repeat(200)}`]: "off" } })).toBe(`c.json: unknown rule id \`r${"x".repeat(76)}…\` in \`rules\` (run \`telemetry-drift --list-rules\`)`);
  });

  it("real-world globs are accepted in every glob key", () => {
    const globs = ["**/node_modules/**", "*.min.js", "dist/", "!keep.json", "**/*.test.ts", "grafana/**/*.json", "src/**/__tests__/**", "./lib/**/*.ex"];
    const includes = [...globs, "**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts}", "**/*.{test,spec}.{ts,tsx,js,jsx}", "{apps,libs}/*/lib/**/*.{ex,exs}", "**/[[:alpha:]]*.ex", "[", "{a,", "***"];
    const config = { include: includes, exclude: globs, dashboards: globs, ruleFiles: globs, ignore: globs.map((file) => ({ file })) };
    expect(validateConfig(config, "c.json")).toBe(config);
  });

  it("a glob over the limits names the key and why", () => {
    expect(validateConfigError({ include: ["lib/**", "**/*a*a*a"] })).toBe('c.json: `include[1]` "**/*a*a*a" is not a usable glob (4 wildcards, more than 3: matching it could take minutes)');
    expect(validateConfigError({ include: ["{a,**/*a*a*a}"] })).toBe('c.json: `include[0]` "{a,**/*a*a*a}" is not a usable glob (4 wildcards in one {…} alternative, more than 3: matching it could take minutes)');
    expect(validateConfigError({ include: ["@(a|b).ex"] })).toBe(
      'c.json: `include[0]` "@(a|b).ex" is not a usable glob (an extglob such as `+(…)` or `@(…)` can take exponential time to match; write {a,b} alternatives instead)',
    );
    expect(validateConfigError({ include: ["x{1..65}"] })).toBe('c.json: `include[0]` "x{1..65}" is not a usable glob (more than 64 {…} alternatives)');
    expect(validateConfig({ include: ["x{1..64}"] }, "c.json")).toEqual({ include: ["x{1..64}"] });
    expect(validateConfigError({ ignore: [{ rule: "series-missing", file: "*/*/*/*" }] })).toBe('c.json: `ignore[0].file` "*/*/*/*" is not a usable glob (4 wildcards, more than 3: matching it could take minutes)');
  });

  it("maxFileSize: at most 32 MiB", () => {
    expect(validateConfig({ maxFileSize: 32 * 1024 * 1024 }, "c.json")).toEqual({ maxFileSize: 33554432 });
    expect(validateConfigError({ maxFileSize: 32 * 1024 * 1024 + 1 })).toBe("c.json: `maxFileSize` must be at most 33554432 (32 MiB): a larger file takes gigabytes of memory to analyse");
  });
});

function validateConfigError(data: unknown): string {
  return configError(() => validateConfig(data, "c.json"));
}

/** A rule query's record or alert name. */
const ruleName = (q: { origin: unknown }): string => (q.origin as { name: string }).name;

describe("YAML merge keys", () => {
  /** The lookup as it was before memoisation: the oracle of what a merge key means here. */
  const oracleDeref = (node: Node | undefined, doc: Document): Node | undefined => (isAlias(node) ? (node.resolve(doc) as Node | undefined) : node);
  function oracleField(map: YAMLMap, key: string, doc: Document, depth = 0): Node | undefined {
    const direct = map.get(key, true) as Node | undefined;
    if (direct !== undefined) return oracleDeref(direct, doc);
    if (depth > 8) return undefined;
    const merge = oracleDeref(map.get("<<", true) as Node | undefined, doc);
    const sources = isSeq(merge) ? merge.items.map((item) => oracleDeref(item as Node, doc)) : [merge];
    for (const source of sources) {
      if (!isMap(source)) continue;
      const value = oracleField(source, key, doc, depth + 1);
      if (value !== undefined) return value;
    }
    return undefined;
  }
  const str = (node: Node | undefined): string | undefined => (isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined);

  /** What the old lookup reads from each rule: its name, expression and static labels. */
  function oracle(text: string): string[] {
    const out: string[] = [];
    for (const doc of parseAllDocuments(text, { uniqueKeys: false }) as Document.Parsed[]) {
      const root = doc.contents;
      if (!isMap(root)) continue;
      const groups = root.get("groups", true);
      if (!isSeq(groups)) continue;
      for (const group of groups.items) {
        if (!isMap(group)) continue;
        const rules = oracleField(group, "rules", doc);
        if (!isSeq(rules)) continue;
        for (const item of rules.items) {
          const rule = oracleDeref(item as Node, doc);
          if (!isMap(rule)) continue;
          const expr = str(oracleField(rule, "expr", doc));
          const name = str(oracleField(rule, "record", doc)) ?? str(oracleField(rule, "alert", doc));
          if (!expr?.trim() || !name) continue;
          const labels = oracleField(rule, "labels", doc);
          out.push(`${name} = ${expr} {${isMap(labels) ? labels.items.map((p) => str(p.key as Node)).join(",") : ""}}`);
        }
      }
    }
    return out;
  }

  /** The same, from extractRuleFile: a record rule yields one series, an alert two (ALERTS first). */
  function extracted(text: string): string[] {
    const facts = extractRuleFile("r.yml", text);
    let cursor = 0;
    return facts.queries.map((q) => {
      const series = facts.ruleSeries[cursor]!;
      cursor += q.origin.kind === "record" ? 1 : 2;
      const labels = q.origin.kind === "record" ? series.labels : series.labels.slice(2);
      return `${ruleName(q)} = ${q.expr} {${labels.join(",")}}`;
    });
  }

  // Anchors reuse a few names (a later `&a` shadows an earlier one), merge lists repeat and mix aliases
  // with inline maps, explicit keys sit beside merged ones: the cases where an order matters.
  const names = ["a", "b", "c"];
  const field = fc.constantFrom("record: r1", "record: r2", "alert: A1", "expr: up", 'expr: "rate(x[5m])"', "labels: {team: t}", "labels: {tier: x, zone: y}");
  const mergeOf = (earlier: number) =>
    earlier === 0
      ? fc.constant(undefined)
      : fc.option(fc.oneof(fc.constantFrom(...names.slice(0, Math.min(earlier, 3))).map((n) => `*${n}`), fc.array(fc.oneof(fc.constantFrom(...names.slice(0, Math.min(earlier, 3))).map((n) => `*${n}`), field.map((f) => `{${f}}`)), { minLength: 1, maxLength: 4 }).map((xs) => `[${xs.join(", ")}]`)), { nil: undefined });
  const mapText = (fields: string[], merge: string | undefined): string => `{${[...(merge ? [`<<: ${merge}`] : []), ...fields].join(", ")}}`;
  const arbitraryFile = fc
    .array(fc.tuple(fc.constantFrom(...names), fc.uniqueArray(field, { maxLength: 3, selector: (f) => f.split(":")[0] }), fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 6 })
    .chain((anchors) =>
      fc
        .tuple(
          ...anchors.map((_, i) => mergeOf(i)),
        )
        .chain((merges) =>
          fc
            .array(fc.tuple(fc.uniqueArray(field, { maxLength: 3, selector: (f) => f.split(":")[0] }), mergeOf(anchors.length)), { minLength: 1, maxLength: 5 })
            .map((rules) => {
              const lines = ["defs:"];
              anchors.forEach(([name, fields], i) => lines.push(`  - &${name} ${mapText(fields, merges[i])}`));
              lines.push("groups:", "  - name: g", "    rules:");
              for (const [fields, merge] of rules) lines.push(`      - ${mapText(fields, merge)}`);
              return `${lines.join("\n")}\n`;
            }),
        ),
    );

  it("resolve exactly as the unmemoised lookup did (explicit keys win, then the first source that has the key)", () => {
    fc.assert(
      fc.property(arbitraryFile, (text) => {
        expect(extracted(text)).toEqual(oracle(text));
      }),
      { numRuns: 400 },
    );
  });

  it("and on a hand-written case with shadowed anchors and a source list", () => {
    const text = [
      "defs:",
      "  - &t {expr: up, labels: {team: a}}",
      "  - &u {<<: *t, expr: down}",
      "  - &t {record: shadowed}",
      "groups:",
      "  - name: g",
      "    rules:",
      "      - {<<: [*t, *u], alert: A}",
      "      - {<<: [*u, *t], record: r, labels: {own: x}}",
    ].join("\n");
    // The first rule's `record` comes from the later `&t`, which shadows the first for aliases after it.
    expect(oracle(text)).toEqual(["shadowed = down {team}", "r = down {own}"]);
    expect(extracted(text)).toEqual(oracle(text));
  });

  it("levels of maps each merging the previous ten times (exponential before) are read, to the same depth as before", HANG_GUARD, () => {
    const bomb = (levels: number): string => {
      const lines = ["x0: &m0 {k: 1, expr: up, labels: {deep: x}}"];
      for (let i = 1; i <= levels; i++) lines.push(`x${i}: &m${i}`, `  <<: [${Array.from({ length: 10 }, () => `*m${i - 1}`).join(", ")}]`);
      lines.push("groups:", "  - name: g", "    rules:", `      - <<: *m${levels}`, "        record: r", "        expr: up", "");
      return lines.join("\n");
    };
    // Eight levels of merges: `labels` is found in m0, nine below the rule. Nine: past the limit (as before).
    for (const [levels, labels] of [[8, ["deep"]], [9, []], [20, []]] as const) {
      expect(extractIsolated(bomb(levels))).toEqual({ queries: ["r = up"], labels: [labels], problems: [] });
    }
    // The oracle agrees where it finishes (three sources a level instead of ten).
    const small = bomb(8).replace(/\[(\*m\d+)(, \*m\d+)+\]/g, "[$1, $1, $1]");
    expect(extracted(small)).toEqual(oracle(small));
  });

  it("8,000 rules each merging one template (every alias used to walk the whole document: quadratic)", HANG_GUARD, () => {
    const lines = ["t: &t {labels: {team: a}, expr: up}", "groups:", "  - name: g", "    rules:"];
    for (let i = 0; i < 8000; i++) lines.push(`      - {<<: *t, record: r${i}}`);
    const facts = extractIsolated(`${lines.join("\n")}\n`);
    expect(facts.problems).toEqual([]);
    expect(facts.queries).toHaveLength(8000);
    expect([facts.queries[7999], facts.labels[7999]]).toEqual(["r7999 = up", ["team"]]);
  });

  it("past the lookup budget, one located problem; what was read before stays", HANG_GUARD, () => {
    // Each rule merging the list reads three fields it lacks (data, alert, labels) through every source.
    const sources = Math.ceil((MERGE_LOOKUP_BUDGET * 3) / 10);
    const text = [
      "a: &a {x: 1}",
      "l: &l [" + Array.from({ length: sources }, () => "*a").join(", ") + "]",
      "groups:",
      "  - name: g",
      "    rules:",
      "      - {record: first, expr: up}",
      "      - {<<: *l, record: r1, expr: up}",
      "      - {<<: *l, record: r2, expr: up}",
      "      - {<<: *l, record: r3, expr: up}",
      "",
    ].join("\n");
    const facts = extractIsolated(text);
    expect(facts.queries).toEqual(["first = up", "r1 = up", "r2 = up", "r3 = up"]);
    const budget = Math.max(MERGE_LOOKUP_BUDGET, text.length); // 1.2 MB: what the second list rule runs out of
    expect(facts.problems).toEqual([
      `r.yml:8:9: YAML merge keys (\`<<\`) too many to resolve (over ${budget.toLocaleString("en-US")} lookups in this file); fields merged past this point are not read`,
    ]);
  });
});
