// Syntax errors for the DuckDB dialect from DuckDB's own parser (extractStatements parses and
// never runs anything), so a DuckDB file is flagged exactly when the local engine would reject it.
// A small in-memory instance of its own, opened on first use (~0.2 s); parsing runs on the
// binding's worker threads, not the extension host's main thread.
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { splitStatements } from '../split';
import type { SqlProblem } from './diagnostics';

export interface EngineSyntaxError {
  /** 0-based character offset into the checked text. */
  offset: number;
  message: string;
}

export class DuckDbSyntaxChecker {
  private readonly cache = new Map<string, EngineSyntaxError | null>();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(): Promise<DuckDbSyntaxChecker> {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run('SET errors_as_json = true');
    return new DuckDbSyntaxChecker(instance, connection);
  }

  /** The parser's error for one statement, or undefined when DuckDB parses it. Cached by text. */
  async check(sql: string): Promise<EngineSyntaxError | undefined> {
    const cached = this.cache.get(sql);
    if (cached !== undefined) return cached ?? undefined;
    let result: EngineSyntaxError | null = null;
    try {
      await this.connection.extractStatements(sql);
    } catch (e) {
      result = toSyntaxError(sql, e instanceof Error ? e.message : String(e));
    }
    if (this.cache.size > 2000) this.cache.clear(); // bounded: texts of statements being edited
    this.cache.set(sql, result);
    return result ?? undefined;
  }

  dispose(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** The parser counts code points (measured: `'😀😀'` and `'ab'` put the next word at the same
 * position); editors count UTF-16 units. */
function utf16Offset(sql: string, codePoints: number): number {
  let units = 0;
  for (let k = 0; k < codePoints && units < sql.length; k++) units += sql.codePointAt(units)! > 0xffff ? 2 : 1;
  return units;
}

function toSyntaxError(sql: string, raw: string): EngineSyntaxError | null {
  const start = raw.indexOf('{');
  let info: { exception_type?: string; exception_message?: string; position?: string } | undefined;
  try {
    info = start >= 0 ? JSON.parse(raw.slice(start)) : undefined;
  } catch {
    info = undefined;
  }
  if (info && info.exception_type !== 'Parser') return null; // only syntax is ours to report
  const position = info?.position !== undefined ? utf16Offset(sql, Number(info.position)) : 0;
  const message = info?.exception_message ?? raw.replace(/^Failed to extract statements:\s*/, '');
  return { offset: Math.min(Math.max(0, position), sql.length), message: `DuckDB: ${message.charAt(0).toUpperCase()}${message.slice(1)}.` };
}

/** DuckDB parser errors of a document's statements, except statements `skip` says are already
 * flagged (the hand-written checks name the mistake more plainly). Ranges cover the word at the
 * error, or the statement's last character for "at end of input". */
export async function duckdbProblems(
  text: string,
  checker: DuckDbSyntaxChecker,
  skip: (start: number, end: number) => boolean,
): Promise<SqlProblem[]> {
  const problems: SqlProblem[] = [];
  for (const s of splitStatements(text)) {
    if (skip(s.start, s.terminatorEnd)) continue;
    const error = await checker.check(s.text);
    if (!error) continue;
    let start = s.start + error.offset;
    let end = start + 1;
    if (start >= s.end) {
      start = s.end - 1;
      end = s.end;
    } else {
      const word = /^[\p{L}\p{N}_$]+/u.exec(text.slice(start, start + 200));
      if (word) end = start + word[0].length;
    }
    problems.push({ start, end, message: error.message });
  }
  return problems;
}
