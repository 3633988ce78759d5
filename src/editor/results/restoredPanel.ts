// A Results panel VS Code restored after a window reload. Its rows are gone (they lived only in
// memory); the webview state names the run, so the panel says so and offers to run it again.
import type { QueryHistory } from '../../core/results/history';
import { notKeptText, restoredAction, type RestorableRun } from '../../core/results/restore';
import { ResultNotKeptNotification } from '../../../webviews/results/protocol';
import type { WebviewHost } from '../webview/host';
import { openForEdit, rerun } from './history';

export class RestoredRun {
  constructor(
    readonly state: RestorableRun,
    private readonly history: QueryHistory | undefined,
  ) {}

  /** Tells the (re)loaded webview the result is gone, with the button that fits. */
  show(host: Pick<WebviewHost, 'notify'>): void {
    const { text, label } = notKeptText(restoredAction(this.state, this.history?.list() ?? []));
    const { runId, title, sql, connectionName } = this.state;
    host.notify(ResultNotKeptNotification, { runId, title, sql, connectionName, text, label });
  }

  /** The button: runs the history's copy of the statement again, or opens the text for editing. */
  async runAgain(): Promise<void> {
    const action = restoredAction(this.state, this.history?.list() ?? []);
    if (action.kind === 'runAgain') await rerun(action.entry);
    else await openForEdit(action.statement);
  }
}
