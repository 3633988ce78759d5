// Running SQL: CodeLens, Ctrl/Cmd+Enter, run all, cancel.
import * as vscode from 'vscode';
import { BuiltinCommands, Commands, ContextKeys } from '../commands';
import type { ResultsPresenter } from '../results/api';
import type { EngineCache } from '../connections/engines';
import type { ConnectionManager } from '../connections/manager';
import { RunCodeLensProvider, StatementCache } from './codeLens';
import { splitOptionsFor } from '../../core/sql/dialect';
import { QueryDiagnostics } from './diagnostics';
import { QueryRunner, type StoredResultRequest } from './runner';
import { registerUnload } from './unload';

export function registerQueries(
  context: vscode.ExtensionContext,
  connections: ConnectionManager,
  engines: EngineCache,
  presenter: () => ResultsPresenter,
  log: vscode.LogOutputChannel,
): QueryRunner {
  const statements = new StatementCache(() => splitOptionsFor(connections.active.kind));
  const dialectChanged = new vscode.EventEmitter<void>();
  const diagnostics = new QueryDiagnostics();
  const runner = new QueryRunner(connections, engines, presenter, diagnostics, statements, log);
  const setRunning = (): Thenable<unknown> =>
    vscode.commands.executeCommand(BuiltinCommands.setContext, ContextKeys.queryRunning, runner.isRunning);
  const track = async <T>(work: Promise<T>): Promise<T> => {
    void setRunning();
    try {
      return await work;
    } finally {
      void setRunning();
    }
  };
  context.subscriptions.push(
    diagnostics,
    dialectChanged,
    connections.onDidChangeActive(() => dialectChanged.fire()),
    vscode.languages.registerCodeLensProvider({ language: 'sql' }, new RunCodeLensProvider(statements, dialectChanged.event)),
    vscode.workspace.onDidCloseTextDocument((doc) => statements.forget(doc)),
    vscode.commands.registerCommand(Commands.runStatement, (uri?: unknown, offset?: unknown) => {
      const editor = vscode.window.activeTextEditor;
      if (uri instanceof vscode.Uri && typeof offset === 'number') return track(runner.runStatement(uri, offset));
      return track(runner.runAtCursor(editor));
    }),
    vscode.commands.registerCommand(Commands.runStatementAtCursor, () => track(runner.runAtCursor(vscode.window.activeTextEditor))),
    vscode.commands.registerCommand(Commands.runAllStatements, async (uri?: unknown) => {
      const doc = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!doc) {
        void vscode.window.showInformationMessage('Data Workbench: open a SQL file to run its statements.');
        return [];
      }
      return track(runner.runAll(doc));
    }),
    vscode.commands.registerCommand(Commands.showStoredResult, (request?: unknown) => {
      const r = request as Partial<StoredResultRequest> | undefined;
      if (typeof r?.connectionName !== 'string' || typeof r.storedResultId !== 'string' || typeof r.sql !== 'string') return undefined;
      return track(
        runner.showStoredResult({ connectionName: r.connectionName, storedResultId: r.storedResultId, sql: r.sql, title: r.title }),
      );
    }),
    vscode.commands.registerCommand(Commands.cancelQuery, () => {
      const n = runner.cancelAll();
      if (n) log.info(`Cancel requested for ${n} running quer${n === 1 ? 'y' : 'ies'}`);
      return n;
    }),
  );
  // An UNLOAD starts running only after its prompts, so it refreshes the context key itself.
  registerUnload(context, connections, presenter, log, track, (controller) => {
    const release = runner.adopt(controller);
    void setRunning();
    return () => {
      release();
      void setRunning();
    };
  });
  return runner;
}
