#!/usr/bin/env node
// The installed command: V8 tuned for a batch run first, then the CLI. The CLI is imported dynamically
// so that the tuning precedes every module it loads (static imports would all be evaluated before it).
import "./v8-tuning.js";

await import("./main.js");
