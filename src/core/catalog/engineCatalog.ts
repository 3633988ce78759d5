// CatalogSource for engines reached over SQL: the local DuckDB and PostgreSQL (also Redshift over
// the wire). Reads the engine's own catalog through the connection's Engine, one level per
// query; names from the catalog only ever travel as escaped string literals.
import { collectRows, type Engine } from '../engines/engine';
import type { CatalogColumn, CatalogObjectKind, CatalogSource, CatalogTable } from './types';

/** `text` as a string literal that means exactly `text` on that engine, whatever its settings:
 * DuckDB reads backslashes literally (quotes doubled); PostgreSQL gets a dollar-quoted string,
 * which has no escapes at all, so standard_conforming_strings cannot change its meaning; Redshift
 * has no dollar quotes and treats `\` as an escape, so backslashes are doubled too. */
export function sqlString(text: string, dialect: 'duckdb' | 'postgres' | 'redshift' = 'duckdb'): string {
  if (text.includes('\0')) throw new Error('A catalog name cannot contain a NUL character');
  if (dialect === 'postgres') {
    let tag = 'n';
    while (text.includes(`$${tag}$`) || text.endsWith(`$${tag}`)) tag += 'n';
    return `$${tag}$${text}$${tag}$`;
  }
  if (dialect === 'redshift') return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  return `'${text.replace(/'/g, "''")}'`;
}

export class EngineCatalogSource implements CatalogSource {
  constructor(
    private readonly engine: Engine,
    readonly dialect: 'duckdb' | 'postgres' | 'redshift',
  ) {}

  private literal(text: string): string {
    return sqlString(text, this.dialect);
  }

  private async rows(sql: string, signal?: AbortSignal): Promise<string[][]> {
    const rows = await collectRows(await this.engine.execute(sql, { signal }));
    return rows.map((r) => r.map((v) => (v === null ? '' : String(v))));
  }

  async *listSchemas(signal?: AbortSignal): AsyncIterable<string[]> {
    const sql =
      this.dialect === 'duckdb'
        ? // The attached databases' schemas, without DuckDB's internal catalogs.
          `SELECT DISTINCT schema_name FROM information_schema.schemata WHERE catalog_name NOT IN ('system', 'temp') AND schema_name NOT IN ('information_schema', 'pg_catalog') ORDER BY 1`
        : `SELECT nspname FROM pg_catalog.pg_namespace WHERE left(nspname, 3) <> 'pg_' AND nspname <> 'information_schema' ORDER BY 1`;
    yield (await this.rows(sql, signal)).map((r) => r[0]);
  }

  async *listTables(schema: string, signal?: AbortSignal): AsyncIterable<CatalogTable[]> {
    const sql =
      this.dialect === 'duckdb'
        ? `SELECT table_name, table_type, '' FROM information_schema.tables WHERE table_schema = ${this.literal(schema)} ORDER BY 1`
        : `SELECT c.relname, CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'VIEW' WHEN 'f' THEN 'EXTERNAL' ELSE 'TABLE' END, COALESCE(obj_description(c.oid, 'pg_class'), '')
         FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = ${this.literal(schema)} AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY 1`;
    yield (await this.rows(sql, signal)).map(([name, type, comment]) => ({
      schema,
      name,
      kind: kindOf(type),
      ...(comment ? { comment } : {}),
    }));
  }

  async listColumns(schema: string, table: string, signal?: AbortSignal): Promise<CatalogColumn[]> {
    const sql =
      this.dialect === 'duckdb'
        ? `SELECT column_name, data_type, COALESCE(COLUMN_COMMENT, '') FROM information_schema.columns WHERE table_schema = ${this.literal(schema)} AND table_name = ${this.literal(table)} ORDER BY ordinal_position`
        : `SELECT a.attname, format_type(a.atttypid, a.atttypmod), COALESCE(col_description(a.attrelid, a.attnum), '')
         FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = ${this.literal(schema)} AND c.relname = ${this.literal(table)} AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`;
    return (await this.rows(sql, signal)).map(([name, type, comment]) => ({ name, type, ...(comment ? { comment } : {}) }));
  }
}

function kindOf(type: string): CatalogObjectKind {
  const t = type.toUpperCase();
  return t.includes('VIEW') ? 'view' : t.includes('EXTERNAL') || t.includes('FOREIGN') ? 'external' : 'table';
}
