// Export with a cancellable progress notification. The writers stream the full result from the
// host's row store to a temporary file and rename it into place, so a cancelled or failed export
// leaves nothing behind.
import * as vscode from 'vscode';
import { exportResult } from '../../core/results/export';
import type { ExportFormat, ExportSource } from '../../core/results/export/source';
import type { ActiveRun } from './activeRun';
import { notificationText } from '../../core/text/notification';

const LABELS: Record<ExportFormat, string> = { csv: 'CSV', jsonl: 'JSON lines', parquet: 'Parquet' };

export async function exportWithProgress(
  source: ExportSource,
  format: ExportFormat,
  target: string | undefined,
  title: string,
  log?: vscode.LogOutputChannel,
): Promise<string | undefined> {
  const file = target ?? (await askTarget(format, title));
  if (!file) return undefined;
  const started = Date.now();
  try {
    const written = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title:
          source.rowCount === undefined
            ? `Exporting every row as ${LABELS[format]} (reading the result again)`
            : `Exporting ${source.rowCount} rows as ${LABELS[format]}`,
        cancellable: true,
      },
      async (progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        let reported = 0;
        try {
          return await exportResult(format, source, file, {
            signal: controller.signal,
            onProgress: (done, total) => {
              if (total === undefined) return progress.report({ message: `${done} rows` });
              const pct = total ? (done / total) * 100 : 100;
              progress.report({ increment: pct - reported, message: `${done} / ${total} rows` });
              reported = pct;
            },
          });
        } finally {
          sub.dispose();
        }
      },
    );
    log?.info(`Exported ${written} rows to ${file} (${format}) in ${Date.now() - started} ms`);
    void vscode.window
      .showInformationMessage(notificationText(`Exported ${written} rows to ${vscode.workspace.asRelativePath(file)}`), 'Reveal')
      .then((pick) => {
        if (pick) void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(file));
      });
    return file;
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') {
      log?.info(`Export to ${file} cancelled; no file written`);
      return undefined;
    }
    const message = error instanceof Error ? error.message : String(error);
    log?.error(`Export to ${file} failed: ${message}`);
    void vscode.window.showErrorMessage(notificationText(`Data Workbench: export failed: ${message}`));
    throw error;
  }
}

async function askTarget(format: ExportFormat, title: string): Promise<string | undefined> {
  const base = title.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'results';
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const defaultUri = folder ? vscode.Uri.joinPath(folder, `${base}.${format}`) : undefined;
  const uri = await vscode.window.showSaveDialog({ defaultUri, filters: { [LABELS[format]]: [format] }, saveLabel: 'Export' });
  return uri?.fsPath;
}

/** `dataWorkbench.exportResults` for the run the panel shows: explains why there is nothing to
 * export, warns when the rows cannot be read again, else writes every row. Returns the file. */
export async function exportActiveRun(
  active: ActiveRun | undefined,
  format: ExportFormat,
  target: string | undefined,
  log?: vscode.LogOutputChannel,
): Promise<string | undefined> {
  if (!active || !active.session.columns.length) {
    void vscode.window.showWarningMessage('Data Workbench: there is no result to export. Run a query first.');
    return undefined;
  }
  if (active.session.status === 'running') {
    void vscode.window.showWarningMessage(
      'Data Workbench: the query is still running. Export once it has finished (or cancel it to export the rows received).',
    );
    return undefined;
  }
  if (active.session.status === 'error') {
    void vscode.window.showWarningMessage('Data Workbench: the last query failed; there is nothing to export.');
    return undefined;
  }
  const { session, run } = active;
  if (session.truncated && !run.reread) {
    void vscode.window.showWarningMessage(
      notificationText(
        `Data Workbench: this export holds only the first ${session.rowCount} rows the grid kept; the result cannot be read again.`,
      ),
    );
  }
  return exportWithProgress(session.exportSource(run.reread), format, target, run.title, log);
}
