// Holds a run's rows as the pages they arrived in: plain rows are kept in fixed-size chunks (a
// million-row result never needs one giant array, so no O(n) copies while it grows), and an
// engine's compact blocks (Athena CSV bytes + offsets) are kept as they are and asked for rows
// only when the grid, a sort or an export needs them.
import { isRowBlock, type CellValue, type Page, type Row, type RowBlock } from '../engines/engine';

const CHUNK = 16_384;

type Segment = Row[] | RowBlock;

export class RowStore {
  private readonly segments: Segment[] = [];
  /** Index of each segment's first row. */
  private readonly starts: number[] = [];
  private count = 0;
  /** The segment the last lookup landed in (the grid and sorts read mostly in order). */
  private last = 0;

  get length(): number {
    return this.count;
  }

  append(page: Page): void {
    if (isRowBlock(page)) {
      if (page.length === 0) return;
      this.starts.push(this.count);
      this.segments.push(page);
      this.count += page.length;
      return;
    }
    for (const row of page) {
      let tail = this.segments[this.segments.length - 1];
      if (!tail || isRowBlock(tail) || tail.length === CHUNK) {
        tail = [];
        this.starts.push(this.count);
        this.segments.push(tail);
      }
      tail.push(row);
      this.count++;
    }
  }

  private segmentOf(index: number): number {
    if (index < 0 || index >= this.count) throw new RangeError(`row ${index} out of range 0..${this.count - 1}`);
    const starts = this.starts;
    let s = this.last;
    if (starts[s] <= index && (s + 1 === starts.length || starts[s + 1] > index)) return s;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    s = lo;
    this.last = s;
    return s;
  }

  get(index: number): Row {
    const s = this.segmentOf(index);
    const segment = this.segments[s];
    const at = index - this.starts[s];
    return isRowBlock(segment) ? segment.row(at) : segment[at];
  }

  /** One cell, without building a block's whole row. */
  value(index: number, column: number): CellValue | undefined {
    const s = this.segmentOf(index);
    const segment = this.segments[s];
    const at = index - this.starts[s];
    return isRowBlock(segment) ? segment.value(at, column) : segment[at][column];
  }

  /** Rows [start, start+count) clipped to what is stored. */
  slice(start: number, count: number): Row[] {
    const end = Math.min(this.count, start + count);
    const out: Row[] = [];
    for (let i = Math.max(0, start); i < end; i++) out.push(this.get(i));
    return out;
  }

  *[Symbol.iterator](): IterableIterator<Row> {
    for (const segment of this.segments) {
      if (!isRowBlock(segment)) yield* segment;
      else for (let i = 0; i < segment.length; i++) yield segment.row(i);
    }
  }

  clear(): void {
    this.segments.length = 0;
    this.starts.length = 0;
    this.count = 0;
    this.last = 0;
  }
}
