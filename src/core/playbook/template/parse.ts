// Parser for Go text/template, after Go 1.19's text/template/parse/parse.go: the same node kinds,
// the same grammar (pipelines, declarations, if/range/with/else if, define/template/block,
// break/continue) and the same error texts, "template: NAME:LINE: message".
import { lex, type Item } from './lex';

export type Node =
  | { kind: 'list'; pos: number; nodes: Node[] }
  | { kind: 'text'; pos: number; text: string }
  | { kind: 'comment'; pos: number; text: string }
  | { kind: 'action'; pos: number; line: number; pipe: Pipe }
  | { kind: 'if' | 'range' | 'with'; pos: number; line: number; pipe: Pipe; list: ListNode; elseList?: ListNode }
  | { kind: 'template'; pos: number; line: number; name: string; pipe?: Pipe }
  | { kind: 'break' | 'continue'; pos: number; line: number }
  | Pipe
  | Command
  | Operand;

export type ListNode = { kind: 'list'; pos: number; nodes: Node[] };
export interface Pipe {
  kind: 'pipe';
  pos: number;
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: Command[];
}
export interface Command {
  kind: 'command';
  pos: number;
  args: Operand[];
}
export interface VariableNode {
  kind: 'variable';
  pos: number;
  ident: string[];
}
export type Operand =
  | { kind: 'field'; pos: number; ident: string[] }
  | VariableNode
  | { kind: 'dot'; pos: number }
  | { kind: 'nil'; pos: number }
  | { kind: 'bool'; pos: number; value: boolean }
  | { kind: 'number'; pos: number; text: string; value: NumberValue }
  | { kind: 'string'; pos: number; quoted: string; text: string }
  | { kind: 'identifier'; pos: number; name: string }
  | { kind: 'chain'; pos: number; node: Operand; field: string[] }
  | Pipe;

/** What a number constant can be used as, as Go's parse.NumberNode records it. */
export interface NumberValue {
  isInt: boolean;
  isFloat: boolean;
  int: number;
  float: number;
  isChar: boolean;
  isHexInt: boolean;
  isComplex: boolean;
}

/** A template that does not parse or execute; `offset` is where in the text (UTF-16 index). */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly offset = 0,
  ) {
    super(message);
  }
}

export interface ParsedTemplate {
  name: string;
  text: string;
  root: ListNode;
  defines: Map<string, ListNode>;
}

/** Go's String() of a node, as error messages quote it. */
export function nodeString(n: Node): string {
  switch (n.kind) {
    case 'field':
      return '.' + n.ident.join('.');
    case 'variable':
      return n.ident.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'identifier':
      return n.name;
    case 'chain':
      return (n.node.kind === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node)) + '.' + n.field.join('.');
    case 'command':
      return n.args.map((a) => (a.kind === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'pipe': {
      let s = '';
      if (n.decl.length) s = n.decl.map(nodeString).join(', ') + (n.isAssign ? ' = ' : ' := ');
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'text':
      return n.text;
    case 'comment':
      return `{{${n.text}}}`;
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'if':
    case 'range':
    case 'with': {
      const els = n.elseList ? `{{else}}${nodeString(n.elseList)}` : '';
      return `{{${n.kind} ${nodeString(n.pipe)}}}${nodeString(n.list)}${els}{{end}}`;
    }
    case 'template':
      return n.pipe ? `{{template ${JSON.stringify(n.name)} ${nodeString(n.pipe)}}}` : `{{template ${JSON.stringify(n.name)}}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
  }
}

/** Go's item String(): how an unexpected token is named in messages. */
function itemString(i: Item): string {
  if (i.type === 'eof') return 'EOF';
  if (i.type === 'error') return i.val;
  if (i.type === 'keyword') return `<${i.val}>`;
  if ([...i.val].length > 10) return `${goQuoteShort(i.val)}...`;
  return JSON.stringify(i.val);
}

function goQuoteShort(s: string): string {
  // %.10q quotes the first ten runes.
  return JSON.stringify([...s].slice(0, 10).join(''));
}

type ElseNode = { kind: 'else'; pos: number; line: number };
type EndNode = { kind: 'end'; pos: number; line: number };

/** Parses `text` with the given function names defined; throws TemplateError with Go's message. */
export function parseTemplate(name: string, text: string, funcs: ReadonlySet<string>, lexed?: Item[]): ParsedTemplate {
  const items = lexed ?? lex(text);
  let idx = 0;
  let lastToken: Item = items[0];
  let vars: string[] = ['$'];
  let actionLine = 0;
  let rangeDepth = 0;
  const defines = new Map<string, ListNode>();

  const errorf = (msg: string): never => {
    throw new TemplateError(`template: ${name}:${lastToken.line}: ${msg}`, lastToken.pos);
  };
  const next = (): Item => {
    const it = items[Math.min(idx, items.length - 1)];
    idx++;
    lastToken = it;
    return it;
  };
  const backup = (): void => {
    idx--;
  };
  const peek = (): Item => items[Math.min(idx, items.length - 1)];
  const nextNonSpace = (): Item => {
    let t = next();
    while (t.type === 'space') t = next();
    return t;
  };
  const peekNonSpace = (): Item => {
    const t = nextNonSpace();
    backup();
    return t;
  };
  const unexpected = (item: Item, context: string): never => {
    if (item.type === 'error') {
      let extra = '';
      if (actionLine !== 0 && actionLine !== item.line) {
        extra = ` in action started at ${name}:${actionLine}`;
        if (item.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      return errorf(`${item.val}${extra}`);
    }
    return errorf(`unexpected ${itemString(item)} in ${context}`);
  };
  const expect = (type: Item['type'], context: string): Item => {
    const t = nextNonSpace();
    if (t.type !== type) unexpected(t, context);
    return t;
  };
  const useVar = (pos: number, varName: string): VariableNode => {
    const ident = varName.split('.');
    if (!vars.includes(ident[0])) errorf(`undefined variable "${ident[0]}"`);
    return { kind: 'variable', pos, ident };
  };

  const parseNumber = (item: Item): NumberValue => {
    const text = item.val;
    const v: NumberValue = { isInt: false, isFloat: false, int: 0, float: 0, isChar: false, isHexInt: false, isComplex: false };
    if (item.type === 'charConstant') {
      const r = unquoteChar(text);
      if (r === undefined) errorf(`malformed character constant: ${text}`);
      v.isChar = true;
      v.isInt = true;
      v.isFloat = true;
      v.int = r!;
      v.float = r!;
      return v;
    }
    if (text.endsWith('i')) {
      v.isComplex = true;
      return v;
    }
    const clean = text.replace(/_/g, '');
    const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(clean);
    if (m) {
      const body = m[2];
      let n: number;
      if (/^0[xX]/.test(body)) n = parseInt(body.slice(2), 16);
      else if (/^0[bB]/.test(body)) n = parseInt(body.slice(2), 2);
      else if (/^0[oO]/.test(body)) n = parseInt(body.slice(2), 8);
      else if (body.length > 1 && body[0] === '0') n = parseInt(body.slice(1), 8);
      else n = parseInt(body, 10);
      v.isInt = true;
      v.int = m[1] === '-' ? -n : n;
      v.isFloat = true;
      v.float = v.int;
      v.isHexInt = /^0[xX]/.test(body);
      return v;
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(clean)) {
      const f = Number(clean);
      if (!/[.eEpP]/.test(text)) errorf(`integer overflow: ${JSON.stringify(text)}`);
      v.isFloat = true;
      v.float = f;
      if (Number.isInteger(f) && Math.abs(f) <= Number.MAX_SAFE_INTEGER) {
        v.isInt = true;
        v.int = f;
      }
      return v;
    }
    return errorf(`illegal number syntax: ${JSON.stringify(text)}`);
  };

  const term = (): Operand | undefined => {
    const token = nextNonSpace();
    switch (token.type) {
      case 'identifier':
        if (!funcs.has(token.val)) errorf(`function ${JSON.stringify(token.val)} not defined`);
        return { kind: 'identifier', pos: token.pos, name: token.val };
      case 'dot':
        return { kind: 'dot', pos: token.pos };
      case 'nil':
        return { kind: 'nil', pos: token.pos };
      case 'variable':
        return useVar(token.pos, token.val);
      case 'field':
        return { kind: 'field', pos: token.pos, ident: token.val.slice(1).split('.') };
      case 'bool':
        return { kind: 'bool', pos: token.pos, value: token.val === 'true' };
      case 'charConstant':
      case 'number':
        return { kind: 'number', pos: token.pos, text: token.val, value: parseNumber(token) };
      case 'leftParen':
        return pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString': {
        const s = token.type === 'rawString' ? token.val.slice(1, -1).replace(/\r/g, '') : unquoteString(token.val);
        if (s === undefined) errorf('invalid syntax');
        return { kind: 'string', pos: token.pos, quoted: token.val, text: s! };
      }
    }
    backup();
    return undefined;
  };

  const operand = (): Operand | undefined => {
    const node = term();
    if (!node) return undefined;
    if (peek().type === 'field') {
      const fields: string[] = [];
      const chainPos = peek().pos;
      while (peek().type === 'field') fields.push(...next().val.slice(1).split('.'));
      switch (node.kind) {
        case 'field':
          return { kind: 'field', pos: chainPos, ident: [...node.ident, ...fields] };
        case 'variable':
          return { kind: 'variable', pos: chainPos, ident: [...node.ident, ...fields] };
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          return errorf(`unexpected . after term ${JSON.stringify(nodeString(node))}`);
        default:
          return { kind: 'chain', pos: chainPos, node, field: fields };
      }
    }
    return node;
  };

  const command = (): Command => {
    const cmd: Command = { kind: 'command', pos: peekNonSpace().pos, args: [] };
    for (;;) {
      peekNonSpace(); // skip leading spaces
      const op = operand();
      if (op) cmd.args.push(op);
      const token = next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') backup();
      else if (token.type !== 'pipe') unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) errorf('empty command');
    return cmd;
  };

  const checkPipeline = (pipe: Pipe, context: string): void => {
    if (pipe.cmds.length === 0) errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const k = c.args[0].kind;
      if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') {
        errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  };

  const pipeline = (context: string, end: 'rightDelim' | 'rightParen'): Pipe => {
    const token = peekNonSpace();
    const pipe: Pipe = { kind: 'pipe', pos: token.pos, line: token.line, isAssign: false, decl: [], cmds: [] };
    // Declarations: "$x :=", "$x =", and in range "$i, $e :=".
    for (;;) {
      const v = peekNonSpace();
      if (v.type !== 'variable') break;
      const save = idx;
      next();
      const after = peekNonSpace();
      if (after.type === 'assign' || after.type === 'declare') {
        pipe.isAssign = after.type === 'assign';
        nextNonSpace();
        pipe.decl.push({ kind: 'variable', pos: v.pos, ident: [v.val] });
        vars.push(v.val);
        break;
      }
      if (after.type === 'char' && after.val === ',') {
        nextNonSpace();
        pipe.decl.push({ kind: 'variable', pos: v.pos, ident: [v.val] });
        vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const t2 = peekNonSpace().type;
          if (t2 === 'variable' || t2 === 'rightDelim' || t2 === 'rightParen') continue;
          errorf('range can only initialize variables');
        }
        errorf(`too many declarations in ${context}`);
      }
      idx = save;
      break;
    }
    for (;;) {
      const t = nextNonSpace();
      if (t.type === end) {
        checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.type) {
        case 'bool':
        case 'charConstant':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          backup();
          pipe.cmds.push(command());
          break;
        default:
          unexpected(t, context);
      }
    }
  };

  const itemList = (): { list: ListNode; next: ElseNode | EndNode } => {
    const list: ListNode = { kind: 'list', pos: peekNonSpace().pos, nodes: [] };
    while (peekNonSpace().type !== 'eof') {
      const n = textOrAction();
      if (n.kind === 'end' || n.kind === 'else') return { list, next: n };
      list.nodes.push(n);
    }
    return errorf('unexpected EOF');
  };

  const parseControl = (allowElseIf: boolean, context: 'if' | 'range' | 'with'): Node => {
    const varsBefore = vars.length;
    const pipe = pipeline(context, 'rightDelim');
    if (context === 'range') rangeDepth++;
    const { list, next: nxt } = itemList();
    if (context === 'range') rangeDepth--;
    let elseList: ListNode | undefined;
    if (nxt.kind === 'else') {
      if (allowElseIf && peek().type === 'keyword' && peek().val === 'if') {
        // "{{else if ...": read as {{else}}{{if ...}}...{{end}}, sharing our {{end}}.
        elseList = { kind: 'list', pos: nxt.pos, nodes: [] };
        elseList.nodes.push(ifControl());
      } else {
        const r = itemList();
        elseList = r.list;
        if (r.next.kind !== 'end') errorf('expected end; found {{else}}');
      }
    }
    vars = vars.slice(0, varsBefore);
    return { kind: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
  };

  const ifControl = (): Node => {
    next(); // the "if" keyword
    return parseControl(true, 'if');
  };

  const action = (): Node | ElseNode | EndNode => {
    const token = nextNonSpace();
    if (token.type === 'keyword') {
      switch (token.val) {
        case 'block':
          return blockControl();
        case 'break':
        case 'continue': {
          const close = nextNonSpace();
          if (close.type !== 'rightDelim') unexpected(close, `{{${token.val}}}`);
          if (rangeDepth === 0) errorf(`{{${token.val}}} outside {{range}}`);
          return { kind: token.val, pos: token.pos, line: token.line };
        }
        case 'else': {
          const p = peekNonSpace();
          if (p.type === 'keyword' && p.val === 'if') return { kind: 'else', pos: p.pos, line: p.line };
          const t = expect('rightDelim', 'else');
          return { kind: 'else', pos: t.pos, line: t.line };
        }
        case 'end': {
          const t = expect('rightDelim', 'end');
          return { kind: 'end', pos: t.pos, line: t.line };
        }
        case 'if':
          return parseControl(true, 'if');
        case 'range':
          return parseControl(false, 'range');
        case 'template':
          return templateControl();
        case 'with':
          return parseControl(false, 'with');
      }
    }
    backup();
    const t = peek();
    const pipe = pipeline('command', 'rightDelim');
    return { kind: 'action', pos: t.pos, line: t.line, pipe };
  };

  const parseTemplateName = (token: Item, context: string): string => {
    if (token.type === 'string' || token.type === 'rawString') {
      const s = token.type === 'rawString' ? token.val.slice(1, -1) : unquoteString(token.val);
      if (s === undefined) errorf('invalid syntax');
      return s!;
    }
    return unexpected(token, context);
  };

  const templateControl = (): Node => {
    const context = 'template clause';
    const token = nextNonSpace();
    const tname = parseTemplateName(token, context);
    let pipe: Pipe | undefined;
    if (nextNonSpace().type !== 'rightDelim') {
      backup();
      pipe = pipeline(context, 'rightDelim');
    }
    return { kind: 'template', pos: token.pos, line: token.line, name: tname, pipe };
  };

  const blockControl = (): Node => {
    const context = 'block clause';
    const token = nextNonSpace();
    const tname = parseTemplateName(token, context);
    const pipe = pipeline(context, 'rightDelim');
    const savedVars = vars;
    vars = ['$'];
    const { list, next: end } = itemList();
    if (end.kind !== 'end') errorf('unexpected {{else}} in block clause');
    vars = savedVars;
    defines.set(tname, list);
    return { kind: 'template', pos: token.pos, line: token.line, name: tname, pipe };
  };

  const textOrAction = (): Node | ElseNode | EndNode => {
    const token = nextNonSpace();
    switch (token.type) {
      case 'text':
        return { kind: 'text', pos: token.pos, text: token.val };
      case 'leftDelim': {
        actionLine = token.line;
        try {
          return action();
        } finally {
          actionLine = 0;
        }
      }
      case 'comment':
        return { kind: 'comment', pos: token.pos, text: token.val };
    }
    return unexpected(token, 'input');
  };

  const parseDefinition = (): void => {
    const context = 'define clause';
    const token = nextNonSpace();
    const tname = parseTemplateName(token, context);
    expect('rightDelim', context);
    const savedVars = vars;
    vars = ['$'];
    const { list, next: end } = itemList();
    if (end.kind !== 'end') errorf(`unexpected {{else}} in ${context}`);
    vars = savedVars;
    defines.set(tname, list);
  };

  const root: ListNode = { kind: 'list', pos: 0, nodes: [] };
  while (peek().type !== 'eof') {
    if (peek().type === 'leftDelim') {
      const save = idx;
      const delim = next();
      const kw = nextNonSpace();
      if (kw.type === 'keyword' && kw.val === 'define') {
        actionLine = delim.line;
        parseDefinition();
        actionLine = 0;
        continue;
      }
      idx = save;
    }
    const n = textOrAction();
    if (n.kind === 'end' || n.kind === 'else') errorf(`unexpected {{${n.kind}}}`);
    else root.nodes.push(n);
  }
  return { name, text, root, defines };
}

/** Go's strconv.Unquote for a double-quoted literal; undefined when malformed. */
export function unquoteString(quoted: string): string | undefined {
  const body = quoted.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };
    if (e in simple) {
      out += simple[e];
      continue;
    }
    if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) return undefined;
      const n = parseInt(hex, 16);
      out += e === 'x' ? Buffer.from([n]).toString('latin1') : String.fromCodePoint(n);
      i += len;
      continue;
    }
    if (e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) return undefined;
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
      continue;
    }
    return undefined;
  }
  return out;
}

function unquoteChar(quoted: string): number | undefined {
  const body = quoted.slice(1, -1);
  if (body === "\\'") return 39;
  const s = unquoteString(`"${body}"`);
  if (s === undefined || [...s].length !== 1) return undefined;
  return s.codePointAt(0);
}
