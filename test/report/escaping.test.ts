// Text from the analysed tree (a fork's pull request: file names, metric names, panel titles) reaches
// Markdown (--format markdown, the Action's job summary and PR comment) and terminals (--format pretty,
// --list). There it must stay text: no new table row, heading, link, HTML or @mention in Markdown, no
// control character that acts on a terminal. The checks below read the Markdown as GFM does (rows split
// on unescaped `|`, then code spans, then backslash escapes) instead of trusting string matches.
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/model.js";
import type { Inventory, Report } from "../../src/report/report.js";
import { formatMarkdown, mdCode, mdMessage, mdText } from "../../src/report/markdown.js";
import { formatSummary } from "../../src/action/summary.js";
import { colourFor, formatPretty } from "../../src/report/pretty.js";
import { formatInventory } from "../../src/report/inventory.js";

const HOSTILE_FILE = "x`y\r## INJECTED [click me](https:evil.example) @octocat\rz.json";
const HOSTILE_METRIC = "bad\r\r## INJECTED [click](https://evil.example/x) @octocat\r";
const HOSTILE_TITLE = "T\n# H1 <img src=x onerror=alert(1)> <!-- c --> **b** _i_ ~~s~~ $x$ ![i](https://evil.example/i.png) www.evil.example https://evil.example/p me@evil.example @org/team \u2028## L\u2029## P \\";
const TERMINAL_FILE = "e\x1b]0;PWNED-TITLE\x07\x1b[31mRED.json";
const ZWJ = "\u200d";

const finding = (over: Partial<Finding>): Finding => ({
  rule: "series-missing",
  severity: "error",
  message: "m",
  file: "a.json",
  line: 3,
  column: 5,
  subject: "s",
  related: [],
  ...over,
});

const hostile: Finding[] = [
  finding({
    file: HOSTILE_FILE,
    message: `Panel "Latency" of dashboard "Shop" queries \`${HOSTILE_METRIC}\`, which nothing produces`,
    related: [{ file: `lib/${HOSTILE_FILE}`, line: 9, message: `metric \`${HOSTILE_METRIC}\` defined here` }],
  }),
  finding({ file: "dashboards/x|y.json", line: 4, message: `Panel "${HOSTILE_TITLE}" queries \`a|b\` and \`c\`\`d\` and \`e`, related: [{ file: "p`|q.ex", line: 2, message: HOSTILE_TITLE }] }),
  finding({ rule: "label-missing", severity: "warning", file: "dashboards/a).json", line: 5, message: "`x` ``` `y` `` \\` z`" }),
];
const normal = finding({
  file: "dashboards/checkout.json",
  line: 17,
  message: 'Panel "Latency" of dashboard "Checkout" queries `checkout_payment_duration_bucket`, which no metric definition produces; did you mean `checkout_payment_duration_ms_bucket` (from distribution("checkout.payment.duration") at lib/t.ex:13)?',
  related: [{ file: "lib/t.ex", line: 13, message: "closest exported series checkout_payment_duration_ms_bucket" }],
});

const report = (findings: Finding[]): Report => ({
  version: 1,
  tool: { name: "telemetry-drift", version: "0.0.0" },
  root: ".",
  findings,
  summary: { error: findings.filter((f) => f.severity === "error").length, warning: findings.filter((f) => f.severity === "warning").length, info: 0 },
  inventory: { files: 3, events: 1, metrics: 1, series: 1, queries: 1 },
});

const link = (file: string, line: number) => `https://github.com/acme/osint/blob/abc123/${file.split("/").map(encodeURIComponent).join("/")}#L${line}`;

// ---- A small GFM reader, enough to say what a renderer would make of a table cell ----------------------

/** A table row's cells as GFM splits them: on every `|` not escaped with a backslash (even in code spans). */
function cells(row: string): string[] {
  expect(row.startsWith("| ") && row.endsWith(" |"), row).toBe(true);
  const out: string[] = [];
  let cell = "";
  for (let i = 0; i < row.length; i++) {
    if (row[i] === "\\" && row[i + 1] === "|") {
      cell += "|"; // GFM drops the backslash before the pipe, then parses the cell
      i++;
    } else if (row[i] === "|") {
      out.push(cell);
      cell = "";
    } else cell += row[i];
  }
  out.push(cell);
  return out.slice(1, -1).map((c) => c.trim());
}

/** Inline text as CommonMark reads it: code spans (content) and the prose around them (escapes kept). */
function inline(text: string): { code: string[]; prose: string } {
  const code: string[] = [];
  let prose = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] === "\\" && i + 1 < text.length && /[!-/:-@[-`{-~]/.test(text[i + 1]!)) {
      prose += text.slice(i, i + 2);
      i += 2;
    } else if (text[i] === "`") {
      const open = /^`+/.exec(text.slice(i))![0].length;
      let j = i + open;
      let close = -1;
      while (j < text.length) {
        if (text[j] !== "`") {
          j++;
          continue;
        }
        const run = /^`+/.exec(text.slice(j))![0].length;
        if (run === open) {
          close = j;
          break;
        }
        j += run;
      }
      if (close < 0) {
        prose += "`".repeat(open); // an unmatched backtick run is literal text
        i += open;
        continue;
      }
      let content = text.slice(i + open, close);
      if (content.length > 2 && content.startsWith(" ") && content.endsWith(" ") && content.trim() !== "") content = content.slice(1, -1);
      code.push(content);
      i = close + open;
    } else prose += text[i++];
  }
  return { code, prose };
}

/** Prose that renders as plain text: every markup character escaped, no mention, no bare link, no HTML. */
function expectInertProse(prose: string): void {
  // (A `|` is text here: cells() already took the row apart; `&#58;` is the tool's own entity.)
  const unescaped = prose.replace(/\\[!-/:-@[-`{-~]/g, "").replace(/&#\d+;/g, "");
  expect(unescaped, prose).not.toMatch(/[`[\]<>*_#~$&\\]/);
  expect(prose, prose).not.toMatch(/@[A-Za-z0-9]/);
  expect(prose, prose).not.toMatch(/:\/\//);
  expect(prose, prose).not.toMatch(/www\./i);
  expect(prose, prose).not.toMatch(/[\r\n\u2028\u2029\u0000-\u001f\u007f-\u009f]/);
}

/** A code span's content: one line, no mention (GitHub does not link inside code, but copies may travel). */
function expectInertCode(code: string): void {
  expect(code).not.toMatch(/[\r\n\u2028\u2029\u0000-\u001f\u007f-\u009f]/);
  expect(code).not.toMatch(/@[A-Za-z0-9]/);
}

/** A cell of prose and code spans: every code span closed where the tool meant, the prose inert. */
function expectInertCell(cell: string): { code: string[]; prose: string } {
  const read = inline(cell);
  expectInertProse(read.prose);
  read.code.forEach(expectInertCode);
  return read;
}

/** `[code span](url)`: the link text one code span and nothing else, the URL percent-encoded. */
function expectLocation(cell: string, expectedText: string, linked: boolean): void {
  const m = linked ? /^\[(.*)\]\((\S+)\)$/.exec(cell) : ([cell, cell, ""] as const);
  expect(m, cell).not.toBeNull();
  const read = inline(m![1]!);
  expect(read.prose, cell).toBe("");
  expect(read.code).toEqual([expectedText]);
  expectInertCode(read.code[0]!);
  if (linked) expect(m![2]).toMatch(/^https:\/\/github\.com\/acme\/osint\/blob\/abc123\/[A-Za-z0-9%._~/-]+#L\d+$/);
}

/** What a code span should show for a tree-derived text: one line, mentions broken. */
const shownAsCode = (s: string): string => s.replace(/\r\n|[\r\n\u2028\u2029]/g, " ").replace(/@/g, `@${ZWJ}`);

function expectNoBlockInjection(md: string, headings: string[]): void {
  expect(md).not.toMatch(/[\r\u2028\u2029\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  expect(md.split("\n").filter((l) => /^ {0,3}#/.test(l))).toEqual(headings);
  expect(md).not.toMatch(/@octocat|@evil|@org/);
  expect(md).not.toMatch(/(?<!\\)(\\\\)*<(img|!-- c)/);
}

describe("markdown escaping (--format markdown)", () => {
  const md = formatMarkdown(report([...hostile, normal]));
  const rows = md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Severity"));

  it("keeps one table row of four cells per finding, whatever the names hold", () => {
    expectNoBlockInjection(md, ["## telemetry-drift"]);
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(cells(row)).toHaveLength(4);
  });

  it("shows a hostile file name as one code span and the message's hostile parts as inert text or code", () => {
    const [first, second, third] = rows.map(cells);
    expectLocation(first![2]!, shownAsCode(`${HOSTILE_FILE}:3`), false);
    const [message, chain] = first![3]!.split("<br>↳ ");
    const read = expectInertCell(message!);
    expect(read.code).toEqual([shownAsCode(HOSTILE_METRIC).trimStart()]);
    expect(read.prose).toBe('Panel "Latency" of dashboard "Shop" queries , which nothing produces');
    expectLocation(chain!.slice(0, chain!.indexOf(" metric ")), shownAsCode(`lib/${HOSTILE_FILE}:9`), false);
    expectInertCell(chain!.slice(chain!.indexOf(" metric ")));
    expectLocation(second![2]!, "dashboards/x|y.json:4", false);
    for (const part of second![3]!.split("<br>↳ ")) expectInertCell(part);
    expectInertCell(third![3]!);
  });

  it("reads well for ordinary names (renders as before; `\\_` shows as `_`)", () => {
    expect(rows[3]).toBe(
      "| 🔴 error | [`series-missing`](https://github.com/telemetry-drift/telemetry-drift/blob/main/docs/rules/series-missing.md) | `dashboards/checkout.json:17` | " +
        'Panel "Latency" of dashboard "Checkout" queries `checkout_payment_duration_bucket`, which no metric definition produces; did you mean `checkout_payment_duration_ms_bucket` (from distribution("checkout.payment.duration") at lib/t.ex:13)?' +
        "<br>↳ `lib/t.ex:13` closest exported series checkout\\_payment\\_duration\\_ms\\_bucket |",
    );
  });
});

describe("job summary and pull request comment (src/action/summary.ts)", () => {
  const base = { headLink: link, baseLink: link, limit: 1_000_000 };
  const summary = formatSummary({
    ...base,
    reported: [...hostile, normal],
    comparison: { added: [...hostile, normal], fixed: [hostile[0]!], remaining: [normal] },
    baseSha: "0123456789abcdef",
    baseline: { file: "base`line\r## B @octocat.json", matched: 2, stale: 0 },
    notes: ["Could not analyse the base commit: git said `fatal`\r\n## NOTE [x](https://evil.example) @octocat"],
  });
  const lines = summary.split("\n");
  const rows = lines.filter((l) => l.startsWith("| ") && !/^\| (Severity|Rule) \|/.test(l));

  it("keeps one row per finding, the tool's own headings only, no raw line ending, HTML or mention", () => {
    expectNoBlockInjection(summary, ["## telemetry-drift", "### New (4)", "### Fixed (1)"]);
    expect(rows).toHaveLength(4 + 1 + 1);
    expect(rows.slice(0, 4).map((r) => cells(r).length)).toEqual([4, 4, 4, 4]);
    expect(cells(rows[4]!)).toHaveLength(3);
  });

  it("links each location with its path percent-encoded, the link text one code span", () => {
    const [first, second, third, fourth] = rows.map(cells);
    expectLocation(first![2]!, shownAsCode(`${HOSTILE_FILE}:3`), true);
    expect(first![2]).toContain("(https://github.com/acme/osint/blob/abc123/x%60y%0D%23%23%20INJECTED%20%5Bclick%20me%5D%28https%3Aevil.example%29%20%40octocat%0Dz.json#L3)");
    expectLocation(second![2]!, "dashboards/x|y.json:4", true);
    expectLocation(third![2]!, "dashboards/a).json:5", true);
    expect(third![2]).toContain("/dashboards/a%29.json#L5)");
    expectLocation(fourth![2]!, "dashboards/checkout.json:17", true);
    const chain = first![3]!.split("<br>↳ ")[1]!;
    expectLocation(chain.slice(0, chain.indexOf(" metric ")), shownAsCode(`lib/${HOSTILE_FILE}:9`), true);
  });

  it("renders messages, the baseline path and notes inert", () => {
    for (const row of rows) for (const part of cells(row).at(-1)!.split("<br>↳ ")) expectInertCell(part.replace(/^\[(`+).*?\1\]\(\S+?\) /, ""));
    const baseline = lines.find((l) => l.startsWith("Baseline "))!;
    expect(baseline).toBe(`Baseline \`\`base\`line ## B @${ZWJ}octocat.json\`\`: 2 known findings not reported.`);
    const note = lines.find((l) => l.startsWith("> "))!;
    expectInertCell(note.slice(2));
    expect(inline(note.slice(2)).code).toEqual(["fatal"]);
  });

  it("reads well for ordinary names (renders as before; `\\_` shows as `_`)", () => {
    expect(rows[3]).toBe(
      "| 🔴 error | [`series-missing`](https://github.com/telemetry-drift/telemetry-drift/blob/main/docs/rules/series-missing.md) | [`dashboards/checkout.json:17`](https://github.com/acme/osint/blob/abc123/dashboards/checkout.json#L17) | " +
        'Panel "Latency" of dashboard "Checkout" queries `checkout_payment_duration_bucket`, which no metric definition produces; did you mean `checkout_payment_duration_ms_bucket` (from distribution("checkout.payment.duration") at lib/t.ex:13)?' +
        "<br>↳ [`lib/t.ex:13`](https://github.com/acme/osint/blob/abc123/lib/t.ex#L13) closest exported series checkout\\_payment\\_duration\\_ms\\_bucket |",
    );
    expect(summary).toContain("compared with the base commit `0123456`.");
  });

  it("links no path with an empty, `.` or `..` segment (the link would leave the tree)", () => {
    const text = formatSummary({ ...base, reported: [finding({ file: "../../../evil/repo" })], notes: [] });
    expect(text).toContain("| `../../../evil/repo:3` |");
  });
});

describe("the Markdown helpers", () => {
  it("mdCode: a fence longer than any backtick run inside, padded when the text starts or ends with one", () => {
    expect(mdCode("checkout_payment_duration_bucket", true)).toBe("`checkout_payment_duration_bucket`");
    expect(mdCode("a`b", false)).toBe("``a`b``");
    expect(mdCode("`a``", false)).toBe("``` `a`` ```");
    expect(mdCode("a|b", true)).toBe("`a\\|b`");
    expect(mdCode("a|b", false)).toBe("`a|b`");
    for (const s of ["`", "``x", "x`` `", " ` "]) expect(inline(mdCode(s, false)).code).toEqual([s]);
  });

  it("mdText: one line, every markup character escaped, mentions and bare links broken", () => {
    expect(mdText("a\r\nb\rc\nd\u2028e\u2029f")).toBe("a b c d e f");
    expect(mdText("[x](y) <b> `c` *e* _u_ #h ~s~ $m$ a|b \\ &amp;")).toBe("\\[x\\](y) \\<b\\> \\`c\\` \\*e\\* \\_u\\_ \\#h \\~s\\~ \\$m\\$ a\\|b \\\\ \\&amp;");
    expect(mdText("@octocat me@evil.example")).toBe(`@${ZWJ}octocat me@${ZWJ}evil.example`);
    expect(mdText("https://evil.example WWW.evil.example")).toBe("https&#58;//evil.example &#87;WW.evil.example");
  });

  it("shows bidirectional controls as escapes, in prose and in code spans (they would reorder the name)", () => {
    expect(mdText("ok_total\u202e\u2066x\u2069")).toBe("ok\\_total\\\\u202e\\\\u2066x\\\\u2069"); // the backslash escaped: renders as `\u202e`
    expect(mdCode("ok_total\u202ex", true)).toBe("`ok_total\\u202ex`");
    expect(mdMessage("queries `a\u200fb`", true)).toBe("queries `a\\u200fb`");
  });

  it("mdMessage: backtick-quoted names become code spans; unpaired or adjacent backticks make it all prose", () => {
    expect(mdMessage("queries `a_b`, see `c`", true)).toBe("queries `a_b`, see `c`");
    expect(mdMessage("queries `a`b`", true)).toBe("queries \\`a\\`b\\`");
    expect(mdMessage("`a``b`", true)).toBe("\\`a\\`\\`b\\`");
  });
});

describe("terminal escaping (--format pretty, --list)", () => {
  const terminal = [
    finding({ file: TERMINAL_FILE, message: `queries \`${HOSTILE_METRIC}\`\x9b2J\ttab\x7f`, related: [{ file: TERMINAL_FILE, line: 2, message: "closest\x1b[2K\rFAKE" }] }),
    finding({ file: "dashboards/checkout.json", line: 17, message: "queries `checkout_payment_duration_bucket`" }),
  ];

  it("shows control characters of file names and messages as escapes, with or without colour", () => {
    for (const level of ["0", "1"]) {
      const out = formatPretty(report(terminal), colourFor({ FORCE_COLOR: level }, false));
      // Only the formatter's own SGR colour codes may remain, and line breaks between its lines.
      const bare = out.replace(/\x1b\[\d+(;\d+)*m/g, "");
      expect(bare).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(bare).toContain("e\\x1b]0;PWNED-TITLE\\x07\\x1b[31mRED.json\n");
      expect(bare).toContain(" queries `bad\\r\\r## INJECTED [click](https://evil.example/x) @octocat\\r`\\u009b2J\\ttab\\x7f  series-missing\n");
      expect(bare).toContain("↳ e\\x1b]0;PWNED-TITLE\\x07\\x1b[31mRED.json:2  closest\\x1b[2K\\rFAKE\n");
      expect(bare).toMatch(/\ndashboards\/checkout\.json\n {2}17:5 {4}error {2,3} queries `checkout_payment_duration_bucket` {2}series-missing\n/);
      expect(bare.split("\n")).toHaveLength(9); // two files, three findings' lines, the summary
    }
  });

  it("--list: every name and path on its own line, control characters escaped", () => {
    const loc = { file: TERMINAL_FILE, line: 1, column: 1 };
    const inv: Inventory = {
      events: [{ name: "shop.\x1b[2Jorder", emits: [loc], declarations: [], consumers: [] }],
      metrics: [{ name: "m\r", kind: "counter", event: "e\n", exporter: "x\x07", series: ["s\x9b"], loc }],
      series: [{ name: "s\x00", type: "counter", labels: ["l\t"], source: "src", loc }],
      queries: [{ expr: "q", origin: "panel \"\x1b]8;;https://evil.example\x07click\x1b]8;;\x07\"", series: ["s"], loc }],
    };
    const out = formatInventory(inv);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(out.split("\n")).toHaveLength(12); // four headings, four entries, three blank lines, the final newline
    expect(out).toContain("  shop.\\x1b[2Jorder  emitted at e\\x1b]0;PWNED-TITLE\\x07\\x1b[31mRED.json:1; not consumed\n");
    expect(out).toContain('panel "\\x1b]8;;https://evil.example\\x07click\\x1b]8;;\\x07": s\n');
  });
});
