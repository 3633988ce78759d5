// CSV per RFC 4180: CRLF line ends, a header line, fields quoted when they hold a comma, quote,
// CR or LF, quotes doubled. NULL is an empty unquoted field; an empty string is `""`, so the two
// stay distinguishable (DuckDB: read_csv(..., allow_quoted_nulls = false)).
// Values are written as they are: no formula-injection mangling, which would corrupt data.
import type { CellValue } from '../../engines/engine';
import { mapRows, writeAtomically, writeLines } from './atomicFile';
import type { ExportOptions, ExportSource } from './source';

export function csvField(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  if (text === '' || /[",\r\n]/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

export function csvLine(values: readonly (CellValue | undefined)[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** Writes to `file` directly (no rename); used by the Parquet path for its staging file. */
export function writeCsvFile(source: ExportSource, file: string, options: ExportOptions = {}, header = true): Promise<number> {
  return writeLines(
    file,
    header ? csvLine(source.columns.map((c) => c.name)) : undefined,
    mapRows(source.rows(options.signal), csvLine),
    source.rowCount,
    options,
  );
}

export function exportCsv(source: ExportSource, target: string, options: ExportOptions = {}): Promise<number> {
  return writeAtomically(target, (temp) => writeCsvFile(source, temp, options));
}
