// End to end: the real ESLint class, with the README's flat config verbatim, over a fixture repo that
// holds TypeScript and dashboard JSON; asserts the exact messages.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import { REPO } from "../e2e/run-cli.js";

const readme = readFileSync(join(REPO, "README.md"), "utf8");
const snippet = /<!-- eslint-config-start -->\s*```js\n([\s\S]*?)```\s*<!-- eslint-config-end -->/.exec(readme)![1]!;

// Inside the repository (so @eslint/json and the parser resolve from its node_modules), with
// `telemetry-drift` linked in as a user's install would provide it.
const dir = mkdtempSync(join(REPO, "test", ".eslint-e2e-"));
cpSync(join(REPO, "fixtures", "ts-otel"), dir, { recursive: true });
mkdirSync(join(dir, "node_modules"));
symlinkSync(REPO, join(dir, "node_modules", "telemetry-drift"), "dir");
writeFileSync(join(dir, "eslint.config.mjs"), snippet);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ESLint with the README's flat config", () => {
  it("reports drift on TS files and dashboard JSON with the CLI's messages", async () => {
    const eslint = new ESLint({ cwd: dir });
    const results = await eslint.lintFiles(["src/**/*.ts", "dashboards/*.json"]);
    const messages = results
      .flatMap((r) => r.messages.map((m) => ({ file: r.filePath.slice(dir.length + 1), line: m.line, column: m.column, rule: m.ruleId, message: m.message, suggestions: m.suggestions?.length ?? 0 })))
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
    expect(messages).toEqual([
      {
        file: "dashboards/checkout.json",
        line: 17,
        column: 103,
        rule: "telemetry-drift/series-missing",
        message:
          'Panel "Payment p95" of dashboard "Checkout" queries `checkout_payment_duration_seconds_bucket`, which no metric definition, recording rule or known external source produces, so it shows no data; did you mean `checkout_payment_duration_bucket` (from OpenTelemetry Histogram "checkout.payment.duration" at src/telemetry/metrics.ts:11)? Fix the query, or list it in `externalSeries` if another service exports it.',
        suggestions: 1,
      },
      {
        file: "dashboards/checkout.json",
        line: 31,
        column: 72,
        rule: "telemetry-drift/label-missing",
        message:
          'Panel "Queue depth by region" of dashboard "Checkout" groups or joins on `shard` of `checkout_queue_depth`, but that series only carries `otel_scope_name`, `otel_scope_version`, `queue_name` (plus target labels like job/instance), so it matches nothing; pass `shard` in the attributes where OpenTelemetry ObservableGauge "checkout.queue.depth" (src/telemetry/metrics.ts:22) is recorded, or fix the query.',
        suggestions: 0,
      },
      {
        file: "src/telemetry/metrics.ts",
        line: 20,
        column: 24,
        rule: "telemetry-drift/metric-no-emitter",
        message: 'OpenTelemetry Counter "checkout.refunds" is defined here but nothing calls add() on it, so the query reading `checkout_refunds_total` shows no data; record it where the operation happens, or remove it. (see dashboards/checkout.json:24)',
        suggestions: 0,
      },
    ]);
  });

  it("the series-missing suggestion rewrites the name inside the expr string", async () => {
    const eslint = new ESLint({ cwd: dir });
    const [result] = await eslint.lintFiles(["dashboards/checkout.json"]);
    const message = result!.messages.find((m) => m.ruleId === "telemetry-drift/series-missing")!;
    const fix = message.suggestions![0]!.fix;
    const text = readFileSync(join(dir, "dashboards/checkout.json"), "utf8");
    const fixed = text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
    expect(fixed).toContain("rate(checkout_payment_duration_bucket[5m])");
    expect(fixed).not.toContain("checkout_payment_duration_seconds_bucket");
  });

  it("analyses unsaved editor text: recording the instrument in the buffer clears the finding", async () => {
    const eslint = new ESLint({ cwd: dir });
    const path = join(dir, "src/telemetry/metrics.ts");
    const edited = `${readFileSync(path, "utf8")}\nrefunds.add(1);\n`;
    const [result] = await eslint.lintText(edited, { filePath: path });
    expect(result!.messages.filter((m) => m.ruleId === "telemetry-drift/metric-no-emitter")).toEqual([]);
    // On disk nothing changed: the saved file still has the finding.
    const [onDisk] = await eslint.lintFiles(["src/telemetry/metrics.ts"]);
    expect(onDisk!.messages.map((m) => m.ruleId)).toEqual(["telemetry-drift/metric-no-emitter"]);
  });
});
