// Project-wide facts inside a per-file linter. ESLint rules are synchronous and run file by file, so the
// plugin keeps one index per project root for the life of the ESLint process: built once, then
// refreshed by stat (only files whose mtime/size changed are re-extracted), and the file being linted
// is analysed from ESLint's in-memory text so unsaved edits count. Elixir facts come from a one-off
// subprocess (tree-sitter's wasm loads asynchronously); everything else is extracted in-process.
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { createHash } from "node:crypto";
import type { FileFacts, Finding } from "../model.js";
import { loadConfig, type LoadedConfig } from "../config/config.js";
import { discoverFilesSync, type FileKind } from "../discover/discover.js";
import { readSourceFileSync } from "../engine/read.js";
import { analyzeFacts } from "../engine/analysis.js";
import { factsFor } from "../engine/extract.js";
import { DEFAULT_MAX_FILE_SIZE } from "../config/config.js";
import { packageRoot } from "../util/package-root.js";

interface Entry {
  kind: FileKind;
  mtimeMs: number;
  size: number;
  facts: FileFacts | undefined;
  /** Hash of the text the facts came from: an unchanged editor buffer needs no re-extraction. */
  textHash?: string;
}

const hashOf = (text: string): string => createHash("sha1").update(text).digest("hex");

/** How often the index re-walks the tree for new, changed or deleted files. */
const RESCAN_MS = 1000;

export class ProjectIndex {
  private readonly entries = new Map<string, Entry>();
  private config: LoadedConfig;
  private scannedAt = 0;
  private generation = 0;
  private cached: { generation: number; byFile: Map<string, Finding[]> } | undefined;
  private readonly overlay = new Map<string, { hash: string; byFile: Map<string, Finding[]> }>();

  private constructor(readonly root: string) {
    this.config = loadConfig(root);
  }

  private static readonly indexes = new Map<string, ProjectIndex>();

  static for(root: string): ProjectIndex {
    let index = ProjectIndex.indexes.get(root);
    if (!index) ProjectIndex.indexes.set(root, (index = new ProjectIndex(root)));
    return index;
  }

  /** Findings for one file, with its in-memory text taking the place of what is on disk. */
  findingsFor(absolutePath: string, text: string): Finding[] {
    this.refresh();
    const file = relative(this.root, absolutePath).split(sep).join("/");
    const entry = this.entries.get(file);
    const hash = hashOf(text);
    // Unchanged buffer (the common case in a CLI run): the shared analysis serves every file.
    if (!entry || entry.textHash === hash) return this.analysis().get(file) ?? [];
    const liveFacts = factsFor(file, entry.kind, { text }, this.config.config);
    if (sameFacts(entry.facts, liveFacts)) return this.analysis().get(file) ?? [];
    const hit = this.overlay.get(file);
    if (hit && hit.hash === hash) return hit.byFile.get(file) ?? [];
    const facts = [...this.entries.entries()].filter(([path]) => path !== file).flatMap(([, e]) => (e.facts ? [e.facts] : []));
    if (liveFacts) facts.push(liveFacts);
    const byFile = groupByFile(analyzeFacts(this.root, facts, this.config).report.findings);
    this.overlay.set(file, { hash, byFile });
    return byFile.get(file) ?? [];
  }

  private analysis(): Map<string, Finding[]> {
    if (this.cached?.generation !== this.generation) {
      const facts = [...this.entries.values()].flatMap((e) => (e.facts ? [e.facts] : []));
      this.cached = { generation: this.generation, byFile: groupByFile(analyzeFacts(this.root, facts, this.config).report.findings) };
      this.overlay.clear();
    }
    return this.cached.byFile;
  }

  /** Re-walks the tree at most once a second; re-extracts only files whose mtime or size changed. */
  refresh(force = false): void {
    const now = Date.now();
    if (!force && now - this.scannedAt < RESCAN_MS) return;
    this.scannedAt = now;
    const config = this.config.config;
    const seen = new Set<string>();
    const elixir: { path: string; kind: FileKind; mtimeMs: number; size: number }[] = [];
    let changed = false;
    for (const file of discoverFilesSync(this.root, { include: config.include, exclude: config.exclude })) {
      seen.add(file.path);
      let info;
      try {
        info = statSync(join(this.root, file.path));
      } catch {
        continue;
      }
      const previous = this.entries.get(file.path);
      if (previous && previous.mtimeMs === info.mtimeMs && previous.size === info.size) continue;
      changed = true;
      if (file.kind === "elixir" || file.kind === "mix-lock") {
        elixir.push({ path: file.path, kind: file.kind, mtimeMs: info.mtimeMs, size: info.size });
        continue;
      }
      const read = readSourceFileSync(this.root, file.path, config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
      this.entries.set(file.path, {
        kind: file.kind,
        mtimeMs: info.mtimeMs,
        size: info.size,
        facts: factsFor(file.path, file.kind, read, config),
        ...("text" in read ? { textHash: hashOf(read.text) } : {}),
      });
    }
    if (elixir.length) {
      const facts = elixirFactsInSubprocess(this.root, elixir.map((e) => e.path), config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
      for (const e of elixir) this.entries.set(e.path, { kind: e.kind, mtimeMs: e.mtimeMs, size: e.size, facts: facts.get(e.path) });
    }
    for (const path of [...this.entries.keys()]) {
      if (!seen.has(path)) {
        this.entries.delete(path);
        changed = true;
      }
    }
    if (changed) this.generation++;
  }
}

/** Elixir files are parsed by a short-lived node process (the wasm grammar only loads asynchronously). */
function elixirFactsInSubprocess(root: string, files: string[], maxFileSize: number): Map<string, FileFacts> {
  const script = join(packageRoot(), "dist", "src", "eslint", "elixir-facts.js");
  const out = execFileSync(process.execPath, [script, root, String(maxFileSize)], { input: JSON.stringify(files), maxBuffer: 1 << 30, encoding: "utf8" });
  return new Map((JSON.parse(out) as FileFacts[]).map((f) => [f.file, f]));
}

function groupByFile(findings: Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = map.get(f.file);
    if (list) list.push(f);
    else map.set(f.file, [f]);
  }
  return map;
}

const sameFacts = (a: FileFacts | undefined, b: FileFacts | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

/** `settings.telemetryDrift.root`, else the nearest folder with a telemetry-drift config or package.json. */
export function projectRoot(filename: string, cwd: string, settings: unknown): string {
  const configured = (settings as { telemetryDrift?: { root?: string } } | undefined)?.telemetryDrift?.root;
  if (configured) return resolve(cwd, configured);
  let dir = dirname(resolve(cwd, filename));
  for (;;) {
    if (existsSync(join(dir, "telemetry-drift.config.json")) || existsSync(join(dir, "package.json")) || existsSync(join(dir, "mix.exs"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return cwd;
    dir = parent;
  }
}
