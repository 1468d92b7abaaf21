// Reading a running system: a Prometheus server's HTTP API, one scrape of a /metrics endpoint, or a
// saved scrape file. Every failure is a `LiveSourceError` with a one-line message naming the URL (or
// file) and the cause: unreachable, timed out, non-200 (with Prometheus' own error text), bad JSON,
// or an exposition that does not parse (with its line and column).
import { createReadStream } from "node:fs";
import { parseExposition } from "./exposition.js";
import { snapshotFromExposition, type LiveSeries, type LiveSnapshot } from "./snapshot.js";

export class LiveSourceError extends Error {}

export interface HttpOptions {
  /** Extra request headers, e.g. `{ Authorization: "Bearer …" }`. */
  headers: Record<string, string>;
  /** Per request, in milliseconds. */
  timeoutMs: number;
}

export interface PrometheusOptions extends HttpOptions {
  /** `--match` selectors: the scope searched for unexpected series. Empty: the contract's jobs. */
  match: string[];
  /** How far back series count as live, in seconds. */
  lookbackSeconds: number;
  /** Unix time in seconds (tests); default now. */
  now?: number;
  /** Longest request URL sent (default 4000 characters, safe for proxies and Prometheus' own limit). */
  maxUrlLength?: number;
}

const SCRAPE_ACCEPT = "text/plain;version=0.0.4;q=0.9,application/openmetrics-text;version=1.0.0;q=0.5,*/*;q=0.1";

/** `Authorization: Bearer x` → ["Authorization", "Bearer x"]; undefined when it is not `Name: value`. */
export function parseHeader(text: string): [string, string] | undefined {
  const colon = text.indexOf(":");
  if (colon <= 0) return undefined;
  const name = text.slice(0, colon).trim();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return undefined;
  return [name, text.slice(colon + 1).trim()];
}

/** The URL as printed in messages: no credentials, no query string (it may hold long selectors). */
export function displayUrl(url: URL | string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/** Why a fetch failed, in a few words: "connect ECONNREFUSED 127.0.0.1:1", "timed out after 200 ms". */
function failureReason(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: unknown };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `timed out after ${timeoutMs} ms`;
  let cause = e?.cause as { code?: string; message?: string; errors?: { code?: string; message?: string }[]; name?: string } | undefined;
  if (cause?.name === "TimeoutError" || cause?.name === "AbortError") return `timed out after ${timeoutMs} ms`;
  if (cause?.errors?.length) cause = cause.errors[0];
  const text = cause?.message || e?.message || String(error);
  const code = cause?.code && !text.includes(cause.code) ? `${cause.code}: ` : "";
  return oneLine(`${code}${text}`);
}

const oneLine = (text: string, max = 300): string => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

async function httpGet(url: URL, options: HttpOptions, accept: string): Promise<string> {
  // fetch refuses URLs with credentials: send them as basic auth instead (unless --header sets one).
  const headers: Record<string, string> = { Accept: accept, ...options.headers };
  if (url.username || url.password) {
    const hasAuth = Object.keys(options.headers).some((h) => h.toLowerCase() === "authorization");
    if (!hasAuth) headers.Authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64")}`;
    url = new URL(url);
    url.username = "";
    url.password = "";
  }
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (error) {
    throw new LiveSourceError(`cannot reach ${displayUrl(url)}: ${failureReason(error, options.timeoutMs)}`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new LiveSourceError(`reading the response of ${displayUrl(url)} failed: ${failureReason(error, options.timeoutMs)}`);
  }
  if (!response.ok) {
    let detail = oneLine(text, 200);
    try {
      const body = JSON.parse(text) as { error?: unknown };
      if (typeof body?.error === "string") detail = oneLine(body.error, 200);
    } catch {
      // not JSON: keep the text
    }
    throw new LiveSourceError(`${displayUrl(url)} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}${detail ? `: ${detail}` : ""}`);
  }
  return text;
}

/** GET a Prometheus API endpoint and return `data`, checking the `{status: "success", data}` envelope. */
async function apiGet(url: URL, options: HttpOptions): Promise<unknown> {
  const text = await httpGet(url, options, "application/json");
  let body: { status?: unknown; data?: unknown; error?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new LiveSourceError(`${displayUrl(url)} did not answer JSON (is this a Prometheus server? got: ${oneLine(text, 80) || "an empty body"})`);
  }
  if (body?.status !== "success") {
    throw new LiveSourceError(`${displayUrl(url)} answered status ${JSON.stringify(body?.status)}${typeof body?.error === "string" ? `: ${oneLine(body.error, 200)}` : ""}`);
  }
  return body.data;
}

/** `base` + `api/v1/…`, keeping a path prefix (`http://host/prometheus/`). */
function endpoint(base: URL, path: string, params: [string, string][]): URL {
  const url = new URL(path, base.href.endsWith("/") ? base.href : `${base.href}/`);
  for (const [k, v] of params) url.searchParams.append(k, v);
  return url;
}

/** A metric name as an RE2 literal inside a PromQL double-quoted string. */
const regexLiteral = (name: string): string => name.replace(/[\\.^$|?*+()[\]{}]/g, "\\$&").replace(/\\/g, "\\\\").replace(/"/g, '\\"');

/** A PromQL double-quoted string literal. */
export const promqlString = (value: string): string => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;

/** Length of `text` once form-encoded in a query string (as URLSearchParams writes it). */
const encodedLength = (text: string): number => new URLSearchParams([["", text]]).toString().length - 1;

/**
 * `{__name__=~"a|b|c"}` selectors covering `names`, each small enough that a request URL carrying it
 * as `match[]` (after `fixedLength` characters of base URL and other parameters) stays within
 * `maxLength`. A single name longer than that still gets its own selector.
 */
export function nameSelectors(names: readonly string[], maxLength: number, fixedLength = 0): string[] {
  const overhead = fixedLength + encodedLength("match[]") + 1 + encodedLength('{__name__=~""}');
  const separator = encodedLength("|");
  const out: string[] = [];
  let current: string[] = [];
  let length = 0;
  const flush = (): void => {
    if (current.length) out.push(`{__name__=~"${current.join("|")}"}`);
    current = [];
    length = 0;
  };
  for (const name of names) {
    const literal = regexLiteral(name);
    const part = encodedLength(literal);
    if (current.length && overhead + length + separator + part > maxLength) flush();
    length += (current.length ? separator : 0) + part;
    current.push(literal);
  }
  flush();
  return out;
}

/** `/api/v1/series` for each selector, one request each; label sets of every series found. */
async function seriesFor(base: URL, selectors: readonly string[], range: [string, string][], options: HttpOptions): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  for (const selector of selectors) {
    const url = endpoint(base, "api/v1/series", [["match[]", selector], ...range]);
    const data = await apiGet(url, options);
    if (!Array.isArray(data)) throw new LiveSourceError(`${displayUrl(url)}: expected a list of series in "data"`);
    for (const item of data) if (item && typeof item === "object") out.push(item as Record<string, string>);
  }
  return out;
}

/**
 * What a Prometheus server holds for the contract: which of the contract's metric names exist
 * (`/api/v1/label/__name__/values`), their label sets (`/api/v1/series` with batched `__name__`
 * selectors), and the series in scope for "unexpected" (the jobs exporting contract series). With
 * `--match`, only the series matching those selectors are read, and they are the whole live system.
 */
export async function readPrometheus(baseUrl: string, contractNames: readonly string[], options: PrometheusOptions): Promise<LiveSnapshot> {
  const base = new URL(baseUrl);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  // No `end`: Prometheus then includes samples up to the newest, even ones a fraction of a second old.
  const range: [string, string][] = [["start", String(now - options.lookbackSeconds)]];
  const maxUrl = options.maxUrlLength ?? 4000;
  const namesUrl = endpoint(base, "api/v1/label/__name__/values", range);
  const namesData = await apiGet(namesUrl, options);
  if (!Array.isArray(namesData)) throw new LiveSourceError(`${displayUrl(namesUrl)}: expected a list of names in "data"`);
  const existing = new Set(namesData.filter((n): n is string => typeof n === "string"));
  const present = [...new Set(contractNames)].filter((n) => existing.has(n)).sort();

  let contractSeries: Record<string, string>[] = [];
  let scopeSelectors: string[];
  let scope: string;
  if (options.match.length) {
    // The user's selectors are the whole live system: presence and labels are judged within them too,
    // so a metric name shared with other services cannot hide a missing series or add labels.
    scopeSelectors = options.match;
    scope = `series matching ${options.match.join(", ")}`;
  } else {
    const fixed = endpoint(base, "api/v1/series", range).href.length + 1; // + "&"
    contractSeries = await seriesFor(base, nameSelectors(present, maxUrl, fixed), range, options);
    const jobs = [...new Set(contractSeries.map((s) => s.job).filter((j): j is string => typeof j === "string"))].sort();
    scopeSelectors = jobs.map((j) => `{job=${promqlString(j)}}`);
    scope = jobs.length
      ? `series of ${jobs.length === 1 ? "job" : "jobs"} ${jobs.map((j) => `"${j}"`).join(", ")} (the ${jobs.length === 1 ? "job" : "jobs"} exporting contract series)`
      : "nothing: no contract series found and no --match given";
  }
  const scoped = await seriesFor(base, scopeSelectors, range, options);

  const display = displayUrl(base).replace(/\/$/, "");
  const toLive = (labels: Record<string, string>, inScope: boolean): LiveSeries => ({
    name: labels.__name__ ?? "",
    labels: Object.keys(labels)
      .filter((l) => l !== "__name__")
      .sort(),
    where: { file: display, line: 0 },
    ...(typeof labels.job === "string" ? { jobs: [labels.job] } : {}),
    inScope,
  });
  const series = [...contractSeries.map((s) => toLive(s, false)), ...scoped.map((s) => toLive(s, true))].filter((s) => s.name !== "");
  return { kind: "prometheus", description: `Prometheus at ${display}`, series, scope };
}

/** One scrape of a /metrics endpoint. */
export async function readScrapeUrl(url: string, options: HttpOptions): Promise<LiveSnapshot> {
  const target = new URL(url);
  const text = await httpGet(target, options, SCRAPE_ACCEPT);
  const display = displayUrl(target);
  return snapshotFromText(text, display, `the scrape of ${display}`);
}

/** A saved scrape (`curl …/metrics > metrics.txt`); `-` reads standard input. */
/** A scrape bigger than this is not a service's /metrics (and reading it whole would exhaust memory). */
export const MAX_SCRAPE_BYTES = 256 * 1024 * 1024;

export async function readScrapeFile(path: string): Promise<LiveSnapshot> {
  let text: string;
  try {
    text = path === "-" ? await readStdin() : await readLimited(path);
  } catch (error) {
    if (error instanceof LiveSourceError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new LiveSourceError(`${path}: cannot read the metrics file (${code === "ENOENT" ? "no such file" : code ?? (error as Error).message})`);
  }
  return snapshotFromText(text, path, path === "-" ? "the scrape on standard input" : `the scrape ${path}`);
}

function snapshotFromText(text: string, file: string, description: string): LiveSnapshot {
  const parsed = parseExposition(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    throw new LiveSourceError(`${file}:${line}:${column}: not a valid Prometheus exposition: ${message}`);
  }
  return snapshotFromExposition(parsed.exposition, file, description);
}

async function readStdin(): Promise<string> {
  return collectLimited(process.stdin, "-");
}

/** Reads a file in chunks up to MAX_SCRAPE_BYTES (a device such as /dev/zero never ends). */
async function readLimited(path: string): Promise<string> {
  return collectLimited(createReadStream(path), path);
}

async function collectLimited(stream: AsyncIterable<unknown>, path: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_SCRAPE_BYTES) {
      (stream as { destroy?: () => void }).destroy?.();
      throw new LiveSourceError(`${path}: the metrics file is over ${MAX_SCRAPE_BYTES / (1024 * 1024)} MiB, too big for a scrape`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
