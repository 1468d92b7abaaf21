import{createRequire as __cr}from'module';const require=__cr(import.meta.url);

// dist/src/report/fingerprint.js
import { createHash } from "node:crypto";
function fingerprints(findings, lineText = () => void 0) {
  const seen = /* @__PURE__ */ new Map();
  return findings.map((f) => {
    const context = (lineText(f.file, f.line) ?? "").trim().replace(/\s+/g, " ");
    const base = `${f.rule}\0${f.file}\0${f.subject}\0${context}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return createHash("sha256").update(`${base}\0${n}`).digest("hex").slice(0, 32);
  });
}
function fingerprintFindings(findings, lineText) {
  const prints = fingerprints(findings, lineText);
  findings.forEach((f, i) => f.fingerprint = prints[i]);
}

export {
  fingerprints,
  fingerprintFindings
};
