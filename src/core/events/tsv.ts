// Reader and validator for enriched-event TSV (formats.md §4.1): exactly 131 tab-separated
// fields, no quoting, empty = null, `1`/`0` booleans, `YYYY-MM-DD HH:MM:SS[.fff]` timestamps; the
// four fields the Scala SDK requires are non-empty and `event_id` is a UUID.
// Every rejection names the file, the 1-based line and column, and the field.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ENRICHED_EVENT_FIELDS, ENRICHED_EVENT_FIELD_COUNT, type EventField } from './fields';
import { isValidEnrichedTimestamp } from './timestamps';

/** One parsed line: the 131 raw field texts, `null` where the field was empty. */
export type EnrichedEventRecord = (string | null)[];

export interface SourcePosition {
  file?: string;
  /** 1-based line number. */
  line?: number;
}

export class EnrichedEventFormatError extends Error {
  constructor(
    readonly reason: string,
    readonly file: string | undefined,
    readonly line: number | undefined,
    /** 1-based character column where the offending field starts (1 for field-count errors). */
    readonly column: number,
    readonly field?: EventField,
  ) {
    const where = `${file ?? '<input>'}:${line ?? 1}:${column}`;
    super(field ? `${where}: field ${field.index + 1} '${field.name}': ${reason}` : `${where}: ${reason}`);
    this.name = 'EnrichedEventFormatError';
  }
}

const INT_PATTERN = /^-?\d+$/;
const NUMBER_PATTERN = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
/** The Scala SDK reads `event_id` with UUID.fromString; Redshift stores it as char(36). */
const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const UUID_FIELDS = new Set(['event_id']);
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

export interface ParseOptions {
  /** Check that the three JSON fields parse as JSON objects (default true). */
  validateJson?: boolean;
}

function fieldProblem(field: EventField, text: string, validateJson: boolean): string | undefined {
  switch (field.kind) {
    case 'string':
      return UUID_FIELDS.has(field.name) && !UUID_PATTERN.test(text)
        ? `expected a UUID (8-4-4-4-12 hex digits), got ${JSON.stringify(text)}`
        : undefined;
    case 'int': {
      if (!INT_PATTERN.test(text)) return `expected an integer, got ${JSON.stringify(text)}`;
      const n = Number(text);
      return n < INT32_MIN || n > INT32_MAX ? `integer ${text} is out of the 32-bit range` : undefined;
    }
    case 'double':
    case 'decimal':
      return NUMBER_PATTERN.test(text) ? undefined : `expected a number, got ${JSON.stringify(text)}`;
    case 'bool':
      return text === '1' || text === '0' ? undefined : `expected a boolean 1 or 0, got ${JSON.stringify(text)}`;
    case 'timestamp':
      return isValidEnrichedTimestamp(text) ? undefined : `expected a timestamp YYYY-MM-DD HH:MM:SS[.fff], got ${JSON.stringify(text)}`;
    case 'json': {
      if (!validateJson) return undefined;
      try {
        const value: unknown = JSON.parse(text);
        return value !== null && typeof value === 'object' && !Array.isArray(value) ? undefined : 'expected a self-describing JSON object';
      } catch (e) {
        return `invalid JSON (${(e as Error).message})`;
      }
    }
  }
}

/** Parses and validates one line (without its line terminator). */
export function parseEnrichedEventLine(line: string, where: SourcePosition = {}, options: ParseOptions = {}): EnrichedEventRecord {
  const parts = line.split('\t');
  if (parts.length !== ENRICHED_EVENT_FIELD_COUNT) {
    throw new EnrichedEventFormatError(
      `expected ${ENRICHED_EVENT_FIELD_COUNT} tab-separated fields, got ${parts.length}`,
      where.file,
      where.line,
      1,
    );
  }
  const validateJson = options.validateJson ?? true;
  const record: EnrichedEventRecord = new Array(ENRICHED_EVENT_FIELD_COUNT);
  let column = 1;
  for (let i = 0; i < ENRICHED_EVENT_FIELD_COUNT; i++) {
    const text = parts[i];
    if (text === '') {
      // A line of 131 empty fields lands here first, so it is reported as well (collector_tstamp).
      if (ENRICHED_EVENT_FIELDS[i].required) {
        const reason =
          line.length === ENRICHED_EVENT_FIELD_COUNT - 1
            ? `required field is empty (all ${ENRICHED_EVENT_FIELD_COUNT} fields are empty)`
            : 'required field is empty';
        throw new EnrichedEventFormatError(reason, where.file, where.line, column, ENRICHED_EVENT_FIELDS[i]);
      }
      record[i] = null;
    } else {
      const problem = fieldProblem(ENRICHED_EVENT_FIELDS[i], text, validateJson);
      if (problem) throw new EnrichedEventFormatError(problem, where.file, where.line, column, ENRICHED_EVENT_FIELDS[i]);
      record[i] = text;
    }
    column += text.length + 1;
  }
  return record;
}

export interface ReadOptions extends ParseOptions {
  signal?: AbortSignal;
}

/** Streams the records of an enriched-event file. Accepts a missing final newline, CRLF line
 * ends and a leading UTF-8 byte-order mark; a blank line anywhere but the end is an error. */
export async function* readEnrichedEvents(file: string, options: ReadOptions = {}): AsyncGenerator<EnrichedEventRecord> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let pendingBlank = 0;
  try {
    for await (let line of lines) {
      options.signal?.throwIfAborted();
      lineNo++;
      if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      if (line === '') {
        pendingBlank = pendingBlank || lineNo;
        continue;
      }
      if (pendingBlank) throw new EnrichedEventFormatError('blank line', file, pendingBlank, 1);
      yield parseEnrichedEventLine(line, { file, line: lineNo }, options);
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

/** Validates a whole file; resolves with the number of events or rejects with the first error. */
export async function validateEnrichedEventFile(file: string, options: ReadOptions = {}): Promise<number> {
  let count = 0;
  for await (const _ of readEnrichedEvents(file, options)) count++;
  return count;
}
