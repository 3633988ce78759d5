// Athena (Trino/Presto) type names → grid families, and the text → CellValue conversion that
// both result paths (the CSV file in S3 and GetQueryResults) share, so they yield identical rows.
import type { CellValue, ColumnFamily, ColumnInfo } from '../engine';

export interface AthenaColumnMeta {
  Name?: string;
  Label?: string;
  Type?: string;
  Precision?: number;
  Scale?: number;
}

export function athenaFamily(type: string): ColumnFamily {
  const t = type.toLowerCase().replace(/\(.*$/, '').trim();
  switch (t) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'int':
    case 'bigint':
      return 'integer';
    case 'double':
    case 'float':
    case 'real':
      return 'float';
    case 'decimal':
      return 'decimal';
    case 'boolean':
      return 'boolean';
    case 'varchar':
    case 'char':
    case 'string':
      return 'string';
    case 'date':
      return 'date';
    case 'timestamp':
    case 'timestamp with time zone':
    case 'time':
    case 'time with time zone':
      return 'timestamp';
    case 'json':
    case 'array':
    case 'map':
    case 'row':
    case 'struct':
      return 'json';
    case 'varbinary':
    case 'binary':
      return 'binary';
    default:
      return 'other';
  }
}

export function athenaColumns(meta: readonly AthenaColumnMeta[]): ColumnInfo[] {
  return meta.map((c, i) => {
    const base = (c.Type ?? 'varchar').toLowerCase();
    const type = base === 'decimal' && c.Precision ? `decimal(${c.Precision},${c.Scale ?? 0})` : base;
    return { name: c.Name ?? c.Label ?? `_col${i}`, type, family: athenaFamily(base) };
  });
}

export type Converter = (text: string | null) => CellValue;

const asText: Converter = (v) => v;

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Parses plain decimal text (`-?digits(.digits)?`) exactly as Number() would, without the
 * generic string-to-double path: the integer of all digits is < 2^53 and the power of ten
 * ≤ 10^22, both exact doubles, so one correctly rounded division gives the correctly rounded
 * value (Clinger's fast path). Anything else returns undefined and goes to Number(). */
function fastDecimal(v: string): number | undefined {
  const n = v.length;
  if (n === 0 || n > 16) return undefined;
  let i = 0;
  let neg = false;
  if (v.charCodeAt(0) === 45 /* - */) {
    neg = true;
    i = 1;
  }
  const start = i;
  let x = 0;
  let dot = -1;
  for (; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c === 46 /* . */ && dot < 0) {
      dot = i;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return undefined;
    x = x * 10 + d;
  }
  if (n === start || dot === start || dot === n - 1 || x >= 2 ** 53) return undefined;
  const r = dot < 0 ? x : x / POW10[n - dot - 1];
  return neg ? (r === 0 ? -0 : -r) : r;
}

function toInteger(v: string | null): CellValue {
  if (v === null) return null;
  const fast = fastDecimal(v);
  if (fast !== undefined && Number.isInteger(fast)) return fast;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}

function toFloat(v: string | null): CellValue {
  if (v === null) return null;
  const fast = fastDecimal(v);
  if (fast !== undefined) return fast;
  const n = Number(v);
  // NaN / Infinity are not JSON-safe: keep the server's text.
  return Number.isFinite(n) ? n : v;
}

function toBoolean(v: string | null): CellValue {
  if (v === null) return null;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return v;
}

/** What the CSV parser may convert itself for this column (see FieldKind in csv.ts): exactly the
 * families whose converter is asText / toInteger / toFloat / toBoolean, so both agree. */
export function fieldKindFor(column: ColumnInfo): 'text' | 'integer' | 'float' | 'boolean' | undefined {
  const convert = converterFor(column);
  if (convert === asText) return 'text';
  if (convert === toInteger) return 'integer';
  if (convert === toFloat) return 'float';
  if (convert === toBoolean) return 'boolean';
  return undefined;
}

export function converterFor(column: ColumnInfo): Converter {
  switch (column.family) {
    case 'integer':
      return toInteger;
    case 'float':
      return toFloat;
    case 'boolean':
      return toBoolean;
    default:
      return asText;
  }
}
