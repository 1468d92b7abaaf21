// The TypeScript/JavaScript frontend: (path, text, emitter config) → facts, on typescript-estree.
export { extractTypeScriptFacts as extractTypeScript, type TypeScriptOptions, type CallPattern } from "./extract.js";
