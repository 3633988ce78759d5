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
type ColumnReader = (chunk: DuckDBDataChunk, col: number, rows: Row[], n: number) => void;

// DuckDBTypeId values (stable C API numbers; mirrored here so this file needs no runtime import).
const T = {
  BOOLEAN: 1, TINYINT: 2, SMALLINT: 3, INTEGER: 4, BIGINT: 5, UTINYINT: 6, USMALLINT: 7, UINTEGER: 8, UBIGINT: 9,
  FLOAT: 10, DOUBLE: 11, TIMESTAMP: 12, DATE: 13, TIME: 14, INTERVAL: 15, HUGEINT: 16, VARCHAR: 17, BLOB: 18,
  DECIMAL: 19, TIMESTAMP_S: 20, TIMESTAMP_MS: 21, TIMESTAMP_NS: 22, ENUM: 23, LIST: 24, STRUCT: 25, MAP: 26,
  UUID: 27, UNION: 28, BIT: 29, TIME_TZ: 30, TIMESTAMP_TZ: 31, UHUGEINT: 32, ARRAY: 33, BIGNUM: 35, SQLNULL: 36,
  TIME_NS: 39, VARIANT: 41,
} as const;

export function columnFamily(type: DuckDBType, alias?: string): ColumnFamily {
  if (alias?.toUpperCase() === 'JSON') return 'json';
  switch (type.typeId) {
    case T.TINYINT: case T.SMALLINT: case T.INTEGER: case T.BIGINT: case T.UTINYINT: case T.USMALLINT:
    case T.UINTEGER: case T.UBIGINT: case T.HUGEINT: case T.UHUGEINT: case T.BIGNUM:
      return 'integer';
    case T.FLOAT: case T.DOUBLE:
      return 'float';
    case T.DECIMAL:
      return 'decimal';
    case T.BOOLEAN:
      return 'boolean';
    case T.VARCHAR: case T.UUID: case T.ENUM: case T.BIT:
      return 'string';
    case T.DATE:
      return 'date';
    case T.TIMESTAMP: case T.TIMESTAMP_S: case T.TIMESTAMP_MS: case T.TIMESTAMP_NS: case T.TIMESTAMP_TZ:
      return 'timestamp';
    case T.LIST: case T.STRUCT: case T.MAP: case T.ARRAY: case T.UNION: case T.VARIANT:
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

const secondTextCache: string[] = [];
function secondText(second: number): string {
  return secondTextCache[second] ??= formatSecondOfDay(second);
}

/** DuckDB prints fractions with trailing zeros removed: `.12`, `.000001`. */
function fractionText(micros: number): string {
  if (micros === 0) return '';
  let text = String(micros + 1_000_000).slice(1);
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--;
  return '.' + text.slice(0, end);
}

/** Formats micro-seconds since the epoch (exact in a double for years ~1700–2250 and well beyond). */
export function formatTimestampMicros(micros: number): string {
  const day = Math.floor(micros / MICROS_PER_DAY);
  const microsOfDay = micros - day * MICROS_PER_DAY;
  const second = Math.floor(microsOfDay / 1_000_000);
  return formatEpochDay(day) + ' ' + secondText(second) + fractionText(microsOfDay - second * 1_000_000);
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

function decimalText(unscaled: number, scale: number, pow: number): string {
  if (scale === 0) return String(unscaled);
  const negative = unscaled < 0;
  const abs = negative ? -unscaled : unscaled;
  const frac = abs % pow;
  const int = (abs - frac) / pow;
  return (negative ? '-' : '') + int + '.' + String(frac + pow).slice(1);
}

function bigDecimalText(unscaled: bigint, scale: number): string {
  if (scale === 0) return unscaled.toString();
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return (negative ? '-' : '') + digits.slice(0, digits.length - scale) + '.' + digits.slice(digits.length - scale);
}

/** Builds the reader for one result column. */
export type { ColumnReader };
export function columnReader(api: NodeApi, b: BindingsModule, type: DuckDBType): ColumnReader {
  const valid = (v: Uint8Array | null, r: number): boolean => v === null || (v[r >> 3] & (1 << (r & 7))) !== 0;

  /** Fixed-width reader over a typed-array view of the vector data. */
  function fixed<A extends ArrayBufferView>(width: number, view: (buf: ArrayBuffer, off: number, len: number) => A, read: (a: A, r: number) => CellValue): ColumnReader {
    return (chunk, col, rows, n) => {
      const vector = b.data_chunk_get_vector(chunk.chunk, col);
      const data = b.vector_get_data(vector, n * width);
      const validity = validityOf(b, vector, n);
      const a = view(data.buffer as ArrayBuffer, data.byteOffset, n * width);
      for (let r = 0; r < n; r++) rows[r][col] = valid(validity, r) ? read(a, r) : null;
    };
  }
  const i64 = (buf: ArrayBuffer, off: number, len: number) => new Int32Array(buf, off, len / 4);
  const u64 = (buf: ArrayBuffer, off: number, len: number) => new Uint32Array(buf, off, len / 4);

  /** 64-bit signed column: `onSafe` gets the exact double, `onWide` the raw halves. */
  function int64Column(onSafe: (x: number) => CellValue, onWide: (hi: number, lo: number) => CellValue): ColumnReader {
    return fixed(8, i64, (a, r) => {
      const lo = a[2 * r] >>> 0;
      const hi = a[2 * r + 1];
      return hi < MAX_SAFE_HI && hi >= -MAX_SAFE_HI ? onSafe(hi * TWO_32 + lo) : onWide(hi, lo);
    });
  }

  /** Values through node-api's own vector reader, converted per cell. */
  function generic(convert: (value: DuckDBValue) => CellValue): ColumnReader {
    return (chunk, col, rows, n) => {
      const vector = chunk.getColumnVector(col);
      for (let r = 0; r < n; r++) {
        const value = vector.getItem(r);
        rows[r][col] = value === null ? null : convert(value);
      }
    };
  }

  const jsonOf = (converted: unknown): string => JSON.stringify(converted);
  const nested = (): ColumnReader => (chunk, col, rows, n) => {
    const values = chunk.convertColumnValues(col, api.JsonDuckDBValueConverter);
    for (let r = 0; r < n; r++) rows[r][col] = values[r] === null ? null : jsonOf(values[r]);
  };

  switch (type.typeId) {
    case T.BOOLEAN:
      return fixed(1, (buf, off, len) => new Uint8Array(buf, off, len), (a, r) => a[r] !== 0);
    case T.TINYINT:
      return fixed(1, (buf, off, len) => new Int8Array(buf, off, len), (a, r) => a[r]);
    case T.UTINYINT:
      return fixed(1, (buf, off, len) => new Uint8Array(buf, off, len), (a, r) => a[r]);
    case T.SMALLINT:
      return fixed(2, (buf, off, len) => new Int16Array(buf, off, len / 2), (a, r) => a[r]);
    case T.USMALLINT:
      return fixed(2, (buf, off, len) => new Uint16Array(buf, off, len / 2), (a, r) => a[r]);
    case T.INTEGER:
      return fixed(4, (buf, off, len) => new Int32Array(buf, off, len / 4), (a, r) => a[r]);
    case T.UINTEGER:
      return fixed(4, (buf, off, len) => new Uint32Array(buf, off, len / 4), (a, r) => a[r]);
    case T.BIGINT:
      return int64Column((x) => x, int64Text);
    case T.UBIGINT:
      return fixed(8, u64, (a, r) => {
        const lo = a[2 * r];
        const hi = a[2 * r + 1];
        return hi < MAX_SAFE_HI ? hi * TWO_32 + lo : uint64Text(hi, lo);
      });
    case T.HUGEINT: case T.UHUGEINT: case T.BIGNUM:
      return generic((v) => {
        const big = v as bigint;
        return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : big.toString();
      });
    case T.DOUBLE:
      return fixed(8, (buf, off, len) => new Float64Array(buf, off, len / 8), (a, r) => {
        const x = a[r];
        return x - x === 0 ? x : formatDoubleSpecial(x);
      });
    case T.FLOAT:
      return fixed(4, (buf, off, len) => new Float32Array(buf, off, len / 4), (a, r) => shortestFloat32(a[r]));
    case T.DATE:
      return fixed(4, (buf, off, len) => new Int32Array(buf, off, len / 4), (a, r) => {
        const day = a[r];
        return day >= MIN_FAST_DAY && day <= MAX_FAST_DAY ? formatEpochDay(day) : new api.DuckDBDateValue(day).toString();
      });
    case T.TIMESTAMP: case T.TIMESTAMP_S: case T.TIMESTAMP_MS: case T.TIMESTAMP_TZ: {
      const perUnit = type.typeId === T.TIMESTAMP_S ? 1_000_000 : type.typeId === T.TIMESTAMP_MS ? 1000 : 1;
      const suffix = type.typeId === T.TIMESTAMP_TZ ? '+00' : '';
      const fallback = (hi: number, lo: number): string => {
        const raw64 = (BigInt(hi) << 32n) | BigInt(lo);
        const text = type.typeId === T.TIMESTAMP_S ? new api.DuckDBTimestampSecondsValue(raw64).toString()
          : type.typeId === T.TIMESTAMP_MS ? new api.DuckDBTimestampMillisecondsValue(raw64).toString()
          : new api.DuckDBTimestampValue(raw64).toString();
        return /^-?infinity$/.test(text) ? text : text + suffix;
      };
      const minFast = MIN_FAST_DAY * MICROS_PER_DAY;
      const maxFast = (MAX_FAST_DAY + 1) * MICROS_PER_DAY;
      return int64Column((x) => {
        const micros = x * perUnit;
        return micros >= minFast && micros < maxFast && Number.isSafeInteger(micros) ? formatTimestampMicros(micros) + suffix : fallback(Math.floor(x / TWO_32), ((x % TWO_32) + TWO_32) % TWO_32);
      }, fallback);
    }
    case T.TIMESTAMP_NS:
      return generic((v) => String(v));
    case T.DECIMAL: {
      const { width, scale } = type as unknown as { width: number; scale: number };
      const pow = 10 ** scale;
      if (width <= 4) return fixed(2, (buf, off, len) => new Int16Array(buf, off, len / 2), (a, r) => decimalText(a[r], scale, pow));
      if (width <= 9) return fixed(4, (buf, off, len) => new Int32Array(buf, off, len / 4), (a, r) => decimalText(a[r], scale, pow));
      if (width <= 18) {
        return int64Column((x) => decimalText(x, scale, pow), (hi, lo) => bigDecimalText((BigInt(hi) << 32n) | BigInt(lo), scale));
      }
      return generic((v) => String(v));
    }
    case T.BLOB:
      return generic((v) => hexOfBytes((v as InstanceType<NodeApi['DuckDBBlobValue']>).bytes));
    case T.LIST: case T.STRUCT: case T.MAP: case T.ARRAY: case T.UNION: case T.VARIANT:
      return nested();
    case T.VARCHAR:
      return generic((v) => v as string);
    case T.SQLNULL:
      return (_chunk, col, rows, n) => {
        for (let r = 0; r < n; r++) rows[r][col] = null;
      };
    default:
      // UUID, ENUM, TIME, TIME_TZ, TIME_NS, INTERVAL, BIT: node-api's text matches DuckDB's.
      return generic((v) => String(v));
  }
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
