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
  /** Reads the whole result again, for an export of a result too big to keep in memory: the
   * stored result where the engine keeps one, else the statement run again (only offered for
   * statements that only read). Absent when neither is possible. */
  reread?(signal?: AbortSignal): Promise<QueryExecution>;
  /** The engine keeps this run's result (Athena): history records its id for "Show Stored Result". */
  keepsResult?: boolean;
  /** Optional: maps an EngineError `position` (1-based character offset into `sql`) to the 1-based
   * line and column in the document the statement came from. Without it the panel reports the
   * line and column within `sql` itself. */
  locate?(position: number): { line: number; column: number };
  /** Optional: a follow-up the panel offers for this run (e.g. "UNLOAD to S3" for a Redshift Data
   * API result that is very large or over the API's size cap). Asked once the columns are known
   * (`execution`) and again if the run fails (`error`). */
  offer?(outcome: { execution?: QueryExecution; error?: unknown }): RunOffer | undefined;
}

/** A button in the Results panel that runs `command` with `args`. */
export interface RunOffer {
  text: string;
  label: string;
  command: string;
  args: unknown[];
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
