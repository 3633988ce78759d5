// Parquet through DuckDB (already a dependency): the rows are streamed to a staging CSV file (flat
// memory), then DuckDB reads it back with every column as text and writes Parquet with typed
// columns via COPY ... TO (FORMAT parquet). A column whose values do not all convert cleanly to
// its typed form is kept as VARCHAR, so nothing is silently turned into NULL.
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ColumnInfo } from '../../engines/engine';
import { writeAtomically } from './atomicFile';
import { writeCsvFile } from './csv';
import { uniqueNames, type ExportOptions, type ExportSource } from './source';

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The DuckDB type a column is written as, or `decimal?` when precision/scale must be measured. */
export function parquetType(column: ColumnInfo): string {
  const t = column.type.toUpperCase();
  switch (column.family) {
    case 'integer':
      if (/UBIGINT|UINT64/.test(t)) return 'UBIGINT';
      if (/HUGEINT|INT128/.test(t)) return 'VARCHAR'; // Parquet has no 128-bit integer
      return 'BIGINT';
    case 'float':
      return /^(REAL|FLOAT4|FLOAT)$/.test(t) ? 'FLOAT' : 'DOUBLE';
    case 'decimal': {
      const m = /\(\s*(\d+)\s*,\s*(\d+)\s*\)/.exec(t);
      if (m && Number(m[1]) <= 38 && Number(m[2]) <= Number(m[1])) return `DECIMAL(${m[1]},${m[2]})`;
      return 'decimal?';
    }
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return /TZ|TIME ZONE/.test(t) ? 'TIMESTAMPTZ' : 'TIMESTAMP';
    case 'json':
      return 'JSON';
    default:
      return 'VARCHAR';
  }
}

export async function exportParquet(source: ExportSource, target: string, options: ExportOptions = {}): Promise<number> {
  const staging = path.join(os.tmpdir(), `dw-export-${randomBytes(6).toString('hex')}.csv`);
  try {
    const written = await writeCsvFile(source, staging, options, false);
    options.signal?.throwIfAborted();
    await writeAtomically(target, (temp) => copyToParquet(source.columns, staging, temp, options.signal));
    return written;
  } finally {
    await rm(staging, { force: true });
  }
}

async function copyToParquet(columns: readonly ColumnInfo[], csvFile: string, parquetFile: string, signal?: AbortSignal): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { temp_directory: os.tmpdir() });
  const connection = await instance.connect();
  const onAbort = () => connection.interrupt();
  signal?.addEventListener('abort', onAbort);
  try {
    const staged = columns.map((_, i) => `c${i}`);
    const read =
      `read_csv(${sqlString(csvFile)}, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', ` +
      `allow_quoted_nulls = false, columns = {${staged.map((c) => `'${c}': 'VARCHAR'`).join(', ')}})`;
    const wanted = columns.map(parquetType);
    const types = await settleTypes(connection, read, staged, wanted);
    const names = uniqueNames(columns);
    const select = staged.map((c, i) => (types[i] === 'VARCHAR' ? c : `CAST(${c} AS ${types[i]})`) + ` AS ${ident(names[i])}`);
    if (!select.length) throw new Error('nothing to export: the result has no columns');
    await connection.run(`COPY (SELECT ${select.join(', ')} FROM ${read}) TO ${sqlString(parquetFile)} (FORMAT parquet)`);
    signal?.throwIfAborted();
  } finally {
    signal?.removeEventListener('abort', onAbort);
    connection.closeSync();
    instance.closeSync();
  }
}

type Connection = Awaited<ReturnType<Awaited<ReturnType<typeof import('@duckdb/node-api').DuckDBInstance.create>>['connect']>>;

/** One scan: counts values that fail each typed conversion and measures untyped decimals. */
async function settleTypes(connection: Connection, read: string, staged: string[], wanted: string[]): Promise<string[]> {
  const probes: string[] = [];
  staged.forEach((c, i) => {
    const t = wanted[i];
    if (t === 'VARCHAR') return;
    if (t === 'decimal?') {
      probes.push(`count(*) FILTER (WHERE ${c} IS NOT NULL AND NOT regexp_full_match(trim(${c}), '-?[0-9]+(\\.[0-9]+)?')) AS bad${i}`);
      probes.push(`max(length(ltrim(split_part(ltrim(trim(${c}), '-'), '.', 1), '0'))) AS int${i}`);
      probes.push(`max(length(split_part(trim(${c}), '.', 2))) AS frac${i}`);
    } else probes.push(`count(*) FILTER (WHERE ${c} IS NOT NULL AND TRY_CAST(${c} AS ${t}) IS NULL) AS bad${i}`);
  });
  if (!probes.length) return wanted;
  const reader = await connection.runAndReadAll(`SELECT ${probes.join(', ')} FROM ${read}`);
  const stats = reader.getRowObjectsJS()[0] as Record<string, unknown>;
  return wanted.map((t, i) => {
    if (t === 'VARCHAR') return t;
    if (Number(stats[`bad${i}`] ?? 0) > 0) return 'VARCHAR';
    if (t !== 'decimal?') return t;
    const int = Number(stats[`int${i}`] ?? 0);
    const frac = Number(stats[`frac${i}`] ?? 0);
    const precision = Math.max(1, int + frac);
    return precision <= 38 ? `DECIMAL(${precision},${frac})` : 'VARCHAR';
  });
}
