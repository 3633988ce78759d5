// Reuses the previous validation's template scan and JSON tree when a keystroke only changes plain
// text between actions (or inside one JSON string): the result is what a cold scan/parse would give,
// made by shifting offsets in place (no allocation: GC pauses were the p95) instead of re-lexing and
// re-parsing 100+ KiB per keystroke. So a returned scan/tree is valid until the file's next analysis.
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { lex } from './template/lex';
import { isControl, isScoping, maskSpans, scanItems, scanTemplate, type TemplateScan, type TemplateSpan } from './templateScan';

export interface Analysis {
  scan: TemplateScan;
  root: JsonNode | undefined;
  errors: ParseError[];
  /** Where the nesting passed MAX_JSON_DEPTH: the file was not parsed (no tree, no errors). */
  tooDeepAt?: number;
  /** What the checker remembers per node of this tree (kept while the tree is; none when uncached). */
  memos?: Map<JsonNode, unknown>;
}

/** A tree left behind by a whole parse, still whole and matching its own masked text. */
interface Base {
  masked: string;
  analysis: Analysis;
}

interface Entry {
  text: string;
  analysis: Analysis;
  /** The last tree before the JSON broke past one container (a quote typed before a closing bracket
   * on its line, say): the keystroke that mends it is a small edit of that tree, not of the broken one. */
  base?: Base;
  /** The last scan without a template error, while the text has one (an action being typed). */
  scanBase?: { text: string; scan: TemplateScan };
}
/** Last analysis per document (the editor validates a few open documents; the CLI one file). */
const cache = new Map<string, Entry>();
const CACHE_SIZE = 8;

/** One replacement that turns the old text into the new: old[start, oldEnd) became new[start, newEnd). */
interface Edit {
  start: number;
  oldEnd: number;
  newEnd: number;
  delta: number;
}

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

/** No brace: the edit cannot open, close or join a {{ }} delimiter. */
function braceFree(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x7d /* } */) return false;
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

/** The scan of `text`, shifted from `prev` (in place) when the edit touches no action and no brace;
 * undefined when it might change the actions. Outside the actions the template lexer reads nothing,
 * so the actions, their parse and the var reads only move; their masks are redone when the edit
 * can change the JSON string state or what stands before an action (whether it is a value). */
function shiftScan(prevText: string, prev: TemplateScan, text: string, e: Edit): TemplateScan | undefined {
  if (prev.error) return undefined; // its message holds a line number
  // Neighbours: a brace could pair with one across the edit.
  const before = e.start > 0 ? text.charCodeAt(e.start - 1) : -1;
  const after = e.newEnd < text.length ? text.charCodeAt(e.newEnd) : -1;
  if (before === 0x7b || before === 0x7d || after === 0x7b || after === 0x7d) return undefined;
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
  // A backslash before the edit may escape what is typed.
  let remask = before === 0x5c || !stringSafe(prevText, e.start, e.oldEnd) || !stringSafe(text, e.start, e.newEnd);
  // The next action's mask depends on the last non-space character before it (is it a value?).
  if (!remask && next < spans.length) {
    const q = spans[next].start;
    if (lastSolid(prevText, q, e.oldEnd) < 0) {
      const from = next > 0 ? spans[next - 1].end : 0;
      const was = lastSolid(prevText, e.oldEnd, from);
      if (was < 0 || was !== lastSolid(text, e.newEnd, from)) remask = true;
    }
  }
  const d = e.delta;
  for (let i = next; i < spans.length; i++) {
    spans[i].start += d;
    spans[i].end += d;
  }
  for (const r of prev.refs) if (r.offset >= e.start) r.offset += d;
  prev.masked = remask
    ? maskSpans(text, spans)
    : prev.masked.slice(0, e.start) + text.slice(e.start, e.newEnd) + prev.masked.slice(e.oldEnd);
  return prev;
}

/** Whether some action of the scan moves dot or defines a template (computed once per scan object;
 * the in-place updates below never add or remove such an action). */
const scoped = new WeakMap<TemplateScan, boolean>();

/**
 * The scan of `text` from `base` (a scan with no error) when the edit changes only simple actions
 * (no control structure, no variable but `$`): the text is lexed again from the end of the last
 * action before the edit until the lexer, between actions, reaches an old action's start past the
 * edit; from there on everything is as before, moved. Those items are parsed alone (simple actions
 * parse the same wherever they stand; item positions and lines are the file's). Without an error the
 * base is updated in place and returned; with one a new scan is returned, as scanTemplate makes it
 * (the base is left as it was). Undefined when the edit might change anything else.
 */
function relexScan(baseText: string, base: TemplateScan, text: string, e: Edit, name: string): TemplateScan | undefined {
  if (base.error) return undefined;
  let isScoped = scoped.get(base);
  if (isScoped === undefined) {
    isScoped = base.spans.some((sp) => isScoping(baseText.slice(sp.start, sp.end)));
    scoped.set(base, isScoped);
  }
  if (isScoped) return undefined; // var reads inside with/range/define are not of the vars map
  const spans = base.spans;
  // The first span that ends at or after the edit's start (one just before it is lexed again too).
  let i0 = 0;
  let hi = spans.length;
  while (i0 < hi) {
    const mid = (i0 + hi) >> 1;
    if (spans[mid].end < e.start) i0 = mid + 1;
    else hi = mid;
  }
  const from = i0 > 0 ? spans[i0 - 1].end : 0;
  const d = e.delta;
  let k = i0;
  let resynced = false;
  const items = lex(text, from, (x) => {
    if (x < e.newEnd) return false;
    while (k < spans.length && spans[k].start < x - d) k++;
    resynced = k < spans.length && spans[k].start === x - d;
    return resynced;
  });
  if (!resynced) k = spans.length;
  for (const it of items) {
    if (it.type === 'keyword' || it.type === 'declare' || it.type === 'assign' || (it.type === 'variable' && it.val !== '$'))
      return undefined;
  }
  for (let i = i0; i < k; i++) if (isControl(baseText.slice(spans[i].start, spans[i].end))) return undefined;
  const part: TemplateSpan[] = [];
  const { refs, error } = scanItems(text, name, items, part, from);
  if (error) {
    if (text.lastIndexOf('{{', error.offset) < from) return undefined;
    const all = spans.slice(0, i0).map((sp) => ({ ...sp }));
    for (const sp of part) all.push(sp);
    return { spans: all, masked: maskSpans(text, all), refs: [], error };
  }
  const oldStop = k < spans.length ? spans[k].start : baseText.length;
  for (let i = k; i < spans.length; i++) {
    spans[i].start += d;
    spans[i].end += d;
  }
  spans.splice(i0, k - i0, ...part);
  const all = base.refs;
  let r0 = 0;
  while (r0 < all.length && all[r0].offset < from) r0++;
  let r1 = r0;
  while (r1 < all.length && all[r1].offset < oldStop) r1++;
  for (let i = r1; i < all.length; i++) all[i].offset += d;
  all.splice(r0, r1 - r0, ...refs);
  base.masked = maskSpans(text, spans);
  return base;
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
      if (child.offset <= e.start && e.oldEnd <= child.offset + child.length) {
        found = child;
        break;
      }
    }
    node = found;
  }
  if (!node || node.type !== 'string' || !(node.offset < e.start && e.oldEnd <= node.offset + node.length - 1)) return undefined;
  const raw = masked.slice(node.offset, node.offset + node.length + e.delta);
  // Escapes are left to the parser; so is a string that is not closed (broken JSON keeps its line).
  if (raw.includes('\\') || raw.length < 2 || raw.charCodeAt(raw.length - 1) !== 0x22) return undefined;
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

type Mutable = { -readonly [K in keyof JsonNode]: JsonNode[K] };

/** Containers up to this size are re-parsed alone; past it a whole parse costs little more. */
const SPLICE_LIMIT = 16 * 1024;

/**
 * The tree of the new masked text, made by re-parsing only the smallest object or array around the
 * edit (brackets untouched) and putting it in place of the old one; the rest is shifted in place,
 * the parse errors likewise. jsonc-parser recovers from errors inside a container without looking
 * outside it, and its state after a container that ends on its own closer is the same whatever was
 * inside: so when the old and the new container both end on their closer (no error at the end of
 * the text, where an unclosed container reports), the whole parse equals this splice.
 */
function spliceTree(analysis: Analysis, prevMasked: string, masked: string, e: Edit): JsonNode | undefined {
  const { root, errors } = analysis;
  if (!root || errors.some((err) => err.offset >= prevMasked.length)) return undefined;
  const path: JsonNode[] = [];
  for (let node: JsonNode | undefined = root; node;) {
    path.push(node);
    let found: JsonNode | undefined;
    for (const child of node.children ?? []) {
      if (child.offset <= e.start && e.oldEnd <= child.offset + child.length) {
        found = child;
        break;
      }
    }
    node = found;
  }
  for (let k = path.length - 1; k >= 0; k--) {
    const old = path[k];
    if (old.type !== 'object' && old.type !== 'array') continue;
    if (!(old.offset < e.start && e.oldEnd < old.offset + old.length)) continue;
    if (old.length > SPLICE_LIMIT) return undefined;
    const sub = masked.slice(old.offset, old.offset + old.length + e.delta);
    const subErrors: ParseError[] = [];
    const fresh = parseTree(sub, subErrors, PARSE_OPTIONS);
    if (
      !fresh ||
      fresh.type !== old.type ||
      fresh.length !== sub.length ||
      subErrors.some((err) => err.offset <= 0 || err.offset >= sub.length)
    )
      continue;
    // Errors: those before the container, its own (re-based), those after (moved).
    const end = old.offset + old.length;
    let first = 0;
    while (first < errors.length && errors[first].offset <= old.offset) first++;
    let last = first;
    while (last < errors.length && errors[last].offset < end) last++;
    for (let i = last; i < errors.length; i++) errors[i].offset += e.delta;
    for (const err of subErrors) err.offset += old.offset;
    errors.splice(first, last - first, ...subErrors);
    // Nodes: the container's ancestors grow, those after it move, and the fresh one takes its place.
    for (let i = 0; i < k; i++) (path[i] as Mutable).length += e.delta;
    const shift = (n: JsonNode): void => {
      if (n.offset >= e.oldEnd) (n as Mutable).offset += e.delta;
      if (n.colonOffset !== undefined && n.colonOffset >= e.oldEnd) (n as Mutable).colonOffset = n.colonOffset + e.delta;
      if (n.children) for (const c of n.children) if (c !== old && c.offset + c.length >= e.oldEnd) shift(c);
    };
    if (old !== root) shift(root);
    const rebase = (n: JsonNode): void => {
      (n as Mutable).offset += old.offset;
      if (n.colonOffset !== undefined) (n as Mutable).colonOffset = n.colonOffset + old.offset;
      if (n.children) for (const c of n.children) rebase(c);
    };
    rebase(fresh);
    if (old === root) return fresh;
    const parent = old.parent!;
    (fresh as Mutable).parent = parent;
    parent.children![parent.children!.indexOf(old)] = fresh;
    // What the checker remembered of nodes that are gone would never be asked for again.
    if (analysis.memos) forget(analysis.memos, old);
    return root;
  }
  return undefined;
}

function forget(memos: Map<JsonNode, unknown>, node: JsonNode): void {
  memos.delete(node);
  if (node.children) for (const c of node.children) forget(memos, c);
}

function fullAnalysis(text: string, name: string): Analysis {
  const scan = scanTemplate(text, name);
  return { scan, ...parse(scan.masked) };
}

/** No character that can end a JSON string or change its escapes (the JSON tree's shape, or the string state the masking follows). */
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
const PARSE_OPTIONS = { allowTrailingComma: false, disallowComments: true, allowEmptyContent: true };

function parse(masked: string): { root: JsonNode | undefined; errors: ParseError[]; tooDeepAt?: number } {
  const errors: ParseError[] = [];
  try {
    return { root: parseTree(masked, errors, PARSE_OPTIONS), errors };
  } catch (e) {
    // jsonc-parser recurses per level: only absurd nesting overflows the stack, so it is looked
    // for only then (a scan on every parse would cost the keystroke budget a millisecond).
    if (!(e instanceof RangeError)) throw e;
    return { root: undefined, errors: [], tooDeepAt: tooDeepAt(masked) ?? 0 };
  }
}

function incremental(prev: Entry, text: string, name: string): Entry {
  const prevScan = prev.analysis.scan;
  const prevMasked = prevScan.masked;
  const e = diff(prev.text, text);
  // Typing between actions moves them; typing in or next to one lexes and parses that part again,
  // from the last scan without an error while one is being typed; anything else scans the file.
  let scan: TemplateScan | undefined;
  if (!prevScan.error) {
    if (braceFree(prev.text, e.start, e.oldEnd) && braceFree(text, e.start, e.newEnd)) scan = shiftScan(prev.text, prevScan, text, e);
    scan ??= relexScan(prev.text, prevScan, text, e, name);
  } else if (prev.scanBase) {
    scan = relexScan(prev.scanBase.text, prev.scanBase.scan, text, diff(prev.scanBase.text, text), name);
  }
  scan ??= scanTemplate(text, name);
  // A scan with an error was made anew: the last one without stays as it was, for the next keystroke.
  const scanBase = !scan.error ? undefined : !prevScan.error ? { text: prev.text, scan: prevScan } : prev.scanBase;
  return { ...analyzeTree(prev, prevMasked, scan), text, scanBase };
}

/** The tree for the new scan: the previous one shifted, or with a part re-parsed, or a whole parse. */
function analyzeTree(prev: Entry, prevMasked: string, scan: TemplateScan): Omit<Entry, 'text'> {
  const prevRoot = prev.analysis.root;
  if (!prevRoot) return { analysis: { scan, ...parse(scan.masked), memos: new Map() }, base: prev.base };
  const m = diff(prevMasked, scan.masked);
  if (stringSafe(prevMasked, m.start, m.oldEnd) && stringSafe(scan.masked, m.start, m.newEnd) && shiftTree(prevRoot, scan.masked, m)) {
    // Broken JSON parses the same way around an edited string: its errors move like its nodes.
    for (const err of prev.analysis.errors) {
      if (err.offset >= m.oldEnd) err.offset += m.delta;
      else if (err.offset + err.length >= m.oldEnd) err.length += m.delta;
    }
    return { analysis: { scan, root: prevRoot, errors: prev.analysis.errors, memos: prev.analysis.memos }, base: prev.base };
  }
  const spliced = spliceTree(prev.analysis, prevMasked, scan.masked, m);
  if (spliced) return { analysis: { scan, root: spliced, errors: prev.analysis.errors, memos: prev.analysis.memos }, base: prev.base };
  const base = prev.base;
  if (base) {
    const fromBase = spliceTree(base.analysis, base.masked, scan.masked, diff(base.masked, scan.masked));
    if (fromBase) return { analysis: { scan, root: fromBase, errors: base.analysis.errors, memos: base.analysis.memos } };
  }
  // A whole parse: the tree it replaces becomes the base if it is whole (no container left open).
  const whole = !prev.analysis.errors.some((err) => err.offset >= prevMasked.length);
  return {
    analysis: { scan, ...parse(scan.masked), memos: new Map() },
    base: whole ? { masked: prevMasked, analysis: prev.analysis } : base,
  };
}

let bypass = false;

/** The template scan and JSON tree of `text` (template errors name the file `name`), reusing the
 * previous one of the same document (`key`) when it can. */
export function analyze(text: string, name: string, key: string): Analysis {
  if (bypass) return fullAnalysis(text, name);
  const prev = cache.get(key);
  const entry = !prev
    ? { text, analysis: { ...fullAnalysis(text, name), memos: new Map() } }
    : prev.text === text
      ? prev
      : incremental(prev, text, name);
  cache.delete(key);
  cache.set(key, entry);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return entry.analysis;
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
