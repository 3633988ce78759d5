// The fake extension host the Results webview talks to in the browser harness (harness.ts): it
// answers GetRowsRequest from a synthetic (or given) result and records what the webview sent.
// Typed against webviews/results/protocol.ts, so a protocol change breaks this file at compile time.
import { isIpcMessage, REPLY_METHOD, ReadyCommand, type IpcNotification, type IpcReply, type ParamsOf } from '../../../webviews/shared/ipc';
import {
  ColumnsNotification,
  CopyRequest,
  GetRowsRequest,
  NoticeNotification,
  OfferNotification,
  ProgressNotification,
  ResultNotKeptNotification,
  RunCancelledNotification,
  RunFailedNotification,
  RunFinishedNotification,
  RunStartedNotification,
  ViewChangedNotification,
  type CellValue,
  type ColumnFamily,
  type CopyParams,
  type CopyReply,
  type GetRowsParams,
  type GetRowsReply,
  type GridColumn,
} from '../../../webviews/results/protocol';

const notifications = {
  runStarted: RunStartedNotification,
  columns: ColumnsNotification,
  progress: ProgressNotification,
  runFinished: RunFinishedNotification,
  runFailed: RunFailedNotification,
  runCancelled: RunCancelledNotification,
  viewChanged: ViewChangedNotification,
  notice: NoticeNotification,
  offer: OfferNotification,
  resultNotKept: ResultNotKeptNotification,
} satisfies Record<string, IpcNotification<any>>;
type Notifications = typeof notifications;
/** A notification written as `{ type, ...params }` (how the tests spell them). */
export type HostSend = { [K in keyof Notifications]: { type: K } & ParamsOf<Notifications[K]> }[keyof Notifications];
/** What the webview sent, as `{ type: <message name>, ...params }`. */
export type Received = { type: string } & Record<string, unknown>;

const families: ColumnFamily[] = ['integer', 'string', 'float', 'timestamp', 'boolean', 'decimal', 'string', 'json', 'date', 'string'];
const types: Partial<Record<ColumnFamily, string>> = {
  integer: 'BIGINT',
  string: 'VARCHAR',
  float: 'DOUBLE',
  timestamp: 'TIMESTAMP',
  boolean: 'BOOLEAN',
  decimal: 'DECIMAL(18,2)',
  json: 'JSON',
  date: 'DATE',
};

function synthetic(i: number, c: number): CellValue {
  const f = families[c % families.length];
  if ((i + c) % 17 === 0) return null;
  switch (f) {
    case 'integer':
      return i * 31 + c;
    case 'float':
      return (i % 1000) / 7;
    case 'timestamp':
      return '2024-01-01 00:00:' + String(i % 60).padStart(2, '0') + '.123';
    case 'boolean':
      return i % 2 === 0;
    case 'decimal':
      return (i % 100000) + '.25';
    case 'json':
      return '{"event":"page_view","n":' + i + '}';
    case 'date':
      return '2024-02-' + String((i % 28) + 1).padStart(2, '0');
    default:
      return 'value ' + i + ' / col ' + c;
  }
}

const host = {
  received: [] as Received[],
  rows: null as CellValue[][] | null,
  rowCount: 0,
  columnCount: 20,
  runId: 'run-1',
  viewVersion: 0,
  violations: [] as string[],
  /** What the webview last passed to setState (VS Code keeps it to restore the panel). */
  savedState: undefined as unknown,
  /** Requests (by name) the host answers with this error instead of a value. */
  failRequests: {} as Record<string, string>,
  syntheticColumns(n: number): GridColumn[] {
    return Array.from({ length: n }, (_, c) => {
      const f = families[c % families.length];
      return { name: 'col_' + c + '_' + f, type: types[f] ?? 'VARCHAR', family: f };
    });
  },
  rowAt(i: number): CellValue[] {
    if (host.rows) return host.rows[i];
    return Array.from({ length: host.columnCount }, (_, c) => synthetic(i, c));
  },
  send(message: HostSend): void {
    const { type, ...params } = message;
    window.postMessage({ method: notifications[type].method, params }, '*');
  },
  reply(reply: IpcReply): void {
    window.postMessage(reply, '*');
  },
  getRows(request: GetRowsParams): GetRowsReply {
    if (request.runId !== host.runId || request.viewVersion !== host.viewVersion) return undefined;
    const end = Math.min(host.rowCount, request.start + request.count);
    const rows: CellValue[][] = [];
    for (let i = request.start; i < end; i++) rows.push(host.rowAt(i));
    return { rows };
  },
  handle(message: unknown): void {
    if (!isIpcMessage(message)) throw new Error(`the webview sent a message that is not IPC: ${JSON.stringify(message)}`);
    const name = message.method === ReadyCommand.method ? 'ready' : message.method.replace(/^results\//, '');
    host.received.push({ type: name, ...(message.params as object | undefined) });
    if (message.id === undefined) return;
    const error = host.failRequests[name];
    if (error !== undefined) return host.reply({ method: REPLY_METHOD, id: message.id, ok: false, error });
    host.reply({ method: REPLY_METHOD, id: message.id, ok: true, value: host.answer(message.method, message.params) });
  },
  answer(method: string, params: unknown): unknown {
    if (method === GetRowsRequest.method) return host.getRows(params as GetRowsParams);
    if (method === CopyRequest.method) {
      const p = params as CopyParams;
      return { rows: p.rowEnd - p.rowStart, columns: p.colEnd - p.colStart, truncated: false } satisfies CopyReply;
    }
    return undefined;
  },
  /** Starts a finished run with the given columns and rowCount (rows from host.rows or synthetic). */
  load(runId: string, columns: GridColumn[], rowCount: number): void {
    host.runId = runId;
    host.viewVersion = 0;
    host.rowCount = rowCount;
    host.columnCount = columns.length;
    const restore = { runId, title: 'bench.sql:1', connectionName: 'local', sql: 'select 1' };
    host.send({
      type: 'runStarted',
      runId,
      title: restore.title,
      sql: restore.sql,
      connectionName: restore.connectionName,
      startedAt: Date.now(),
      columns,
      restore,
    });
    host.send({ type: 'runFinished', runId, rowCount, viewRowCount: rowCount, viewVersion: 0, elapsedMs: 12, info: { notes: [] } });
  },
};

export type FakeHost = typeof host;

document.addEventListener('securitypolicyviolation', (e) => host.violations.push(e.violatedDirective + ' ' + e.blockedURI));
const page = window as unknown as { __host: FakeHost; acquireVsCodeApi(): unknown };
page.__host = host;
page.acquireVsCodeApi = () => ({
  postMessage: (m: unknown) => host.handle(m),
  getState: () => host.savedState,
  setState: (state: unknown) => (host.savedState = state),
});
