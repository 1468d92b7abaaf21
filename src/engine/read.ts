// Reading one file safely: size limit, binary and encoding checks. Every failure becomes a located,
// one-line problem (an `input-unparseable` finding); nothing here throws.
import { isUtf8 } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, type Stats } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { InputProblem } from "../model.js";

export type ReadResult = { text: string; size?: number; mtimeMs?: number } | { problem: InputProblem };

/** Opening a FIFO (put in place of a listed file, say) must not wait for a writer; fstat then tells. */
const READ_NONBLOCKING = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

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
    fd = openSync(absolute, READ_NONBLOCKING);
    const info = fstatSync(fd);
    // Not a regular file (a device, a FIFO: only a forged fact could name one): nothing to read.
    if (!info.isFile() && !info.isDirectory()) return problem(file, `${file}: not a regular file`);
    const result = tooBig(file, info.isDirectory(), info.size, maxFileSize) ?? decode(file, readFileSync(fd));
    return "text" in result ? { ...result, size: info.size, mtimeMs: info.mtimeMs } : result;
  } catch (error) {
    return unreadable(file, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The stat of a file read, taken when it was opened. */
export interface ReadStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/**
 * A file's bytes (a view into a reused buffer: valid until the next read) and stat, already checked to
 * be UTF-8 text; or its problem, with its stat when the file could be opened.
 */
export type BytesResult = { bytes: Buffer; size: number; mtimeMs: number } | { problem: InputProblem; stat?: ReadStat };

let scratch = Buffer.allocUnsafe(1 << 20);

/**
 * The scan's read: bytes into one reused buffer, checked for NUL bytes and valid UTF-8 without decoding,
 * so the prefilter can look at most files as Latin-1 (a byte copy) and only the few that are parsed are
 * decoded. Same problems as `readSourceFileSync`.
 */
export function readCheckedBytesSync(root: string, file: string, maxFileSize: number): BytesResult {
  let fd: number | undefined;
  try {
    fd = openSync(`${root}/${file}`, READ_NONBLOCKING);
    const info = fstatSync(fd);
    const big = tooBig(file, info.isDirectory(), info.size, maxFileSize);
    if (big) return withStat(big as { problem: InputProblem }, info);
    if (scratch.length < info.size + 1) scratch = Buffer.allocUnsafe(Math.max(info.size + 1, scratch.length * 2));
    let length = 0;
    // Read until EOF: the file may have grown since fstat (a read never trusts the stat alone). A read
    // that leaves room in the buffer has met EOF (regular files never return short otherwise), which
    // saves the second, empty read on nearly every file.
    for (;;) {
      if (length === scratch.length) {
        const bigger = Buffer.allocUnsafe(scratch.length * 2);
        scratch.copy(bigger, 0, 0, length);
        scratch = bigger;
      }
      const room = scratch.length - length;
      const n = readSync(fd, scratch, length, room, null);
      length += n;
      if (length > maxFileSize) return withStat(tooBig(file, false, length, maxFileSize) as { problem: InputProblem }, info);
      if (n === 0 || (n < room && info.isFile())) break;
    }
    const bytes = scratch.subarray(0, length);
    if (bytes.subarray(0, 8192).includes(0)) return withStat(problem(file, `${file}: binary content (NUL bytes), not a text file`), info);
    if (!isUtf8(bytes)) return withStat(problem(file, `${file}: not valid UTF-8 text`), info);
    return { bytes, size: info.size, mtimeMs: info.mtimeMs };
  } catch (error) {
    return unreadable(file, error) as { problem: InputProblem };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const withStat = (result: { problem: InputProblem }, info: Stats): { problem: InputProblem; stat: ReadStat } => ({ ...result, stat: { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs } });

/** Checked bytes → text (a UTF-8 BOM is not content). */
export function textOf(bytes: Buffer): string {
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
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
