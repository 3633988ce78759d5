// Splits a SQL document into statements on `;`. A small hand-written lexer: it only needs to know
// where strings, quoted identifiers, dollar quotes and comments begin and end, so it works for every
// dialect we talk to (Postgres, Redshift, DuckDB, Athena/Trino) and tolerates text that does not parse.
import { LineIndex } from './positions';

export interface SqlStatement {
  /** The statement without leading/trailing whitespace and comments and without its `;`. */
  text: string;
  /** Offset of the first character of `text` in the document. */
  start: number;
  /** Offset just past the last character of `text`. */
  end: number;
  /** Offset just past the terminating `;`, or `end` when there is none. */
  terminatorEnd: number;
  /** 0-based line and column of `start`. */
  line: number;
  column: number;
}

// Character classes by char code: this runs over whole documents on every edit (CodeLens).
const IDENT_START = new Uint8Array(128);
const IDENT_PART = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  IDENT_START[c] = /[A-Za-z_]/.test(ch) ? 1 : 0;
  IDENT_PART[c] = /[A-Za-z0-9_$]/.test(ch) ? 1 : 0;
}
const isIdentStartCode = (c: number): boolean => (c < 128 ? IDENT_START[c] === 1 : !Number.isNaN(c));
const isIdentPartCode = (c: number): boolean => (c < 128 ? IDENT_PART[c] === 1 : !Number.isNaN(c));
const isIdentStart = (c: string | undefined): boolean => c !== undefined && isIdentStartCode(c.charCodeAt(0));
const isIdentPart = (c: string | undefined): boolean => c !== undefined && isIdentPartCode(c.charCodeAt(0));
const isSpaceCode = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(String.fromCharCode(c)));

/** Returns the offset just past a quoted run that starts at `i` (the opening quote). When the
 * quote is never closed, returns `src.length`. `backslash` enables E'…' style escapes. */
function skipQuoted(src: string, i: number, quote: string, backslash: boolean): number {
  let j = i + 1;
  while (j < src.length) {
    const c = src[j];
    if (backslash && c === '\\') {
      j += 2;
      continue;
    }
    if (c === quote) {
      if (src[j + 1] === quote) {
        j += 2; // doubled quote is an escaped quote
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return src.length;
}

function skipBlockComment(src: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < src.length) {
    if (src[j] === '/' && src[j + 1] === '*') {
      depth++;
      j += 2;
    } else if (src[j] === '*' && src[j + 1] === '/') {
      depth--;
      j += 2;
      if (depth === 0) return j;
    } else {
      j++;
    }
  }
  return src.length;
}

/** A dollar-quote opener at `i` (`$$` or `$tag$`), or undefined. */
function dollarTag(src: string, i: number): string | undefined {
  if (i > 0 && isIdentPart(src[i - 1])) return undefined; // `a$b$` is an identifier in Postgres
  let j = i + 1;
  if (src[j] !== '$') {
    if (j >= src.length || !isIdentStart(src[j])) return undefined; // `$1` is a parameter
    while (j < src.length && isIdentPart(src[j]) && src[j] !== '$') j++;
    if (src[j] !== '$') return undefined;
  }
  return src.slice(i, j + 1);
}

export interface SplitOptions {
  /** Treat a backslash in ordinary '…' strings as an escape (`'it\\'s'`), as Redshift does
   * (standard_conforming_strings off). Default false: the SQL standard, Postgres, DuckDB, Trino. */
  backslashEscapes?: boolean;
}

/** The kinds of lexical run `scan` reports. */
export type TokenKind = 'code' | 'string' | 'identifier' | 'comment' | 'whitespace' | 'semicolon';

/** Walks the document once and calls `visit` for each run. Runs cover the text without gaps. */
export function scan(src: string, visit: (kind: TokenKind, start: number, end: number) => void, options: SplitOptions = {}): void {
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    let end: number;
    let kind: TokenKind;
    if (c === ';') {
      kind = 'semicolon';
      end = i + 1;
    } else if (isSpaceCode(src.charCodeAt(i))) {
      kind = 'whitespace';
      end = i + 1;
      while (end < src.length && isSpaceCode(src.charCodeAt(end))) end++;
    } else if (c === '-' && next === '-') {
      kind = 'comment';
      const nl = src.indexOf('\n', i);
      end = nl < 0 ? src.length : nl;
    } else if (c === '/' && next === '*') {
      kind = 'comment';
      end = skipBlockComment(src, i);
    } else if (c === "'") {
      kind = 'string';
      end = skipQuoted(src, i, "'", options.backslashEscapes === true);
    } else if ((c === 'E' || c === 'e') && next === "'" && (i === 0 || !isIdentPart(src[i - 1]))) {
      kind = 'string';
      end = skipQuoted(src, i + 1, "'", true);
    } else if (c === '"' || c === '`') {
      kind = 'identifier';
      end = skipQuoted(src, i, c, false);
    } else if (c === '$' && dollarTag(src, i) !== undefined) {
      const tag = dollarTag(src, i)!;
      kind = 'string';
      const close = src.indexOf(tag, i + tag.length);
      end = close < 0 ? src.length : close + tag.length;
    } else {
      kind = 'code';
      end = i + 1;
      // Consume a whole word so `E'` / `$tag$` checks see identifier boundaries correctly.
      if (isIdentPartCode(src.charCodeAt(i))) while (end < src.length && isIdentPartCode(src.charCodeAt(end))) end++;
    }
    visit(kind, i, end);
    i = end;
  }
}

/** Where a block comment that is never closed starts, if any. The splitter drops comments, so
 * without this check `SELECT 1 /* …` would run as `SELECT 1` where the server would refuse it. */
export function unterminatedCommentAt(src: string, options: SplitOptions = {}): number | undefined {
  let at: number | undefined;
  scan(
    src,
    (kind, start, end) => {
      if (kind === 'comment' && src.startsWith('/*', start) && end === src.length && !src.endsWith('*/')) at = start;
    },
    options,
  );
  return at;
}

/** Splits `src` into statements. Empty and comment-only statements are dropped. */
export function splitStatements(src: string, options: SplitOptions = {}): SqlStatement[] {
  const lines = new LineIndex(src);
  const out: SqlStatement[] = [];
  let first = -1; // start of the first significant run in the current statement
  let last = -1; // end of the last significant run
  const flush = (terminatorEnd: number): void => {
    if (first >= 0) {
      const { line, column } = lines.positionAt(first);
      out.push({ text: src.slice(first, last), start: first, end: last, terminatorEnd: Math.max(terminatorEnd, last), line, column });
    }
    first = -1;
    last = -1;
  };
  scan(
    src,
    (kind, start, end) => {
      if (kind === 'semicolon') flush(end);
      else if (kind !== 'whitespace' && kind !== 'comment') {
        if (first < 0) first = start;
        last = end;
      }
    },
    options,
  );
  flush(-1);
  return out;
}

/** The statement the cursor at `offset` belongs to. Inside a statement (or on its `;`) that one;
 * in the gap after a statement on the same line as its end, that statement; otherwise the next
 * statement, or the last one when the cursor is past them all. */
export function statementAt(statements: readonly SqlStatement[], offset: number, src?: string): SqlStatement | undefined {
  if (statements.length === 0) return undefined;
  for (let k = 0; k < statements.length; k++) {
    const s = statements[k];
    if (offset >= s.start && offset <= s.terminatorEnd) return s;
    if (offset < s.start) {
      const prev = statements[k - 1];
      if (prev && src !== undefined && !src.slice(prev.terminatorEnd, offset).includes('\n')) return prev;
      return s;
    }
  }
  return statements[statements.length - 1];
}
