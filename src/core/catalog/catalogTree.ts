// The Catalog view as a TreeSource (core/explorer/treeModel.ts), without `vscode`: the active
// connection's own catalog (schemas → tables/views → columns, from its CatalogSource) and the
// Glue Data Catalog (databases → tables → columns with partition keys marked, and a partitions
// node that pages on demand). One call per level and page; a table's columns come from the
// listing that showed it.
import { NameFilters } from '../explorer/nameFilters';
import type { ChildPage, TreeSource } from '../explorer/treeModel';
import type { ExplorerErrorKind } from '../aws/explorerErrors';
import type { AwsTarget } from '../clusters/awsTarget';
import { targetLabel } from '../clusters/awsTarget';
import { GlueCatalog, type GlueDatabaseInfo, type GluePartitionInfo, type GlueTableDetails } from './glue';
import type { CatalogColumn, CatalogSource, CatalogTable } from './types';

export type CatalogNode =
  | { kind: 'connection'; name: string; dialect: CatalogSource['dialect'] }
  | { kind: 'schema'; schema: string }
  | { kind: 'table'; table: CatalogTable }
  | { kind: 'column'; schema: string; table: string; column: CatalogColumn }
  | { kind: 'glue'; label: string }
  | { kind: 'glueDatabase'; database: GlueDatabaseInfo }
  | { kind: 'glueTable'; table: GlueTableDetails }
  | { kind: 'glueColumn'; database: string; table: string; column: CatalogColumn }
  | { kind: 'gluePartitions'; database: string; table: string }
  | { kind: 'gluePartition'; database: string; table: string; partition: GluePartitionInfo };

export interface CatalogTreeOptions {
  /** The active connection and its catalog. */
  connection?: { name: string; source: CatalogSource };
  /** The Glue Data Catalog of this account/region, when the view shows one. */
  glue?: AwsTarget;
  /** Partitions per page (default 100). */
  partitionPageSize?: number;
}

export class CatalogTreeSource implements TreeSource<CatalogNode> {
  /** The Glue model (actions: details document, Copy DDL); undefined without a Glue target. */
  readonly glue?: GlueCatalog;
  /** Kind of the last failure listing Glue databases (welcome views), cleared by a success. */
  glueRootError?: ExplorerErrorKind;
  /** Open async iterators of the connection's paged lists, by the key of the node they list. */
  private readonly iterators = new Map<string, AsyncIterator<unknown[]>>();
  private nextCursor = 0;

  private readonly filters = new NameFilters();

  /** Filters the children of the node with `parentKey` by name (case-insensitive substring);
   * empty or undefined clears it. Glue tables are filtered by the service (Expression), other
   * levels page by page as they load. Call TreeModel.refresh(parentKey) afterwards. */
  setFilter(parentKey: string, text: string | undefined): void {
    this.filters.set(parentKey, text);
  }

  filterOf(parentKey: string): string | undefined {
    return this.filters.get(parentKey);
  }

  constructor(private readonly options: CatalogTreeOptions) {
    if (options.glue) this.glue = new GlueCatalog(options.glue);
  }

  key(n: CatalogNode): string {
    switch (n.kind) {
      case 'connection':
        return 'conn';
      case 'schema':
        return `conn/${enc(n.schema)}`;
      case 'table':
        return `conn/${enc(n.table.schema)}/${enc(n.table.name)}`;
      case 'column':
        return `conn/${enc(n.schema)}/${enc(n.table)}/${enc(n.column.name)}`;
      case 'glue':
        return 'glue';
      case 'glueDatabase':
        return `glue/${enc(n.database.name)}`;
      case 'glueTable':
        return `glue/${enc(n.table.database)}/${enc(n.table.name)}`;
      case 'glueColumn':
        return `glue/${enc(n.database)}/${enc(n.table)}/c/${enc(n.column.name)}`;
      case 'gluePartitions':
        return `glue/${enc(n.database)}/${enc(n.table)}/p`;
      case 'gluePartition':
        return `glue/${enc(n.database)}/${enc(n.table)}/p/${enc(n.partition.name)}`;
    }
  }

  hasChildren(n: CatalogNode): boolean {
    return !['column', 'glueColumn', 'gluePartition'].includes(n.kind);
  }

  emptyText(parent: CatalogNode | undefined): string {
    switch (parent?.kind) {
      case undefined:
        return 'No connection or AWS profile chosen';
      case 'connection':
        return 'No schemas';
      case 'schema':
        return 'No tables or views';
      case 'glue':
        return 'No Glue databases';
      case 'glueDatabase':
        return 'No tables';
      case 'gluePartitions':
        return 'No partitions';
      default:
        return 'No columns';
    }
  }

  async children(parent: CatalogNode | undefined, cursor: string | undefined, signal: AbortSignal): Promise<ChildPage<CatalogNode>> {
    const filter = parent ? this.filters.get(this.key(parent)) : undefined;
    const page = await this.listChildren(parent, cursor, signal, filter);
    if (!filter || parent?.kind === 'glueDatabase') return page;
    const needle = filter.toLowerCase();
    return {
      items: page.items.filter((n) => n.kind === 'gluePartitions' || catalogNodeName(n).toLowerCase().includes(needle)),
      next: page.next,
    };
  }

  private async listChildren(
    parent: CatalogNode | undefined,
    cursor: string | undefined,
    signal: AbortSignal,
    filter: string | undefined,
  ): Promise<ChildPage<CatalogNode>> {
    if (!parent) {
      const items: CatalogNode[] = [];
      if (this.options.connection)
        items.push({ kind: 'connection', name: this.options.connection.name, dialect: this.options.connection.source.dialect });
      if (this.options.glue) items.push({ kind: 'glue', label: `Glue Data Catalog (${targetLabel(this.options.glue)})` });
      return { items };
    }
    const source = this.options.connection?.source;
    switch (parent.kind) {
      case 'connection':
        return this.pageOf(
          parent,
          cursor,
          () => source!.listSchemas(signal),
          (schema: string): CatalogNode => ({ kind: 'schema', schema }),
        );
      case 'schema':
        return this.pageOf(
          parent,
          cursor,
          () => source!.listTables(parent.schema, signal),
          (table: CatalogTable): CatalogNode => ({ kind: 'table', table }),
        );
      case 'table': {
        const cols = await source!.listColumns(parent.table.schema, parent.table.name, signal);
        return { items: cols.map((column) => ({ kind: 'column', schema: parent.table.schema, table: parent.table.name, column })) };
      }
      case 'glue': {
        try {
          const page = await this.glue!.listDatabases(cursor, signal);
          this.glueRootError = undefined;
          return { items: page.items.map((database) => ({ kind: 'glueDatabase', database })), next: page.next };
        } catch (e) {
          const kind = (e as { kind?: ExplorerErrorKind }).kind;
          if (kind && kind !== 'cancelled') this.glueRootError = kind;
          throw e;
        }
      }
      case 'glueDatabase': {
        const page = await this.glue!.listTables(parent.database.name, cursor, signal, filter);
        return { items: page.items.map((table) => ({ kind: 'glueTable', table })), next: page.next };
      }
      case 'glueTable': {
        const t = parent.table;
        const items: CatalogNode[] = [...t.columns, ...t.partitionKeys].map((column) => ({
          kind: 'glueColumn',
          database: t.database,
          table: t.name,
          column,
        }));
        if (t.partitionKeys.length) items.push({ kind: 'gluePartitions', database: t.database, table: t.name });
        return { items };
      }
      case 'gluePartitions': {
        const page = await this.glue!.listPartitions(parent.database, parent.table, cursor, signal, this.options.partitionPageSize ?? 100);
        return {
          items: page.items.map((partition) => ({ kind: 'gluePartition', database: parent.database, table: parent.table, partition })),
          next: page.next,
        };
      }
      default:
        return { items: [] };
    }
  }

  /** One page of a CatalogSource list: the first call starts its iterator, "load more" goes on. */
  private async pageOf<T>(
    parent: CatalogNode,
    cursor: string | undefined,
    start: () => AsyncIterable<T[]>,
    toNode: (x: T) => CatalogNode,
  ): Promise<ChildPage<CatalogNode>> {
    const key = this.key(parent);
    let it = cursor ? this.iterators.get(`${key}#${cursor}`) : undefined;
    if (cursor) this.iterators.delete(`${key}#${cursor}`);
    it ??= start()[Symbol.asyncIterator]() as AsyncIterator<unknown[]>;
    const first = await it.next();
    if (first.done) return { items: [] };
    // Look one page ahead, so the last page carries no "load more".
    const items = (first.value as T[]).map(toNode);
    const peek = await it.next();
    if (peek.done) return { items };
    const next = String(++this.nextCursor);
    const rest = peek.value;
    let pending = true;
    const resumed: AsyncIterator<unknown[]> = {
      next: async () => {
        if (pending) {
          pending = false;
          return { done: false, value: rest };
        }
        return it!.next();
      },
    };
    this.iterators.set(`${key}#${next}`, resumed);
    return { items, next };
  }

  dispose(): void {
    this.glue?.dispose();
    this.iterators.clear();
  }
}

/** The name a node is filtered by. */
export function catalogNodeName(n: CatalogNode): string {
  switch (n.kind) {
    case 'connection':
      return n.name;
    case 'schema':
      return n.schema;
    case 'table':
      return n.table.name;
    case 'column':
    case 'glueColumn':
      return n.column.name;
    case 'glue':
      return n.label;
    case 'glueDatabase':
      return n.database.name;
    case 'glueTable':
      return n.table.name;
    case 'gluePartitions':
      return 'partitions';
    case 'gluePartition':
      return n.partition.name;
  }
}

function enc(name: string): string {
  return name.replace(/%/g, '%25').replace(/\//g, '%2F');
}
