// The embedded engine behind the default "Local (DuckDB)" connection. @duckdb/node-api is loaded
// on first connect (not at extension activation). One session connection runs the user's
// statements (so SET, temp tables and transactions carry over between runs); a second connection
// serves metadata (listTables, addFileAsTable) without disturbing a result being streamed.
import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance, DuckDBResult, DuckDBDataChunk } from '@duckdb/node-api';
import type * as Bindings from '@duckdb/node-bindings';
import {
  CancelledError,
  EngineError,
  type ColumnInfo,
  type Engine,
  type ExecuteOptions,
  type ExecutionInfo,
  type QueryExecution,
  type Row,
} from '../engine';
import type { SampleOptions } from '../../sample';
import { toEngineError } from './errors';
import { addFileAsTable, listTables, type AddFileOptions, type TableInfo } from './files';
import { defaultCacheDir, loadSampleEvents, type ProgressCallback } from './sampleData';
import { chunkToRows, columnFamily, columnReader, type ColumnReader } from './values';

export interface LocalEngineOptions {
  /** DuckDB database file; absent = in-memory. */
  databasePath?: string;
  /** Load the generated sample `atomic.events` (true = default options). Default: true when
   * in-memory, false for a database file. */
  sampleData?: boolean | SampleOptions;
  /** Where the generated sample is cached between runs (the editor passes globalStorage).
   * Default: a folder in the OS temp dir. */
  cacheDir?: string;
  /** Progress of connect(), mostly the first-time sample build. */
  onProgress?: ProgressCallback;
  /** DuckDB's memory limit in MB (DuckDB's own default is 80% of RAM, too much inside the
   * editor's extension host). Default DEFAULT_MEMORY_LIMIT_MB. */
  memoryLimitMB?: number;
  /** Where DuckDB spills beyond the memory limit. Default: `duckdb-tmp` in the cache dir (never
   * DuckDB's default `.tmp` relative to the extension host's working directory). */
  tempDirectory?: string;
}

const DEFAULT_MEMORY_LIMIT_MB = 2048;

/** The instance settings: bounded memory, spill files under our storage, and no extension
 * downloaded or loaded behind the user's back (a query naming `httpfs` must not fetch code). */
function instanceConfig(options: LocalEngineOptions): Record<string, string> {
  const mb = Math.max(64, Math.floor(options.memoryLimitMB ?? DEFAULT_MEMORY_LIMIT_MB));
  return {
    memory_limit: `${mb}MB`,
    temp_directory: options.tempDirectory ?? path.join(options.cacheDir ?? defaultCacheDir(), 'duckdb-tmp'),
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  };
}

export const DEFAULT_PAGE_SIZE = 1000;

// ResultReturnType and StatementType values from the DuckDB C API.
const RETURN_INVALID = 0;
const RETURN_CHANGED_ROWS = 1;
const RETURN_NOTHING = 2;
const STATEMENT_SELECT = 1;

type NodeApi = typeof import('@duckdb/node-api');

/** The statement currently streaming on the session connection. */
interface ActiveQuery {
  superseded: boolean;
  /** A DuckDB call running for this query (stream or fetchChunk), awaited before a new query starts. */
  inFlight?: Promise<unknown>;
}

export class LocalEngine implements Engine {
  readonly kind = 'local' as const;
  private api?: NodeApi;
  private bindings?: typeof Bindings;
  private instance?: DuckDBInstance;
  private session?: DuckDBConnection;
  private meta?: DuckDBConnection;
  private opening?: Promise<void>;
  private active?: ActiveQuery;
  private disposed = false;

  constructor(readonly options: LocalEngineOptions = {}) {}

  async connect(signal?: AbortSignal): Promise<void> {
    if (this.disposed) throw new EngineError('The local engine was closed', { category: 'connection' });
    this.opening ??= this.open(signal).catch((e: unknown) => {
      this.opening = undefined;
      throw e;
    });
    await this.opening;
  }

  private async open(signal?: AbortSignal): Promise<void> {
    const api = await import('@duckdb/node-api');
    const bindings = (await import('@duckdb/node-bindings')).default;
    let instance: DuckDBInstance;
    try {
      instance = await api.DuckDBInstance.create(this.options.databasePath ?? ':memory:', instanceConfig(this.options));
    } catch (e) {
      throw new EngineError(`Cannot open DuckDB database ${this.options.databasePath ?? ':memory:'}: ${(e as Error).message}`, {
        category: 'connection',
        cause: e,
      });
    }
    const session = await instance.connect();
    const meta = await instance.connect();
    for (const conn of [session, meta]) {
      // JSON errors carry the exception type and the statement position (see errors.ts).
      await conn.run(`SET errors_as_json = true`);
      // Timestamps with time zone are shown in UTC (see values.ts); make DuckDB's casts agree.
      await conn.run(`SET TimeZone = 'UTC'`).catch(() => undefined);
    }
    const sample = this.options.sampleData ?? this.options.databasePath === undefined;
    try {
      if (sample) {
        const sampleOptions = typeof sample === 'object' ? sample : {};
        await loadSampleEvents(meta, this.options.cacheDir ?? defaultCacheDir(), sampleOptions, this.options.onProgress, signal);
      }
    } catch (e) {
      session.closeSync();
      meta.closeSync();
      instance.closeSync();
      if (signal?.aborted) throw new CancelledError('Loading the sample data was cancelled');
      throw e instanceof EngineError ? e : toEngineError(e, undefined);
    }
    this.api = api;
    this.bindings = bindings;
    this.instance = instance;
    this.session = session;
    this.meta = meta;
  }

  async execute(sql: string, options: ExecuteOptions = {}): Promise<QueryExecution> {
    const { signal } = options;
    const pageSize = Math.max(1, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE));
    if (signal?.aborted) throw new CancelledError();
    await this.connect(signal);
    if (signal?.aborted) throw new CancelledError();
    await this.supersedeActive();
    const api = this.api!;
    const bindings = this.bindings!;
    const conn = this.session!;
    const query: ActiveQuery = { superseded: false };
    this.active = query;
    const onAbort = (): void => {
      if (query.inFlight && this.active === query) conn.interrupt();
    };
    signal?.addEventListener('abort', onAbort);
    const finish = (): void => {
      signal?.removeEventListener('abort', onAbort);
      // A prefetch still running (consumer stopped early) keeps the query "active" so the next
      // statement interrupts and awaits it instead of racing it on the same connection.
      if (this.active === query && !query.inFlight) this.active = undefined;
    };
    const track = <T>(p: Promise<T>): Promise<T> => {
      query.inFlight = p;
      const settled = p.finally(() => {
        if (query.inFlight === p) query.inFlight = undefined;
      });
      // A prefetch nobody awaits any more (consumer stopped early) must not become an unhandled
      // rejection; awaiting `settled` still sees the error.
      settled.catch(() => undefined);
      return settled;
    };
    const stopped = (): boolean => query.superseded || (signal?.aborted ?? false);

    let result: DuckDBResult;
    try {
      result = await track(conn.stream(sql));
      if (stopped()) throw new CancelledError();
    } catch (e) {
      finish();
      throw toEngineError(e, sql, stopped());
    }

    const info: ExecutionInfo = {};
    if (result.returnType === RETURN_CHANGED_ROWS || result.returnType === RETURN_NOTHING) {
      if (result.returnType === RETURN_CHANGED_ROWS) info.rowsAffected = result.rowsChanged;
      finish();
      return { columns: [], pages: emptyPages(), info };
    }

    const columns: ColumnInfo[] = [];
    const readers: ColumnReader[] = [];
    for (let i = 0; i < result.columnCount; i++) {
      const type = result.columnType(i);
      const alias = result.columnLogicalType(i).alias;
      columns.push({ name: result.columnName(i), type: alias ? alias.toUpperCase() : type.toString(), family: columnFamily(type, alias) });
      readers.push(columnReader(api, bindings, type));
    }

    const isSelect = result.statementType === STATEMENT_SELECT;
    /** The cause of a failure mid-stream: node-api reports it only as an early end (see
     * streamFailed), so a SELECT — free of side effects — is re-run to obtain DuckDB's message. */
    const streamError = async (): Promise<EngineError> => {
      if (isSelect) {
        try {
          await track(conn.run(sql));
        } catch (e) {
          return toEngineError(e, sql, stopped());
        }
      }
      return new EngineError('The query failed while its rows were being read (DuckDB reported no reason)', { category: 'query' });
    };

    async function* pages(): AsyncGenerator<Row[]> {
      try {
        let buffer: Row[] = [];
        // Fetch the next chunk while the current one is converted: DuckDB works on its own thread.
        let next: Promise<DuckDBDataChunk | null> | undefined = track(result.fetchChunk());
        while (next) {
          let chunk: DuckDBDataChunk | null;
          try {
            chunk = await next;
          } catch (e) {
            throw toEngineError(e, sql, stopped());
          }
          if (stopped()) throw new CancelledError(query.superseded ? 'Query replaced by a newer query on the same connection' : undefined);
          if (!chunk || chunk.rowCount === 0) {
            if (streamFailed(result)) throw await streamError();
            break;
          }
          next = track(result.fetchChunk());
          const rows = chunkToRows(chunk, readers);
          if (buffer.length === 0 && rows.length === pageSize) {
            yield rows;
            continue;
          }
          for (const row of rows) buffer.push(row);
          while (buffer.length >= pageSize) {
            yield buffer.length === pageSize ? buffer : buffer.slice(0, pageSize);
            buffer = buffer.length === pageSize ? [] : buffer.slice(pageSize);
          }
          if (stopped()) throw new CancelledError();
        }
        if (buffer.length > 0) yield buffer;
      } finally {
        finish();
      }
    }
    return { columns, pages: pages(), info };
  }

  /** A new statement on the session connection invalidates a result still streaming there. */
  private async supersedeActive(): Promise<void> {
    const previous = this.active;
    if (!previous) return;
    previous.superseded = true;
    this.active = undefined;
    if (previous.inFlight) {
      this.session?.interrupt();
      await previous.inFlight.catch(() => undefined);
    }
  }

  /** Exposes a local TSV/CSV, Parquet or JSON(L) file as a view; returns the (unquoted) view name. */
  async addFileAsTable(filePath: string, options: AddFileOptions = {}): Promise<string> {
    await this.connect();
    return addFileAsTable(this.meta!, filePath, options);
  }

  /** Tables and views with their columns, for explorers and completion. */
  async listTables(): Promise<TableInfo[]> {
    await this.connect();
    return listTables(this.meta!);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.opening?.catch(() => undefined);
    if (this.active) await this.supersedeActive();
    this.session?.closeSync();
    this.meta?.closeSync();
    this.instance?.closeSync();
    this.session = this.meta = this.instance = undefined;
  }
}

/** A streaming result that ended because of an error looks exhausted to node-api's fetchChunk;
 * DuckDB leaves its return type INVALID in that case (QUERY_RESULT after a normal end). */
function streamFailed(result: DuckDBResult): boolean {
  const raw = (result as unknown as { result: Bindings.Result }).result;
  return result.isStreaming === false && raw !== undefined && result.returnType === RETURN_INVALID;
}

async function* emptyPages(): AsyncGenerator<Row[]> {
  // DDL/DML: no rows.
}

/** Builds the engine for a `local` connection (what factory.ts calls). */
export function createLocalEngine(options: LocalEngineOptions = {}): LocalEngine {
  return new LocalEngine(options);
}
