// promtool as an oracle for rule files: `promtool check rules` on every *.yml / *.yaml / *.rules file
// in ../shared/corpus, compared with what telemetry-drift's rule-file reader makes of the same file.
// A file is accepted by telemetry-drift when looksLikeRuleFile() says it is a rule file and
// extractRuleFile() reports no problem and no unparseable query. Every disagreement is listed below
// with its reason (checked by reading the file); the test fails on any other disagreement.
// Lint is off (--lint=none): duplicate rules are a style warning, not an invalid file.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { extractRuleFile, looksLikeRuleFile } from "../../src/consumers/prometheus/index.js";
import { REPO } from "./harness.js";

const CORPUS = resolve(REPO, "../shared/corpus");
const HAS_PROMTOOL = spawnSync("promtool", ["--version"], { stdio: "ignore" }).status === 0;

type Difference = "promtool rejects, telemetry-drift reads it" | "promtool accepts, telemetry-drift does not read it";

interface Allowed {
  difference: Difference;
  reason: string;
  /** Depends on the promtool version (newer Prometheus accepts it): may agree on another version. */
  versionDependent?: true;
}

const CRD = "a Kubernetes PrometheusRule resource (apiVersion monitoring.coreos.com/v1, kind PrometheusRule, rules under spec.groups); promtool only reads plain rule files (\"field apiVersion not found in type rulefmt.RuleGroups\"), telemetry-drift reads PrometheusRule CRDs by design";
const GRAFANA_PROVISIONING =
  "Grafana-managed alerting provisioning (apiVersion: 1, groups[].orgId/folder, rules[].data[].model.expr), not a Prometheus rule file; promtool rejects the unknown fields, telemetry-drift reads the PromQL in each rule's data[].model.expr (server-side expressions and other datasource types skipped)";
const EMPTY = "a rule file without any rule; promtool accepts it (0 rules), telemetry-drift does not treat a file with no rule as a rule file (nothing to check, no finding)";

/** Paths relative to ../shared/corpus. */
const ALLOWED: Record<string, Allowed> = {
  "rules/grafana__cortex-tools/multiple_namespace.yaml": {
    difference: "promtool rejects, telemetry-drift reads it",
    reason: "Cortex/Mimir rule format: two YAML documents, each with a top-level `namespace:` next to `groups:`; promtool rejects `namespace` (\"field namespace not found\"), telemetry-drift reads the Mimir/Cortex variant by design",
  },
  "rules/open-telemetry__opentelemetry-demo/cart-service-alerting.yml": { difference: "promtool rejects, telemetry-drift reads it", reason: GRAFANA_PROVISIONING },
  "rules/open-telemetry__opentelemetry-demo/opentelemetry-collector-rules.yaml": { difference: "promtool rejects, telemetry-drift reads it", reason: GRAFANA_PROVISIONING },
  "rules/prometheus-operator__kube-prometheus/alertmanager-prometheusRule.yaml": { difference: "promtool rejects, telemetry-drift reads it", reason: CRD },
  "rules/prometheus-operator__kube-prometheus/grafana-prometheusRule.yaml": { difference: "promtool rejects, telemetry-drift reads it", reason: CRD },
  "rules/prometheus-operator__kube-prometheus/kubePrometheus-prometheusRule.yaml": { difference: "promtool rejects, telemetry-drift reads it", reason: CRD },
  "rules/prometheus-operator__kube-prometheus/kubeStateMetrics-prometheusRule.yaml": { difference: "promtool rejects, telemetry-drift reads it", reason: CRD },
  "rules/prometheus-operator__kube-prometheus/kubernetesControlPlane-prometheusRule.yaml": { difference: "promtool rejects, telemetry-drift reads it", reason: CRD },
  "rules/prometheus-operator__kube-prometheus/nodeExporter-prometheusRule.yaml": { difference: "promtool rejects, telemetry-drift reads it", reason: CRD },
  "rules/prometheus-operator__kube-prometheus/prometheus-prometheusRule.yaml": { difference: "promtool rejects, telemetry-drift reads it", reason: CRD },
  "rules/prometheus-operator__kube-prometheus/prometheusOperator-prometheusRule.yaml": { difference: "promtool rejects, telemetry-drift reads it", reason: CRD },
  "rules/prometheus__prometheus/rulefmt__utf-8_lname.good.yaml": {
    difference: "promtool rejects, telemetry-drift reads it",
    reason: "a recording rule with the static label `ins-tance`: a valid UTF-8 label name since Prometheus 3.0 (the file is Prometheus' own *.good.yaml test input), rejected by promtool 2.x (\"invalid label name\"); telemetry-drift does not validate label names in `labels:`",
    versionDependent: true,
  },
  "rules/monitoring-mixins__website/MSSQL__rules.yaml": { difference: "promtool accepts, telemetry-drift does not read it", reason: `the whole file is \`{}\`: ${EMPTY}` },
  "rules/monitoring-mixins__website/alertmanager__rules.yaml": { difference: "promtool accepts, telemetry-drift does not read it", reason: `the whole file is \`null\`: ${EMPTY}` },
  "rules/monitoring-mixins__website/argo-cd-2__rules.yaml": { difference: "promtool accepts, telemetry-drift does not read it", reason: `the whole file is \`groups: []\`: ${EMPTY}` },
  "rules/samber__awesome-prometheus-alerts/zookeeper__cloudflare-kafka-zookeeper-exporter.yml": {
    difference: "promtool accepts, telemetry-drift does not read it",
    reason: `one group whose \`rules:\` is empty: ${EMPTY}`,
  },
};

/**
 * Files both accept, but with a different number of rules: promtool's count vs the queries
 * extractRuleFile returns. Each was checked by listing the rules telemetry-drift leaves out.
 * (Two earlier entries are gone: a LogQL sniff that skipped PromQL alerts such as `up{job="x"} != 1`,
 * and rules built from YAML anchors and merge keys, both fixed in src/consumers/prometheus/index.ts.)
 */
const RULE_COUNT_DIFFERENCES: Record<string, { promtool: number; telemetryDrift: number; reason: string }> = {
  "rules/VictoriaMetrics__VictoriaMetrics/rules-multi-doc2-good.rules": {
    promtool: 2,
    telemetryDrift: 4,
    reason: "three YAML documents (`---`); promtool, like Prometheus, reads only the first, telemetry-drift reads every document (as vmalert, whose test file this is, does)",
  },
};


const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));

/** `promtool check rules --lint=none f1 f2 …` in one run → per file: accepted, or the first error line. */
function promtoolVerdicts(files: string[]): Map<string, { ok: boolean; detail: string }> {
  const run = spawnSync("promtool", ["check", "rules", "--lint=none", ...files], { cwd: CORPUS, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const out = `${run.stdout}\n${run.stderr}`;
  const verdicts = new Map<string, { ok: boolean; detail: string }>();
  for (const block of out.split(/^Checking /m).slice(1)) {
    const [name, ...rest] = block.split("\n");
    const body = rest.join("\n");
    const ok = /^\s*SUCCESS:/m.test(body);
    const detail = ok ? (/SUCCESS: (.*)/.exec(body)?.[1] ?? "") : (rest.find((l) => l.trim() && !/^\s*FAILED:/.test(l))?.trim() ?? "FAILED");
    verdicts.set(name!.trim(), { ok, detail });
  }
  // Errors go to stderr, apart from the "Checking" lines: ask again per failed file for its reason.
  for (const [file, verdict] of verdicts) {
    if (verdict.ok) continue;
    const one = spawnSync("promtool", ["check", "rules", "--lint=none", file], { cwd: CORPUS, encoding: "utf8" });
    const lines = `${one.stderr}\n${one.stdout}`.split("\n").filter((l) => l.trim() && !/^\s*(Checking|FAILED:)/.test(l));
    if (lines.length) verdict.detail = lines.slice(0, 2).map((l) => l.trim()).join(" ").replace(`${file}: `, "");
  }
  return verdicts;
}

/** `SUCCESS: 12 rules found` → 12. */
const ruleCount = (detail: string): number => Number(/^(\d+) rules found/.exec(detail)?.[1] ?? NaN);

function telemetryDriftVerdict(rel: string, text: string): { ok: boolean; detail: string; rules: number } {
  if (!looksLikeRuleFile(text)) return { ok: false, detail: "not a rule file", rules: 0 };
  const facts = extractRuleFile(rel, text);
  if (facts.problems.length) return { ok: false, detail: facts.problems[0]!.message, rules: facts.queries.length };
  const bad = facts.queries.find((q) => q.analysis.errors.length);
  if (bad) return { ok: false, detail: `unparseable query at line ${bad.loc.line}: ${bad.analysis.errors[0]!.message}`, rules: facts.queries.length };
  return { ok: true, detail: `${facts.queries.length} rules`, rules: facts.queries.length };
}

describe("promtool oracle for rule files (../shared/corpus)", () => {
  if (!HAS_PROMTOOL) {
    console.warn(
      "\n⚠⚠⚠ SKIPPED: the promtool oracle test needs `promtool`, which is not on PATH.\n" +
        "⚠⚠⚠ Install it with `bash scripts/install-prometheus.sh` (Debian's prometheus package ships promtool); rule-file parsing was NOT cross-checked.\n",
    );
  }
  if (HAS_PROMTOOL && !existsSync(CORPUS)) console.warn(`\n⚠⚠⚠ SKIPPED: the promtool oracle test needs the corpus at ${CORPUS}, which does not exist.\n`);

  it.skipIf(!HAS_PROMTOOL || !existsSync(CORPUS))("telemetry-drift reads exactly the rule files promtool accepts, except the documented differences", () => {
    const files = walk(CORPUS)
      .map((p) => relative(CORPUS, p).split("\\").join("/"))
      .filter((p) => /\.(ya?ml|rules)$/.test(p))
      .sort();
    expect(files.length).toBeGreaterThan(200);
    const promtool = promtoolVerdicts(files);
    expect([...promtool.keys()].sort()).toEqual(files);

    const differences = new Map<string, { difference: Difference; promtool: string; telemetryDrift: string }>();
    const counts = { promtoolAccepted: 0, promtoolRejected: 0, tdAccepted: 0, tdRejected: 0, tdAcceptedWithoutRules: 0, agree: 0, bothAccept: 0, bothReject: 0, rules: 0 };
    for (const file of files) {
      const p = promtool.get(file)!;
      const t = telemetryDriftVerdict(file, readFileSync(join(CORPUS, file), "utf8"));
      counts[p.ok ? "promtoolAccepted" : "promtoolRejected"]++;
      counts[t.ok ? "tdAccepted" : "tdRejected"]++;
      if (t.ok) counts.rules += t.rules;
      if (t.ok && t.rules === 0) counts.tdAcceptedWithoutRules++;
      if (p.ok === t.ok) {
        counts.agree++;
        counts[p.ok ? "bothAccept" : "bothReject"]++;
      } else {
        differences.set(file, { difference: p.ok ? "promtool accepts, telemetry-drift does not read it" : "promtool rejects, telemetry-drift reads it", promtool: p.detail, telemetryDrift: t.detail });
      }
    }

    const version = spawnSync("promtool", ["--version"], { encoding: "utf8" }).stdout.split("\n")[0];
    console.log(
      [
        `promtool oracle (${version}, --lint=none) on ${files.length} rule files in ../shared/corpus:`,
        `  promtool accepts ${counts.promtoolAccepted}, rejects ${counts.promtoolRejected}`,
        `  telemetry-drift reads ${counts.tdAccepted} without problem or unparseable query (${counts.rules} rules; ${counts.tdAcceptedWithoutRules} of these files yield 0 rules), does not read ${counts.tdRejected}`,
        `  agreement: ${counts.agree}/${files.length} files (${((100 * counts.agree) / files.length).toFixed(1)}%): both accept ${counts.bothAccept}, both reject ${counts.bothReject}`,
        `  differences: ${differences.size} (all documented below)`,
        ...[...differences].map(([file, d]) => `    ${file}: ${d.difference} — promtool: ${d.promtool} | telemetry-drift: ${d.telemetryDrift}`),
      ].join("\n"),
    );

    // Rule counts where both accept the file.
    const countDifferences = new Map<string, { promtool: number; telemetryDrift: number }>();
    let promtoolRules = 0;
    let tdRules = 0;
    for (const file of files) {
      const p = promtool.get(file)!;
      if (!p.ok || differences.has(file)) continue;
      const t = telemetryDriftVerdict(file, readFileSync(join(CORPUS, file), "utf8"));
      promtoolRules += ruleCount(p.detail);
      tdRules += t.rules;
      if (ruleCount(p.detail) !== t.rules) countDifferences.set(file, { promtool: ruleCount(p.detail), telemetryDrift: t.rules });
    }
    console.log(
      [
        `  rules in the ${counts.bothAccept} files both accept: promtool ${promtoolRules}, telemetry-drift ${tdRules}; same count in ${counts.bothAccept - countDifferences.size} files, different in ${countDifferences.size}:`,
        ...[...countDifferences].map(([file, d]) => `    ${file}: promtool ${d.promtool}, telemetry-drift ${d.telemetryDrift} — ${RULE_COUNT_DIFFERENCES[file]?.reason ?? "UNDOCUMENTED"}`),
      ].join("\n"),
    );
    expect(Object.fromEntries(countDifferences), "rule-count differences (update RULE_COUNT_DIFFERENCES, with the reason, when this changes)").toEqual(
      Object.fromEntries(Object.entries(RULE_COUNT_DIFFERENCES).map(([file, d]) => [file, { promtool: d.promtool, telemetryDrift: d.telemetryDrift }])),
    );

    // Every disagreement is documented, with the right direction…
    for (const [file, d] of differences) {
      expect(ALLOWED[file], `undocumented difference: ${file} (${d.difference}; promtool: ${d.promtool}; telemetry-drift: ${d.telemetryDrift})`).toBeDefined();
      expect(ALLOWED[file]!.difference, file).toBe(d.difference);
    }
    // …and every documented one still happens (except where a newer promtool agrees).
    const stale = Object.entries(ALLOWED).filter(([file, a]) => !differences.has(file) && !a.versionDependent);
    expect(stale.map(([file]) => file)).toEqual([]);
  });
});
