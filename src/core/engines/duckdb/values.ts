// DuckDB result chunks → grid rows. Fixed-width columns are read straight from the vector's
// memory (typed-array views, validity bits) to avoid a JS value object per cell; everything else
// goes through @duckdb/node-api's own vector readers. Mapping (see docs/decisions.md):
// integers within ±2^53 → number, wider → decimal string; DECIMAL → exact string; DOUBLE/FLOAT →
// number (NaN/±Infinity as strings); DATE `YYYY-MM-DD`; TIMESTAMP `YYYY-MM-DD HH:MM:SS[.ffffff]`
// (fraction trimmed like DuckDB prints it); TIMESTAMPTZ the same in UTC plus `+00`; nested types
// as JSON text; BLOB as lower-case hex; BOOLEAN as boolean.
import type * as Bindings from '@duckdb/node-bindings';
import type { DuckDBDataChunk, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import type { CellValue, ColumnFamily, Row } from '../engine';
import { formatEpochDay, formatSecondOfDay } from '../../events/timestamps';

type NodeApi = typeof import('@duckdb/node-api');
type BindingsModule = typeof Bindings;

/** Fills column `col` of `rows[0..n)` from one chunk vector. */
export type ColumnReader = (chunk: DuckDBDataChunk, col: number, rows: Row[], n: number) => void;

// DuckDBTypeId values (stable C API numbers; mirrored here so this file needs no runtime import).
const T = {
  BOOLEAN: 1,
  TINYINT: 2,
  SMALLINT: 3,
  INTEGER: 4,
  BIGINT: 5,
  UTINYINT: 6,
  USMALLINT: 7,
  UINTEGER: 8,
  UBIGINT: 9,
  FLOAT: 10,
  DOUBLE: 11,
  TIMESTAMP: 12,
  DATE: 13,
  TIME: 14,
  INTERVAL: 15,
  HUGEINT: 16,
  VARCHAR: 17,
  BLOB: 18,
  DECIMAL: 19,
  TIMESTAMP_S: 20,
  TIMESTAMP_MS: 21,
  TIMESTAMP_NS: 22,
  ENUM: 23,
  LIST: 24,
  STRUCT: 25,
  MAP: 26,
  UUID: 27,
  UNION: 28,
  BIT: 29,
  TIME_TZ: 30,
  TIMESTAMP_TZ: 31,
  UHUGEINT: 32,
  ARRAY: 33,
  BIGNUM: 35,
  SQLNULL: 36,
  TIME_NS: 39,
  VARIANT: 41,
} as const;

export function columnFamily(type: DuckDBType, alias?: string): ColumnFamily {
  if (alias?.toUpperCase() === 'JSON') return 'json';
  switch (type.typeId) {
    case T.TINYINT:
    case T.SMALLINT:
    case T.INTEGER:
    case T.BIGINT:
    case T.UTINYINT:
    case T.USMALLINT:
    case T.UINTEGER:
    case T.UBIGINT:
    case T.HUGEINT:
    case T.UHUGEINT:
    case T.BIGNUM:
      return 'integer';
    case T.FLOAT:
    case T.DOUBLE:
      return 'float';
    case T.DECIMAL:
      return 'decimal';
    case T.BOOLEAN:
      return 'boolean';
    case T.VARCHAR:
    case T.UUID:
    case T.ENUM:
    case T.BIT:
      return 'string';
    case T.DATE:
      return 'date';
    case T.TIMESTAMP:
    case T.TIMESTAMP_S:
    case T.TIMESTAMP_MS:
    case T.TIMESTAMP_NS:
    case T.TIMESTAMP_TZ:
      return 'timestamp';
    case T.LIST:
    case T.STRUCT:
    case T.MAP:
    case T.ARRAY:
    case T.UNION:
    case T.VARIANT:
      return 'json';
    case T.BLOB:
      return 'binary';
    default:
      return 'other';
  }
}

const TWO_32 = 4294967296;
const MICROS_PER_DAY = 86_400_000_000;
const MAX_SAFE_HI = 0x200000; // |hi| < 2^21 ⇔ |value| < 2^53

/** Exact integer text of a 64-bit two's-complement value given as (hi signed, lo unsigned). */
function int64Text(hi: number, lo: number): string {
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}

function uint64Text(hi: number, lo: number): string {
  return ((BigInt(hi >>> 0) << 32n) | BigInt(lo)).toString();
}

function validityOf(b: BindingsModule, vector: Bindings.Vector, n: number): Uint8Array | null {
  return b.vector_get_validity(vector, Math.ceil(n / 64) * 8);
}

const pad3 = (n: number): string => (n < 10 ? '00' + n : n < 100 ? '0' + n : String(n));
const range1000 = Array.from({ length: 1000 }, (_, i) => i);
/** `.mmm` with trailing zeros trimmed, for whole milliseconds (`.12` for 120). */
const MILLIS_TEXT = range1000.map((i) => (i === 0 ? '' : '.' + pad3(i).replace(/0+$/, '')));
/** `.mmm` untrimmed, when micro-seconds follow. */
const MILLIS_FULL = range1000.map((i) => '.' + pad3(i));
/** The last three micro-second digits, trailing zeros trimmed. */
const MICROS_TAIL = range1000.map((i) => pad3(i).replace(/0+$/, ''));

/** `YYYY-MM-DD ` (with the space) per epoch day, array-backed for 1970–2149 (the common case). */
const DAY_SPACE: string[] = new Array(65536);
function daySpace(day: number): string {
  if (day >= 0 && day < 65536) return (DAY_SPACE[day] ??= formatEpochDay(day) + ' ');
  return formatEpochDay(day) + ' ';
}
const DAY_TEXT: string[] = new Array(65536);
function dayText(day: number): string {
  if (day >= 0 && day < 65536) return (DAY_TEXT[day] ??= formatEpochDay(day));
  return formatEpochDay(day);
}
const SECOND_TEXT: string[] = Array.from({ length: 86400 }, (_, i) => formatSecondOfDay(i));

/** DuckDB prints fractions with trailing zeros removed: `.12`, `.000001`. */
function fractionText(micros: number): string {
  const lo = micros % 1000;
  const ms = (micros - lo) / 1000;
  return lo === 0 ? MILLIS_TEXT[ms] : MILLIS_FULL[ms] + MICROS_TAIL[lo];
}

/** Formats micro-seconds since the epoch (exact in a double for years ~1700–2250 and well beyond). */
export function formatTimestampMicros(micros: number): string {
  const day = Math.floor(micros / MICROS_PER_DAY);
  const microsOfDay = micros - day * MICROS_PER_DAY;
  const second = Math.floor(microsOfDay / 1_000_000);
  return daySpace(day) + SECOND_TEXT[second] + fractionText(microsOfDay - second * 1_000_000);
}

// Years 0001–9999 only; outside that (BC dates, ±infinity) DuckDB's own text is used.
const MIN_FAST_DAY = -719162; // 0001-01-01
const MAX_FAST_DAY = 2932896; // 9999-12-31

function formatDoubleSpecial(x: number): CellValue {
  return Number.isFinite(x) ? x : Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

function shortestFloat32(x: number): CellValue {
  if (!Number.isFinite(x)) return formatDoubleSpecial(x);
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(x.toPrecision(p));
    if (Math.fround(candidate) === x) return candidate;
  }
  return x;
}

function hexOfBytes(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** `.ff…` for every fraction of scales 1–4 (10,000 strings at most), built on first use. */
const FRACTION_TEXT: string[][] = [];
function fractionTable(scale: number, pow: number): string[] | undefined {
  if (scale < 1 || scale > 4) return undefined;
  return (FRACTION_TEXT[scale] ??= Array.from({ length: pow }, (_, i) => '.' + String(i + pow).slice(1)));
}

function decimalText(unscaled: number, scale: number, pow: number): string {
  if (scale === 0) return String(unscaled);
  const negative = unscaled < 0;
  const abs = negative ? -unscaled : unscaled;
  const frac = abs % pow;
  const int = (abs - frac) / pow;
  const table = fractionTable(scale, pow);
  const fraction = table !== undefined ? table[frac] : '.' + String(frac + pow).slice(1);
  return negative ? '-' + int + fraction : int + fraction;
}

function bigDecimalText(unscaled: bigint, scale: number): string {
  if (scale === 0) return unscaled.toString();
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return (negative ? '-' : '') + digits.slice(0, digits.length - scale) + '.' + digits.slice(digits.length - scale);
}

/** Raw memory of one chunk vector: its data bytes and validity bitmap (null = no NULLs). */
function rawVector(
  b: BindingsModule,
  chunk: DuckDBDataChunk,
  col: number,
  n: number,
  width: number,
): { data: Uint8Array; validity: Uint8Array | null } {
  const vector = b.data_chunk_get_vector(chunk.chunk, col);
  return { data: b.vector_get_data(vector, n * width), validity: validityOf(b, vector, n) };
}

const isNull = (validity: Uint8Array | null, r: number): boolean => validity !== null && (validity[r >> 3] & (1 << (r & 7))) === 0;

// One function per physical type, each with its own loop: a shared loop calling a per-type
// callback turns megamorphic in V8 and costs more than the conversion itself.

function smallIntColumn(b: BindingsModule, width: 1 | 2 | 4, signed: boolean): ColumnReader {
  return (chunk, col, rows, n) => {
    const { data, validity } = rawVector(b, chunk, col, n, width);
    const a =
      width === 1
        ? signed
          ? new Int8Array(data.buffer, data.byteOffset, n)
          : new Uint8Array(data.buffer, data.byteOffset, n)
        : width === 2
          ? signed
            ? new Int16Array(data.buffer, data.byteOffset, n)
            : new Uint16Array(data.buffer, data.byteOffset, n)
          : signed
            ? new Int32Array(data.buffer, data.byteOffset, n)
            : new Uint32Array(data.buffer, data.byteOffset, n);
    for (let r = 0; r < n; r++) rows[r][col] = isNull(validity, r) ? null : a[r];
  };
}

function booleanColumn(b: BindingsModule): ColumnReader {
  return (chunk, col, rows, n) => {
    const { data, validity } = rawVector(b, chunk, col, n, 1);
    for (let r = 0; r < n; r++) rows[r][col] = isNull(validity, r) ? null : data[r] !== 0;
  };
}

function bigintColumn(b: BindingsModule): ColumnReader {
  return (chunk, col, rows, n) => {
    const { data, validity } = rawVector(b, chunk, col, n, 8);
    const a = new Int32Array(data.buffer, data.byteOffset, n * 2);
    for (let r = 0; r < n; r++) {
      if (isNull(validity, r)) {
        rows[r][col] = null;
        continue;
      }
      const lo = a[2 * r] >>> 0;
      const hi = a[2 * r + 1];
      rows[r][col] = hi < MAX_SAFE_HI && hi >= -MAX_SAFE_HI ? hi * TWO_32 + lo : int64Text(hi, lo);
    }
  };
}

function ubigintColumn(b: BindingsModule): ColumnReader {
  return (chunk, col, rows, n) => {
    const { data, validity } = rawVector(b, chunk, col, n, 8);
    const a = new Uint32Array(data.buffer, data.byteOffset, n * 2);
    for (let r = 0; r < n; r++) {
      if (isNull(validity, r)) {
        rows[r][col] = null;
        continue;
      }
      const lo = a[2 * r];
      const hi = a[2 * r + 1];
      rows[r][col] = hi < MAX_SAFE_HI ? hi * TWO_32 + lo : uint64Text(hi, lo);
    }
  };
}

function doubleColumn(b: BindingsModule): ColumnReader {
  return (chunk, col, rows, n) => {
    const { data, validity } = rawVector(b, chunk, col, n, 8);
    const a = new Float64Array(data.buffer, data.byteOffset, n);
    for (let r = 0; r < n; r++) {
      const x = a[r];
      rows[r][col] = isNull(validity, r) ? null : x - x === 0 ? x : formatDoubleSpecial(x);
    }
  };
}

function floatColumn(b: BindingsModule): ColumnReader {
  return (chunk, col, rows, n) => {
    const { data, validity } = rawVector(b, chunk, col, n, 4);
    const a = new Float32Array(data.buffer, data.byteOffset, n);
    for (let r = 0; r < n; r++) rows[r][col] = isNull(validity, r) ? null : shortestFloat32(a[r]);
  };
}

function dateColumn(api: NodeApi, b: BindingsModule): ColumnReader {
  return (chunk, col, rows, n) => {
    const { data, validity } = rawVector(b, chunk, col, n, 4);
    const a = new Int32Array(data.buffer, data.byteOffset, n);
    for (let r = 0; r < n; r++) {
      if (isNull(validity, r)) {
        rows[r][col] = null;
        continue;
      }
      const day = a[r];
      rows[r][col] = day >= MIN_FAST_DAY && day <= MAX_FAST_DAY ? dayText(day) : new api.DuckDBDateValue(day).toString();
    }
  };
}

function timestampColumn(api: NodeApi, b: BindingsModule, typeId: number): ColumnReader {
  const perUnit = typeId === T.TIMESTAMP_S ? 1_000_000 : typeId === T.TIMESTAMP_MS ? 1000 : 1;
  const suffix = typeId === T.TIMESTAMP_TZ ? '+00' : '';
  const minFast = MIN_FAST_DAY * MICROS_PER_DAY;
  const maxFast = (MAX_FAST_DAY + 1) * MICROS_PER_DAY;
  /** DuckDB's own text for values outside years 1–9999 (BC, ±infinity). */
  const slow = (raw: bigint): string => {
    const text =
      typeId === T.TIMESTAMP_S
        ? new api.DuckDBTimestampSecondsValue(raw).toString()
        : typeId === T.TIMESTAMP_MS
          ? new api.DuckDBTimestampMillisecondsValue(raw).toString()
          : new api.DuckDBTimestampValue(raw).toString();
    return /^-?infinity$/.test(text) ? text : text + suffix;
  };
  return (chunk, col, rows, n) => {
    const { data, validity } = rawVector(b, chunk, col, n, 8);
    const a = new Int32Array(data.buffer, data.byteOffset, n * 2);
    for (let r = 0; r < n; r++) {
      if (isNull(validity, r)) {
        rows[r][col] = null;
        continue;
      }
      const lo = a[2 * r] >>> 0;
      const hi = a[2 * r + 1];
      if (hi < MAX_SAFE_HI && hi >= -MAX_SAFE_HI) {
        const micros = (hi * TWO_32 + lo) * perUnit;
        if (micros >= minFast && micros < maxFast && Number.isSafeInteger(micros)) {
          rows[r][col] = formatTimestampMicros(micros) + suffix;
          continue;
        }
      }
      rows[r][col] = slow((BigInt(hi) << 32n) | BigInt(lo));
    }
  };
}

function decimalSmallColumn(b: BindingsModule, width: 2 | 4, scale: number): ColumnReader {
  const pow = 10 ** scale;
  return (chunk, col, rows, n) => {
    const { data, validity } = rawVector(b, chunk, col, n, width);
    const a = width === 2 ? new Int16Array(data.buffer, data.byteOffset, n) : new Int32Array(data.buffer, data.byteOffset, n);
    for (let r = 0; r < n; r++) rows[r][col] = isNull(validity, r) ? null : decimalText(a[r], scale, pow);
  };
}

function decimal64Column(b: BindingsModule, scale: number): ColumnReader {
  const pow = 10 ** scale;
  return (chunk, col, rows, n) => {
    const { data, validity } = rawVector(b, chunk, col, n, 8);
    const a = new Int32Array(data.buffer, data.byteOffset, n * 2);
    for (let r = 0; r < n; r++) {
      if (isNull(validity, r)) {
        rows[r][col] = null;
        continue;
      }
      const lo = a[2 * r] >>> 0;
      const hi = a[2 * r + 1];
      rows[r][col] =
        hi < MAX_SAFE_HI && hi >= -MAX_SAFE_HI
          ? decimalText(hi * TWO_32 + lo, scale, pow)
          : bigDecimalText((BigInt(hi) << 32n) | BigInt(lo), scale);
    }
  };
}

/** Values through node-api's own vector reader, converted per cell. */
function genericColumn(convert: (value: DuckDBValue) => CellValue): ColumnReader {
  return (chunk, col, rows, n) => {
    const vector = chunk.getColumnVector(col);
    for (let r = 0; r < n; r++) {
      const value = vector.getItem(r);
      rows[r][col] = value === null ? null : convert(value);
    }
  };
}

function nestedColumn(api: NodeApi): ColumnReader {
  return (chunk, col, rows, n) => {
    const values = chunk.convertColumnValues(col, api.JsonDuckDBValueConverter);
    for (let r = 0; r < n; r++) rows[r][col] = values[r] === null ? null : JSON.stringify(values[r]);
  };
}

/** Builds the reader for one result column. */
export function columnReader(api: NodeApi, b: BindingsModule, type: DuckDBType): ColumnReader {
  switch (type.typeId) {
    case T.BOOLEAN:
      return booleanColumn(b);
    case T.TINYINT:
      return smallIntColumn(b, 1, true);
    case T.UTINYINT:
      return smallIntColumn(b, 1, false);
    case T.SMALLINT:
      return smallIntColumn(b, 2, true);
    case T.USMALLINT:
      return smallIntColumn(b, 2, false);
    case T.INTEGER:
      return smallIntColumn(b, 4, true);
    case T.UINTEGER:
      return smallIntColumn(b, 4, false);
    case T.BIGINT:
      return bigintColumn(b);
    case T.UBIGINT:
      return ubigintColumn(b);
    case T.HUGEINT:
    case T.UHUGEINT:
    case T.BIGNUM:
      return genericColumn((v) => {
        const big = v as bigint;
        return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : big.toString();
      });
    case T.DOUBLE:
      return doubleColumn(b);
    case T.FLOAT:
      return floatColumn(b);
    case T.DATE:
      return dateColumn(api, b);
    case T.TIMESTAMP:
    case T.TIMESTAMP_S:
    case T.TIMESTAMP_MS:
    case T.TIMESTAMP_TZ:
      return timestampColumn(api, b, type.typeId);
    case T.DECIMAL: {
      const { width, scale } = type as unknown as { width: number; scale: number };
      if (width <= 4) return decimalSmallColumn(b, 2, scale);
      if (width <= 9) return decimalSmallColumn(b, 4, scale);
      if (width <= 18) return decimal64Column(b, scale);
      return genericColumn((v) => String(v));
    }
    case T.BLOB:
      return genericColumn((v) => hexOfBytes((v as InstanceType<NodeApi['DuckDBBlobValue']>).bytes));
    case T.LIST:
    case T.STRUCT:
    case T.MAP:
    case T.ARRAY:
    case T.UNION:
    case T.VARIANT:
      return nestedColumn(api);
    case T.VARCHAR:
      return varcharColumn(b);
    case T.SQLNULL:
      return (_chunk, col, rows, n) => {
        for (let r = 0; r < n; r++) rows[r][col] = null;
      };
    default:
      // UUID, ENUM, TIME, TIME_TZ, TIME_NS, TIMESTAMP_NS, INTERVAL, BIT: node-api's text matches DuckDB's.
      return genericColumn((v) => String(v));
  }
}

type Utf8SliceBuffer = Buffer & { utf8Slice(start: number, end: number): string };

/** Up to 12 inline bytes as text: ASCII is built directly (far cheaper than a native decode call
 * per cell); anything else goes through UTF-8 decoding. */
function inlineText(bytes: Utf8SliceBuffer, at: number, length: number): string {
  let high = 0;
  for (let i = 0; i < length; i++) high |= bytes[at + i];
  if (high >= 0x80) return bytes.utf8Slice(at, at + length);
  const c = String.fromCharCode;
  const b = bytes;
  switch (length) {
    case 0:
      return '';
    case 1:
      return c(b[at]);
    case 2:
      return c(b[at], b[at + 1]);
    case 3:
      return c(b[at], b[at + 1], b[at + 2]);
    case 4:
      return c(b[at], b[at + 1], b[at + 2], b[at + 3]);
    case 5:
      return c(b[at], b[at + 1], b[at + 2], b[at + 3], b[at + 4]);
    case 6:
      return c(b[at], b[at + 1], b[at + 2], b[at + 3], b[at + 4], b[at + 5]);
    case 7:
      return c(b[at], b[at + 1], b[at + 2], b[at + 3], b[at + 4], b[at + 5], b[at + 6]);
    case 8:
      return c(b[at], b[at + 1], b[at + 2], b[at + 3], b[at + 4], b[at + 5], b[at + 6], b[at + 7]);
    case 9:
      return c(b[at], b[at + 1], b[at + 2], b[at + 3], b[at + 4], b[at + 5], b[at + 6], b[at + 7], b[at + 8]);
    case 10:
      return c(b[at], b[at + 1], b[at + 2], b[at + 3], b[at + 4], b[at + 5], b[at + 6], b[at + 7], b[at + 8], b[at + 9]);
    case 11:
      return c(b[at], b[at + 1], b[at + 2], b[at + 3], b[at + 4], b[at + 5], b[at + 6], b[at + 7], b[at + 8], b[at + 9], b[at + 10]);
    default:
      return c(
        b[at],
        b[at + 1],
        b[at + 2],
        b[at + 3],
        b[at + 4],
        b[at + 5],
        b[at + 6],
        b[at + 7],
        b[at + 8],
        b[at + 9],
        b[at + 10],
        b[at + 11],
      );
  }
}

/** VARCHAR straight from DuckDB's 16-byte string_t slots: length, then up to 12 inline bytes or
 * (for longer strings) a pointer read through node-bindings. Decoding with Buffer's native UTF-8
 * slice avoids node-api's per-cell TextDecoder view and BigInt validity test. */
function varcharColumn(b: BindingsModule): ColumnReader {
  return (chunk, col, rows, n) => {
    const vector = b.data_chunk_get_vector(chunk.chunk, col);
    const data = b.vector_get_data(vector, n * 16);
    const validity = validityOf(b, vector, n);
    // utf8Slice is Buffer#toString('utf8', …) without its argument normalisation (Node ≥ 4).
    const bytes = Buffer.from(data.buffer, data.byteOffset, n * 16) as Utf8SliceBuffer;
    const lengths = new Uint32Array(data.buffer, data.byteOffset, n * 4);
    for (let r = 0; r < n; r++) {
      if (isNull(validity, r)) {
        rows[r][col] = null;
        continue;
      }
      const length = lengths[r * 4];
      const slot = r * 16;
      if (length <= 12) {
        rows[r][col] = inlineText(bytes, slot + 4, length);
      } else {
        const outside = b.get_data_from_pointer(data.buffer as ArrayBuffer, data.byteOffset + slot + 8, length);
        rows[r][col] = (Buffer.from(outside.buffer, outside.byteOffset, length) as Utf8SliceBuffer).utf8Slice(0, length);
      }
    }
  };
}

/** Converts a whole chunk into `n` new rows. */
export function chunkToRows(chunk: DuckDBDataChunk, readers: ColumnReader[]): Row[] {
  const n = chunk.rowCount;
  const width = readers.length;
  const rows: Row[] = new Array(n);
  for (let r = 0; r < n; r++) rows[r] = new Array<CellValue>(width);
  for (let c = 0; c < width; c++) readers[c](chunk, c, rows, n);
  return rows;
}
