// A metrics "file" that never ends (a device, a stream) stops at the size limit with one clear error.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LiveSourceError, MAX_SCRAPE_BYTES, readScrapeFile } from "../../src/live/prometheus-api.js";

describe("scrape file limits", () => {
  it.runIf(existsSync("/dev/zero"))("stops reading /dev/zero at the limit", async () => {
    const error = await readScrapeFile("/dev/zero").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveSourceError);
    expect((error as Error).message).toBe(`/dev/zero: the metrics file is over ${MAX_SCRAPE_BYTES / (1024 * 1024)} MiB, too big for a scrape`);
  });
});
