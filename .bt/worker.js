// A parse worker: receives batches of (path, kind, text) and answers with each file's facts. Pure
// extraction only (the same `factsFor` the main thread runs), so the facts never depend on who parsed them.
import { parentPort, workerData } from "node:worker_threads";
import { factsFor, prepareParsers } from "./extract.js";
const config = workerData.config;
const ready = new Set();
// Messages are handled strictly in order: a batch waits for the parsers an earlier `prepare` is loading.
let queue = Promise.resolve();
const prepare = async (kinds) => {
    const missing = kinds.filter((k) => !ready.has(k));
    if (missing.length === 0)
        return;
    await prepareParsers(new Set(missing));
    for (const k of missing)
        ready.add(k);
};
parentPort.on("message", (message) => {
    queue = queue.then(async () => {
        if ("prepare" in message)
            return prepare(message.prepare);
        const results = [];
        for (const job of message.jobs) {
            await prepare([job.kind]);
            results.push(factsFor(job.path, job.kind, { text: job.text }, config) ?? null);
        }
        parentPort.postMessage({ id: message.id, results });
    }).catch((error) => {
        // Let the thread die loudly: the main thread redoes its work in place.
        process.nextTick(() => {
            throw error;
        });
    });
});
//# sourceMappingURL=worker.js.map