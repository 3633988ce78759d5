// The only way SQL text (identifiers, literals, table names, notes, reasons) reaches generated code or a
// message: one string-literal and one comment function per target (messages use core/text/visible).
import { INVISIBLE_CHARS as UNSAFE, visibleText } from '../text/visible';
import type { Target } from './api';

/** Printable ASCII without `"` and `\`: written as it is (the common case, kept fast). */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

const hex4 = (c: string): string => c.charCodeAt(0).toString(16).padStart(4, '0');
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A double-quoted string literal, valid in Python and in Scala (2.12 included): `\uXXXX` is never used for
 * `"`, `\`, CR or LF, which Scala 2.12 would decode before lexing.
 */
function quoted(s: string): string {
  if (PLAIN.test(s)) return `"${s}"`;
  return `"${s.replace(/[\\"]/g, '\\$&').replace(UNSAFE, (c) => SHORT[c] ?? `\\u${hex4(c)}`)}"`;
}

export const pyStr = quoted;
export const scalaStr = quoted;

/**
 * The body of a `# …` (Python) or `// …` (Scala) comment: one line whatever the input. In Scala a
 * backslash is doubled, so no `\u000a` from the input can become a newline (Scala 2.12 decodes
 * Unicode escapes in comments too, and rejects malformed ones).
 */
export function commentText(target: Target, s: string): string {
  const t = visibleText(s);
  return target === 'scala' ? t.replace(/\\/g, '\\\\') : t;
}
