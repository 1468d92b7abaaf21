// Property-based fuzzing harness shared by the seeded vitest suite (test/fuzz/*.test.ts, on src/) and
// the large campaign (scripts/fuzz-campaign.mjs, on dist/). The parsers are injected (`api`), so the
// same arbitraries and the same oracles run against either build.
//
// Inputs: mutations of real files (fixtures/**, the shared corpus) — character flips, truncation,
// deleted / duplicated / spliced slices, inserted junk and tokens, deep nesting — plus token soup and
// random strings. Oracle: nothing escapes; no parser crash hidden as an "internal error" problem; every
// problem and every location names the analysed file with a line inside it; format-specific checks.
import fc from "fast-check";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

// ---- bases ------------------------------------------------------------------------------------------

const SKIPPED = new Set(["node_modules", ".git", "dist", "_build", "deps"]);

function walk(dir) {
  let names;
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const out = [];
  for (const name of names) {
    if (SKIPPED.has(name)) continue;
    const path = join(dir, name);
    let info;
    try {
      info = statSync(path);
    } catch {
      continue;
    }
    if (info.isDirectory()) out.push(...walk(path));
    else if (info.isFile() && info.size <= 2_000_000) out.push(path);
  }
  return out;
}

const MIX_LOCK = `%{
  "jason": {:hex, :jason, "1.4.1", "af1504e35f629ddcdd6addb3513c3853991f694921b1b9368b0bd32beb9f1b63", [:mix], [{:decimal, "~> 1.0 or ~> 2.0", [hex: :decimal, repo: "hexpm", optional: true]}], "hexpm", "fbb01ecdfd565b56261302f7e1fcc27c4fb8f32d56eab74db621fc154604a7a1"},
  "telemetry": {:hex, :telemetry, "1.2.1", "68fdfe8d8f05a8428483a97d7aab2f268aaff24b49e0f599faa091f1d4e7f61c", [:rebar3], [], "hexpm", "dad9ce9d8effc621708f99eac538ef1cbe05d6a874dd741de2e689c47feafed5"},
  "phoenix": {:hex, :phoenix, "1.7.14", "a7d0b3f1bc95987044ddada111e77bd7f75646a08518942c72a8440278ae7825", [:mix], [], "hexpm", "c7859bc56cc5dfef19ecfc240775dae358cbaa530231118a9e014df392ace61a"},
}
`;

const CONFIG_SAMPLE = JSON.stringify(
  {
    include: ["lib/**", "dashboards/**", "rules/**"],
    exclude: ["lib/legacy"],
    exporter: "auto",
    dashboards: ["dashboards/**/*.json"],
    ruleFiles: ["rules/**/*.yml"],
    externalSeries: ["haproxy_*", "custom_*_total"],
    targetLabels: ["region", "az"],
    emitters: [{ callee: "telemetry.execute", eventArgument: 0, format: "segments", kind: "execute" }],
    consumers: [{ callee: "telemetry.attach", eventArgument: 1, format: "segments" }],
    rules: { "metric-unused": "warning", "event-dynamic": "off" },
    ignore: [{ rule: "series-missing", subject: "legacy_total", reason: "gone" }, { dashboard: "osint", panel: 3 }, { file: "lib/**/*.ex" }],
    baseline: "telemetry-drift.baseline.json",
    maxFileSize: 1048576,
  },
  null,
  2,
);

/**
 * Real inputs to mutate, grouped by parser. `repo` is the repository root (fixtures/**), `corpus` the
 * shared corpus (dashboards and rule files); a missing corpus only narrows the bases.
 */
export function loadBases({ repo, corpus, looksLikeDashboard, looksLikeRuleFile }) {
  const bases = { elixir: [], typescript: [], dashboard: [], rules: [], config: [], any: [] };
  const add = (kind, name, text) => bases[kind].push({ name, text });
  const roots = [join(repo, "fixtures"), ...(corpus && existsSync(corpus) ? [corpus] : [])];
  for (const root of roots) {
    for (const path of walk(root)) {
      const name = root === corpus ? `corpus/${relative(root, path)}` : relative(repo, path);
      let text;
      try {
        text = readFileSync(path, "utf8");
      } catch {
        continue;
      }
      if (/\.exs?$/.test(path)) add("elixir", name, text);
      else if (/\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(path) && !/\.d\.[mc]?ts$/.test(path)) add("typescript", name, text);
      else if (/telemetry-drift\.config\.json$/.test(path)) add("config", name, text);
      else if (/package\.json$/.test(path) && text.includes('"telemetryDrift"')) add("config", name, text);
      else if (/\.json$/.test(path) && looksLikeDashboard(text)) add("dashboard", name, text);
      else if (/\.(ya?ml|rules)$/.test(path) && looksLikeRuleFile(text)) add("rules", name, text);
      else continue;
      bases.any.push({ name, text });
    }
  }
  add("elixir", "mix.lock", MIX_LOCK);
  add("config", "telemetry-drift.config.json", CONFIG_SAMPLE);
  add("config", "telemetry-drift.config.json", "{}");
  return bases;
}

/** PromQL expressions from the bases' dashboards and rule files (the extractors' own reading). */
export function collectExpressions(api, bases, limit = 5000) {
  const seen = new Set();
  for (const b of bases.dashboard) for (const q of api.extractDashboard(b.name, b.text).queries) seen.add(q.expr);
  for (const b of bases.rules) for (const q of api.extractRuleFile(b.name, b.text).queries) seen.add(q.expr);
  const list = [...seen].sort();
  // An even spread when there are more than `limit`, so the subset does not depend on one corpus folder.
  const step = Math.max(1, Math.ceil(list.length / limit));
  return list.filter((_, i) => i % step === 0).map((expr, i) => ({ name: `expr#${i}`, text: expr }));
}

// ---- arbitraries --------------------------------------------------------------------------------------

/** Characters parsers treat specially, plus the ones decoders and line counters trip on. */
const SPECIAL_CHARS = [
  "{", "}", "[", "]", "(", ")", '"', "'", "`", "\\", ":", ",", ";", "#", "%", "@", "&", "*", "!", "|", ">", "<", "=", "~", "$", "-", "+", ".", "/", "?",
  "\n", "\r", "\r\n", "\t", " ", "\u0000", "\u0007", "\u001b", "\u007f", "\u00a0", "\u2028", "\u2029", "\ufeff", "\ufffd", "\ud800", "\udc00", "é", "\u{1F600}", "\u0301",
];

const COMMON_TOKENS = ['"', "'", "\\", "\\u", "\\x", "\\U", "\n", "\r\n", "\t", "    ", "{", "}", "[", "]", "(", ")", ",", ":", "#", "$", "${", "{{", "}}", "\u0000", "\ufeff", "\ud83d", "é", "9".repeat(400), "1e999", "-0", "null", "true"];

export const TOKENS = {
  elixir: [
    "defmodule A do\n", "def f(x) do\n", "defp g, do: ", "end\n", "do", "end", "fn -> ", "->", "|>", "<>", "++", "@prefix ", "@", "%{", "%A{", "<<", ">>", "~r/", "~s(", "~w[", '"""\n', "'''", "#{", ":telemetry.execute(", ":telemetry.span(",
    ":telemetry.attach(", "[:a, :b]", ":atom", ':"quoted atom"', "counter(", "distribution(", "summary(", "last_value(", "sum(", "event_name: ", "tags: [", "reporter_options: [buckets: [", "use PromEx, otp_app: :x\n", "plug Plug.Telemetry, event_prefix: [",
    "alias ", "import Telemetry.Metrics\n", "__MODULE__", "&", "&1", "case x do\n", "when ", "?a", "0x", "1_000", "# telemetry-drift-disable-next-line series-missing\n", "unquote(", "quote do\n", "\\\\",
  ],
  typescript: [
    "import { metrics } from '@opentelemetry/api';\n", "import client from 'prom-client';\n", "const ", "let ", "export ", "function f(", "=> ", "class A {", "new client.Counter({ name: ", "meter.createCounter(", "meter.createHistogram(", ".add(1, { ", ".record(", ".inc(",
    "labelNames: [", "`", "${", "`${a}`", "as const", "enum E { A = ", "type T = ", "interface I {", "<T>", "</div>", "<div>", "/*", "*/", "//", "/re/g", "?.", "??", "...", "@decorator", "require(", "module.exports = ", "diagnostics_channel.channel(", "tracingChannel(", "satisfies ", "#private", "\\u{",
  ],
  json: ['{"panels": [', '{"targets": [{"expr": "', '"expr": ', '"datasource": {"type": "prometheus"}', '"templating": {"list": [', '"libraryPanel": {"uid": "', '"__elements": {', '"elements": {', '"layout": {', '"rows": [', '"schemaVersion": 39', "{", "}", "[", "]", ",", ":", '"', "\\u00", "\\ud800", "\\", "1e400", "-", "/* c */", "// c\n", "NaN", "Infinity", ",]", ",}"],
  yaml: ["groups:\n", "- name: g\n", "  rules:\n", "  - alert: A\n", "    expr: ", "  - record: r:x\n", "    labels:\n", "    annotations:\n", "      summary: '{{ $labels.job }}'\n", "expr: |\n", "expr: >-\n", "---\n", "...\n", "- ", ": ", "? ", "&a ", "*a", "<<: *a\n", "!!binary ", "!Ref ", "%YAML 1.2\n", "{{ if .Values.x }}\n", "'", '"', "|", ">", "#", "\t", "kind: PrometheusRule\n", "spec:\n", "[", "]", "{", "}"],
  promql: [
    "sum", "rate(", "irate(", "histogram_quantile(0.9, ", "by (", "without (", "on (", "ignoring (", "group_left (", "group_right (", "label_replace(", "label_join(", "count_values(", "absent(", "{", "}", "[5m]", "[5m:1m]", "offset 1d", "@ end()", "@ 123",
    "=~", "!~", "!=", "=", '"', "'", "`", "\\", "\\U0010FFFF", "\\UFFFFFFFF", "\\u00e9", "\\x41", "\\777", "__name__", "le", "job", "x_total", "$var", "${var}", "${var:regex}", "[[var]]", "$__interval", "$__rate_interval", "(", ")", "+", "-", "*", "/", "%", "^", "and", "or", "unless", "bool", ",", " ", "\n", "# c\n", "1e3", "0x1F", "Inf", "NaN", ":", "{\"utf8.name\"}",
  ],
};

/** Open/close pairs for deep nesting. */
const NESTING = [
  ["[", "]"], ["{", "}"], ['{"a":', "}"], ["(", ")"], ['{"panels":[', "]}"], ["[{", "}]"], ["- ", ""], ["a:\n  ", ""], ["%{a: ", "}"], ["fn -> ", " end"], ["do ", " end"], ["sum(", ")"], ["-", ""], ["!", ""], ["`${", "}`"], ["<a>", "</a>"], ["#{", "}"],
];

const specialChar = fc.constantFrom(...SPECIAL_CHARS);
const anyChar = fc.oneof(specialChar, fc.string({ unit: "binary", minLength: 1, maxLength: 1 }));

/** Some mutations snap to the next structural character, where a change matters most. */
const STRUCTURAL = /[{}[\]()"':,\n`=|]/g;
function position(text, at, snap) {
  if (text.length === 0) return 0;
  let p = at % (text.length + 1);
  if (snap) {
    STRUCTURAL.lastIndex = p;
    const m = STRUCTURAL.exec(text);
    if (m) p = m.index + (snap === "after" ? 1 : 0);
  }
  return p;
}

/** Mostly shallow, sometimes hundreds, rarely up to `maxDepth` (deep cases are slow to parse). */
function nestingDepth(maxDepth) {
  const arms = [
    { weight: 20, arbitrary: fc.integer({ min: 1, max: Math.min(64, maxDepth) }) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: Math.min(1000, maxDepth) }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: maxDepth }) },
  ];
  return fc.oneof(...arms);
}

function mutationOp(tokens, maxDepth, baseCount) {
  const snap = fc.constantFrom(false, "before", "after");
  const junk = fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.constantFrom(...tokens, ...COMMON_TOKENS), { minLength: 1, maxLength: 6 }).map((a) => a.join("")) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  );
  return fc.oneof(
    fc.record({ kind: fc.constant("flip"), at: fc.nat(), snap, char: anyChar }),
    fc.record({ kind: fc.constant("truncate"), at: fc.nat(), snap }),
    fc.record({ kind: fc.constant("delete"), at: fc.nat(), snap, length: fc.integer({ min: 1, max: 400 }) }),
    fc.record({ kind: fc.constant("duplicate"), at: fc.nat(), snap, length: fc.integer({ min: 1, max: 600 }), to: fc.nat(), times: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ kind: fc.constant("insert"), at: fc.nat(), snap, junk }),
    fc.record({ kind: fc.constant("nest"), at: fc.nat(), snap, pair: fc.integer({ min: 0, max: NESTING.length - 1 }), depth: nestingDepth(maxDepth), close: fc.boolean() }),
    fc.record({ kind: fc.constant("splice"), at: fc.nat(), snap, from: fc.nat({ max: Math.max(0, baseCount - 1) }), start: fc.nat(), length: fc.integer({ min: 1, max: 2000 }) }),
  );
}

function applyOp(text, op, bases) {
  const p = position(text, op.at, op.snap);
  switch (op.kind) {
    case "flip":
      return text.slice(0, p) + op.char + text.slice(p + 1);
    case "truncate":
      return text.slice(0, p);
    case "delete":
      return text.slice(0, p) + text.slice(p + op.length);
    case "duplicate": {
      const slice = text.slice(p, p + op.length).repeat(op.times);
      const q = op.to % (text.length + 1);
      return text.slice(0, q) + slice + text.slice(q);
    }
    case "insert":
      return text.slice(0, p) + op.junk + text.slice(p);
    case "nest": {
      const [open, close] = NESTING[op.pair];
      return text.slice(0, p) + open.repeat(op.depth) + (op.close ? close.repeat(op.depth) : "") + text.slice(p);
    }
    case "splice": {
      const donor = bases[op.from % bases.length]?.text ?? "";
      const start = donor.length ? op.start % donor.length : 0;
      return text.slice(0, p) + donor.slice(start, start + op.length) + text.slice(p);
    }
  }
  return text;
}

const describeOp = (op) => {
  const { kind, ...rest } = op;
  if (rest.junk !== undefined) rest.junk = rest.junk.length > 40 ? `${JSON.stringify(rest.junk.slice(0, 40))}…` : JSON.stringify(rest.junk);
  if (rest.char !== undefined) rest.char = JSON.stringify(rest.char);
  return `${kind}(${Object.entries(rest).map(([k, v]) => `${k}=${v}`).join(",")})`;
};

/**
 * An input for one parser: a mutated base (most cases), token soup, or a random string.
 * Each value is `{ origin, text }`, `origin` saying how it was made (base name and operations).
 */
export function inputArbitrary(bases, tokens, { maxDepth = 2000, maxOps = 5, maxRandom = 2000 } = {}) {
  const mutated = fc
    .tuple(fc.nat({ max: Math.max(0, bases.length - 1) }), fc.array(mutationOp(tokens, maxDepth, bases.length), { minLength: 1, maxLength: maxOps }))
    .map(([index, ops]) => {
      const base = bases[index];
      let text = base.text;
      for (const op of ops) text = applyOp(text, op, bases);
      return { origin: `${base.name} ${ops.map(describeOp).join(" ")}`, text };
    });
  const soup = fc.array(fc.constantFrom(...tokens, ...COMMON_TOKENS), { maxLength: 300 }).map((parts) => ({ origin: "token soup", text: parts.join("") }));
  const random = fc.oneof(fc.string({ unit: "binary", maxLength: maxRandom }), fc.string({ unit: "grapheme", maxLength: maxRandom }), fc.string({ maxLength: maxRandom })).map((text) => ({ origin: "random string", text }));
  const arms = [
    { weight: bases.length ? 7 : 0, arbitrary: mutated },
    { weight: 2, arbitrary: soup },
    { weight: 1, arbitrary: random },
  ].filter((a) => a.weight > 0);
  return fc.oneof(...arms);
}

// ---- oracles ------------------------------------------------------------------------------------------

/** A failure: `kind` is crash (an exception escaped), masked (a crash reported as a problem), contract or oracle. */
const failure = (kind, message, detail) => ({ kind, message, ...(detail ? { detail } : {}) });

/** Messages the frontends use when they caught their own crash. */
const MASKED = /could not be analysed|internal error while analysing|the parser returned no tree/;

const lineCount = (text) => {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) n++;
  }
  return n;
};

/** Every object in the facts that carries file+line is a location: it must point into this file. */
function checkLocations(facts, file, lines) {
  const stack = [facts];
  const seen = new Set();
  while (stack.length) {
    const node = stack.pop();
    if (node === null || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    if (typeof node.file === "string" && typeof node.line === "number" && node !== facts) {
      if (node.file !== file) return failure("contract", `location names another file (${node.file})`);
      if (!Number.isInteger(node.line) || node.line < 1 || node.line > lines) return failure("contract", `location line ${node.line} outside 1..${lines}`);
      if (typeof node.column === "number" && (!Number.isInteger(node.column) || node.column < 1)) return failure("contract", `location column ${node.column} < 1`);
    }
    for (const value of Array.isArray(node) ? node : Object.values(node)) if (value && typeof value === "object") stack.push(value);
  }
  return undefined;
}

/** The invariants every extractor's facts meet, whatever the input. */
export function checkFacts(facts, file, text) {
  if (!facts || typeof facts !== "object") return failure("contract", "no facts returned");
  if (facts.file !== file) return failure("contract", `facts name another file (${facts.file})`);
  for (const p of facts.problems) {
    if (MASKED.test(p.message)) return failure("masked", p.message.replace(file, "<file>"));
    if (!p.message.includes(file)) return failure("contract", `problem message does not name the file: ${p.message}`);
    if (p.message.includes("\n")) return failure("contract", `problem message is not one line: ${JSON.stringify(p.message.slice(0, 200))}`);
  }
  return checkLocations(facts, file, lineCount(text));
}

function guard(run) {
  try {
    return run();
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return failure("crash", `${e.name}: ${e.message}`, (e.stack ?? "").split("\n").slice(1, 6).join("\n"));
  }
}

const ELIXIR_FILES = ["lib/app/telemetry.ex", "mix.exs", "mix.lock", "config/config.exs", "test/app_test.exs"];
const TS_EXTENSIONS = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts"];

/**
 * The fuzz targets for a parser API. `api` holds the functions under test (from src/ or dist/):
 * extractElixir, extractTypeScript, extractDashboard, extractRuleFile, analyzePromQL, validateConfig,
 * loadConfig, ConfigError, decode, extractFile, and optionally analyze (engine) for accepted configs.
 */
export function makeTargets(api, bases, options = {}) {
  const depth = options.maxDepth ?? 2000;
  const expressions = options.expressions ?? collectExpressions(api, bases, options.maxExpressions ?? 5000);
  const arb = (list, tokens, extra = {}) => inputArbitrary(list, tokens, { maxDepth: depth, ...extra });
  const targets = [];

  targets.push({
    name: "elixir",
    arbitrary: fc.tuple(arb(bases.elixir, TOKENS.elixir), fc.nat()).map(([input, pick]) => {
      const base = input.origin.split(" ")[0];
      const file = /\.exs?$|mix\.lock$/.test(base) ? base.replace(/^corpus\//, "") : ELIXIR_FILES[pick % ELIXIR_FILES.length];
      return { ...input, file };
    }),
    check: ({ file, text }) => guard(() => checkFacts(api.extractElixir(file, text), file, text)),
  });

  targets.push({
    name: "typescript",
    arbitrary: fc.tuple(arb(bases.typescript, TOKENS.typescript), fc.constantFrom(...TS_EXTENSIONS), fc.boolean()).map(([input, ext, configured]) => ({
      ...input,
      file: `src/module${ext}`,
      options: configured ? { emitters: [{ callee: "telemetry.execute", format: "segments" }, { callee: "emit", kind: "span" }], consumers: [{ callee: "telemetry.attach", eventArgument: 1, format: "segments" }] } : {},
    })),
    check: ({ file, text, options: tsOptions }) => guard(() => checkFacts(api.extractTypeScript(file, text, tsOptions), file, text)),
  });

  targets.push({
    name: "dashboard",
    arbitrary: arb(bases.dashboard, TOKENS.json).map((input) => ({ ...input, file: "dashboards/fuzz.json" })),
    check: ({ file, text }) =>
      guard(() => {
        const facts = api.extractDashboard(file, text);
        const base = checkFacts(facts, file, text);
        if (base) return base;
        // Independent oracle: the platform's JSON parser. A leading BOM is dropped by the reader before.
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const invalidJson = facts.problems.some((p) => /invalid JSON/.test(p.message));
        if (!valid && !invalidJson) return failure("oracle", "JSON.parse rejects the text but no invalid-JSON problem was reported");
        if (valid && invalidJson) return failure("oracle", `JSON.parse accepts the text but it was reported invalid: ${facts.problems[0].message.replace(file, "<file>")}`);
        return undefined;
      }),
  });

  targets.push({
    name: "rules",
    arbitrary: fc.tuple(arb(bases.rules, TOKENS.yaml), fc.constantFrom("rules/fuzz.yml", "rules/fuzz.rules", "deploy/prometheus-rule.yaml")).map(([input, file]) => ({ ...input, file })),
    check: ({ file, text }) =>
      guard(() => {
        const facts = api.extractRuleFile(file, text);
        return checkFacts(facts, file, text);
      }),
  });

  targets.push({
    name: "promql",
    arbitrary: fc.tuple(arb(expressions, TOKENS.promql, { maxRandom: 400 }), fc.nat({ max: 2 })).map(([input, wrap]) => ({ ...input, file: wrap === 0 ? "expr" : wrap === 1 ? "dashboards/q.json" : "rules/q.yml", wrap })),
    check: ({ text, wrap }) =>
      guard(() => {
        const result = api.analyzePromQL(text);
        for (const s of result.selectors) {
          if (!(s.from >= 0 && s.from <= s.to && s.to <= text.length)) return failure("contract", `selector offsets ${s.from}..${s.to} outside 0..${text.length}`);
          for (const m of s.matchers) if (typeof m.value !== "string" || typeof m.label !== "string") return failure("contract", "matcher without label or value");
        }
        for (const e of result.errors) if (!(e.from >= 0 && e.from <= text.length)) return failure("contract", `error offset ${e.from} outside 0..${text.length}`);
        if (wrap === 1) {
          const file = "dashboards/q.json";
          const dashboard = JSON.stringify({
            title: "q",
            templating: { list: [{ name: "job", type: "query", current: { value: "api" } }, { name: "interval", type: "interval" }, { name: "multi", type: "custom", current: { value: ["a", "b"] } }] },
            panels: [{ id: 1, title: "p", datasource: { type: "prometheus" }, targets: [{ expr: text, legendFormat: "{{job}}" }] }],
          });
          const facts = api.extractDashboard(file, dashboard);
          return checkFacts(facts, file, dashboard);
        }
        if (wrap === 2) {
          const file = "rules/q.yml";
          const body = text.split(/\r\n|\r|\n/).map((l) => `      ${l}`).join("\n");
          const yaml = `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: ${JSON.stringify(text)}\n      - record: r:b\n        expr: |\n${body}\n`;
          const facts = api.extractRuleFile(file, yaml);
          return checkFacts(facts, file, yaml);
        }
        return undefined;
      }),
  });

  targets.push({
    name: "config",
    arbitrary: fc.oneof(
      { weight: 3, arbitrary: arb(bases.config, TOKENS.json, { maxDepth: Math.min(depth, 500) }).map((input) => ({ ...input, mode: "file" })) },
      { weight: 2, arbitrary: configObject().map((value) => ({ origin: "config object", text: JSON.stringify(value), mode: "object", value })) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => ({ origin: "json value", text: JSON.stringify(value) ?? "null", mode: "object", value })) },
    ),
    check: (input) => guard(() => checkConfig(api, input, options)),
  });

  targets.push({
    name: "bytes",
    arbitrary: bytesArbitrary(bases.any),
    check: ({ file, kind, bytes }) =>
      guard(() => {
        const read = api.decode(file, bytes);
        if ("problem" in read) {
          if (read.problem.loc.file !== file || !read.problem.message.includes(file)) return failure("contract", "read problem does not name the file");
          return undefined;
        }
        const facts = api.extractFile(file, kind, read.text, {});
        return facts ? checkFacts(facts, file, read.text) : undefined;
      }),
  });
  return targets;
}

// ---- config --------------------------------------------------------------------------------------------

const RULE_IDS = ["event-unconsumed", "event-undeclared", "event-declared-unemitted", "metric-no-emitter", "metric-unsupported", "metric-invalid", "metric-field-missing", "series-missing", "label-missing", "metric-unused", "event-dynamic", "input-unparseable", "suppression-unused"];

/** Config-shaped objects: mostly schema-valid (so they reach the engine), sometimes anything goes. */
function configObject() {
  return fc.oneof({ weight: 3, arbitrary: configObjectOf(true) }, { weight: 1, arbitrary: configObjectOf(false) });
}

function configObjectOf(valid) {
  const glob = fc.oneof(
    fc.constantFrom("**", "lib/**", "**/*.json", "[", "[z-a]", "{a,b", "***", "!x", "#x", "\\", "a/../b", "/abs/**", "./x/**", "**/[[:alpha:]]*", "x".repeat(70_000), "(".repeat(5000)),
    fc.string({ maxLength: 30 }),
  );
  const text = (max) => fc.string({ minLength: 1, maxLength: max });
  const entry = valid
    ? fc.record({ callee: fc.oneof(fc.constantFrom("telemetry.execute", "emit", "a.b.c", "x.y.z.w"), text(20)), eventArgument: fc.nat(5), format: fc.constantFrom("dotted", "segments"), kind: fc.constantFrom("execute", "span") }, { requiredKeys: ["callee"] })
    : fc.record({ callee: fc.oneof(fc.constantFrom("telemetry.execute", "emit", "a.b.c"), fc.string()), eventArgument: fc.oneof(fc.nat(5), fc.integer()), format: fc.constantFrom("dotted", "segments", "other"), kind: fc.constantFrom("execute", "span", "other") }, { requiredKeys: ["callee"] });
  const validGlob = valid ? glob.filter((g) => g.length > 0) : glob;
  return fc.record(
    {
      include: fc.array(validGlob, { maxLength: 3 }),
      exclude: fc.array(validGlob, { maxLength: 3 }),
      dashboards: fc.array(validGlob, { maxLength: 3 }),
      ruleFiles: fc.array(validGlob, { maxLength: 3 }),
      exporter: valid ? fc.constantFrom("auto", "opentelemetry", "otlp", "prom-client", "peep", "prom_ex", "telemetry_metrics_prometheus_core", "telemetry_metrics_prometheus") : fc.constantFrom("auto", "nope"),
      externalSeries: fc.array(fc.oneof(validGlob, fc.constantFrom("*", "**", "a*b*c", "app_*")), { maxLength: 3 }),
      targetLabels: fc.array(valid ? fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/) : fc.oneof(fc.constantFrom("region", "az", "1bad", ""), fc.string({ maxLength: 10 })), { maxLength: 3 }),
      emitters: fc.array(entry, { maxLength: 2 }),
      consumers: fc.array(valid ? entry.map(({ kind: _kind, ...rest }) => rest) : entry, { maxLength: 2 }),
      rules: fc.dictionary(valid ? fc.constantFrom(...RULE_IDS) : fc.oneof(fc.constantFrom(...RULE_IDS), fc.string({ maxLength: 8 })), valid ? fc.constantFrom("error", "warning", "info", "off") : fc.constantFrom("error", "fatal"), { maxKeys: 3 }),
      ignore: fc.array(
        fc.record({ rule: fc.constantFrom(...RULE_IDS), subject: fc.string({ maxLength: 10 }), file: validGlob, dashboard: fc.string({ maxLength: 5 }), panel: fc.oneof(fc.integer(), fc.string({ maxLength: 3 })), alert: fc.string({ maxLength: 5 }), reason: fc.string({ maxLength: 5 }) }, { requiredKeys: [] }).filter((e) => !valid || Object.keys(e).length > 0),
        { maxLength: 2 },
      ),
      baseline: fc.string({ maxLength: 20 }),
      maxFileSize: valid ? fc.integer({ min: 1, max: 1e9 }) : fc.constantFrom(0, -1, 1.5, 1e300),
      $schema: fc.string({ maxLength: 10 }),
      ...(valid ? {} : { unknownKey: fc.anything({ maxDepth: 1 }) }),
    },
    { requiredKeys: [] },
  );
}

/**
 * Config: `validateConfig` on an object, or `loadConfig` on a temp folder holding the (mutated) text as
 * telemetry-drift.config.json or package.json#telemetryDrift. Either a config or a one-line ConfigError
 * naming the file; an accepted config must not crash a run (when `options.analyzeConfig` is given).
 */
function checkConfig(api, input, options) {
  let loaded;
  let where = "fuzz-config.json";
  try {
    if (input.mode === "object") {
      loaded = { config: api.validateConfig(input.value, where) };
    } else {
      const dir = configDir();
      const asPackage = input.origin.startsWith("fixtures/") && input.origin.split(" ")[0].endsWith("package.json");
      where = asPackage ? "package.json" : "telemetry-drift.config.json";
      rmSync(join(dir, "package.json"), { force: true });
      rmSync(join(dir, "telemetry-drift.config.json"), { force: true });
      writeFileSync(join(dir, where), input.text);
      loaded = api.loadConfig(dir);
    }
  } catch (error) {
    if (!(error instanceof api.ConfigError)) {
      const e = error instanceof Error ? error : new Error(String(error));
      return failure("crash", `${e.name} (not a ConfigError): ${e.message.slice(0, 300)}`, (e.stack ?? "").split("\n").slice(1, 6).join("\n"));
    }
    if (error.message.includes("\n")) return failure("contract", `ConfigError is not one line: ${JSON.stringify(error.message.slice(0, 200))}`);
    if (!error.message.startsWith(where)) return failure("contract", `ConfigError does not start with the file (${where}): ${error.message.slice(0, 200)}`);
    return undefined;
  }
  if (options.analyzeConfig && loaded?.config) {
    try {
      options.analyzeConfig(loaded.config);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      if (error instanceof api.ConfigError) return undefined; // reported on one line by the CLI
      return failure("crash", `accepted config crashes the run: ${e.name}: ${e.message.slice(0, 300)}`, (e.stack ?? "").split("\n").slice(1, 6).join("\n"));
    }
  }
  return undefined;
}

let configFolder;
function configDir() {
  if (!configFolder || !existsSync(configFolder)) configFolder = mkdtempSync(join(tmpdir(), "td-fuzz-config-"));
  return configFolder;
}

/** Removes the temp folders the harness made. */
export function cleanup() {
  if (configFolder) rmSync(configFolder, { recursive: true, force: true });
  configFolder = undefined;
}

/** A small project an accepted config is run against (created once; the caller removes it). */
export function makeConfigProject() {
  const root = mkdtempSync(join(tmpdir(), "td-fuzz-project-"));
  mkdirSync(join(root, "lib"), { recursive: true });
  mkdirSync(join(root, "dashboards"), { recursive: true });
  writeFileSync(join(root, "lib/app.ex"), 'defmodule App do\n  def f, do: :telemetry.execute([:app, :x], %{count: 1}, %{})\nend\n');
  writeFileSync(join(root, "lib/metrics.ts"), 'import client from "prom-client";\nexport const c = new client.Counter({ name: "app_total", help: "h", labelNames: ["a"] });\nc.inc({ a: "1" });\n');
  writeFileSync(join(root, "dashboards/d.json"), JSON.stringify({ uid: "d", title: "D", panels: [{ id: 1, targets: [{ expr: 'sum by (a) (rate(app_total{job=~"a.*"}[5m]))' }] }] }));
  return root;
}

// ---- bytes ---------------------------------------------------------------------------------------------

const KIND_BY_NAME = [
  [/mix\.lock$/, "mix-lock"],
  [/package\.json$/, "package-json"],
  [/\.exs?$/, "elixir"],
  [/\.json$/, "json"],
  [/\.(ya?ml|rules)$/, "yaml"],
  [/\.[cm]?[jt]sx?$/, "typescript"],
];

/** Byte-level mutations through the real reader: decode (binary, UTF-8, BOM) then extractFile. */
function bytesArbitrary(bases) {
  const encoder = new TextEncoder();
  const byteOp = fc.oneof(
    fc.record({ kind: fc.constant("set"), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant("insert"), at: fc.nat(), bytes: fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.constantFrom(new Uint8Array([0xef, 0xbb, 0xbf]), new Uint8Array([0xc3]), new Uint8Array([0xed, 0xa0, 0x80]), new Uint8Array([0xf4, 0x90, 0x80, 0x80]), new Uint8Array([0xc0, 0xaf]), new Uint8Array([0]))) }),
    fc.record({ kind: fc.constant("truncate"), at: fc.nat() }),
    fc.record({ kind: fc.constant("bom"), at: fc.constant(0) }),
  );
  return fc.tuple(fc.nat({ max: Math.max(0, bases.length - 1) }), fc.array(byteOp, { minLength: 1, maxLength: 4 })).map(([index, ops]) => {
    const base = bases[index] ?? { name: "lib/a.ex", text: "" };
    let bytes = encoder.encode(base.text);
    for (const op of ops) {
      const p = bytes.length ? op.at % (bytes.length + 1) : 0;
      if (op.kind === "set") {
        const copy = bytes.slice();
        if (p < copy.length) copy[p] = op.value;
        bytes = copy;
      } else if (op.kind === "insert" || op.kind === "bom") {
        const extra = op.kind === "bom" ? new Uint8Array([0xef, 0xbb, 0xbf]) : op.bytes;
        const out = new Uint8Array(bytes.length + extra.length);
        out.set(bytes.subarray(0, p));
        out.set(extra, p);
        out.set(bytes.subarray(p), p + extra.length);
        bytes = out;
      } else bytes = bytes.slice(0, p);
    }
    const file = base.name.replace(/^corpus\//, "");
    const kind = KIND_BY_NAME.find(([re]) => re.test(file))?.[1] ?? "json";
    return { origin: `${base.name} bytes ${ops.map((o) => `${o.kind}@${o.at}`).join(" ")}`, file, kind, bytes, text: "" };
  });
}

// ---- running -------------------------------------------------------------------------------------------

/** One line per failure for humans: target, kind, message, where the input came from. */
export function describeFailure(target, input, f) {
  const size = input.bytes ? `${input.bytes.length} bytes` : `${input.text.length} chars`;
  return `[${target}] ${f.kind}: ${f.message} (input: ${input.origin.slice(0, 300)}; ${size})${f.detail ? `\n${f.detail}` : ""}`;
}

/** A stable key for grouping failures that are the same bug. */
export function failureSignature(target, f) {
  return `${target}|${f.kind}|${f.message.replace(/\d+/g, "N").replace(/`[^`]*`/g, "`…`").replace(/"[^"]*"/g, '"…"').slice(0, 160)}`;
}
