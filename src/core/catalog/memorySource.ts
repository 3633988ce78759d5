// A CatalogSource over plain data: for tests, benchmarks and catalogs already in memory.
import type { CatalogColumn, CatalogSource, CatalogTable } from './types';

export interface MemoryTable extends CatalogTable {
  columns: CatalogColumn[];
}

export class MemoryCatalogSource implements CatalogSource {
  /** How often each list call ran (tests check the index caches). */
  readonly calls = { schemas: 0, tables: 0, columns: 0 };
  private readonly bySchema = new Map<string, MemoryTable[]>();

  constructor(
    readonly dialect: CatalogSource['dialect'],
    tables: MemoryTable[],
    private readonly pageSize = 500,
  ) {
    for (const t of tables) {
      const list = this.bySchema.get(t.schema) ?? [];
      list.push(t);
      this.bySchema.set(t.schema, list);
    }
  }

  async *listSchemas(): AsyncIterable<string[]> {
    this.calls.schemas++;
    yield [...this.bySchema.keys()];
  }

  async *listTables(schema: string): AsyncIterable<CatalogTable[]> {
    this.calls.tables++;
    const list = this.bySchema.get(schema) ?? [];
    for (let i = 0; i < list.length; i += this.pageSize) yield list.slice(i, i + this.pageSize).map(({ columns: _columns, ...t }) => t);
  }

  async listColumns(schema: string, table: string): Promise<CatalogColumn[]> {
    this.calls.columns++;
    return this.bySchema.get(schema)?.find((t) => t.name === table)?.columns ?? [];
  }
}
