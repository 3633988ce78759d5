// Sorting and filtering never touch the stored rows: they produce a permutation (the indices of
// the visible rows, in display order), computed here in the host, not in the webview.
import type { ColumnInfo } from '../engines/engine';
import type { RowStore } from './rowStore';
import { compareKeys, displayText, sortKeyFor, type SortKey } from './values';

export type SortDirection = 'asc' | 'desc';

export interface SortSpec {
  column: number;
  direction: SortDirection;
}

export interface FilterSpec {
  /** Case-insensitive substring; empty = no filter. */
  text: string;
  /** Restrict to one column; undefined = any column. */
  column?: number;
}

export interface ViewSpec {
  sort?: SortSpec;
  filter?: FilterSpec;
}

/** Header click cycle: none → asc → desc → none (a click on another column starts at asc). */
export function nextSort(current: SortSpec | undefined, column: number): SortSpec | undefined {
  if (!current || current.column !== column) return { column, direction: 'asc' };
  return current.direction === 'asc' ? { column, direction: 'desc' } : undefined;
}

export interface ComputeOptions {
  signal?: AbortSignal;
  /** Rows scanned between yields to the event loop while filtering. */
  yieldEvery?: number;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Returns the visible row indices in display order, or `undefined` when the view is the stored
 * order unchanged (no filter, no sort). Throws an AbortError when `signal` aborts. */
export async function computeView(
  store: RowStore,
  columns: readonly ColumnInfo[],
  spec: ViewSpec,
  options: ComputeOptions = {},
): Promise<Uint32Array | undefined> {
  const filterText = spec.filter?.text.trim().toLowerCase() ?? '';
  if (!filterText && !spec.sort) return undefined;
  const yieldEvery = options.yieldEvery ?? 50_000;
  const total = store.length;

  let indices: number[] | undefined;
  if (filterText) {
    indices = [];
    const only = spec.filter?.column;
    let i = 0;
    for (const row of store) {
      if (i >= total) break;
      if (matches(row, filterText, only)) indices.push(i);
      i++;
      if (i % yieldEvery === 0) {
        await yieldToLoop();
        options.signal?.throwIfAborted();
      }
    }
  }
  if (!spec.sort) return Uint32Array.from(indices ?? []);

  const { column, direction } = spec.sort;
  const family = columns[column]?.family ?? 'other';
  const keys: (SortKey | undefined)[] = new Array(total);
  const nonNull: number[] = [];
  const nulls: number[] = [];
  const candidates = indices ?? range(total);
  for (let k = 0; k < candidates.length; k++) {
    const i = candidates[k];
    const value = store.value(i, column);
    if (value === null || value === undefined) nulls.push(i);
    else {
      keys[i] = sortKeyFor(family, value);
      nonNull.push(i);
    }
    if ((k + 1) % yieldEvery === 0) {
      await yieldToLoop();
      options.signal?.throwIfAborted();
    }
  }
  const sign = direction === 'asc' ? 1 : -1;
  // ties keep stored order in both directions so the view is stable and predictable
  nonNull.sort((a, b) => sign * compareKeys(family, keys[a] as SortKey, keys[b] as SortKey) || a - b);
  options.signal?.throwIfAborted();
  const out = new Uint32Array(nonNull.length + nulls.length);
  out.set(nonNull, 0);
  out.set(nulls, nonNull.length); // NULLs last, whichever the direction
  return out;
}

function range(n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function matches(row: readonly unknown[], needle: string, only: number | undefined): boolean {
  if (only !== undefined) return cellMatches(row[only], needle);
  for (let c = 0; c < row.length; c++) if (cellMatches(row[c], needle)) return true;
  return false;
}

function cellMatches(value: unknown, needle: string): boolean {
  const text = displayText((value ?? null) as Parameters<typeof displayText>[0]);
  return text.toLowerCase().includes(needle);
}
