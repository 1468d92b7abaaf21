// The TypeScript/JavaScript frontend: (path, text, emitter config) → facts, on typescript-estree.
export { extractTypeScriptFacts as extractTypeScript, loadTypeScriptParser, type TypeScriptOptions, type CallPattern } from "./extract.js";
