// The connections the user configured, which one is active, and their passwords. Settings hold
// no secret: passwords live in SecretStorage (bound to the connection's identity, see
// core/connections/secrets.ts) or are asked for when missing, and are never logged.
import * as vscode from 'vscode';
import { chooseActive, describeConnection, kindLabel, removeRaw, resolveConnectionScopes, upsertRaw } from '../../core/connections/model';
import { ConnectionSecrets, type ConnectionOrigin } from '../../core/connections/secrets';
import type { ConnectionConfig } from '../../core/connections/types';
import { affectsSetting, inspectSetting, setting, updateSetting } from '../config';
import { notificationText } from '../../core/text/notification';

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
  private fromWorkspace = new Set<string>();
  private readonly secrets: ConnectionSecrets;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.secrets = new ConnectionSecrets(context.secrets, context.globalState, {
      password: (c) => askPassword(c.name),
      confirmWorkspaceConnection: confirmWorkspaceConnection,
    });
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
    // Per scope, so a workspace's connections are known as such (they need a confirmation).
    const info = inspectSetting('connections');
    const { connections, problems, fromWorkspace } = resolveConnectionScopes({
      user: info?.globalValue,
      workspace: info?.workspaceValue,
      workspaceFolder: info?.workspaceFolderValue,
    });
    const before = this.active;
    this.list = connections;
    this.fromWorkspace = fromWorkspace;
    const remembered = this.context.workspaceState.get<string>(ACTIVE_KEY);
    this.activeName = chooseActive(connections, remembered, setting('defaultConnection')).name;
    const text = problems.join('\n');
    if (text && text !== this.lastProblems) {
      for (const p of problems) this.log.warn(`Connection settings: ${p}`);
      void vscode.window
        .showWarningMessage(
          notificationText(`Data Workbench: ${problems.length} connection setting problem(s): ${problems[0]}`),
          'Show Log',
        )
        .then((pick) => {
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
    const removed = this.find(name);
    if (removed) await this.secrets.forget(removed, this.origin(removed));
    this.reload();
  }

  /** 'workspace' for a connection a workspace's settings define (used only once confirmed). */
  origin(config: ConnectionConfig): ConnectionOrigin {
    return this.fromWorkspace.has(config.name) ? 'workspace' : 'user';
  }

  async storePassword(config: ConnectionConfig, password: string): Promise<void> {
    await this.secrets.store(config, password);
  }

  async forgetPassword(name: string): Promise<void> {
    const config = this.find(name);
    if (config) await this.secrets.forget(config, this.origin(config));
  }

  /** The password for a connection that needs one: stored for its identity, else asked for (and
   * then stored). A workspace-defined connection is confirmed by the user first. Undefined when
   * the connection needs none; throws when the user declines or dismisses a prompt. */
  async password(config: ConnectionConfig): Promise<string | undefined> {
    return this.secrets.password(config, this.origin(config));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

async function confirmWorkspaceConnection(c: ConnectionConfig): Promise<boolean> {
  const use = 'Use This Connection';
  const pick = await vscode.window.showWarningMessage(
    notificationText(
      `The workspace settings define the connection "${c.name}" (${kindLabel(c)} · ${describeConnection(c)}). Using it sends your credentials for it there. Use it?`,
    ),
    {
      modal: true,
      detail: 'Only confirm connections you expect this repository to define. You will be asked again if its settings change.',
    },
    use,
  );
  return pick === use;
}

export function askPassword(connectionName: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `Password for "${connectionName}"`,
    prompt: 'Kept in VS Code secret storage (the OS keychain), never in settings or logs.',
    password: true,
    ignoreFocusOut: true,
  });
}
