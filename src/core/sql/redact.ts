// Masks secrets in SQL before it is logged or kept in history. Literals are found with the
// project's own lexer (split.ts `scan`), so quotes, E'…' and $$…$$ strings, comments and
// backslash escapes are read the way the engines read them. A secret literal keeps its quotes
// and becomes `***` ('***', E'***', $$***$$).
import { scan, type TokenKind } from './split';

/** Words after which a literal is a secret: Redshift COPY/UNLOAD credentials, CREATE/ALTER USER
 * … PASSWORD, DuckDB CREATE SECRET (KEY_ID, SECRET, SESSION_TOKEN, …) and its s3_* settings. */
const SECRET_WORDS = new Set([
  'password',
  'credentials',
  'access_key_id',
  'secret_access_key',
  'session_token',
  'master_symmetric_key',
  'key_id',
  'secret',
  'token',
  'account_key',
  'connection_string',
  'client_secret',
  'bearer_token',
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  's3_access_key_id',
  's3_secret_access_key',
  's3_session_token',
  'gcs_access_key_id',
  'gcs_secret_access_key',
  'r2_access_key_id',
  'r2_secret_access_key',
  'azure_storage_connection_string',
  'azure_account_key',
]);

/** Settings whose value may be a bare word (`SET s3_secret_access_key = abc`). */
const SECRET_SETTINGS = new Set([...SECRET_WORDS].filter((w) => /^(s3|gcs|r2|azure|aws)_/.test(w)));

/** Words that may sit between a secret word and its value. */
const GAP_WORDS = new Set(['as', 'to']);

/** Inside a literal: `password=…` (libpq, JDBC) and `aws_secret_access_key=…` style pairs. */
const SECRET_PAIR =
  /\b(password|passwd|pwd|aws_secret_access_key|secret_access_key|aws_session_token|session_token|token|sslpassword|accountkey|sharedaccesssignature)\s*=\s*(''(?:(?!'')[^])*''|'(?:[^'\\]|\\.)*'|[^\s;&,'"]+)/gi;
/** Inside a literal: `scheme://user:password@host` (dblink, postgres_fdw, URIs). */
const URI_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^:/@\s'"]*:)([^@\s'"]+)(@)/gi;

interface Token {
  kind: TokenKind;
  start: number;
  end: number;
}

interface Range {
  start: number;
  end: number;
}

export interface Redaction {
  text: string;
  /** True when anything was masked: the text is no longer the statement that ran. */
  redacted: boolean;
}

/** Where a string token's content starts and ends (inside its quotes or dollar tags). */
function stringContent(src: string, t: Token, backslashEscapes: boolean): Range {
  const text = src.slice(t.start, t.end);
  if (text.startsWith('$')) {
    const tag = text.slice(0, text.indexOf('$', 1) + 1);
    const closed = text.length >= tag.length * 2 && text.endsWith(tag);
    return { start: t.start + tag.length, end: closed ? t.end - tag.length : t.end };
  }
  const open = text[0] === "'" ? 1 : 2; // ' or E'
  let closed = text.length > open && text.endsWith("'");
  if (closed && (backslashEscapes || open === 2)) {
    // An unterminated string can end in an escaped quote: odd backslashes before it.
    let n = 0;
    for (let k = text.length - 2; k >= open && text[k] === '\\'; k--) n++;
    closed = n % 2 === 0;
  }
  return { start: t.start + open, end: closed ? t.end - 1 : t.end };
}

/** Ranges of `src` that hold secrets, for one way of reading backslashes in strings. */
function secretRanges(src: string, backslashEscapes: boolean): Range[] {
  const tokens: Token[] = [];
  scan(
    src,
    (kind, start, end) => {
      if (kind !== 'whitespace' && kind !== 'comment') tokens.push({ kind, start, end });
    },
    { backslashEscapes },
  );
  const out: Range[] = [];
  const word = (t: Token | undefined): string | undefined => (t?.kind === 'code' ? src.slice(t.start, t.end).toLowerCase() : undefined);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'string') {
      // Secrets inside any literal: connection strings, credential lists.
      const content = stringContent(src, t, backslashEscapes);
      const inner = src.slice(content.start, content.end);
      for (const m of inner.matchAll(SECRET_PAIR)) {
        const valueAt = m.index! + m[0].length - m[2].length;
        out.push({ start: content.start + valueAt, end: content.start + m.index! + m[0].length });
      }
      for (const m of inner.matchAll(URI_PASSWORD)) {
        const at = m.index! + m[1].length;
        out.push({ start: content.start + at, end: content.start + at + m[2].length });
      }
      continue;
    }
    const w = word(t);
    if (w === undefined || !SECRET_WORDS.has(w)) continue;
    // The value: the next string, past comments, `AS`, `TO` and `=` (`SET s3_… = '…'`).
    let j = i + 1;
    let sawEquals = false;
    while (j < tokens.length && (GAP_WORDS.has(word(tokens[j]) ?? '') || src.slice(tokens[j].start, tokens[j].end) === '=')) {
      if (src.slice(tokens[j].start, tokens[j].end) === '=') sawEquals = true;
      j++;
    }
    const value = tokens[j];
    if (value?.kind === 'string') {
      out.push(stringContent(src, value, backslashEscapes));
    } else if (
      value?.kind === 'code' &&
      SECRET_SETTINGS.has(w) &&
      (sawEquals || j > i + 1) &&
      /^[A-Za-z0-9_/+.$-]+$/.test(src.slice(value.start, value.end))
    ) {
      // A bare value of a secret setting: mask it and any word characters glued to it.
      let end = value.end;
      let k = j + 1;
      while (
        k < tokens.length &&
        tokens[k].kind === 'code' &&
        tokens[k].start === end &&
        /^[A-Za-z0-9_/+.$=-]+$/.test(src.slice(tokens[k].start, tokens[k].end))
      )
        end = tokens[k++].end;
      out.push({ start: value.start, end });
    }
  }
  return out;
}

/** Masks secret literals. Both ways of reading a backslash in a string are tried (standard SQL
 * and Redshift/E'…'), and what either finds is masked, so no dialect can smuggle one past. */
export function redactSql(sql: string): Redaction {
  const ranges = [...secretRanges(sql, false), ...secretRanges(sql, true)]
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  if (ranges.length === 0) return { text: sql, redacted: false };
  let text = '';
  let at = 0;
  for (const r of ranges) {
    if (r.end <= at) continue;
    const start = Math.max(r.start, at);
    text += sql.slice(at, start) + (start === r.start ? '***' : '');
    at = r.end;
  }
  text += sql.slice(at);
  return { text, redacted: text !== sql };
}

export function redactSecrets(sql: string): string {
  return redactSql(sql).text;
}

/** Whether the text holds a masked literal ('***' as a whole string): such a statement must be
 * edited, not run as it is (it would set a password to `***`). */
export function hasMaskedLiteral(sql: string): boolean {
  let found = false;
  for (const backslashEscapes of [false, true]) {
    scan(
      sql,
      (kind, start, end) => {
        if (kind !== 'string' || found) return;
        const c = stringContent(sql, { kind, start, end }, backslashEscapes);
        if (sql.slice(c.start, c.end) === '***') found = true;
      },
      { backslashEscapes },
    );
  }
  return found;
}
