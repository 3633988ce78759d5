// Runs statements from SQL documents on the active connection and hands each run to the Results
// panel. Failures become diagnostics and log lines; nothing here leaves the extension unusable.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { CancelledError, EngineError, type QueryExecution } from '../../core/engines/engine';
import type { ConnectionConfig } from '../../core/connections/types';
import { setting } from '../config';
import { enginePositionToOffset } from '../../core/sql/positions';
import { isReadOnlyStatement } from '../../core/sql/readOnly';
import { redactSecrets } from '../../core/sql/redact';
import { splitStatements, statementAt, type SqlStatement } from '../../core/sql/split';
import type { ResultsPresenter, ResultsRun, RunSummary } from '../results/api';
import { buildRun, cancelledSummary } from '../results/runs';
import type { EngineCache } from '../connections/engines';
import type { ConnectionManager } from '../connections/manager';
import type { StatementCache } from './codeLens';
import type { QueryDiagnostics } from './diagnostics';
import { splitOptionsFor } from '../../core/sql/dialect';
import { unloadOffer } from './unload';
import { notificationText } from '../../core/text/notification';

/** A statement located in a document: `start`/`end` are document offsets of `text`. */
interface Located {
  text: string;
  start: number;
  end: number;
}

/** Services that keep a statement's result to be read again: Athena (the result file in S3) and
 * the Redshift Data API (24 hours). */
function keepsResults(connection: ConnectionConfig): boolean {
  return connection.kind === 'athena' || (connection.kind === 'redshift' && connection.mode === 'data-api');
}

/** What "Show Stored Result" needs (a query-history entry's fields). */
export interface StoredResultRequest {
  connectionName: string;
  storedResultId: string;
  sql: string;
  title?: string;
}

/** A statement that ran to its end on `connection` (not cancelled, not failed). */
export interface RanStatement {
  connection: ConnectionConfig;
  sql: string;
}

export class QueryRunner {
  private readonly running = new Set<AbortController>();
  private readonly ran = new vscode.EventEmitter<RanStatement>();
  /** Fires after each statement that ran to its end: the SQL catalog reads itself again after DDL. */
  readonly onDidRunStatement = this.ran.event;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly engines: EngineCache,
    private readonly presenter: () => ResultsPresenter,
    private readonly diagnostics: QueryDiagnostics,
    private readonly statements: StatementCache,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get isRunning(): boolean {
    return this.running.size > 0;
  }

  /** Runs the statement containing `offset` in the document at `uri`. */
  async runStatement(uri: vscode.Uri, offset: number): Promise<RunSummary | undefined> {
    const doc = await vscode.workspace.openTextDocument(uri);
    const s = statementAt(this.statements.get(doc), offset, doc.getText());
    if (!s) {
      void vscode.window.showInformationMessage('Data Workbench: no SQL statement here.');
      return undefined;
    }
    return this.run(doc, s);
  }

  /** The selection's statements if something is selected, else the statement at the cursor. */
  async runAtCursor(editor: vscode.TextEditor | undefined): Promise<RunSummary | undefined> {
    if (!editor) {
      void vscode.window.showInformationMessage('Data Workbench: open a SQL file to run a statement.');
      return undefined;
    }
    const doc = editor.document;
    if (!editor.selection.isEmpty) {
      const base = doc.offsetAt(editor.selection.start);
      const inSelection = splitStatements(doc.getText(editor.selection), splitOptionsFor(this.connections.active.kind)).map((s) =>
        shift(s, base),
      );
      if (inSelection.length === 0) return undefined;
      const summaries = await this.runSequence(doc, inSelection);
      return summaries.length === inSelection.length ? summaries[summaries.length - 1] : undefined;
    }
    return this.runStatement(doc.uri, doc.offsetAt(editor.selection.active));
  }

  /** Runs every statement in order, stopping at the first failure. */
  async runAll(doc: vscode.TextDocument): Promise<RunSummary[]> {
    return this.runSequence(doc, this.statements.get(doc));
  }

  /** Counts work started elsewhere (UNLOAD to S3) as a running query, so Cancel Query and the
   * `dataWorkbench.queryRunning` context cover it too. Call the returned function when it ends. */
  adopt(controller: AbortController): () => void {
    this.running.add(controller);
    return () => this.running.delete(controller);
  }

  cancelAll(): number {
    const n = this.running.size;
    for (const c of this.running) c.abort();
    return n;
  }

  private async runSequence(doc: vscode.TextDocument, list: readonly Located[]): Promise<RunSummary[]> {
    const out: RunSummary[] = [];
    for (const s of list) {
      const summary = await this.run(doc, s);
      if (!summary) break;
      out.push(summary);
      if (summary.cancelled) break;
    }
    return out;
  }

  private async run(doc: vscode.TextDocument, s: Located): Promise<RunSummary | undefined> {
    const connection = this.connections.active;
    const controller = new AbortController();
    this.running.add(controller);
    const line = doc.positionAt(s.start).line + 1;
    const title = `${path.basename(doc.uri.path)}:${line}`;
    const pageSize = setting('results.pageSize');
    const started = Date.now();
    this.log.info(`Run ${title} on ${connection.name}: ${oneLine(s.text)}`);
    // The execution covers connecting too, so the panel shows "running" (with Cancel) at once.
    const execution: Promise<QueryExecution> = (async () => {
      const engine = await this.engines.get(connection, controller.signal);
      if (controller.signal.aborted) throw new CancelledError();
      return engine.execute(s.text, { signal: controller.signal, pageSize });
    })();
    const run = buildRun('run', {
      title,
      sql: s.text,
      connectionName: connection.name,
      engineKind: connection.kind,
      startedAt: started,
      execution,
      cancel: () => controller.abort(),
      offer: unloadOffer(connection, s.text, title),
      keepsResult: keepsResults(connection),
      reread: this.rereader(connection, s.text, execution, pageSize),
      locate: (position) => {
        const at = doc.positionAt(enginePositionToOffset(s.start, s.end - s.start, position));
        return { line: at.line + 1, column: at.character + 1 };
      },
    });
    try {
      const summary = await this.presenter().showRun(run);
      this.diagnostics.clear(doc, s.start, s.end);
      if (!summary.cancelled) this.ran.fire({ connection, sql: s.text });
      this.log.info(`${title}: ${summary.cancelled ? 'cancelled after' : 'done,'} ${summary.rowCount} row(s) in ${summary.elapsedMs} ms`);
      return summary;
    } catch (err) {
      if (
        err instanceof CancelledError ||
        (controller.signal.aborted && !(err instanceof EngineError && err.details.category !== 'cancelled'))
      ) {
        this.log.info(`${title}: cancelled`);
        return cancelledSummary(started);
      }
      this.fail(doc, s, title, connection.name, err);
      return undefined;
    } finally {
      this.running.delete(controller);
    }
  }

  /** Shows a result the service kept (Athena's result file in S3) without running the statement
   * again: nothing is scanned or billed. From the query history's "Show Stored Result" button. */
  async showStoredResult(request: StoredResultRequest): Promise<RunSummary | undefined> {
    const connection = this.connections.find(request.connectionName);
    if (!connection) {
      void vscode.window.showWarningMessage(
        notificationText(`Data Workbench: the connection "${request.connectionName}" no longer exists.`),
      );
      return undefined;
    }
    const controller = new AbortController();
    this.running.add(controller);
    const title = `${request.title ?? 'stored result'} (stored)`;
    const pageSize = setting('results.pageSize');
    this.log.info(`Show stored result ${request.storedResultId} on ${connection.name}`);
    const open = async (signal?: AbortSignal): Promise<QueryExecution> => {
      const engine = await this.engines.get(connection, signal);
      if (!engine.results)
        throw new EngineError(`${connection.name} does not keep query results; run the statement again instead`, { category: 'query' });
      return engine.results(request.storedResultId, { signal, pageSize });
    };
    const run = buildRun('stored', {
      title,
      sql: request.sql,
      connectionName: connection.name,
      engineKind: connection.kind,
      execution: open(controller.signal),
      cancel: () => controller.abort(),
      keepsResult: true,
      reread: (signal) => open(signal),
    });
    try {
      return await this.presenter().showRun(run);
    } catch (err) {
      if (err instanceof CancelledError || controller.signal.aborted) return cancelledSummary(run.startedAt);
      const message = err instanceof Error ? err.message : String(err);
      this.log.error(`Stored result ${request.storedResultId} on ${connection.name}: ${message}`);
      return undefined;
    } finally {
      this.running.delete(controller);
    }
  }

  /** How an export gets every row of a result the panel could not keep: the engine's stored
   * result (Athena) or, for a statement that only reads, the statement run again. */
  private rereader(
    connection: ConnectionConfig,
    sql: string,
    execution: Promise<QueryExecution>,
    pageSize: number | undefined,
  ): ResultsRun['reread'] {
    const rerunnable = isReadOnlyStatement(sql, splitOptionsFor(connection.kind));
    return async (signal) => {
      const engine = await this.engines.get(connection, signal);
      const queryId = (await execution).info.queryId;
      if (engine.results && queryId) return engine.results(queryId, { signal, pageSize });
      if (!rerunnable)
        throw new EngineError(
          'This statement may change data, so it is not run again to export the rows the grid could not keep. Raise dataWorkbench.results.memoryLimitMB, or write the result out with the engine (CREATE TABLE AS, UNLOAD, COPY).',
          { category: 'query' },
        );
      return engine.execute(sql, { signal, pageSize });
    };
  }

  private fail(doc: vscode.TextDocument, s: Located, title: string, connectionName: string, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof EngineError) {
      const d = this.diagnostics.report(doc, s.start, s.end, err);
      const where = `line ${d.range.start.line + 1}, column ${d.range.start.character + 1}`;
      this.log.error(`${title} failed on ${connectionName} at ${where}: ${message}`);
      if (err.details.category === 'auth') {
        // A wrong stored password would fail forever: forget it so the next run asks again.
        void this.connections.forgetPassword(connectionName);
        void this.engines.drop(connectionName, 'authentication failed');
      }
    } else {
      this.log.error(`${title} failed on ${connectionName}: ${message}`);
      if (err instanceof Error && err.stack) this.log.debug(err.stack);
      void vscode.window
        .showErrorMessage(notificationText(`Data Workbench: ${message}`), 'Show Log')
        .then((pick) => pick && this.log.show());
    }
  }
}

function shift(s: SqlStatement, base: number): Located {
  return { text: s.text, start: s.start + base, end: s.end + base };
}

function oneLine(sql: string): string {
  const flat = redactSecrets(sql).replace(/\s+/g, ' ');
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
