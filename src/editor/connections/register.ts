// Connection commands and the status-bar item `$(database) <name>`.
import * as vscode from 'vscode';
import { BuiltinCommands, Commands, ContextKeys } from '../commands';
import { describeConnection, kindLabel, needsPassword } from '../../core/connections/model';
import { DEFAULT_LOCAL_CONNECTION, type ConnectionConfig } from '../../core/connections/types';
import type { EngineCache } from './engines';
import { askPassword, type ConnectionManager } from './manager';
import { connectionWizard } from './wizard';
import { notificationText } from '../../core/text/notification';

export function registerConnections(
  context: vscode.ExtensionContext,
  connections: ConnectionManager,
  engines: EngineCache,
  log: vscode.LogOutputChannel,
): void {
  const item = vscode.window.createStatusBarItem('dataWorkbench.connection', vscode.StatusBarAlignment.Left, 100);
  item.name = 'Data Workbench Connection';
  item.command = Commands.selectConnection;
  const render = (c: ConnectionConfig): void => {
    item.text = `$(database) ${c.name}`;
    item.tooltip = `Data Workbench connection: ${c.name}\n${kindLabel(c)} · ${describeConnection(c)}\nClick to switch.`;
    void vscode.commands.executeCommand(
      BuiltinCommands.setContext,
      ContextKeys.hasAwsConnection,
      connections.connections.some((x) => x.kind === 'redshift' || x.kind === 'athena'),
    );
  };
  render(connections.active);
  item.show();
  context.subscriptions.push(
    item,
    connections.onDidChangeActive(render),
    connections.onDidChangeConnections(() => render(connections.active)),
  );

  const pickConnection = async (
    title: string,
    filter: (c: ConnectionConfig) => boolean,
    withAdd: boolean,
  ): Promise<ConnectionConfig | 'add' | undefined> => {
    type Item = vscode.QuickPickItem & { config?: ConnectionConfig };
    const active = connections.active.name;
    const items: Item[] = connections.connections.filter(filter).map((c) => ({
      label: c.name,
      description: kindLabel(c) + (c.name === active ? ' · active' : ''),
      detail: describeConnection(c),
      config: c,
    }));
    if (withAdd) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(add) Add connection…' });
    const chosen = await vscode.window.showQuickPick(items, { title, matchOnDescription: true, matchOnDetail: true });
    if (!chosen) return undefined;
    return chosen.config ?? 'add';
  };

  const addConnection = async (): Promise<string | undefined> => {
    const config = await connectionWizard(connections.connections.map((c) => c.name));
    if (!config) return undefined;
    await connections.save(config);
    log.info(`Added connection ${config.name} (${kindLabel(config)})`);
    if (needsPassword(config)) {
      const pw = await askPassword(config.name);
      if (pw !== undefined) await connections.storePassword(config, pw);
    }
    await connections.setActive(config.name);
    void vscode.window.showInformationMessage(notificationText(`Connection "${config.name}" added and selected.`));
    return config.name;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.selectConnection, async (name?: unknown): Promise<string> => {
      if (typeof name === 'string') {
        if (!connections.find(name)) {
          void vscode.window.showErrorMessage(notificationText(`Data Workbench: no connection named "${name}".`));
          return connections.active.name;
        }
        return (await connections.setActive(name)).name;
      }
      const chosen = await pickConnection('Select the Data Workbench connection', () => true, true);
      if (chosen === 'add') return (await addConnection()) ?? connections.active.name;
      if (chosen) await connections.setActive(chosen.name);
      return connections.active.name;
    }),
    vscode.commands.registerCommand(Commands.addConnection, addConnection),
    vscode.commands.registerCommand(Commands.removeConnection, async (name?: unknown): Promise<boolean> => {
      const removable = (c: ConnectionConfig): boolean => c !== DEFAULT_LOCAL_CONNECTION;
      const target = typeof name === 'string' ? connections.find(name) : await pickConnection('Remove which connection?', removable, false);
      if (!target || target === 'add' || !removable(target)) {
        if (typeof name === 'string')
          void vscode.window.showErrorMessage(notificationText(`Data Workbench: no removable connection named "${name}".`));
        return false;
      }
      if (typeof name !== 'string') {
        const ok = await vscode.window.showWarningMessage(
          notificationText(`Remove connection "${target.name}" and its stored password?`),
          { modal: true },
          'Remove',
        );
        if (ok !== 'Remove') return false;
      }
      await engines.drop(target.name, 'connection removed');
      await connections.remove(target.name);
      log.info(`Removed connection ${target.name}`);
      return true;
    }),
    vscode.commands.registerCommand(Commands.setConnectionPassword, async (name?: unknown): Promise<boolean> => {
      const target =
        typeof name === 'string'
          ? connections.find(name)
          : await pickConnection('Set the password of which connection?', needsPassword, false);
      if (!target || target === 'add') return false;
      if (!needsPassword(target)) {
        void vscode.window.showInformationMessage(
          notificationText(
            `"${target.name}" uses ${target.kind === 'local' ? 'no password' : 'AWS credentials from your profile'}, not a password.`,
          ),
        );
        return false;
      }
      const pw = await askPassword(target.name);
      if (pw === undefined) return false;
      await connections.storePassword(target, pw);
      await engines.drop(target.name, 'password changed');
      log.info(`Password updated for ${target.name}`);
      return true;
    }),
  );
}
