// Text from the analysed tree (file names, names, config keys) shown on a terminal: control characters
// in it could move the cursor, retitle the window or hide a line, so each is shown as an escape instead.

const ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** C0 controls, DEL and C1 controls as visible escapes (`\x1b`, `\r`, `\u009b`), but those in `keep`; the rest unchanged. */
export function visibleControls(text: string, keep = ""): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => keep.includes(c) ? c : ESCAPES[c] ?? (c.charCodeAt(0) < 0x80 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}
