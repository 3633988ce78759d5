// Tokens of one SQL text for the language features (completion, hover, diagnostics). Built on the
// splitter's `scan`, so strings, quoted identifiers, dollar quotes and comments end where they do
// for CodeLens and running; everything else becomes words, numbers, operators and punctuation.
import { scan, type SplitOptions } from '../split';

export type TokenKind =
  'word' | 'quoted' | 'string' | 'number' | 'op' | 'lparen' | 'rparen' | 'comma' | 'dot' | 'semicolon' | 'lbracket' | 'rbracket';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  text: string;
  /** Upper-cased text of a word (keyword comparisons); '' otherwise. */
  upper: string;
  /** A string, quoted identifier or comment that runs to the end of the text without its closer. */
  unterminated?: boolean;
}

export interface Comment {
  start: number;
  end: number;
  block: boolean;
  unterminated: boolean;
}

export interface Tokenized {
  tokens: Token[];
  comments: Comment[];
}

const TWO_CHAR_OPS = new Set(['::', '<=', '>=', '<>', '!=', '||', '->', '=>', '<<', '>>', '~~', '!~', '@>', '<@', '&&']);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** True when a quoted run starting at `start` (the quote) closes before `end`. */
function closed(src: string, start: number, end: number, quote: string, backslash: boolean): boolean {
  let j = start + 1;
  while (j < end) {
    const c = src[j];
    if (backslash && c === '\\') {
      j += 2;
      continue;
    }
    if (c === quote) {
      if (src[j + 1] === quote && j + 1 < end) {
        j += 2;
        continue;
      }
      return true;
    }
    j++;
  }
  return false;
}

function blockClosed(src: string, start: number, end: number): boolean {
  let depth = 0;
  for (let j = start; j < end - 1; j++) {
    if (src[j] === '/' && src[j + 1] === '*') {
      depth++;
      j++;
    } else if (src[j] === '*' && src[j + 1] === '/') {
      depth--;
      j++;
      if (depth === 0) return true;
    }
  }
  return false;
}

export function tokenize(src: string, options: SplitOptions = {}): Tokenized {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  const push = (kind: TokenKind, start: number, end: number, unterminated = false): void => {
    const text = src.slice(start, end);
    tokens.push({ kind, start, end, text, upper: kind === 'word' ? text.toUpperCase() : '', ...(unterminated ? { unterminated } : {}) });
  };
  scan(
    src,
    (kind, start, end) => {
      if (kind === 'whitespace') return;
      if (kind === 'comment') {
        const block = src[start] === '/';
        comments.push({ start, end, block, unterminated: block && end === src.length && !blockClosed(src, start, end) });
        return;
      }
      if (kind === 'semicolon') return push('semicolon', start, end);
      if (kind === 'string') {
        let unterminated = false;
        if (end === src.length) {
          if (src[start] === "'") unterminated = !closed(src, start, end, "'", options.backslashEscapes === true);
          else if (src[start + 1] === "'") unterminated = !closed(src, start + 1, end, "'", true);
          else if (src[start] === '$') {
            const tag = /^\$[^$]*\$/.exec(src.slice(start))?.[0] ?? '$$';
            unterminated = end - start < tag.length * 2 || !src.endsWith(tag);
          }
        }
        return push('string', start, end, unterminated);
      }
      if (kind === 'identifier') return push('quoted', start, end, end === src.length && !closed(src, start, end, src[start], false));
      // `code`: a whole word or one character.
      const c = src.charCodeAt(start);
      const prev = tokens[tokens.length - 1];
      if (end - start > 1 || /[A-Za-z0-9_$\u0080-\uffff]/.test(src[start])) {
        if (isDigit(c)) {
          // 1.5, 1e10, .5: join a number split by the dot.
          if (prev && prev.kind === 'dot' && prev.end === start) {
            const before = tokens[tokens.length - 2];
            if (before && before.kind === 'number' && before.end === prev.start) {
              tokens.length -= 2;
              return push('number', before.start, end);
            }
            if (!before || (before.kind !== 'word' && before.kind !== 'quoted' && before.kind !== 'rparen')) {
              tokens.length -= 1;
              return push('number', prev.start, end);
            }
          }
          return push('number', start, end);
        }
        return push('word', start, end);
      }
      const ch = src[start];
      if (ch === '(') return push('lparen', start, end);
      if (ch === ')') return push('rparen', start, end);
      if (ch === '[') return push('lbracket', start, end);
      if (ch === ']') return push('rbracket', start, end);
      if (ch === ',') return push('comma', start, end);
      if (ch === '.') return push('dot', start, end);
      if (prev && prev.kind === 'op' && prev.end === start && TWO_CHAR_OPS.has(prev.text + ch)) {
        prev.end = end;
        prev.text += ch;
        return;
      }
      if (prev && prev.kind === 'op' && prev.end === start && prev.text === '->' && ch === '>') {
        prev.end = end;
        prev.text = '->>';
        return;
      }
      return push('op', start, end);
    },
    options,
  );
  return { tokens, comments };
}

/** Unquoted identifiers fold case; quoted ones keep theirs without the quotes. */
export function identifierName(token: Token): string {
  if (token.kind === 'quoted')
    return token.text.slice(1, token.text.endsWith(token.text[0]) && token.text.length > 1 ? -1 : undefined).replace(/""/g, '"');
  return token.text;
}
