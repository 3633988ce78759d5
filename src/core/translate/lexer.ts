// Tokenizer for the analytic SELECT subset: exact 1-based line/column for every token.
import { refuse, type Pos } from './errors';

export type TokenKind = 'ident' | 'qident' | 'number' | 'string' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Identifier text (case kept), string contents (unescaped), number text or operator. */
  text: string;
  /** Uppercased text for keyword checks ('' for quoted identifiers and strings). */
  upper: string;
  pos: Pos;
}

const NUMBER = /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;
const IDENT = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/y;
const DOLLAR = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y;

/** Sticky match at `at` without copying the rest of the input. */
function matchAt(re: RegExp, sql: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(sql);
  return m ? m[0] : null;
}

const OPS = [
  '!~*',
  '!~',
  '~*',
  '~',
  '::',
  '||',
  '<=',
  '>=',
  '<>',
  '!=',
  '==',
  '(',
  ')',
  ',',
  '.',
  ';',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '=',
  '[',
  ']',
];

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (at: number): Pos => ({ offset: at, line, column: at - lineStart + 1 });
  const advanceLines = (from: number, to: number): void => {
    for (let k = from; k < to; k++)
      if (sql[k] === '\n') {
        line++;
        lineStart = k + 1;
      }
  };
  // A UTF-8 byte order mark is not text: skip it, and count columns from after it.
  if (sql.charCodeAt(0) === 0xfeff) {
    i = 1;
    lineStart = 1;
  }
  while (i < sql.length) {
    const c = sql[i];
    if (c === '\n') {
      line++;
      lineStart = i + 1;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const start = pos(i);
      let depth = 1;
      let k = i + 2;
      while (k < sql.length && depth > 0) {
        if (sql[k] === '/' && sql[k + 1] === '*') {
          depth++;
          k += 2;
        } else if (sql[k] === '*' && sql[k + 1] === '/') {
          depth--;
          k += 2;
        } else k++;
      }
      if (depth > 0) refuse('unterminated block comment', start);
      advanceLines(i, k);
      i = k;
      continue;
    }
    const start = pos(i);
    if (c === "'" || ((c === 'E' || c === 'e') && sql[i + 1] === "'")) {
      const escapes = c !== "'";
      let k = escapes ? i + 2 : i + 1;
      let text = '';
      for (;;) {
        if (k >= sql.length) refuse('unterminated string literal', start);
        const ch = sql[k];
        if (ch === "'" && sql[k + 1] === "'") {
          text += "'";
          k += 2;
          continue;
        }
        if (ch === "'") {
          k++;
          break;
        }
        if (escapes && ch === '\\' && k + 1 < sql.length) {
          const n = sql[k + 1];
          text += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
          k += 2;
          continue;
        }
        text += ch;
        k++;
      }
      advanceLines(i, k);
      tokens.push({ kind: 'string', text, upper: '', pos: start });
      i = k;
      continue;
    }
    if (c === '$' && /[A-Za-z_$]/.test(sql[i + 1] ?? '')) {
      const tag = matchAt(DOLLAR, sql, i);
      if (tag) {
        const end = sql.indexOf(tag, i + tag.length);
        if (end < 0) refuse('unterminated dollar-quoted string', start);
        tokens.push({ kind: 'string', text: sql.slice(i + tag.length, end), upper: '', pos: start });
        advanceLines(i, end + tag.length);
        i = end + tag.length;
        continue;
      }
    }
    if (c === '"' || c === '`') {
      let k = i + 1;
      let text = '';
      for (;;) {
        if (k >= sql.length) refuse('unterminated quoted identifier', start);
        if (sql[k] === c && sql[k + 1] === c) {
          text += c;
          k += 2;
          continue;
        }
        if (sql[k] === c) {
          k++;
          break;
        }
        text += sql[k++];
      }
      tokens.push({ kind: 'qident', text, upper: '', pos: start });
      advanceLines(i, k);
      i = k;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const text = matchAt(NUMBER, sql, i)!;
      tokens.push({ kind: 'number', text, upper: text, pos: start });
      i += text.length;
      continue;
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      const text = matchAt(IDENT, sql, i)!;
      tokens.push({ kind: 'ident', text, upper: text.toUpperCase(), pos: start });
      i += text.length;
      continue;
    }
    const op = OPS.find((o) => sql.startsWith(o, i));
    if (!op) refuse(`unexpected character '${c}'`, start);
    tokens.push({ kind: 'op', text: op, upper: op, pos: start });
    i += op.length;
  }
  tokens.push({ kind: 'eof', text: '', upper: '', pos: pos(i) });
  return tokens;
}
