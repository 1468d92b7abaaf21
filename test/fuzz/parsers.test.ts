// Property-based fuzzing of every parser entry point, seeded and small enough for every test run (the
// large campaign is scripts/fuzz-campaign.mjs). Inputs are mutations of the real files under fixtures/
// and the shared corpus (when present), token soup and random strings; see harness.mjs.
//
// Property, for every parser: no exception escapes, no crash comes back disguised as an
// "internal error" / "could not be analysed" problem, every problem and location names the analysed
// file with a line inside it; dashboards agree with JSON.parse on validity; configs either load or fail
// with a one-line ConfigError naming the file, and an accepted config runs through the engine.
import { existsSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractElixir, loadElixirParser } from "../../src/frontends/elixir/index.js";
import { extractTypeScript } from "../../src/frontends/typescript/index.js";
import { extractDashboard, looksLikeDashboard } from "../../src/consumers/grafana/index.js";
import { extractRuleFile, looksLikeRuleFile } from "../../src/consumers/prometheus/index.js";
import { analyzePromQL } from "../../src/promql/index.js";
import { ConfigError, loadConfig, validateConfig, type Config } from "../../src/config/config.js";
import { decode } from "../../src/engine/read.js";
import { extractFile } from "../../src/engine/extract.js";
import { analyze } from "../../src/engine/run.js";
import { cleanup, describeFailure, loadBases, makeConfigProject, makeTargets, type FuzzInput, type ParserApi, type Target } from "./harness.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CORPUS = process.env.TELEMETRY_DRIFT_CORPUS ?? "/work/shared/corpus";

const api: ParserApi = {
  extractElixir,
  extractTypeScript,
  extractDashboard,
  extractRuleFile,
  analyzePromQL,
  validateConfig,
  loadConfig,
  ConfigError,
  decode,
  extractFile: extractFile as ParserApi["extractFile"],
};

/** Cases per parser: the whole fuzz suite stays well under 20 s. */
const RUNS: Record<string, number> = { elixir: 300, typescript: 300, dashboard: 400, rules: 400, promql: 500, config: 400, bytes: 400 };
const SEED = 42;

const accepted: Config[] = [];
let targets: Target[] = [];
let project: string | undefined;

beforeAll(async () => {
  await loadElixirParser();
  const bases = loadBases({ repo: REPO, corpus: existsSync(CORPUS) ? CORPUS : undefined, looksLikeDashboard, looksLikeRuleFile });
  targets = makeTargets(api, bases, { maxDepth: 3000, maxExpressions: 1500, analyzeConfig: (config) => void (accepted.length < 40 && accepted.push(config as Config)) });
  project = makeConfigProject();
});

afterAll(() => {
  cleanup();
  if (project) rmSync(project, { recursive: true, force: true });
});

function fuzz(name: string): void {
  const target = targets.find((t) => t.name === name);
  if (!target) throw new Error(`no fuzz target ${name}`);
  fc.assert(
    fc.property(target.arbitrary, (input: FuzzInput) => {
      const failure = target.check(input);
      if (failure) throw new Error(describeFailure(name, input, failure));
    }),
    { seed: SEED, numRuns: RUNS[name], endOnFailure: true },
  );
}

describe("fuzz: no input takes a parser down (seeded)", () => {
  it("Elixir source (extractElixir)", () => fuzz("elixir"));
  it("TypeScript/JavaScript source (extractTypeScript)", () => fuzz("typescript"));
  it("Grafana dashboard JSON (extractDashboard), with JSON.parse as the validity oracle", () => fuzz("dashboard"));
  it("Prometheus rule YAML (extractRuleFile)", () => fuzz("rules"));
  it("PromQL (analyzePromQL), bare and inside a dashboard and a rule file", () => fuzz("promql"));
  it("bytes through the reader (decode: binary, UTF-8, BOM) then extractFile", () => fuzz("bytes"));

  it("config (validateConfig, loadConfig); accepted configs run through the engine", async () => {
    fuzz("config");
    expect(accepted.length).toBeGreaterThan(0);
    for (const config of accepted) {
      try {
        await analyze({ root: project!, config });
      } catch (error) {
        if (error instanceof ConfigError) continue;
        throw new Error(`accepted config crashes the run: ${(error as Error).message}\n${JSON.stringify(config).slice(0, 2000)}`);
      }
    }
  });
});
