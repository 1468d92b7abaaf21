// Rule tests: typescript-eslint's RuleTester (on vitest) for the TS/JS rules and ESLint's own
// RuleTester with the JSON language for the dashboard rules. Each case lints a file of a fixture tree
// with the case's code standing in for the file's saved content.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vitest from "vitest";
import { RuleTester } from "@typescript-eslint/rule-tester";
import { ESLint, RuleTester as ESLintRuleTester } from "eslint";
import json from "@eslint/json";
import plugin from "../../src/eslint/index.js";
import { ProjectIndex } from "../../src/eslint/project.js";
import { REPO } from "../e2e/run-cli.js";

RuleTester.afterAll = vitest.afterAll;
RuleTester.it = vitest.it;
RuleTester.itOnly = vitest.it.only;
RuleTester.describe = vitest.describe;

const fixture = (name: string) => join(REPO, "fixtures", name);
const read = (name: string, file: string) => readFileSync(join(fixture(name), file), "utf8");
const settings = (name: string) => ({ telemetryDrift: { root: fixture(name) } });

const tester = new RuleTester();

vitest.describe("TS/JS rules", () => {
  const otelMetrics = read("ts-otel", "src/telemetry/metrics.ts");
  tester.run("metric-no-emitter", plugin.rules["metric-no-emitter"], {
    valid: [{ code: `${otelMetrics}\nrefunds.add(1, { reason: "x" });\n`, filename: join(fixture("ts-otel"), "src/telemetry/metrics.ts"), settings: settings("ts-otel") }],
    invalid: [
      {
        code: otelMetrics,
        filename: join(fixture("ts-otel"), "src/telemetry/metrics.ts"),
        settings: settings("ts-otel"),
        errors: [{ messageId: "drift", line: 20, column: 24 }],
      },
    ],
  });

  const worker = read("js-prom-client", "lib/worker.js");
  const workerFixed = read("js-prom-client-clean", "lib/worker.js");
  tester.run("metric-invalid", plugin.rules["metric-invalid"], {
    valid: [{ code: workerFixed, filename: join(fixture("js-prom-client"), "lib/worker.js"), settings: settings("js-prom-client") }],
    invalid: [{ code: worker, filename: join(fixture("js-prom-client"), "lib/worker.js"), settings: settings("js-prom-client"), errors: [{ messageId: "drift", line: 12, column: 5 }] }],
  });
  tester.run("metric-field-missing", plugin.rules["metric-field-missing"], {
    valid: [{ code: workerFixed, filename: join(fixture("js-prom-client"), "lib/worker.js"), settings: settings("js-prom-client") }],
    invalid: [{ code: worker, filename: join(fixture("js-prom-client"), "lib/worker.js"), settings: settings("js-prom-client"), errors: [{ messageId: "drift", line: 11, column: 5 }] }],
  });

  const search = read("ts-contract", "src/search/search.ts");
  const searchFile = join(fixture("ts-contract"), "src/search/search.ts");
  const withoutRetry = search.replace(/export function retry[\s\S]*$/, "");
  tester.run("event-unconsumed", plugin.rules["event-unconsumed"], {
    valid: [{ code: withoutRetry.replace(/export function closeBreaker[\s\S]*?\n}\n/, ""), filename: searchFile, settings: settings("ts-contract") }],
    invalid: [{ code: search, filename: searchFile, settings: settings("ts-contract"), errors: [{ messageId: "drift", line: 13 }, { messageId: "drift", line: 17 }] }],
  });
  tester.run("event-undeclared", plugin.rules["event-undeclared"], {
    valid: [{ code: withoutRetry, filename: searchFile, settings: settings("ts-contract") }],
    invalid: [{ code: search, filename: searchFile, settings: settings("ts-contract"), errors: [{ messageId: "drift", line: 17, column: 3 }] }],
  });
  tester.run("event-declared-unemitted", plugin.rules["event-declared-unemitted"], {
    valid: [{ code: read("ts-contract", "src/telemetry/events.ts"), filename: join(fixture("ts-contract"), "src/telemetry/events.ts"), settings: settings("ts-contract") }],
    invalid: [
      {
        code: read("ts-contract", "src/telemetry/events.ts").replace('BreakerClose: "osint.breaker.close",', 'BreakerClose: "osint.breaker.close",\n  BreakerHalfOpen: "osint.breaker.half_open",'),
        filename: join(fixture("ts-contract"), "src/telemetry/events.ts"),
        settings: settings("ts-contract"),
        errors: [{ messageId: "drift", line: 8 }],
      },
    ],
  });
  tester.run("event-dynamic", plugin.rules["event-dynamic"], {
    valid: [{ code: search, filename: searchFile, settings: settings("ts-contract") }],
    invalid: [{ code: `${search}\nexport function any(name: string) { emit(name, {}); }\n`, filename: searchFile, settings: settings("ts-contract"), errors: [{ messageId: "drift", line: 20 }] }],
  });
});

vitest.describe("dashboard JSON rules (ESLint's JSON language)", () => {
  // ESLint's RuleTester hooks into the test framework through these static fields (untyped in @types).
  Object.assign(ESLintRuleTester, { afterAll: vitest.afterAll, it: vitest.it, itOnly: vitest.it.only, describe: vitest.describe });
  const jsonTester = new ESLintRuleTester({ plugins: { json }, language: "json/json" });
  const dashboard = read("ts-otel", "dashboards/checkout.json");
  const filename = join(fixture("ts-otel"), "dashboards/checkout.json");
  const clean = read("ts-otel-clean", "dashboards/checkout.json");

  jsonTester.run("series-missing", plugin.rules["series-missing"] as never, {
    valid: [{ code: clean, filename, settings: settings("ts-otel") }],
    invalid: [
      {
        code: dashboard,
        filename,
        settings: settings("ts-otel"),
        errors: [
          {
            messageId: "drift",
            line: 17,
            column: 103,
            suggestions: [{ messageId: "suggestRename", data: { replacement: "checkout_payment_duration_bucket" }, output: dashboard.replace("checkout_payment_duration_seconds_bucket", "checkout_payment_duration_bucket") }],
          },
        ],
      },
    ],
  });
  jsonTester.run("label-missing", plugin.rules["label-missing"] as never, {
    valid: [{ code: clean, filename, settings: settings("ts-otel") }],
    invalid: [{ code: dashboard, filename, settings: settings("ts-otel"), errors: [{ messageId: "drift", line: 31, column: 72 }] }],
  });
  jsonTester.run("input-unparseable", plugin.rules["input-unparseable"] as never, {
    valid: [{ code: clean, filename, settings: settings("ts-otel") }],
    invalid: [{ code: clean.replace("sum by (currency) (rate(", "sum by (currency) (((rate("), filename, settings: settings("ts-otel"), errors: [{ messageId: "drift" }] }],
  });
});

vitest.describe("all rules on one file", () => {
  const tsParser = () => import("@typescript-eslint/parser").then((m) => m.default);
  const lint = async (root: string, file: string, text: string) => {
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [{ plugins: { json } }, { files: ["**/*.ts"], languageOptions: { parser: await tsParser() } }, ...(plugin.configs.recommended as never[]), { settings: { telemetryDrift: { root, cacheLocation: false } } }],
    });
    const [result] = await eslint.lintText(text, { filePath: join(root, file) });
    return result!.messages;
  };

  vitest.it("looks the file's findings up once, whatever the number of rules", async () => {
    const lookups = vitest.vi.spyOn(ProjectIndex.prototype, "findingsFor");
    try {
      const messages = await lint(fixture("ts-otel"), "src/telemetry/metrics.ts", read("ts-otel", "src/telemetry/metrics.ts"));
      vitest.expect(messages.map((m) => m.ruleId)).toEqual(["telemetry-drift/metric-no-emitter"]);
      vitest.expect(lookups).toHaveBeenCalledTimes(1); // six TS/JS rules ran on it
      const dashboard = await lint(fixture("ts-otel"), "dashboards/checkout.json", read("ts-otel", "dashboards/checkout.json"));
      vitest.expect(dashboard.map((m) => m.ruleId)).toEqual(["telemetry-drift/series-missing", "telemetry-drift/label-missing"]);
      vitest.expect(lookups).toHaveBeenCalledTimes(2);
    } finally {
      lookups.mockRestore();
    }
  });

  vitest.it("reports a project it cannot analyse once per file, not once per rule", async () => {
    const root = mkdtempSync(join(tmpdir(), "td-rules-"));
    try {
      cpSync(fixture("ts-otel"), root, { recursive: true });
      writeFileSync(join(root, "telemetry-drift.config.json"), '{ "unknownKey": true }\n');
      const messages = await lint(root, "src/telemetry/metrics.ts", read("ts-otel", "src/telemetry/metrics.ts"));
      vitest.expect(messages).toHaveLength(1);
      vitest.expect(messages[0]!.message).toMatch(/^telemetry-drift could not analyse the project: .*telemetry-drift\.config\.json/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
