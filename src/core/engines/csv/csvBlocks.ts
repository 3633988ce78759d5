// Athena's result CSV (see csv.ts for the dialect) read into RowBlocks: while the file streams
// in, its records are found and their quoting checked; the bytes and each record's end are kept,
// and a row's fields and values are found when the grid, a sort, a filter or an export asks for
// them. Storing a million rows is then a few buffers per page rather than seven million heap
// objects, which the garbage collector would otherwise copy and promote while the result arrives
// (about 1 s per million rows kept, against ~0.1 s for the scan). The buffers come from a pool
// (slabPool.ts) that recycles those of a replaced result.
//
// The rules are csv.ts's AthenaCsvParser's, value for value (a test runs both on the same bytes
// cut at random places): `,,` is NULL and `""` the empty string, a BOM at the start is dropped,
// integer/float/boolean/text columns convert straight from the bytes, anything else goes to the
// converter, and a malformed record is reported with its 1-based record number.
import { Buffer } from 'node:buffer';
import type { CellValue, Row, RowBlock } from '../engine';
import * as csv from './csv';
import type { FieldConverter, FieldKind } from './csv';
import { SlabPool } from './slabPool';
import { SimdCsvScanner } from './csvScanSimd';

// Module-level copies: when this file runs as CommonJS transpiled from ESM (tsx in tests and the
// bench), every use of an imported name is a property read through a getter, which in these
// per-byte loops cost a third of the time. The bundled extension has no such getters.
const {
  decimalAt,
  isAscii,
  K_BOOLEAN,
  K_CONVERT,
  K_FLOAT,
  K_INTEGER,
  K_TEXT,
  KIND_CODE,
  LITTLE_ENDIAN,
  quoteAt,
  quoteAtBytes,
  unquotedFieldEnd,
  workWithRoom,
} = csv;

/** Blocks' bytes and row ends are carved out of 1 MB slabs. */
const SLAB_BYTES = 1 << 20;

/** Shared by every reader: up to 128 MB of a replaced result's slabs, for at most 30 s. */
export const byteSlabs = new SlabPool({ slabBytes: SLAB_BYTES, maxFree: 128, idleMs: 30_000 });

function grow(a: Int32Array, min: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(Math.max(min, a.length * 2));
  grown.set(a);
  return grown;
}

interface Decoding {
  readonly convert: FieldConverter<CellValue>;
  readonly kinds: readonly number[];
}

/** Rows of Athena CSV kept as bytes: row r is bytes [ends[r - 1] + 1, ends[r]) (row 0 starts at
 * 0), where a row's end is its terminating `\n` or the end of the data. Only these ends are kept;
 * a row's fields are found again when it is read (the bytes were checked while they streamed in),
 * which costs far less than keeping seven offsets per row for a million rows. */
export class CsvRowBlock implements RowBlock {
  readonly length: number;
  readonly byteLength: number;
  /** Fewest and most fields in a row of this block. */
  readonly minWidth: number;
  readonly maxWidth: number;
  private readonly ascii: boolean;

  constructor(
    private readonly bytes: Buffer,
    private readonly ends: Int32Array,
    private readonly decoding: Decoding,
    widths: { min: number; max: number },
    /** Keeps the slab `bytes` was cut from out of the pool while this block is reachable. */
    readonly slabOwner?: object,
  ) {
    this.length = ends.length;
    this.byteLength = bytes.byteLength + ends.byteLength + 64;
    this.minWidth = widths.min;
    this.maxWidth = widths.max;
    this.ascii = isAscii(bytes);
  }

  /** Fields in row `index`. */
  width(index: number): number {
    if (this.minWidth === this.maxWidth) return this.minWidth;
    const end = this.ends[index];
    let p = index === 0 ? 0 : this.ends[index - 1] + 1;
    let n = 1;
    for (;;) {
      p = this.fieldEnd(p, end);
      if (p >= end || this.bytes[p] !== 44 /* , */) return n;
      p++;
      n++;
    }
  }

  row(index: number): Row {
    const end = this.ends[index];
    let p = index === 0 ? 0 : this.ends[index - 1] + 1;
    const out: CellValue[] = [];
    for (let c = 0; ; c++) {
      const e = this.fieldEnd(p, end);
      out.push(this.field(p, e, c));
      if (e >= end || this.bytes[e] !== 44) return out;
      p = e + 1;
    }
  }

  value(index: number, column: number): CellValue | undefined {
    if (column < 0) return undefined;
    const end = this.ends[index];
    let p = index === 0 ? 0 : this.ends[index - 1] + 1;
    for (let c = 0; ; c++) {
      const e = this.fieldEnd(p, end);
      if (c === column) return this.field(p, e, c);
      if (e >= end || this.bytes[e] !== 44) return undefined;
      p = e + 1;
    }
  }

  /** Where the field starting at `a` ends (its comma, or the row's end; for a quoted field, the
   * byte after its closing quote). */
  private fieldEnd(a: number, end: number): number {
    const u = this.bytes;
    if (a < end && u[a] === 34 /* " */) {
      let q = a + 1;
      for (;;) {
        while (u[q] !== 34) q++;
        if (q + 1 < end && u[q + 1] === 34)
          q += 2; // a doubled quote inside the value
        else return q + 1;
      }
    }
    let e = a;
    while (e < end && u[e] !== 44) e++;
    return e;
  }

  /** Text of bytes [a, b). */
  private text(a: number, b: number): string {
    if (!this.ascii) {
      const u = this.bytes;
      for (let i = a; i < b; i++) if (u[i] >= 0x80) return u.toString('utf8', a, b);
    }
    return this.bytes.toString('latin1', a, b);
  }

  /** The value of the field in bytes [a, b) (as fieldEnd found them). */
  private field(a: number, b: number, column: number): CellValue {
    const u = this.bytes;
    const { convert, kinds } = this.decoding;
    const kind = column < kinds.length ? kinds[column] : K_CONVERT;
    // a === b: an empty (NULL) field, whatever byte follows (past a header's end, the sentinel quote)
    if (u[a] !== 34 /* " */ || a === b) {
      if (b > a && u[b - 1] === 13 /* \r */) b--;
      if (a === b) return kind === K_CONVERT ? convert(column, null) : null;
      const text = this.text(a, b);
      return kind === K_TEXT ? text : convert(column, text);
    }
    const from = a + 1;
    const to = b - 1; // the closing quote
    let doubled = false;
    for (let i = from; i < to; i++) {
      if (u[i] === 34) {
        doubled = true;
        break;
      }
    }
    if (doubled) {
      const text = this.text(from, to).replace(/""/g, '"');
      return kind === K_TEXT ? text : convert(column, text);
    }
    switch (kind) {
      case K_TEXT:
        return this.text(from, to);
      case K_INTEGER: {
        const x = decimalAt(u, from, to);
        return x === Math.floor(x) ? x : convert(column, this.text(from, to));
      }
      case K_FLOAT: {
        const x = decimalAt(u, from, to);
        return x === x ? x : convert(column, this.text(from, to));
      }
      case K_BOOLEAN: {
        const n = to - from;
        if (n === 4 && u[from] === 116 && u[from + 1] === 114 && u[from + 2] === 117 && u[from + 3] === 101) return true;
        if (n === 5 && u[from] === 102 && u[from + 1] === 97 && u[from + 2] === 108 && u[from + 3] === 115 && u[from + 4] === 101)
          return false;
        return convert(column, this.text(from, to));
      }
      default:
        return convert(column, this.text(from, to));
    }
  }
}

export interface BlockReaderOptions {
  /** Rows per block (the last block may hold fewer). */
  pageSize: number;
  /** The first record is a header: it is kept as text in `header`, not handed over as a row. */
  header?: boolean;
  /** 'js' skips the WebAssembly SIMD scanner (tests compare the two). */
  scanner?: 'simd' | 'js';
}

/** Push raw bytes in, get blocks of complete records out. */
export class AthenaCsvBlockReader {
  /** The header record's fields (with `header: true`), once it has been read. */
  header: (string | null)[] | undefined;
  private work = new Uint8Array(0);
  private words = new Uint32Array(0);
  private workBuffer: Buffer = Buffer.alloc(0);
  /** Bytes in work[0, pending); complete records end before `scanned`. */
  private pending = 0;
  private scanned = 0;
  /** Per complete record not handed over yet: where it ends (see CsvRowBlock) and its fields. */
  private ends = new Int32Array(1024);
  private widths = new Int32Array(1024);
  private rows = 0;
  /** 1-based number of the next record (for error messages). */
  private record = 1;
  private bomChecked = false;
  /** Unscanned size at which an incomplete record is worth scanning again (huge fields). */
  private retryAt = 0;
  private readonly decoding: Decoding;
  private readonly pageSize: number;
  /** Blocks' bytes and ends are carved out of these (see cut). */
  private byteSlab: Buffer = Buffer.alloc(0);
  private byteSlabUsed = 0;
  /** Held by every block cut from the current slab (see SlabPool). */
  private slabOwner: object = {};
  private wantHeader: boolean;
  private readonly simd: SimdCsvScanner | undefined;

  constructor(convert: FieldConverter<CellValue>, kinds: readonly (FieldKind | undefined)[], options: BlockReaderOptions) {
    this.decoding = { convert, kinds: kinds.map((k) => (k ? KIND_CODE[k] : K_CONVERT)) };
    this.pageSize = Math.max(1, Math.floor(options.pageSize));
    this.wantHeader = !!options.header;
    this.simd = options.scanner === 'js' ? undefined : SimdCsvScanner.create();
    if (this.simd) ({ work: this.work, words: this.words, workBuffer: this.workBuffer } = this.simd.views);
  }

  push(chunk: Uint8Array): CsvRowBlock[] {
    const out: CsvRowBlock[] = [];
    if (chunk.length === 0) return out;
    this.append(chunk);
    if (this.pending - this.scanned < this.retryAt) return out;
    this.scanAll(false, out);
    return out;
  }

  /** Call once after the last chunk. */
  end(): CsvRowBlock[] {
    const out: CsvRowBlock[] = [];
    this.scanAll(true, out);
    if (this.scanned < this.pending) throw new Error(`Malformed Athena CSV in record ${this.record}: unterminated quoted field`);
    if (this.rows > 0) out.push(this.cut(this.rows));
    return out;
  }

  private append(chunk: Uint8Array): void {
    const grown = this.simd ? this.simd.withRoom(this.pending, chunk.length) : workWithRoom(this.work, this.pending, chunk.length);
    if (grown) ({ work: this.work, words: this.words, workBuffer: this.workBuffer } = grown);
    this.work.set(chunk, this.pending);
    this.pending += chunk.length;
  }

  private scanAll(final: boolean, out: CsvRowBlock[]): void {
    if (!this.bomChecked) {
      if (this.pending < 3 && !final) return;
      this.bomChecked = true;
      const w = this.work;
      if (this.pending >= 3 && w[0] === 0xef && w[1] === 0xbb && w[2] === 0xbf) this.scanned = 3;
    }
    if (this.scanned > 0 && this.rows === 0) this.drop(0); // the BOM: blocks start at a record
    const before = this.rows;
    this.scan(final);
    this.retryAt = this.rows === before && !final ? (this.pending - this.scanned) * 2 : 0;
    if (this.wantHeader && this.rows > 0) this.takeHeader();
    while (this.rows >= this.pageSize) out.push(this.cut(this.pageSize));
  }

  /** Finds complete records from `scanned` on (checking their quoting) and records their ends:
   * the SIMD scanner as far as the records are in Athena's usual shape, the JS one for the rest. */
  private scan(final: boolean): void {
    // At most one record per unscanned byte, plus one: with room for that up front, neither
    // scanner checks capacity.
    const room = this.pending - this.scanned + 2;
    if (this.rows + room > this.ends.length) {
      this.ends = grow(this.ends, this.rows + room);
      this.widths = grow(this.widths, this.rows + room);
    }
    if (this.simd) {
      const found = this.simd.scan(this.scanned, this.pending, this.ends, this.widths, this.rows);
      this.record += found.rows - this.rows;
      this.rows = found.rows;
      this.scanned = found.stop;
    }
    // The JS scanner goes on from where the SIMD one stopped: at a record of another shape, or
    // at the incomplete last one (which it checks now, so a malformed one is reported as early
    // as without SIMD).
    this.scanEveryShape(final);
  }

  private scanEveryShape(final: boolean): void {
    const n = this.pending;
    const u = this.work;
    const words = this.words;
    u[n] = 34; // the sentinel quote stops every search
    let pos = this.scanned;
    const ends = this.ends;
    const widths = this.widths;
    let rows = this.rows;
    try {
      outer: while (pos < n) {
        let fields = 1;
        let p = pos;
        let end: number;
        for (;;) {
          if (u[p] === 34 /* " */) {
            let a = p + 1;
            let q: number;
            for (;;) {
              q = LITTLE_ENDIAN ? quoteAt(words, a) : quoteAtBytes(u, a);
              if (q >= n) break outer; // need more input (at the end: unterminated)
              if (q + 1 === n) {
                if (!final) break outer;
                break;
              }
              if (u[q + 1] !== 34) break;
              a = q + 2; // a doubled quote inside the value
            }
            p = q + 1;
          } else {
            const e = unquotedFieldEnd(u, p, n);
            if (e === n && !final) break outer;
            p = e;
          }
          const c = p < n ? u[p] : -1;
          if (c === 44) {
            p++;
            fields++;
            if (p < n) continue;
            if (!final) break outer;
            end = p; // a trailing comma at the very end: one more (NULL) field
            break;
          }
          if (c === 13 /* \r */) {
            if (p + 1 < n && u[p + 1] === 10) {
              p++;
              end = p;
              break;
            }
            if (p + 1 === n && !final) break outer;
          }
          if (c !== 10 && c !== -1)
            throw new Error(`Malformed Athena CSV in record ${this.record}: unexpected character after a quoted field`);
          end = p;
          break;
        }
        ends[rows] = end;
        widths[rows++] = fields;
        this.record++;
        pos = p < n ? p + 1 : n;
      }
    } finally {
      this.rows = rows;
      this.scanned = pos;
    }
  }

  /** The first record becomes `header` (as text) and is dropped from the rows. */
  private takeHeader(): void {
    this.wantHeader = false;
    const block = new CsvRowBlock(
      this.workBuffer,
      this.ends.subarray(0, 1),
      { convert: (_c, t) => t, kinds: [] },
      { min: this.widths[0], max: this.widths[0] },
    );
    this.header = block.row(0).map((v) => (v === null ? null : String(v)));
    this.drop(1);
  }

  /** Hands over the first `count` rows as a block, copying their bytes and then their ends
   * (4-byte aligned) into the current slab: one pooled allocation per ~1 MB of rows. */
  private cut(count: number): CsvRowBlock {
    const byteEnd = count < this.rows ? this.ends[count - 1] + 1 : this.scanned;
    if (((this.byteSlabUsed + byteEnd + 3) & ~3) + 4 * count > this.byteSlab.length) {
      ({ bytes: this.byteSlab, owner: this.slabOwner } = byteSlabs.take(((byteEnd + 3) & ~3) + 4 * count));
      this.byteSlabUsed = 0;
    }
    const at = this.byteSlabUsed;
    const bytes = this.byteSlab.subarray(at, at + byteEnd);
    bytes.set(this.work.subarray(0, byteEnd));
    const endsAt = (at + byteEnd + 3) & ~3; // slabs start at offset 0 of their ArrayBuffer
    const ends = new Int32Array(this.byteSlab.buffer, this.byteSlab.byteOffset + endsAt, count);
    ends.set(this.ends.subarray(0, count));
    this.byteSlabUsed = endsAt + 4 * count;
    const widths = this.widths;
    let min = widths[0];
    let max = min;
    for (let r = 1; r < count; r++) {
      const w = widths[r];
      if (w < min) min = w;
      else if (w > max) max = w;
    }
    const block = new CsvRowBlock(bytes, ends, this.decoding, { min, max }, this.slabOwner);
    this.drop(count);
    return block;
  }

  /** Forgets the first `count` rows and their bytes (with `count` 0, the bytes before the first
   * unscanned record); later offsets move down accordingly. */
  private drop(count: number): void {
    const byteEnd = count === 0 ? this.scanned : count < this.rows ? this.ends[count - 1] + 1 : this.scanned;
    this.work.copyWithin(0, byteEnd, this.pending);
    this.pending -= byteEnd;
    this.scanned -= byteEnd;
    const ends = this.ends;
    const widths = this.widths;
    const rows = this.rows - count;
    for (let r = 0; r < rows; r++) {
      ends[r] = ends[r + count] - byteEnd;
      widths[r] = widths[r + count];
    }
    this.rows = rows;
  }
}
