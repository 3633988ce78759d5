// Resolves the FROM items of a statement to columns: catalog tables through the index, CTEs and
// subqueries by inferring their output from their select lists (`*` expanded through their own
// FROM items). Depth-limited, so a recursive CTE or a deep nest cannot loop.
import type { CatalogIndex, IndexedTable } from './catalogIndex';
import { visibleCtes, type Cte, type QueryBlock, type TableRef } from './scope';

export interface ResolvedColumn {
  name: string;
  type?: string;
  comment?: string;
  partitionKey?: boolean;
  /** Where it comes from, e.g. `atomic.events` or `CTE ordered`. */
  source: string;
  table?: IndexedTable;
}

const MAX_DEPTH = 8;

export class Resolver {
  constructor(private readonly catalog: CatalogIndex | undefined) {}

  /** The CTE a one-part table name refers to from `block`, if any. */
  cteFor(ref: TableRef, block: QueryBlock): Cte | undefined {
    if (ref.kind !== 'table' || ref.parts.length !== 1) return undefined;
    const name = ref.parts[0].toLowerCase();
    return visibleCtes(block).find((c) => c.name.toLowerCase() === name);
  }

  catalogTable(ref: TableRef): IndexedTable | undefined {
    return ref.kind === 'table' ? this.catalog?.findTable(ref.parts) : undefined;
  }

  async refColumns(ref: TableRef, block: QueryBlock, depth = 0): Promise<ResolvedColumn[]> {
    if (depth > MAX_DEPTH) return [];
    let cols: ResolvedColumn[];
    if (ref.kind === 'subquery') cols = ref.query ? await this.blockColumns(ref.query, depth + 1) : [];
    else if (ref.kind === 'function') cols = [];
    else {
      const cte = this.cteFor(ref, block);
      if (cte) cols = await this.cteColumns(cte, depth + 1);
      else {
        const table = this.catalogTable(ref);
        cols =
          table && this.catalog
            ? (await this.catalog.columns(table)).map((c) => ({ ...c, source: `${table.schema}.${table.name}`, table }))
            : [];
      }
    }
    if (ref.columnAliases?.length) {
      const source = ref.alias ?? ref.parts.join('.');
      return ref.columnAliases.map((name, k) => ({ ...(cols[k] ?? { source }), name }));
    }
    return cols;
  }

  async cteColumns(cte: Cte, depth = 0): Promise<ResolvedColumn[]> {
    const inferred = cte.body && depth <= MAX_DEPTH ? await this.blockColumns(cte.body, depth + 1) : [];
    const source = `CTE ${cte.name}`;
    if (cte.columns?.length) return cte.columns.map((name, k) => ({ ...inferred[k], name, source }));
    return inferred.map((c) => ({ ...c, source }));
  }

  /** Output columns of a query block (its first branch decides the names). */
  async blockColumns(block: QueryBlock, depth = 0): Promise<ResolvedColumn[]> {
    const out: ResolvedColumn[] = [];
    for (const item of block.items) {
      if (item.star) {
        const refs = item.qualifier?.length ? block.from.filter((r) => refMatches(r, item.qualifier!)) : block.from;
        for (const r of refs) out.push(...(await this.refColumns(r, block, depth)));
      } else if (item.name) {
        let typed: ResolvedColumn | undefined;
        if (item.column) typed = await this.findColumn(block, item.qualifier ?? [], item.column, depth);
        out.push({ ...(typed ?? {}), name: item.name, source: typed?.source ?? 'expression' });
      }
    }
    return out;
  }

  /** A column reference `[q.]name` as seen from `block`. */
  async findColumn(block: QueryBlock, qualifier: readonly string[], name: string, depth = 0): Promise<ResolvedColumn | undefined> {
    const lower = name.toLowerCase();
    for (let b: QueryBlock | undefined = block; b; b = b.parent) {
      const refs = qualifier.length ? b.from.filter((r) => refMatches(r, qualifier)) : b.from;
      for (const r of refs) {
        const cols = await this.refColumns(r, b, depth + 1);
        const hit = cols.find((c) => c.name.toLowerCase() === lower);
        if (hit) return hit;
      }
      if (qualifier.length && refs.length) return undefined;
    }
    return undefined;
  }

  /** The FROM item that `qualifier` (an alias or a table name) names from `block`. */
  refFor(block: QueryBlock, qualifier: readonly string[]): { ref: TableRef; block: QueryBlock } | undefined {
    for (let b: QueryBlock | undefined = block; b; b = b.parent) {
      const ref = b.from.find((r) => refMatches(r, qualifier));
      if (ref) return { ref, block: b };
    }
    return undefined;
  }
}

/** Does `qualifier` (`e`, `events`, `atomic.events`) name this FROM item? An alias hides the table name. */
function refMatches(ref: TableRef, qualifier: readonly string[]): boolean {
  const q = qualifier.map((s) => s.toLowerCase());
  if (ref.alias) return q.length === 1 && ref.alias.toLowerCase() === q[0];
  if (ref.parts.length === 0 || q.length > ref.parts.length) return false;
  const tail = ref.parts.slice(ref.parts.length - q.length).map((s) => s.toLowerCase());
  return tail.every((p, k) => p === q[k]);
}
