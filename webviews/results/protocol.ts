// Messages between the Results panel host (src/editor/results/resultsPanel.ts) and its webview
// (webviews/results/main.ts), as typed constants (webviews/shared/ipc.ts). Rows never travel in
// bulk: the webview requests the pages it is about to show (`GetRowsRequest`).
import type { CellValue, ColumnFamily } from '../../src/core/engines/engine';
import { EXPORT_FORMATS, type ExportFormat } from '../../src/core/results/export/source';
import type { RestorableRun } from '../../src/core/results/restore';
import type { RunInfoView } from '../../src/core/results/runInfo';
import type { SortSpec } from '../../src/core/results/view';
import { IpcCommand, IpcNotification, IpcRequest } from '../shared/ipc';
import { boolean, integer, object, oneOf, optional, string } from '../shared/validate';

export type { CellValue, ColumnFamily, RunInfoView, SortSpec, ExportFormat, RestorableRun };

const scope = 'results';

export interface GridColumn {
  name: string;
  type: string;
  family: ColumnFamily;
}

/** Identifies one arrangement of rows (a run plus a sort/filter). Replies for an older view are
 * dropped by the webview. */
export interface ViewRef {
  runId: string;
  viewVersion: number;
}

// ---- host → webview ----
export interface RunStartedParams {
  runId: string;
  title: string;
  sql: string;
  connectionName: string;
  startedAt: number;
  columns?: GridColumn[];
  /** What the webview keeps in its state (setState) so a reloaded window can restore the panel. */
  restore: RestorableRun;
}
export interface ColumnsParams {
  runId: string;
  columns: GridColumn[];
}
export interface ProgressParams {
  runId: string;
  /** Rows received so far. */
  rowCount: number;
  /** Rows in the current (sorted/filtered) view. */
  viewRowCount: number;
  viewVersion: number;
  elapsedMs: number;
}
export interface RunFinishedParams extends ProgressParams {
  info: RunInfoView;
}
export interface RunFailedParams {
  runId: string;
  message: string;
  line?: number;
  column?: number;
  elapsedMs: number;
}
export type RunCancelledParams = ProgressParams;
/** Sort or filter changed: the webview drops its cached pages and asks again. */
export interface ViewChangedParams extends ViewRef {
  viewRowCount: number;
  sort?: SortSpec;
  filterText: string;
  filterColumn?: number;
}
export interface NoticeParams {
  text: string;
  kind: 'info' | 'error';
}
/** A follow-up for the run shown (e.g. "UNLOAD to S3" for a very large Redshift result). */
export interface OfferParams {
  runId: string;
  text: string;
  label: string;
}

/** A panel restored after a window reload: its result is gone (never written to disk). */
export interface ResultNotKeptParams {
  runId: string;
  title: string;
  sql: string;
  connectionName: string;
  text: string;
  /** The button: "Run again" or "Open statement" (RunAgainRequest either way). */
  label: string;
}
export const RunStartedNotification = new IpcNotification<RunStartedParams>(scope, 'runStarted');
export const ColumnsNotification = new IpcNotification<ColumnsParams>(scope, 'columns');
export const ProgressNotification = new IpcNotification<ProgressParams>(scope, 'progress');
export const RunFinishedNotification = new IpcNotification<RunFinishedParams>(scope, 'runFinished');
export const RunFailedNotification = new IpcNotification<RunFailedParams>(scope, 'runFailed');
export const RunCancelledNotification = new IpcNotification<RunCancelledParams>(scope, 'runCancelled');
export const ViewChangedNotification = new IpcNotification<ViewChangedParams>(scope, 'viewChanged');
export const NoticeNotification = new IpcNotification<NoticeParams>(scope, 'notice');
export const OfferNotification = new IpcNotification<OfferParams>(scope, 'offer');
export const ResultNotKeptNotification = new IpcNotification<ResultNotKeptParams>(scope, 'resultNotKept');

// ---- webview → host ----
const runId = string(200);
const index = integer(0, 2 ** 31);

export interface GetRowsParams extends ViewRef {
  start: number;
  count: number;
}
/** The rows from `start`, or undefined when the run or view asked about is no longer shown. */
export type GetRowsReply = { rows: CellValue[][] } | undefined;
export interface SortParams {
  runId: string;
  /** Header clicked; the host cycles asc → desc → none. */
  column: number;
}
export interface FilterParams {
  runId: string;
  text: string;
  column?: number;
}
export interface RunRef {
  runId: string;
}
export interface ExportParams {
  runId: string;
  format: ExportFormat;
}
/** Copy a rectangle of the current view as TSV (the host has every row; the webview may not). */
export interface CopyParams extends ViewRef {
  rowStart: number;
  /** Exclusive. */
  rowEnd: number;
  colStart: number;
  colEnd: number;
  includeHeader: boolean;
}
/** What was copied (undefined: the view changed, nothing copied). */
export type CopyReply = { rows: number; columns: number; truncated: boolean } | undefined;

export const GetRowsRequest = new IpcRequest<GetRowsParams, GetRowsReply>(
  scope,
  'getRows',
  object({ runId, viewVersion: index, start: index, count: index }),
);
export const SortRequest = new IpcRequest<SortParams>(scope, 'sort', object({ runId, column: index }));
export const FilterRequest = new IpcRequest<FilterParams>(
  scope,
  'filter',
  object({ runId, text: string(10_000), column: optional(index) }),
);
export const CancelCommand = new IpcCommand<RunRef>(scope, 'cancel', object({ runId }));
export const ExportRequest = new IpcRequest<ExportParams>(scope, 'export', object({ runId, format: oneOf(EXPORT_FORMATS) }));
export const CopyRequest = new IpcRequest<CopyParams, CopyReply>(
  scope,
  'copy',
  object({ runId, viewVersion: index, rowStart: index, rowEnd: index, colStart: index, colEnd: index, includeHeader: boolean() }),
);
/** The user took the run's offer (its button). */
export const AcceptOfferRequest = new IpcRequest<RunRef>(scope, 'acceptOffer', object({ runId }));

/** The restored panel's button: run the statement again (or open it, see core/results/restore.ts). */
export const RunAgainRequest = new IpcRequest<RunRef>(scope, 'runAgain', object({ runId }));

/** Rows per getRows request. */
export const PAGE_SIZE = 200;
/** Most rows one getRows request returns. */
export const MAX_PAGE_REQUEST = 2000;
