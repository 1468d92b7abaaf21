// Text from the analysed tree (file names, names, config keys) shown on a terminal: control characters
// in it could move the cursor, retitle the window or hide a line, and Unicode's bidirectional controls
// could show a name in another order than it has ("Trojan Source"), so each is shown as an escape instead.

const ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** Unicode's explicit bidirectional formatting characters (ALM, LRM, RLM, LRE…RLO, LRI…PDI): they reorder the text around them. */
const BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069";
const BIDI_CONTROLS = new RegExp(`[${BIDI}]`, "g");
const ALL_CONTROLS = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${BIDI}]`, "g");

const unicodeEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** C0, DEL, C1 and bidirectional controls as visible escapes (`\x1b`, `\r`, `\u009b`, `\u202e`), but those in `keep`; the rest unchanged. */
export function visibleControls(text: string, keep = ""): string {
  return text.replace(ALL_CONTROLS, (c) => (keep.includes(c) ? c : ESCAPES[c] ?? (c.charCodeAt(0) < 0x80 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}` : unicodeEscape(c))));
}

/** Only the bidirectional controls as escapes (for formats that deal with the other controls their own way). */
export const visibleBidi = (text: string): string => text.replace(BIDI_CONTROLS, unicodeEscape);
