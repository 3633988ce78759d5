// Athena's result CSV (see csv.ts for the dialect) read into RowBlocks: while the file streams
// in, only the records' and fields' boundaries are found; the bytes and one offset per field are
// kept, and a value is built when the grid, a sort, a filter or an export asks for it. Storing a
// million rows is then a few buffers per page rather than seven million heap objects, which the
// garbage collector would otherwise copy and promote while the result arrives (about 1 s per
// million rows kept, against ~0.1 s for the scan).
//
// The rules are csv.ts's AthenaCsvParser's, value for value (a test runs both on the same bytes
// cut at random places): `,,` is NULL and `""` the empty string, a BOM at the start is dropped,
// integer/float/boolean/text columns convert straight from the bytes, anything else goes to the
// converter, and a malformed record is reported with its 1-based record number.
import { Buffer } from 'node:buffer';
import type { CellValue, Row, RowBlock } from '../engine';
import * as csv from './csv';
import type { FieldConverter, FieldKind } from './csv';

// Module-level copies: when this file runs as CommonJS transpiled from ESM (tsx in tests and the
// bench), every use of an imported name is a property read through a getter, which in these
// per-byte loops cost a third of the time. The bundled extension has no such getters.
const { decimalAt, isAscii, K_BOOLEAN, K_CONVERT, K_FLOAT, K_INTEGER, K_TEXT, KIND_CODE, LITTLE_ENDIAN, quoteAt, quoteAtBytes, workWithRoom } = csv;

/** Blocks' bytes and offsets are carved out of slabs of these sizes (1 MB each). */
const SLAB_BYTES = 1 << 20;
const SLAB_INTS = 1 << 18;

function grow(a: Int32Array, min: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(Math.max(min, a.length * 2));
  grown.set(a);
  return grown;
}

interface Decoding {
  readonly convert: FieldConverter<CellValue>;
  readonly kinds: readonly number[];
}

/** Rows of Athena CSV kept as bytes: `starts` holds, per row, the offset of each field followed
 * by the row's end (its `\n`, or `\r` of `\r\n`); `rowFirst[r]` indexes row r's first entry. */
export class CsvRowBlock implements RowBlock {
  readonly length: number;
  readonly byteLength: number;
  private readonly ascii: boolean;

  constructor(
    private readonly bytes: Buffer,
    private readonly starts: Int32Array,
    private readonly rowFirst: Int32Array,
    private readonly decoding: Decoding,
  ) {
    this.length = rowFirst.length - 1;
    this.byteLength = bytes.byteLength + starts.byteLength + rowFirst.byteLength + 64;
    this.ascii = isAscii(bytes);
  }

  /** Fields in row `index`. */
  width(index: number): number {
    return this.rowFirst[index + 1] - this.rowFirst[index] - 1;
  }

  row(index: number): Row {
    const first = this.rowFirst[index];
    const width = this.rowFirst[index + 1] - first - 1;
    const out = new Array<CellValue>(width);
    for (let c = 0; c < width; c++) out[c] = this.field(first + c, c, c === width - 1);
    return out;
  }

  value(index: number, column: number): CellValue | undefined {
    const first = this.rowFirst[index];
    const width = this.rowFirst[index + 1] - first - 1;
    if (column < 0 || column >= width) return undefined;
    return this.field(first + column, column, column === width - 1);
  }

  /** Text of bytes [a, b). */
  private text(a: number, b: number): string {
    if (!this.ascii) {
      const u = this.bytes;
      for (let i = a; i < b; i++) if (u[i] >= 0x80) return u.toString('utf8', a, b);
    }
    return this.bytes.toString('latin1', a, b);
  }

  private field(f: number, column: number, last: boolean): CellValue {
    const u = this.bytes;
    const { convert, kinds } = this.decoding;
    const kind = column < kinds.length ? kinds[column] : K_CONVERT;
    const a = this.starts[f];
    let b = last ? this.starts[f + 1] : this.starts[f + 1] - 1; // a middle field ends before its comma
    if (u[a] !== 34 /* " */) {
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
        if (n === 5 && u[from] === 102 && u[from + 1] === 97 && u[from + 2] === 108 && u[from + 3] === 115 && u[from + 4] === 101) return false;
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
  private starts = new Int32Array(4096);
  private k = 0;
  private rowFirst = new Int32Array(1024);
  private rows = 0;
  /** 1-based number of the next record (for error messages). */
  private record = 1;
  private bomChecked = false;
  /** Unscanned size at which an incomplete record is worth scanning again (huge fields). */
  private retryAt = 0;
  private readonly decoding: Decoding;
  private readonly pageSize: number;
  /** Blocks' bytes and offsets are carved out of these (see cut). */
  private byteSlab = Buffer.alloc(0);
  private byteSlabUsed = 0;
  private intSlab = new Int32Array(0);
  private intSlabUsed = 0;
  private wantHeader: boolean;

  constructor(convert: FieldConverter<CellValue>, kinds: readonly (FieldKind | undefined)[], options: BlockReaderOptions) {
    this.decoding = { convert, kinds: kinds.map((k) => (k ? KIND_CODE[k] : K_CONVERT)) };
    this.pageSize = Math.max(1, Math.floor(options.pageSize));
    this.wantHeader = !!options.header;
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
    const grown = workWithRoom(this.work, this.pending, chunk.length);
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
    const before = this.rows;
    this.scan(final);
    this.retryAt = this.rows === before && !final ? (this.pending - this.scanned) * 2 : 0;
    if (this.wantHeader && this.rows > 0) this.takeHeader();
    while (this.rows >= this.pageSize) out.push(this.cut(this.pageSize));
  }

  /** Finds complete records from `scanned` on and records their field offsets. */
  private scan(final: boolean): void {
    const n = this.pending;
    const u = this.work;
    const words = this.words;
    u[n] = 34; // the sentinel quote stops every search
    let pos = this.scanned;
    // At most one field (and one record) per unscanned byte, plus a record's end and a trailing
    // NULL field: with room for that up front, the loop below never checks capacity.
    const room = n - pos + 4;
    if (this.k + 2 * room > this.starts.length) this.starts = grow(this.starts, this.k + 2 * room);
    if (this.rows + room + 1 > this.rowFirst.length) this.rowFirst = grow(this.rowFirst, this.rows + room + 1);
    const starts = this.starts;
    const rowFirst = this.rowFirst;
    let rows = this.rows;
    let k = this.k;
    try {
      outer: while (pos < n) {
        let f = k;
        let p = pos;
        let end: number;
        for (;;) {
          starts[f++] = p;
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
            let e = p;
            while (e < n) {
              const c = u[e];
              if (c === 44 /* , */ || c === 10 /* \n */) break;
              e++;
            }
            if (e === n && !final) break outer;
            p = e;
          }
          const c = p < n ? u[p] : -1;
          if (c === 44) {
            p++;
            if (p < n) continue;
            if (!final) break outer;
            starts[f++] = p; // a trailing comma at the very end: one more (NULL) field
            end = p;
            break;
          }
          if (c === 13 /* \r */) {
            if (p + 1 < n && u[p + 1] === 10) {
              end = p;
              p++;
              break;
            }
            if (p + 1 === n && !final) break outer;
          }
          if (c !== 10 && c !== -1) throw new Error(`Malformed Athena CSV in record ${this.record}: unexpected character after a quoted field`);
          end = p;
          break;
        }
        starts[f++] = end;
        k = f;
        rowFirst[++rows] = k;
        this.record++;
        pos = p < n ? p + 1 : n;
      }
    } finally {
      this.k = k;
      this.rows = rows;
      this.scanned = pos;
    }
  }

  /** The first record becomes `header` (as text) and is dropped from the rows. */
  private takeHeader(): void {
    this.wantHeader = false;
    const block = new CsvRowBlock(this.workBuffer, this.starts.subarray(0, this.rowFirst[1]), Int32Array.of(0, this.rowFirst[1]), { convert: (_c, t) => t, kinds: [] });
    this.header = block.row(0).map((v) => (v === null ? null : String(v)));
    this.drop(1);
  }

  /** Hands over the first `count` rows as a block (copying their bytes and offsets into the
   * current slabs: one allocation per ~1 MB instead of three per block). */
  private cut(count: number): CsvRowBlock {
    const fieldEnd = this.rowFirst[count];
    const byteEnd = count < this.rows ? this.starts[fieldEnd] : this.scanned;
    if (this.byteSlabUsed + byteEnd > this.byteSlab.length) {
      this.byteSlab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, byteEnd));
      this.byteSlabUsed = 0;
    }
    const bytes = this.byteSlab.subarray(this.byteSlabUsed, this.byteSlabUsed + byteEnd);
    bytes.set(this.work.subarray(0, byteEnd));
    this.byteSlabUsed += byteEnd;
    const ints = fieldEnd + count + 1;
    if (this.intSlabUsed + ints > this.intSlab.length) {
      this.intSlab = new Int32Array(Math.max(SLAB_INTS, ints));
      this.intSlabUsed = 0;
    }
    const starts = this.intSlab.subarray(this.intSlabUsed, this.intSlabUsed + fieldEnd);
    starts.set(this.starts.subarray(0, fieldEnd));
    const rowFirst = this.intSlab.subarray(this.intSlabUsed + fieldEnd, this.intSlabUsed + ints);
    rowFirst.set(this.rowFirst.subarray(0, count + 1));
    this.intSlabUsed += ints;
    const block = new CsvRowBlock(bytes, starts, rowFirst, this.decoding);
    this.drop(count);
    return block;
  }

  /** Forgets the first `count` rows and their bytes; later offsets move down accordingly. */
  private drop(count: number): void {
    const fieldEnd = this.rowFirst[count];
    const byteEnd = count < this.rows ? this.starts[fieldEnd] : this.scanned;
    this.work.copyWithin(0, byteEnd, this.pending);
    this.pending -= byteEnd;
    this.scanned -= byteEnd;
    const starts = this.starts;
    const k = this.k - fieldEnd;
    for (let i = 0; i < k; i++) starts[i] = starts[i + fieldEnd] - byteEnd;
    this.k = k;
    const rowFirst = this.rowFirst;
    const rows = this.rows - count;
    for (let r = 0; r <= rows; r++) rowFirst[r] = rowFirst[r + count] - fieldEnd;
    this.rows = rows;
  }
}
