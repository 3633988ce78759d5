// The Results panel host: one webview panel, reused for every run. It streams a run's pages into
// a vscode-free ResultSession, tells the webview how many rows exist (throttled), and answers the
// webview's page requests. Sort, filter, copy and export all run here against the full result.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { CancelledError, EngineError, type ColumnInfo, type QueryExecution } from '../../core/engines/engine';
import type { ExportFormat } from '../../core/results/export/source';
import type { HistoryStatus, QueryHistory } from '../../core/results/history';
import { describeInfo } from '../../core/results/runInfo';
import { ResultSession } from '../../core/results/session';
import type { GridColumn, HostMessage, WebviewMessage } from '../../../webviews/results/protocol';
import { parseWebviewMessage } from '../../core/results/messages';
import type { ResultsPresenter, ResultsRun, RunOffer, RunSummary } from './api';
import { exportWithProgress } from './exportCommand';

const PROGRESS_INTERVAL_MS = 150;
const MAX_PAGE_REQUEST = 2000;
const VIEW_REFRESH_MS = 1000;

interface ActiveRun {
  run: ResultsRun;
  session: ResultSession;
  /** Set when the user (or a newer run) asked to stop. */
  cancelRequested: boolean;
  finishedAt?: number;
  /** The last status message, replayed if the webview reloads. */
  final?: HostMessage;
  /** A follow-up offered for this run (button in the panel), replayed on reload. */
  offer?: RunOffer;
  /** The service's id of a result it keeps (see ResultsRun.keepsResult). */
  storedResultId?: string;
}

export class ResultsPanel implements ResultsPresenter, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private current: ActiveRun | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly history: QueryHistory | undefined,
    private readonly log: vscode.LogOutputChannel | undefined,
  ) {}

  /** The run the panel shows, if any (for export and tests). */
  get active(): { id: string; title: string; session: ResultSession } | undefined {
    return this.current && { id: this.current.run.id, title: this.current.run.title, session: this.current.session };
  }

  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  async showRun(run: ResultsRun): Promise<RunSummary> {
    const previous = this.current;
    if (previous && previous.session.status === 'running') {
      previous.cancelRequested = true;
      previous.run.cancel();
    }
    previous?.session.dispose();
    const limitMb = vscode.workspace.getConfiguration('dataWorkbench').get<number>('results.memoryLimitMB', DEFAULT_MEMORY_LIMIT_MB);
    const active: ActiveRun = { run, session: new ResultSession({ memoryLimitBytes: Math.max(0, limitMb) * 2 ** 20 }), cancelRequested: false };
    this.current = active;
    this.ensurePanel(run.title);
    this.post({ type: 'runStarted', runId: run.id, title: run.title, sql: run.sql, connectionName: run.connectionName, startedAt: run.startedAt });
    return this.stream(active);
  }

  private async stream(active: ActiveRun): Promise<RunSummary> {
    const { run, session } = active;
    const isCurrent = () => this.current === active;
    let execution: QueryExecution | undefined;
    let lastProgress = 0;
    let lastRefresh = 0;
    let refreshing = false;
    try {
      execution = await run.execution;
      session.columns = execution.columns;
      if (isCurrent()) this.post({ type: 'columns', runId: run.id, columns: gridColumns(execution.columns) });
      this.makeOffer(active, { execution });
      for await (const page of execution.pages) {
        if (active.cancelRequested) break; // leaving the loop releases the server-side cursor
        // Past the memory limit, stop reading (this releases the cursor / stops the download):
        // the grid keeps the first rows and an export reads the result again from the start.
        if (!session.append(page)) break;
        const now = Date.now();
        if (isCurrent() && now - lastProgress >= PROGRESS_INTERVAL_MS) {
          lastProgress = now;
          this.postProgress(active);
        }
        // With a sort or filter set while rows stream in, re-arrange now and then (not per page:
        // sorting a million rows takes a while), without holding up the stream.
        if (session.viewStale && !refreshing && now - lastRefresh >= VIEW_REFRESH_MS) {
          refreshing = true;
          lastRefresh = now;
          session.refreshView().then(
            (changed) => { refreshing = false; if (changed) this.postViewChanged(active); },
            () => (refreshing = false),
          );
        }
      }
      if (session.viewStale && (await session.refreshView().catch(() => false))) this.postViewChanged(active);
      const elapsedMs = Date.now() - run.startedAt;
      if (active.cancelRequested) return this.finishCancelled(active, elapsedMs);
      session.status = 'done';
      if (run.keepsResult) active.storedResultId = execution.info.queryId;
      const info = describeInfo(execution.info);
      if (session.truncated) {
        info.notes.unshift(`showing the first ${session.rowCount} rows: the result passed the ${limitText(session)} memory limit (dataWorkbench.results.memoryLimitMB); Export writes every row`);
        this.offerFullExport(active);
      }
      active.final = { type: 'runFinished', runId: run.id, rowCount: session.rowCount, viewRowCount: session.viewRowCount, viewVersion: session.viewVersion, elapsedMs, info };
      if (isCurrent()) this.post(active.final);
      this.record(active, 'done', elapsedMs);
      return summary(session, elapsedMs, false);
    } catch (error) {
      const elapsedMs = Date.now() - run.startedAt;
      if (active.cancelRequested || error instanceof CancelledError) return this.finishCancelled(active, elapsedMs);
      session.status = 'error';
      const message = error instanceof Error ? error.message : String(error);
      const where = error instanceof EngineError && error.position !== undefined ? locate(run, error.position) : undefined;
      active.final = { type: 'runFailed', runId: run.id, message, elapsedMs, ...(where ?? {}) };
      if (isCurrent()) this.post(active.final);
      this.makeOffer(active, { error });
      this.record(active, 'error', elapsedMs, message);
      throw error;
    }
  }

  private offerFullExport(active: ActiveRun): void {
    const { session } = active;
    this.log?.warn(`${active.run.title}: kept the first ${session.rowCount} rows in memory (limit ${limitText(session)}); the rest was not read`);
    void vscode.window.showWarningMessage(
      `Data Workbench: the result is larger than the ${limitText(session)} memory limit. The grid shows its first ${session.rowCount} rows; an export writes them all.`,
      'Export All Rows…', 'Change Limit',
    ).then((pick) => {
      if (pick === 'Export All Rows…' && this.current === active) void vscode.commands.executeCommand('dataWorkbench.exportResults');
      if (pick === 'Change Limit') void vscode.commands.executeCommand('workbench.action.openSettings', 'dataWorkbench.results.memoryLimitMB');
    });
  }

  /** Asks the run whether it has a follow-up to offer (e.g. UNLOAD to S3) and shows it. */
  private makeOffer(active: ActiveRun, outcome: { execution?: QueryExecution; error?: unknown }): void {
    let offer: RunOffer | undefined;
    try {
      offer = active.run.offer?.(outcome);
    } catch (e) {
      this.log?.warn(`Results panel: offer failed: ${String(e)}`);
    }
    if (!offer) return;
    active.offer = offer;
    if (this.current === active) this.post({ type: 'offer', runId: active.run.id, text: offer.text, label: offer.label });
  }

  private finishCancelled(active: ActiveRun, elapsedMs: number): RunSummary {
    const { run, session } = active;
    session.status = 'cancelled';
    active.final = { type: 'runCancelled', runId: run.id, rowCount: session.rowCount, viewRowCount: session.viewRowCount, viewVersion: session.viewVersion, elapsedMs };
    if (this.current === active) this.post(active.final);
    this.record(active, 'cancelled', elapsedMs);
    return summary(session, elapsedMs, true);
  }

  private postProgress(active: ActiveRun): void {
    const { session, run } = active;
    this.post({ type: 'progress', runId: run.id, rowCount: session.rowCount, viewRowCount: session.viewRowCount, viewVersion: session.viewVersion, elapsedMs: Date.now() - run.startedAt });
  }

  private record(active: ActiveRun, status: HistoryStatus, elapsedMs: number, error?: string): void {
    const { run, session } = active;
    active.finishedAt = Date.now();
    void this.history
      ?.record({ id: run.id, sql: run.sql, connectionName: run.connectionName, engineKind: run.engineKind, startedAt: run.startedAt, elapsedMs, rowCount: session.rowCount, status, ...(error ? { error } : {}), ...(active.storedResultId ? { storedResultId: active.storedResultId } : {}) })
      .then(undefined, (e: unknown) => this.log?.warn(`query history not saved: ${String(e)}`));
  }

  /** Cancels the run shown, if it is still running. */
  cancelCurrent(): boolean {
    const active = this.current;
    if (!active || active.session.status !== 'running') return false;
    active.cancelRequested = true;
    active.run.cancel();
    return true;
  }

  // ---- panel --------------------------------------------------------------------------------

  private ensurePanel(title: string): void {
    if (this.panel) {
      this.panel.title = title;
      if (!this.panel.visible) this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
      return;
    }
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webviews');
    const panel = vscode.window.createWebviewPanel('dataWorkbench.results', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [root],
    });
    this.panel = panel;
    panel.webview.html = renderHtml(panel.webview, root);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        // The page shows untrusted data: its messages are checked before anything acts on them.
        const parsed = parseWebviewMessage(raw);
        if (parsed.ok) void this.onMessage(parsed.message);
        else this.log?.warn(`Results panel: ignored a message from the webview: ${parsed.reason}`);
      }),
      panel.onDidDispose(() => {
        this.panel = undefined;
        // Nobody is looking at the rows any more: stop paying for the query.
        this.cancelCurrent();
      }),
    );
  }

  private post(message: HostMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  private async onMessage(message: WebviewMessage): Promise<void> {
    const active = this.current;
    try {
      switch (message.type) {
        case 'ready':
          if (active) this.replay(active);
          return;
        case 'getRows': {
          if (!active || message.runId !== active.run.id || message.viewVersion !== active.session.viewVersion) return;
          const rows = active.session.rowsInView(message.start, Math.min(MAX_PAGE_REQUEST, Math.max(0, message.count)));
          this.post({ type: 'rows', requestId: message.requestId, runId: message.runId, viewVersion: message.viewVersion, start: message.start, rows });
          return;
        }
        case 'sort':
          if (active && message.runId === active.run.id && (await active.session.cycleSort(message.column))) this.postViewChanged(active);
          return;
        case 'filter':
          if (active && message.runId === active.run.id && (await active.session.setFilter(message.text, message.column))) this.postViewChanged(active);
          return;
        case 'cancel':
          if (active && message.runId === active.run.id) this.cancelCurrent();
          return;
        case 'acceptOffer':
          if (active?.offer && message.runId === active.run.id) await vscode.commands.executeCommand(active.offer.command, ...active.offer.args);
          return;
        case 'export':
          await vscode.commands.executeCommand('dataWorkbench.exportResults', message.format);
          return;
        case 'copy': {
          if (!active || message.runId !== active.run.id || message.viewVersion !== active.session.viewVersion) return;
          const { text, rows, truncated } = active.session.copyTsv(message);
          await vscode.env.clipboard.writeText(text);
          const cols = Math.max(0, message.colEnd - message.colStart);
          this.post({ type: 'notice', kind: truncated ? 'error' : 'info', text: truncated ? `Copied the first ${rows} rows only (clipboard limit); use Export for the rest` : `Copied ${rows} row${rows === 1 ? '' : 's'} × ${cols} column${cols === 1 ? '' : 's'}` });
          return;
        }
      }
    } catch (error) {
      this.log?.error(`Results panel: ${message.type} failed: ${error instanceof Error ? error.message : String(error)}`);
      this.post({ type: 'notice', kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  }

  private postViewChanged(active: ActiveRun): void {
    if (this.current !== active) return;
    const { session } = active;
    this.post({ type: 'viewChanged', runId: active.run.id, viewVersion: session.viewVersion, viewRowCount: session.viewRowCount, sort: session.sort, filterText: session.filter.text, filterColumn: session.filter.column });
  }

  /** The webview (re)loaded: bring it up to date with the run it should show. */
  private replay(active: ActiveRun): void {
    const { run, session } = active;
    this.post({ type: 'runStarted', runId: run.id, title: run.title, sql: run.sql, connectionName: run.connectionName, startedAt: run.startedAt, columns: session.columns.length ? gridColumns(session.columns) : undefined });
    if (session.viewVersion > 0) this.postViewChanged(active);
    if (active.offer) this.post({ type: 'offer', runId: run.id, text: active.offer.text, label: active.offer.label });
    if (active.final) this.post(active.final);
    else this.postProgress(active);
  }

  /** `dataWorkbench.exportResults`: the full result of the run shown. Returns the file written. */
  async exportResults(format: ExportFormat, target?: string): Promise<string | undefined> {
    const active = this.current;
    if (!active || !active.session.columns.length) {
      void vscode.window.showWarningMessage('Data Workbench: there is no result to export. Run a query first.');
      return undefined;
    }
    if (active.session.status === 'running') {
      void vscode.window.showWarningMessage('Data Workbench: the query is still running. Export once it has finished (or cancel it to export the rows received).');
      return undefined;
    }
    if (active.session.status === 'error') {
      void vscode.window.showWarningMessage('Data Workbench: the last query failed; there is nothing to export.');
      return undefined;
    }
    const { session, run } = active;
    if (session.truncated && !run.reread) {
      void vscode.window.showWarningMessage(`Data Workbench: this export holds only the first ${session.rowCount} rows the grid kept; the result cannot be read again.`);
    }
    return exportWithProgress(session.exportSource(run.reread), format, target, run.title, this.log);
  }

  dispose(): void {
    this.cancelCurrent();
    this.current?.session.dispose();
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

const DEFAULT_MEMORY_LIMIT_MB = 2048;

function limitText(session: ResultSession): string {
  return `${Math.round((session.memoryLimitBytes ?? 0) / 2 ** 20)} MB`;
}

function gridColumns(columns: readonly ColumnInfo[]): GridColumn[] {
  return columns.map(({ name, type, family }) => ({ name, type, family }));
}

function summary(session: ResultSession, elapsedMs: number, cancelled: boolean): RunSummary {
  return { rowCount: session.rowCount, elapsedMs, cancelled, columns: session.columns.map(({ name, type }) => ({ name, type })) };
}

/** Line/column for an engine position: the runner's document mapping when given, else within the SQL. */
export function locate(run: Pick<ResultsRun, 'sql' | 'locate'>, position: number): { line: number; column: number } {
  if (run.locate) return run.locate(position);
  const before = run.sql.slice(0, Math.max(0, position - 1));
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

export function renderHtml(webview: vscode.Webview, root: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, 'results.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root, 'results.css'));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${style}">
<title>Results</title>
</head>
<body data-state="idle">
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
