// V8's compile cache is code V8 runs as is, so it must never come from the analysed tree or from a folder
// another account can write (see src/util/compile-cache.ts). The shared temp folder's fact cache is used
// only when it is this user's alone.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, cpSync } from "node:fs";
import nodeModule from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { compileCacheFolder, enablePrivateCompileCache } from "../../src/util/compile-cache.js";
import { notPrivate } from "../../src/util/fs.js";
import { REPO, runCli } from "../e2e/run-cli.js";

const work = mkdtempSync(join(tmpdir(), "td-compile-cache-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const posix = process.platform !== "win32";
const cacheHome = () => mkdtempSync(join(work, "xdg-"));

describe("compileCacheFolder", () => {
  it("follows each platform's convention for per-user caches", () => {
    expect(compileCacheFolder("linux", {}, "/home/ada")).toBe("/home/ada/.cache/telemetry-drift/node-compile-cache");
    expect(compileCacheFolder("linux", { XDG_CACHE_HOME: "/var/cache/ada" }, "/home/ada")).toBe("/var/cache/ada/telemetry-drift/node-compile-cache");
    // The XDG spec says a relative XDG_CACHE_HOME is invalid and is to be ignored.
    expect(compileCacheFolder("linux", { XDG_CACHE_HOME: "cache" }, "/home/ada")).toBe("/home/ada/.cache/telemetry-drift/node-compile-cache");
    expect(compileCacheFolder("darwin", { XDG_CACHE_HOME: "/x" }, "/Users/ada")).toBe("/Users/ada/Library/Caches/telemetry-drift/node-compile-cache");
    expect(compileCacheFolder("linux", {}, "")).toBeUndefined();
  });
});

describe("notPrivate", () => {
  it("accepts a folder it creates, and says why it refuses others", () => {
    const fresh = join(work, "fresh", "nested");
    expect(notPrivate(fresh)).toBeUndefined();
    if (posix) expect(statSync(fresh).mode & 0o777).toBe(0o700);

    const file = join(work, "a-file");
    writeFileSync(file, "");
    expect(notPrivate(file)).toMatch(/a-file is not a folder$/);

    const link = join(work, "link");
    symlinkSync(fresh, link, "dir");
    expect(notPrivate(link)).toMatch(/link is a symbolic link$/);
    if (!posix) return;

    const shared = join(work, "shared");
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    expect(notPrivate(shared)).toMatch(/shared is writable by other accounts \(mode 777\)$/);
    chmodSync(shared, 0o775);
    expect(notPrivate(shared)).toMatch(/writable by other accounts \(mode 775\)$/);
    chmodSync(shared, 0o755);
    expect(notPrivate(shared)).toBeUndefined();
    expect(notPrivate(shared, statSync(shared).uid + 1)).toMatch(/shared belongs to another account \(uid \d+\)$/);
  });
});

describe("enablePrivateCompileCache", () => {

  it("enables the cache in the user's own cache folder, created private", () => {
    const xdg = cacheHome();
    const enable = vi.fn();
    const folder = enablePrivateCompileCache(join(work, "tree"), { XDG_CACHE_HOME: xdg }, enable);
    expect(folder).toBe(join(xdg, "telemetry-drift", "node-compile-cache"));
    expect(enable).toHaveBeenCalledExactlyOnceWith(folder);
    if (posix) expect(statSync(folder!).mode & 0o777).toBe(0o700);
  });

  it("leaves it off inside the analysed tree, in a folder others can write, on Node without the API, or when the user chose", () => {
    const enable = vi.fn();
    const xdg = cacheHome();
    // An analysed tree that holds the cache folder (a home folder analysed as a whole).
    expect(enablePrivateCompileCache(xdg, { XDG_CACHE_HOME: xdg }, enable)).toBeUndefined();
    expect(enablePrivateCompileCache(join(xdg, ".."), { XDG_CACHE_HOME: xdg }, enable)).toBeUndefined();
    if (posix) {
      mkdirSync(join(xdg, "telemetry-drift", "node-compile-cache"), { recursive: true });
      chmodSync(join(xdg, "telemetry-drift", "node-compile-cache"), 0o777);
      expect(enablePrivateCompileCache(join(work, "tree"), { XDG_CACHE_HOME: xdg }, enable)).toBeUndefined();
      chmodSync(join(xdg, "telemetry-drift", "node-compile-cache"), 0o700);
      chmodSync(join(xdg, "telemetry-drift"), 0o777); // its parent, which another account could rename it in
      expect(enablePrivateCompileCache(join(work, "tree"), { XDG_CACHE_HOME: xdg }, enable)).toBeUndefined();
    }
    expect(enablePrivateCompileCache(join(work, "tree"), { XDG_CACHE_HOME: cacheHome(), NODE_COMPILE_CACHE: join(work, "theirs") }, enable)).toBeUndefined();
    expect(enablePrivateCompileCache(join(work, "tree"), { XDG_CACHE_HOME: cacheHome(), NODE_DISABLE_COMPILE_CACHE: "1" }, enable)).toBeUndefined();
    expect(enablePrivateCompileCache(join(work, "tree"), { XDG_CACHE_HOME: cacheHome() }, null)).toBeUndefined();
    expect(enable).not.toHaveBeenCalled();
  });
});

describe("the CLI", () => {
  it("keeps nothing but facts in the analysed tree's cache folder, and compiled code only in the user's own", () => {
    const root = mkdtempSync(join(work, "tree-"));
    cpSync(join(REPO, "fixtures", "ts-otel"), root, { recursive: true });
    mkdirSync(join(root, "node_modules"), { recursive: true }); // the default cache folder is then inside the tree
    const xdg = cacheHome();
    const result = runCli([root, "--format", "json"], { env: { XDG_CACHE_HOME: xdg } });
    expect(result.status, result.stderr).toBe(1);
    expect(readdirSync(join(root, "node_modules", ".cache", "telemetry-drift")).sort()).toEqual([expect.stringMatching(/^facts-[0-9a-f]{16}\.bin$/), expect.stringMatching(/^index-[0-9a-f]{16}\.bin$/)]);
    const compiled = join(xdg, "telemetry-drift", "node-compile-cache");
    if (typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === "function") {
      expect(readdirSync(compiled).length).toBeGreaterThan(0);
    } else {
      expect(existsSync(join(xdg, "telemetry-drift"))).toBe(false); // Node 20: nothing made
    }
  });

  it.skipIf(!posix)("runs without a cache, and says so, when the shared temp folder's cache folder is not private", () => {
    const root = mkdtempSync(join(work, "elixir-"));
    cpSync(join(REPO, "fixtures", "seed"), root, { recursive: true }); // no node_modules at or above: the temp folder is the default
    const temp = mkdtempSync(join(work, "tmp-"));
    const planted = join(temp, `telemetry-drift-cache-${process.getuid!()}`);
    mkdirSync(planted);
    chmodSync(planted, 0o777);
    const env = { TMPDIR: temp };
    const withoutCache = runCli([root, "--format", "json", "--no-cache"], { env });
    const result = runCli([root, "--format", "json"], { env });
    expect(result.stderr).toBe(`telemetry-drift: the default cache folder is not private (${planted} is writable by other accounts (mode 777)): running without a cache; remove it or pass --cache-location\n`);
    expect(result.status).toBe(withoutCache.status);
    expect(result.stdout).toBe(withoutCache.stdout);
    expect(readdirSync(planted)).toEqual([]);

    chmodSync(planted, 0o700); // this user's alone: used
    const cached = runCli([root, "--format", "json"], { env });
    expect(cached.stderr).toBe("");
    expect(cached.stdout).toBe(withoutCache.stdout);
    expect(readdirSync(planted).length).toBe(2);
  });
});
