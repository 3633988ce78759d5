// SQL text helpers for the local engine: identifier/literal quoting (never interpolate raw names),
// Redshift → DuckDB type mapping for atomic.events, and the read_csv call for enriched TSV.
import { ENRICHED_EVENT_FIELDS, type EventField } from '../../events/fields';

export function quoteIdentifier(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/** A file path DuckDB's glob matching reads as itself: each glob character in a class of its
 * own (`[` → `[[]`, `*` → `[*]`), which DuckDB matches literally. */
export function escapeGlob(filePath: string): string {
  return filePath.replace(/[*?[\]]/g, (c) => `[${c}]`);
}

export function quoteLiteral(text: string): string {
  if (text.includes('\0')) throw new Error('NUL character in SQL string literal');
  return "'" + text.replace(/'/g, "''") + "'";
}

/** DuckDB type for a Redshift atomic.events column type (fields.ts `redshiftType`). */
export function duckdbTypeForRedshift(redshiftType: string): string {
  const t = redshiftType.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^(varchar|char|character varying|character)\b/.test(t)) return 'VARCHAR';
  if (t === 'int' || t === 'integer' || t === 'int4') return 'INTEGER';
  if (t === 'bigint' || t === 'int8') return 'BIGINT';
  if (t === 'smallint' || t === 'int2') return 'SMALLINT';
  if (t === 'timestamp' || t === 'timestamp without time zone') return 'TIMESTAMP';
  if (t === 'double precision' || t === 'float8' || t === 'float') return 'DOUBLE';
  if (t === 'boolean' || t === 'bool') return 'BOOLEAN';
  const dec = /^(?:dec|decimal|numeric)\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(t);
  if (dec) return `DECIMAL(${dec[1]},${dec[2]})`;
  throw new Error(`no DuckDB type for Redshift type ${redshiftType}`);
}

/** DuckDB type of each of the 131 TSV fields when reading the file (JSON fields as VARCHAR). */
export function tsvFieldType(field: EventField): string {
  return field.redshiftType === null ? 'VARCHAR' : duckdbTypeForRedshift(field.redshiftType);
}

/** `SELECT <128 columns> FROM read_csv(<file>, …)` reading enriched-event TSV with explicit types:
 * tab-delimited, no quote or escape character, no header, empty field = NULL. */
export function selectAtomicEventsFromTsv(file: string): string {
  const columns = ENRICHED_EVENT_FIELDS.map((f) => `${quoteLiteral(f.name)}: ${quoteLiteral(tsvFieldType(f))}`).join(', ');
  const select = ENRICHED_EVENT_FIELDS.filter((f) => f.redshiftType !== null)
    .map((f) => quoteIdentifier(f.name))
    .join(', ');
  return `SELECT ${select} FROM read_csv(${quoteLiteral(file)}, delim = '\t', quote = '', escape = '', header = false, auto_detect = false, nullstr = '', strict_mode = true, columns = {${columns}})`;
}

/** A safe table name from a file name: lower-case letters, digits and `_`, not starting with a digit. */
export function tableNameForFile(fileName: string): string {
  const base = fileName.replace(/\.(gz|zst)$/i, '').replace(/\.[^.]*$/, '');
  let name = base
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (name === '') name = 'file';
  if (/^[0-9]/.test(name)) name = 't_' + name;
  return name.slice(0, 63);
}
