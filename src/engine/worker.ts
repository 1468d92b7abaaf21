// A parse worker: receives batches of (path, kind, text) and answers with each file's facts, or batches of
// files to examine (read, hash, prefilter) and answers with their entries. The same pure functions the
// main thread runs (`factsFor`, `examineFile`), so nothing depends on which thread did the work.
import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../config/config.js";
import type { FileKind } from "../discover/discover.js";
import { examineClaimed } from "./examine.js";
import type { ExamineBatch, ExaminedBatch, ParseBatch, ParsedBatch, PrepareMessage } from "./pool.js";

const config = (workerData as { config: Config }).config;
const ready = new Set<FileKind>();
/** The parsers' module, loaded on the first batch or `prepare`: a thread that only examines starts sooner. */
const extract = () => import("./extract.js");
// Messages are handled strictly in order: a batch waits for the parsers an earlier `prepare` is loading.
let queue: Promise<void> = Promise.resolve();

const prepare = async (kinds: FileKind[]): Promise<void> => {
  const missing = kinds.filter((k) => !ready.has(k));
  if (missing.length === 0) return;
  await (await extract()).prepareParsers(new Set(missing));
  for (const k of missing) ready.add(k);
};

parentPort!.on("message", (message: ParseBatch | ExamineBatch | PrepareMessage) => {
  queue = queue.then(async () => {
    if ("prepare" in message) return prepare(message.prepare);
    if ("examine" in message) {
      const { root, files, hashing, claims } = message.examine;
      const examined = examineClaimed(root, files, config, hashing, claims);
      parentPort!.postMessage({ id: message.id, examined } satisfies ExaminedBatch);
      return;
    }
    const { factsFor } = await extract();
    const results = [];
    const ms: number[] | undefined = message.timed ? [] : undefined;
    for (const job of message.jobs) {
      await prepare([job.kind]);
      const start = ms ? performance.now() : 0;
      results.push(factsFor(job.path, job.kind, { text: job.text }, config) ?? null);
      ms?.push(performance.now() - start);
    }
    parentPort!.postMessage({ id: message.id, results, ...(ms ? { ms } : {}) } satisfies ParsedBatch);
  }).catch((error: unknown) => {
    // Let the thread die loudly: the main thread redoes its work in place.
    process.nextTick(() => {
      throw error;
    });
  });
});
