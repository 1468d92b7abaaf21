// Which files the config's `dashboards` / `ruleFiles` globs make dashboards and rule files. Kept apart
// from extraction so that scanning (and a cached run) can decide it without loading any parser.
import ignore from "ignore";
import { emptyFacts, type FileFacts, type InputProblem } from "../model.js";
import type { Config } from "../config/config.js";
import type { FileKind } from "../discover/discover.js";

export interface FileScope {
  /** False for JSON/YAML that the globs exclude from being dashboards / rule files. */
  inScope: boolean;
  forcedDashboard: boolean;
  forcedRuleFile: boolean;
}

/** With explicit globs, only matching files are dashboards / rule files; otherwise the content decides. */
export function fileScope(path: string, kind: FileKind, config: Config): FileScope {
  const dashboardGlobs = config.dashboards?.length ? globMatcher(config.dashboards) : undefined;
  const ruleGlobs = config.ruleFiles?.length ? globMatcher(config.ruleFiles) : undefined;
  const outOfScope =
    (kind === "json" && dashboardGlobs !== undefined && !dashboardGlobs.ignores(path) && !/(^|\/)tsconfig[^/]*\.json$/.test(path)) ||
    (kind === "yaml" && ruleGlobs !== undefined && !ruleGlobs.ignores(path));
  return { inScope: !outOfScope, forcedDashboard: dashboardGlobs !== undefined, forcedRuleFile: ruleGlobs !== undefined };
}

/** A read problem as a file's facts, unless the file is out of scope anyway. */
export function problemFacts(path: string, kind: FileKind, problem: InputProblem, config: Config): FileFacts | undefined {
  return fileScope(path, kind, config).inScope ? { ...emptyFacts(path), problems: [problem] } : undefined;
}

const matchers = new Map<string, ReturnType<typeof ignore>>();
const globMatcher = (globs: string[]): ReturnType<typeof ignore> => {
  const key = globs.join("\u0000");
  let m = matchers.get(key);
  if (!m) matchers.set(key, (m = ignore().add(globs)));
  return m;
};
