// Holds a run's rows in fixed-size chunks so a million-row result never needs one giant array
// (no O(n) copies while it grows, and V8 never has to reallocate a huge backing store).
import type { Row } from '../engines/engine';

const CHUNK = 16_384;

export class RowStore {
  private readonly chunks: Row[][] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  append(rows: readonly Row[]): void {
    for (const row of rows) {
      let last = this.chunks[this.chunks.length - 1];
      if (!last || last.length === CHUNK) {
        last = [];
        this.chunks.push(last);
      }
      last.push(row);
    }
    this.count += rows.length;
  }

  get(index: number): Row {
    if (index < 0 || index >= this.count) throw new RangeError(`row ${index} out of range 0..${this.count - 1}`);
    return this.chunks[Math.floor(index / CHUNK)][index % CHUNK];
  }

  /** Rows [start, start+count) clipped to what is stored. */
  slice(start: number, count: number): Row[] {
    const end = Math.min(this.count, start + count);
    const out: Row[] = [];
    for (let i = Math.max(0, start); i < end; i++) out.push(this.chunks[Math.floor(i / CHUNK)][i % CHUNK]);
    return out;
  }

  *[Symbol.iterator](): IterableIterator<Row> {
    for (const chunk of this.chunks) yield* chunk;
  }

  clear(): void {
    this.chunks.length = 0;
    this.count = 0;
  }
}
