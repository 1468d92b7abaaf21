// --format sarif: SARIF 2.1.0 with repo-relative URIs, one rule per rule id, stable partialFingerprints.
import type { Report } from "./report.js";
import { RULES } from "./rules-meta.js";
import { fingerprints } from "./fingerprint.js";

const LEVEL = { error: "error", warning: "warning", info: "note", off: "none" } as const;

const encodeUri = (file: string): string => file.split("/").map(encodeURIComponent).join("/");

export function formatSarif(report: Report): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id as string, i]));
  const prints = fingerprints(report.findings);
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            informationUri: "https://github.com/telemetry-drift/telemetry-drift",
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              helpUri: r.docsUrl,
              help: { text: `${r.description} See ${r.docsUrl}`, markdown: `${r.description} [Documentation](${r.docsUrl})` },
              defaultConfiguration: { level: LEVEL[r.defaultSeverity], enabled: r.defaultSeverity !== "off" },
            })),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "The analysis root." } } },
        results: report.findings.map((f, i) => ({
          ruleId: f.rule,
          ruleIndex: ruleIndex.get(f.rule) ?? -1,
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeUri(f.file), uriBaseId: "%SRCROOT%" },
                region: {
                  startLine: Math.max(1, f.line),
                  startColumn: Math.max(1, f.column),
                  ...(f.endLine !== undefined ? { endLine: f.endLine } : {}),
                  ...(f.endColumn !== undefined ? { endColumn: f.endColumn } : {}),
                },
              },
            },
          ],
          ...(f.related.length
            ? {
                relatedLocations: f.related.map((r, id) => ({
                  id,
                  message: { text: r.message },
                  physicalLocation: {
                    artifactLocation: { uri: encodeUri(r.file), uriBaseId: "%SRCROOT%" },
                    region: { startLine: Math.max(1, r.line), ...(r.column ? { startColumn: Math.max(1, r.column) } : {}) },
                  },
                })),
              }
            : {}),
          partialFingerprints: { "telemetryDrift/v2": f.fingerprint ?? prints[i] },
          properties: { subject: f.subject },
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
