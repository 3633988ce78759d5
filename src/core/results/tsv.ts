// Clipboard text for a grid selection: tab-separated, one line per row. A value containing a tab,
// newline or double quote is quoted the way spreadsheets (Excel, Sheets, LibreOffice) read it
// back: wrapped in double quotes with inner quotes doubled. NULL becomes an empty field.
import type { CellValue } from '../engines/engine';

export function tsvField(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return /[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function tsvLine(values: readonly (CellValue | undefined)[]): string {
  return values.map(tsvField).join('\t');
}

export interface TsvSelection {
  /** Column names, included as a first line when given. */
  header?: readonly string[];
  rows: Iterable<readonly (CellValue | undefined)[]>;
}

export function formatTsv({ header, rows }: TsvSelection): string {
  const lines: string[] = [];
  if (header) lines.push(tsvLine(header));
  for (const row of rows) lines.push(tsvLine(row));
  return lines.join('\n');
}
