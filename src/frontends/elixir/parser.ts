// The Elixir parser: tree-sitter's Elixir grammar (the .wasm shipped by tree-sitter-elixir), loaded once
// through web-tree-sitter. No native build, nothing from the analysed tree is executed.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Language, Parser } from "web-tree-sitter";

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

export function loadElixirParser(): Promise<void> {
  loading ??= (async () => {
    await Parser.init();
    const language = await Language.load(grammarPath());
    const instance = new Parser();
    instance.setLanguage(language);
    parser = instance;
  })();
  return loading;
}

/** The grammar from the tree-sitter-elixir package, or beside this module when bundled (the GitHub Action). */
function grammarPath(): string {
  try {
    return createRequire(import.meta.url).resolve("tree-sitter-elixir/tree-sitter-elixir.wasm");
  } catch {
    return fileURLToPath(new URL("./tree-sitter-elixir.wasm", import.meta.url));
  }
}

export function elixirParser(): Parser {
  if (!parser) throw new Error("the Elixir parser is not loaded: call loadElixirParser() first");
  return parser;
}
