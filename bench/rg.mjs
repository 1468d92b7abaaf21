// ripgrep, the benchmarks' practical floor (reading every byte once): found, installed from Debian's
// package when missing and allowed, and run with the patterns a telemetry-drift run looks for.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const findRg = () => ["/usr/bin/rg", "/usr/local/bin/rg"].find((p) => existsSync(p));

/** The rg binary, installed first if missing (root, or password-less sudo); undefined if there is none. */
export function ripgrep() {
  if (!findRg() && existsSync("/usr/bin/apt-get")) {
    process.stderr.write("ripgrep is missing: installing Debian's ripgrep package …\n");
    const root = process.getuid?.() === 0;
    spawnSync(root ? "apt-get" : "sudo", [...(root ? [] : ["-n", "apt-get"]), "install", "-y", "-q", "ripgrep"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  }
  const found = findRg();
  if (!found) process.stderr.write("ripgrep is missing and could not be installed (`apt-get install ripgrep`); the rg column is skipped\n");
  return found;
}

/** rg's arguments: the emit, definition and query patterns, over `data`. */
export const rgArgs = (data) => ["--count-matches", "--no-messages", "-e", ":telemetry\\.(execute|span|attach)", "-e", "(counter|sum|last_value|summary|distribution)\\(", "-e", "create(Counter|UpDownCounter|Histogram|Gauge|Observable\\w+)\\(", "-e", "new (client\\.)?(Counter|Gauge|Histogram|Summary)\\(", "-e", "\"expr\"", "-e", "expr:", data];
