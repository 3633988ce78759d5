// One run's rows plus the grid's current arrangement of them (sort, filter). vscode-free: the
// panel host drives it, and unit tests drive it directly.
import { isRowBlock, pageRows, type ColumnInfo, type Page, type QueryExecution, type Row } from '../engines/engine';
import type { ExportSource } from './export/source';
import { estimateRowsBytes } from './memory';
import { RowStore } from './rowStore';
import { formatTsv } from './tsv';
import { computeView, nextSort, type FilterSpec, type SortSpec } from './view';

export type SessionStatus = 'running' | 'done' | 'error' | 'cancelled';

export interface CopyRequest {
  rowStart: number;
  /** Exclusive. */
  rowEnd: number;
  colStart: number;
  /** Exclusive. */
  colEnd: number;
  includeHeader: boolean;
}

export interface SessionOptions {
  /** Stop storing rows once they take about this many bytes (0 or absent: no limit). */
  memoryLimitBytes?: number;
}

export class ResultSession {
  readonly store = new RowStore();
  /** Estimated heap held by the stored rows. */
  storedBytes = 0;
  /** Set once the memory limit stopped the stream: the store holds the first rows only. */
  truncated = false;
  columns: ColumnInfo[] = [];
  status: SessionStatus = 'running';
  sort: SortSpec | undefined;
  filter: FilterSpec = { text: '' };
  /** Bumped whenever the arrangement is replaced; page replies carry it. */
  viewVersion = 0;
  private view: Uint32Array | undefined;
  /** Stored rows the current view has looked at (rows after it arrived later). */
  private viewCovers = 0;
  private computing: AbortController | undefined;

  constructor(private readonly options: SessionOptions = {}) {}

  get memoryLimitBytes(): number | undefined {
    return this.options.memoryLimitBytes || undefined;
  }

  get rowCount(): number {
    return this.store.length;
  }

  get arranged(): boolean {
    return !!this.sort || this.filter.text.trim() !== '';
  }

  /** Rows in the current view. With a sort or filter, rows that arrived after the view was
   * computed are not in it until `refreshView()`. */
  get viewRowCount(): number {
    return this.arranged ? (this.view?.length ?? 0) : this.store.length;
  }

  /** The view is behind the stored rows (only possible with a sort or filter while streaming). */
  get viewStale(): boolean {
    return this.arranged && this.viewCovers < this.store.length;
  }

  /** Stores a page. Returns false once the memory limit is reached (the page is still stored,
   * `truncated` is set, and the caller should stop reading). */
  append(page: Page): boolean {
    this.store.append(page);
    const limit = this.memoryLimitBytes;
    if (!limit) return true;
    this.storedBytes += isRowBlock(page) ? page.byteLength : estimateRowsBytes(page);
    if (this.storedBytes < limit) return true;
    this.truncated = true;
    return false;
  }

  storedIndex(viewIndex: number): number {
    return this.view && this.arranged ? this.view[viewIndex] : viewIndex;
  }

  rowsInView(start: number, count: number): Row[] {
    const end = Math.min(this.viewRowCount, start + count);
    const out: Row[] = [];
    for (let i = Math.max(0, start); i < end; i++) out.push(this.store.get(this.storedIndex(i)));
    return out;
  }

  /** Header click: asc → desc → none. */
  cycleSort(column: number): Promise<boolean> {
    if (column < 0 || column >= this.columns.length) return Promise.resolve(false);
    this.sort = nextSort(this.sort, column);
    return this.refreshView();
  }

  setFilter(text: string, column?: number): Promise<boolean> {
    this.filter = column === undefined || column < 0 || column >= this.columns.length ? { text } : { text, column };
    return this.refreshView();
  }

  /** Recomputes the arrangement. Resolves false when a newer request superseded this one. */
  async refreshView(): Promise<boolean> {
    this.computing?.abort();
    const controller = new AbortController();
    this.computing = controller;
    const covers = this.store.length;
    try {
      const view = await computeView(this.store, this.columns, { sort: this.sort, filter: this.filter }, { signal: controller.signal });
      if (controller.signal.aborted) return false;
      this.view = view;
      this.viewCovers = covers;
      this.viewVersion++;
      return true;
    } catch (error) {
      if (controller.signal.aborted) return false;
      throw error;
    } finally {
      if (this.computing === controller) this.computing = undefined;
    }
  }

  /** TSV for a rectangle of the current view, capped at `maxChars` (returns how many rows made it). */
  copyTsv(request: CopyRequest, maxChars = 64 * 1024 * 1024): { text: string; rows: number; truncated: boolean } {
    const c0 = Math.max(0, request.colStart);
    const c1 = Math.min(this.columns.length, request.colEnd);
    const r0 = Math.max(0, request.rowStart);
    const r1 = Math.min(this.viewRowCount, request.rowEnd);
    const rows: Row[] = [];
    let chars = 0;
    let truncated = false;
    for (let i = r0; i < r1; i++) {
      const row = this.store.get(this.storedIndex(i)).slice(c0, c1);
      for (const v of row) chars += (v === null ? 0 : String(v).length) + 1;
      if (chars > maxChars) {
        truncated = true;
        break;
      }
      rows.push(row);
    }
    const header = request.includeHeader ? this.columns.slice(c0, c1).map((c) => c.name) : undefined;
    return { text: formatTsv({ header, rows }), rows: rows.length, truncated };
  }

  /** The full result in the order the query returned it (sort and filter are grid-only). When
   * the memory limit cut the stream short, `reread` opens the result again (Athena re-reads the
   * same result file, the Redshift Data API its stored result; other engines run the statement
   * again) and the rows stream from it to the file, so an export always holds every row while
   * memory stays flat. */
  exportSource(reread?: (signal?: AbortSignal) => Promise<QueryExecution>): ExportSource {
    const store = this.store;
    if (!this.truncated || !reread) return { columns: this.columns, rowCount: store.length, rows: () => store };
    const width = this.columns.length;
    return {
      columns: this.columns,
      rowCount: undefined,
      rows: (signal) =>
        (async function* () {
          const execution = await reread(signal);
          if (execution.columns.length !== width)
            throw new Error(`the result changed shape when read again (${execution.columns.length} columns, expected ${width})`);
          for await (const page of execution.pages) yield pageRows(page);
        })(),
    };
  }

  dispose(): void {
    this.computing?.abort();
  }
}
