// Limits that keep glob matching fast whatever the analysed tree holds. Both matchers, `ignore`
// (.gitignore lines; the config's `exclude`, `dashboards`, `ruleFiles` and `ignore[].file`) and
// minimatch (the config's `include`), compile globs to backtracking regular expressions. Their cost per
// path grows like (path length or depth) to the power of the number of wildcards: 12 `a*/**/` groups
// on a 40-level folder chain took minutes, as did 14 stars in one `include` glob on a 60-character
// name. Patterns come from the tree (its .gitignore files, its config), and so do the paths. So each
// glob gets a small wildcard budget, and the walk a depth limit. Measured at these limits (all 44,000
// globs of 3 wildcards built from 15 adversarial pieces, against paths of 200 characters and 60 levels;
// the worst of them, and part of the rest, against paths of 4,096 characters and 64 levels), the worst
// case per glob and path is about 4 ms once the glob is compiled (a first, cold match up to 30 ms):
// `ignore`: `*/**/*/**/z` on a 64-level chain, 3.7 ms; `**/a/**/a/**/z`: 3 ms; minimatch: `*a*a*a` on
// a 255-character name, 1.5 ms (`include` alternatives add up: `*a*a*a{1..5}`, 7.5 ms). One more
// wildcard multiplies that by 10 to 30 (`**/a/**/a/**/a/**/z`: 67 ms; 5 wildcards: 460 ms; 12: hours).
// Real globs use one to three: `**/node_modules/**`, `*.min.js`, `**/*.test.ts`, `grafana/**/*.json`,
// `src/**/__tests__/**`.

/** Wildcards (runs of `*`: `*`, `**`, `***` …) one glob may hold. */
export const MAX_GLOB_WILDCARDS = 3;

/** `{a,b}` alternatives one `include` glob may expand to (minimatch matches each separately). */
export const MAX_BRACE_ALTERNATIVES = 64;

/** Wildcards of all the alternatives of one `include` glob together. */
export const MAX_BRACE_WILDCARDS = 16;

/**
 * Folders deeper than this are not walked (reported instead): the cost of a glob with globstars grows
 * with the depth of the path it is matched against, and a 2,000-level chain (paths reach 4,096 bytes)
 * took 5 s per path for `**\/a/**\/z`. No real project nests this deep (dependencies are skipped).
 */
export const MAX_FOLDER_DEPTH = 64;

/**
 * The runs of unescaped `*` in a glob. `?` is not counted: it matches exactly one character, so it
 * adds no way for the matcher to split a path (measured: `*?*?*?` costs what `*a*a*a` does). A `*`
 * inside a bracket expression (`[*]`) is counted too: an overestimate, on the safe side.
 */
export function wildcardRuns(pattern: string): number {
  let runs = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "*") {
      runs++;
      while (pattern[i + 1] === "*") i++;
    }
  }
  return runs;
}

/** Why one glob for the `ignore` matcher is too costly to match, or undefined. */
export function globTooComplex(pattern: string): string | undefined {
  const runs = wildcardRuns(pattern);
  return runs > MAX_GLOB_WILDCARDS ? tooMany(runs, MAX_GLOB_WILDCARDS) : undefined;
}

export const tooMany = (runs: number, max: number, where = ""): string =>
  `${runs} wildcards${where}, more than ${max}: matching it could take minutes`;

/** A .gitignore line that holds a pattern (not a blank line or a comment). */
export const isGitignorePattern = (line: string): boolean => line.trim() !== "" && !line.startsWith("#");
