// Reuses the previous validation's template scan and JSON tree when a keystroke only changes plain
// text between actions (or inside one JSON string): the result is what a cold scan/parse would give,
// made by shifting offsets in place (no allocation: GC pauses were the p95) instead of re-lexing and
// re-parsing 100+ KiB per keystroke. So a returned scan/tree is valid until the file's next analysis.
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { scanTemplate, type TemplateScan } from './templateScan';

export interface Analysis {
  scan: TemplateScan; root: JsonNode | undefined; errors: ParseError[];
  /** Where the nesting passed MAX_JSON_DEPTH: the file was not parsed (no tree, no errors). */
  tooDeepAt?: number;
  /** What the checker remembers per node of this tree (kept while the tree is; none when uncached). */
  memos?: Map<JsonNode, unknown>;
}

interface Entry { text: string; analysis: Analysis }
/** Last analysis per file name (the editor validates a few open documents; the CLI one file). */
const cache = new Map<string, Entry>();
const CACHE_SIZE = 8;

/** One replacement that turns the old text into the new: old[start, oldEnd) became new[start, newEnd). */
interface Edit { start: number; oldEnd: number; newEnd: number; delta: number }

const BLOCK = 2048;

function diff(a: string, b: string): Edit {
  const max = Math.min(a.length, b.length);
  let p = 0;
  // Blocks first (string equality is a memory compare), then characters.
  while (p + BLOCK <= max && a.slice(p, p + BLOCK) === b.slice(p, p + BLOCK)) p += BLOCK;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s + BLOCK <= max - p && a.slice(a.length - s - BLOCK, a.length - s) === b.slice(b.length - s - BLOCK, b.length - s)) s += BLOCK;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { start: p, oldEnd: a.length - s, newEnd: b.length - s, delta: b.length - a.length };
}

/** Characters whose insertion or removal can change the template's actions or the JSON string state. */
function plain(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 /* " */ || c === 0x5c /* \ */ || c === 0x7b /* { */ || c === 0x7d /* } */) return false;
  }
  return true;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** The last non-space character of text[lo, to), or -1. */
function lastSolid(text: string, to: number, lo: number): number {
  for (let i = to - 1; i >= lo; i--) {
    const c = text.charCodeAt(i);
    if (!isSpace(c)) return c;
  }
  return -1;
}

/** The scan of `text`, shifted from `prev` (in place) when the edit touches no action; undefined when it might. */
function shiftScan(prevText: string, prev: TemplateScan, text: string, e: Edit): TemplateScan | undefined {
  if (prev.error) return undefined;
  // Neighbours: a brace could pair with one across the edit; a backslash escapes the next character.
  const before = e.start > 0 ? text.charCodeAt(e.start - 1) : -1;
  const after = e.newEnd < text.length ? text.charCodeAt(e.newEnd) : -1;
  if (before === 0x7b || before === 0x7d || before === 0x5c || after === 0x7b || after === 0x7d) return undefined;
  const spans = prev.spans;
  // First span that ends after the edit starts: it must start at or after the edit's end.
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= e.start) lo = mid + 1;
    else hi = mid;
  }
  const next = lo;
  if (next < spans.length && spans[next].start < e.oldEnd) return undefined;
  // The next action's mask depends on the last non-space character before it (is it a value?).
  if (next < spans.length) {
    const q = spans[next].start;
    if (lastSolid(prevText, q, e.oldEnd) < 0) {
      const from = next > 0 ? spans[next - 1].end : 0;
      const was = lastSolid(prevText, e.oldEnd, from);
      if (was < 0 || was !== lastSolid(text, e.newEnd, from)) return undefined;
    }
  }
  const d = e.delta;
  for (let i = next; i < spans.length; i++) {
    spans[i].start += d;
    spans[i].end += d;
  }
  for (const r of prev.refs) if (r.offset >= e.start) r.offset += d;
  prev.masked = prev.masked.slice(0, e.start) + text.slice(e.start, e.newEnd) + prev.masked.slice(e.oldEnd);
  return prev;
}

/** The tree of the new masked text, shifted in place from `root` when the edit lies inside one JSON string. */
function shiftTree(root: JsonNode, masked: string, e: Edit): JsonNode | undefined {
  // Find the string node strictly inside whose quotes the edit falls.
  let node: JsonNode | undefined = root;
  const path: JsonNode[] = [];
  while (node && node.children) {
    path.push(node);
    let found: JsonNode | undefined;
    for (const child of node.children) {
      if (child.offset <= e.start && e.oldEnd <= child.offset + child.length) { found = child; break; }
    }
    node = found;
  }
  if (!node || node.type !== 'string' || !(node.offset < e.start && e.oldEnd <= node.offset + node.length - 1)) return undefined;
  const raw = masked.slice(node.offset, node.offset + node.length + e.delta);
  // Escapes are left to the parser; so is a string that is not closed (broken JSON keeps its line).
  if (raw.includes('\\') || raw.length < 2 || raw.charCodeAt(raw.length - 1) !== 0x22) return undefined;
  type Mutable = { -readonly [K in keyof JsonNode]: JsonNode[K] };
  (node as Mutable).value = raw.slice(1, -1);
  // The string and its ancestors grow by delta; every node after the edit moves by delta.
  for (const n of path) (n as Mutable).length += e.delta;
  (node as Mutable).length += e.delta;
  const shift = (n: JsonNode): void => {
    if (n.offset >= e.oldEnd) (n as Mutable).offset += e.delta;
    if (n.colonOffset !== undefined && n.colonOffset >= e.oldEnd) (n as Mutable).colonOffset = n.colonOffset + e.delta;
    if (n.children) for (const c of n.children) if (c.offset + c.length >= e.oldEnd) shift(c);
  };
  shift(root);
  return root;
}

function fullAnalysis(text: string, name: string): Analysis {
  const scan = scanTemplate(text, name);
  return { scan, ...parse(scan.masked) };
}

/** Characters that can change the JSON tree's shape when edited inside a string (the masked text). */
function stringSafe(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 /* " */ || c === 0x5c /* \ */) return false;
  }
  return true;
}

/** Where a file that overflowed jsonc-parser's recursion (thousands of levels; Go's decoder itself
 * stops at 10,000) is said to be too deep: playbooks nest under 10. */
export const MAX_JSON_DEPTH = 1000;

/** The offset of the bracket that opens level MAX_JSON_DEPTH + 1, if any. Strings end at a line
 * break as jsonc-parser ends them, so an unterminated string cannot hide brackets from this. */
export function tooDeepAt(masked: string): number | undefined {
  let depth = 0;
  let inString = false;
  // Only these characters matter; the regex engine skips the rest far faster than a charCodeAt loop.
  const special = /["\\{}[\]\n\r]/g;
  for (let m = special.exec(masked); m; m = special.exec(masked)) {
    const c = m[0];
    if (inString) {
      if (c === '\\') special.lastIndex++;
      else if (c === '"' || c === '\n' || c === '\r') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '{' || c === '[') {
      if (++depth > MAX_JSON_DEPTH) return m.index;
    } else if (c === '}' || c === ']') {
      depth--;
    }
  }
  return undefined;
}

/** Strict about comments and trailing commas, as the runner's decoder is; jsonc-parser still builds
 * the tree past them (and past every other error). */
function parse(masked: string): { root: JsonNode | undefined; errors: ParseError[]; tooDeepAt?: number } {
  const errors: ParseError[] = [];
  try {
    return { root: parseTree(masked, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: true }), errors };
  } catch (e) {
    // jsonc-parser recurses per level: only absurd nesting overflows the stack, so it is looked
    // for only then (a scan on every parse would cost the keystroke budget a millisecond).
    if (!(e instanceof RangeError)) throw e;
    return { root: undefined, errors: [], tooDeepAt: tooDeepAt(masked) ?? 0 };
  }
}

function incremental(prev: Entry, text: string, name: string): Analysis {
  const { root: prevRoot, errors: prevErrors } = prev.analysis;
  const prevMasked = prev.analysis.scan.masked;
  const e = diff(prev.text, text);
  const shifted = plain(prev.text, e.start, e.oldEnd) && plain(text, e.start, e.newEnd) ? shiftScan(prev.text, prev.analysis.scan, text, e) : undefined;
  // A keystroke in or around an action needs a new template scan; its masked text may still differ
  // from the last one only inside a JSON string (actions in strings are masked as x…), keeping the tree.
  const scan = shifted ?? scanTemplate(text, name);
  if (!prevRoot) return { scan, ...parse(scan.masked), memos: new Map() };
  const m = shifted ? e : diff(prevMasked, scan.masked);
  const tree = stringSafe(prevMasked, m.start, m.oldEnd) && stringSafe(scan.masked, m.start, m.newEnd) ? shiftTree(prevRoot, scan.masked, m) : undefined;
  if (!tree) return { scan, ...parse(scan.masked), memos: new Map() };
  // Broken JSON parses the same way around an edited string: its errors move like its nodes.
  for (const err of prevErrors) {
    if (err.offset >= m.oldEnd) err.offset += m.delta;
    else if (err.offset + err.length >= m.oldEnd) err.length += m.delta;
  }
  return { scan, root: tree, errors: prevErrors, memos: prev.analysis.memos };
}

let bypass = false;

/** The template scan and JSON tree of `text`, reusing the previous one for this file name when it can. */
export function analyze(text: string, name: string): Analysis {
  if (bypass) return fullAnalysis(text, name);
  const prev = cache.get(name);
  const analysis = !prev ? { ...fullAnalysis(text, name), memos: new Map() } : prev.text === text ? prev.analysis : incremental(prev, text, name);
  cache.delete(name);
  cache.set(name, { text, analysis });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return analysis;
}

/** Runs `f` with every analysis done from scratch and nothing cached (tests compare the two). */
export function withoutCache<T>(f: () => T): T {
  bypass = true;
  try {
    return f();
  } finally {
    bypass = false;
  }
}
