// SQL manifests of incremental models: a table of the ETL timestamps (`etl_tstamp` batches) a
// derived table has consumed, compared with the batches waiting in `atomic.events`. Runs on any
// SQL engine of the project (local DuckDB, Postgres, Redshift); every name is quoted and every
// value escaped for the engine's dialect.
import { collectRows, EngineError, type ConnectionKind, type Engine, type Row } from '../engines/engine';
import sqlSnippets from '../../../snippets/sql.json';

export interface TableName {
  schema?: string;
  name: string;
}

export interface SqlManifestConfig {
  /** The manifest table, e.g. derived.etl_manifest. */
  manifest: TableName;
  /** Column holding consumed ETL timestamps (default etl_tstamp). */
  timestampColumn?: string;
  /** When one manifest serves several models: the column naming the model, and this model. */
  modelColumn?: string;
  model?: string;
  /** The events table (default atomic.events) and its ETL timestamp column (default etl_tstamp). */
  events?: TableName;
  eventsTimestampColumn?: string;
}

export interface EtlBatch {
  /** As the engine returns it (timestamps travel as text). */
  etlTstamp: string;
  /** Events with this ETL timestamp (waiting batches only). */
  events?: number;
}

export interface SqlManifestState {
  consumed: EtlBatch[];
  consumedCount: number;
  waiting: EtlBatch[];
  waitingCount: number;
  waitingEvents: number;
  /** Newest consumed timestamp: the model's high-water mark. */
  lastConsumed?: string;
  /** True when `consumed`/`waiting` were cut at `limit` (counts are complete). */
  truncated: boolean;
}

export type SqlDialect = 'postgres' | 'redshift' | 'duckdb';

export function dialectFor(kind: ConnectionKind): SqlDialect {
  if (kind === 'local') return 'duckdb';
  if (kind === 'postgres' || kind === 'redshift') return kind;
  throw new EngineError(`SQL manifests need a Redshift, Postgres or local connection, not ${kind}`, { category: 'query' });
}

export function quoteIdent(name: string): string {
  if (!name || name.includes('\0')) throw new EngineError(`Invalid identifier ${JSON.stringify(name)}`, { category: 'query' });
  return `"${name.replace(/"/g, '""')}"`;
}

/** A string literal. Redshift reads backslashes in literals as escapes, so they are doubled there;
 * Postgres (standard_conforming_strings) and DuckDB take them literally. */
export function quoteText(text: string, dialect: SqlDialect): string {
  if (text.includes('\0')) throw new EngineError('NUL character in a SQL string literal', { category: 'query' });
  const escaped = text.replace(/'/g, "''");
  return `'${dialect === 'redshift' ? escaped.replace(/\\/g, '\\\\') : escaped}'`;
}

export function qualified(table: TableName): string {
  return table.schema ? `${quoteIdent(table.schema)}.${quoteIdent(table.name)}` : quoteIdent(table.name);
}

interface Resolved {
  manifest: string;
  ts: string;
  events: string;
  eventTs: string;
  /** `AND m."model" = 'x'` or ''. */
  modelFilter: string;
}

function resolve(config: SqlManifestConfig, dialect: SqlDialect): Resolved {
  if ((config.modelColumn === undefined) !== (config.model === undefined)) {
    throw new EngineError('A model filter needs both the model column and the model name', { category: 'query' });
  }
  return {
    manifest: qualified(config.manifest),
    ts: quoteIdent(config.timestampColumn ?? 'etl_tstamp'),
    events: qualified(config.events ?? { schema: 'atomic', name: 'events' }),
    eventTs: quoteIdent(config.eventsTimestampColumn ?? 'etl_tstamp'),
    modelFilter: config.modelColumn !== undefined ? ` AND m.${quoteIdent(config.modelColumn)} = ${quoteText(config.model!, dialect)}` : '',
  };
}

/** The statements the view runs (exported so tests and "show SQL" see exactly what is sent). */
export function sqlManifestQueries(
  config: SqlManifestConfig,
  dialect: SqlDialect,
  limit: number,
): { consumed: string; consumedCount: string; waiting: string; waitingSummary: string } {
  const r = resolve(config, dialect);
  const n = Math.max(1, Math.floor(limit));
  const where = r.modelFilter ? `WHERE ${r.modelFilter.slice(' AND '.length)}` : '';
  const waitingFrom = `FROM ${r.events} e WHERE e.${r.eventTs} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${r.manifest} m WHERE m.${r.ts} = e.${r.eventTs}${r.modelFilter})`;
  return {
    consumed: `SELECT DISTINCT CAST(m.${r.ts} AS VARCHAR(64)) AS etl_tstamp, m.${r.ts} AS sort_key FROM ${r.manifest} m ${where} ORDER BY sort_key DESC LIMIT ${n + 1}`,
    consumedCount: `SELECT COUNT(DISTINCT m.${r.ts}) AS batches, CAST(MAX(m.${r.ts}) AS VARCHAR(64)) AS last_consumed FROM ${r.manifest} m ${where}`,
    waiting: `SELECT CAST(e.${r.eventTs} AS VARCHAR(64)) AS etl_tstamp, COUNT(*) AS events ${waitingFrom} GROUP BY e.${r.eventTs} ORDER BY e.${r.eventTs} DESC LIMIT ${n + 1}`,
    waitingSummary: `SELECT COUNT(DISTINCT e.${r.eventTs}) AS batches, COUNT(*) AS events ${waitingFrom}`,
  };
}

async function rows(engine: Engine, sql: string, signal?: AbortSignal): Promise<Row[]> {
  return collectRows(await engine.execute(sql, { signal }));
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));

/** Reads the manifest and the waiting batches (newest first, at most `limit` of each). */
export async function readSqlManifest(
  engine: Engine,
  config: SqlManifestConfig,
  options: { limit?: number; signal?: AbortSignal } = {},
): Promise<SqlManifestState> {
  const dialect = dialectFor(engine.kind);
  const limit = options.limit ?? 200;
  const q = sqlManifestQueries(config, dialect, limit);
  // One session per engine: the statements run one after another.
  const consumedRows = await rows(engine, q.consumed, options.signal);
  const [countRow] = await rows(engine, q.consumedCount, options.signal);
  const waitingRows = await rows(engine, q.waiting, options.signal);
  const [summary] = await rows(engine, q.waitingSummary, options.signal);
  const consumed = consumedRows.slice(0, limit).map((r) => ({ etlTstamp: String(r[0]) }));
  const waiting = waitingRows.slice(0, limit).map((r) => ({ etlTstamp: String(r[0]), events: num(r[1]) }));
  return {
    consumed,
    consumedCount: num(countRow?.[0]),
    waiting,
    waitingCount: num(summary?.[0]),
    waitingEvents: num(summary?.[1]),
    ...(countRow?.[1] != null ? { lastConsumed: String(countRow[1]) } : {}),
    truncated: consumedRows.length > limit || waitingRows.length > limit,
  };
}

/** `CREATE TABLE IF NOT EXISTS` for a manifest keyed by ETL timestamp (schema created too). */
export function createSqlManifestStatements(config: SqlManifestConfig): string[] {
  const statements: string[] = [];
  if (config.manifest.schema) statements.push(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(config.manifest.schema)}`);
  const model = config.modelColumn ? `, ${quoteIdent(config.modelColumn)} VARCHAR(128)` : '';
  statements.push(
    `CREATE TABLE IF NOT EXISTS ${qualified(config.manifest)} (${quoteIdent(config.timestampColumn ?? 'etl_tstamp')} TIMESTAMP NOT NULL${model}, consumed_at TIMESTAMP)`,
  );
  return statements;
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,126}$/;

/** The project's "Incremental manifest pattern" snippet (snippets/sql.json) with the view's names
 * filled in, for "open the incremental query". Names are spliced into identifiers and a literal
 * of the template, so only plain names are accepted (anything else is refused, not escaped). */
export function renderIncrementalQuery(names: { schema: string; manifest: string; model: string; events: TableName }): string {
  const events = names.events.schema ? `${names.events.schema}.${names.events.name}` : names.events.name;
  for (const [what, value] of [
    ['schema', names.schema],
    ['manifest table', names.manifest],
    ['model', names.model],
    ['events schema', names.events.schema ?? 'x'],
    ['events table', names.events.name],
  ] as const) {
    if (!PLAIN_NAME.test(value))
      throw new EngineError(`The incremental template needs a plain ${what} name (letters, digits, _), got ${JSON.stringify(value)}`, {
        category: 'query',
      });
  }
  const body = (sqlSnippets as Record<string, { body: string[] }>)['Incremental manifest pattern'].body.join('\n');
  const values: Record<string, string> = { '1': names.schema, '2': names.manifest, '3': names.model, '4': events };
  return body.replace(/\$\{(\d+):[^}]*\}/g, (_, n: string) => values[n] ?? '').replace(/\$0/g, '');
}
