// How deep brackets nest in a source text, without parsing it. The parsers we use recurse per nesting
// level, so how deep they can go depends on the stack of the thread they run on; a text nested past a
// fixed limit is reported as too deep before any parse, on every thread alike, so that the facts (and
// the report) never depend on which thread parsed a file. Real code and dashboards nest a few dozen
// levels; the limits sit far below the depth the parsers fail at on the main thread.

/** TS/JS: typescript-estree fails from ~450 nested object literals on the main thread's stack. */
export const MAX_SCRIPT_NESTING = 256;
/** JSON: momoa fails from ~3,300 nested arrays on the main thread's stack. */
export const MAX_JSON_NESTING = 1000;

export interface TooDeep {
  /** Offset of the first bracket past the limit. */
  offset: number;
  limit: number;
}

/**
 * The first place where `(`, `[` and `{` nest deeper than `limit`, outside strings and comments, or
 * undefined. For JS, `'…'`, `"…"`, template literals (with `${…}` inside) and comments are skipped;
 * regular expression literals are not recognised (a bracket inside one is counted, a harmless
 * overestimate for any real file).
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
