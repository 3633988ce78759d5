// Streaming parser for Athena's result CSV. Athena quotes every non-NULL value (`"a"`, `""` for
// the empty string, `""` doubled inside a value) and writes NULL as an empty UNQUOTED field, so
// `,,` is NULL and `,"",` is ''. A single-column NULL row is therefore an empty line.
// (PyAthena #118 shows such a file; PyAthena's AthenaCSVReader relies on the same rule.)
//
// Hot path for 1M-row results (bench `athena_fetch_1m_vs_download`): the parser takes the raw
// bytes. Each batch of unparsed bytes is read as latin1 (one char per byte, a cheap copy, unlike
// UTF-8 decoding of the whole chunk), so byte offsets are string offsets; the delimiters `"` `,`
// `\n` `\r` are ASCII and never occur inside a multi-byte UTF-8 sequence, so records are found
// on that string and a field's text is a plain slice of it, or, only when the field holds a byte
// ≥ 0x80, its bytes decoded as UTF-8. A character split across chunks therefore needs no
// special care: an incomplete record is kept as bytes and parsed again with the next chunk.
// Columns with a known kind (integer, float, boolean, text) are converted straight from the
// chars, so numbers and booleans never become intermediate strings.
import { Buffer, isAscii as nodeIsAscii } from 'node:buffer';

export type CsvField = string | null;

/** Turns the text of field `column` (null = NULL) into whatever the caller stores. */
export type FieldConverter<T> = (column: number, text: CsvField) => T;

/** Columns the parser converts itself, without calling the converter for the common values:
 *  'text' → the string; 'integer' → a number for `-?digits` below 2^53; 'float' → a number for
 *  plain decimal text (exactly as Number() would); 'boolean' → `true` / `false`; NULL → null.
 *  Any other text still goes to the converter, which must agree with these results. */
export type FieldKind = 'text' | 'integer' | 'float' | 'boolean';

const identity: FieldConverter<CsvField> = (_column, text) => text;

export const K_CONVERT = 0;
export const K_TEXT = 1;
export const K_INTEGER = 2;
export const K_FLOAT = 3;
export const K_BOOLEAN = 4;
export const KIND_CODE: Record<FieldKind, number> = { text: K_TEXT, integer: K_INTEGER, float: K_FLOAT, boolean: K_BOOLEAN };

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const HIGH_BYTE = /[\x80-\xff]/g;
export const isAscii: (b: Uint8Array) => boolean =
  typeof nodeIsAscii === 'function'
    ? nodeIsAscii
    : (b) => !/[\x80-\xff]/.test(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1'));

export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Offset of the first `"` at or after `a`, reading four bytes at a time (there is always one:
 * the sentinel). A word's bytes equal to `"` become 0 after `^ 0x22222222`; the lowest byte
 * flagged by the classic has-zero-byte test is exact (false positives only sit above a real
 * zero), and on a little-endian machine the lowest byte comes first. */
export function quoteAt(words: Uint32Array, a: number): number {
  let w = a >> 2;
  // Bytes before `a` in the first word are forced non-zero.
  let x = (words[w] ^ 0x22222222) | ((1 << ((a & 3) << 3)) - 1);
  let m = (x - 0x01010101) & ~x & 0x80808080;
  while (m === 0) {
    x = words[++w] ^ 0x22222222;
    m = (x - 0x01010101) & ~x & 0x80808080;
  }
  return (w << 2) + ((31 - Math.clz32(m & -m)) >> 3);
}

/** The unparsed bytes both readers keep: one buffer reused and grown by doubling, 8-byte
 * aligned so `words` can look for a quote four bytes at a time, with spare room past the data
 * for the sentinel quote. Returns a larger copy holding the first `keep` bytes when `more` bytes
 * do not fit after them, else undefined. */
export function workWithRoom(
  work: Uint8Array,
  keep: number,
  more: number,
): { work: Uint8Array<ArrayBuffer>; words: Uint32Array<ArrayBuffer>; workBuffer: Buffer } | undefined {
  const need = keep + more + 8;
  if (need <= work.length) return undefined;
  const size = Math.max(need, work.length * 2, 1 << 17);
  const bytes = new Uint8Array((size + 7) & ~7);
  bytes.set(work.subarray(0, keep));
  return { work: bytes, words: new Uint32Array(bytes.buffer), workBuffer: Buffer.from(bytes.buffer, 0, bytes.length) };
}

/** Where an unquoted field starting at `p` ends: its comma, its record's `\n`, or `n`. */
export function unquotedFieldEnd(u: Uint8Array, p: number, n: number): number {
  while (p < n) {
    const c = u[p];
    if (c === 44 /* , */ || c === 10 /* \n */) return p;
    p++;
  }
  return n;
}

export function quoteAtBytes(u: Uint8Array, a: number): number {
  while (u[a] !== 34) a++;
  return a;
}

/** Plain decimal text `-?digits(.digits)?` in bytes [a, b) as Number() would read it, or NaN when it
 * is anything else. All digits form an integer < 2^53 and the power of ten is ≤ 10^22, both exact
 * doubles, so one correctly rounded division is the correctly rounded value (Clinger's fast
 * path); the same rule as types.ts's fastDecimal. */
export function decimalAt(u: Uint8Array, a: number, b: number): number {
  const n = b - a;
  if (n <= 0 || n > 16) return NaN;
  let i = a;
  let neg = false;
  if (u[i] === 45 /* - */) {
    neg = true;
    i++;
  }
  const start = i;
  let x = 0;
  let dot = -1;
  for (; i < b; i++) {
    const d = u[i] - 48;
    if (d >= 0 && d <= 9) x = x * 10 + d;
    else if (d === -2 /* . */ && dot < 0) dot = i;
    else return NaN;
  }
  if (b === start || dot === start || dot === b - 1 || x >= 9007199254740992) return NaN;
  const r = dot < 0 ? x : x / POW10[b - dot - 1];
  return neg ? (r === 0 ? -0 : -r) : r;
}

/** Push raw bytes (or text) in, get complete records out. Records may span any number of chunks. */
export class AthenaCsvParser<T = CsvField> {
  /** Unparsed bytes live in work[0, pending): the incomplete record left by the last parse, then
   * the chunks since. One buffer, reused and grown by doubling, 8-byte aligned so `words` can
   * look for a quote four bytes at a time; work[pending] holds a `"` that stops every search. */
  private work = new Uint8Array(0);
  private words = new Uint32Array(0);
  private workBuffer: Buffer = Buffer.alloc(0);
  private pending = 0;
  /** Pending size at which an incomplete record is worth re-scanning (avoids quadratic work on huge fields). */
  private retryAt = 0;
  /** 1-based number of the next record (for error messages). */
  private record = 1;
  /** Fields in the first record (the header): later records are allocated at that exact size
   * (a grown `[]` reserves ~17 slots, tripling the memory of a 6-column million-row result). */
  private width = 0;
  /** A byte stream may start with a UTF-8 BOM (TextDecoder used to drop it); text input never. */
  private bomChecked = false;
  /** A high surrogate that ended the last text chunk: it is encoded together with its pair. */
  private surrogate = '';
  private readonly kinds: number[];
  /** During a parse: the offset of the next byte ≥ 0x80 at or after the last lookup. */
  private high = 0;

  constructor(
    private readonly convert: FieldConverter<T> = identity as unknown as FieldConverter<T>,
    kinds: readonly (FieldKind | undefined)[] = [],
  ) {
    this.kinds = kinds.map((k) => (k ? KIND_CODE[k] : K_CONVERT));
  }

  /** Returns the records completed by `chunk`, appended to `out` when given (saves a copy). */
  push(chunk: Uint8Array | string, out: T[][] = []): T[][] {
    if (typeof chunk === 'string') {
      this.bomChecked = true;
      let text = this.surrogate + chunk;
      this.surrogate = '';
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        this.surrogate = text.slice(-1);
        text = text.slice(0, -1);
      }
      chunk = Buffer.from(text, 'utf8');
    }
    if (chunk.length === 0) return out;
    this.append(chunk);
    if (this.pending < this.retryAt) return out;
    return this.parse(false, out);
  }

  /** Call once after the last chunk. */
  end(out: T[][] = []): T[][] {
    if (this.surrogate) {
      const s = this.surrogate;
      this.surrogate = '';
      this.append(Buffer.from(s, 'utf8'));
    }
    const rows = this.parse(true, out);
    if (this.pending) throw new Error(`Malformed Athena CSV in record ${this.record}: unterminated quoted field`);
    return rows;
  }

  private append(chunk: Uint8Array): void {
    const grown = workWithRoom(this.work, this.pending, chunk.length);
    if (grown) ({ work: this.work, words: this.words, workBuffer: this.workBuffer } = grown);
    this.work.set(chunk, this.pending);
    this.pending += chunk.length;
  }

  /** The text of bytes [a, b): a slice of the latin1 string `s` when they are all ASCII. */
  private textAt(s: string, a: number, b: number): string {
    if (b <= this.high) return s.slice(a, b);
    const u = this.work;
    for (let i = a; i < b; i++) if (u[i] >= 0x80) return this.workBuffer.toString('utf8', a, b);
    return s.slice(a, b);
  }

  private parse(final: boolean, rows: T[][]): T[][] {
    let start = 0;
    if (!this.bomChecked) {
      if (this.pending < 3 && !final) return rows;
      this.bomChecked = true;
      const w = this.work;
      if (this.pending >= 3 && w[0] === 0xef && w[1] === 0xbb && w[2] === 0xbf) start = 3;
    }
    const n = this.pending;
    if (n === start) {
      this.pending = 0;
      return rows;
    }
    this.work[n] = 34; // the sentinel quote
    const buf = this.workBuffer;
    const s = buf.toString('latin1', start, n);
    // Fields that end before the first byte ≥ 0x80 are plain slices without a look at their bytes.
    let high = n - start;
    if (!isAscii(this.work.subarray(start, n))) {
      HIGH_BYTE.lastIndex = 0;
      high = HIGH_BYTE.exec(s)?.index ?? high;
    }
    this.high = high;
    let pos: number;
    if (start) {
      // Rare (a BOM): parse from offset 0 of a fresh copy, so string and byte offsets agree.
      this.work.copyWithin(0, start, n + 1);
      this.pending = n - start;
      pos = this.scan(s, final, rows);
    } else pos = this.scan(s, final, rows);
    const left = Math.max(0, this.pending - pos); // a final record without a newline ends at pending + 1
    if (pos > 0 && left > 0) this.work.copyWithin(0, pos, this.pending);
    this.pending = left;
    this.retryAt = pos === 0 && !final ? left * 2 : 0;
    return rows;
  }

  /** Appends the complete records of `s` to `rows`; returns the offset after the last one. */
  private scan(s: string, final: boolean, rows: T[][]): number {
    const n = s.length;
    const u = this.work; // typed-array loads are cheaper than charCodeAt on a string of unknown shape
    const words = this.words;
    const convert = this.convert;
    const kinds = this.kinds;
    const width = this.width;
    let pos = 0;
    outer: while (pos < n) {
      const record: T[] = width ? new Array<T>(width) : [];
      let f = 0;
      let p = pos;
      for (;;) {
        const kind = f < kinds.length ? kinds[f] : K_CONVERT;
        let value: T;
        quoted: if (u[p] === 34 /* " */) {
          const a = p + 1;
          // Fast paths in one pass, when the field is plainly a number or a boolean and its
          // closing quote is followed by more input; anything else goes the general way below.
          if (kind === K_INTEGER || kind === K_FLOAT) {
            let i = a;
            const neg = u[i] === 45; /* - */
            if (neg) i++;
            const digits = i;
            let x = 0;
            let dot = -1;
            let c = u[i];
            for (;;) {
              const d = c - 48;
              if (d >= 0 && d <= 9) x = x * 10 + d;
              else if (c === 46 /* . */ && dot < 0) dot = i;
              else break;
              c = u[++i];
            }
            // Same acceptance as decimalAt (the sentinel quote stops the loop at the latest at n).
            if (
              c === 34 &&
              i + 1 < n &&
              u[i + 1] !== 34 &&
              i - a <= 16 &&
              i > digits &&
              dot !== digits &&
              dot !== i - 1 &&
              x < 9007199254740992 &&
              (dot < 0 || kind === K_FLOAT)
            ) {
              const r = dot < 0 ? x : x / POW10[i - dot - 1];
              value = (neg ? (r === 0 ? -0 : -r) : r) as T;
              p = i + 1;
              break quoted;
            }
          } else if (kind === K_BOOLEAN && a + 5 < n) {
            if (u[a] === 116 && u[a + 1] === 114 && u[a + 2] === 117 && u[a + 3] === 101 && u[a + 4] === 34 && u[a + 5] !== 34) {
              value = true as T;
              p = a + 5;
              break quoted;
            }
            if (
              a + 6 < n &&
              u[a] === 102 &&
              u[a + 1] === 97 &&
              u[a + 2] === 108 &&
              u[a + 3] === 115 &&
              u[a + 4] === 101 &&
              u[a + 5] === 34 &&
              u[a + 6] !== 34
            ) {
              value = false as T;
              p = a + 6;
              break quoted;
            }
          }
          const q = LITTLE_ENDIAN ? quoteAt(words, a) : quoteAtBytes(u, a);
          if (q >= n || (q + 1 === n && !final)) break outer; // need more input
          if (q + 1 === n || u[q + 1] !== 34) {
            // Common case: no doubled quote inside.
            p = q + 1;
            if (kind === K_TEXT) value = this.textAt(s, a, q) as T;
            else if (kind === K_INTEGER) {
              const x = decimalAt(u, a, q);
              value = (x === Math.floor(x) ? x : convert(f, this.textAt(s, a, q))) as T;
            } else if (kind === K_FLOAT) {
              const x = decimalAt(u, a, q);
              value = (x === x ? x : convert(f, this.textAt(s, a, q))) as T;
            } else if (kind === K_BOOLEAN) {
              const len = q - a;
              if (len === 4 && u[a] === 116 && u[a + 1] === 114 && u[a + 2] === 117 && u[a + 3] === 101) value = true as T;
              else if (len === 5 && u[a] === 102 && u[a + 1] === 97 && u[a + 2] === 108 && u[a + 3] === 115 && u[a + 4] === 101)
                value = false as T;
              else value = convert(f, this.textAt(s, a, q));
            } else value = convert(f, this.textAt(s, a, q));
          } else {
            let acc = this.textAt(s, a, q + 1);
            let start = q + 2;
            for (;;) {
              const r = s.indexOf('"', start);
              if (r < 0 || (r + 1 === n && !final)) break outer;
              if (r + 1 < n && u[r + 1] === 34) {
                acc += this.textAt(s, start, r + 1);
                start = r + 2;
                continue;
              }
              acc += this.textAt(s, start, r);
              p = r + 1;
              break;
            }
            value = kind === K_TEXT ? (acc as T) : convert(f, acc);
          }
        } else {
          const e = unquotedFieldEnd(u, p, n);
          if (e === n && !final) break outer;
          const b = e > p && u[e - 1] === 13 /* \r */ ? e - 1 : e;
          if (b === p) value = kind === K_CONVERT ? convert(f, null) : (null as T);
          else {
            const text = this.textAt(s, p, b);
            value = kind === K_TEXT ? (text as T) : convert(f, text);
          }
          p = e;
        }
        record[f] = value;
        f++;
        const c = u[p];
        if (c === 44) {
          p++;
          if (p === n && !final) break outer;
          if (p === n) {
            const k = f < kinds.length ? kinds[f] : K_CONVERT;
            record[f] = k === K_CONVERT ? convert(f, null) : (null as T);
            f++;
            break;
          }
          continue;
        }
        if (c === 13 /* \r */ && u[p + 1] === 10) p++;
        else if (c === 13 && p + 1 === n && !final) break outer;
        if (p < n && u[p] !== 10) {
          throw new Error(`Malformed Athena CSV in record ${this.record}: unexpected character after a quoted field`);
        }
        p++;
        break;
      }
      if (f < record.length) record.length = f; // a short record: report its real width
      if (!this.width) this.width = f;
      rows.push(record);
      this.record++;
      pos = p;
    }
    return pos;
  }
}

/** Writes one record in Athena's CSV dialect (used by the loopback server and tests). */
export function formatAthenaCsvRecord(fields: readonly CsvField[]): string {
  let out = '';
  for (let i = 0; i < fields.length; i++) {
    if (i) out += ',';
    const v = fields[i];
    if (v !== null) out += '"' + (v.includes('"') ? v.replace(/"/g, '""') : v) + '"';
  }
  return out + '\n';
}
