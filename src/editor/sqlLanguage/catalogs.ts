// The catalog index behind completion and hover: one per active connection, loaded on first use
// and refreshed on demand. The local DuckDB catalog reads the engine's metadata connection;
// other kinds use a CatalogSource when one is provided for them.
import type * as vscode from 'vscode';
import { DuckDbCatalogSource, type DuckDbTableInfo } from '../../core/catalog/duckdbSource';
import type { CatalogSource } from '../../core/catalog/types';
import type { ConnectionConfig } from '../../core/connections/types';
import { CatalogIndex } from '../../core/sql/language/catalogIndex';
import type { EngineCache } from '../connections/engines';

export type CatalogSourceFactory = (connection: ConnectionConfig) => CatalogSource | undefined;

export function localSourceFactory(engines: EngineCache): CatalogSourceFactory {
  return (connection) => {
    if (connection.kind !== 'local') return undefined;
    return new DuckDbCatalogSource(async () => {
      const engine = (await engines.get(connection)) as unknown as { listTables?: () => Promise<DuckDbTableInfo[]> };
      return engine.listTables ? engine.listTables() : [];
    });
  };
}

export class SqlCatalogs {
  private current?: { key: string; index: CatalogIndex };
  /** A load that failed (or was cancelled) is not retried on every keystroke: only on refresh. */
  private readonly failed = new WeakSet<CatalogIndex>();

  constructor(private readonly sourceFor: CatalogSourceFactory, private readonly log: vscode.LogOutputChannel) {}

  /** Whether the index's last load failed (completion then answers without it). */
  hasFailed(index: CatalogIndex): boolean {
    return this.failed.has(index);
  }

  /** The index for `connection`, undefined when no catalog source exists for its kind. */
  indexFor(connection: ConnectionConfig): CatalogIndex | undefined {
    const key = JSON.stringify(connection);
    if (this.current?.key === key) return this.current.index;
    const source = this.sourceFor(connection);
    if (!source) return undefined;
    this.current = { key, index: new CatalogIndex(source, connection.name) };
    return this.current.index;
  }

  /** Waits for the first load at most `ms`, so completion never hangs on a slow catalog. */
  async ready(index: CatalogIndex, ms: number): Promise<boolean> {
    if (index.loaded) return true;
    if (this.failed.has(index)) return false;
    let timer: NodeJS.Timeout | undefined;
    const load = index.ready().then(() => true, (e: unknown) => {
      this.failed.add(index);
      this.log.warn(`SQL catalog of ${index.label} could not be read: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    });
    const timeout = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), ms); });
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
