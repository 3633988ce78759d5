// Whether a statement only reads, so running it again is harmless. Used before re-running a query
// to export rows the grid did not keep; conservative on purpose: any data-changing keyword in the
// code (not in strings, comments or quoted identifiers) makes the answer "no".
import { scan, type SplitOptions } from './split';

const READ_STARTS = new Set(['select', 'with', 'values', 'table', 'show', 'describe', 'desc', 'explain']);
const WRITES = new Set([
  'insert',
  'update',
  'delete',
  'merge',
  'upsert',
  'create',
  'drop',
  'alter',
  'truncate',
  'copy',
  'unload',
  'grant',
  'revoke',
  'call',
  'execute',
  'exec',
  'vacuum',
  'analyze',
  'refresh',
  'into',
  'lock',
  'nextval',
  'setval',
]);

/** The lower-cased words of the statement's code, at any depth (strings, comments and quoted
 * identifiers skipped). */
export function codeWords(sql: string, options: SplitOptions = {}): string[] {
  const words: string[] = [];
  scan(
    sql,
    (kind, start, end) => {
      if (kind === 'code')
        for (const w of sql
          .slice(start, end)
          .toLowerCase()
          .match(/[a-z_][a-z0-9_$]*/g) ?? [])
          words.push(w);
    },
    options,
  );
  return words;
}

export function isReadOnlyStatement(sql: string, options: SplitOptions = {}): boolean {
  const words = codeWords(sql, options);
  if (!words.length || !READ_STARTS.has(words[0])) return false;
  return !words.some((w) => WRITES.has(w));
}
