// "UNLOAD to S3" for Redshift Data API connections: the offer shown in the Results panel when a
// result is very large (DescribeStatement's ResultRows/ResultSize over the threshold) or over the
// Data API's size cap, and the `dataWorkbench.unloadToS3` command (from that offer, or from the
// palette on the statement at the cursor). Missing settings are asked for and can be saved.
import * as vscode from 'vscode';
import { BuiltinCommands, Commands, ContextKeys } from '../commands';
import { setting } from '../config';
import * as path from 'node:path';
import { CancelledError, EngineError, type QueryExecution } from '../../core/engines/engine';
import type { ConnectionConfig, RedshiftConnection } from '../../core/connections/types';
import type { RedshiftDataExecutionInfo } from '../../core/engines/redshiftData/redshiftDataEngine';
import {
  iamRoleProblem,
  isResultSizeLimitError,
  normalizeS3Location,
  s3LocationProblem,
  unloadOfferReason,
  unloadableQuery,
} from '../../core/engines/redshiftData/unloadSql';
import { redactSecrets } from '../../core/sql/redact';
import { splitStatements, statementAt } from '../../core/sql/split';
import type { ResultsPresenter, ResultsRun, RunOffer, RunSummary } from '../results/api';
import { buildRun, cancelledSummary } from '../results/runs';
import type { ConnectionManager } from '../connections/manager';
import { splitOptionsFor } from '../../core/sql/dialect';
import { notificationText } from '../../core/text/notification';

/** Kept for callers and tests that name the command (same as Commands.unloadToS3). */
export const UNLOAD_COMMAND = Commands.unloadToS3;

/** What the offer hands to the command. */
export interface UnloadRequest {
  sql: string;
  connectionName: string;
  title?: string;
}

function isDataApi(c: ConnectionConfig | undefined): c is RedshiftConnection {
  return c?.kind === 'redshift' && c.mode === 'data-api';
}

function offerRows(): number {
  return setting('redshift.unloadOfferRows');
}

/** The Results panel offer for a run, or undefined when UNLOAD cannot apply (other engines,
 * statements UNLOAD cannot take). */
export function unloadOffer(connection: ConnectionConfig, sql: string, title: string): ResultsRun['offer'] {
  if (!isDataApi(connection)) return undefined;
  try {
    unloadableQuery(sql);
  } catch {
    return undefined;
  }
  const request: UnloadRequest = { sql, connectionName: connection.name, title };
  const make = (text: string): RunOffer => ({ text, label: 'UNLOAD to S3', command: UNLOAD_COMMAND, args: [request] });
  return ({ execution, error }) => {
    if (error !== undefined) {
      return isResultSizeLimitError(error)
        ? make('The result is larger than the Redshift Data API can return. UNLOAD writes it to S3 and the rows are read from there.')
        : undefined;
    }
    const reason = unloadOfferReason((execution?.info as RedshiftDataExecutionInfo | undefined)?.resultSize, offerRows());
    return reason
      ? make(`Large result: ${reason}. Rows keep arriving here page by page; UNLOAD to S3 exports it in one go and reads it back from S3.`)
      : undefined;
  };
}

export function registerUnload(
  context: vscode.ExtensionContext,
  connections: ConnectionManager,
  presenter: () => ResultsPresenter,
  log: vscode.LogOutputChannel,
  track: <T>(work: Promise<T>) => Promise<T>,
  adopt: (controller: AbortController) => () => void,
): void {
  const setContext = (): Thenable<unknown> =>
    vscode.commands.executeCommand(BuiltinCommands.setContext, ContextKeys.redshiftDataApi, isDataApi(connections.active));
  void setContext();
  context.subscriptions.push(
    connections.onDidChangeActive(() => void setContext()),
    vscode.commands.registerCommand(UNLOAD_COMMAND, (arg?: unknown, offset?: unknown) =>
      track(unloadCommand(connections, presenter, log, adopt, arg, offset)),
    ),
  );
}

/** The statement to unload: the offer's, the one at `offset` in `uri`, or the selection / the
 * statement at the cursor of the active editor. */
async function resolveRequest(connections: ConnectionManager, arg: unknown, offset: unknown): Promise<UnloadRequest | undefined> {
  if (
    arg &&
    typeof arg === 'object' &&
    typeof (arg as UnloadRequest).sql === 'string' &&
    typeof (arg as UnloadRequest).connectionName === 'string'
  )
    return arg as UnloadRequest;
  const split = splitOptionsFor(connections.active.kind);
  let doc: vscode.TextDocument | undefined;
  let at: number | undefined;
  if (arg instanceof vscode.Uri && typeof offset === 'number') {
    doc = await vscode.workspace.openTextDocument(arg);
    at = offset;
  } else {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    doc = editor.document;
    if (!editor.selection.isEmpty) {
      const sql = doc.getText(editor.selection).trim();
      return sql
        ? { sql, connectionName: connections.active.name, title: `${path.basename(doc.uri.path)}:${editor.selection.start.line + 1}` }
        : undefined;
    }
    at = doc.offsetAt(editor.selection.active);
  }
  const text = doc.getText();
  const s = statementAt(splitStatements(text, split), at, text);
  if (!s) return undefined;
  return { sql: s.text, connectionName: connections.active.name, title: `${path.basename(doc.uri.path)}:${s.line + 1}` };
}

/** Asks for missing UNLOAD settings; offers to save them on the connection. */
async function ensureSettings(
  connections: ConnectionManager,
  config: RedshiftConnection,
  log: vscode.LogOutputChannel,
): Promise<RedshiftConnection | undefined> {
  if (config.unloadS3Location && config.unloadIamRole) return config;
  const location =
    config.unloadS3Location ??
    (
      await vscode.window.showInputBox({
        title: `UNLOAD to S3 (${config.name}): S3 location`,
        prompt: 'S3 folder that receives the unloaded files; each run writes its own sub-folder.',
        placeHolder: 's3://my-bucket/redshift-unload/',
        ignoreFocusOut: true,
        validateInput: (v) => s3LocationProblem(v),
      })
    )?.trim();
  if (!location) return undefined;
  const iamRole =
    config.unloadIamRole ??
    (
      await vscode.window.showInputBox({
        title: `UNLOAD to S3 (${config.name}): IAM role`,
        prompt: 'ARN of the IAM role attached to the cluster/workgroup that may write to that S3 location.',
        placeHolder: 'arn:aws:iam::123456789012:role/RedshiftUnload',
        ignoreFocusOut: true,
        validateInput: (v) => iamRoleProblem(v),
      })
    )?.trim();
  if (!iamRole) return undefined;
  const updated: RedshiftConnection = { ...config, unloadS3Location: normalizeS3Location(location), unloadIamRole: iamRole };
  const save = await vscode.window.showInformationMessage(
    notificationText(`Save the UNLOAD location and IAM role to the connection "${config.name}" (user settings)?`),
    'Save',
    'Use Once',
  );
  if (save === undefined) return undefined;
  if (save === 'Save') {
    await connections.save(updated);
    log.info(`Saved unloadS3Location/unloadIamRole on connection ${config.name}`);
  }
  return updated;
}

async function unloadCommand(
  connections: ConnectionManager,
  presenter: () => ResultsPresenter,
  log: vscode.LogOutputChannel,
  adopt: (controller: AbortController) => () => void,
  arg: unknown,
  offset: unknown,
): Promise<RunSummary | undefined> {
  const request = await resolveRequest(connections, arg, offset);
  if (!request) {
    void vscode.window.showInformationMessage('Data Workbench: put the cursor in a SELECT statement to UNLOAD it to S3.');
    return undefined;
  }
  const found = connections.find(request.connectionName);
  if (!isDataApi(found)) {
    void vscode.window.showWarningMessage(
      notificationText(`Data Workbench: UNLOAD to S3 needs a Redshift Data API connection; "${request.connectionName}" is not one.`),
    );
    return undefined;
  }
  try {
    unloadableQuery(request.sql);
  } catch (e) {
    void vscode.window.showErrorMessage(notificationText(`Data Workbench: ${e instanceof Error ? e.message : String(e)}`));
    return undefined;
  }
  const config = await ensureSettings(connections, found, log);
  if (!config) return undefined;

  const controller = new AbortController();
  // Cancel Query (palette, editor title, status bar) stops an UNLOAD like any other run.
  const release = adopt(controller);
  try {
    return await runUnload(presenter, log, request, config, controller);
  } finally {
    release();
  }
}

async function runUnload(
  presenter: () => ResultsPresenter,
  log: vscode.LogOutputChannel,
  request: UnloadRequest,
  config: RedshiftConnection,
  controller: AbortController,
): Promise<RunSummary | undefined> {
  const title = `${request.title ?? 'query'} → S3`;
  const pageSize = setting('results.pageSize');
  log.info(
    `UNLOAD ${title} on ${config.name} to ${config.unloadS3Location}: ${redactSecrets(request.sql).replace(/\s+/g, ' ').slice(0, 200)}`,
  );
  // The notification (with Cancel) lasts while Redshift writes the files; then rows stream from S3.
  const execution: Promise<QueryExecution> = Promise.resolve(
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Data Workbench: UNLOAD to ${config.unloadS3Location}`, cancellable: true },
      async (progress, token) => {
        const sub = token.onCancellationRequested(() => controller.abort());
        try {
          const { executeUnload } = await import('../../core/engines/redshiftData/redshiftDataEngine');
          return await executeUnload(config, request.sql, {
            signal: controller.signal,
            pageSize,
            onProgress: ({ message }) => progress.report({ message }),
          });
        } finally {
          sub.dispose();
        }
      },
    ),
  );
  const run = buildRun('unload', {
    title,
    sql: request.sql,
    connectionName: config.name,
    engineKind: 'redshift',
    execution,
    cancel: () => controller.abort(),
  });
  try {
    const summary = await presenter().showRun(run);
    log.info(`${title}: ${summary.cancelled ? 'cancelled after' : 'done,'} ${summary.rowCount} row(s) in ${summary.elapsedMs} ms`);
    return summary;
  } catch (err) {
    if (err instanceof CancelledError || controller.signal.aborted) {
      log.info(`${title}: cancelled`);
      return cancelledSummary(run.startedAt);
    }
    const message = err instanceof Error ? err.message : String(err);
    log.error(`${title} failed on ${config.name}: ${message}`);
    if (!(err instanceof EngineError)) void vscode.window.showErrorMessage(notificationText(`Data Workbench: UNLOAD failed: ${message}`));
    return undefined;
  }
}
