// Registers the Results panel, export and query history. Returns the presenter the query runner
// hands its runs to.
import * as vscode from 'vscode';
import { Commands, WebviewTypes } from '../commands';
import { EXPORT_FORMATS, type ExportFormat } from '../../core/results/export/source';
import { QueryHistory } from '../../core/results/history';
import type { ResultsPresenter } from './api';
import { showQueryHistory } from './history';
import { registerWebviewRestore } from '../webview/host';
import { ResultsPanel } from './resultsPanel';

export function registerResults(context: vscode.ExtensionContext, log?: vscode.LogOutputChannel): ResultsPanel & ResultsPresenter {
  const history = new QueryHistory(context.workspaceState);
  const panel = new ResultsPanel(context.extensionUri, history, log);
  context.subscriptions.push(
    panel,
    registerWebviewRestore(WebviewTypes.results, (restored, state) => panel.restore(restored, state)),
    vscode.commands.registerCommand(Commands.exportResults, async (format?: unknown, target?: unknown) => {
      let chosen =
        typeof format === 'string' && (EXPORT_FORMATS as readonly string[]).includes(format) ? (format as ExportFormat) : undefined;
      if (!chosen) {
        const pick = await vscode.window.showQuickPick(
          EXPORT_FORMATS.map((f) => ({ label: f.toUpperCase(), format: f })),
          { title: 'Export results as' },
        );
        chosen = pick?.format;
      }
      if (!chosen) return undefined;
      return panel.exportResults(chosen, typeof target === 'string' ? target : target instanceof vscode.Uri ? target.fsPath : undefined);
    }),
    vscode.commands.registerCommand(Commands.showQueryHistory, () => showQueryHistory(history)),
  );
  return panel;
}
