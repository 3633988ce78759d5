// A cheap estimate of the heap a page of rows takes, so the row store can stop before a huge
// result exhausts the extension host's memory (which would take every extension down with it).
// Sampled, not exact: a few rows per page are measured and scaled to the page.
import type { Row } from '../engines/engine';

const SAMPLES = 16;
/** 64-bit V8 without pointer compression (Node): a JSArray plus its FixedArray of tagged slots,
 * a HeapNumber for non-small numbers, a sequential string's header; objects 8-byte aligned. */
const ARRAY_BYTES = 32 + 16;
const SLOT_BYTES = 8;
const NUMBER_BYTES = 16;
const STRING_BYTES = 24;

const align = (n: number) => (n + 7) & ~7;

function rowBytes(row: Row): number {
  let bytes = ARRAY_BYTES + SLOT_BYTES * row.length;
  for (const v of row) {
    if (typeof v === 'string') bytes += align(STRING_BYTES + v.length * (isOneByte(v) ? 1 : 2));
    else if (typeof v === 'number' && (v | 0) !== v) bytes += NUMBER_BYTES;
  }
  return bytes;
}

function isOneByte(s: string): boolean {
  for (let i = 0; i < s.length; i += 64) if (s.charCodeAt(i) > 255) return false;
  return true;
}

/** Estimated bytes held by `rows`. */
export function estimateRowsBytes(rows: readonly Row[]): number {
  const n = rows.length;
  if (n <= SAMPLES) return rows.reduce((sum, row) => sum + rowBytes(row), 0);
  let sampled = 0;
  const step = n / SAMPLES;
  for (let k = 0; k < SAMPLES; k++) sampled += rowBytes(rows[Math.floor(k * step)]);
  return Math.round((sampled / SAMPLES) * n);
}
