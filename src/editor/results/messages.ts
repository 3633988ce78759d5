// What the Results webview may ask of the host, one handler per message of
// webviews/results/protocol.ts. Shapes are checked by the host before a handler runs; each
// handler also ignores a message about a run or view that is no longer shown.
import * as vscode from 'vscode';
import {
  AcceptOfferRequest,
  CancelCommand,
  CopyRequest,
  ExportRequest,
  FilterRequest,
  GetRowsRequest,
  MAX_PAGE_REQUEST,
  RunAgainRequest,
  SortRequest,
} from '../../../webviews/results/protocol';
import { Commands } from '../commands';
import type { WebviewHost } from '../webview/host';
import type { ActiveRun, RunOutlet } from './activeRun';
import type { RestoredRun } from './restoredPanel';

export interface ResultsState {
  /** The run shown, if any. */
  current(): ActiveRun | undefined;
  /** The run shown by a panel restored after a window reload (its rows are gone), if any. */
  restored(): RestoredRun | undefined;
  outlet(active: ActiveRun): RunOutlet;
  cancelCurrent(): boolean;
}

export function registerResultsMessages(host: Pick<WebviewHost, 'onCommand' | 'onRequest'>, state: ResultsState): void {
  const shown = (runId: string): ActiveRun | undefined => {
    const active = state.current();
    return active && active.run.id === runId ? active : undefined;
  };
  const shownView = (runId: string, viewVersion: number): ActiveRun | undefined => {
    const active = shown(runId);
    return active && active.session.viewVersion === viewVersion ? active : undefined;
  };

  host.onRequest(GetRowsRequest, ({ runId, viewVersion, start, count }) => {
    const active = shownView(runId, viewVersion);
    return active ? { rows: active.session.rowsInView(start, Math.min(MAX_PAGE_REQUEST, count)) } : undefined;
  });
  host.onRequest(SortRequest, async ({ runId, column }) => {
    const active = shown(runId);
    if (active && (await active.session.cycleSort(column))) state.outlet(active).viewChanged();
  });
  host.onRequest(FilterRequest, async ({ runId, text, column }) => {
    const active = shown(runId);
    if (active && (await active.session.setFilter(text, column))) state.outlet(active).viewChanged();
  });
  host.onCommand(CancelCommand, ({ runId }) => {
    if (shown(runId)) state.cancelCurrent();
  });
  host.onRequest(AcceptOfferRequest, async ({ runId }) => {
    const offer = shown(runId)?.offer;
    if (offer) await vscode.commands.executeCommand(offer.command, ...offer.args);
  });
  host.onRequest(RunAgainRequest, async ({ runId }) => {
    const restored = state.restored();
    if (restored && restored.state.runId === runId) await restored.runAgain();
  });
  host.onRequest(ExportRequest, async ({ format }) => {
    await vscode.commands.executeCommand(Commands.exportResults, format);
  });
  host.onRequest(CopyRequest, async (request) => {
    const active = shownView(request.runId, request.viewVersion);
    if (!active) return undefined;
    const { text, rows, truncated } = active.session.copyTsv(request);
    await vscode.env.clipboard.writeText(text);
    return { rows, columns: Math.max(0, request.colEnd - request.colStart), truncated };
  });
}
