// A parse worker: receives batches of (path, kind, text) and answers with each file's facts. Pure
// extraction only (the same `factsFor` the main thread runs), so the facts never depend on who parsed them.
import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../config/config.js";
import type { FileKind } from "../discover/discover.js";
import { factsFor, prepareParsers } from "./extract.js";
import type { ParseBatch, ParsedBatch } from "./pool.js";

const config = (workerData as { config: Config }).config;
const ready = new Set<FileKind>();

parentPort!.on("message", (batch: ParseBatch) => {
  void (async () => {
    const results = [];
    for (const job of batch.jobs) {
      if (!ready.has(job.kind)) {
        await prepareParsers(new Set([job.kind]));
        ready.add(job.kind);
      }
      results.push(factsFor(job.path, job.kind, { text: job.text }, config) ?? null);
    }
    parentPort!.postMessage({ id: batch.id, results } satisfies ParsedBatch);
  })();
});
