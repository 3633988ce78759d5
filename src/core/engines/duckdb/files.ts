// Local files as DuckDB views, and the catalog listing for explorers and completion. Names and
// paths only ever reach SQL through quoteIdentifier / quoteLiteral.
import { constants, createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from '../engine';
import { ENRICHED_EVENT_FIELDS } from '../../events/fields';
import { toEngineError } from './errors';
import { checkDelimitedShape, classifyTsvFirstLine } from './shape';
import { escapeGlob, quoteIdentifier, quoteLiteral, tableNameForFile, tsvFieldType } from './sql';

export type FileFormat = 'csv' | 'tsv' | 'parquet' | 'json';

export interface AddFileOptions {
  /** View name; default derived from the file name (made unique). An explicit name replaces an
   * existing view of that name. */
  tableName?: string;
  /** Default from the extension: .tsv/.tab → tsv, .csv/.txt → csv, .parquet/.pq → parquet,
   * .json/.jsonl/.ndjson → json (each also with .gz). */
  format?: FileFormat;
}

export interface TableInfo {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  columns: { name: string; type: string }[];
}

export function formatForFile(filePath: string): FileFormat | undefined {
  const name = filePath.toLowerCase().replace(/\.(gz|zst)$/, '');
  if (/\.(tsv|tab)$/.test(name)) return 'tsv';
  if (/\.(csv|txt)$/.test(name)) return 'csv';
  if (/\.(parquet|pq)$/.test(name)) return 'parquet';
  if (/\.(json|jsonl|ndjson)$/.test(name)) return 'json';
  return undefined;
}

async function firstLine(filePath: string): Promise<string | undefined> {
  if (/\.(gz|zst)$/i.test(filePath)) return undefined;
  const input = createReadStream(filePath, { encoding: 'utf8', end: 1 << 20 });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) return line.replace(/^\uFEFF/, '');
    return undefined;
  } finally {
    lines.close();
    input.destroy();
  }
}

/** True when the file's first line is a valid 131-field enriched event (no header row); throws
 * when it is meant to be one but is broken (see classifyTsvFirstLine). */
async function looksLikeEnrichedEvents(filePath: string): Promise<boolean> {
  const line = await firstLine(filePath);
  if (line === undefined) return false;
  return classifyTsvFirstLine(filePath, line) === 'enriched';
}

async function readerSql(filePath: string, format: FileFormat): Promise<string> {
  // DuckDB reads a path as a glob: `report[1].csv` would load `report1.csv`, `*.csv` the folder.
  const file = quoteLiteral(escapeGlob(filePath));
  switch (format) {
    case 'parquet':
      return `SELECT * FROM read_parquet(${file})`;
    case 'json':
      return `SELECT * FROM read_json_auto(${file})`;
    case 'csv':
      await checkDelimitedShape(filePath, ',', 'comma');
      return `SELECT * FROM read_csv(${file})`;
    case 'tsv': {
      if (await looksLikeEnrichedEvents(filePath)) {
        // Enriched-event TSV: all 131 fields with their canonical names and types.
        const columns = ENRICHED_EVENT_FIELDS.map((f) => `${quoteLiteral(f.name)}: ${quoteLiteral(tsvFieldType(f))}`).join(', ');
        return `SELECT * FROM read_csv(${file}, delim = '\t', quote = '', escape = '', header = false, auto_detect = false, nullstr = '', columns = {${columns}})`;
      }
      await checkDelimitedShape(filePath, '\t', 'tab');
      return `SELECT * FROM read_csv(${file}, delim = '\t')`;
    }
  }
}

async function relationExists(conn: DuckDBConnection, name: string): Promise<boolean> {
  const prepared =
    await conn.prepare(`SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $1
    UNION ALL SELECT count(*) FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND view_name = $1`);
  prepared.bindVarchar(1, name);
  const reader = await prepared.runAndReadAll();
  return reader.getRows().some((r) => Number(r[0]) > 0);
}

export async function addFileAsTable(conn: DuckDBConnection, filePath: string, options: AddFileOptions = {}): Promise<string> {
  const absolute = path.resolve(filePath);
  try {
    await access(absolute, constants.R_OK);
    if (!(await stat(absolute)).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'file not found' : err.code === 'EACCES' ? 'permission denied' : err.message;
    throw new EngineError(`Cannot read ${absolute}: ${why}`, { code: err.code, category: 'query', cause: e });
  }
  const format = options.format ?? formatForFile(absolute) ?? 'csv';
  let name = options.tableName?.trim();
  const replace = !!name;
  if (!name) {
    const base = tableNameForFile(path.basename(absolute));
    name = base;
    for (let i = 2; await relationExists(conn, name); i++) name = `${base}_${i}`;
  }
  let reader: string;
  try {
    reader = await readerSql(absolute, format);
  } catch (e) {
    if (e instanceof EngineError) throw e;
    throw new EngineError(`Cannot read ${absolute}: ${e instanceof Error ? e.message : String(e)}`, { category: 'query', cause: e });
  }
  const sql = `CREATE ${replace ? 'OR REPLACE ' : ''}VIEW main.${quoteIdentifier(name)} AS ${reader}`;
  try {
    await conn.run(sql);
  } catch (e) {
    const cause = toEngineError(e, sql);
    throw new EngineError(`Cannot read ${absolute} as ${format.toUpperCase()}: ${cause.message}`, {
      category: 'query',
      code: cause.details.code,
      cause: e,
    });
  }
  return name;
}

export async function listTables(conn: DuckDBConnection): Promise<TableInfo[]> {
  const reader = await conn.runAndReadAll(`
    SELECT c.schema_name, c.table_name, CASE WHEN v.view_name IS NULL THEN 'table' ELSE 'view' END AS kind, c.column_name, c.data_type
    FROM duckdb_columns() c
    LEFT JOIN duckdb_views() v ON v.database_name = c.database_name AND v.schema_name = c.schema_name AND v.view_name = c.table_name
    WHERE c.database_name = current_database() AND NOT c.internal
    ORDER BY c.schema_name, c.table_name, c.column_index`);
  const tables = new Map<string, TableInfo>();
  for (const [schema, table, kind, column, type] of reader.getRows() as [string, string, 'table' | 'view', string, string][]) {
    const key = `${schema}\u0000${table}`;
    let info = tables.get(key);
    if (!info) tables.set(key, (info = { schema, name: table, kind, columns: [] }));
    info.columns.push({ name: column, type });
  }
  return [...tables.values()];
}
