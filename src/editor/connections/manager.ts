// The connections the user configured, which one is active, and their passwords. Settings hold
// no secret: passwords live in SecretStorage or are asked for when missing, and are never logged.
import * as vscode from 'vscode';
import { chooseActive, needsPassword, removeRaw, resolveConnections, upsertRaw } from '../../core/connections/model';
import { secretKey, type ConnectionConfig } from '../../core/connections/types';
import { affectsSetting, inspectSetting, setting, updateSetting } from '../config';

const ACTIVE_KEY = 'dataWorkbench.activeConnection';

export class ConnectionManager implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ConnectionConfig>();
  /** Fires when the active connection or its settings change. */
  readonly onDidChangeActive = this.changed.event;
  private readonly listChanged = new vscode.EventEmitter<readonly ConnectionConfig[]>();
  readonly onDidChangeConnections = this.listChanged.event;
  private list: ConnectionConfig[] = [];
  private activeName = '';
  private lastProblems = '';
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.reload();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSetting(e, 'connections') || affectsSetting(e, 'defaultConnection')) this.reload();
      }),
      this.changed,
      this.listChanged,
    );
  }

  get connections(): readonly ConnectionConfig[] {
    return this.list;
  }

  get active(): ConnectionConfig {
    return this.list.find((c) => c.name === this.activeName) ?? this.list[0];
  }

  find(name: string): ConnectionConfig | undefined {
    return this.list.find((c) => c.name === name);
  }

  private reload(): void {
    const { connections, problems } = resolveConnections(setting('connections'));
    const before = this.active;
    this.list = connections;
    const remembered = this.context.workspaceState.get<string>(ACTIVE_KEY);
    this.activeName = chooseActive(connections, remembered, setting('defaultConnection')).name;
    const text = problems.join('\n');
    if (text && text !== this.lastProblems) {
      for (const p of problems) this.log.warn(`Connection settings: ${p}`);
      void vscode.window.showWarningMessage(`Data Workbench: ${problems.length} connection setting problem(s): ${problems[0]}`, 'Show Log').then((pick) => {
        if (pick) this.log.show();
      });
    }
    this.lastProblems = text;
    this.listChanged.fire(this.list);
    const after = this.active;
    if (!before || JSON.stringify(before) !== JSON.stringify(after)) this.changed.fire(after);
  }

  async setActive(name: string): Promise<ConnectionConfig> {
    const target = this.find(name);
    if (!target) throw new Error(`No connection named "${name}". Known: ${this.list.map((c) => c.name).join(', ')}`);
    await this.context.workspaceState.update(ACTIVE_KEY, name);
    if (this.activeName !== name) {
      this.activeName = name;
      this.log.info(`Active connection: ${name}`);
      this.changed.fire(target);
    }
    return target;
  }

  /** Saves a connection to user settings (never the workspace: connection details are personal
   * and a repository must not pick them up), replacing one with the same name. */
  async save(config: ConnectionConfig): Promise<void> {
    const global = inspectSetting('connections')?.globalValue;
    await updateSetting('connections', upsertRaw(global, config), vscode.ConfigurationTarget.Global);
    this.reload();
  }

  /** Removes a connection from every settings scope that defines it, and its stored password. */
  async remove(name: string): Promise<void> {
    const info = inspectSetting('connections');
    const scopes: [unknown, vscode.ConfigurationTarget][] = [
      [info?.globalValue, vscode.ConfigurationTarget.Global],
      [info?.workspaceValue, vscode.ConfigurationTarget.Workspace],
      [info?.workspaceFolderValue, vscode.ConfigurationTarget.WorkspaceFolder],
    ];
    for (const [value, target] of scopes) {
      if (Array.isArray(value) && value.some((e) => (e as { name?: unknown })?.name === name)) {
        await updateSetting('connections', removeRaw(value, name), target);
      }
    }
    await this.context.secrets.delete(secretKey(name));
    this.reload();
  }

  async storePassword(name: string, password: string): Promise<void> {
    await this.context.secrets.store(secretKey(name), password);
  }

  async forgetPassword(name: string): Promise<void> {
    await this.context.secrets.delete(secretKey(name));
  }

  /** The password for a connection that needs one: from SecretStorage, else asked for (and then
   * stored). Undefined when the connection needs none; throws when the user dismisses the prompt. */
  async password(config: ConnectionConfig): Promise<string | undefined> {
    if (!needsPassword(config)) return undefined;
    const stored = await this.context.secrets.get(secretKey(config.name));
    if (stored !== undefined) return stored;
    const typed = await askPassword(config.name);
    if (typed === undefined) throw new Error(`A password is needed to connect to "${config.name}"`);
    await this.storePassword(config.name, typed);
    return typed;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export function askPassword(connectionName: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `Password for "${connectionName}"`,
    prompt: 'Kept in VS Code secret storage (the OS keychain), never in settings or logs.',
    password: true,
    ignoreFocusOut: true,
  });
}
