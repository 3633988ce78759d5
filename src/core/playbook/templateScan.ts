// Finds the {{ }} actions of a playbook/cluster file and masks them (same length, same offsets) so the
// JSON around them can be checked with positions; also lists the vars the template reads.
import { lex, type Item } from './template/lex';
import { parseTemplate, TemplateError, type Node, type Operand } from './template/parse';

export const RUNNER_FUNCTIONS = ['nowWithFormat', 'timeWithFormat', 'systemEnv', 'base64', 'base64File'];
export const BUILTIN_FUNCTIONS = [
  'and',
  'call',
  'html',
  'index',
  'slice',
  'js',
  'len',
  'not',
  'or',
  'print',
  'printf',
  'println',
  'urlquery',
  'eq',
  'ge',
  'gt',
  'le',
  'lt',
  'ne',
];
const KNOWN = new Set([...RUNNER_FUNCTIONS, ...BUILTIN_FUNCTIONS]);

export interface TemplateSpan {
  start: number;
  end: number;
  inString: boolean;
  isValue: boolean;
}
/** A read of a var: `.name` (or `$.name`) where dot is the vars map. */
export interface VarRef {
  name: string;
  offset: number;
  length: number;
}

export interface TemplateScan {
  spans: TemplateSpan[];
  /** The text with each action replaced by filler of the same length: `x…` inside JSON strings,
   * `0` plus spaces where a value stands, spaces elsewhere (newlines kept). */
  masked: string;
  refs: VarRef[];
  error?: { message: string; offset: number };
}

const CONTROL = /^\{\{-?\s*(if|else|end|range|with|define|template|block|break|continue)\b|^\{\{-?\s*\$[\w]*\s*:?=/;

export function scanTemplate(text: string, name = 'playbook.json'): TemplateScan {
  const spans: TemplateSpan[] = [];
  const { refs, error } = scanItems(text, name, lex(text), spans, 0);
  return { spans, masked: maskSpans(text, spans), refs, error };
}

/**
 * The actions (pushed to `spans`), var reads and first error of lexed items: all of a text's, or
 * those from `from` (where Go's lexer is between actions, after actions that parsed) to where the
 * lexer was stopped. On an error, the spans from the broken action on are paired textually.
 */
export function scanItems(
  text: string,
  name: string,
  items: Item[],
  spans: TemplateSpan[],
  from: number,
): { refs: VarRef[]; error?: TemplateScan['error'] } {
  const first = spans.length;
  let error: TemplateScan['error'];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    // A lexer error is reported by the parser below, in order: Go's parser stops at the first bad
    // token, which may come before the lexer's error.
    if (it.type === 'error') {
      // Past a lexer error, pair delimiters textually so the JSON around them can still be checked.
      let at = spans.length > first ? spans[spans.length - 1].end : from;
      for (let open = text.indexOf('{{', at); open >= 0; open = text.indexOf('{{', at)) {
        const close = text.indexOf('}}', open + 2);
        if (close < 0) break;
        spans.push({ start: open, end: close + 2, inString: false, isValue: false });
        at = close + 2;
      }
      break;
    }
    if (it.type === 'leftDelim') {
      let j = i + 1;
      while (j < items.length && items[j].type !== 'rightDelim' && items[j].type !== 'error' && items[j].type !== 'eof') j++;
      if (j >= items.length || items[j].type !== 'rightDelim') continue;
      spans.push({ start: it.pos, end: items[j].pos + 2, inString: false, isValue: false });
      i = j;
    } else if (it.type === 'comment') {
      const start = text.lastIndexOf('{{', it.pos);
      const end = text.indexOf('}}', it.pos + it.val.length) + 2;
      spans.push({ start, end, inString: false, isValue: false });
    }
  }

  const refs: VarRef[] = [];
  try {
    const tree = parseTemplate(name, text, KNOWN, items);
    collectRefs(tree.root, true, { refs, text });
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    error = { message: e.message, offset: e.offset };
    refs.length = 0;
    // From the broken action on, pair delimiters textually: the lexer may have read far past it.
    const brokenStart = text.lastIndexOf('{{', e.offset);
    const kept = spans.filter((sp) => sp.end <= brokenStart);
    spans.length = 0;
    spans.push(...kept);
    let at = Math.max(0, brokenStart);
    for (let open = text.indexOf('{{', at); open >= 0; open = text.indexOf('{{', at)) {
      let close = text.indexOf('}}', open + 2);
      let end = close + 2;
      if (open === brokenStart) {
        // The broken action itself may never close: end it at its line or the next action.
        const candidates = [close < 0 ? Infinity : close + 2, text.indexOf('\n', open), text.indexOf('{{', open + 2)].filter((x) => x >= 0);
        end = Math.min(...candidates, text.length);
        close = end - 2;
      }
      if (close < 0) break;
      spans.push({ start: open, end, inString: false, isValue: false });
      at = end;
    }
  }
  return { refs, error };
}

/** An action that opens, closes or continues a control structure, or sets a variable. */
export const isControl = (raw: string): boolean => CONTROL.test(raw);

/** An action after which var reads are not all of the vars map (dot moves, or a template is defined). */
const SCOPING = /^\{\{-?\s*(range|with|define|block|template)\b/;
export const isScoping = (raw: string): boolean => SCOPING.test(raw);

/** The text with each span masked (see TemplateScan.masked); sets each span's inString and isValue.
 * The JSON string state outside the actions decides how each action is masked. */
export function maskSpans(text: string, spans: TemplateSpan[]): string {
  const chunks: string[] = [];
  let inString = false;
  let escaped = false;
  let pos = 0;
  let lastSolid = ''; // the last non-space character of the masked text so far
  for (const span of spans) {
    for (let i = pos; i < span.start; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92 /* \ */) escaped = true;
        else if (c === 34 /* " */ || c === 10) inString = false;
      } else if (c === 34) inString = true;
    }
    for (let i = span.start - 1; i >= pos; i--) {
      const c = text[i];
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') {
        lastSolid = c;
        break;
      }
    }
    chunks.push(text.slice(pos, span.start));
    span.inString = inString;
    const length = span.end - span.start;
    if (inString) {
      span.isValue = false;
      chunks.push('x'.repeat(length));
    } else {
      const raw = text.slice(span.start, span.end);
      span.isValue = (lastSolid === ':' || lastSolid === '[' || lastSolid === ',') && !CONTROL.test(raw) && !/^\{\{-?\s*\/\*/.test(raw);
      const blank = raw.includes('\n') ? raw.replace(/[^\n]/g, ' ') : ' '.repeat(length);
      chunks.push(span.isValue ? '0' + blank.slice(1) : blank);
      if (span.isValue) lastSolid = '0';
    }
    pos = span.end;
  }
  chunks.push(text.slice(pos));
  return chunks.join('');
}

interface RefContext {
  refs: VarRef[];
  text: string;
}

function collectOperand(op: Operand, dotRoot: boolean, ctx: RefContext): void {
  switch (op.kind) {
    case 'field':
      if (dotRoot) ctx.refs.push({ name: op.ident[0], offset: op.pos, length: 1 + op.ident[0].length });
      return;
    case 'variable':
      if (op.ident[0] === '$' && op.ident.length > 1) {
        // `$.name`: the field starts after "$."
        const at = ctx.text.indexOf('.' + op.ident[1], op.pos);
        ctx.refs.push({ name: op.ident[1], offset: at < 0 ? op.pos : at, length: 1 + op.ident[1].length });
      }
      return;
    case 'chain':
      collectOperand(op.node, dotRoot, ctx);
      return;
    case 'pipe':
      collectPipe(op, dotRoot, ctx);
      return;
  }
}

function collectPipe(p: Extract<Node, { kind: 'pipe' }>, dotRoot: boolean, ctx: RefContext): void {
  for (const c of p.cmds) for (const a of c.args) collectOperand(a, dotRoot, ctx);
}

/** The vars the template reads where dot is the vars map (not inside with/range, which move dot). */
function collectRefs(node: Node, dotIsVars: boolean, ctx: RefContext): void {
  switch (node.kind) {
    case 'list':
      for (const n of node.nodes) collectRefs(n, dotIsVars, ctx);
      return;
    case 'action':
      collectPipe(node.pipe, dotIsVars, ctx);
      return;
    case 'if':
      collectPipe(node.pipe, dotIsVars, ctx);
      collectRefs(node.list, dotIsVars, ctx);
      if (node.elseList) collectRefs(node.elseList, dotIsVars, ctx);
      return;
    case 'with':
    case 'range':
      collectPipe(node.pipe, dotIsVars, ctx);
      collectRefs(node.list, false, ctx);
      if (node.elseList) collectRefs(node.elseList, dotIsVars, ctx);
      return;
    case 'template':
      if (node.pipe) collectPipe(node.pipe, dotIsVars, ctx);
      return;
  }
}
