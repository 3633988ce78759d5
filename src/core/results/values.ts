// How a cell reads as text (grid, filter, TSV) and how two cells of one column family order.
import type { CellValue, ColumnFamily } from '../engines/engine';

export const NULL_TEXT = 'NULL';

/** The text the grid shows for a value. NULL is shown as `NULL` (styled apart in the grid). */
export function displayText(value: CellValue): string {
  if (value === null) return NULL_TEXT;
  return typeof value === 'string' ? value : String(value);
}

/** Compares two decimal literals such as `-12.50` and `3` exactly (no float rounding). Inputs
 * that are not plain decimals fall back to Number comparison. */
export function compareDecimalText(a: string, b: string): number {
  const pa = parseDecimal(a);
  const pb = parseDecimal(b);
  if (!pa || !pb) return compareNumbers(Number(a), Number(b));
  if (pa.negative !== pb.negative) {
    if (pa.zero && pb.zero) return 0;
    return pa.negative ? -1 : 1;
  }
  const magnitude = compareMagnitude(pa, pb);
  return pa.negative ? -magnitude : magnitude;
}

interface Decimal {
  negative: boolean;
  int: string;
  frac: string;
  zero: boolean;
}

function parseDecimal(text: string): Decimal | undefined {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const int = m[2].replace(/^0+/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  return { negative: m[1] === '-', int, frac, zero: int === '' && frac === '' };
}

function compareMagnitude(a: Decimal, b: Decimal): number {
  if (a.int.length !== b.int.length) return a.int.length < b.int.length ? -1 : 1;
  if (a.int !== b.int) return a.int < b.int ? -1 : 1;
  if (a.frac === b.frac) return 0;
  return a.frac < b.frac ? -1 : 1; // trailing zeros stripped, so lexical order is numeric order
}

/** Numbers in ascending order with NaN after every number (as PostgreSQL and DuckDB sort it). */
export function compareNumbers(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toBoolean(v: CellValue): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v ? 1 : 0;
  return /^(t|true|1|yes|y)$/i.test(String(v)) ? 1 : 0;
}

/** Sort keys for one column: values converted once so the comparator stays cheap on 1M rows. */
export type SortKey = number | bigint | string;

export function sortKeyFor(family: ColumnFamily, value: Exclude<CellValue, null>): SortKey {
  switch (family) {
    case 'integer':
      if (typeof value === 'number') return value;
      try {
        return BigInt(String(value).trim());
      } catch {
        return Number(value);
      }
    case 'float':
      return typeof value === 'number' ? value : Number(value);
    case 'boolean':
      return toBoolean(value);
    case 'decimal':
      return typeof value === 'number' ? String(value) : value.toString();
    default:
      return displayText(value);
  }
}

export function compareKeys(family: ColumnFamily, a: SortKey, b: SortKey): number {
  if (family === 'decimal') return compareDecimalText(String(a), String(b));
  if (typeof a === 'string' || typeof b === 'string') {
    if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
    return compareNumbers(Number(a), Number(b));
  }
  if (typeof a === 'number' && typeof b === 'number') return compareNumbers(a, b);
  // integer columns mixing JS numbers and bigints (values beyond 2^53 travel as text)
  if (typeof a === 'number' && Number.isNaN(a)) return typeof b === 'number' && Number.isNaN(b) ? 0 : 1;
  if (typeof b === 'number' && Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
