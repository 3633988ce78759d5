// Query history, one list per workspace, newest first and bounded. Connection passwords never pass
// through here and the entry has no field that could hold one. Secret literals typed into a
// statement (credentials, passwords, keys: see sql/redact.ts) are masked before storing, as in
// the log; such an entry is marked and is offered for editing, never run as it is.
import { hasMaskedLiteral, redactSecrets, redactSql } from '../sql/redact';

export type HistoryStatus = 'done' | 'error' | 'cancelled';

export interface HistoryEntry {
  id: string;
  sql: string;
  connectionName: string;
  engineKind: string;
  /** Epoch ms. */
  startedAt: number;
  elapsedMs: number;
  rowCount: number;
  status: HistoryStatus;
  /** First line of the engine's message for failed runs. */
  error?: string;
  /** Set when the statement was longer than the cap and was cut. */
  truncated?: boolean;
  /** Set when secret literals were masked: the text is not the statement that ran. */
  redacted?: boolean;
  /** The service's id for a result it keeps (Athena's QueryExecutionId: the result file stays in
   * S3; a Redshift Data API statement id: 24 hours), so the rows can be shown again without
   * running the statement. Not a secret. */
  storedResultId?: string;
}

/** The slice of vscode.Memento the model needs (workspaceState fits). */
export interface HistoryStorage {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

export const HISTORY_KEY = 'dataWorkbench.queryHistory';
export const DEFAULT_MAX_ENTRIES = 200;
export const MAX_SQL_CHARS = 100_000;

export class QueryHistory {
  constructor(
    private readonly storage: HistoryStorage,
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {}

  list(): HistoryEntry[] {
    const stored = this.storage.get<unknown>(HISTORY_KEY);
    return Array.isArray(stored) ? stored.filter(isEntry) : [];
  }

  async record(entry: HistoryEntry): Promise<void> {
    const { text, redacted } = redactSql(entry.sql);
    const clean: HistoryEntry = { ...entry, sql: text };
    if (redacted) clean.redacted = true;
    if (clean.sql.length > MAX_SQL_CHARS) {
      clean.sql = clean.sql.slice(0, MAX_SQL_CHARS);
      clean.truncated = true;
    }
    if (clean.error) clean.error = redactSecrets(clean.error.split('\n', 1)[0].slice(0, 500));
    const entries = [clean, ...this.list().filter((e) => e.id !== clean.id)].slice(0, this.maxEntries);
    await this.storage.update(HISTORY_KEY, entries);
  }

  async clear(): Promise<void> {
    await this.storage.update(HISTORY_KEY, []);
  }
}

function isEntry(value: unknown): value is HistoryEntry {
  if (!value || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  return typeof e.id === 'string' && typeof e.sql === 'string' && typeof e.connectionName === 'string' && typeof e.startedAt === 'number';
}

/** Whether the stored text is the statement that ran, so running it again does the same thing.
 * A masked one would, say, set a password to `***`; a cut one would run half a statement. Older
 * entries have no `redacted` mark, so a masked literal in the text also counts. */
export function canRunAgainAsIs(entry: Pick<HistoryEntry, 'sql' | 'redacted' | 'truncated'>): boolean {
  return !entry.redacted && !entry.truncated && !hasMaskedLiteral(entry.sql);
}

/** One-line label for pickers: the statement squashed to a single line. */
export function summarizeSql(sql: string, max = 80): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}
