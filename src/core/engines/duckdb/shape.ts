// Checks a delimited file's shape before DuckDB reads it: DuckDB's sniffer turns a ragged CSV
// into one column named after the header line (or keeps only the last rows), and reads an
// enriched-event TSV whose first line is broken as a generic TSV with that line as its header.
// Here such files are refused with the line (and field) that breaks the shape.
import { createReadStream } from 'node:fs';
import { EngineError } from '../engine';
import { ENRICHED_EVENT_FIELD_COUNT } from '../../events/fields';
import { EnrichedEventFormatError, parseEnrichedEventLine } from '../../events/tsv';

/** How much of a file the shape check reads (a ragged line further on is DuckDB's to report). */
const SHAPE_CHECK_BYTES = 8 << 20;

async function head(filePath: string, bytes: number): Promise<{ text: string; complete: boolean }> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of createReadStream(filePath, { end: bytes - 1 })) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
  }
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return { text, complete: total < bytes };
}

/** Field counts of the records in `text` (RFC 4180 quoting: "…" with "" inside, newlines in
 * quotes), with the 1-based line each starts on. An unfinished last record is left out unless
 * `complete`. Blank lines are skipped. */
function recordShapes(text: string, delimiter: string, complete: boolean): { line: number; fields: number }[] {
  const out: { line: number; fields: number }[] = [];
  let line = 1;
  let startLine = 1;
  let fields = 1;
  let empty = true;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      } else if (c === '\n') line++;
      continue;
    }
    if (c === '"') {
      inQuotes = true;
      empty = false;
    } else if (c === delimiter) {
      fields++;
      empty = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (!empty) out.push({ line: startLine, fields });
      line++;
      startLine = line;
      fields = 1;
      empty = true;
    } else {
      empty = false;
    }
  }
  if (!empty && complete && !inQuotes) out.push({ line: startLine, fields });
  return out;
}

/** Throws when a record's field count differs from the first record's (the header). Files
 * whose first line has no delimiter at all are left to DuckDB's sniffer (another delimiter). */
export async function checkDelimitedShape(filePath: string, delimiter: string, label: string): Promise<void> {
  if (/\.(gz|zst)$/i.test(filePath)) return;
  const { text, complete } = await head(filePath, SHAPE_CHECK_BYTES);
  const records = recordShapes(text, delimiter, complete);
  const first = records[0];
  if (!first || first.fields < 2) return;
  const bad = records.find((r) => r.fields !== first.fields);
  if (bad) {
    throw new EngineError(
      `${filePath}: line ${bad.line} has ${bad.fields} ${label}-separated fields, but the header (line ${first.line}) has ${first.fields}; fix that line (or quote the field that holds the separator)`,
      { category: 'query', code: 'RAGGED_FILE' },
    );
  }
}

/** What the first line of a .tsv says it is. 'enriched': a valid enriched event; 'generic': a
 * TSV with its own header; otherwise an EngineError for a line that is meant to be an enriched
 * event (about as many fields, not a header) but is broken, with its line, column and field. */
export function classifyTsvFirstLine(filePath: string, line: string): 'enriched' | 'generic' {
  try {
    parseEnrichedEventLine(line, { file: filePath, line: 1 }, { validateJson: false });
    return 'enriched';
  } catch (e) {
    const fields = line.split('\t');
    // A header names its columns: every field non-empty and unique. An event has empty fields.
    const looksLikeHeader = fields.every((f) => /^[A-Za-z_][\w .-]*$/.test(f)) && new Set(fields).size === fields.length;
    const nearEventWidth = fields.length >= ENRICHED_EVENT_FIELD_COUNT - 20 && fields.length <= ENRICHED_EVENT_FIELD_COUNT + 20;
    if (!nearEventWidth || looksLikeHeader || !(e instanceof EnrichedEventFormatError)) return 'generic';
    throw new EngineError(`Not a valid enriched-event TSV: ${e.message}`, { category: 'query', code: 'BAD_ENRICHED_EVENT' });
  }
}
