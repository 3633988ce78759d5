// The shape every catalog source produces (local DuckDB, Postgres, Redshift, Athena/Glue): the
// Catalog view's tree model and SQL completion/hover both read it. No `vscode` here.

export type CatalogObjectKind = 'table' | 'view' | 'external';

export interface CatalogColumn {
  name: string;
  /** The engine's own type name, e.g. `bigint`, `varchar(128)`, `timestamp`. */
  type: string;
  comment?: string;
  /** Glue/Athena partition key. */
  partitionKey?: boolean;
}

export interface CatalogTable {
  schema: string;
  name: string;
  kind: CatalogObjectKind;
  comment?: string;
}

/** One level at a time, so a tree never issues N+1 requests per refresh. Lists are async
 * iterables of pages (a page is whatever one service call returned). */
export interface CatalogSource {
  /** e.g. 'duckdb', 'postgres', 'redshift', 'athena' (the SQL dialect follows from it). */
  readonly dialect: 'duckdb' | 'postgres' | 'redshift' | 'athena';
  listSchemas(signal?: AbortSignal): AsyncIterable<string[]>;
  listTables(schema: string, signal?: AbortSignal): AsyncIterable<CatalogTable[]>;
  listColumns(schema: string, table: string, signal?: AbortSignal): Promise<CatalogColumn[]>;
}
