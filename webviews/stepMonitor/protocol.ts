// Messages between the Step Monitor host (src/editor/jobs/monitorPanel.ts) and its webview
// (webviews/stepMonitor/main.ts): the rows as they change; cancel, logs and refresh back.
import { IpcCommand, IpcNotification, IpcRequest } from '../shared/ipc';
import { object, oneOf, string } from '../shared/validate';

const scope = 'stepMonitor';

export const LOG_KINDS = ['stdout', 'stderr', 'controller'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

export interface RowView {
  key: string;
  /** A cluster id or `local`. */
  target: string;
  id: string;
  name: string;
  state: string;
  /** Start time, ISO. */
  started?: string;
  duration: string;
  failureReason?: string;
  submittedHere: boolean;
  canCancel: boolean;
}

export interface RowsParams {
  rows: RowView[];
  /** Polling state shown in the toolbar: `running`, `paused`, `idle`, `stopped`. */
  polling: string;
  clusters: string[];
}

export const RowsNotification = new IpcNotification<RowsParams>(scope, 'rows');

const key = string(400);
export const CancelStepRequest = new IpcRequest<{ key: string }, { cancelled: boolean; reason?: string }>(scope, 'cancel', object({ key }));
export const OpenLogRequest = new IpcRequest<{ key: string; kind: LogKind }>(scope, 'openLog', object({ key, kind: oneOf(LOG_KINDS) }));
export const RefreshCommand = new IpcCommand<void>(scope, 'refresh');
