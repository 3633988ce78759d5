// What a Results panel keeps across a window reload: never the rows (results live only in memory
// and are never written to disk), only which run it showed, its statement masked as in the query
// history, so the restored panel can say the result is gone and offer to run it again.
import { redactSql } from '../sql/redact';
import { canRunAgainAsIs, MAX_SQL_CHARS, type HistoryEntry } from './history';

/** Kept in the webview's state (VS Code writes that to disk): no rows, no secrets. */
export interface RestorableRun {
  runId: string;
  title: string;
  connectionName: string;
  /** The statement with secret literals masked, cut at MAX_SQL_CHARS. */
  sql: string;
  /** Secret literals were masked: the text is not the statement that ran. */
  redacted?: boolean;
  /** The statement was longer than MAX_SQL_CHARS and was cut. */
  truncated?: boolean;
}

export function restorableRun(run: { id: string; title: string; connectionName: string; sql: string }): RestorableRun {
  const { text, redacted } = redactSql(run.sql);
  const restorable: RestorableRun = {
    runId: run.id,
    title: run.title,
    connectionName: run.connectionName,
    sql: text.slice(0, MAX_SQL_CHARS),
  };
  if (redacted) restorable.redacted = true;
  if (text.length > MAX_SQL_CHARS) restorable.truncated = true;
  return restorable;
}

/** The state VS Code hands back after a reload, checked like a message (the page that wrote it
 * could have written anything): the known fields, or undefined when one has the wrong shape. */
export function parseRestorableRun(value: unknown): RestorableRun | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { runId, title, connectionName, sql, redacted, truncated } = value as Record<string, unknown>;
  const text = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;
  const flag = (x: unknown): x is boolean | undefined => x === undefined || typeof x === 'boolean';
  if (
    !text(runId, 200) ||
    !text(title, 1_000) ||
    !text(connectionName, 1_000) ||
    !text(sql, MAX_SQL_CHARS) ||
    !flag(redacted) ||
    !flag(truncated)
  )
    return undefined;
  return { runId, title, connectionName, sql, ...(redacted ? { redacted } : {}), ...(truncated ? { truncated } : {}) };
}

/** What the restored panel offers. Only a statement from the query history (the extension's own
 * storage, where it was recorded when it ran unmasked and whole) is run again; the webview's state
 * could have been written by a hostile page, so its text is only ever opened for editing. */
export type RestoredAction =
  { kind: 'runAgain'; entry: HistoryEntry } | { kind: 'open'; statement: Pick<HistoryEntry, 'sql' | 'redacted' | 'truncated'> };

export function restoredAction(restored: RestorableRun, history: readonly HistoryEntry[]): RestoredAction {
  const entry = history.find((e) => e.id === restored.runId);
  if (entry && canRunAgainAsIs(entry)) return { kind: 'runAgain', entry };
  const source = entry ?? restored;
  return { kind: 'open', statement: { sql: source.sql, redacted: source.redacted, truncated: source.truncated } };
}

export function notKeptText(action: RestoredAction): { text: string; label: string } {
  const gone = 'The result of this query was not kept when the window reloaded: results live only in memory and are never written to disk.';
  return action.kind === 'runAgain'
    ? { text: gone, label: 'Run again' }
    : { text: `${gone} Open the statement to run it again.`, label: 'Open statement' };
}
