// The Elixir parser: tree-sitter's Elixir grammar (the .wasm shipped by tree-sitter-elixir), loaded once
// through web-tree-sitter. No native build, nothing from the analysed tree is executed.
import { createRequire } from "node:module";
import { Language, Parser } from "web-tree-sitter";

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

export function loadElixirParser(): Promise<void> {
  loading ??= (async () => {
    await Parser.init();
    const require = createRequire(import.meta.url);
    const language = await Language.load(require.resolve("tree-sitter-elixir/tree-sitter-elixir.wasm"));
    const instance = new Parser();
    instance.setLanguage(language);
    parser = instance;
  })();
  return loading;
}

export function elixirParser(): Parser {
  if (!parser) throw new Error("the Elixir parser is not loaded: call loadElixirParser() first");
  return parser;
}
