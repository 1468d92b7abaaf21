// The installed package's own folder (where package.json, schema/ and docs/ live), found by walking up
// from this module: the same code runs from src/ under vitest and from dist/src/ when built.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, "utf8")) as { name?: string }).name === "telemetry-drift") return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error("telemetry-drift: cannot find its own package.json");
    dir = parent;
  }
}
