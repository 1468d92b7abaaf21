import{createRequire as __cr}from'module';const require=__cr(import.meta.url);
import {
  fingerprints
} from "./chunk-53AROVZ3.js";
import {
  RULES
} from "./chunk-5TWVIY3J.js";
import "./chunk-3DP6IDV7.js";
import "./chunk-AGQ7I7ID.js";
import "./chunk-OACWHI7E.js";
import "./chunk-KOIDW7GI.js";
import "./chunk-M6CLNAAX.js";
import "./chunk-FG2ZX6CO.js";
import "./chunk-QA6RBL5S.js";

// dist/src/report/sarif.js
var LEVEL = { error: "error", warning: "warning", info: "note", off: "none" };
var encodeUri = (file) => file.split("/").map(encodeURIComponent).join("/");
function formatSarif(report) {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
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
              name: r.id.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              helpUri: r.docsUrl,
              help: { text: `${r.description} See ${r.docsUrl}`, markdown: `${r.description} [Documentation](${r.docsUrl})` },
              defaultConfiguration: { level: LEVEL[r.defaultSeverity], enabled: r.defaultSeverity !== "off" }
            }))
          }
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
                  ...f.endLine !== void 0 ? { endLine: f.endLine } : {},
                  ...f.endColumn !== void 0 ? { endColumn: f.endColumn } : {}
                }
              }
            }
          ],
          ...f.related.length ? {
            relatedLocations: f.related.map((r, id) => ({
              id,
              message: { text: r.message },
              physicalLocation: {
                artifactLocation: { uri: encodeUri(r.file), uriBaseId: "%SRCROOT%" },
                region: { startLine: Math.max(1, r.line), ...r.column ? { startColumn: Math.max(1, r.column) } : {} }
              }
            }))
          } : {},
          partialFingerprints: { "telemetryDrift/v2": f.fingerprint ?? prints[i] },
          properties: { subject: f.subject }
        }))
      }
    ]
  };
  return `${JSON.stringify(sarif, null, 2)}
`;
}
export {
  formatSarif
};
