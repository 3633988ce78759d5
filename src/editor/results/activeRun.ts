// The run the Results panel shows and what it posts to the webview about it. The outlet posts
// only while its run is the one shown, and keeps the last status so a reloaded webview gets it.
import type { ColumnInfo } from '../../core/engines/engine';
import { restorableRun } from '../../core/results/restore';
import type { ResultSession } from '../../core/results/session';
import {
  ColumnsNotification,
  OfferNotification,
  ProgressNotification,
  RunCancelledNotification,
  RunFailedNotification,
  RunFinishedNotification,
  RunStartedNotification,
  ViewChangedNotification,
  type GridColumn,
  type RunCancelledParams,
  type RunFailedParams,
  type RunFinishedParams,
} from '../../../webviews/results/protocol';
import type { WebviewHost } from '../webview/host';
import type { ResultsRun, RunOffer, RunSummary } from './api';

/** How a run ended, kept to replay it. */
export type FinalStatus =
  | { kind: 'finished'; params: RunFinishedParams }
  | { kind: 'failed'; params: RunFailedParams }
  | { kind: 'cancelled'; params: RunCancelledParams };

export interface ActiveRun {
  run: ResultsRun;
  session: ResultSession;
  /** Set when the user (or a newer run) asked to stop. */
  cancelRequested: boolean;
  finishedAt?: number;
  final?: FinalStatus;
  /** A follow-up offered for this run (button in the panel), replayed on reload. */
  offer?: RunOffer;
  /** The service's id of a result it keeps (see ResultsRun.keepsResult). */
  storedResultId?: string;
}

export class RunOutlet {
  constructor(
    private readonly host: Pick<WebviewHost, 'notify'>,
    private readonly active: ActiveRun,
    private readonly isCurrent: () => boolean,
  ) {}

  started(): void {
    const { run, session } = this.active;
    if (!this.isCurrent()) return;
    this.host.notify(RunStartedNotification, {
      runId: run.id,
      title: run.title,
      sql: run.sql,
      connectionName: run.connectionName,
      startedAt: run.startedAt,
      columns: session.columns.length ? gridColumns(session.columns) : undefined,
      restore: restorableRun(run),
    });
  }

  columns(): void {
    if (this.isCurrent())
      this.host.notify(ColumnsNotification, { runId: this.active.run.id, columns: gridColumns(this.active.session.columns) });
  }

  progress(): void {
    const { session, run } = this.active;
    if (this.isCurrent())
      this.host.notify(ProgressNotification, {
        runId: run.id,
        rowCount: session.rowCount,
        viewRowCount: session.viewRowCount,
        viewVersion: session.viewVersion,
        elapsedMs: Date.now() - run.startedAt,
      });
  }

  viewChanged(): void {
    const { session, run } = this.active;
    if (this.isCurrent())
      this.host.notify(ViewChangedNotification, {
        runId: run.id,
        viewVersion: session.viewVersion,
        viewRowCount: session.viewRowCount,
        sort: session.sort,
        filterText: session.filter.text,
        filterColumn: session.filter.column,
      });
  }

  offer(): void {
    const { offer, run } = this.active;
    if (offer && this.isCurrent()) this.host.notify(OfferNotification, { runId: run.id, text: offer.text, label: offer.label });
  }

  /** Records how the run ended and shows it. */
  finish(final: FinalStatus): void {
    this.active.final = final;
    this.postFinal();
  }

  /** The webview (re)loaded: bring it up to date with the run. */
  replay(): void {
    this.started();
    if (this.active.session.viewVersion > 0) this.viewChanged();
    this.offer();
    if (this.active.final) this.postFinal();
    else this.progress();
  }

  private postFinal(): void {
    const final = this.active.final;
    if (!final || !this.isCurrent()) return;
    if (final.kind === 'finished') this.host.notify(RunFinishedNotification, final.params);
    else if (final.kind === 'failed') this.host.notify(RunFailedNotification, final.params);
    else this.host.notify(RunCancelledNotification, final.params);
  }
}

export function gridColumns(columns: readonly ColumnInfo[]): GridColumn[] {
  return columns.map(({ name, type, family }) => ({ name, type, family }));
}

export function runSummary(session: ResultSession, elapsedMs: number, cancelled: boolean): RunSummary {
  return { rowCount: session.rowCount, elapsedMs, cancelled, columns: session.columns.map(({ name, type }) => ({ name, type })) };
}

export function memoryLimitText(session: ResultSession): string {
  return `${Math.round((session.memoryLimitBytes ?? 0) / 2 ** 20)} MB`;
}
