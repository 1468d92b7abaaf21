import{createRequire as __cr}from'module';const require=__cr(import.meta.url);
import {
  require_ignore
} from "./chunk-M6CLNAAX.js";
import {
  pushTo
} from "./chunk-FG2ZX6CO.js";
import {
  __toESM
} from "./chunk-QA6RBL5S.js";

// dist/src/engine/suppress.js
var import_ignore = __toESM(require_ignore(), 1);
var SUPPRESSION_UNUSED_ID = "suppression-unused";
var SUPPRESSION_UNUSED_SEVERITY = "warning";
function applySuppressions(findings, inline, ignores, ignoreLocations) {
  const inlineByLine = /* @__PURE__ */ new Map();
  const slots = inline.map((suppression) => ({ suppression, used: false }));
  for (const slot of slots) {
    const { suppression } = slot;
    for (let line = suppression.targetLine; line <= (suppression.endLine ?? suppression.targetLine); line++) {
      const key = `${suppression.loc.file}\0${line}`;
      pushTo(inlineByLine, key, slot);
    }
  }
  const entries = ignores.map((entry, index) => ({ entry, index, used: false, fileMatcher: entry.file ? (0, import_ignore.default)().add(entry.file) : void 0 }));
  const kept = [];
  let suppressed = 0;
  for (const finding of findings) {
    let silenced = false;
    for (const slot of inlineByLine.get(`${finding.loc.file}\0${finding.loc.line}`) ?? []) {
      if (slot.suppression.rules.length === 0 || slot.suppression.rules.includes(finding.rule)) {
        slot.used = true;
        silenced = true;
      }
    }
    for (const e of entries) {
      if (matchesIgnore(e.entry, e.fileMatcher, finding)) {
        e.used = true;
        silenced = true;
      }
    }
    if (silenced)
      suppressed++;
    else
      kept.push(finding);
  }
  const stale = [];
  for (const { suppression, used } of slots) {
    if (used)
      continue;
    const rules = suppression.rules.length ? suppression.rules.join(", ") : "all rules";
    const where = suppression.endLine ? `lines ${suppression.targetLine}-${suppression.endLine}` : `line ${suppression.targetLine}`;
    stale.push({
      loc: suppression.loc,
      subject: rules,
      message: `This telemetry-drift-disable comment (${rules}) suppresses nothing on ${where}; remove it.`,
      related: []
    });
  }
  for (const e of entries) {
    if (e.used)
      continue;
    const loc = ignoreLocations[e.index] ?? { file: "telemetry-drift.config.json", line: 1, column: 1 };
    stale.push({
      loc,
      subject: `ignore[${e.index}]`,
      message: `Config ignore entry #${e.index + 1} (${describeEntry(e.entry)}) matches no finding; remove it.`,
      related: []
    });
  }
  return { kept, suppressed, stale };
}
function matchesIgnore(entry, fileMatcher, finding) {
  if (entry.rule !== void 0 && entry.rule !== finding.rule)
    return false;
  if (entry.subject !== void 0 && entry.subject !== finding.subject)
    return false;
  if (fileMatcher && !fileMatcher.ignores(finding.loc.file))
    return false;
  const origin = finding.origin;
  if (entry.dashboard !== void 0 && (!origin || !("dashboardUid" in origin) || origin.dashboardUid !== entry.dashboard))
    return false;
  if (entry.panel !== void 0 && (!origin || !("panelId" in origin) || String(origin.panelId) !== String(entry.panel)))
    return false;
  if (entry.alert !== void 0 && (!origin || origin.kind !== "alert" && origin.kind !== "record" || origin.name !== entry.alert))
    return false;
  return true;
}
function describeEntry(entry) {
  return Object.entries(entry).filter(([key]) => key !== "reason").map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(", ");
}

export {
  SUPPRESSION_UNUSED_ID,
  SUPPRESSION_UNUSED_SEVERITY,
  applySuppressions
};
