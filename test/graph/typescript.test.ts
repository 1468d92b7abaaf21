import { describe, expect, it } from "vitest";
import { extractTypeScript } from "../../src/frontends/typescript/index.js";
import { buildGraph } from "../../src/graph/build.js";
import { moduleResolver } from "../../src/graph/typescript.js";
import { emptyFacts, type FileFacts } from "../../src/model.js";

const tsconfig = (file: string, paths: Record<string, string[]>, baseUrl = "."): FileFacts => ({ ...emptyFacts(file), tsconfigPaths: { baseUrl, paths } });

describe("moduleResolver", () => {
  const files = new Set([
    "root/a.ts",
    "pkg/src/a.ts",
    "pkg/build/a.ts",
    "pkg/sub/lib/a/index.ts",
    "pkg/sub/lib/b.js",
    "pkgextra/src/a.ts",
    "pkg/src/rel.mts",
    "top.ts",
  ]);
  const resolve = moduleResolver(files, [
    tsconfig("tsconfig.json", { "@x/*": ["root/*"], "@only-root": ["top.ts"] }),
    tsconfig("pkg/tsconfig.json", { "@x/*": ["src/*"] }),
    tsconfig("pkg/tsconfig.build.json", { "@x/*": ["build/*"], "@build/*": ["build/*"] }),
    tsconfig("pkg/sub/tsconfig.json", { "@x/*": ["nowhere/*", "lib/*"] }, "."),
    tsconfig("pkgextra/tsconfig.json", { "@extra/*": ["src/*"] }),
  ]);

  it("takes the nearest tsconfig's aliases first, then its folders' ancestors' (same folder: file order)", () => {
    expect(resolve("pkg/sub/deep/use.ts", "@x/a")).toBe("pkg/sub/lib/a/index.ts");
    expect(resolve("pkg/sub/deep/use.ts", "@x/b.js")).toBe("pkg/sub/lib/b.js");
    expect(resolve("pkg/sub/use.ts", "@build/a")).toBe("pkg/build/a.ts");
    expect(resolve("pkg/use.ts", "@x/a")).toBe("pkg/src/a.ts");
    expect(resolve("pkg/other/use.ts", "@only-root")).toBe("top.ts");
    expect(resolve("use.ts", "@x/a")).toBe("root/a.ts");
    expect(resolve("root/use.ts", "@x/a")).toBe("root/a.ts");
  });

  it("never applies a folder's aliases to a sibling whose name merely starts the same", () => {
    expect(resolve("pkgextra/use.ts", "@x/a")).toBe("root/a.ts");
    expect(resolve("pkgextra/use.ts", "@build/a")).toBeUndefined();
    expect(resolve("pkg/use.ts", "@extra/a")).toBeUndefined();
    expect(resolve("pkgextra/src/use.ts", "@extra/a")).toBe("pkgextra/src/a.ts");
  });

  it("resolves relative specifiers against the importing file, with or without an extension", () => {
    expect(resolve("pkg/src/use.ts", "./rel.mjs")).toBe("pkg/src/rel.mts");
    expect(resolve("pkg/src/deep/use.ts", "../a")).toBe("pkg/src/a.ts");
    expect(resolve("pkg/src/use.ts", "./missing")).toBeUndefined();
  });
});

describe("attribute keys of an OpenTelemetry instrument", () => {
  const series = (code: string) => {
    const graph = buildGraph([extractTypeScript("src/m.ts", code)], {});
    return [...graph.series.values()].flat().map((s) => `${s.name}(${s.labels.join(",")})${s.labelsUnknown ? "?" : ""}`);
  };

  it("are the union of its record sites' keys, in first-seen order", () => {
    expect(
      series(`const meter = metrics.getMeter("m");
const c = meter.createCounter("c");
const d = meter.createCounter("d");
c.add(1, { route: 1, code: 2 });
d.add(1, { z: 1 });
c.add(1, { method: 1, route: 2 });
c.add(1);
c.add(1, { code: 1, a: 2, "b.c": 3 });`),
    ).toEqual(["c_total(route,code,method,a,b_c,otel_scope_name)", "d_total(z,otel_scope_name)", "target_info()?"]);
  });

  it("are unknown once one record site's keys are, and none without a record site", () => {
    expect(
      series(`const meter = metrics.getMeter("m");
const c = meter.createCounter("c");
const unused = meter.createCounter("unused");
c.add(1, { route: 1 });
c.add(1, attributes);
c.add(1, { code: 1 });`),
    ).toEqual(["c_total(otel_scope_name)?", "unused_total(otel_scope_name)", "target_info()?"]);
  });
});
