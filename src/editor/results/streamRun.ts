// The stream loop: reads a run's pages into its ResultSession, reports progress (throttled),
// re-arranges a sorted/filtered view now and then while rows arrive, and ends the run as
// finished, failed or cancelled (recorded in the history either way).
import type { LogOutputChannel } from 'vscode';
import { CancelledError, EngineError, type QueryExecution } from '../../core/engines/engine';
import type { QueryHistory } from '../../core/results/history';
import { runInfoView } from '../../core/results/runInfo';
import { lineColumnOfPosition } from '../../core/sql/positions';
import { memoryLimitText, runSummary, type ActiveRun, type RunOutlet } from './activeRun';
import type { ResultsRun, RunSummary } from './api';
import { recordRun } from './historyRecording';
import { promptFullExport } from './memoryLimitPrompt';
import { makeOffer } from './runOffers';

const PROGRESS_INTERVAL_MS = 150;
const VIEW_REFRESH_MS = 1000;

export interface StreamContext {
  outlet: RunOutlet;
  isCurrent(): boolean;
  history: QueryHistory | undefined;
  log: LogOutputChannel | undefined;
}

/** Resolves with the run's summary once every row is in (or it was cancelled); rejects with the
 * engine's error after showing it. */
export async function streamRun(active: ActiveRun, ctx: StreamContext): Promise<RunSummary> {
  const { run, session } = active;
  const { outlet } = ctx;
  let execution: QueryExecution | undefined;
  let lastProgress = 0;
  let lastRefresh = 0;
  let refreshing = false;
  try {
    execution = await run.execution;
    session.columns = execution.columns;
    outlet.columns();
    makeOffer(active, outlet, { execution }, ctx.log);
    for await (const page of execution.pages) {
      if (active.cancelRequested) break; // leaving the loop releases the server-side cursor
      // Past the memory limit, stop reading (this releases the cursor / stops the download):
      // the grid keeps the first rows and an export reads the result again from the start.
      if (!session.append(page)) break;
      const now = Date.now();
      if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
        lastProgress = now;
        outlet.progress();
      }
      // With a sort or filter set while rows stream in, re-arrange now and then (not per page:
      // sorting a million rows takes a while), without holding up the stream.
      if (session.viewStale && !refreshing && now - lastRefresh >= VIEW_REFRESH_MS) {
        refreshing = true;
        lastRefresh = now;
        session.refreshView().then(
          (changed) => {
            refreshing = false;
            if (changed) outlet.viewChanged();
          },
          () => (refreshing = false),
        );
      }
    }
    if (session.viewStale && (await session.refreshView().catch(() => false))) outlet.viewChanged();
    const elapsedMs = Date.now() - run.startedAt;
    if (active.cancelRequested) return finishCancelled(active, ctx, elapsedMs);
    session.status = 'done';
    if (run.keepsResult) active.storedResultId = execution.info.queryId;
    const info = runInfoView(execution.info);
    if (session.truncated) {
      info.notes.unshift(
        `showing the first ${session.rowCount} rows: the result passed the ${memoryLimitText(session)} memory limit (dataWorkbench.results.memoryLimitMB); Export writes every row`,
      );
      promptFullExport(active, ctx.isCurrent, ctx.log);
    }
    outlet.finish({
      kind: 'finished',
      params: {
        runId: run.id,
        rowCount: session.rowCount,
        viewRowCount: session.viewRowCount,
        viewVersion: session.viewVersion,
        elapsedMs,
        info,
      },
    });
    recordRun(ctx.history, active, 'done', elapsedMs, ctx.log);
    return runSummary(session, elapsedMs, false);
  } catch (error) {
    const elapsedMs = Date.now() - run.startedAt;
    if (active.cancelRequested || error instanceof CancelledError) return finishCancelled(active, ctx, elapsedMs);
    session.status = 'error';
    const message = error instanceof Error ? error.message : String(error);
    const where = error instanceof EngineError && error.position !== undefined ? locate(run, error.position) : undefined;
    outlet.finish({ kind: 'failed', params: { runId: run.id, message, elapsedMs, ...(where ?? {}) } });
    makeOffer(active, outlet, { error }, ctx.log);
    recordRun(ctx.history, active, 'error', elapsedMs, ctx.log, message);
    throw error;
  }
}

function finishCancelled(active: ActiveRun, ctx: StreamContext, elapsedMs: number): RunSummary {
  const { run, session } = active;
  session.status = 'cancelled';
  ctx.outlet.finish({
    kind: 'cancelled',
    params: { runId: run.id, rowCount: session.rowCount, viewRowCount: session.viewRowCount, viewVersion: session.viewVersion, elapsedMs },
  });
  recordRun(ctx.history, active, 'cancelled', elapsedMs, ctx.log);
  return runSummary(session, elapsedMs, true);
}

/** Line/column for an engine position: the runner's document mapping when given, else within the SQL. */
export function locate(run: Pick<ResultsRun, 'sql' | 'locate'>, position: number): { line: number; column: number } {
  return run.locate ? run.locate(position) : lineColumnOfPosition(run.sql, position);
}
