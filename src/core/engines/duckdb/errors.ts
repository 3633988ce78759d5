// DuckDB errors → EngineError. The engine's connections run with `errors_as_json`, so a failure
// arrives as JSON with `exception_type` and a 0-based byte `position`; messages without JSON
// (older paths) are parsed from DuckDB's "LINE n:" + caret rendering instead.
import { CancelledError, EngineError } from '../engine';

type Category = NonNullable<EngineError['details']['category']>;

interface DuckDBErrorInfo {
  exception_type?: string;
  exception_message?: string;
  position?: string;
  error_subtype?: string;
}

function categoryOf(exceptionType: string): Category {
  switch (exceptionType.toLowerCase()) {
    case 'parser':
    case 'syntax':
      return 'syntax';
    case 'interrupt':
      return 'cancelled';
    case 'permission':
      return 'permission';
    case 'connection':
    case 'network':
      return 'connection';
    case 'internal':
    case 'fatal':
    case 'out of memory':
      return 'internal';
    default:
      // Binder, Catalog, Conversion, Constraint, Invalid Input, IO, … : the statement is at fault.
      return 'query';
  }
}

function parseJsonInfo(message: string): DuckDBErrorInfo | undefined {
  const start = message.indexOf('{"exception_type"');
  if (start < 0) return undefined;
  try {
    return JSON.parse(message.slice(start)) as DuckDBErrorInfo;
  } catch {
    return undefined;
  }
}

/** 1-based character offset of a 0-based UTF-8 byte offset into `sql`. */
export function byteOffsetToCharPosition(sql: string, byteOffset: number): number {
  const bytes = Buffer.from(sql, 'utf8');
  const clamped = Math.max(0, Math.min(byteOffset, bytes.length));
  return bytes.subarray(0, clamped).toString('utf8').length + 1;
}

/** Position from DuckDB's text rendering: `LINE 3: select zz…\n              ^`. */
export function positionFromCaret(message: string, sql: string): number | undefined {
  const m = /LINE (\d+): (.*)\n( *)\^/.exec(message);
  if (!m) return undefined;
  const lineNo = Number(m[1]);
  const prefixLength = `LINE ${m[1]}: `.length;
  const caretColumn = m[3].length - prefixLength;
  const lines = sql.split('\n');
  if (lineNo < 1 || lineNo > lines.length || caretColumn < 0) return undefined;
  let shown = m[2];
  let shift = 0;
  if (shown.startsWith('...')) {
    // DuckDB elides the start of long lines; find where the shown text sits in the real line.
    shown = shown.slice(3).replace(/\.\.\.$/, '');
    const at = lines[lineNo - 1].indexOf(shown.slice(0, 20));
    if (at < 0) return undefined;
    shift = at - 3;
  }
  let lineStart = 0;
  for (let i = 0; i < lineNo - 1; i++) lineStart += lines[i].length + 1;
  return lineStart + shift + caretColumn + 1;
}

/** Maps anything DuckDB threw to an EngineError pointing into `sql` when possible. */
export function toEngineError(error: unknown, sql: string | undefined, cancelled = false): EngineError {
  if (error instanceof EngineError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const info = parseJsonInfo(raw);
  if (cancelled || info?.exception_type?.toLowerCase() === 'interrupt' || /^INTERRUPT Error/i.test(raw)) {
    return new CancelledError();
  }
  if (info?.exception_type) {
    const message = `${info.exception_type} Error: ${info.exception_message ?? raw}`;
    const byteOffset = info.position !== undefined ? Number(info.position) : NaN;
    const position = sql !== undefined && Number.isFinite(byteOffset) ? byteOffsetToCharPosition(sql, byteOffset) : undefined;
    return new EngineError(message, { category: categoryOf(info.exception_type), code: info.error_subtype, position, cause: error });
  }
  const typed = /^(?:[A-Za-z ]+: )?([A-Za-z ]+?) Error: /.exec(raw);
  const category = typed ? categoryOf(typed[1]) : 'query';
  const message = raw.replace(/\n\nLINE \d+:[\s\S]*$/, '');
  const position = sql !== undefined ? positionFromCaret(raw, sql) : undefined;
  return new EngineError(message, { category, position, cause: error });
}
