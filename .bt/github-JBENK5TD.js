import{createRequire as __cr}from'module';const require=__cr(import.meta.url);
import "./chunk-QA6RBL5S.js";

// dist/src/report/github.js
var escapeData = (s) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
var escapeProperty = (s) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
var COMMAND = { error: "error", warning: "warning", info: "notice" };
function formatGithub(report) {
  return report.findings.map(formatAnnotation).join("");
}
function formatAnnotation(f) {
  const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.column}`];
  if (f.endLine !== void 0)
    props.push(`endLine=${f.endLine}`);
  if (f.endColumn !== void 0 && (f.endLine === void 0 || f.endLine === f.line))
    props.push(`endColumn=${f.endColumn}`);
  props.push(`title=${escapeProperty(`telemetry-drift (${f.rule})`)}`);
  return `::${COMMAND[f.severity]} ${props.join(",")}::${escapeData(f.message)}
`;
}
export {
  escapeData,
  formatAnnotation,
  formatGithub
};
