// Reuses the previous validation's template scan and JSON tree when a keystroke only changes plain
// text between actions (or inside one JSON string): the result is what a cold scan/parse would give,
// built by shifting offsets instead of re-lexing and re-parsing 100+ KiB per keystroke.
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { scanTemplate, type TemplateScan } from './templateScan';

export interface Analysis { scan: TemplateScan; root: JsonNode | undefined; errors: ParseError[] }

interface Entry { text: string; analysis: Analysis }
/** Last analysis per file name (the editor validates a few open documents; the CLI one file). */
const cache = new Map<string, Entry>();
const CACHE_SIZE = 8;

/** One replacement that turns the old text into the new: old[start, oldEnd) became new[start, newEnd). */
interface Edit { start: number; oldEnd: number; newEnd: number; delta: number }

function diff(a: string, b: string): Edit {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
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

/** The scan of `text`, shifted from `prev` when the edit touches no action; undefined when it might. */
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
  const shifted = new Array<TemplateScan['spans'][number]>(spans.length);
  for (let i = 0; i < spans.length; i++) {
    const sp = spans[i];
    shifted[i] = i < next ? sp : { start: sp.start + d, end: sp.end + d, inString: sp.inString, isValue: sp.isValue };
  }
  const refs = prev.refs.map((r) => (r.offset < e.start ? r : { name: r.name, offset: r.offset + d, length: r.length }));
  const masked = prev.masked.slice(0, e.start) + text.slice(e.start, e.newEnd) + prev.masked.slice(e.oldEnd);
  return { spans: shifted, masked, refs, error: undefined };
}

/** The tree of the new masked text, copied from `root` when the edit lies inside one JSON string. */
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
  if (raw.includes('\\')) return undefined; // escapes: leave the value to the parser
  const target = node;
  type Mutable = { -readonly [K in keyof JsonNode]: JsonNode[K] };
  const copy = (n: JsonNode, parent: JsonNode | undefined): JsonNode => {
    const out: Mutable = { ...n };
    if (parent) out.parent = parent;
    if (n.offset >= e.oldEnd) out.offset = n.offset + e.delta;
    else if (n.offset + n.length >= e.oldEnd) out.length = n.length + e.delta;
    if (n.colonOffset !== undefined && n.colonOffset >= e.oldEnd) out.colonOffset = n.colonOffset + e.delta;
    if (n === target) out.value = raw.slice(1, -1);
    if (n.children) {
      const children = new Array<JsonNode>(n.children.length);
      for (let i = 0; i < children.length; i++) children[i] = copy(n.children[i], out);
      out.children = children;
    }
    return out;
  };
  return copy(root, undefined);
}

function fullAnalysis(text: string, name: string): Analysis {
  const scan = scanTemplate(text, name);
  // Strict about comments and trailing commas, as the runner's decoder is; jsonc-parser still builds
  // the tree past them (and past every other error).
  const errors: ParseError[] = [];
  const root = parseTree(scan.masked, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: true });
  return { scan, root, errors };
}

function incremental(prev: Entry, text: string, name: string): Analysis | undefined {
  const e = diff(prev.text, text);
  if (!plain(prev.text, e.start, e.oldEnd) || !plain(text, e.start, e.newEnd)) return undefined;
  const scan = shiftScan(prev.text, prev.analysis.scan, text, e);
  if (!scan) return undefined;
  const { root, errors } = prev.analysis;
  if (errors.length || !root) {
    const fresh: ParseError[] = [];
    return { scan, root: parseTree(scan.masked, fresh, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: true }), errors: fresh };
  }
  const tree = shiftTree(root, scan.masked, e);
  if (tree) return { scan, root: tree, errors: [] };
  const fresh: ParseError[] = [];
  return { scan, root: parseTree(scan.masked, fresh, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: true }), errors: fresh };
}

let bypass = false;

/** The template scan and JSON tree of `text`, reusing the previous one for this file name when it can. */
export function analyze(text: string, name: string): Analysis {
  if (bypass) return fullAnalysis(text, name);
  const prev = cache.get(name);
  let analysis = prev && prev.text === text ? prev.analysis : undefined;
  if (!analysis && prev) analysis = incremental(prev, text, name);
  analysis ??= fullAnalysis(text, name);
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
