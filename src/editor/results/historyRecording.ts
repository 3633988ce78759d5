// Writes a finished run to the workspace's query history (never blocks or fails the run).
import type { LogOutputChannel } from 'vscode';
import type { HistoryStatus, QueryHistory } from '../../core/results/history';
import type { ActiveRun } from './activeRun';

export function recordRun(
  history: QueryHistory | undefined,
  active: ActiveRun,
  status: HistoryStatus,
  elapsedMs: number,
  log: LogOutputChannel | undefined,
  error?: string,
): void {
  const { run, session } = active;
  active.finishedAt = Date.now();
  void history
    ?.record({
      id: run.id,
      sql: run.sql,
      connectionName: run.connectionName,
      engineKind: run.engineKind,
      startedAt: run.startedAt,
      elapsedMs,
      rowCount: session.rowCount,
      status,
      ...(error ? { error } : {}),
      ...(active.storedResultId ? { storedResultId: active.storedResultId } : {}),
    })
    .then(undefined, (e: unknown) => log?.warn(`query history not saved: ${String(e)}`));
}
