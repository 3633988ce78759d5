// Opens a new untitled SQL document bound to a connection (made the active one, which the runner
// uses) and, for "Select top 100" and "Preview with Athena", runs it into the results panel
// through the ordinary run command.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../../core/connections/types';
import { Commands } from '../commands';
import type { ConnectionManager } from '../connections/manager';
import { notificationText } from '../../core/text/notification';

/** The configured connection equal to `wanted` in what identifies it (not its name), else
 * `wanted` saved to user settings after the user agreed; undefined when they declined. */
export async function ensureConnection(
  connections: ConnectionManager,
  wanted: ConnectionConfig,
  sameTarget: (c: ConnectionConfig) => boolean,
  log: vscode.LogOutputChannel,
): Promise<ConnectionConfig | undefined> {
  const existing = connections.connections.find(sameTarget);
  if (existing) return existing;
  const create = 'Create Connection';
  const pick = await vscode.window.showInformationMessage(
    notificationText(`No connection for ${wanted.name} yet. Create the connection "${wanted.name}" in your user settings?`),
    { modal: true },
    create,
  );
  if (pick !== create) return undefined;
  await connections.save(wanted);
  log.info(`Added connection ${wanted.name} (${wanted.kind})`);
  return connections.find(wanted.name);
}

/** A new untitled SQL editor with `sql`, on `connection` (made active); runs it when `run`. */
export async function openSqlOn(
  connections: ConnectionManager,
  connection: ConnectionConfig,
  sql: string,
  run: boolean,
): Promise<vscode.TextDocument> {
  await connections.setActive(connection.name);
  const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: sql });
  await vscode.window.showTextDocument(doc);
  // The statement starts the document, so offset 0 is inside it.
  if (run) await vscode.commands.executeCommand(Commands.runStatement, doc.uri, 0);
  return doc;
}
