// Messages between the Results panel host (src/editor/results/resultsPanel.ts) and its webview
// (webviews/results/main.ts). Rows never travel in bulk: the webview asks for the pages it is
// about to show (`getRows`) and the host answers with the same `requestId`.
import type { CellValue, ColumnFamily } from '../../src/core/engines/engine';
import type { RunInfoView } from '../../src/core/results/runInfo';
import type { SortSpec } from '../../src/core/results/view';
import type { ExportFormat } from '../../src/core/results/export/source';

export type { CellValue, ColumnFamily, RunInfoView, SortSpec, ExportFormat };

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
export interface RunStartedMessage {
  type: 'runStarted';
  runId: string;
  title: string;
  sql: string;
  connectionName: string;
  startedAt: number;
  columns?: GridColumn[];
}
export interface ColumnsMessage {
  type: 'columns';
  runId: string;
  columns: GridColumn[];
}
export interface ProgressMessage {
  type: 'progress';
  runId: string;
  /** Rows received so far. */
  rowCount: number;
  /** Rows in the current (sorted/filtered) view. */
  viewRowCount: number;
  viewVersion: number;
  elapsedMs: number;
}
export interface RunFinishedMessage {
  type: 'runFinished';
  runId: string;
  rowCount: number;
  viewRowCount: number;
  viewVersion: number;
  elapsedMs: number;
  info: RunInfoView;
}
export interface RunFailedMessage {
  type: 'runFailed';
  runId: string;
  message: string;
  line?: number;
  column?: number;
  elapsedMs: number;
}
export interface RunCancelledMessage {
  type: 'runCancelled';
  runId: string;
  rowCount: number;
  viewRowCount: number;
  viewVersion: number;
  elapsedMs: number;
}
export interface RowsMessage extends ViewRef {
  type: 'rows';
  requestId: number;
  start: number;
  rows: CellValue[][];
}
/** Sort or filter changed: the webview drops its cached pages and asks again. */
export interface ViewChangedMessage extends ViewRef {
  type: 'viewChanged';
  viewRowCount: number;
  sort?: SortSpec;
  filterText: string;
  filterColumn?: number;
}
export interface NoticeMessage {
  type: 'notice';
  text: string;
  kind: 'info' | 'error';
}

/** A follow-up for the run shown (e.g. "UNLOAD to S3" for a very large Redshift result). */
export interface OfferMessage {
  type: 'offer';
  runId: string;
  text: string;
  label: string;
}

export type HostMessage =
  | RunStartedMessage
  | ColumnsMessage
  | ProgressMessage
  | RunFinishedMessage
  | RunFailedMessage
  | RunCancelledMessage
  | RowsMessage
  | ViewChangedMessage
  | NoticeMessage
  | OfferMessage;

// ---- webview → host ----
export interface ReadyMessage {
  type: 'ready';
}
export interface GetRowsMessage extends ViewRef {
  type: 'getRows';
  requestId: number;
  start: number;
  count: number;
}
export interface SortMessage {
  type: 'sort';
  runId: string;
  /** Header clicked; the host cycles asc → desc → none. */
  column: number;
}
export interface FilterMessage {
  type: 'filter';
  runId: string;
  text: string;
  column?: number;
}
export interface CancelMessage {
  type: 'cancel';
  runId: string;
}
export interface ExportMessage {
  type: 'export';
  runId: string;
  format: ExportFormat;
}
/** Copy a rectangle of the current view as TSV (the host has every row; the webview may not). */
export interface CopyMessage extends ViewRef {
  type: 'copy';
  rowStart: number;
  /** Exclusive. */
  rowEnd: number;
  colStart: number;
  colEnd: number;
  includeHeader: boolean;
}

/** The user took the run's offer (its button). */
export interface AcceptOfferMessage {
  type: 'acceptOffer';
  runId: string;
}

export type WebviewMessage = ReadyMessage | GetRowsMessage | SortMessage | FilterMessage | CancelMessage | ExportMessage | CopyMessage | AcceptOfferMessage;

/** Rows per getRows request. */
export const PAGE_SIZE = 200;
/** Most rows one copy may put on the clipboard. */
export const MAX_COPY_ROWS = 1_000_000;
