// The Action's inputs, read from the environment the runner provides (INPUT_<NAME>, upper-cased, hyphens
// kept), validated into one typed object or a one-line error naming the input.
export type FailOn = "error" | "warning" | "info" | "never";

export interface ActionInputs {
  /** Analysis root, relative to the workspace. */
  path: string;
  config?: string;
  failOn: FailOn;
  baseline?: string;
  /** Report only findings the pull request adds (default: true on pull_request events). */
  onlyNew: boolean;
  /** Where to write SARIF (workspace-relative); none when empty. */
  sarifFile?: string;
  comment: boolean;
  githubToken?: string;
  /** Where to keep the fact cache (workspace-relative or absolute); none when empty. */
  cacheLocation?: string;
}

const input = (env: NodeJS.ProcessEnv, name: string): string => (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();

/** YAML 1.2 core-schema booleans, as GitHub's toolkit reads them. */
function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean | string {
  const value = input(env, name);
  if (value === "") return fallback;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  return `input "${name}" must be true or false, got "${value}"`;
}

export function readInputs(env: NodeJS.ProcessEnv, eventName: string | undefined): ActionInputs | { error: string } {
  const failOn = input(env, "fail-on") || "error";
  if (!["error", "warning", "info", "never"].includes(failOn)) return { error: `input "fail-on" must be error, warning, info or never, got "${failOn}"` };
  const isPullRequest = eventName === "pull_request" || eventName === "pull_request_target";
  const onlyNew = boolean(env, "only-new", isPullRequest);
  if (typeof onlyNew === "string") return { error: onlyNew };
  const comment = boolean(env, "comment", false);
  if (typeof comment === "string") return { error: comment };
  const optional = (name: string): string | undefined => input(env, name) || undefined;
  const config = optional("config");
  const baseline = optional("baseline");
  const sarifFile = optional("sarif-file");
  const githubToken = optional("github-token");
  const cacheLocation = optional("cache-location");
  return {
    path: input(env, "path") || ".",
    failOn: failOn as FailOn,
    onlyNew,
    comment,
    ...(config ? { config } : {}),
    ...(baseline ? { baseline } : {}),
    ...(sarifFile ? { sarifFile } : {}),
    ...(githubToken ? { githubToken } : {}),
    ...(cacheLocation ? { cacheLocation } : {}),
  };
}
