import{createRequire as __cr}from'module';const require=__cr(import.meta.url);
import {
  fingerprintFindings
} from "./chunk-53AROVZ3.js";
import {
  problemFacts
} from "./chunk-RW3XNYNR.js";
import {
  TOOL_NAME,
  TOOL_VERSION,
  compareFindings,
  packageRoot
} from "./chunk-FNZY25TM.js";
import {
  parse
} from "./chunk-M4ZV26L2.js";
import {
  SUPPRESSION_UNUSED_ID,
  SUPPRESSION_UNUSED_SEVERITY
} from "./chunk-KOIDW7GI.js";
import {
  emptyFacts,
  require_ignore
} from "./chunk-M6CLNAAX.js";
import {
  __toESM
} from "./chunk-QA6RBL5S.js";

// dist/src/util/fs.js
import { closeSync, existsSync, mkdirSync, openSync, readSync } from "node:fs";
import { dirname } from "node:path";
function ensureDirectory(dir, depth = 0) {
  if (existsSync(dir))
    return true;
  const parent = dirname(dir);
  if (parent === dir || depth > 64 || !ensureDirectory(parent, depth + 1))
    return false;
  try {
    mkdirSync(dir, { mode: 448 });
  } catch (error) {
    if (error.code !== "EEXIST")
      return false;
  }
  return true;
}
var TooBigError = class extends Error {
  limit;
  constructor(limit) {
    super(`over ${limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MiB` : `${limit} bytes`}`);
    this.limit = limit;
  }
};
function readTextLimited(path2, limit) {
  const fd = openSync(path2, "r");
  try {
    const chunks = [];
    let size = 0;
    const chunk = Buffer.allocUnsafe(64 * 1024);
    for (; ; ) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0)
        break;
      size += n;
      if (size > limit)
        throw new TooBigError(limit);
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return Buffer.concat(chunks).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

// dist/src/config/config.js
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { createRequire } from "node:module";

// node_modules/balanced-match/dist/esm/index.js
var range = (a, b, str) => {
  let begs, beg, left, right = void 0, result;
  let ai = str.indexOf(a);
  let bi = str.indexOf(b, ai + 1);
  let i = ai;
  if (ai >= 0 && bi > 0) {
    if (a === b) {
      return [ai, bi];
    }
    begs = [];
    left = str.length;
    while (i >= 0 && !result) {
      if (i === ai) {
        begs.push(i);
        ai = str.indexOf(a, i + 1);
      } else if (begs.length === 1) {
        const r = begs.pop();
        if (r !== void 0)
          result = [r, bi];
      } else {
        beg = begs.pop();
        if (beg !== void 0 && beg < left) {
          left = beg;
          right = bi;
        }
        bi = str.indexOf(b, i + 1);
      }
      i = ai < bi && ai >= 0 ? ai : bi;
    }
    if (begs.length && right !== void 0) {
      result = [left, right];
    }
  }
  return result;
};

// node_modules/brace-expansion/dist/esm/index.js
var escSlash = "\0SLASH" + Math.random().toFixed(16) + "\0";
var escOpen = "\0OPEN" + Math.random().toFixed(16) + "\0";
var escClose = "\0CLOSE" + Math.random().toFixed(16) + "\0";
var escComma = "\0COMMA" + Math.random().toFixed(16) + "\0";
var escPeriod = "\0PERIOD" + Math.random().toFixed(16) + "\0";
var escSlashPattern = new RegExp(escSlash, "g");
var escOpenPattern = new RegExp(escOpen, "g");
var escClosePattern = new RegExp(escClose, "g");
var escCommaPattern = new RegExp(escComma, "g");
var escPeriodPattern = new RegExp(escPeriod, "g");
var slashPattern = /\\\\/g;
var openPattern = /\\{/g;
var closePattern = /\\}/g;
var commaPattern = /\\,/g;
var periodPattern = /\\\./g;
var EXPANSION_MAX = 1e5;
var EXPANSION_MAX_LENGTH = 4e6;
var EXPANSION_MAX_DEPTH = 1e3;
var EXPANSION_MAX_REWRITES = 1e3;
var EXPANSION_MAX_STEPS = 2e7;
var CALL_STEPS = 16;
function numeric(str) {
  return !isNaN(str) ? parseInt(str, 10) : str.charCodeAt(0);
}
function escapeBraces(str) {
  return str.replace(slashPattern, escSlash).replace(openPattern, escOpen).replace(closePattern, escClose).replace(commaPattern, escComma).replace(periodPattern, escPeriod);
}
function unescapeBraces(str) {
  return str.replace(escSlashPattern, "\\").replace(escOpenPattern, "{").replace(escClosePattern, "}").replace(escCommaPattern, ",").replace(escPeriodPattern, ".");
}
function pushAll(target, items) {
  for (let i = 0; i < items.length; i++) {
    target.push(items[i]);
  }
}
function balancedWithBudget(str, masked, budget) {
  if (budget.remaining < 0) {
    return void 0;
  }
  const r = range("{", "}", masked);
  const unmatched = r !== void 0 && masked.indexOf("{") < r[0];
  budget.remaining -= r && !unmatched ? r[1] + 1 : str.length;
  if (!r || budget.remaining < 0) {
    return void 0;
  }
  return {
    end: r[1],
    pre: str.slice(0, r[0]),
    body: str.slice(r[0] + 1, r[1]),
    post: str.slice(r[1] + 1),
    unmatched
  };
}
function maskUnmatchedOpens(masked, budget) {
  budget.remaining -= masked.length;
  const open = [];
  for (let i = 0; i < masked.length; i++) {
    const c = masked.charCodeAt(i);
    if (c === 123) {
      open.push(i);
    } else if (c === 125 && open.length) {
      open.pop();
    }
  }
  let out = "";
  let last = 0;
  for (let i = 0; i < open.length; i++) {
    const at = open[i];
    out += masked.slice(last, at) + "\0";
    last = at + 1;
  }
  return out + masked.slice(last);
}
function commaSetFollows(str, budget) {
  budget.remaining -= str.length;
  if (budget.remaining < 0) {
    return false;
  }
  let close = false;
  for (let i = str.length - 1; i >= 0; i--) {
    const c = str.charCodeAt(i);
    if (c === 125) {
      close = true;
    } else if (c === 10 || c === 13 || c === 8232 || c === 8233) {
      close = false;
    } else if (c === 44 && close && str.charCodeAt(i + 1) !== 44) {
      return true;
    }
  }
  return false;
}
function parseCommaParts(str, budget) {
  const parts = [];
  let carry = "";
  for (; ; ) {
    const m = balancedWithBudget(str, str, budget);
    if (budget.remaining < 0) {
      return void 0;
    }
    if (!m) {
      const tail = str.split(",");
      tail[0] = carry + tail[0];
      pushAll(parts, tail);
      return parts;
    }
    const { pre, body, post } = m;
    const p = pre.split(",");
    p[0] = carry + p[0];
    p[p.length - 1] += "{" + body + "}";
    if (!post.length) {
      pushAll(parts, p);
      return parts;
    }
    carry = p.pop();
    pushAll(parts, p);
    str = post;
  }
}
function bound(value, fallback) {
  return value === void 0 || isNaN(value) ? fallback : value;
}
function expand(str, options = {}) {
  if (!str) {
    return [];
  }
  const max = bound(options.max, EXPANSION_MAX);
  const maxLength = bound(options.maxLength, EXPANSION_MAX_LENGTH);
  const maxDepth = bound(options.maxDepth, EXPANSION_MAX_DEPTH);
  const maxRewrites = bound(options.maxRewrites, EXPANSION_MAX_REWRITES);
  const maxSteps = bound(options.maxSteps, EXPANSION_MAX_STEPS);
  if (str.slice(0, 2) === "{}") {
    str = "\\{\\}" + str.slice(2);
  }
  return expand_(escapeBraces(str), max, maxLength, maxDepth, 0, maxRewrites, { remaining: maxSteps }, true).map(unescapeBraces);
}
function embrace(str) {
  return "{" + str + "}";
}
function isPadded(el) {
  return /^-?0\d/.test(el);
}
function lte(i, y) {
  return i <= y;
}
function gte(i, y) {
  return i >= y;
}
function combine(acc, pre, values, max, maxLength, dropEmpties, budget) {
  const out = [];
  let length = 0;
  let nonEmpty;
  outer: for (let a = 0; a < acc.length; a++) {
    const prefix = acc[a] + pre;
    let vs = values;
    if (dropEmpties && !prefix) {
      if (!nonEmpty)
        nonEmpty = values.filter((v) => v);
      vs = nonEmpty;
    }
    for (let v = 0; v < vs.length; v++) {
      if (out.length >= max)
        break outer;
      const expansion = prefix + vs[v];
      if (length + expansion.length > maxLength)
        break outer;
      out.push(expansion);
      length += expansion.length;
    }
  }
  budget.remaining -= out.length;
  return out;
}
function expandSequence(body, isAlphaSequence, max, maxLength, budget) {
  const n = body.split(/\.\./);
  const N = [];
  if (n[0] === void 0 || n[1] === void 0) {
    return N;
  }
  const x = numeric(n[0]);
  const y = numeric(n[1]);
  const width = Math.max(n[0].length, n[1].length);
  let incr = n.length === 3 && n[2] !== void 0 ? Math.max(Math.abs(numeric(n[2])), 1) : 1;
  let test = lte;
  const reverse = y < x;
  if (reverse) {
    incr *= -1;
    test = gte;
  }
  const pad = n.some(isPadded);
  const cost = pad ? width : 1;
  let length = 0;
  for (let i = x; test(i, y) && N.length < max; i += incr) {
    budget.remaining -= cost;
    if (budget.remaining < 0) {
      return void 0;
    }
    let c;
    if (isAlphaSequence) {
      c = String.fromCharCode(i);
      if (c === "\\") {
        c = "";
      }
    } else {
      c = String(i);
      if (pad) {
        const need = width - c.length;
        if (need > 0) {
          const z = new Array(need + 1).join("0");
          if (i < 0) {
            c = "-" + z + c.slice(1);
          } else {
            c = z + c;
          }
        }
      }
    }
    if (length + c.length > maxLength)
      break;
    N.push(c);
    length += c.length;
  }
  return N;
}
function expand_(str, max, maxLength, maxDepth, depth, maxRewrites, budget, isTop) {
  budget.remaining -= CALL_STEPS;
  if (depth > maxDepth) {
    return [str];
  }
  let acc = [""];
  let rewrites = 0;
  let dropEmpties = false;
  let firstGroup = true;
  let masked = str;
  for (; ; ) {
    const m = balancedWithBudget(str, masked, budget);
    if (!m) {
      return combine(acc, str, [""], max, maxLength, dropEmpties, budget);
    }
    if (m.unmatched) {
      masked = maskUnmatchedOpens(masked, budget);
    }
    const pre = m.pre;
    const literal = () => combine(acc, pre + "{" + m.body + "}" + m.post, [""], max, maxLength, dropEmpties, budget);
    if (/\$$/.test(pre)) {
      acc = combine(acc, pre + "{" + m.body + "}", [""], max, maxLength, dropEmpties && !m.post.length, budget);
      firstGroup = false;
      if (!m.post.length)
        break;
      str = m.post;
      masked = masked.slice(m.end + 1);
      continue;
    }
    const isNumericSequence = /^-?\d+\.\.-?\d+(?:\.\.-?\d+)?$/.test(m.body);
    const isAlphaSequence = /^[a-zA-Z]\.\.[a-zA-Z](?:\.\.-?\d+)?$/.test(m.body);
    const isSequence = isNumericSequence || isAlphaSequence;
    const isOptions = m.body.indexOf(",") >= 0;
    if (!isSequence && !isOptions) {
      if (rewrites < maxRewrites && commaSetFollows(m.post, budget)) {
        rewrites++;
        str = m.pre + "{" + m.body + escClose + m.post;
        masked = masked.slice(0, m.end) + escClose + masked.slice(m.end + 1);
        isTop = true;
        continue;
      }
      return literal();
    }
    if (firstGroup) {
      dropEmpties = isTop && !isSequence;
      firstGroup = false;
    }
    let values;
    if (isSequence) {
      values = expandSequence(m.body, isAlphaSequence, max, maxLength, budget);
      if (!values) {
        return literal();
      }
    } else {
      let n = parseCommaParts(m.body, budget);
      if (!n) {
        return literal();
      }
      if (n.length === 1 && n[0] !== void 0) {
        n = expand_(n[0], max, maxLength, maxDepth, depth + 1, maxRewrites, budget, false).map(embrace);
        if (budget.remaining < 0) {
          return literal();
        }
        if (n.length === 1) {
          const next2 = combine(acc, pre + n[0], [""], max, maxLength, dropEmpties && !m.post.length, budget);
          if (budget.remaining < 0) {
            return literal();
          }
          acc = next2;
          if (!m.post.length)
            break;
          str = m.post;
          masked = masked.slice(m.end + 1);
          continue;
        }
      }
      let dropsEmpties = dropEmpties && !m.post.length && !pre;
      for (let d = 0; dropsEmpties && d < acc.length; d++) {
        if (acc[d]) {
          dropsEmpties = false;
        }
      }
      values = [];
      let valuesLength = 0;
      outer: for (let j = 0; j < n.length; j++) {
        const expanded = expand_(n[j], max, maxLength, maxDepth, depth + 1, maxRewrites, budget, false);
        if (budget.remaining < 0) {
          return literal();
        }
        for (let k = 0; k < expanded.length; k++) {
          const v = expanded[k];
          if (dropsEmpties && !v)
            continue;
          if (values.length >= max || valuesLength + v.length > maxLength) {
            break outer;
          }
          values.push(v);
          valuesLength += v.length;
        }
      }
    }
    const next = combine(acc, pre, values, max, maxLength, dropEmpties && !m.post.length, budget);
    if (budget.remaining < 0) {
      return literal();
    }
    acc = next;
    if (!m.post.length)
      break;
    str = m.post;
    masked = masked.slice(m.end + 1);
  }
  return acc;
}

// node_modules/minimatch/dist/esm/assert-valid-pattern.js
var MAX_PATTERN_LENGTH = 1024 * 64;
var assertValidPattern = (pattern) => {
  if (typeof pattern !== "string") {
    throw new TypeError("invalid pattern");
  }
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new TypeError("pattern is too long");
  }
};

// node_modules/minimatch/dist/esm/brace-expressions.js
var posixClasses = {
  "[:alnum:]": ["\\p{L}\\p{Nl}\\p{Nd}", true],
  "[:alpha:]": ["\\p{L}\\p{Nl}", true],
  "[:ascii:]": ["\\x00-\\x7f", false],
  "[:blank:]": ["\\p{Zs}\\t", true],
  "[:cntrl:]": ["\\p{Cc}", true],
  "[:digit:]": ["\\p{Nd}", true],
  "[:graph:]": ["\\p{Z}\\p{C}", true, true],
  "[:lower:]": ["\\p{Ll}", true],
  "[:print:]": ["\\p{C}", true],
  "[:punct:]": ["\\p{P}", true],
  "[:space:]": ["\\p{Z}\\t\\r\\n\\v\\f", true],
  "[:upper:]": ["\\p{Lu}", true],
  "[:word:]": ["\\p{L}\\p{Nl}\\p{Nd}\\p{Pc}", true],
  "[:xdigit:]": ["A-Fa-f0-9", false]
};
var braceEscape = (s) => s.replace(/[[\]\\-]/g, "\\$&");
var regexpEscape = (s) => s.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, "\\$&");
var rangesToString = (ranges) => ranges.join("");
var parseClass = (glob, position) => {
  const pos = position;
  if (glob.charAt(pos) !== "[") {
    throw new Error("not in a brace expression");
  }
  const ranges = [];
  const negs = [];
  let i = pos + 1;
  let sawStart = false;
  let uflag = false;
  let escaping = false;
  let negate = false;
  let endPos = pos;
  let rangeStart = "";
  WHILE: while (i < glob.length) {
    const c = glob.charAt(i);
    if ((c === "!" || c === "^") && i === pos + 1) {
      negate = true;
      i++;
      continue;
    }
    if (c === "]" && sawStart && !escaping) {
      endPos = i + 1;
      break;
    }
    sawStart = true;
    if (c === "\\") {
      if (!escaping) {
        escaping = true;
        i++;
        continue;
      }
    }
    if (c === "[" && !escaping) {
      for (const [cls, [unip, u, neg]] of Object.entries(posixClasses)) {
        if (glob.startsWith(cls, i)) {
          if (rangeStart) {
            return ["$.", false, glob.length - pos, true];
          }
          i += cls.length;
          if (neg)
            negs.push(unip);
          else
            ranges.push(unip);
          uflag = uflag || u;
          continue WHILE;
        }
      }
    }
    escaping = false;
    if (rangeStart) {
      if (c > rangeStart) {
        ranges.push(braceEscape(rangeStart) + "-" + braceEscape(c));
      } else if (c === rangeStart) {
        ranges.push(braceEscape(c));
      }
      rangeStart = "";
      i++;
      continue;
    }
    if (glob.startsWith("-]", i + 1)) {
      ranges.push(braceEscape(c + "-"));
      i += 2;
      continue;
    }
    if (glob.startsWith("-", i + 1)) {
      rangeStart = c;
      i += 2;
      continue;
    }
    ranges.push(braceEscape(c));
    i++;
  }
  if (endPos < i) {
    return ["", false, 0, false];
  }
  if (!ranges.length && !negs.length) {
    return ["$.", false, glob.length - pos, true];
  }
  if (negs.length === 0 && ranges.length === 1 && /^\\?.$/.test(ranges[0]) && !negate) {
    const r = ranges[0].length === 2 ? ranges[0].slice(-1) : ranges[0];
    return [regexpEscape(r), false, endPos - pos, false];
  }
  const sranges = "[" + (negate ? "^" : "") + rangesToString(ranges) + "]";
  const snegs = "[" + (negate ? "" : "^") + rangesToString(negs) + "]";
  const comb = ranges.length && negs.length ? "(" + sranges + "|" + snegs + ")" : ranges.length ? sranges : snegs;
  return [comb, uflag, endPos - pos, true];
};

// node_modules/minimatch/dist/esm/unescape.js
var unescape = (s, { windowsPathsNoEscape = false, magicalBraces = true } = {}) => {
  if (magicalBraces) {
    return windowsPathsNoEscape ? s.replace(/\[([^/\\])\]/g, "$1") : s.replace(/((?!\\).|^)\[([^/\\])\]/g, "$1$2").replace(/\\([^/])/g, "$1");
  }
  return windowsPathsNoEscape ? s.replace(/\[([^/\\{}])\]/g, "$1") : s.replace(/((?!\\).|^)\[([^/\\{}])\]/g, "$1$2").replace(/\\([^/{}])/g, "$1");
};

// node_modules/minimatch/dist/esm/ast.js
var _a;
var types = /* @__PURE__ */ new Set(["!", "?", "+", "*", "@"]);
var isExtglobType = (c) => types.has(c);
var isExtglobAST = (c) => isExtglobType(c.type);
var adoptionMap = /* @__PURE__ */ new Map([
  ["!", ["@"]],
  ["?", ["?", "@"]],
  ["@", ["@"]],
  ["*", ["*", "+", "?", "@"]],
  ["+", ["+", "@"]]
]);
var adoptionWithSpaceMap = /* @__PURE__ */ new Map([
  ["!", ["?"]],
  ["@", ["?"]],
  ["+", ["?", "*"]]
]);
var adoptionAnyMap = /* @__PURE__ */ new Map([
  ["!", ["?", "@"]],
  ["?", ["?", "@"]],
  ["@", ["?", "@"]],
  ["*", ["*", "+", "?", "@"]],
  ["+", ["+", "@", "?", "*"]]
]);
var usurpMap = /* @__PURE__ */ new Map([
  ["!", /* @__PURE__ */ new Map([["!", "@"]])],
  [
    "?",
    /* @__PURE__ */ new Map([
      ["*", "*"],
      ["+", "*"]
    ])
  ],
  [
    "@",
    /* @__PURE__ */ new Map([
      ["!", "!"],
      ["?", "?"],
      ["@", "@"],
      ["*", "*"],
      ["+", "+"]
    ])
  ],
  [
    "+",
    /* @__PURE__ */ new Map([
      ["?", "*"],
      ["*", "*"]
    ])
  ]
]);
var startNoTraversal = "(?!(?:^|/)\\.\\.?(?:$|/))";
var startNoDot = "(?!\\.)";
var addPatternStart = /* @__PURE__ */ new Set(["[", "."]);
var justDots = /* @__PURE__ */ new Set(["..", "."]);
var reSpecials = new Set("().*{}+?[]^$\\!");
var regExpEscape = (s) => s.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, "\\$&");
var qmark = "[^/]";
var star = qmark + "*?";
var starNoEmpty = qmark + "+?";
var ID = 0;
var AST = class {
  type;
  #root;
  #hasMagic;
  #uflag = false;
  #parts = [];
  #parent;
  #parentIndex;
  #negs;
  #filledNegs = false;
  #options;
  #toString;
  // set to true if it's an extglob with no children
  // (which really means one child of '')
  #emptyExt = false;
  id = ++ID;
  get depth() {
    return (this.#parent?.depth ?? -1) + 1;
  }
  [/* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom")]() {
    return {
      "@@type": "AST",
      id: this.id,
      type: this.type,
      root: this.#root.id,
      parent: this.#parent?.id,
      depth: this.depth,
      partsLength: this.#parts.length,
      parts: this.#parts
    };
  }
  constructor(type, parent, options = {}) {
    this.type = type;
    if (type)
      this.#hasMagic = true;
    this.#parent = parent;
    this.#root = this.#parent ? this.#parent.#root : this;
    this.#options = this.#root === this ? options : this.#root.#options;
    this.#negs = this.#root === this ? [] : this.#root.#negs;
    if (type === "!" && !this.#root.#filledNegs)
      this.#negs.push(this);
    this.#parentIndex = this.#parent ? this.#parent.#parts.length : 0;
  }
  get hasMagic() {
    if (this.#hasMagic !== void 0)
      return this.#hasMagic;
    for (const p of this.#parts) {
      if (typeof p === "string")
        continue;
      if (p.type || p.hasMagic)
        return this.#hasMagic = true;
    }
    return this.#hasMagic;
  }
  // reconstructs the pattern
  toString() {
    return this.#toString !== void 0 ? this.#toString : !this.type ? this.#toString = this.#parts.map((p) => String(p)).join("") : this.#toString = this.type + "(" + this.#parts.map((p) => String(p)).join("|") + ")";
  }
  #fillNegs() {
    if (this !== this.#root)
      throw new Error("should only call on root");
    if (this.#filledNegs)
      return this;
    this.toString();
    this.#filledNegs = true;
    let n;
    while (n = this.#negs.pop()) {
      if (n.type !== "!")
        continue;
      let p = n;
      let pp = p.#parent;
      while (pp) {
        for (let i = p.#parentIndex + 1; !pp.type && i < pp.#parts.length; i++) {
          for (const part of n.#parts) {
            if (typeof part === "string") {
              throw new Error("string part in extglob AST??");
            }
            part.copyIn(pp.#parts[i]);
          }
        }
        p = pp;
        pp = p.#parent;
      }
    }
    return this;
  }
  push(...parts) {
    for (const p of parts) {
      if (p === "")
        continue;
      if (typeof p !== "string" && !(p instanceof _a && p.#parent === this)) {
        throw new Error("invalid part: " + p);
      }
      this.#parts.push(p);
    }
  }
  toJSON() {
    const ret = this.type === null ? this.#parts.slice().map((p) => typeof p === "string" ? p : p.toJSON()) : [this.type, ...this.#parts.map((p) => p.toJSON())];
    if (this.isStart() && !this.type)
      ret.unshift([]);
    if (this.isEnd() && (this === this.#root || this.#root.#filledNegs && this.#parent?.type === "!")) {
      ret.push({});
    }
    return ret;
  }
  isStart() {
    if (this.#root === this)
      return true;
    if (!this.#parent?.isStart())
      return false;
    if (this.#parentIndex === 0)
      return true;
    const p = this.#parent;
    for (let i = 0; i < this.#parentIndex; i++) {
      const pp = p.#parts[i];
      if (!(pp instanceof _a && pp.type === "!")) {
        return false;
      }
    }
    return true;
  }
  isEnd() {
    if (this.#root === this)
      return true;
    if (this.#parent?.type === "!")
      return true;
    if (!this.#parent?.isEnd())
      return false;
    if (!this.type)
      return this.#parent?.isEnd();
    const pl = this.#parent ? this.#parent.#parts.length : 0;
    return this.#parentIndex === pl - 1;
  }
  copyIn(part) {
    if (typeof part === "string")
      this.push(part);
    else
      this.push(part.clone(this));
  }
  clone(parent) {
    const c = new _a(this.type, parent);
    for (const p of this.#parts) {
      c.copyIn(p);
    }
    return c;
  }
  static #parseAST(str, ast, pos, opt, extDepth) {
    const maxDepth = opt.maxExtglobRecursion ?? 2;
    let escaping = false;
    let inBrace = false;
    let braceStart = -1;
    let braceNeg = false;
    if (ast.type === null) {
      let i2 = pos;
      let acc2 = "";
      while (i2 < str.length) {
        const c = str.charAt(i2++);
        if (escaping || c === "\\") {
          escaping = !escaping;
          acc2 += c;
          continue;
        }
        if (inBrace) {
          if (i2 === braceStart + 1) {
            if (c === "^" || c === "!") {
              braceNeg = true;
            }
          } else if (c === "]" && !(i2 === braceStart + 2 && braceNeg)) {
            inBrace = false;
          }
          acc2 += c;
          continue;
        } else if (c === "[") {
          inBrace = true;
          braceStart = i2;
          braceNeg = false;
          acc2 += c;
          continue;
        }
        const doRecurse = !opt.noext && isExtglobType(c) && str.charAt(i2) === "(" && extDepth <= maxDepth;
        if (doRecurse) {
          ast.push(acc2);
          acc2 = "";
          const ext2 = new _a(c, ast);
          i2 = _a.#parseAST(str, ext2, i2, opt, extDepth + 1);
          ast.push(ext2);
          continue;
        }
        acc2 += c;
      }
      ast.push(acc2);
      return i2;
    }
    let i = pos + 1;
    let part = new _a(null, ast);
    const parts = [];
    let acc = "";
    while (i < str.length) {
      const c = str.charAt(i++);
      if (escaping || c === "\\") {
        escaping = !escaping;
        acc += c;
        continue;
      }
      if (inBrace) {
        if (i === braceStart + 1) {
          if (c === "^" || c === "!") {
            braceNeg = true;
          }
        } else if (c === "]" && !(i === braceStart + 2 && braceNeg)) {
          inBrace = false;
        }
        acc += c;
        continue;
      } else if (c === "[") {
        inBrace = true;
        braceStart = i;
        braceNeg = false;
        acc += c;
        continue;
      }
      const doRecurse = !opt.noext && isExtglobType(c) && str.charAt(i) === "(" && /* c8 ignore start - the maxDepth is sufficient here */
      (extDepth <= maxDepth || ast && ast.#canAdoptType(c));
      if (doRecurse) {
        const depthAdd = ast && ast.#canAdoptType(c) ? 0 : 1;
        part.push(acc);
        acc = "";
        const ext2 = new _a(c, part);
        part.push(ext2);
        i = _a.#parseAST(str, ext2, i, opt, extDepth + depthAdd);
        continue;
      }
      if (c === "|") {
        part.push(acc);
        acc = "";
        parts.push(part);
        part = new _a(null, ast);
        continue;
      }
      if (c === ")") {
        if (acc === "" && ast.#parts.length === 0) {
          ast.#emptyExt = true;
        }
        part.push(acc);
        acc = "";
        ast.push(...parts, part);
        return i;
      }
      acc += c;
    }
    ast.type = null;
    ast.#hasMagic = void 0;
    ast.#parts = [str.substring(pos - 1)];
    return i;
  }
  #canAdoptWithSpace(child) {
    return this.#canAdopt(child, adoptionWithSpaceMap);
  }
  #canAdopt(child, map = adoptionMap) {
    if (!child || typeof child !== "object" || child.type !== null || child.#parts.length !== 1 || this.type === null) {
      return false;
    }
    const gc = child.#parts[0];
    if (!gc || typeof gc !== "object" || gc.type === null) {
      return false;
    }
    return this.#canAdoptType(gc.type, map);
  }
  #canAdoptType(c, map = adoptionAnyMap) {
    return !!map.get(this.type)?.includes(c);
  }
  #adoptWithSpace(child, index) {
    const gc = child.#parts[0];
    const blank = new _a(null, gc, this.options);
    blank.#parts.push("");
    gc.push(blank);
    this.#adopt(child, index);
  }
  #adopt(child, index) {
    const gc = child.#parts[0];
    this.#parts.splice(index, 1, ...gc.#parts);
    for (const p of gc.#parts) {
      if (typeof p === "object")
        p.#parent = this;
    }
    this.#toString = void 0;
  }
  #canUsurpType(c) {
    const m = usurpMap.get(this.type);
    return !!m?.has(c);
  }
  #canUsurp(child) {
    if (!child || typeof child !== "object" || child.type !== null || child.#parts.length !== 1 || this.type === null || this.#parts.length !== 1) {
      return false;
    }
    const gc = child.#parts[0];
    if (!gc || typeof gc !== "object" || gc.type === null) {
      return false;
    }
    return this.#canUsurpType(gc.type);
  }
  #usurp(child) {
    const m = usurpMap.get(this.type);
    const gc = child.#parts[0];
    const nt = m?.get(gc.type);
    if (!nt)
      return false;
    this.#parts = gc.#parts;
    for (const p of this.#parts) {
      if (typeof p === "object") {
        p.#parent = this;
      }
    }
    this.type = nt;
    this.#toString = void 0;
    this.#emptyExt = false;
  }
  static fromGlob(pattern, options = {}) {
    const ast = new _a(null, void 0, options);
    _a.#parseAST(pattern, ast, 0, options, 0);
    return ast;
  }
  // returns the regular expression if there's magic, or the unescaped
  // string if not.
  toMMPattern() {
    if (this !== this.#root)
      return this.#root.toMMPattern();
    const glob = this.toString();
    const [re, body, hasMagic, uflag] = this.toRegExpSource();
    const anyMagic = hasMagic || this.#hasMagic || this.#options.nocase && !this.#options.nocaseMagicOnly && glob.toUpperCase() !== glob.toLowerCase();
    if (!anyMagic) {
      return body;
    }
    const flags = (this.#options.nocase ? "i" : "") + (uflag ? "u" : "");
    return Object.assign(new RegExp(`^${re}$`, flags), {
      _src: re,
      _glob: glob
    });
  }
  get options() {
    return this.#options;
  }
  // returns the string match, the regexp source, whether there's magic
  // in the regexp (so a regular expression is required) and whether or
  // not the uflag is needed for the regular expression (for posix classes)
  // TODO: instead of injecting the start/end at this point, just return
  // the BODY of the regexp, along with the start/end portions suitable
  // for binding the start/end in either a joined full-path makeRe context
  // (where we bind to (^|/), or a standalone matchPart context (where
  // we bind to ^, and not /).  Otherwise slashes get duped!
  //
  // In part-matching mode, the start is:
  // - if not isStart: nothing
  // - if traversal possible, but not allowed: ^(?!\.\.?$)
  // - if dots allowed or not possible: ^
  // - if dots possible and not allowed: ^(?!\.)
  // end is:
  // - if not isEnd(): nothing
  // - else: $
  //
  // In full-path matching mode, we put the slash at the START of the
  // pattern, so start is:
  // - if first pattern: same as part-matching mode
  // - if not isStart(): nothing
  // - if traversal possible, but not allowed: /(?!\.\.?(?:$|/))
  // - if dots allowed or not possible: /
  // - if dots possible and not allowed: /(?!\.)
  // end is:
  // - if last pattern, same as part-matching mode
  // - else nothing
  //
  // Always put the (?:$|/) on negated tails, though, because that has to be
  // there to bind the end of the negated pattern portion, and it's easier to
  // just stick it in now rather than try to inject it later in the middle of
  // the pattern.
  //
  // We can just always return the same end, and leave it up to the caller
  // to know whether it's going to be used joined or in parts.
  // And, if the start is adjusted slightly, can do the same there:
  // - if not isStart: nothing
  // - if traversal possible, but not allowed: (?:/|^)(?!\.\.?$)
  // - if dots allowed or not possible: (?:/|^)
  // - if dots possible and not allowed: (?:/|^)(?!\.)
  //
  // But it's better to have a simpler binding without a conditional, for
  // performance, so probably better to return both start options.
  //
  // Then the caller just ignores the end if it's not the first pattern,
  // and the start always gets applied.
  //
  // But that's always going to be $ if it's the ending pattern, or nothing,
  // so the caller can just attach $ at the end of the pattern when building.
  //
  // So the todo is:
  // - better detect what kind of start is needed
  // - return both flavors of starting pattern
  // - attach $ at the end of the pattern when creating the actual RegExp
  //
  // Ah, but wait, no, that all only applies to the root when the first pattern
  // is not an extglob. If the first pattern IS an extglob, then we need all
  // that dot prevention biz to live in the extglob portions, because eg
  // +(*|.x*) can match .xy but not .yx.
  //
  // So, return the two flavors if it's #root and the first child is not an
  // AST, otherwise leave it to the child AST to handle it, and there,
  // use the (?:^|/) style of start binding.
  //
  // Even simplified further:
  // - Since the start for a join is eg /(?!\.) and the start for a part
  // is ^(?!\.), we can just prepend (?!\.) to the pattern (either root
  // or start or whatever) and prepend ^ or / at the Regexp construction.
  toRegExpSource(allowDot) {
    const dot = allowDot ?? !!this.#options.dot;
    if (this.#root === this) {
      this.#flatten();
      this.#fillNegs();
    }
    if (!isExtglobAST(this)) {
      const noEmpty = this.isStart() && this.isEnd() && !this.#parts.some((s) => typeof s !== "string");
      const src = this.#parts.map((p) => {
        const [re, _, hasMagic, uflag] = typeof p === "string" ? _a.#parseGlob(p, this.#hasMagic, noEmpty) : p.toRegExpSource(allowDot);
        this.#hasMagic = this.#hasMagic || hasMagic;
        this.#uflag = this.#uflag || uflag;
        return re;
      }).join("");
      let start2 = "";
      if (this.isStart()) {
        if (typeof this.#parts[0] === "string") {
          const dotTravAllowed = this.#parts.length === 1 && justDots.has(this.#parts[0]);
          if (!dotTravAllowed) {
            const aps = addPatternStart;
            const needNoTrav = (
              // dots are allowed, and the pattern starts with [ or .
              dot && aps.has(src.charAt(0)) || // the pattern starts with \., and then [ or .
              src.startsWith("\\.") && aps.has(src.charAt(2)) || // the pattern starts with \.\., and then [ or .
              src.startsWith("\\.\\.") && aps.has(src.charAt(4))
            );
            const needNoDot = !dot && !allowDot && aps.has(src.charAt(0));
            start2 = needNoTrav ? startNoTraversal : needNoDot ? startNoDot : "";
          }
        }
      }
      let end = "";
      if (this.isEnd() && this.#root.#filledNegs && this.#parent?.type === "!") {
        end = "(?:$|\\/)";
      }
      const final2 = start2 + src + end;
      return [
        final2,
        unescape(src),
        this.#hasMagic = !!this.#hasMagic,
        this.#uflag
      ];
    }
    const repeated = this.type === "*" || this.type === "+";
    const start = this.type === "!" ? "(?:(?!(?:" : "(?:";
    let body = this.#partsToRegExp(dot);
    if (this.isStart() && this.isEnd() && !body && this.type !== "!") {
      const s = this.toString();
      const me = this;
      me.#parts = [s];
      me.type = null;
      me.#hasMagic = void 0;
      return [s, unescape(this.toString()), false, false];
    }
    let bodyDotAllowed = !repeated || allowDot || dot || !startNoDot ? "" : this.#partsToRegExp(true);
    if (bodyDotAllowed === body) {
      bodyDotAllowed = "";
    }
    if (bodyDotAllowed) {
      body = `(?:${body})(?:${bodyDotAllowed})*?`;
    }
    let final = "";
    if (this.type === "!" && this.#emptyExt) {
      final = (this.isStart() && !dot ? startNoDot : "") + starNoEmpty;
    } else {
      const close = this.type === "!" ? (
        // !() must match something,but !(x) can match ''
        "))" + (this.isStart() && !dot && !allowDot ? startNoDot : "") + star + ")"
      ) : this.type === "@" ? ")" : this.type === "?" ? ")?" : this.type === "+" && bodyDotAllowed ? ")" : this.type === "*" && bodyDotAllowed ? `)?` : `)${this.type}`;
      final = start + body + close;
    }
    return [
      final,
      unescape(body),
      this.#hasMagic = !!this.#hasMagic,
      this.#uflag
    ];
  }
  #flatten() {
    if (!isExtglobAST(this)) {
      for (const p of this.#parts) {
        if (typeof p === "object") {
          p.#flatten();
        }
      }
    } else {
      let iterations = 0;
      let done = false;
      do {
        done = true;
        for (let i = 0; i < this.#parts.length; i++) {
          const c = this.#parts[i];
          if (typeof c === "object") {
            c.#flatten();
            if (this.#canAdopt(c)) {
              done = false;
              this.#adopt(c, i);
            } else if (this.#canAdoptWithSpace(c)) {
              done = false;
              this.#adoptWithSpace(c, i);
            } else if (this.#canUsurp(c)) {
              done = false;
              this.#usurp(c);
            }
          }
        }
      } while (!done && ++iterations < 10);
    }
    this.#toString = void 0;
  }
  #partsToRegExp(dot) {
    return this.#parts.map((p) => {
      if (typeof p === "string") {
        throw new Error("string type in extglob ast??");
      }
      const [re, _, _hasMagic, uflag] = p.toRegExpSource(dot);
      this.#uflag = this.#uflag || uflag;
      return re;
    }).filter((p) => !(this.isStart() && this.isEnd()) || !!p).join("|");
  }
  static #parseGlob(glob, hasMagic, noEmpty = false) {
    let escaping = false;
    let re = "";
    let uflag = false;
    let inStar = false;
    for (let i = 0; i < glob.length; i++) {
      const c = glob.charAt(i);
      if (escaping) {
        escaping = false;
        re += (reSpecials.has(c) ? "\\" : "") + c;
        continue;
      }
      if (c === "*") {
        if (inStar)
          continue;
        inStar = true;
        re += noEmpty && /^[*]+$/.test(glob) ? starNoEmpty : star;
        hasMagic = true;
        continue;
      } else {
        inStar = false;
      }
      if (c === "\\") {
        if (i === glob.length - 1) {
          re += "\\\\";
        } else {
          escaping = true;
        }
        continue;
      }
      if (c === "[") {
        const [src, needUflag, consumed, magic] = parseClass(glob, i);
        if (consumed) {
          re += src;
          uflag = uflag || needUflag;
          i += consumed - 1;
          hasMagic = hasMagic || magic;
          continue;
        }
      }
      if (c === "?") {
        re += qmark;
        hasMagic = true;
        continue;
      }
      re += regExpEscape(c);
    }
    return [re, unescape(glob), !!hasMagic, uflag];
  }
};
_a = AST;

// node_modules/minimatch/dist/esm/escape.js
var escape = (s, { windowsPathsNoEscape = false, magicalBraces = false } = {}) => {
  if (magicalBraces) {
    return windowsPathsNoEscape ? s.replace(/[?*()[\]{}]/g, "[$&]") : s.replace(/[?*()[\]\\{}]/g, "\\$&");
  }
  return windowsPathsNoEscape ? s.replace(/[?*()[\]]/g, "[$&]") : s.replace(/[?*()[\]\\]/g, "\\$&");
};

// node_modules/minimatch/dist/esm/index.js
var minimatch = (p, pattern, options = {}) => {
  assertValidPattern(pattern);
  if (!options.nocomment && pattern.charAt(0) === "#") {
    return false;
  }
  return new Minimatch(pattern, options).match(p);
};
var starDotExtRE = /^\*+([^+@!?*[(]*)$/;
var starDotExtTest = (ext2) => (f) => !f.startsWith(".") && f.endsWith(ext2);
var starDotExtTestDot = (ext2) => (f) => f.endsWith(ext2);
var starDotExtTestNocase = (ext2) => {
  ext2 = ext2.toLowerCase();
  return (f) => !f.startsWith(".") && f.toLowerCase().endsWith(ext2);
};
var starDotExtTestNocaseDot = (ext2) => {
  ext2 = ext2.toLowerCase();
  return (f) => f.toLowerCase().endsWith(ext2);
};
var starDotStarRE = /^\*+\.\*+$/;
var starDotStarTest = (f) => !f.startsWith(".") && f.includes(".");
var starDotStarTestDot = (f) => f !== "." && f !== ".." && f.includes(".");
var dotStarRE = /^\.\*+$/;
var dotStarTest = (f) => f !== "." && f !== ".." && f.startsWith(".");
var starRE = /^\*+$/;
var starTest = (f) => f.length !== 0 && !f.startsWith(".");
var starTestDot = (f) => f.length !== 0 && f !== "." && f !== "..";
var qmarksRE = /^\?+([^+@!?*[(]*)?$/;
var qmarksTestNocase = ([$0, ext2 = ""]) => {
  const noext = qmarksTestNoExt([$0]);
  if (!ext2)
    return noext;
  ext2 = ext2.toLowerCase();
  return (f) => noext(f) && f.toLowerCase().endsWith(ext2);
};
var qmarksTestNocaseDot = ([$0, ext2 = ""]) => {
  const noext = qmarksTestNoExtDot([$0]);
  if (!ext2)
    return noext;
  ext2 = ext2.toLowerCase();
  return (f) => noext(f) && f.toLowerCase().endsWith(ext2);
};
var qmarksTestDot = ([$0, ext2 = ""]) => {
  const noext = qmarksTestNoExtDot([$0]);
  return !ext2 ? noext : (f) => noext(f) && f.endsWith(ext2);
};
var qmarksTest = ([$0, ext2 = ""]) => {
  const noext = qmarksTestNoExt([$0]);
  return !ext2 ? noext : (f) => noext(f) && f.endsWith(ext2);
};
var qmarksTestNoExt = ([$0]) => {
  const len = $0.length;
  return (f) => f.length === len && !f.startsWith(".");
};
var qmarksTestNoExtDot = ([$0]) => {
  const len = $0.length;
  return (f) => f.length === len && f !== "." && f !== "..";
};
var defaultPlatform = typeof process === "object" && process ? typeof process.env === "object" && process.env && process.env.__MINIMATCH_TESTING_PLATFORM__ || process.platform : "posix";
var path = {
  win32: { sep: "\\" },
  posix: { sep: "/" }
};
var sep = defaultPlatform === "win32" ? path.win32.sep : path.posix.sep;
minimatch.sep = sep;
var GLOBSTAR = /* @__PURE__ */ Symbol("globstar **");
minimatch.GLOBSTAR = GLOBSTAR;
var qmark2 = "[^/]";
var star2 = qmark2 + "*?";
var twoStarDot = "(?:(?!(?:\\/|^)(?:\\.{1,2})($|\\/)).)*?";
var twoStarNoDot = "(?:(?!(?:\\/|^)\\.).)*?";
var filter = (pattern, options = {}) => (p) => minimatch(p, pattern, options);
minimatch.filter = filter;
var ext = (a, b = {}) => Object.assign({}, a, b);
var defaults = (def) => {
  if (!def || typeof def !== "object" || !Object.keys(def).length) {
    return minimatch;
  }
  const orig = minimatch;
  const m = (p, pattern, options = {}) => orig(p, pattern, ext(def, options));
  return Object.assign(m, {
    Minimatch: class Minimatch extends orig.Minimatch {
      constructor(pattern, options = {}) {
        super(pattern, ext(def, options));
      }
      static defaults(options) {
        return orig.defaults(ext(def, options)).Minimatch;
      }
    },
    AST: class AST extends orig.AST {
      /* c8 ignore start */
      constructor(type, parent, options = {}) {
        super(type, parent, ext(def, options));
      }
      /* c8 ignore stop */
      static fromGlob(pattern, options = {}) {
        return orig.AST.fromGlob(pattern, ext(def, options));
      }
    },
    unescape: (s, options = {}) => orig.unescape(s, ext(def, options)),
    escape: (s, options = {}) => orig.escape(s, ext(def, options)),
    filter: (pattern, options = {}) => orig.filter(pattern, ext(def, options)),
    defaults: (options) => orig.defaults(ext(def, options)),
    makeRe: (pattern, options = {}) => orig.makeRe(pattern, ext(def, options)),
    braceExpand: (pattern, options = {}) => orig.braceExpand(pattern, ext(def, options)),
    match: (list, pattern, options = {}) => orig.match(list, pattern, ext(def, options)),
    sep: orig.sep,
    GLOBSTAR
  });
};
minimatch.defaults = defaults;
var braceExpand = (pattern, options = {}) => {
  assertValidPattern(pattern);
  if (options.nobrace || !/\{(?:(?!\{).)*\}/.test(pattern)) {
    return [pattern];
  }
  return expand(pattern, { max: options.braceExpandMax });
};
minimatch.braceExpand = braceExpand;
var makeRe = (pattern, options = {}) => new Minimatch(pattern, options).makeRe();
minimatch.makeRe = makeRe;
var match = (list, pattern, options = {}) => {
  const mm = new Minimatch(pattern, options);
  list = list.filter((f) => mm.match(f));
  if (mm.options.nonull && !list.length) {
    list.push(pattern);
  }
  return list;
};
minimatch.match = match;
var globMagic = /[?*]|[+@!]\(.*?\)|\[|\]/;
var regExpEscape2 = (s) => s.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, "\\$&");
var Minimatch = class {
  options;
  set;
  pattern;
  windowsPathsNoEscape;
  nonegate;
  negate;
  comment;
  empty;
  preserveMultipleSlashes;
  partial;
  globSet;
  globParts;
  nocase;
  isWindows;
  platform;
  windowsNoMagicRoot;
  maxGlobstarRecursion;
  regexp;
  constructor(pattern, options = {}) {
    assertValidPattern(pattern);
    options = options || {};
    this.options = options;
    this.maxGlobstarRecursion = options.maxGlobstarRecursion ?? 200;
    this.pattern = pattern;
    this.platform = options.platform || defaultPlatform;
    this.isWindows = this.platform === "win32";
    const awe = "allowWindowsEscape";
    this.windowsPathsNoEscape = !!options.windowsPathsNoEscape || options[awe] === false;
    if (this.windowsPathsNoEscape) {
      this.pattern = this.pattern.replace(/\\/g, "/");
    }
    this.preserveMultipleSlashes = !!options.preserveMultipleSlashes;
    this.regexp = null;
    this.negate = false;
    this.nonegate = !!options.nonegate;
    this.comment = false;
    this.empty = false;
    this.partial = !!options.partial;
    this.nocase = !!this.options.nocase;
    this.windowsNoMagicRoot = options.windowsNoMagicRoot !== void 0 ? options.windowsNoMagicRoot : !!(this.isWindows && this.nocase);
    this.globSet = [];
    this.globParts = [];
    this.set = [];
    this.make();
  }
  hasMagic() {
    if (this.options.magicalBraces && this.set.length > 1) {
      return true;
    }
    for (const pattern of this.set) {
      for (const part of pattern) {
        if (typeof part !== "string")
          return true;
      }
    }
    return false;
  }
  debug(..._) {
  }
  make() {
    const pattern = this.pattern;
    const options = this.options;
    if (!options.nocomment && pattern.charAt(0) === "#") {
      this.comment = true;
      return;
    }
    if (!pattern) {
      this.empty = true;
      return;
    }
    this.parseNegate();
    this.globSet = [...new Set(this.braceExpand())];
    if (options.debug) {
      this.debug = (...args) => console.error(...args);
    }
    this.debug(this.pattern, this.globSet);
    const rawGlobParts = this.globSet.map((s) => this.slashSplit(s));
    this.globParts = this.preprocess(rawGlobParts);
    this.debug(this.pattern, this.globParts);
    let set = this.globParts.map((s, _, __) => {
      if (this.isWindows && this.windowsNoMagicRoot) {
        const isUNC = s[0] === "" && s[1] === "" && (s[2] === "?" || !globMagic.test(s[2])) && !globMagic.test(s[3]);
        const isDrive = /^[a-z]:/i.test(s[0]);
        if (isUNC) {
          return [
            ...s.slice(0, 4),
            ...s.slice(4).map((ss) => this.parse(ss))
          ];
        } else if (isDrive) {
          return [s[0], ...s.slice(1).map((ss) => this.parse(ss))];
        }
      }
      return s.map((ss) => this.parse(ss));
    });
    this.debug(this.pattern, set);
    this.set = set.filter((s) => s.indexOf(false) === -1);
    if (this.isWindows) {
      for (let i = 0; i < this.set.length; i++) {
        const p = this.set[i];
        if (p[0] === "" && p[1] === "" && this.globParts[i][2] === "?" && typeof p[3] === "string" && /^[a-z]:$/i.test(p[3])) {
          p[2] = "?";
        }
      }
    }
    this.debug(this.pattern, this.set);
  }
  // various transforms to equivalent pattern sets that are
  // faster to process in a filesystem walk.  The goal is to
  // eliminate what we can, and push all ** patterns as far
  // to the right as possible, even if it increases the number
  // of patterns that we have to process.
  preprocess(globParts) {
    if (this.options.noglobstar) {
      for (const partset of globParts) {
        for (let j = 0; j < partset.length; j++) {
          if (partset[j] === "**") {
            partset[j] = "*";
          }
        }
      }
    }
    const { optimizationLevel = 1 } = this.options;
    if (optimizationLevel >= 2) {
      globParts = this.firstPhasePreProcess(globParts);
      globParts = this.secondPhasePreProcess(globParts);
    } else if (optimizationLevel >= 1) {
      globParts = this.levelOneOptimize(globParts);
    } else {
      globParts = this.adjascentGlobstarOptimize(globParts);
    }
    return globParts;
  }
  // just get rid of adjascent ** portions
  adjascentGlobstarOptimize(globParts) {
    return globParts.map((parts) => {
      let gs = -1;
      while (-1 !== (gs = parts.indexOf("**", gs + 1))) {
        let i = gs;
        while (parts[i + 1] === "**") {
          i++;
        }
        if (i !== gs) {
          parts.splice(gs, i - gs);
        }
      }
      return parts;
    });
  }
  // get rid of adjascent ** and resolve .. portions
  levelOneOptimize(globParts) {
    return globParts.map((parts) => {
      parts = parts.reduce((set, part) => {
        const prev = set[set.length - 1];
        if (part === "**" && prev === "**") {
          return set;
        }
        if (part === "..") {
          if (prev && prev !== ".." && prev !== "." && prev !== "**") {
            set.pop();
            return set;
          }
        }
        set.push(part);
        return set;
      }, []);
      return parts.length === 0 ? [""] : parts;
    });
  }
  levelTwoFileOptimize(parts) {
    if (!Array.isArray(parts)) {
      parts = this.slashSplit(parts);
    }
    let didSomething = false;
    do {
      didSomething = false;
      if (!this.preserveMultipleSlashes) {
        for (let i = 1; i < parts.length - 1; i++) {
          const p = parts[i];
          if (i === 1 && p === "" && parts[0] === "")
            continue;
          if (p === "." || p === "") {
            didSomething = true;
            parts.splice(i, 1);
            i--;
          }
        }
        if (parts[0] === "." && parts.length === 2 && (parts[1] === "." || parts[1] === "")) {
          didSomething = true;
          parts.pop();
        }
      }
      let dd = 0;
      while (-1 !== (dd = parts.indexOf("..", dd + 1))) {
        const p = parts[dd - 1];
        if (p && p !== "." && p !== ".." && p !== "**" && !(this.isWindows && /^[a-z]:$/i.test(p))) {
          didSomething = true;
          parts.splice(dd - 1, 2);
          dd -= 2;
        }
      }
    } while (didSomething);
    return parts.length === 0 ? [""] : parts;
  }
  // First phase: single-pattern processing
  // <pre> is 1 or more portions
  // <rest> is 1 or more portions
  // <p> is any portion other than ., .., '', or **
  // <e> is . or ''
  //
  // **/.. is *brutal* for filesystem walking performance, because
  // it effectively resets the recursive walk each time it occurs,
  // and ** cannot be reduced out by a .. pattern part like a regexp
  // or most strings (other than .., ., and '') can be.
  //
  // <pre>/**/../<p>/<p>/<rest> -> {<pre>/../<p>/<p>/<rest>,<pre>/**/<p>/<p>/<rest>}
  // <pre>/<e>/<rest> -> <pre>/<rest>
  // <pre>/<p>/../<rest> -> <pre>/<rest>
  // **/**/<rest> -> **/<rest>
  //
  // **/*/<rest> -> */**/<rest> <== not valid because ** doesn't follow
  // this WOULD be allowed if ** did follow symlinks, or * didn't
  firstPhasePreProcess(globParts) {
    let didSomething = false;
    do {
      didSomething = false;
      for (let parts of globParts) {
        let gs = -1;
        while (-1 !== (gs = parts.indexOf("**", gs + 1))) {
          let gss = gs;
          while (parts[gss + 1] === "**") {
            gss++;
          }
          if (gss > gs) {
            parts.splice(gs + 1, gss - gs);
          }
          let next = parts[gs + 1];
          const p = parts[gs + 2];
          const p2 = parts[gs + 3];
          if (next !== "..")
            continue;
          if (!p || p === "." || p === ".." || !p2 || p2 === "." || p2 === "..") {
            continue;
          }
          didSomething = true;
          parts.splice(gs, 1);
          const other = parts.slice(0);
          other[gs] = "**";
          globParts.push(other);
          gs--;
        }
        if (!this.preserveMultipleSlashes) {
          for (let i = 1; i < parts.length - 1; i++) {
            const p = parts[i];
            if (i === 1 && p === "" && parts[0] === "")
              continue;
            if (p === "." || p === "") {
              didSomething = true;
              parts.splice(i, 1);
              i--;
            }
          }
          if (parts[0] === "." && parts.length === 2 && (parts[1] === "." || parts[1] === "")) {
            didSomething = true;
            parts.pop();
          }
        }
        let dd = 0;
        while (-1 !== (dd = parts.indexOf("..", dd + 1))) {
          const p = parts[dd - 1];
          if (p && p !== "." && p !== ".." && p !== "**") {
            didSomething = true;
            const needDot = dd === 1 && parts[dd + 1] === "**";
            const splin = needDot ? ["."] : [];
            parts.splice(dd - 1, 2, ...splin);
            if (parts.length === 0)
              parts.push("");
            dd -= 2;
          }
        }
      }
    } while (didSomething);
    return globParts;
  }
  // second phase: multi-pattern dedupes
  // {<pre>/*/<rest>,<pre>/<p>/<rest>} -> <pre>/*/<rest>
  // {<pre>/<rest>,<pre>/<rest>} -> <pre>/<rest>
  // {<pre>/**/<rest>,<pre>/<rest>} -> <pre>/**/<rest>
  //
  // {<pre>/**/<rest>,<pre>/**/<p>/<rest>} -> <pre>/**/<rest>
  // ^-- not valid because ** doens't follow symlinks
  secondPhasePreProcess(globParts) {
    for (let i = 0; i < globParts.length - 1; i++) {
      for (let j = i + 1; j < globParts.length; j++) {
        const matched = this.partsMatch(globParts[i], globParts[j], !this.preserveMultipleSlashes);
        if (matched) {
          globParts[i] = [];
          globParts[j] = matched;
          break;
        }
      }
    }
    return globParts.filter((gs) => gs.length);
  }
  partsMatch(a, b, emptyGSMatch = false) {
    let ai = 0;
    let bi = 0;
    let result = [];
    let which = "";
    while (ai < a.length && bi < b.length) {
      if (a[ai] === b[bi]) {
        result.push(which === "b" ? b[bi] : a[ai]);
        ai++;
        bi++;
      } else if (emptyGSMatch && a[ai] === "**" && b[bi] === a[ai + 1]) {
        result.push(a[ai]);
        ai++;
      } else if (emptyGSMatch && b[bi] === "**" && a[ai] === b[bi + 1]) {
        result.push(b[bi]);
        bi++;
      } else if (a[ai] === "*" && b[bi] && (this.options.dot || !b[bi].startsWith(".")) && b[bi] !== "**") {
        if (which === "b")
          return false;
        which = "a";
        result.push(a[ai]);
        ai++;
        bi++;
      } else if (b[bi] === "*" && a[ai] && (this.options.dot || !a[ai].startsWith(".")) && a[ai] !== "**") {
        if (which === "a")
          return false;
        which = "b";
        result.push(b[bi]);
        ai++;
        bi++;
      } else {
        return false;
      }
    }
    return a.length === b.length && result;
  }
  parseNegate() {
    if (this.nonegate)
      return;
    const pattern = this.pattern;
    let negate = false;
    let negateOffset = 0;
    for (let i = 0; i < pattern.length && pattern.charAt(i) === "!"; i++) {
      negate = !negate;
      negateOffset++;
    }
    if (negateOffset)
      this.pattern = pattern.slice(negateOffset);
    this.negate = negate;
  }
  // set partial to true to test if, for example,
  // "/a/b" matches the start of "/*/b/*/d"
  // Partial means, if you run out of file before you run
  // out of pattern, then that's fine, as long as all
  // the parts match.
  matchOne(file, pattern, partial = false) {
    let fileStartIndex = 0;
    let patternStartIndex = 0;
    if (this.isWindows) {
      const fileDrive = typeof file[0] === "string" && /^[a-z]:$/i.test(file[0]);
      const fileUNC = !fileDrive && file[0] === "" && file[1] === "" && file[2] === "?" && /^[a-z]:$/i.test(file[3]);
      const patternDrive = typeof pattern[0] === "string" && /^[a-z]:$/i.test(pattern[0]);
      const patternUNC = !patternDrive && pattern[0] === "" && pattern[1] === "" && pattern[2] === "?" && typeof pattern[3] === "string" && /^[a-z]:$/i.test(pattern[3]);
      const fdi = fileUNC ? 3 : fileDrive ? 0 : void 0;
      const pdi = patternUNC ? 3 : patternDrive ? 0 : void 0;
      if (typeof fdi === "number" && typeof pdi === "number") {
        const [fd, pd] = [
          file[fdi],
          pattern[pdi]
        ];
        if (fd.toLowerCase() === pd.toLowerCase()) {
          pattern[pdi] = fd;
          patternStartIndex = pdi;
          fileStartIndex = fdi;
        }
      }
    }
    const { optimizationLevel = 1 } = this.options;
    if (optimizationLevel >= 2) {
      file = this.levelTwoFileOptimize(file);
    }
    if (pattern.includes(GLOBSTAR)) {
      return this.#matchGlobstar(file, pattern, partial, fileStartIndex, patternStartIndex);
    }
    return this.#matchOne(file, pattern, partial, fileStartIndex, patternStartIndex);
  }
  #matchGlobstar(file, pattern, partial, fileIndex, patternIndex) {
    const firstgs = pattern.indexOf(GLOBSTAR, patternIndex);
    const lastgs = pattern.lastIndexOf(GLOBSTAR);
    const [head, body, tail] = partial ? [
      pattern.slice(patternIndex, firstgs),
      pattern.slice(firstgs + 1),
      []
    ] : [
      pattern.slice(patternIndex, firstgs),
      pattern.slice(firstgs + 1, lastgs),
      pattern.slice(lastgs + 1)
    ];
    if (head.length) {
      const fileHead = file.slice(fileIndex, fileIndex + head.length);
      if (!this.#matchOne(fileHead, head, partial, 0, 0)) {
        return false;
      }
      fileIndex += head.length;
      patternIndex += head.length;
    }
    let fileTailMatch = 0;
    if (tail.length) {
      if (tail.length + fileIndex > file.length)
        return false;
      let tailStart = file.length - tail.length;
      if (this.#matchOne(file, tail, partial, tailStart, 0)) {
        fileTailMatch = tail.length;
      } else {
        if (file[file.length - 1] !== "" || fileIndex + tail.length === file.length) {
          return false;
        }
        tailStart--;
        if (!this.#matchOne(file, tail, partial, tailStart, 0)) {
          return false;
        }
        fileTailMatch = tail.length + 1;
      }
    }
    if (!body.length) {
      let sawSome = !!fileTailMatch;
      for (let i2 = fileIndex; i2 < file.length - fileTailMatch; i2++) {
        const f = String(file[i2]);
        sawSome = true;
        if (f === "." || f === ".." || !this.options.dot && f.startsWith(".")) {
          return false;
        }
      }
      return partial || sawSome;
    }
    const bodySegments = [[[], 0]];
    let currentBody = bodySegments[0];
    let nonGsParts = 0;
    const nonGsPartsSums = [0];
    for (const b of body) {
      if (b === GLOBSTAR) {
        nonGsPartsSums.push(nonGsParts);
        currentBody = [[], 0];
        bodySegments.push(currentBody);
      } else {
        currentBody[0].push(b);
        nonGsParts++;
      }
    }
    let i = bodySegments.length - 1;
    const fileLength = file.length - fileTailMatch;
    for (const b of bodySegments) {
      b[1] = fileLength - (nonGsPartsSums[i--] + b[0].length);
    }
    return !!this.#matchGlobStarBodySections(file, bodySegments, fileIndex, 0, partial, 0, !!fileTailMatch);
  }
  // return false for "nope, not matching"
  // return null for "not matching, cannot keep trying"
  #matchGlobStarBodySections(file, bodySegments, fileIndex, bodyIndex, partial, globStarDepth, sawTail) {
    const bs = bodySegments[bodyIndex];
    if (!bs) {
      for (let i = fileIndex; i < file.length; i++) {
        sawTail = true;
        const f = file[i];
        if (f === "." || f === ".." || !this.options.dot && f.startsWith(".")) {
          return false;
        }
      }
      return sawTail;
    }
    const [body, after] = bs;
    while (fileIndex <= after) {
      const m = this.#matchOne(file.slice(0, fileIndex + body.length), body, partial, fileIndex, 0);
      if (m && globStarDepth < this.maxGlobstarRecursion) {
        const sub = this.#matchGlobStarBodySections(file, bodySegments, fileIndex + body.length, bodyIndex + 1, partial, globStarDepth + 1, sawTail);
        if (sub !== false) {
          return sub;
        }
      }
      const f = file[fileIndex];
      if (f === "." || f === ".." || !this.options.dot && f.startsWith(".")) {
        return false;
      }
      fileIndex++;
    }
    return partial || null;
  }
  #matchOne(file, pattern, partial, fileIndex, patternIndex) {
    let fi;
    let pi;
    let pl;
    let fl;
    for (fi = fileIndex, pi = patternIndex, fl = file.length, pl = pattern.length; fi < fl && pi < pl; fi++, pi++) {
      this.debug("matchOne loop");
      let p = pattern[pi];
      let f = file[fi];
      this.debug(pattern, p, f);
      if (p === false || p === GLOBSTAR) {
        return false;
      }
      let hit;
      if (typeof p === "string") {
        hit = f === p;
        this.debug("string match", p, f, hit);
      } else {
        hit = p.test(f);
        this.debug("pattern match", p, f, hit);
      }
      if (!hit)
        return false;
    }
    if (fi === fl && pi === pl) {
      return true;
    } else if (fi === fl) {
      return partial;
    } else if (pi === pl) {
      return fi === fl - 1 && file[fi] === "";
    } else {
      throw new Error("wtf?");
    }
  }
  braceExpand() {
    return braceExpand(this.pattern, this.options);
  }
  parse(pattern) {
    assertValidPattern(pattern);
    const options = this.options;
    if (pattern === "**")
      return GLOBSTAR;
    if (pattern === "")
      return "";
    let m;
    let fastTest = null;
    if (m = pattern.match(starRE)) {
      fastTest = options.dot ? starTestDot : starTest;
    } else if (m = pattern.match(starDotExtRE)) {
      fastTest = (options.nocase ? options.dot ? starDotExtTestNocaseDot : starDotExtTestNocase : options.dot ? starDotExtTestDot : starDotExtTest)(m[1]);
    } else if (m = pattern.match(qmarksRE)) {
      fastTest = (options.nocase ? options.dot ? qmarksTestNocaseDot : qmarksTestNocase : options.dot ? qmarksTestDot : qmarksTest)(m);
    } else if (m = pattern.match(starDotStarRE)) {
      fastTest = options.dot ? starDotStarTestDot : starDotStarTest;
    } else if (m = pattern.match(dotStarRE)) {
      fastTest = dotStarTest;
    }
    const re = AST.fromGlob(pattern, this.options).toMMPattern();
    if (fastTest && typeof re === "object") {
      Reflect.defineProperty(re, "test", { value: fastTest });
    }
    return re;
  }
  makeRe() {
    if (this.regexp || this.regexp === false)
      return this.regexp;
    const set = this.set;
    if (!set.length) {
      this.regexp = false;
      return this.regexp;
    }
    const options = this.options;
    const twoStar = options.noglobstar ? star2 : options.dot ? twoStarDot : twoStarNoDot;
    const flags = new Set(options.nocase ? ["i"] : []);
    let re = set.map((pattern) => {
      const pp = pattern.map((p) => {
        if (p instanceof RegExp) {
          for (const f of p.flags.split(""))
            flags.add(f);
        }
        return typeof p === "string" ? regExpEscape2(p) : p === GLOBSTAR ? GLOBSTAR : p._src;
      });
      pp.forEach((p, i) => {
        const next = pp[i + 1];
        const prev = pp[i - 1];
        if (p !== GLOBSTAR || prev === GLOBSTAR) {
          return;
        }
        if (prev === void 0) {
          if (next !== void 0 && next !== GLOBSTAR) {
            pp[i + 1] = "(?:\\/|" + twoStar + "\\/)?" + next;
          } else {
            pp[i] = twoStar;
          }
        } else if (next === void 0) {
          pp[i - 1] = prev + "(?:\\/|\\/" + twoStar + ")?";
        } else if (next !== GLOBSTAR) {
          pp[i - 1] = prev + "(?:\\/|\\/" + twoStar + "\\/)" + next;
          pp[i + 1] = GLOBSTAR;
        }
      });
      const filtered = pp.filter((p) => p !== GLOBSTAR);
      if (this.partial && filtered.length >= 1) {
        const prefixes = [];
        for (let i = 1; i <= filtered.length; i++) {
          prefixes.push(filtered.slice(0, i).join("/"));
        }
        return "(?:" + prefixes.join("|") + ")";
      }
      return filtered.join("/");
    }).join("|");
    const [open, close] = set.length > 1 ? ["(?:", ")"] : ["", ""];
    re = "^" + open + re + close + "$";
    if (this.partial) {
      re = "^(?:\\/|" + open + re.slice(1, -1) + close + ")$";
    }
    if (this.negate)
      re = "^(?!" + re + ").+$";
    try {
      this.regexp = new RegExp(re, [...flags].join(""));
    } catch {
      this.regexp = false;
    }
    return this.regexp;
  }
  slashSplit(p) {
    if (this.preserveMultipleSlashes) {
      return p.split("/");
    } else if (this.isWindows && /^\/\/[^/]+/.test(p)) {
      return ["", ...p.split(/\/+/)];
    } else {
      return p.split(/\/+/);
    }
  }
  match(f, partial = this.partial) {
    this.debug("match", f, this.pattern);
    if (this.comment) {
      return false;
    }
    if (this.empty) {
      return f === "";
    }
    if (f === "/" && partial) {
      return true;
    }
    const options = this.options;
    if (this.isWindows) {
      f = f.split("\\").join("/");
    }
    const ff = this.slashSplit(f);
    this.debug(this.pattern, "split", ff);
    const set = this.set;
    this.debug(this.pattern, "set", set);
    let filename = ff[ff.length - 1];
    if (!filename) {
      for (let i = ff.length - 2; !filename && i >= 0; i--) {
        filename = ff[i];
      }
    }
    for (const pattern of set) {
      let file = ff;
      if (options.matchBase && pattern.length === 1) {
        file = [filename];
      }
      const hit = this.matchOne(file, pattern, partial);
      if (hit) {
        if (options.flipNegate) {
          return true;
        }
        return !this.negate;
      }
    }
    if (options.flipNegate) {
      return false;
    }
    return this.negate;
  }
  static defaults(def) {
    return minimatch.defaults(def).Minimatch;
  }
};
minimatch.AST = AST;
minimatch.Minimatch = Minimatch;
minimatch.escape = escape;
minimatch.unescape = unescape;

// dist/src/config/config.js
var import_ignore = __toESM(require_ignore(), 1);
var CONFIG_FILE_NAME = "telemetry-drift.config.json";
var PACKAGE_JSON_KEY = "telemetryDrift";
var DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
var ConfigError = class extends Error {
  name = "ConfigError";
};
var validator;
var preloaded;
async function preloadConfigValidator() {
  preloaded ??= await import("./ajv-X76X5AEN.js");
}
function schemaValidator() {
  if (!validator) {
    const AjvModule = preloaded ?? createRequire(import.meta.url)("ajv");
    const schema = JSON.parse(readFileSync(join(packageRoot(), "schema", "telemetry-drift.schema.json"), "utf8"));
    validator = new AjvModule.default({ allErrors: true, strict: false }).compile(schema);
  }
  return validator;
}
function describeSchemaError(error, where) {
  const path2 = error.instancePath ? error.instancePath.replace(/^\//, "").replace(/\//g, ".") : "";
  const at = path2 ? `\`${path2}\`` : "the top level";
  if (error.keyword === "additionalProperties") {
    const key = error.params.additionalProperty;
    return `${where}: unknown key \`${path2 ? path2 + "." : ""}${key}\``;
  }
  if (error.keyword === "propertyNames") {
    const name = error.params.propertyName;
    return `${where}: unknown rule id \`${name}\` in \`${path2}\` (run \`telemetry-drift --list-rules\`)`;
  }
  if (error.keyword === "enum") {
    const allowed = error.params.allowedValues.map((v) => JSON.stringify(v)).join(", ");
    return `${where}: ${at} must be one of ${allowed}`;
  }
  return `${where}: ${at} ${error.message ?? "is invalid"}`;
}
function validateConfig(data, where) {
  const validate = schemaValidator();
  if (!validate(data)) {
    const errors = validate.errors ?? [];
    const sorted = [...errors].sort((a, b) => rank(a) - rank(b));
    const first = sorted[0];
    throw new ConfigError(first ? describeSchemaError(first, where) : `${where}: invalid configuration`);
  }
  const config = data;
  checkGlobs(config, where);
  return config;
}
function checkGlobs(config, where) {
  const check = (pattern, key, engine) => {
    try {
      if (engine === "minimatch")
        new Minimatch(pattern.replace(/^\.\//, ""), { dot: true }).match("a/b");
      else
        (0, import_ignore.default)().add([pattern]).ignores("a/b");
    } catch (error) {
      const shown = pattern.length > 60 ? `${JSON.stringify(pattern.slice(0, 57))}\u2026 (${pattern.length} characters)` : JSON.stringify(pattern);
      throw new ConfigError(`${where}: \`${key}\` ${shown} is not a usable glob (${oneLine(error.message).slice(0, 120)})`);
    }
  };
  config.include?.forEach((p, i) => check(p, `include[${i}]`, "minimatch"));
  for (const key of ["exclude", "dashboards", "ruleFiles"])
    config[key]?.forEach((p, i) => check(p, `${key}[${i}]`, "ignore"));
  config.ignore?.forEach((entry, i) => entry.file !== void 0 && check(entry.file, `ignore[${i}].file`, "ignore"));
}
var rank = (e) => e.keyword === "additionalProperties" ? 0 : e.keyword === "propertyNames" ? 1 : 2;
function parseJson(text, where) {
  const body = text.charCodeAt(0) === 65279 ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const raw = error.message;
    const message = oneLine(raw.replace(/ in JSON at position \d+.*$/s, ""));
    const at = jsonErrorLocation(body, raw);
    throw new ConfigError(at ? `${where}:${at.line}:${at.column}: invalid JSON (${message})` : `${where}: invalid JSON (${message})`);
  }
}
var oneLine = (s) => s.replace(/[\u0000-\u001f\u2028\u2029]/g, (c) => c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "	" ? "\\t" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
function jsonErrorLocation(text, message) {
  const position = / at position (\d+)/.exec(message);
  if (position) {
    const offset = Number(position[1]);
    const before = text.slice(0, offset);
    return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
  }
  try {
    parse(text);
  } catch (error) {
    const e = error;
    if (typeof e.line === "number" && typeof e.column === "number")
      return { line: e.line, column: e.column };
  }
  return void 0;
}
var MAX_CONFIG_BYTES = 4 * 1024 * 1024;
function readText(path2, where) {
  try {
    return readTextLimited(path2, MAX_CONFIG_BYTES);
  } catch (error) {
    if (error instanceof TooBigError)
      throw new ConfigError(`${where}: is ${error.message}, too big for a config file`);
    const code = error.code;
    if (code === "ENOENT")
      return void 0;
    if (code === "EISDIR")
      throw new ConfigError(`${where}: is a directory, expected a JSON file`);
    throw new ConfigError(`${where}: cannot read (${code ?? error.message})`);
  }
}
function loadConfig(root, explicitPath) {
  if (explicitPath) {
    const shown = relative(process.cwd(), explicitPath) || explicitPath;
    const text = readText(explicitPath, shown);
    if (text === void 0)
      throw new ConfigError(`${shown}: config file not found`);
    return { config: validateConfig(parseJson(text, shown), shown), file: shown };
  }
  const configText = readText(join(root, CONFIG_FILE_NAME), CONFIG_FILE_NAME);
  if (configText !== void 0) {
    return { config: validateConfig(parseJson(configText, CONFIG_FILE_NAME), CONFIG_FILE_NAME), file: CONFIG_FILE_NAME };
  }
  const packageText = readText(join(root, "package.json"), "package.json");
  if (packageText !== void 0) {
    let pkg;
    try {
      pkg = JSON.parse(packageText.charCodeAt(0) === 65279 ? packageText.slice(1) : packageText);
    } catch {
      return { config: {} };
    }
    if (pkg && typeof pkg === "object" && PACKAGE_JSON_KEY in pkg) {
      const where = `package.json#${PACKAGE_JSON_KEY}`;
      return { config: validateConfig(pkg[PACKAGE_JSON_KEY], where), file: "package.json" };
    }
  }
  return { config: {} };
}

// dist/src/engine/cache.js
import { createHash } from "node:crypto";
import { existsSync as existsSync2, readdirSync, readFileSync as readFileSync2, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname as dirname2, join as join2 } from "node:path";
import { deserialize, serialize } from "node:v8";
var INDEX_MAGIC = Buffer.from("telemetry-drift index\n");
var STORE_MAGIC = Buffer.from("telemetry-drift facts\n");
var FORMAT = 4;
var REFRESHES_WORTH_A_WRITE = 64;
var RACY_WINDOW_MS = 2e3;
var FactCache = class _FactCache {
  files;
  entries;
  result;
  seen = /* @__PURE__ */ new Set();
  indexDirty = false;
  /** Facts by store key: loaded on first use; new ones are added here. */
  store;
  storeDirty = false;
  /** Why a previous cache file was not used, if one existed but was unusable. */
  discarded;
  constructor(files, entries, result, discarded) {
    this.files = files;
    this.entries = entries;
    this.result = result;
    this.discarded = discarded;
  }
  /** A cache that remembers nothing (`--no-cache`). */
  static disabled() {
    return new _FactCache(void 0, new Entries(), void 0);
  }
  /**
   * Opens the cache for one set of extraction options under `directory`. A missing index is an empty
   * cache; an unreadable, corrupt or other-version one is an empty cache with `discarded` set.
   */
  static open(directory, root, optionsKey) {
    const key = createHash("sha256").update(`${TOOL_VERSION}\0${FORMAT}\0${root}\0${optionsKey}`).digest("hex").slice(0, 16);
    const files = { index: join2(directory, `index-${key}.bin`), store: join2(directory, `facts-${key}.bin`) };
    let bytes;
    try {
      bytes = readFileSync2(files.index);
    } catch {
      return new _FactCache(files, new Entries(), void 0);
    }
    const decoded = decodeIndex(bytes);
    if (typeof decoded === "string")
      return new _FactCache(files, new Entries(), void 0, `${files.index}: ${decoded}; rebuilt`);
    return new _FactCache(files, decoded.entries, decoded.result);
  }
  get enabled() {
    return this.files !== void 0;
  }
  get(path2) {
    return this.entries.get(path2);
  }
  /** The content hash of a path's entry when its size and mtime prove it current (no read, no object). */
  freshHash(path2, size, mtimeMs) {
    return this.files ? this.entries.freshHash(path2, size, mtimeMs) : void 0;
  }
  /** Is the entry provably current for this size and mtime (no read needed)? */
  fresh(entry, size, mtimeMs) {
    return !entry.racy && entry.size === size && entry.mtimeMs === mtimeMs;
  }
  /** Records that an entry was seen again (so `save` can drop files that are gone). */
  touch(path2) {
    this.seen.add(path2);
  }
  set(path2, entry) {
    if (!this.files)
      return;
    this.entries.set(path2, entry);
    this.seen.add(path2);
    this.indexDirty = true;
  }
  /**
   * A content-hash hit after a size or mtime change: same facts, new stat. A few such refreshes alone
   * do not rewrite the index (re-hashing a handful of touched files next time is cheaper than writing
   * tens of thousands of entries); many do.
   */
  refresh(path2, entry, size, mtimeMs) {
    const updated = { ...entry, size, mtimeMs };
    delete updated.racy;
    if (!this.files)
      return updated;
    this.entries.set(path2, updated);
    this.seen.add(path2);
    this.refreshed++;
    return updated;
  }
  refreshed = 0;
  storeSecondPass(path2, entry, verdict) {
    entry.secondPass = verdict;
    this.set(path2, entry);
  }
  /** The facts of an extracted entry; `undefined` when the store lost them (extract again). */
  factsOf(path2, entry) {
    if (entry.facts === null)
      return null;
    const bytes = this.loadStore().get(storeKey(path2, entry.hash));
    if (!bytes)
      return void 0;
    try {
      return deserialize(bytes);
    } catch {
      return void 0;
    }
  }
  storeFacts(path2, entry, facts) {
    if (!this.files)
      return;
    entry.facts = facts ? true : null;
    if (facts) {
      this.loadStore().set(storeKey(path2, entry.hash), serialize(facts));
      this.storeDirty = true;
    }
    this.set(path2, entry);
  }
  /** The report of a previous run over exactly the same input, if any. */
  report(key) {
    return this.result?.key === key ? this.result.report : void 0;
  }
  storeReport(key, report) {
    if (!this.files || this.result?.key === key)
      return;
    this.result = { key, report };
    this.indexDirty = true;
  }
  /**
   * Writes what changed, keeping only the files seen in this run when the run covered the whole tree.
   * Failures (read-only tree, full disk) only cost the next run its speed.
   */
  save(wholeTree) {
    if (!this.files)
      return;
    if (wholeTree) {
      for (const path2 of [...this.entries.keys()]) {
        if (!this.seen.has(path2)) {
          this.entries.delete(path2);
          this.indexDirty = true;
        }
      }
    }
    if (this.storeDirty) {
      const live = /* @__PURE__ */ new Set();
      for (const [path2, entry] of this.entries.all())
        if (entry.facts)
          live.add(storeKey(path2, entry.hash));
      const kept = [...this.loadStore()].filter(([key]) => live.has(key)).sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
      writeAtomically(this.files.store, STORE_MAGIC, serialize({ format: FORMAT, facts: kept }));
      this.storeDirty = false;
    }
    if (this.refreshed > REFRESHES_WORTH_A_WRITE)
      this.indexDirty = true;
    if (!this.indexDirty)
      return;
    const now = Date.now();
    const all = this.entries.all();
    for (const [, entry] of all) {
      if (now - entry.mtimeMs < RACY_WINDOW_MS)
        entry.racy = true;
      else
        delete entry.racy;
    }
    const sorted = all.sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    writeAtomically(this.files.index, INDEX_MAGIC, serialize({ format: FORMAT, entries: toColumns(sorted), result: this.result }));
    this.indexDirty = false;
    removeAbandonedTempFiles(dirname2(this.files.index));
  }
  loadStore() {
    if (this.store)
      return this.store;
    this.store = /* @__PURE__ */ new Map();
    if (!this.files)
      return this.store;
    let bytes;
    try {
      bytes = readFileSync2(this.files.store);
    } catch {
      return this.store;
    }
    const payload = verified(bytes, STORE_MAGIC);
    try {
      const data = typeof payload === "string" ? void 0 : deserialize(payload);
      if (data?.format === FORMAT && Array.isArray(data.facts)) {
        for (const item of data.facts) {
          if (Array.isArray(item) && typeof item[0] === "string" && item[1] instanceof Uint8Array)
            this.store.set(item[0], item[1]);
        }
      } else
        this.discarded ??= `${this.files.store}: ${typeof payload === "string" ? payload : "written by another cache format"}; rebuilt`;
    } catch {
      this.discarded ??= `${this.files.store}: corrupt (cannot be decoded); rebuilt`;
    }
    return this.store;
  }
};
var storeKey = (path2, hash) => `${hash}:${path2}`;
function writeAtomically(file, magic, payload) {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    if (!ensureDirectory(dirname2(file)))
      return;
    writeFileSync(temp, Buffer.concat([magic, createHash("sha256").update(payload).digest(), payload]));
    renameSync(temp, file);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
    }
  }
}
function removeAbandonedTempFiles(dir) {
  try {
    const hourAgo = Date.now() - 60 * 60 * 1e3;
    for (const name of readdirSync(dir)) {
      if (!/^(index|facts)-[0-9a-f]{16}\.bin\.\d+\.[0-9a-z]+\.tmp$/.test(name))
        continue;
      const path2 = join2(dir, name);
      if (statSync(path2).mtimeMs < hourAgo)
        rmSync(path2, { force: true });
    }
  } catch {
  }
}
function verified(bytes, magic) {
  if (bytes.length < magic.length + 32 || !bytes.subarray(0, magic.length).equals(magic))
    return "not a telemetry-drift cache file";
  const digest = bytes.subarray(magic.length, magic.length + 32);
  const payload = bytes.subarray(magic.length + 32);
  if (!createHash("sha256").update(payload).digest().equals(digest))
    return "corrupt (checksum mismatch)";
  return payload;
}
function decodeIndex(bytes) {
  const payload = verified(bytes, INDEX_MAGIC);
  if (typeof payload === "string")
    return payload;
  try {
    const data = deserialize(payload);
    if (data.format !== FORMAT)
      return "written by another cache format";
    const entries = fromColumns(data.entries);
    if (!entries)
      return "corrupt (unexpected entries)";
    const result = data.result;
    if (result !== void 0 && (typeof result?.key !== "string" || typeof result.report !== "object" || result.report === null))
      return "corrupt (unexpected report)";
    return { entries, ...result ? { result } : {} };
  } catch {
    return "corrupt (cannot be decoded)";
  }
}
function toColumns(entries) {
  const n = entries.length;
  const columns = { paths: "", hashes: "", sizes: new Float64Array(n), mtimes: new Float64Array(n), flags: new Uint8Array(n), secondKeys: "" };
  const paths = [];
  const hashes = [];
  const secondKeys = [];
  entries.forEach(([path2, e], i) => {
    paths.push(path2);
    hashes.push(e.hash);
    secondKeys.push(e.secondPass?.key ?? "");
    columns.sizes[i] = e.size;
    columns.mtimes[i] = e.mtimeMs;
    columns.flags[i] = (e.firstPass ? 1 : 0) | (e.facts !== void 0 ? 2 : 0) | (e.facts === null ? 4 : 0) | (e.racy ? 8 : 0) | (e.secondPass ? 16 : 0) | (e.secondPass?.matched ? 32 : 0) | (e.generated ? 64 : 0);
  });
  columns.paths = paths.join("\n");
  columns.hashes = hashes.join("\n");
  columns.secondKeys = secondKeys.join("\n");
  return columns;
}
function fromColumns(value) {
  const c = value;
  if (typeof c !== "object" || c === null || typeof c.paths !== "string" || typeof c.hashes !== "string" || typeof c.secondKeys !== "string")
    return void 0;
  if (!(c.sizes instanceof Float64Array) || !(c.mtimes instanceof Float64Array) || !(c.flags instanceof Uint8Array))
    return void 0;
  const n = c.sizes.length;
  if (n === 0)
    return new Entries();
  const paths = c.paths.split("\n");
  const hashes = c.hashes.split("\n");
  const secondKeys = c.secondKeys.split("\n");
  if (paths.length !== n || hashes.length !== n || secondKeys.length !== n || c.mtimes.length !== n || c.flags.length !== n)
    return void 0;
  return new Entries({ paths, hashes, secondKeys, sizes: c.sizes, mtimes: c.mtimes, flags: c.flags });
}
var Entries = class {
  columns;
  materialised = /* @__PURE__ */ new Map();
  rows = /* @__PURE__ */ new Map();
  removed = /* @__PURE__ */ new Set();
  constructor(columns) {
    this.columns = columns;
    if (columns)
      columns.paths.forEach((path2, i) => this.rows.set(path2, i));
  }
  get(path2) {
    const entry = this.materialised.get(path2);
    if (entry || this.removed.has(path2))
      return entry;
    const i = this.rows.get(path2);
    if (i === void 0 || !this.columns)
      return void 0;
    const c = this.columns;
    const flags = c.flags[i];
    const made = { size: c.sizes[i], mtimeMs: c.mtimes[i], hash: c.hashes[i], firstPass: (flags & 1) !== 0 };
    if (flags & 2)
      made.facts = flags & 4 ? null : true;
    if (flags & 8)
      made.racy = true;
    if (flags & 64)
      made.generated = true;
    if (flags & 16)
      made.secondPass = { key: c.secondKeys[i], matched: (flags & 32) !== 0 };
    this.materialised.set(path2, made);
    return made;
  }
  /** The content hash of a path's entry when size and mtime prove it current, without materialising it. */
  freshHash(path2, size, mtimeMs) {
    const entry = this.materialised.get(path2);
    if (entry)
      return !entry.racy && entry.size === size && entry.mtimeMs === mtimeMs ? entry.hash : void 0;
    const i = this.removed.has(path2) ? void 0 : this.rows.get(path2);
    if (i === void 0 || !this.columns)
      return void 0;
    const c = this.columns;
    return (c.flags[i] & 8) === 0 && c.sizes[i] === size && c.mtimes[i] === mtimeMs ? c.hashes[i] : void 0;
  }
  set(path2, entry) {
    this.removed.delete(path2);
    this.materialised.set(path2, entry);
  }
  delete(path2) {
    this.materialised.delete(path2);
    if (this.rows.has(path2))
      this.removed.add(path2);
  }
  *keys() {
    for (const path2 of this.materialised.keys())
      yield path2;
    for (const path2 of this.rows.keys())
      if (!this.materialised.has(path2) && !this.removed.has(path2))
        yield path2;
  }
  /** Every entry, materialised (for writing the index). */
  all() {
    return [...this.keys()].map((path2) => [path2, this.get(path2)]);
  }
};
var contentHash = (text) => createHash("sha1").update(text).digest("hex");
function defaultCacheLocation(root) {
  for (let dir = root; ; dir = dirname2(dir)) {
    if (existsSync2(join2(dir, "node_modules")))
      return join2(dir, "node_modules", ".cache", "telemetry-drift");
    if (dirname2(dir) === dir)
      break;
  }
  return join2(tmpdir(), `telemetry-drift-cache-${process.getuid?.() ?? "user"}`);
}

// dist/src/baseline/baseline.js
var DEFAULT_BASELINE_FILE = "telemetry-drift-baseline.json";
function formatBaseline(report) {
  const entries = report.findings.filter((f) => f.fingerprint && f.rule !== "suppression-unused").map((f) => ({ fingerprint: f.fingerprint, rule: f.rule, file: f.file, subject: f.subject })).sort((a, b) => cmp(a.file, b.file) || cmp(a.rule, b.rule) || cmp(a.subject, b.subject) || cmp(a.fingerprint, b.fingerprint));
  const body = entries.map((e) => `    ${JSON.stringify(e)}`).join(",\n");
  return `{
  "version": 1,
  "tool": "${TOOL_NAME}",
  "findings": [
${body}${body ? "\n" : ""}  ]
}
`;
}
function parseBaseline(file, text) {
  let doc;
  try {
    doc = parse(text);
  } catch (error) {
    const e = error;
    return { error: `${file}:${e.line ?? 1}: not a telemetry-drift baseline (invalid JSON: ${e.message})` };
  }
  const body = doc.body;
  const list = body.type === "Object" ? body.members.find((m) => m.name.type === "String" && m.name.value === "findings")?.value : void 0;
  if (list?.type !== "Array")
    return { error: `${file}:1: not a telemetry-drift baseline (no "findings" list; write one with \`telemetry-drift baseline\`)` };
  const entries = [];
  const lines = [];
  for (const element of list.elements) {
    const node = element.value;
    const fields = {};
    if (node.type === "Object") {
      for (const m of node.members)
        if (m.name.type === "String" && m.value.type === "String")
          fields[m.name.value] = m.value.value;
    }
    if (!fields.fingerprint || !fields.rule || fields.file === void 0 || fields.subject === void 0) {
      return { error: `${file}:${node.loc.start.line}: a baseline entry needs "fingerprint", "rule", "file" and "subject"` };
    }
    entries.push({ fingerprint: fields.fingerprint, rule: fields.rule, file: fields.file, subject: fields.subject });
    lines.push(node.loc.start.line);
  }
  return { entries, lines };
}
function applyBaseline(report, baseline, baselineFile, staleSeverity) {
  const available = /* @__PURE__ */ new Map();
  for (const e of baseline.entries)
    available.set(e.fingerprint, (available.get(e.fingerprint) ?? 0) + 1);
  const kept = [];
  let matched = 0;
  for (const f of report.findings) {
    const left = f.fingerprint ? available.get(f.fingerprint) ?? 0 : 0;
    if (left > 0) {
      available.set(f.fingerprint, left - 1);
      matched++;
    } else
      kept.push(f);
  }
  const stale = [];
  baseline.entries.forEach((e, i) => {
    const left = available.get(e.fingerprint) ?? 0;
    if (left === 0)
      return;
    available.set(e.fingerprint, left - 1);
    if (staleSeverity === "off")
      return;
    stale.push({
      rule: "suppression-unused",
      severity: staleSeverity,
      message: `Baseline entry for ${e.rule} \`${e.subject}\` in ${e.file} no longer matches any finding (fixed, or its line changed); remove it or rewrite the baseline with \`telemetry-drift baseline\`.`,
      file: baselineFile,
      line: baseline.lines[i] ?? 1,
      column: 1,
      subject: e.fingerprint,
      related: []
    });
  });
  const findings = [...kept, ...stale].sort(compareFindings);
  return {
    ...report,
    findings,
    summary: {
      error: findings.filter((f) => f.severity === "error").length,
      warning: findings.filter((f) => f.severity === "warning").length,
      info: findings.filter((f) => f.severity === "info").length
    },
    baseline: { file: baselineFile, matched, stale: stale.length }
  };
}
var cmp = (a, b) => a < b ? -1 : a > b ? 1 : 0;

// dist/src/engine/run.js
import { existsSync as existsSync5, readFileSync as readFileSync5 } from "node:fs";
import { isAbsolute, relative as relative2, resolve } from "node:path";

// dist/src/engine/read.js
import { isUtf8 } from "node:buffer";
import { closeSync as closeSync2, fstatSync, openSync as openSync2, readFileSync as readFileSync3, readSync as readSync2 } from "node:fs";
import { join as join3 } from "node:path";
var problem = (file, message) => ({ problem: { loc: { file, line: 1, column: 1 }, message } });
var decoder = new TextDecoder("utf-8", { fatal: true });
function readSourceFileSync(root, file, maxFileSize) {
  const absolute = join3(root, file);
  let fd;
  try {
    fd = openSync2(absolute, "r");
    const info = fstatSync(fd);
    const result = tooBig(file, info.isDirectory(), info.size, maxFileSize) ?? decode(file, readFileSync3(fd));
    return "text" in result ? { ...result, size: info.size, mtimeMs: info.mtimeMs } : result;
  } catch (error) {
    return unreadable(file, error);
  } finally {
    if (fd !== void 0)
      closeSync2(fd);
  }
}
var scratch = Buffer.allocUnsafe(1 << 20);
function readCheckedBytesSync(root, file, maxFileSize) {
  let fd;
  try {
    fd = openSync2(`${root}/${file}`, "r");
    const info = fstatSync(fd);
    const big = tooBig(file, info.isDirectory(), info.size, maxFileSize);
    if (big)
      return big;
    if (scratch.length < info.size + 1)
      scratch = Buffer.allocUnsafe(Math.max(info.size + 1, scratch.length * 2));
    let length = 0;
    for (; ; ) {
      if (length === scratch.length) {
        const bigger = Buffer.allocUnsafe(scratch.length * 2);
        scratch.copy(bigger, 0, 0, length);
        scratch = bigger;
      }
      const n = readSync2(fd, scratch, length, scratch.length - length, null);
      if (n === 0)
        break;
      length += n;
      if (length > maxFileSize)
        return tooBig(file, false, length, maxFileSize);
    }
    const bytes = scratch.subarray(0, length);
    if (bytes.subarray(0, 8192).includes(0))
      return problem(file, `${file}: binary content (NUL bytes), not a text file`);
    if (!isUtf8(bytes))
      return problem(file, `${file}: not valid UTF-8 text`);
    return { bytes, size: info.size, mtimeMs: info.mtimeMs };
  } catch (error) {
    return unreadable(file, error);
  } finally {
    if (fd !== void 0)
      closeSync2(fd);
  }
}
function textOf(bytes) {
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 65279 ? text.slice(1) : text;
}
function tooBig(file, isDirectory, size, maxFileSize) {
  if (isDirectory)
    return problem(file, `${file}: is a directory, expected a file`);
  if (size > maxFileSize) {
    return problem(file, `${file}: skipped, ${formatBytes(size)} is over the ${formatBytes(maxFileSize)} limit (raise \`maxFileSize\` in the config to analyse it)`);
  }
  return void 0;
}
function unreadable(file, error) {
  const code = error.code;
  const reason = code === "ENOENT" ? "was deleted during the run" : code === "EACCES" || code === "EPERM" ? "permission denied" : code ?? error.message;
  return problem(file, `${file}: cannot be read (${reason})`);
}
function decode(file, bytes) {
  if (bytes.length === 0)
    return { text: "" };
  const sniff = bytes.subarray(0, 8192);
  if (sniff.includes(0))
    return problem(file, `${file}: binary content (NUL bytes), not a text file`);
  try {
    let text = decoder.decode(bytes);
    if (text.charCodeAt(0) === 65279)
      text = text.slice(1);
    return { text };
  } catch {
    return problem(file, `${file}: not valid UTF-8 text`);
  }
}
function formatBytes(n) {
  if (n >= 1024 * 1024)
    return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024)
    return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

// dist/src/engine/collect.js
import { statSync as statSync2 } from "node:fs";

// dist/src/discover/discover.js
import { isUtf8 as isUtf82 } from "node:buffer";
import { existsSync as existsSync3, lstatSync, readdirSync as readdirSync2, readFileSync as readFileSync4 } from "node:fs";
import { join as join4, posix } from "node:path";
var import_ignore2 = __toESM(require_ignore(), 1);
var ALWAYS_SKIPPED_DIRS = ["node_modules", "_build", "deps", ".git", "dist", "cover", ".elixir_ls", ".cache"];
var BY_EXTENSION = new Map([
  ["ex", "elixir"],
  ["exs", "elixir"],
  ["json", "json"],
  ["yml", "yaml"],
  ["yaml", "yaml"],
  ["rules", "yaml"],
  ...["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"].map((e) => [e, "typescript"])
]);
function kindOf(path2) {
  const base = path2.slice(path2.lastIndexOf("/") + 1);
  if (base === "mix.lock")
    return "mix-lock";
  if (base === "package.json")
    return "package-json";
  const dot = base.lastIndexOf(".");
  return dot < 0 ? void 0 : BY_EXTENSION.get(base.slice(dot + 1));
}
var GitignoreTree = class {
  root;
  problems;
  byDir = /* @__PURE__ */ new Map();
  constructor(root, problems) {
    this.root = root;
    this.problems = problems;
  }
  matcherFor(dir) {
    let matcher = this.byDir.get(dir);
    if (matcher === void 0) {
      const file = join4(this.root, dir, ".gitignore");
      matcher = null;
      if (existsSync3(file)) {
        try {
          matcher = compileGitignore(readFileSync4(file, "utf8"), dir === "" ? ".gitignore" : `${dir}/.gitignore`, this.problems);
        } catch {
          matcher = null;
        }
      }
      this.byDir.set(dir, matcher);
    }
    return matcher;
  }
  /** The .gitignore files that apply inside `dir` (its own and its ancestors'), with the folder each sits in. */
  chainFor(dir) {
    let chain = this.chains.get(dir);
    if (!chain) {
      const parent = dir === "" ? [] : this.chainFor(dir.includes("/") ? dir.slice(0, dir.lastIndexOf("/")) : "");
      const own = this.matcherFor(dir);
      chain = own ? [...parent, { prefix: dir === "" ? "" : `${dir}/`, matcher: own }] : parent;
      this.chains.set(dir, chain);
    }
    return chain;
  }
  chains = /* @__PURE__ */ new Map();
  /** Is `relPath` (a file, or a directory when `isDir`) ignored by any .gitignore above it? */
  ignored(relPath, isDir) {
    const slash = relPath.lastIndexOf("/");
    const chain = this.chainFor(slash < 0 ? "" : relPath.slice(0, slash));
    for (const { prefix, matcher } of chain) {
      if (matcher.ignores(relPath.slice(prefix.length) + (isDir ? "/" : "")))
        return true;
    }
    return false;
  }
};
function compileGitignore(text, path2, problems) {
  const lines = text.split(/\r?\n/);
  try {
    const whole = (0, import_ignore2.default)().add(text);
    whole.ignores("probe");
    return whole;
  } catch {
    const kept = [];
    lines.forEach((line, i) => {
      try {
        (0, import_ignore2.default)().add(line).ignores("probe");
        kept.push(line);
      } catch (error) {
        problems.push({ path: path2, line: i + 1, message: `${path2}:${i + 1}: this .gitignore line cannot be used (${error.message.slice(0, 80)}); it is ignored` });
      }
    });
    return (0, import_ignore2.default)().add(kept.join("\n"));
  }
}
function discover(root, options = {}, paths = []) {
  const problems = [];
  const gitignore = new GitignoreTree(root, problems);
  const excluded = options.exclude?.length ? (0, import_ignore2.default)().add(options.exclude) : void 0;
  const included = options.include?.length ? options.include.map((pattern) => new Minimatch(pattern.replace(/^\.\//, ""), { dot: true })) : void 0;
  const skipDir = (rel) => {
    if (ALWAYS_SKIPPED_DIRS.includes(posix.basename(rel)))
      return true;
    if (excluded?.ignores(rel + "/"))
      return true;
    return gitignore.ignored(rel, true);
  };
  const files = [];
  const seen = /* @__PURE__ */ new Set();
  const consider = (rel) => {
    if (seen.has(rel))
      return;
    const kind = kindOf(rel);
    if (!kind || options.kinds && !options.kinds.has(kind))
      return;
    if (included && !included.some((m) => m.match(rel)))
      return;
    if (excluded?.ignores(rel) || gitignore.ignored(rel, false))
      return;
    seen.add(rel);
    files.push({ path: rel, kind });
  };
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync2(dir === "" ? root : join4(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    const badNames = entries.some((e) => e.name.includes("\uFFFD")) ? undecodableNames(dir === "" ? root : join4(root, dir)) : void 0;
    for (const entry of entries) {
      const rel = dir === "" ? entry.name : `${dir}/${entry.name}`;
      if (badNames?.has(entry.name)) {
        if (entry.isFile() && kindOf(rel))
          problems.push({ path: rel, message: `${rel}: the file name is not valid UTF-8, so it cannot be read; rename it` });
        continue;
      }
      if (entry.isDirectory()) {
        if (!skipDir(rel))
          walk(rel);
      } else if (entry.isFile())
        consider(rel);
    }
  };
  const scopes = paths.map((p) => p.replace(/\\/g, "/").replace(/\/+$/, "").replace(/^\.\//, "")).filter((p) => p !== ".");
  if (scopes.length === 0 || paths.some((p) => p === "" || p === "." || p === "./"))
    walk("");
  for (const scope of scopes) {
    if (scope === "")
      continue;
    const ancestors = scope.split("/").slice(0, -1);
    if (ancestors.some((_, i) => skipDir(ancestors.slice(0, i + 1).join("/"))))
      continue;
    let info;
    try {
      info = lstatSync(join4(root, scope));
    } catch {
      continue;
    }
    if (info.isDirectory()) {
      if (!skipDir(scope))
        walk(scope);
    } else if (info.isFile())
      consider(scope);
  }
  files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  problems.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : (a.line ?? 0) - (b.line ?? 0));
  return { files, problems };
}
function undecodableNames(dir) {
  const out = /* @__PURE__ */ new Set();
  try {
    for (const raw of readdirSync2(dir, { encoding: "buffer" }))
      if (!isUtf82(raw))
        out.add(raw.toString("utf8"));
  } catch {
  }
  return out;
}

// dist/src/discover/prefilter.js
import { posix as posix2 } from "node:path";
var ELIXIR_TOKENS = /elemetry|PromEx|prom_ex|Ecto\.Repo|Peep|Events?\b/;
var TS_TOKENS = /@opentelemetry|prom-client|diagnostics_channel|getMeter|create(?:Counter|UpDownCounter|Histogram|Gauge|Observable)|telemetry-drift|Event/;
function needsFirstPass(kind, path2, text, extra) {
  switch (kind) {
    case "elixir":
      return /(^|\/)mix\.exs$/.test(path2) || /(^|\/)config\/[^/]+\.exs$/.test(path2) || ELIXIR_TOKENS.test(text);
    case "typescript":
      return TS_TOKENS.test(text) || extra !== void 0 && extra.test(text);
    default:
      return true;
  }
}
function looksMinified(path2, bytes) {
  if (/\.min\.[cm]?js$/.test(path2))
    return true;
  if (bytes.length < 256 * 1024)
    return false;
  let lines = 1;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1))
    lines++;
  return bytes.length / lines > 1e3;
}
function needsSecondPass(kind, path2, text, tokens) {
  if (tokens.importedPaths.has(path2))
    return true;
  if (kind === "elixir")
    return tokens.elixirCalls !== void 0 && tokens.elixirCalls.test(text);
  if (kind === "typescript")
    return tokens.tsImports !== void 0 && tokens.tsImports.test(moduleSpecifiers(text));
  return false;
}
function secondPassCanMatch(kind, path2, tokens) {
  if (tokens.importedPaths.has(path2))
    return true;
  if (kind === "elixir")
    return tokens.elixirCalls !== void 0;
  if (kind === "typescript")
    return tokens.tsImports !== void 0;
  return false;
}
function moduleSpecifiers(text) {
  const out = [];
  for (const m of text.matchAll(/\b(?:from|import|require)\s*\(?\s*(["'][^"'\n]*["'])/g))
    out.push(m[1]);
  return out.join("\n");
}
var escape2 = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
function secondPassTokens(facts) {
  const calls = /* @__PURE__ */ new Set();
  for (const f of facts)
    for (const w of f.wrappers)
      calls.add(w.function.replace(/\/\d+$/, "").split(".").at(-1));
  const modules = /* @__PURE__ */ new Set();
  for (const f of facts) {
    if (f.language !== "typescript")
      continue;
    const exports = f.moduleExports;
    if (exports && (Object.keys(exports.bindings).length || Object.keys(exports.constants).length)) {
      modules.add(f.file.split("/").at(-1).replace(/\.(d\.)?[cm]?[jt]sx?$/, ""));
    }
  }
  const importedPaths = /* @__PURE__ */ new Set();
  for (const f of facts) {
    const specifiers = [...(f.symbolicNames ?? []).flatMap((s) => s.parts), ...(f.symbolicEvents ?? []).flatMap((s) => s.parts)].flatMap((p) => p.kind === "import" && p.specifier.startsWith(".") ? [p.specifier] : []);
    for (const specifier of specifiers)
      for (const candidate of candidatePaths(f.file, specifier))
        importedPaths.add(candidate);
  }
  return {
    importedPaths,
    elixirCalls: calls.size ? new RegExp(`\\b(?:${[...calls].map(escape2).join("|")})\\(`) : void 0,
    tsImports: modules.size ? new RegExp(`["'][^"'\\n]*\\b(?:${[...modules].map(escape2).join("|")})(?:\\.[cm]?[jt]sx?)?["']`) : void 0
  };
}
function candidatePaths(from, specifier) {
  const base = posix2.normalize(posix2.join(posix2.dirname(from), specifier));
  const stripped = base.replace(/\.(js|mjs|cjs|jsx)$/, "");
  const extensions = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
  return [base, ...extensions.map((e) => stripped + e), ...extensions.map((e) => `${stripped}/index${e}`)];
}
function configuredCallees(callees) {
  const names = [...new Set(callees.map((c) => c.split(".").at(-1)).filter(Boolean))];
  return names.length ? new RegExp(`\\b(?:${names.map(escape2).join("|")})\\s*\\(`) : void 0;
}

// dist/src/engine/pool.js
import { existsSync as existsSync4 } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
var BATCH = 40;
var THREAD_LIMITS = { maxYoungGenerationSizeMb: 8, stackSizeMb: (984 + 192) / 1024 };
var DEEP_THREAD_LIMITS = { stackSizeMb: 32 };
var ParseThread = class _ParseThread {
  worker;
  config;
  pending = /* @__PURE__ */ new Map();
  nextId = 0;
  failure;
  constructor(worker, config) {
    this.worker = worker;
    this.config = config;
    worker.on("message", (answer) => {
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      waiting?.resolve(answer.results);
    });
    const fail = (error) => {
      this.failure ??= error;
      for (const waiting of this.pending.values())
        waiting.reject(error);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`parse thread exited with code ${code}`)));
  }
  /**
   * Starts a thread that loads the parsers for `kinds` right away; undefined where threads cannot run (a
   * bundle, a test runner on sources). `deep`: a thread with a large stack, for files a parser could not
   * finish on a normal one (FileFacts.stackOverflow).
   */
  static start(config, kinds, deep = false) {
    const script = workerScript();
    if (!script)
      return void 0;
    try {
      const thread = new _ParseThread(new Worker(script, { workerData: { config }, resourceLimits: deep ? DEEP_THREAD_LIMITS : THREAD_LIMITS }), config);
      thread.worker.postMessage({ prepare: kinds });
      return thread;
    } catch {
      return void 0;
    }
  }
  /** Parses `jobs` on the thread (in place if the thread is gone); results in job order. */
  async parse(jobs) {
    if (jobs.length === 0)
      return [];
    if (!this.failure) {
      try {
        return await new Promise((resolve2, reject) => {
          const id = this.nextId++;
          this.pending.set(id, { resolve: resolve2, reject });
          this.worker.postMessage({ id, jobs });
        });
      } catch {
      }
    }
    return parseHere(jobs, this.config);
  }
  async close() {
    this.failure ??= new Error("closed");
    await this.worker.terminate();
  }
};
async function parseAll(jobs, config, workers, onDone, yieldEvery) {
  const script = workerScript();
  const threads = workers ?? 0;
  if (threads < 1 || jobs.length === 0 || !script)
    return parseHere(jobs, config, onDone, yieldEvery);
  try {
    return await parseOnThreads(script, jobs, config, threads, onDone);
  } catch (error) {
    if (error instanceof CallerError)
      throw error.cause;
    return parseHere(jobs, config, onDone, yieldEvery);
  }
}
var CallerError = class extends Error {
  cause;
  constructor(cause) {
    super("the progress callback failed");
    this.cause = cause;
  }
};
async function parseOnThreads(script, jobs, config, workers, onDone) {
  const batches = [];
  for (let i = 0; i < jobs.length; i += BATCH)
    batches.push({ id: batches.length, jobs: jobs.slice(i, i + BATCH) });
  const results = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const threads = Array.from({ length: Math.min(workers, batches.length) }, () => new Worker(script, { workerData: { config }, resourceLimits: THREAD_LIMITS }));
  try {
    await Promise.all(threads.map((thread) => new Promise((resolve2, reject) => {
      const send = () => {
        if (next >= batches.length)
          return resolve2();
        thread.postMessage(batches[next++]);
      };
      thread.on("message", (answer) => {
        answer.results.forEach((facts, i) => results[answer.id * BATCH + i] = facts);
        done += answer.results.length;
        try {
          onDone?.(done);
        } catch (error) {
          return reject(new CallerError(error));
        }
        send();
      });
      thread.on("error", reject);
      thread.on("exit", (code) => next < batches.length || code !== 0 ? reject(new Error(`parse worker exited with code ${code}`)) : resolve2());
      send();
    })));
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  return results;
}
async function parseHere(jobs, config, onDone, yieldEvery) {
  const results = [];
  if (jobs.length === 0)
    return results;
  const { factsFor, prepareParsers } = await import("./extract-RX2O5GVE.js");
  const ready = /* @__PURE__ */ new Set();
  for (const job of jobs) {
    if (!ready.has(job.kind)) {
      await prepareParsers(/* @__PURE__ */ new Set([job.kind]));
      ready.add(job.kind);
    }
    results.push(factsFor(job.path, job.kind, { text: job.text }, config) ?? null);
    onDone?.(results.length);
    if (yieldEvery && results.length % yieldEvery === 0)
      await new Promise((resolve2) => setImmediate(resolve2));
  }
  return results;
}
function workerScript() {
  const url = new URL("./worker.js", import.meta.url);
  return existsSync4(fileURLToPath(url)) ? url : void 0;
}

// dist/src/engine/collect.js
async function scanFiles(root, config, paths, cache, lane) {
  const { files: discovered, problems } = discover(root, { include: config.include, exclude: config.exclude }, paths);
  const sizes = new Float64Array(discovered.length);
  const mtimes = new Float64Array(discovered.length);
  let statted = 0;
  const statOf = (i) => i < statted ? { size: sizes[i], mtimeMs: mtimes[i] } : void 0;
  if (cache.enabled && problems.length === 0) {
    const parts = [];
    for (const file of discovered) {
      const info = statSync2(`${root}/${file.path}`, { throwIfNoEntry: false });
      const isFile = info?.isFile() === true;
      sizes[statted] = isFile ? info.size : -1;
      mtimes[statted++] = isFile ? info.mtimeMs : -1;
      let hash = isFile ? cache.freshHash(file.path, info.size, info.mtimeMs) : void 0;
      if (hash === void 0 && isFile)
        hash = touchedButSame(root, file, cache, config);
      if (hash === void 0)
        break;
      parts.push(`${file.path}\0${hash}`);
    }
    if (parts.length === discovered.length) {
      for (const file of discovered)
        cache.touch(file.path);
      let full;
      return {
        inputKey: contentHash(parts.join("\n")),
        get files() {
          return full ??= discovered.map((file, i) => scanFile(root, file, cache, config, statOf(i), lane));
        }
      };
    }
  }
  if (lane) {
    for (const file of discovered)
      if (THREAD_KINDS.has(file.kind) && !cache.get(file.path))
        lane.want(file.kind);
  }
  const files = discovered.map((file, i) => scanFile(root, file, cache, config, statOf(i), lane));
  for (const p of problems) {
    const facts = emptyFacts(p.path);
    facts.problems.push({ loc: { file: p.path, line: p.line ?? 1, column: 1 }, message: p.message });
    files.push({ file: { path: p.path, kind: "json" }, problem: facts });
  }
  let inputKey;
  if (cache.enabled && files.every((f) => "entry" in f)) {
    inputKey = contentHash(files.map((f) => `${f.file.path}\0${f.entry.hash}`).join("\n"));
  }
  return { files, inputKey };
}
function touchedButSame(root, file, cache, config) {
  const cached = cache.get(file.path);
  if (!cached)
    return void 0;
  const read = readCheckedBytesSync(root, file.path, config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  if (!("bytes" in read) || contentHash(read.bytes) !== cached.hash)
    return void 0;
  return cache.refresh(file.path, cached, read.size, read.mtimeMs).hash;
}
function fileStat(root, path2) {
  const info = statSync2(`${root}/${path2}`, { throwIfNoEntry: false });
  return info?.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : void 0;
}
var calleeTokenCache = /* @__PURE__ */ new WeakMap();
function calleeTokens(config) {
  if (!calleeTokenCache.has(config))
    calleeTokenCache.set(config, configuredCallees([...config.emitters ?? [], ...config.consumers ?? []].map((e) => e.callee)));
  return calleeTokenCache.get(config);
}
var THREAD_KINDS = /* @__PURE__ */ new Set(["typescript"]);
var LaneThread = class {
  config;
  workers;
  thread;
  closed = false;
  constructor(config, workers) {
    this.config = config;
    this.workers = workers;
  }
  /** Called when a file of `kind` will be parsed. */
  want(kind) {
    if (this.thread !== void 0 || this.closed || this.workers < 1 || !THREAD_KINDS.has(kind))
      return;
    this.thread = ParseThread.start(this.config, [...THREAD_KINDS]) ?? null;
  }
  get() {
    return this.thread ?? void 0;
  }
  async close() {
    this.closed = true;
    await this.thread?.close();
  }
};
async function extractScanned(root, config, scan, options) {
  const cache = options.cache ?? FactCache.disabled();
  const maxSize = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const workers = options.workers ?? 0;
  const laneThread = options.lane ?? new LaneThread(config, workers);
  const problems = [];
  let parsed = 0;
  let planned = 0;
  const progress2 = (count) => options.onProgress?.(parsed += count, planned);
  const onMain = { facts: [], first: [], deferred: [], parse: () => Promise.resolve([]) };
  const onThread = { facts: [], first: [], deferred: [], parse: () => Promise.resolve([]) };
  for (const scanned of scan.files) {
    if ("problem" in scanned) {
      if (scanned.problem)
        problems.push(scanned.problem);
      continue;
    }
    const { file, entry, text, specifiers } = scanned;
    if (entry.generated)
      continue;
    const lane = THREAD_KINDS.has(file.kind) ? onThread : onMain;
    if (!entry.firstPass) {
      lane.deferred.push({ file, entry, ...specifiers !== void 0 ? { specifiers } : {} });
      continue;
    }
    const found = entry.facts === void 0 ? void 0 : cache.factsOf(file.path, entry);
    if (found === void 0)
      lane.first.push({ file, entry, text: text ?? readText2(root, file, maxSize) ?? "" });
    else if (found)
      lane.facts.push(found);
  }
  if (onThread.first.length)
    laneThread.want("typescript");
  const thread = laneThread.get();
  const yieldEvery = thread ? 8 : void 0;
  onMain.parse = (jobs) => parseAll(toParseJobs(jobs), config, workers - 1, progressOf(jobs.length), yieldEvery);
  onThread.parse = thread ? async (jobs) => {
    const results = await thread.parse(toParseJobs(jobs));
    progress2(jobs.length);
    return results;
  } : (jobs) => parseAll(toParseJobs(jobs), config, 0, progressOf(jobs.length));
  function progressOf(total) {
    let reported = 0;
    return (count) => {
      progress2(count - reported);
      reported = count;
    };
  }
  let failure;
  let failed = false;
  let deep;
  const redoOverflowed = async (round, results) => {
    const redo = round.flatMap((job, i) => results[i]?.stackOverflow ? [i] : []);
    if (redo.length === 0 || failed)
      return;
    deep ??= ParseThread.start(config, [], true) ?? null;
    if (!deep)
      return;
    const again = await deep.parse(toParseJobs(redo.map((i) => round[i])));
    redo.forEach((index, k) => results[index] = again[k] ?? null);
  };
  const parseRound = async (lane, round) => {
    if (failed)
      throw new Error("the other lane failed");
    planned += round.length;
    const results = await lane.parse(round);
    await redoOverflowed(round, results);
    if (failed)
      throw new Error("the other lane failed");
    round.forEach(({ file, entry }, i) => {
      const found = results[i] ?? null;
      if (!found?.stackOverflow)
        cache.storeFacts(file.path, entry, found);
      if (found)
        lane.facts.push(found);
    });
  };
  const runLane = async (lane) => {
    try {
      await passes(lane);
    } catch (error) {
      failure ??= { error };
      failed = true;
      throw error;
    }
  };
  const passes = async (lane) => {
    await parseRound(lane, lane.first);
    let pending = lane.deferred;
    for (let round = 0; round < 3 && pending.length; round++) {
      const tokens = secondPassTokens(lane.facts);
      if (!tokens.elixirCalls && !tokens.tsImports && tokens.importedPaths.size === 0)
        break;
      const key = contentHash(`${tokens.elixirCalls?.source ?? ""}\0${tokens.tsImports?.source ?? ""}`).slice(0, 16);
      const next = [];
      const toParse = [];
      const before = lane.facts.length;
      for (const item of pending) {
        const { file, entry } = item;
        let text;
        let matched = tokens.importedPaths.has(file.path);
        if (!matched) {
          if (entry.secondPass?.key === key)
            matched = entry.secondPass.matched;
          else if (!secondPassCanMatch(file.kind, file.path, tokens))
            matched = false;
          else if (item.specifiers !== void 0 && file.kind === "typescript" && isAscii(tokens.tsImports.source)) {
            matched = tokens.tsImports.test(item.specifiers);
            cache.storeSecondPass(file.path, entry, { key, matched });
          } else {
            const look = secondPassText(root, file, maxSize, tokens);
            if (look === void 0)
              continue;
            matched = look !== false;
            if (look !== false)
              text = look;
            cache.storeSecondPass(file.path, entry, { key, matched });
          }
        }
        if (!matched) {
          next.push(item);
          continue;
        }
        const found = entry.facts === void 0 ? void 0 : cache.factsOf(file.path, entry);
        if (found === void 0) {
          text ??= readText2(root, file, maxSize);
          if (text !== void 0)
            toParse.push({ file, entry, text });
        } else if (found)
          lane.facts.push(found);
      }
      await parseRound(lane, toParse);
      pending = next;
      if (lane.facts.length === before)
        break;
    }
  };
  try {
    if (thread) {
      await Promise.allSettled([runLane(onThread), runLane(onMain)]);
      if (failure)
        throw failure.error;
    } else {
      await runLane(onMain);
      await runLane(onThread);
    }
  } finally {
    await Promise.all([laneThread.close(), deep?.close()]);
  }
  cache.save(options.wholeTree);
  const facts = [...problems, ...onMain.facts, ...onThread.facts];
  return facts.sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
}
var toParseJobs = (jobs) => jobs.map(({ file, text }) => ({ path: file.path, kind: file.kind, text }));
function scanFile(root, file, cache, config, known, lane) {
  const maxSize = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const extra = calleeTokens(config);
  const cached = cache.enabled ? cache.get(file.path) : void 0;
  if (cached) {
    const info = known ?? fileStat(root, file.path);
    if (info && info.size >= 0 && cache.fresh(cached, info.size, info.mtimeMs)) {
      cache.touch(file.path);
      return { file, entry: cached };
    }
  }
  const read = readCheckedBytesSync(root, file.path, maxSize);
  if ("problem" in read)
    return { file, problem: problemFacts(file.path, file.kind, read.problem, config) };
  const { bytes, size, mtimeMs } = read;
  const hash = cache.enabled ? contentHash(bytes) : "";
  if (cached && cached.hash === hash) {
    const entry2 = cache.refresh(file.path, cached, size, mtimeMs);
    return { file, entry: entry2, ...entry2.firstPass ? { text: textOf(bytes) } : {} };
  }
  if (file.kind === "typescript" && looksMinified(file.path, bytes)) {
    const entry2 = { size, mtimeMs, hash, firstPass: false, generated: true };
    cache.set(file.path, entry2);
    return { file, entry: entry2 };
  }
  const view = file.kind === "elixir" || file.kind === "typescript" ? prefilterView(bytes, extra) : "";
  const firstPass = needsFirstPass(file.kind, file.path, view, extra);
  const entry = { size, mtimeMs, hash, firstPass };
  cache.set(file.path, entry);
  if (firstPass) {
    lane?.want(file.kind);
    return { file, entry, text: textOf(bytes) };
  }
  return file.kind === "typescript" ? { file, entry, specifiers: moduleSpecifiers(view) } : { file, entry };
}
function readText2(root, file, maxSize) {
  const read = readCheckedBytesSync(root, file.path, maxSize);
  return "bytes" in read ? textOf(read.bytes) : void 0;
}
function secondPassText(root, file, maxSize, tokens) {
  const read = readCheckedBytesSync(root, file.path, maxSize);
  if (!("bytes" in read))
    return void 0;
  return needsSecondPass(file.kind, file.path, prefilterView(read.bytes, tokens.elixirCalls, tokens.tsImports), tokens) ? textOf(read.bytes) : false;
}
var isAscii = (s) => !/[^\x00-\x7f]/.test(s);
function prefilterView(bytes, ...patterns) {
  return patterns.every((p) => p === void 0 || isAscii(p.source)) ? bytes.toString("latin1") : textOf(bytes);
}

// dist/src/engine/run.js
var analysis = () => import("./analysis-UYSOD3HI.js");
async function analyze(options = {}) {
  await preloadValidatorIfNeeded(options);
  const { root, loaded, paths, cache } = prepare(options);
  const lane = new LaneThread(loaded.config, options.workers ?? 0);
  let scan;
  let facts;
  try {
    scan = await scanFiles(root, loaded.config, paths, cache, lane);
    facts = await extractScanned(root, loaded.config, scan, { cache, wholeTree: paths.length === 0, lane, ...progress(options) });
  } finally {
    await lane.close();
  }
  const result = (await analysis()).analyzeFacts(root, facts, loaded, options.ruleOverrides);
  fingerprintFindings(result.report.findings, sourceLines(root));
  if (scan.inputKey && cacheable(facts)) {
    cache.storeReport(reportKey(root, scan.inputKey, loaded, options, paths), result.report);
    cache.save(paths.length === 0);
  }
  const report = withBaseline(root, result.report, loaded, options);
  return { ...result, report, ...cache.discarded ? { cacheDiscarded: cache.discarded } : {} };
}
async function analyzeReport(options = {}) {
  await preloadValidatorIfNeeded(options);
  const { root, loaded, paths, cache } = prepare(options);
  const lane = new LaneThread(loaded.config, options.workers ?? 0);
  try {
    return await reportOf(root, loaded, paths, cache, lane, options);
  } finally {
    await lane.close();
  }
}
async function reportOf(root, loaded, paths, cache, lane, options) {
  const scan = await scanFiles(root, loaded.config, paths, cache, lane);
  const key = scan.inputKey ? reportKey(root, scan.inputKey, loaded, options, paths) : void 0;
  let report = key ? cache.report(key) : void 0;
  if (report)
    cache.save(paths.length === 0);
  else {
    const facts = await extractScanned(root, loaded.config, scan, { cache, wholeTree: paths.length === 0, lane, ...progress(options) });
    report = (await analysis()).analyzeFacts(root, facts, loaded, options.ruleOverrides).report;
    fingerprintFindings(report.findings, sourceLines(root));
    if (key && cacheable(facts)) {
      cache.storeReport(key, report);
      cache.save(paths.length === 0);
    }
  }
  return { report: withBaseline(root, report, loaded, options), ...cache.discarded ? { cacheDiscarded: cache.discarded } : {} };
}
var cacheable = (facts) => !facts.some((f) => f.stackOverflow);
function sourceLines(root) {
  const files = /* @__PURE__ */ new Map();
  return (file, line) => {
    if (!files.has(file)) {
      const read = readSourceFileSync(root, file, DEFAULT_MAX_FILE_SIZE);
      files.set(file, "text" in read ? read.text.split(/\r?\n/) : void 0);
    }
    return files.get(file)?.[line - 1];
  };
}
var MAX_BASELINE_BYTES = 256 * 1024 * 1024;
function withBaseline(root, report, loaded, options) {
  const file = options.baseline === false ? void 0 : options.baseline ?? loaded.config.baseline;
  if (!file)
    return report;
  const absolute = resolve(root, file);
  let text;
  try {
    text = readTextLimited(absolute, MAX_BASELINE_BYTES);
  } catch (error) {
    if (error instanceof TooBigError)
      throw new ConfigError(`${file}: is ${error.message}, too big for a baseline`);
    throw new ConfigError(`${file}: cannot read the baseline (${error.code ?? error.message}); write one with \`telemetry-drift baseline\``);
  }
  const rel = relative2(root, absolute).split("\\").join("/");
  const baseline = parseBaseline(rel, text);
  if ("error" in baseline)
    throw new ConfigError(baseline.error);
  const severities = { ...loaded.config.rules ?? {}, ...options.ruleOverrides ?? {} };
  return applyBaseline(report, baseline, rel, severities[SUPPRESSION_UNUSED_ID] ?? SUPPRESSION_UNUSED_SEVERITY);
}
async function preloadValidatorIfNeeded(options) {
  if (options.config)
    return;
  const root = resolve(options.root ?? ".");
  let packageJson = "";
  try {
    packageJson = readFileSync5(resolve(root, "package.json"), "utf8");
  } catch {
  }
  if (options.configPath || existsSync5(resolve(root, CONFIG_FILE_NAME)) || packageJson.includes(`"${PACKAGE_JSON_KEY}"`))
    await preloadConfigValidator();
}
function prepare(options) {
  const root = resolve(options.root ?? ".");
  const loaded = options.config ? { config: options.config } : loadConfig(root, options.configPath);
  const paths = (options.paths ?? []).map((p) => toRootRelative(root, p));
  const cache = options.cacheLocation ? FactCache.open(resolve(root, options.cacheLocation), root, factsKey(loaded.config)) : FactCache.disabled();
  return { root, loaded, paths, cache };
}
var progress = (options) => ({
  ...options.onProgress ? { onProgress: options.onProgress } : {},
  ...options.workers !== void 0 ? { workers: options.workers } : {}
});
function factsKey(config) {
  const { dashboards, ruleFiles, emitters, consumers, maxFileSize } = config;
  return JSON.stringify({ dashboards, ruleFiles, emitters, consumers, maxFileSize });
}
function reportKey(root, inputKey, loaded, options, paths) {
  const { baseline: _appliedAfterTheCache, ...config } = loaded.config;
  let configText = "";
  if (loaded.file) {
    try {
      configText = contentHash(readFileSync5(resolve(root, loaded.file)));
    } catch {
      configText = "unreadable";
    }
  }
  return JSON.stringify([inputKey, loaded.file ?? null, configText, config, options.ruleOverrides ?? {}, paths]);
}
function toRootRelative(root, path2) {
  const absolute = isAbsolute(path2) ? path2 : resolve(root, path2);
  const rel = relative2(root, absolute).split("\\").join("/");
  if (rel.startsWith(".."))
    throw new ConfigError(`${path2}: is outside the analysis root ${root}`);
  return rel;
}

export {
  ensureDirectory,
  ConfigError,
  defaultCacheLocation,
  DEFAULT_BASELINE_FILE,
  formatBaseline,
  analyze,
  analyzeReport
};
