// Sample data commands: generate deterministic enriched events to a TSV file, and register a
// local data file (TSV/CSV/Parquet/JSON) as a table of the local DuckDB engine.
import * as vscode from 'vscode';
import { Commands } from '../commands';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ConnectionConfig } from '../../core/connections/types';
import type { LocalEngine } from '../../core/engines/duckdb/index';
import type { Engine } from '../../core/engines/engine';
import type { EngineCache } from '../connections/engines';
import type { ConnectionManager } from '../connections/manager';
import { notificationText } from '../../core/text/notification';

/** The local engine offers `addFileAsTable` beyond `Engine`; checked at run time because the
 * cache hands out engines as `Engine`. */
function hasFileTables(engine: Engine): engine is Engine & Pick<LocalEngine, 'addFileAsTable'> {
  return typeof (engine as Partial<LocalEngine>).addFileAsTable === 'function';
}

const intInRange =
  (min: number, max: number) =>
  (v: string): string | undefined =>
    /^\d+$/.test(v.replace(/[_,]/g, '')) && +v.replace(/[_,]/g, '') >= min && +v.replace(/[_,]/g, '') <= max
      ? undefined
      : `A whole number from ${min} to ${max.toLocaleString('en-US')}`;

export function registerSample(
  context: vscode.ExtensionContext,
  connections: ConnectionManager,
  engines: EngineCache,
  log: vscode.LogOutputChannel,
): void {
  /** The active connection if it is local, else the first local one (the default always exists). */
  const localConnection = (): ConnectionConfig =>
    connections.active.kind === 'local' ? connections.active : connections.connections.find((c) => c.kind === 'local')!;

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.generateSampleEvents, async (target?: unknown, events?: unknown, days?: unknown) => {
      const sample = await import('../../core/sample/index');
      const defaults = sample.DEFAULT_SAMPLE_OPTIONS;
      let count = typeof events === 'number' ? events : undefined;
      let period = typeof days === 'number' ? days : undefined;
      let file = typeof target === 'string' ? target : target instanceof vscode.Uri ? target.fsPath : undefined;
      if (count === undefined) {
        const v = await vscode.window.showInputBox({
          title: 'Generate sample events',
          prompt: 'How many events?',
          value: String(defaults.events),
          validateInput: intInRange(1, 1_000_000_000),
        });
        if (v === undefined) return undefined;
        count = Number(v.replace(/[_,]/g, ''));
      }
      if (period === undefined) {
        const v = await vscode.window.showInputBox({
          title: 'Generate sample events',
          prompt: `Over how many days (from ${defaults.startDate})?`,
          value: String(defaults.days),
          validateInput: intInRange(1, 3660),
        });
        if (v === undefined) return undefined;
        period = Number(v);
      }
      if (file === undefined) {
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
        const picked = await vscode.window.showSaveDialog({
          title: 'Save sample events as',
          defaultUri: vscode.Uri.joinPath(folder, `sample-events-${count}.tsv`),
          filters: { 'Enriched events (TSV)': ['tsv'] },
        });
        if (!picked) return undefined;
        file = picked.fsPath;
      }
      const options = { events: count, days: period };
      try {
        sample.resolveSampleOptions(options);
      } catch (err) {
        void vscode.window.showErrorMessage(notificationText(`Data Workbench: ${(err as Error).message}`));
        return undefined;
      }
      const started = Date.now();
      try {
        const result = await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: `Generating ${count.toLocaleString('en-US')} sample events`,
            cancellable: true,
          },
          async (progress, token) => {
            const controller = new AbortController();
            token.onCancellationRequested(() => controller.abort());
            let reported = 0;
            return sample.writeSampleEvents(file!, options, {
              signal: controller.signal,
              onProgress: (p) => {
                const pct = (p.eventsWritten / p.eventsTotal) * 100;
                progress.report({ increment: pct - reported, message: `${p.eventsWritten.toLocaleString('en-US')} events` });
                reported = pct;
              },
            });
          },
        );
        log.info(`Wrote ${result.events} sample events (${result.bytes} bytes) to ${result.file} in ${Date.now() - started} ms`);
        if (typeof target !== 'string') {
          void vscode.window
            .showInformationMessage(
              notificationText(`Wrote ${result.events.toLocaleString('en-US')} events to ${path.basename(result.file)}.`),
              'Add as Table',
            )
            .then((pick) => {
              if (pick) void vscode.commands.executeCommand(Commands.addLocalFileAsTable, vscode.Uri.file(result.file));
            });
        }
        return result;
      } catch (err) {
        if ((err as Error)?.name === 'AbortError' || (err as Error)?.name === 'CancelledError') {
          log.info('Sample generation cancelled; no file written');
          return undefined;
        }
        log.error(`Sample generation failed: ${(err as Error).message}`);
        void vscode.window.showErrorMessage(notificationText(`Data Workbench: sample generation failed: ${(err as Error).message}`));
        return undefined;
      }
    }),

    vscode.commands.registerCommand(Commands.addLocalFileAsTable, async (file?: unknown, tableName?: unknown) => {
      let fsPath = typeof file === 'string' ? file : file instanceof vscode.Uri ? file.fsPath : undefined;
      if (!fsPath) {
        const picked = await vscode.window.showOpenDialog({
          title: 'Add a local file as a table',
          canSelectMany: false,
          filters: { 'Data files': ['tsv', 'csv', 'parquet', 'json', 'jsonl', 'ndjson'] },
        });
        if (!picked?.[0]) return undefined;
        fsPath = picked[0].fsPath;
      }
      const connection = localConnection();
      try {
        const engine = await engines.get(connection);
        if (!hasFileTables(engine)) throw new Error('the local engine in this build cannot add files as tables');
        const table = await engine.addFileAsTable(fsPath, { tableName: typeof tableName === 'string' ? tableName : undefined });
        log.info(`Added ${fsPath} as table ${table} on ${connection.name}`);
        void vscode.window.showInformationMessage(
          notificationText(`"${path.basename(fsPath)}" is now table ${table} on ${connection.name}.`),
        );
        return table;
      } catch (err) {
        log.error(`Adding ${fsPath} as a table failed: ${(err as Error).message}`);
        void vscode.window.showErrorMessage(
          notificationText(`Data Workbench: could not add ${path.basename(fsPath)}: ${(err as Error).message}`),
        );
        return undefined;
      }
    }),
  );
}
