// Ecto (elixir-ecto/ecto, ecto_sql): repo init, and one query event per repo under its telemetry prefix,
// derived from the module name unless configured (ecto:lib/ecto/repo/supervisor.ex telemetry_prefix/1).
import type { EventName } from "../model.js";
import { plain, type CatalogEvent, type LibraryCatalog } from "./catalog.js";

const QUERY_MEASUREMENTS = ["query_time", "decode_time", "queue_time", "idle_time", "total_time"];
const QUERY_METADATA = ["type", "repo", "result", "params", "cast_params", "query", "source", "stacktrace", "options"];

/** Elixir's Macro.underscore/1 for one alias segment: "MyAPI" → "my_api", "HTTPClient" → "http_client". */
export function macroUnderscore(segment: string): string {
  let out = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    const prev = segment[i - 1];
    const next = segment[i + 1];
    const upper = c >= "A" && c <= "Z";
    if (upper && i > 0) {
      const prevLowerOrDigit = prev !== undefined && ((prev >= "a" && prev <= "z") || (prev >= "0" && prev <= "9"));
      const prevUpper = prev !== undefined && prev >= "A" && prev <= "Z";
      const nextLower = next !== undefined && next >= "a" && next <= "z";
      if (prevLowerOrDigit || (prevUpper && nextLower)) out += "_";
    }
    out += c.toLowerCase();
  }
  return out;
}

/** `MyApp.ReadOnly.Repo` → `[:my_app, :read_only, :repo]`. */
export const ectoDefaultPrefix = (module: string): EventName => module.split(".").map(macroUnderscore);

export const ecto: LibraryCatalog = {
  dependency: "ecto",
  pulledInBy: ["ecto_sql", "phoenix_ecto"],
  events: (ctx) => {
    const events: CatalogEvent[] = [plain(["ecto", "repo", "init"], ["system_time"], ["repo", "opts"], "Ecto repo supervisor (lib/ecto/repo/supervisor.ex)")];
    // A repo may appear twice (its `use Ecto.Repo` and a config entry): a configured prefix wins.
    const prefixes = new Map<string, EventName | undefined>();
    for (const repo of ctx.ectoRepos) if (!prefixes.get(repo.module)) prefixes.set(repo.module, repo.telemetryPrefix);
    const seen = new Set<string>();
    for (const [module, configured] of [...prefixes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const prefix = configured ?? ectoDefaultPrefix(module);
      const key = prefix.join(".");
      if (seen.has(key)) continue;
      seen.add(key);
      const how = configured ? "configured telemetry_prefix" : "prefix derived from the module name";
      events.push(plain([...prefix, "query"], QUERY_MEASUREMENTS, QUERY_METADATA, `Ecto SQL queries of ${module} (${how}; ecto_sql lib/ecto/adapters/sql.ex)`));
    }
    return events;
  },
};
