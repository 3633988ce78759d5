// The catalog index behind completion and hover: one per active connection, loaded on first use
// (or, where that would touch the user's session, on request) and refreshed on demand.
import type * as vscode from 'vscode';
import { DuckDbCatalogSource, type DuckDbTableInfo } from '../../core/catalog/duckdbSource';
import type { CatalogColumn, CatalogSource, CatalogTable } from '../../core/catalog/types';
import type { ConnectionConfig } from '../../core/connections/types';
import { CatalogIndex } from '../../core/sql/language/catalogIndex';
import { dialectOfConnection } from '../../core/sql/language/dialect';
import type { EngineCache } from '../connections/engines';

/** A connection's catalog source, and whether it may load without being asked. */
export interface SqlCatalogSource {
  source: CatalogSource;
  /** False where loading would disturb the user's session or ask for a password: those load on
   * "Refresh SQL Completion Catalog" only. */
  autoLoad: boolean;
}

export type CatalogSourceFactory = (connection: ConnectionConfig) => SqlCatalogSource | undefined;

/** Builds the real source on first use, so AWS modules load only when a catalog is read. */
class LazySource implements CatalogSource {
  private built?: Promise<CatalogSource>;
  constructor(
    readonly dialect: CatalogSource['dialect'],
    private readonly create: () => Promise<CatalogSource>,
  ) {}
  private get(): Promise<CatalogSource> {
    this.built ??= this.create().catch((e: unknown) => {
      this.built = undefined;
      throw e;
    });
    return this.built;
  }
  async *listSchemas(signal?: AbortSignal): AsyncIterable<string[]> {
    yield* (await this.get()).listSchemas(signal);
  }
  async *listTables(schema: string, signal?: AbortSignal): AsyncIterable<CatalogTable[]> {
    yield* (await this.get()).listTables(schema, signal);
  }
  async listColumns(schema: string, table: string, signal?: AbortSignal): Promise<CatalogColumn[]> {
    return (await this.get()).listColumns(schema, table, signal);
  }
}

/** Local DuckDB reads its metadata connection (never the session a result streams on); Athena
 * (Glue) and the Redshift Data API use service metadata calls; Postgres and Redshift over the
 * wire read through the connection's session, so only when asked. */
export function catalogSources(engines: EngineCache): CatalogSourceFactory {
  return (connection) => {
    if (connection.kind === 'local') {
      return {
        autoLoad: true,
        source: new DuckDbCatalogSource(async () => {
          const engine = (await engines.get(connection)) as unknown as { listTables?: () => Promise<DuckDbTableInfo[]> };
          return engine.listTables ? engine.listTables() : [];
        }),
      };
    }
    const viaSession = connection.kind === 'postgres' || (connection.kind === 'redshift' && connection.mode === 'wire');
    const source = new LazySource(dialectOfConnection(connection.kind), async () => {
      const { catalogSourceFor } = await import('../../core/catalog/editorApi');
      return catalogSourceFor(connection, viaSession ? { engine: await engines.get(connection) } : {});
    });
    return { source, autoLoad: !viaSession };
  };
}

export class SqlCatalogs {
  private current?: { key: string; index: CatalogIndex; autoLoad: boolean };
  /** A load that failed (or was cancelled) is not retried on every keystroke: only on refresh. */
  private readonly failed = new WeakSet<CatalogIndex>();

  constructor(
    private readonly sourceFor: CatalogSourceFactory,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Whether completion should expect the index soon (it loads by itself and has not failed). */
  willLoad(index: CatalogIndex): boolean {
    return !index.loaded && !this.failed.has(index) && this.autoLoads(index);
  }

  private autoLoads(index: CatalogIndex): boolean {
    return this.current?.index === index && this.current.autoLoad;
  }

  /** Whether `connection`'s catalog is the one in use and was read (only then is it worth re-reading). */
  hasIndexFor(connection: ConnectionConfig): boolean {
    return this.current?.key === JSON.stringify(connection) && this.current.index.loaded;
  }

  /** The index for `connection`, undefined when no catalog source exists for its kind. */
  indexFor(connection: ConnectionConfig): CatalogIndex | undefined {
    const key = JSON.stringify(connection);
    if (this.current?.key === key) return this.current.index;
    const found = this.sourceFor(connection);
    if (!found) return undefined;
    this.current = { key, index: new CatalogIndex(found.source, connection.name), autoLoad: found.autoLoad };
    return this.current.index;
  }

  /** Waits for the first load at most `ms`, so completion never hangs on a slow catalog. */
  async ready(index: CatalogIndex, ms: number): Promise<boolean> {
    if (index.loaded) return true;
    if (this.failed.has(index) || !this.autoLoads(index)) return false;
    let timer: NodeJS.Timeout | undefined;
    const load = index.ready().then(
      () => true,
      (e: unknown) => {
        this.failed.add(index);
        this.log.warn(`SQL catalog of ${index.label} could not be read: ${e instanceof Error ? e.message : String(e)}`);
        return false;
      },
    );
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    try {
      return await Promise.race([load, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async refresh(connection: ConnectionConfig): Promise<number | undefined> {
    const index = this.indexFor(connection);
    if (!index) return undefined;
    const started = Date.now();
    this.failed.delete(index);
    try {
      await index.refresh();
    } catch (e) {
      this.failed.add(index);
      throw e;
    }
    const tables = index.schemas().reduce((n, s) => n + index.tablesOf(s).length, 0);
    this.log.info(`SQL catalog of ${connection.name}: ${index.schemas().length} schemas, ${tables} tables in ${Date.now() - started} ms`);
    return tables;
  }
}
