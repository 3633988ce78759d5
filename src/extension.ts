// Entry point. Kept thin: features register themselves and load their heavy parts lazily.
import * as vscode from 'vscode';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Data Workbench', { log: true });
  context.subscriptions.push(log);
  log.info('Data Workbench activated');
}

export function deactivate(): void {}
