// An in-memory index over a CatalogSource for completion and hover: schemas and tables loaded on
// refresh, columns per table on first use and kept until the next refresh. Lookups are
// case-insensitive (unquoted identifiers fold case in every dialect we support), and table names
// are kept sorted so a prefix search over 10,000 tables is a binary search, not a scan.
import type { CatalogColumn, CatalogSource, CatalogTable } from '../../catalog/types';

export interface IndexedTable extends CatalogTable {
  /** lower-cased `name` */
  key: string;
}

export class CatalogIndex {
  private schemaList: string[] = [];
  private bySchema = new Map<string, IndexedTable[]>();
  private byName = new Map<string, IndexedTable[]>();
  private sorted: IndexedTable[] = [];
  private columnCache = new Map<string, CatalogColumn[] | Promise<CatalogColumn[]>>();
  private loading: Promise<void> | undefined;
  private generation = 0;
  loaded = false;

  /** `defaultSchemas`: searched first for unqualified names (`public`, `main`). `label` names
   * the source in hovers (e.g. the connection's name). */
  constructor(
    readonly source: CatalogSource,
    readonly label: string,
    readonly defaultSchemas: readonly string[] = ['public', 'main'],
  ) {}

  /** Loads schemas and tables again; columns are re-read on next use. Concurrent calls share one load. */
  refresh(signal?: AbortSignal): Promise<void> {
    if (this.loading) return this.loading;
    const generation = ++this.generation;
    this.loading = (async () => {
      const schemas: string[] = [];
      const bySchema = new Map<string, IndexedTable[]>();
      for await (const page of this.source.listSchemas(signal)) schemas.push(...page);
      for (const schema of schemas) {
        const list: IndexedTable[] = [];
        for await (const page of this.source.listTables(schema, signal))
          for (const t of page) list.push({ ...t, key: t.name.toLowerCase() });
        bySchema.set(schema.toLowerCase(), list);
      }
      if (generation !== this.generation) return;
      this.install(schemas, bySchema);
    })().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private install(schemas: string[], bySchema: Map<string, IndexedTable[]>): void {
    this.schemaList = schemas;
    this.bySchema = bySchema;
    this.byName = new Map();
    const all: IndexedTable[] = [];
    for (const list of bySchema.values())
      for (const t of list) {
        all.push(t);
        const same = this.byName.get(t.key);
        if (same) same.push(t);
        else this.byName.set(t.key, [t]);
      }
    all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.sorted = all;
    this.columnCache.clear();
    this.loaded = true;
  }

  /** Ensures the index has been loaded once (refresh is explicit after that). */
  async ready(signal?: AbortSignal): Promise<void> {
    if (!this.loaded) await this.refresh(signal);
  }

  schemas(): readonly string[] {
    return this.schemaList;
  }

  hasSchema(name: string): boolean {
    return this.bySchema.has(name.toLowerCase());
  }

  tablesOf(schema: string): readonly IndexedTable[] {
    return this.bySchema.get(schema.toLowerCase()) ?? [];
  }

  /** Tables of any schema whose name starts with `prefix` (case-insensitive), at most `limit`. */
  tablesWithPrefix(prefix: string, limit: number): { tables: IndexedTable[]; complete: boolean } {
    const p = prefix.toLowerCase();
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid].key < p) lo = mid + 1;
      else hi = mid;
    }
    const tables: IndexedTable[] = [];
    for (let i = lo; i < this.sorted.length && this.sorted[i].key.startsWith(p); i++) {
      if (tables.length === limit) return { tables, complete: false };
      tables.push(this.sorted[i]);
    }
    return { tables, complete: true };
  }

  /** A table by `[schema.]name`: unqualified names prefer the default schemas, then a unique match. */
  findTable(parts: readonly string[]): IndexedTable | undefined {
    if (parts.length === 0) return undefined;
    const name = parts[parts.length - 1].toLowerCase();
    if (parts.length >= 2) return this.tablesOf(parts[parts.length - 2]).find((t) => t.key === name);
    const candidates = this.byName.get(name);
    if (!candidates) return undefined;
    for (const s of this.defaultSchemas) {
      const hit = candidates.find((t) => t.schema.toLowerCase() === s);
      if (hit) return hit;
    }
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  /** The table's columns, read once per refresh. */
  async columns(table: CatalogTable, signal?: AbortSignal): Promise<CatalogColumn[]> {
    const key = `${table.schema.toLowerCase()}\u0000${table.name.toLowerCase()}`;
    const cached = this.columnCache.get(key);
    if (cached) return cached;
    const pending = this.source.listColumns(table.schema, table.name, signal);
    this.columnCache.set(key, pending);
    try {
      const cols = await pending;
      if (this.columnCache.get(key) === pending) this.columnCache.set(key, cols);
      return cols;
    } catch (e) {
      this.columnCache.delete(key);
      throw e;
    }
  }
}
