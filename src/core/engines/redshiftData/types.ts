// Redshift Data API ColumnMetadata.typeName → grid families, and Field union → CellValue.
import type { CellValue, ColumnFamily, ColumnInfo } from '../engine';

export interface RedshiftColumnMeta {
  name?: string;
  label?: string;
  typeName?: string;
  precision?: number;
  scale?: number;
}

export interface RedshiftField {
  isNull?: boolean;
  booleanValue?: boolean;
  longValue?: number;
  doubleValue?: number;
  stringValue?: string;
  blobValue?: Uint8Array;
}

export function redshiftFamily(typeName: string): ColumnFamily {
  const t = typeName.toLowerCase();
  if (/^(int2|int4|int8|smallint|integer|bigint|oid)$/.test(t)) return 'integer';
  if (/^(float4|float8|real|float|double precision)$/.test(t)) return 'float';
  if (/^(numeric|decimal)$/.test(t)) return 'decimal';
  if (/^(bool|boolean)$/.test(t)) return 'boolean';
  if (/^(varchar|bpchar|char|character|character varying|text|name|nvarchar|nchar)$/.test(t)) return 'string';
  if (t === 'date') return 'date';
  if (/^(timestamp|timestamptz|time|timetz|timestamp with(out)? time zone)$/.test(t)) return 'timestamp';
  if (/^(super|json|jsonb)$/.test(t)) return 'json';
  if (/^(varbyte|bytea|binary varying|varbinary)$/.test(t)) return 'binary';
  return 'other';
}

export function redshiftColumns(meta: readonly RedshiftColumnMeta[]): ColumnInfo[] {
  return meta.map((c, i) => {
    const typeName = c.typeName ?? 'unknown';
    const family = redshiftFamily(typeName);
    const type = family === 'decimal' && c.precision ? `${typeName}(${c.precision},${c.scale ?? 0})` : typeName;
    return { name: c.label || c.name || `?column${i}?`, type, family };
  });
}

export function fieldValue(f: RedshiftField): CellValue {
  if (f.isNull) return null;
  if (f.stringValue !== undefined) return f.stringValue;
  if (f.longValue !== undefined) return f.longValue;
  if (f.doubleValue !== undefined) return f.doubleValue;
  if (f.booleanValue !== undefined) return f.booleanValue;
  if (f.blobValue !== undefined) return '\\x' + Buffer.from(f.blobValue).toString('hex');
  return null;
}
