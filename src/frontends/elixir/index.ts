// The Elixir frontend: (path, text) → facts, on tree-sitter's Elixir grammar.
import type { FileFacts } from "../../model.js";
import { extractElixirFacts } from "./extract.js";

export { loadElixirParser } from "./parser.js";

/** Pure of (file, text) once the parser is loaded; never throws. */
export function extractElixir(file: string, text: string): FileFacts {
  return extractElixirFacts(file, text);
}
