// The Results panel: one webview panel (src/editor/webview/host.ts), reused for every run. It
// hands each run to the stream loop (streamRun.ts), answers the webview's requests (messages.ts)
// and exports the run shown. Sort, filter, copy and export run here against the full result.
import * as vscode from 'vscode';
import { ResultSession } from '../../core/results/session';
import type { ExportFormat } from '../../core/results/export/source';
import type { QueryHistory } from '../../core/results/history';
import { WebviewTypes } from '../commands';
import { setting } from '../config';
import { WebviewHost } from '../webview/host';
import { RunOutlet, type ActiveRun } from './activeRun';
import type { ResultsPresenter, ResultsRun, RunSummary } from './api';
import { exportActiveRun } from './exportCommand';
import { registerResultsMessages } from './messages';
import { streamRun } from './streamRun';

export { renderHtml } from '../webview/host';
export { locate } from './streamRun';

export class ResultsPanel implements ResultsPresenter, vscode.Disposable {
  private readonly host: WebviewHost;
  private current: ActiveRun | undefined;

  constructor(
    extensionUri: vscode.Uri,
    private readonly history: QueryHistory | undefined,
    private readonly log: vscode.LogOutputChannel | undefined,
  ) {
    this.host = new WebviewHost(extensionUri, {
      viewType: WebviewTypes.results,
      bundle: 'results',
      retainContextWhenHidden: true,
      log,
      onReady: () => {
        if (this.current) this.outlet(this.current).replay();
      },
      // Nobody is looking at the rows any more: stop paying for the query.
      onDidDispose: () => this.cancelCurrent(),
    });
    registerResultsMessages(this.host, { current: () => this.current, outlet: (a) => this.outlet(a), cancelCurrent: () => this.cancelCurrent() });
  }

  /** The run the panel shows, if any (for export and tests). */
  get active(): { id: string; title: string; session: ResultSession } | undefined {
    return this.current && { id: this.current.run.id, title: this.current.run.title, session: this.current.session };
  }

  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.host.webviewPanel;
  }

  async showRun(run: ResultsRun): Promise<RunSummary> {
    const previous = this.current;
    if (previous && previous.session.status === 'running') {
      previous.cancelRequested = true;
      previous.run.cancel();
    }
    previous?.session.dispose();
    const limitMb = setting('results.memoryLimitMB');
    const active: ActiveRun = { run, session: new ResultSession({ memoryLimitBytes: Math.max(0, limitMb) * 2 ** 20 }), cancelRequested: false };
    this.current = active;
    this.host.show(run.title);
    const outlet = this.outlet(active);
    outlet.started();
    return streamRun(active, { outlet, isCurrent: () => this.current === active, history: this.history, log: this.log });
  }

  private outlet(active: ActiveRun): RunOutlet {
    return new RunOutlet(this.host, active, () => this.current === active);
  }

  /** Cancels the run shown, if it is still running. */
  cancelCurrent(): boolean {
    const active = this.current;
    if (!active || active.session.status !== 'running') return false;
    active.cancelRequested = true;
    active.run.cancel();
    return true;
  }

  /** `dataWorkbench.exportResults`: the full result of the run shown. Returns the file written. */
  exportResults(format: ExportFormat, target?: string): Promise<string | undefined> {
    return exportActiveRun(this.current, format, target, this.log);
  }

  dispose(): void {
    this.cancelCurrent();
    this.current?.session.dispose();
    this.host.dispose();
  }
}
