// The Results panel: one webview panel (src/editor/webview/host.ts), reused for every run. It
// hands each run to the stream loop (streamRun.ts), answers the webview's requests (messages.ts)
// and exports the run shown. Sort, filter, copy and export run here against the full result.
import * as vscode from 'vscode';
import { ResultSession } from '../../core/results/session';
import type { ExportFormat } from '../../core/results/export/source';
import type { QueryHistory } from '../../core/results/history';
import { parseRestorableRun } from '../../core/results/restore';
import { WebviewTypes } from '../commands';
import { setting } from '../config';
import { WebviewHost } from '../webview/host';
import { RunOutlet, type ActiveRun } from './activeRun';
import type { ResultsPresenter, ResultsRun, RunSummary } from './api';
import { exportActiveRun } from './exportCommand';
import { registerResultsMessages } from './messages';
import { RestoredRun } from './restoredPanel';
import { streamRun } from './streamRun';

export { renderHtml } from '../webview/host';
export { locate } from './streamRun';

export class ResultsPanel implements ResultsPresenter, vscode.Disposable {
  private readonly host: WebviewHost;
  private current: ActiveRun | undefined;
  /** Set while the panel shows a run from before a window reload (rows gone) and nothing newer. */
  private restored: RestoredRun | undefined;

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
        else this.restored?.show(this.host);
      },
      // Nobody is looking at the rows any more: stop paying for the query.
      onDidDispose: () => this.cancelCurrent(),
    });
    registerResultsMessages(this.host, {
      current: () => this.current,
      restored: () => this.restored,
      outlet: (a) => this.outlet(a),
      cancelCurrent: () => this.cancelCurrent(),
    });
  }

  /** Takes over the panel VS Code restored after a window reload; `state` is what its webview saved. */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    if (this.host.webviewPanel) {
      // A run opened a panel before VS Code got to restoring the old one: keep one Results panel.
      panel.dispose();
      return;
    }
    const saved = parseRestorableRun(state);
    if (state !== undefined && !saved) this.log?.warn('Results panel: ignored a restored webview state of the wrong shape');
    this.restored = saved && new RestoredRun(saved, this.history);
    this.host.attach(panel);
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
    const active: ActiveRun = {
      run,
      session: new ResultSession({ memoryLimitBytes: Math.max(0, limitMb) * 2 ** 20 }),
      cancelRequested: false,
    };
    this.current = active;
    this.restored = undefined;
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
