// CatalogSource for the embedded DuckDB engine: one snapshot of duckdb_columns() per refresh,
// read through the engine's metadata connection, so it never disturbs a result being streamed.
// (Kept in its own file so it can be reconciled with the Catalog view's sources.)
import type { CatalogColumn, CatalogSource, CatalogTable } from './types';

/** What the local engine's `listTables()` returns. */
export interface DuckDbTableInfo {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  columns: { name: string; type: string }[];
}

export class DuckDbCatalogSource implements CatalogSource {
  readonly dialect = 'duckdb' as const;
  private snapshot?: Promise<DuckDbTableInfo[]>;

  constructor(private readonly listTablesWithColumns: () => Promise<DuckDbTableInfo[]>) {}

  private tables(): Promise<DuckDbTableInfo[]> {
    this.snapshot ??= this.listTablesWithColumns().catch((e: unknown) => {
      this.snapshot = undefined;
      throw e;
    });
    return this.snapshot;
  }

  /** Starts a new snapshot: a refresh begins by listing schemas. */
  async *listSchemas(): AsyncIterable<string[]> {
    this.snapshot = undefined;
    yield [...new Set((await this.tables()).map((t) => t.schema))];
  }

  async *listTables(schema: string): AsyncIterable<CatalogTable[]> {
    yield (await this.tables()).filter((t) => t.schema === schema).map((t) => ({ schema: t.schema, name: t.name, kind: t.kind }));
  }

  async listColumns(schema: string, table: string): Promise<CatalogColumn[]> {
    return (
      (await this.tables()).find((t) => t.schema === schema && t.name === table)?.columns.map((c) => ({ name: c.name, type: c.type })) ?? []
    );
  }
}
