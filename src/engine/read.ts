// Reading one file safely: size limit, binary and encoding checks. Every failure becomes a located,
// one-line problem (an `input-unparseable` finding); nothing here throws.
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { InputProblem } from "../model.js";

export type ReadResult = { text: string; size?: number; mtimeMs?: number } | { problem: InputProblem };

const problem = (file: string, message: string): { problem: InputProblem } => ({ problem: { loc: { file, line: 1, column: 1 }, message } });

const decoder = new TextDecoder("utf-8", { fatal: true });

export async function readSourceFile(root: string, file: string, maxFileSize: number): Promise<ReadResult> {
  const absolute = join(root, file);
  try {
    const info = await stat(absolute);
    return tooBig(file, info.isDirectory(), info.size, maxFileSize) ?? decode(file, await readFile(absolute));
  } catch (error) {
    return unreadable(file, error);
  }
}

/**
 * The same, synchronously: the CLI reads this way too, since thousands of small awaited reads cost more
 * in scheduling than in I/O. One open, one fstat (size limit before reading), one read.
 */
export function readSourceFileSync(root: string, file: string, maxFileSize: number): ReadResult {
  const absolute = join(root, file);
  let fd: number | undefined;
  try {
    fd = openSync(absolute, "r");
    const info = fstatSync(fd);
    const result = tooBig(file, info.isDirectory(), info.size, maxFileSize) ?? decode(file, readFileSync(fd));
    return "text" in result ? { ...result, size: info.size, mtimeMs: info.mtimeMs } : result;
  } catch (error) {
    return unreadable(file, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function tooBig(file: string, isDirectory: boolean, size: number, maxFileSize: number): ReadResult | undefined {
  if (isDirectory) return problem(file, `${file}: is a directory, expected a file`);
  if (size > maxFileSize) {
    return problem(file, `${file}: skipped, ${formatBytes(size)} is over the ${formatBytes(maxFileSize)} limit (raise \`maxFileSize\` in the config to analyse it)`);
  }
  return undefined;
}

function unreadable(file: string, error: unknown): ReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === "ENOENT" ? "was deleted during the run" : code === "EACCES" || code === "EPERM" ? "permission denied" : (code ?? (error as Error).message);
  return problem(file, `${file}: cannot be read (${reason})`);
}

/** Bytes → text: binary (NUL bytes) and invalid UTF-8 are problems; a BOM is dropped. */
export function decode(file: string, bytes: Uint8Array): ReadResult {
  if (bytes.length === 0) return { text: "" };
  const sniff = bytes.subarray(0, 8192);
  if (sniff.includes(0)) return problem(file, `${file}: binary content (NUL bytes), not a text file`);
  try {
    let text = decoder.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 BOM is not content
    return { text };
  } catch {
    return problem(file, `${file}: not valid UTF-8 text`);
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}
