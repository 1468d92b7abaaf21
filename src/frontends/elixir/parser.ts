// The Elixir parser: tree-sitter's Elixir grammar (the .wasm shipped by tree-sitter-elixir), loaded once
// through web-tree-sitter. No native build, nothing from the analysed tree is executed.
import { existsSync } from "node:fs";
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

/**
 * The grammar beside this module when bundled (the GitHub Action), else from the tree-sitter-elixir
 * package. Beside first: a bundle has no node_modules of its own, and resolving the package from it
 * would search the node_modules folders above it (a checked-out repository's, on a runner).
 */
function grammarPath(): string {
  const beside = fileURLToPath(new URL("./tree-sitter-elixir.wasm", import.meta.url));
  return existsSync(beside) ? beside : createRequire(import.meta.url).resolve("tree-sitter-elixir/tree-sitter-elixir.wasm");
}

export function elixirParser(): Parser {
  if (!parser) throw new Error("the Elixir parser is not loaded: call loadElixirParser() first");
  return parser;
}
