import{createRequire as __cr}from'module';const require=__cr(import.meta.url);

// dist/src/util/package-root.js
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
var cached;
function packageRoot() {
  if (cached)
    return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (; ; ) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate) && JSON.parse(readFileSync(candidate, "utf8")).name === "telemetry-drift")
      return cached = dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error("telemetry-drift: cannot find its own package.json");
    dir = parent;
  }
}

// dist/src/version.js
import { readFileSync as readFileSync2 } from "node:fs";
import { join as join2 } from "node:path";
var pkg = JSON.parse(readFileSync2(join2(packageRoot(), "package.json"), "utf8"));
var TOOL_NAME = pkg.name;
var TOOL_VERSION = pkg.version;

// dist/src/report/report.js
function compareFindings(a, b) {
  return cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.rule, b.rule) || cmp(a.subject, b.subject) || cmp(a.message, b.message);
}
var cmp = (a, b) => a < b ? -1 : a > b ? 1 : 0;

export {
  packageRoot,
  TOOL_NAME,
  TOOL_VERSION,
  compareFindings
};
