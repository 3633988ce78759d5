// The "Data Workbench" log channel (Output panel, with levels) and the command that shows it.
import * as vscode from 'vscode';
import { Commands } from './commands';

export function registerLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  const log = vscode.window.createOutputChannel('Data Workbench', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand(Commands.showLog, () => log.show(true)),
  );
  return log;
}
