// Used only when the Results panel module is not available: drains a run's rows so commands still
// return an honest RunSummary, and reports the count. The real presenter is in ../results/.
import type * as vscode from 'vscode';
import type { ResultsPresenter, ResultsRun, RunSummary } from '../results/api';

export class DrainPresenter implements ResultsPresenter {
  constructor(private readonly log: vscode.LogOutputChannel) {}

  async showRun(run: ResultsRun): Promise<RunSummary> {
    const execution = await run.execution;
    let rowCount = 0;
    for await (const page of execution.pages) rowCount += page.length;
    const summary = { rowCount, elapsedMs: Date.now() - run.startedAt, cancelled: false, columns: execution.columns.map(({ name, type }) => ({ name, type })) };
    this.log.info(`${run.title}: ${rowCount} row(s) (Results panel unavailable, rows not shown)`);
    return summary;
  }
}
