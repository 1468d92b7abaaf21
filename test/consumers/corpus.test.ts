// Every real public dashboard and rule file in ../shared/corpus: nothing throws, and no query is
// reported unparseable unless it really is invalid PromQL (each such file is listed with the reason).
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { extractDashboard, looksLikeDashboard } from "../../src/consumers/grafana/index.js";
import { extractRuleFile, looksLikeRuleFile } from "../../src/consumers/prometheus/index.js";
import { REPO } from "../e2e/run-cli.js";

const CORPUS = resolve(REPO, "../shared/corpus");

/** Files whose queries are not valid PromQL, and why (checked by hand against the Prometheus grammar). */
const REALLY_INVALID: Record<string, string> = {
  "dashboards/VictoriaMetrics__VictoriaMetrics/alert-statistics.json": "MetricsQL, not PromQL: topk_max() and increases_over_time() do not exist in Prometheus",
  "dashboards/monitoring-mixins__website/ceph__radosgw-sync-overview.json": "an unrendered jsonnet placeholder `{%(matchers)s}` left in the expr",
  "dashboards/monitoring-mixins__website/f5-bigip__bigip-pool-overview.json": "`{, pool=~…}`: a matcher list may not start with a comma",
  "dashboards/monitoring-mixins__website/f5-bigip__bigip-virtual-server-overview.json": "`{, vs=~…}`: a matcher list may not start with a comma",
};

const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));

describe.runIf(existsSync(CORPUS))("public corpus (../shared/corpus)", () => {
  const files = existsSync(CORPUS) ? walk(CORPUS).sort() : [];
  const unparseable = new Map<string, string[]>();
  const counts = { dashboards: 0, panels: new Set<string>(), queries: 0, ruleFiles: 0, rules: 0, fileProblems: [] as string[] };

  it("reads every file without throwing", () => {
    for (const path of files) {
      const rel = relative(CORPUS, path).split("\\").join("/");
      const text = readFileSync(path, "utf8");
      let facts;
      if (rel.endsWith(".json")) {
        expect(looksLikeDashboard(text), rel).toBe(true);
        facts = extractDashboard(rel, text);
        counts.dashboards++;
        for (const q of facts.queries) if (q.origin.kind === "panel") counts.panels.add(`${rel}#${q.origin.panelId}`);
      } else if (/\.(ya?ml|rules)$/.test(rel)) {
        if (!looksLikeRuleFile(text)) continue; // empty files such as `groups: []`
        facts = extractRuleFile(rel, text);
        counts.ruleFiles++;
        counts.rules += facts.queries.length;
      } else continue;
      counts.queries += facts.queries.length;
      counts.fileProblems.push(...facts.problems.map((p) => p.message));
      for (const q of facts.queries) {
        if (q.analysis.errors.length) unparseable.set(rel, [...(unparseable.get(rel) ?? []), `${q.loc.line}: ${q.analysis.errors[0]!.message}`]);
      }
    }
    expect(counts.dashboards).toBe(412);
    expect(counts.ruleFiles).toBeGreaterThan(230);
    expect(counts.queries).toBeGreaterThan(12_000);
    // Logged for the record (the issue note quotes these figures).
    console.log(`corpus: ${counts.dashboards} dashboards, ${counts.panels.size} panels with queries, ${counts.queries} queries, ${counts.ruleFiles} rule files, ${counts.rules} rules`);
  });

  it("reports a file as unparseable only when it really is invalid", () => {
    expect(counts.fileProblems).toEqual([]);
    expect([...unparseable.keys()].sort()).toEqual(Object.keys(REALLY_INVALID).sort());
  });
});
