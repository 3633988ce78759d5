// JSON lines: one object per row, keys = column names (made unique). Values keep their types:
// numbers and booleans as JSON numbers/booleans, integers and decimals that travel as text
// (beyond 2^53, exact decimals) as exact JSON number literals, `json` columns embedded as JSON,
// NULL as null, everything else (timestamps, dates, binary) as strings.
import type { CellValue, ColumnFamily } from '../../engines/engine';
import { mapRows, writeAtomically, writeLines, type RowsOrPages } from './atomicFile';
import { uniqueNames, type ExportOptions, type ExportSource } from './source';

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

export function jsonValue(family: ColumnFamily, value: CellValue | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value));
  if (family === 'integer' && INTEGER.test(value)) return value.replace(/^(-?)0+(?=\d)/, '$1');
  if ((family === 'decimal' || family === 'float') && DECIMAL.test(value)) return value.replace(/^(-?)0+(?=\d)/, '$1');
  if (family === 'boolean' && /^(true|false)$/i.test(value)) return value.toLowerCase();
  if (family === 'json' && isJson(value)) {
    // Raw CR/LF in valid JSON can only be whitespace between tokens (strings escape them).
    return value.replace(/[\r\n]+/g, ' ');
  }
  return JSON.stringify(value);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function lines(source: ExportSource, signal?: AbortSignal): RowsOrPages<string> {
  const keys = uniqueNames(source.columns).map((n) => JSON.stringify(n));
  const families = source.columns.map((c) => c.family);
  return mapRows(source.rows(signal), (row) => {
    let line = '{';
    for (let c = 0; c < keys.length; c++) {
      if (c) line += ',';
      line += keys[c] + ':' + jsonValue(families[c], row[c]);
    }
    return line + '}\n';
  });
}

export function exportJsonl(source: ExportSource, target: string, options: ExportOptions = {}): Promise<number> {
  return writeAtomically(target, (temp) => writeLines(temp, undefined, lines(source, options.signal), source.rowCount, options));
}
