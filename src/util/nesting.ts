// How deep brackets nest in a JSON text, without parsing it. momoa recurses per nesting level, so how
// deep it can go depends on the thread's stack; a text nested past a fixed limit is reported as too deep
// before any parse, on every thread alike. JSON lexes exactly (strings are the only trap); JSONC (a
// tsconfig) adds comments. Real dashboards nest a few dozen levels. (TS/JS is not judged this way: regex
// literals and JSX text cannot be told apart without parsing; see frontends/typescript.)

/** JSON: momoa fails from ~3,300 nested arrays on the main thread's stack. */
export const MAX_JSON_NESTING = 1000;

export interface TooDeep {
  /** Offset of the first bracket past the limit. */
  offset: number;
  limit: number;
}

/**
 * The first place where `(`, `[` and `{` nest deeper than `limit`, outside strings (and, for the
 * `script` syntax — JSONC — comments and JS string forms), or undefined. Linear time.
 */
export function nestedTooDeep(text: string, limit: number, syntax: "script" | "json"): TooDeep | undefined {
  let depth = 0;
  // For templates: the depth inside each open `${`, so that its `}` returns to the template text.
  const templates: number[] = [];
  const script = syntax === "script";
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 0x28: // (
      case 0x5b: // [
      case 0x7b: // {
        if (++depth > limit) return { offset: i, limit };
        break;
      case 0x29: // )
      case 0x5d: // ]
        if (depth > 0) depth--;
        break;
      case 0x7d: {
        // }
        const closesTemplateHole = script && templates.length > 0 && templates[templates.length - 1] === depth;
        if (depth > 0) depth--;
        if (closesTemplateHole) {
          templates.pop();
          i = skipTemplate(text, i + 1, templates, depth) - 1;
        }
        break;
      }
      case 0x22: // "
        i = skipString(text, i, c, !script);
        break;
      case 0x27: // '
        if (script) i = skipString(text, i, c, false);
        break;
      case 0x60: // `
        if (script) i = skipTemplate(text, i + 1, templates, depth) - 1;
        break;
      case 0x2f: // /
        if (!script) break;
        if (text.charCodeAt(i + 1) === 0x2f) {
          const end = text.indexOf("\n", i);
          i = end < 0 ? n : end;
        } else if (text.charCodeAt(i + 1) === 0x2a) {
          const end = text.indexOf("*/", i + 2);
          i = end < 0 ? n : end + 1;
        }
        break;
    }
  }
  return undefined;
}

/** The offset of a string's closing quote (or of the line end for an unterminated JS string). */
function skipString(text: string, start: number, quote: number, multiline: boolean): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === quote) return i;
    else if (c === 0x0a && !multiline) return i;
  }
  return text.length;
}

/**
 * From inside a template literal: the offset just past its closing backtick, or of the `{` of a `${`
 * (which the caller then counts; the depth inside it is pushed on `templates`).
 */
function skipTemplate(text: string, start: number, templates: number[], depth: number): number {
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x60) return i + 1;
    else if (c === 0x24 && text.charCodeAt(i + 1) === 0x7b) {
      templates.push(depth + 1);
      return i + 1;
    }
  }
  return text.length;
}
