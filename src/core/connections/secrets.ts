// Who gets a connection's password. A password is stored under the connection's identity (kind,
// host, port, database, user), so a connection that points elsewhere never receives it, whatever
// its name. A connection defined by a workspace (a repository's .vscode/settings.json) is used
// only after the user confirmed it; the confirmation is bound to all of its settings.
import { legacyPasswordKey, passwordKey } from './identity';
import { needsPassword } from './model';
import type { ConnectionConfig } from './types';

/** The slice of vscode.SecretStorage used here. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** The slice of vscode.Memento used here (globalState: confirmations hold in every workspace). */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface SecretPrompts {
  /** Asks for the password; undefined when dismissed. */
  password(c: ConnectionConfig): PromiseLike<string | undefined>;
  /** Asks whether a workspace-defined connection may be used; false when declined or dismissed. */
  confirmWorkspaceConnection(c: ConnectionConfig): PromiseLike<boolean>;
}

/** Where a connection's settings come from: the user's own settings, or a workspace's. */
export type ConnectionOrigin = 'user' | 'workspace';

export const CONFIRMED_KEY = 'dataWorkbench.confirmedWorkspaceConnections';
const MAX_CONFIRMATIONS = 200;

/** Thrown when the user declines (or dismisses) a prompt that the connection needs. */
export class NotConfirmedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotConfirmedError';
  }
}

/** Every setting of the connection except its name, in a fixed order: a confirmed workspace
 * connection whose host, port, user, sslmode, endpoint… changed must be confirmed again. */
function confirmationKey(c: ConnectionConfig): string {
  const entries = Object.entries(c).filter(([k, v]) => k !== 'name' && v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

/** Whether using the connection needs the user's confirmation first: a workspace could otherwise
 * send the user's AWS or database credentials to a server of its choosing. */
function needsConfirmation(c: ConnectionConfig, origin: ConnectionOrigin): boolean {
  return origin === 'workspace' && c.kind !== 'local';
}

export class ConnectionSecrets {
  constructor(
    private readonly secrets: SecretStore,
    private readonly state: StateStore,
    private readonly prompts: SecretPrompts,
  ) {}

  isConfirmed(c: ConnectionConfig): boolean {
    return (this.state.get<string[]>(CONFIRMED_KEY) ?? []).includes(confirmationKey(c));
  }

  /** Resolves when the connection may be used; asks once per distinct set of settings. */
  async ensureConfirmed(c: ConnectionConfig, origin: ConnectionOrigin): Promise<void> {
    if (!needsConfirmation(c, origin) || this.isConfirmed(c)) return;
    if (!(await this.prompts.confirmWorkspaceConnection(c))) {
      throw new NotConfirmedError(`Connection "${c.name}" is defined by this workspace and was not confirmed, so it was not used`);
    }
    const list = (this.state.get<string[]>(CONFIRMED_KEY) ?? []).filter((k) => k !== confirmationKey(c));
    await this.state.update(CONFIRMED_KEY, [confirmationKey(c), ...list].slice(0, MAX_CONFIRMATIONS));
  }

  /** The password for a connection that needs one: the one stored for its identity, else (for a
   * user-settings connection) one stored under its name by an earlier version, else asked for
   * and stored. Undefined when none is needed; throws NotConfirmedError when the user declines. */
  async password(c: ConnectionConfig, origin: ConnectionOrigin): Promise<string | undefined> {
    await this.ensureConfirmed(c, origin);
    if (!needsPassword(c)) return undefined;
    const stored = await this.secrets.get(passwordKey(c));
    if (stored !== undefined) return stored;
    // Name-keyed passwords were stored for the user's own connection of that name. Only the
    // user's settings may claim one; a workspace connection with the same name never does.
    if (origin === 'user') {
      const legacy = await this.secrets.get(legacyPasswordKey(c.name));
      if (legacy !== undefined) {
        await this.secrets.store(passwordKey(c), legacy);
        await this.secrets.delete(legacyPasswordKey(c.name));
        return legacy;
      }
    }
    const typed = await this.prompts.password(c);
    if (typed === undefined) throw new NotConfirmedError(`A password is needed to connect to "${c.name}"`);
    await this.store(c, typed);
    return typed;
  }

  async store(c: ConnectionConfig, password: string): Promise<void> {
    await this.secrets.store(passwordKey(c), password);
  }

  /** Forgets the password stored for this connection's identity (and, for the user's own
   * connection, one an earlier version stored under its name). */
  async forget(c: ConnectionConfig, origin: ConnectionOrigin): Promise<void> {
    await this.secrets.delete(passwordKey(c));
    if (origin === 'user') await this.secrets.delete(legacyPasswordKey(c.name));
  }
}
