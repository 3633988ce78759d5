// What every export writer reads: the columns and every stored row, in order.
import type { ColumnInfo, Row } from '../../engines/engine';

export interface ExportSource {
  columns: readonly ColumnInfo[];
  /** Undefined when the rows stream from the engine and their number is not known up front. */
  rowCount: number | undefined;
  /** Stored rows one by one (synchronous, fast), or pages streamed from a new read of the result. */
  rows(signal?: AbortSignal): Iterable<Row> | AsyncIterable<readonly Row[]>;
}

export interface ExportOptions {
  /** Aborting stops the export; the partial file is removed. */
  signal?: AbortSignal;
  /** Called now and then with the rows written so far. */
  onProgress?(rowsWritten: number, rowCount: number | undefined): void;
}

export type ExportFormat = 'csv' | 'jsonl' | 'parquet';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'jsonl', 'parquet'];

/** Column names made unique (`a`, `a_2`, …) where a format needs distinct keys. */
export function uniqueNames(columns: readonly { name: string }[]): string[] {
  const seen = new Set<string>();
  return columns.map(({ name }) => {
    let candidate = name;
    for (let n = 2; seen.has(candidate); n++) candidate = `${name}_${n}`;
    seen.add(candidate);
    return candidate;
  });
}
