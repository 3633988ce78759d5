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
    case 'tinyint': case 'smallint': case 'integer': case 'int': case 'bigint': return 'integer';
    case 'double': case 'float': case 'real': return 'float';
    case 'decimal': return 'decimal';
    case 'boolean': return 'boolean';
    case 'varchar': case 'char': case 'string': return 'string';
    case 'date': return 'date';
    case 'timestamp': case 'timestamp with time zone': case 'time': case 'time with time zone': return 'timestamp';
    case 'json': case 'array': case 'map': case 'row': case 'struct': return 'json';
    case 'varbinary': case 'binary': return 'binary';
    default: return 'other';
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

function toInteger(v: string | null): CellValue {
  if (v === null) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}

function toFloat(v: string | null): CellValue {
  if (v === null) return null;
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

export function converterFor(column: ColumnInfo): Converter {
  switch (column.family) {
    case 'integer': return toInteger;
    case 'float': return toFloat;
    case 'boolean': return toBoolean;
    default: return asText;
  }
}
