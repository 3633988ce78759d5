// The Step Monitor panel's host: pushes the monitor model's rows to the webview, polls only
// while the panel is visible, cancels steps, and opens a step's stdout/stderr/controller log
// (EMR: from S3 under the cluster's LogUri; local: what the process wrote) in an editor.
import * as vscode from 'vscode';
import { WebviewHost, type ShowOptions } from '../webview/host';
import { WebviewTypes } from '../commands';
import type { JobsService } from './service';
import {
  CancelStepRequest,
  OpenLogRequest,
  RefreshCommand,
  RowsNotification,
  type LogKind,
  type RowView,
} from '../../../webviews/stepMonitor/protocol';
import type { MonitorRow } from '../../core/jobs/monitor';

const CANCELLABLE = ['PENDING', 'RUNNING'];
const LOG_SCHEME = 'dw-step-log';

export class MonitorPanel implements vscode.Disposable {
  private readonly host: WebviewHost;
  private viewState?: vscode.Disposable;
  private pushTimer?: NodeJS.Timeout;
  /** Texts of the step logs opened (by document URI), served read-only. */
  private readonly logs = new Map<string, string>();
  private logCounter = 0;
  private readonly logProvider: vscode.Disposable;

  constructor(
    extensionUri: vscode.Uri,
    private readonly service: JobsService,
  ) {
    this.host = new WebviewHost(extensionUri, {
      viewType: WebviewTypes.stepMonitor,
      bundle: 'stepMonitor',
      log: service.log,
      onReady: () => this.push(),
      onDidDispose: () => {
        this.viewState?.dispose();
        this.service.monitor.setVisible(false);
      },
    });
    this.host.onRequest(CancelStepRequest, ({ key }) => this.cancel(key));
    this.host.onRequest(OpenLogRequest, ({ key, kind }) => this.openLog(key, kind));
    this.host.onCommand(RefreshCommand, () => this.service.monitor.kick());
    service.monitor.onDidChange(() => this.schedulePush());
    service.showMonitor = (place = { focus: true }) => this.show(place);
    this.logProvider = vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, {
      provideTextDocumentContent: (uri) => this.logs.get(uri.toString()) ?? '(this log is no longer available)\n',
    });
  }

  show(place?: ShowOptions): void {
    const existed = Boolean(this.host.webviewPanel);
    this.host.show('Step Monitor', place);
    const panel = this.host.webviewPanel;
    if (panel && !existed) {
      this.viewState?.dispose();
      this.viewState = panel.onDidChangeViewState(() => this.service.monitor.setVisible(panel.visible));
    }
    this.service.monitor.setVisible(true);
    this.push();
  }

  /** Coalesces bursts of changes (a local step's output) into one message. */
  private schedulePush(): void {
    if (this.pushTimer) return;
    this.pushTimer = setTimeout(() => {
      this.pushTimer = undefined;
      this.push();
    }, 100);
  }

  private push(): void {
    if (!this.host.webviewPanel) return;
    const rows = this.service.monitor.list().map(toView);
    this.host.notify(RowsNotification, {
      rows,
      polling: this.service.monitor.pollerState,
      clusters: this.service.monitor.watchedClusters(),
    });
  }

  private row(key: string): MonitorRow {
    const row = this.service.monitor.get(key);
    if (!row) throw new Error('That step is no longer in the monitor');
    return row;
  }

  private async cancel(key: string): Promise<{ cancelled: boolean; reason?: string }> {
    const row = this.row(key);
    if (row.target === 'local') {
      const local = this.service.localRuns.get(row.id);
      return { cancelled: Boolean(local?.run.cancelStep(local.index)) };
    }
    const [result] = await this.service.forCluster(row.target).cancelSteps(row.target, [row.id]);
    this.service.log.info(`Jobs: cancel ${row.id} on ${row.target}: ${result?.cancelled ? 'submitted' : (result?.reason ?? 'refused')}`);
    this.service.monitor.kick();
    return { cancelled: Boolean(result?.cancelled), reason: result?.reason };
  }

  private async openLog(key: string, kind: LogKind): Promise<void> {
    const row = this.row(key);
    let text: string;
    let title: string;
    if (row.target === 'local') {
      const local = this.service.localRuns.get(row.id);
      if (!local) throw new Error('The output of this local step is gone (the window was reloaded)');
      text = local.run.logs[local.index][kind];
      title = `${row.name} (local) ${kind}`;
    } else {
      const explorer = new this.service.api.EmrExplorer(this.service.forCluster(row.target).target);
      try {
        const log = await explorer.readStepLog(row.target, row.id, kind);
        text = log.truncated ? `${log.text}\n[… truncated]` : log.text;
        title = log.uri;
      } finally {
        explorer.dispose();
      }
    }
    // A read-only document: closing it never asks to save.
    const uri = vscode.Uri.from({ scheme: LOG_SCHEME, path: `/${row.id}-${kind}.log`, query: String(++this.logCounter) });
    this.logs.set(uri.toString(), `# ${title}\n${text || `(the ${kind} log is empty)\n`}`);
    const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'log');
    // In the monitor's own group: the group of the click may not be the active one yet.
    await vscode.window.showTextDocument(doc, {
      preview: true,
      viewColumn: this.host.webviewPanel?.viewColumn ?? vscode.ViewColumn.Active,
    });
  }

  dispose(): void {
    this.logProvider.dispose();
    clearTimeout(this.pushTimer);
    this.viewState?.dispose();
    this.host.dispose();
  }
}

function toView(r: MonitorRow): RowView {
  return {
    key: r.key,
    target: r.target,
    id: r.id,
    name: r.name,
    state: r.state,
    started: r.started !== undefined ? new Date(r.started).toISOString() : undefined,
    duration: r.durationMs !== undefined ? formatDuration(r.durationMs) : '',
    failureReason: r.failureReason,
    submittedHere: r.submittedHere,
    canCancel: CANCELLABLE.includes(r.state),
  };
}

/** 950 ms → "1s", 75 s → "1m 15s", 2 h 3 m → "2h 3m". */
function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}
