// Whether a statement that ran may have changed the catalog (tables, views, columns, schemas), so
// completion's cached catalog of that connection should be read again.
import { codeWords } from './readOnly';
import type { SplitOptions } from './split';

const CATALOG_CHANGES = new Set(['create', 'drop', 'alter', 'rename', 'comment', 'truncate', 'attach', 'detach', 'import']);

/** True when the statement's first code word (comments and strings skipped) is DDL. */
export function changesCatalog(sql: string, options: SplitOptions = {}): boolean {
  const [first] = codeWords(sql, options);
  return first !== undefined && CATALOG_CHANGES.has(first);
}
