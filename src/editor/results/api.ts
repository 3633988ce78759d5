// The contract between the query runner (editor layer) and the Results panel.
import type { ConnectionKind, QueryExecution } from '../../core/engines/engine';

export interface ResultsRun {
  /** Unique per run; the panel keys its row store by it. */
  id: string;
  /** Shown as the panel tab title, e.g. "events.sql:12". */
  title: string;
  sql: string;
  connectionName: string;
  engineKind: ConnectionKind;
  startedAt: number;
  /** The running query: resolves once columns are known, rejects with an EngineError. */
  execution: Promise<QueryExecution>;
  /** Cancels on the server (aborts the run's AbortSignal). */
  cancel(): void;
  /** Optional: maps an EngineError `position` (1-based character offset into `sql`) to the 1-based
   * line and column in the document the statement came from. Without it the panel reports the
   * line and column within `sql` itself. */
  locate?(position: number): { line: number; column: number };
}

export interface RunSummary {
  rowCount: number;
  elapsedMs: number;
  cancelled: boolean;
  columns: { name: string; type: string }[];
}

export interface ResultsPresenter {
  /** Opens or reveals the Results panel and streams the run's rows into its store. Resolves when
   * every row is in (or the run was cancelled); rejects with the engine's error after showing it. */
  showRun(run: ResultsRun): Promise<RunSummary>;
}
