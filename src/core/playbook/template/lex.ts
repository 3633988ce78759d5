// Lexer for Go text/template (delimiters {{ }}), following Go 1.19's text/template/parse/lex.go:
// same item kinds, trim markers "{{- " / " -}}", comments, and the same error texts.

export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'comment'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  | 'keyword'
  | 'dot'
  | 'nil';

export interface Item {
  type: ItemType;
  pos: number;
  val: string;
  readonly line: number;
}

/** Items carry their line lazily: only error messages need it. */
class LexItem implements Item {
  constructor(
    readonly type: ItemType,
    readonly pos: number,
    readonly val: string,
    private readonly lines: number[],
  ) {}
  get line(): number {
    return lineOf(this.lines, this.pos);
  }
}

export const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);

const LEFT = '{{';
const RIGHT = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlphaNumeric = (c: string): boolean =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || (c > '\x7f' && /^[\p{L}\p{Nd}]$/u.test(c));

/** Go's %#U: `U+0021 '!'`. */
export function formatRune(c: string): string {
  const cp = c.codePointAt(0)!;
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return cp >= 0x20 && cp !== 0x7f ? `${hex} '${c}'` : hex;
}

/**
 * Splits template text into items, all at once (Go's lexer runs as a goroutine; order is the same).
 * From `from` on when given (a point where Go's lexer is between actions), and until `stopAt` says
 * yes to an action's start (eof is put there): a caller re-lexing part of a text it lexed before.
 */
export function lex(input: string, from = 0, stopAt?: (actionStart: number) => boolean): Item[] {
  const items: Item[] = [];
  let pos = from;
  let start = from;
  let parenDepth = 0;
  const lines = lineStarts(input);
  let insideAction = false;

  const emit = (type: ItemType): void => {
    items.push(new LexItem(type, start, input.slice(start, pos), lines));
    start = pos;
  };
  const ignore = (): void => {
    start = pos;
  };
  const errorf = (msg: string): false => {
    items.push(new LexItem('error', start, msg, lines));
    return false;
  };
  const next = (): string => {
    if (pos >= input.length) {
      pos = input.length + 1;
      return '';
    }
    const code = input.charCodeAt(pos);
    // Surrogate pairs are one rune, as Go reads UTF-8.
    const c = code >= 0xd800 && code <= 0xdbff ? String.fromCodePoint(input.codePointAt(pos)!) : input[pos];
    pos += c.length;
    return c;
  };
  const backup = (c: string): void => {
    if (c === '') {
      pos = input.length;
      return;
    }
    pos -= c.length;
  };
  const peek = (): string => {
    const c = next();
    backup(c);
    return c;
  };

  const hasLeftTrim = (at: number): boolean => input[at] === '-' && at + 1 < input.length && isSpace(input[at + 1]);
  const hasRightTrim = (at: number): boolean => at + 1 < input.length && isSpace(input[at]) && input[at + 1] === '-';
  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    if (hasRightTrim(pos) && input.startsWith(RIGHT, pos + 2)) return { delim: true, trim: true };
    return { delim: input.startsWith(RIGHT, pos), trim: false };
  };
  // Returns false when lexing stops (error or EOF).
  const lexText = (): boolean => {
    const x = input.indexOf(LEFT, pos);
    if (x >= 0 && stopAt?.(x)) {
      if (x > start) items.push(new LexItem('text', start, input.slice(start, x), lines));
      items.push(new LexItem('eof', x, '', lines));
      return false;
    }
    if (x >= 0) {
      let trimLen = 0;
      const delimEnd = x + LEFT.length;
      if (hasLeftTrim(delimEnd)) {
        let end = x;
        while (end > pos && isSpace(input[end - 1])) end--;
        trimLen = x - end;
      }
      pos = x - trimLen;
      if (pos > start) items.push(new LexItem('text', start, input.slice(start, pos), lines));
      pos = x;
      start = pos;
      return lexLeftDelim();
    }
    pos = input.length;
    if (pos > start) items.push(new LexItem('text', start, input.slice(start, pos), lines));
    start = pos;
    items.push(new LexItem('eof', pos, '', lines));
    return false;
  };

  const lexLeftDelim = (): boolean => {
    pos += LEFT.length;
    const trim = hasLeftTrim(pos);
    const afterMarker = trim ? 2 : 0;
    if (input.startsWith(LEFT_COMMENT, pos + afterMarker)) {
      pos += afterMarker;
      ignore();
      return lexComment();
    }
    emit('leftDelim');
    pos += afterMarker;
    ignore();
    parenDepth = 0;
    insideAction = true;
    return true;
  };

  const lexComment = (): boolean => {
    pos += LEFT_COMMENT.length;
    const x = input.indexOf(RIGHT_COMMENT, pos);
    if (x < 0) return errorf('unclosed comment');
    pos = x + RIGHT_COMMENT.length;
    const { delim, trim } = atRightDelim();
    if (!delim) return errorf('comment ends before closing delimiter');
    emit('comment');
    if (trim) pos += 2;
    pos += RIGHT.length;
    if (trim) pos = skipSpace(pos);
    ignore();
    return true;
  };

  const skipSpace = (at: number): number => {
    let p = at;
    while (p < input.length && isSpace(input[p])) p++;
    return p;
  };

  const lexRightDelim = (trim: boolean): boolean => {
    if (trim) {
      pos += 2;
      ignore();
    }
    pos += RIGHT.length;
    emit('rightDelim');
    if (trim) {
      pos = skipSpace(pos);
      ignore();
    }
    insideAction = false;
    return true;
  };

  const lexInsideAction = (): boolean => {
    const { delim, trim } = atRightDelim();
    if (delim) {
      if (parenDepth === 0) return lexRightDelim(trim);
      return errorf('unclosed left paren');
    }
    const c = next();
    if (c === '') return errorf('unclosed action');
    if (isSpace(c)) {
      backup(c);
      return lexSpace();
    }
    if (c === '=') {
      emit('assign');
      return true;
    }
    if (c === ':') {
      if (next() !== '=') return errorf('expected :=');
      emit('declare');
      return true;
    }
    if (c === '|') {
      emit('pipe');
      return true;
    }
    if (c === '"') return lexQuote();
    if (c === '`') return lexRawQuote();
    if (c === '$') return lexVariable();
    if (c === "'") return lexChar();
    if (c === '.') {
      if (pos < input.length) {
        const r = input[pos];
        if (r < '0' || r > '9') return lexField();
      }
      backup(c);
      return lexNumber();
    }
    if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
      backup(c);
      return lexNumber();
    }
    if (isAlphaNumeric(c)) {
      backup(c);
      return lexIdentifier();
    }
    if (c === '(') {
      emit('leftParen');
      parenDepth++;
      return true;
    }
    if (c === ')') {
      emit('rightParen');
      parenDepth--;
      if (parenDepth < 0) return errorf(`unexpected right paren ${formatRune(c)}`);
      return true;
    }
    if (c.codePointAt(0)! <= 0x7f && /[\x21-\x7e]/.test(c)) {
      emit('char');
      return true;
    }
    return errorf(`unrecognized character in action: ${formatRune(c)}`);
  };

  const lexSpace = (): boolean => {
    let numSpaces = 0;
    for (;;) {
      const c = peek();
      if (c === '' || !isSpace(c)) break;
      next();
      numSpaces++;
    }
    // A space before a right trim marker belongs to the marker.
    if (hasRightTrim(pos - 1) && input.startsWith(RIGHT, pos + 1)) {
      backup(input[pos - 1]);
      if (numSpaces === 1) return true; // the space is the marker's
    }
    emit('space');
    return true;
  };

  const atTerminator = (): boolean => {
    const c = peek();
    if (c === '' || isSpace(c)) return true;
    if ('.,|:()'.includes(c)) return true;
    return input.startsWith(RIGHT, pos);
  };

  const lexIdentifier = (): boolean => {
    for (;;) {
      const c = next();
      if (c !== '' && isAlphaNumeric(c)) continue;
      backup(c);
      const word = input.slice(start, pos);
      if (!atTerminator()) return errorf(`bad character ${formatRune(c)}`);
      if (KEYWORDS.has(word)) emit(word === 'nil' ? 'nil' : 'keyword');
      else if (word[0] === '.') emit('field');
      else if (word === 'true' || word === 'false') emit('bool');
      else emit('identifier');
      return true;
    }
  };

  const lexFieldOrVariable = (type: 'field' | 'variable'): boolean => {
    if (atTerminator()) {
      emit(type === 'variable' ? 'variable' : 'dot');
      return true;
    }
    let c: string;
    for (;;) {
      c = next();
      if (c === '' || !isAlphaNumeric(c)) {
        backup(c);
        break;
      }
    }
    if (!atTerminator()) return errorf(`bad character ${formatRune(c)}`);
    emit(type);
    return true;
  };
  const lexField = (): boolean => lexFieldOrVariable('field');
  const lexVariable = (): boolean => lexFieldOrVariable('variable');

  const lexChar = (): boolean => {
    for (;;) {
      let c = next();
      if (c === '\\') {
        c = next();
        if (c !== '' && c !== '\n') continue;
      }
      if (c === '' || c === '\n') return errorf('unterminated character constant');
      if (c === "'") break;
    }
    emit('charConstant');
    return true;
  };

  const lexQuote = (): boolean => {
    for (;;) {
      let c = next();
      if (c === '\\') {
        c = next();
        if (c !== '' && c !== '\n') continue;
      }
      if (c === '' || c === '\n') return errorf('unterminated quoted string');
      if (c === '"') break;
    }
    emit('string');
    return true;
  };

  const lexRawQuote = (): boolean => {
    for (;;) {
      const c = next();
      if (c === '') return errorf('unterminated raw quoted string');
      if (c === '`') break;
    }
    emit('rawString');
    return true;
  };

  const lexNumber = (): boolean => {
    if (!scanNumber()) return errorf(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
    const c = peek();
    if (c === '+' || c === '-') {
      // Complex: 1+2i.
      if (!scanNumber() || input[pos - 1] !== 'i') return errorf(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
    }
    emit('number');
    return true;
  };

  const accept = (valid: string): boolean => {
    const c = next();
    if (c !== '' && valid.includes(c)) return true;
    backup(c);
    return false;
  };
  const acceptRun = (valid: string): void => {
    for (;;) {
      const c = next();
      if (c === '' || !valid.includes(c)) {
        backup(c);
        return;
      }
    }
  };

  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    const c = peek();
    if (c !== '' && isAlphaNumeric(c)) {
      next();
      return false;
    }
    return true;
  };

  for (;;) {
    const ok = insideAction ? lexInsideAction() : lexText();
    if (!ok) break;
  }
  return items;
}

/** Offsets where each line starts, for 1-based line numbers by binary search. */
export function lineStarts(s: string): number[] {
  const starts = [0];
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
