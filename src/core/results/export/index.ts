import { exportCsv } from './csv';
import { exportJsonl } from './jsonl';
import { exportParquet } from './parquet';
import type { ExportFormat, ExportOptions, ExportSource } from './source';

export * from './source';

/** Streams the full result to `target` in `format`; returns the rows written. */
export function exportResult(format: ExportFormat, source: ExportSource, target: string, options: ExportOptions = {}): Promise<number> {
  switch (format) {
    case 'csv':
      return exportCsv(source, target, options);
    case 'jsonl':
      return exportJsonl(source, target, options);
    case 'parquet':
      return exportParquet(source, target, options);
  }
}
