// The one interface every query backend implements (local DuckDB, Postgres/Redshift over the
// wire, Redshift Data API, Athena). No `vscode` import here: engines are tested in plain Node.

/** A value as it crosses to the grid: JSON-safe and faithful. Values that JS numbers cannot
 * hold exactly (bigint beyond 2^53, decimals, timestamps, json, arrays) travel as strings. */
export type CellValue = string | number | boolean | null;
export type Row = CellValue[];

export interface ColumnInfo {
  name: string;
  /** The engine's own type name, upper-case where the engine reports it so (e.g. `BIGINT`,
   * `TIMESTAMP`, `VARCHAR`, `numeric(18,2)`). Shown in the grid header. */
  type: string;
  /** Coarse family, used by the grid for alignment, sorting and export typing. */
  family: ColumnFamily;
}

export type ColumnFamily = 'integer' | 'float' | 'decimal' | 'boolean' | 'string' | 'date' | 'timestamp' | 'json' | 'binary' | 'other';

export interface ExecuteOptions {
  /** Aborting cancels the query on the server (not just the wait). */
  signal?: AbortSignal;
  /** Rows per page handed to the consumer. Engines may round to what their protocol offers. */
  pageSize?: number;
}

/** Figures the panel shows beside the rows. All optional: each engine fills what it knows. */
export interface ExecutionInfo {
  /** Server-side id (Athena QueryExecutionId, Redshift Data statement Id, pg backend pid). */
  queryId?: string;
  /** For DML/DDL: the rows the server says were affected. */
  rowsAffected?: number;
  /** Athena: bytes scanned; the panel turns it into an estimated cost. */
  bytesScanned?: number;
  /** Free-form notes such as "read directly from S3". */
  notes?: string[];
}

/** A page of rows an engine keeps in its own compact form and builds one row at a time when
 * asked (Athena and UNLOAD results: the CSV bytes and each field's offset). A million stored
 * rows are then a few large buffers instead of seven million small heap objects, which the
 * garbage collector would copy and promote while the result streams in. */
export interface RowBlock {
  readonly length: number;
  /** Row `index`, built afresh on every call. */
  row(index: number): Row;
  /** One cell of row `index`, without building the rest of the row (sorting); undefined past
   * the row's last column, as for a plain row. */
  value(index: number, column: number): CellValue | undefined;
  /** Bytes the block holds (its buffers), for the Results panel's memory limit. */
  readonly byteLength: number;
}

/** What an execution yields: plain rows, or a block that builds them on demand. */
export type Page = readonly Row[] | RowBlock;

export function isRowBlock(page: Page): page is RowBlock {
  return !Array.isArray(page);
}

/** The rows of a page as an array (builds a block's rows). */
export function pageRows(page: Page): readonly Row[] {
  if (!isRowBlock(page)) return page;
  const rows = new Array<Row>(page.length);
  for (let i = 0; i < page.length; i++) rows[i] = page.row(i);
  return rows;
}

/** One running statement. `pages` is consumed once; breaking out of it early releases the
 * server-side cursor. */
export interface QueryExecution {
  readonly columns: ColumnInfo[];
  readonly pages: AsyncIterable<Page>;
  /** Filled in as the query runs; final once `pages` is exhausted. */
  readonly info: ExecutionInfo;
}

export type ConnectionKind = 'local' | 'postgres' | 'redshift' | 'athena';

export interface Engine {
  readonly kind: ConnectionKind;
  /** Opens connections lazily; safe to call more than once. */
  connect(signal?: AbortSignal): Promise<void>;
  execute(sql: string, options?: ExecuteOptions): Promise<QueryExecution>;
  /** Reads the stored result of an earlier execution again (by its `info.queryId`) without
   * running the query again, where the service keeps results (Athena's result file in S3). */
  results?(queryId: string, options?: ExecuteOptions): Promise<QueryExecution>;
  /** Releases sockets, files and native handles. The engine is unusable afterwards. */
  dispose(): Promise<void>;
}

/** An error the user can act on, with where it happened in the statement text when the engine
 * says so. `position` is a 1-based character offset into the SQL that was sent. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly details: {
      code?: string;
      position?: number;
      /** 'syntax' and 'query' point at the statement; the others at the connection. */
      category?: 'syntax' | 'query' | 'connection' | 'auth' | 'permission' | 'timeout' | 'cancelled' | 'throttled' | 'internal';
      cause?: unknown;
    } = {},
  ) {
    super(message);
    this.name = 'EngineError';
  }
  get position(): number | undefined {
    return this.details.position;
  }
}

/** Thrown (or rejected with) when a query was cancelled through its AbortSignal. */
export class CancelledError extends EngineError {
  constructor(message = 'Query cancelled') {
    super(message, { category: 'cancelled' });
    this.name = 'CancelledError';
  }
}

/** Drains an execution into memory. For tests and small results only: the grid pages instead. */
export async function collectRows(execution: QueryExecution): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const page of execution.pages) for (const row of pageRows(page)) rows.push(row);
  return rows;
}
