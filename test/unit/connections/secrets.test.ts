// Stored passwords are bound to where a connection points, and a repository's settings cannot
// capture one: a workspace connection named like the user's "prod" but on another host gets no
// password, and any workspace-defined connection is used only after the user confirmed it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { connectionIdentity, isLoopbackHost, legacyPasswordKey, passwordKey } from '../../../src/core/connections/identity';
import { resolveConnectionScopes } from '../../../src/core/connections/model';
import { CONFIRMED_KEY, ConnectionSecrets, NotConfirmedError, type SecretPrompts } from '../../../src/core/connections/secrets';
import type { ConnectionConfig, PostgresConnection } from '../../../src/core/connections/types';

class MemorySecrets {
  readonly map = new Map<string, string>();
  async get(k: string): Promise<string | undefined> {
    return this.map.get(k);
  }
  async store(k: string, v: string): Promise<void> {
    this.map.set(k, v);
  }
  async delete(k: string): Promise<void> {
    this.map.delete(k);
  }
}

class MemoryState {
  readonly map = new Map<string, unknown>();
  get<T>(k: string): T | undefined {
    return this.map.get(k) as T | undefined;
  }
  async update(k: string, v: unknown): Promise<void> {
    this.map.set(k, v);
  }
}

function prompts(answers: { password?: string; confirm?: boolean }) {
  const asked = { password: [] as string[], confirm: [] as string[] };
  const p: SecretPrompts = {
    password: async (c) => (asked.password.push(c.name), answers.password),
    confirmWorkspaceConnection: async (c) => (asked.confirm.push(c.name), answers.confirm ?? false),
  };
  return { p, asked };
}

const prod: PostgresConnection = {
  name: 'prod',
  kind: 'postgres',
  host: 'db.corp.example',
  port: 5432,
  database: 'analytics',
  user: 'etl',
  ssl: 'verify-full',
};
const evil: PostgresConnection = { ...prod, host: 'attacker.example', ssl: 'prefer' };

describe('connection secrets', () => {
  test('a password stored for "prod" is never handed to a connection of the same name on another host', async () => {
    const secrets = new MemorySecrets();
    const { p, asked } = prompts({ password: 'typed-for-evil', confirm: true });
    const store = new ConnectionSecrets(secrets, new MemoryState(), p);
    await store.store(prod, 'prod-password');
    assert.equal(await store.password(prod, 'user'), 'prod-password');
    // Same name, other target, even from the user's own settings: no stored password, a prompt.
    assert.equal(await store.password(evil, 'user'), 'typed-for-evil');
    assert.deepEqual(asked.password, ['prod']);
    for (const other of [
      { ...prod, port: 6543 },
      { ...prod, database: 'postgres' },
      { ...prod, user: 'admin' },
      { ...prod, host: 'DB.corp.example' },
    ]) {
      assert.equal(passwordKey(other) === passwordKey(prod), other.host === 'DB.corp.example', JSON.stringify(other));
    }
    assert.notEqual(passwordKey({ ...prod, kind: 'redshift', mode: 'wire' } as ConnectionConfig), passwordKey(prod));
  });

  test('Data API identities include the cluster or workgroup', () => {
    const base = { name: 'r', kind: 'redshift' as const, mode: 'data-api' as const, database: 'dev' };
    assert.notEqual(connectionIdentity({ ...base, clusterIdentifier: 'a' }), connectionIdentity({ ...base, clusterIdentifier: 'b' }));
    assert.notEqual(connectionIdentity({ ...base, workgroupName: 'a' }), connectionIdentity({ ...base, clusterIdentifier: 'a' }));
    assert.notEqual(
      connectionIdentity({ ...base, workgroupName: 'a' }),
      connectionIdentity({ ...base, workgroupName: 'a', endpoint: 'https://evil.example' }),
    );
  });

  test('a workspace-defined connection is used only after the user confirms it, once per set of settings', async () => {
    const state = new MemoryState();
    const secrets = new MemorySecrets();
    await secrets.store(passwordKey(prod), 'prod-password');
    const declined = prompts({ confirm: false });
    await assert.rejects(new ConnectionSecrets(secrets, state, declined.p).password(prod, 'workspace'), NotConfirmedError);
    assert.deepEqual(declined.asked.confirm, ['prod']);
    const yes = prompts({ confirm: true });
    const store = new ConnectionSecrets(secrets, state, yes.p);
    assert.equal(await store.password(prod, 'workspace'), 'prod-password');
    assert.equal(await store.password({ ...prod, name: 'renamed' }, 'workspace'), 'prod-password');
    assert.deepEqual(yes.asked.confirm, ['prod'], 'remembered: not asked again for the same target');
    // Changing where it points (or how: sslmode) needs a new confirmation.
    await assert.rejects(
      new ConnectionSecrets(secrets, state, declined.p).ensureConfirmed({ ...prod, ssl: 'disable' }, 'workspace'),
      NotConfirmedError,
    );
    await assert.rejects(
      new ConnectionSecrets(secrets, state, declined.p).ensureConfirmed(
        { name: 'a', kind: 'athena', endpoint: 'https://evil.example' },
        'workspace',
      ),
      NotConfirmedError,
    );
    // User-settings and local connections need no confirmation.
    await new ConnectionSecrets(secrets, new MemoryState(), declined.p).ensureConfirmed({ name: 'a', kind: 'athena' }, 'user');
    await new ConnectionSecrets(secrets, new MemoryState(), declined.p).ensureConfirmed({ name: 'l', kind: 'local' }, 'workspace');
    assert.ok(Array.isArray(state.get(CONFIRMED_KEY)));
    assert.ok(!JSON.stringify(state.get(CONFIRMED_KEY)).includes('prod-password'));
  });

  test("an old name-keyed password moves to the identity key for the user's own connection only", async () => {
    const secrets = new MemorySecrets();
    await secrets.store(legacyPasswordKey('prod'), 'old-prod-password');
    const ws = prompts({ confirm: true, password: 'typed' });
    // A workspace connection named "prod" never claims it, even once confirmed.
    assert.equal(await new ConnectionSecrets(secrets, new MemoryState(), ws.p).password(evil, 'workspace'), 'typed');
    assert.equal(secrets.map.get(legacyPasswordKey('prod')), 'old-prod-password', 'left in place for the user connection');
    const user = prompts({});
    const store = new ConnectionSecrets(secrets, new MemoryState(), user.p);
    assert.equal(await store.password(prod, 'user'), 'old-prod-password');
    assert.equal(secrets.map.has(legacyPasswordKey('prod')), false, 'migrated, the name key is gone');
    assert.equal(secrets.map.get(passwordKey(prod)), 'old-prod-password');
    assert.deepEqual(user.asked.password, []);
  });

  test("workspace connections are merged after the user's, and one named like a user connection is ignored", () => {
    const r = resolveConnectionScopes({
      user: [prod],
      workspace: [evil, { name: 'team', kind: 'athena' }],
      workspaceFolder: [{ name: 'team', kind: 'local' }],
    });
    assert.deepEqual(
      r.connections.map((c) => [c.name, c.kind === 'postgres' ? c.host : c.kind]),
      [
        ['Local (DuckDB)', 'local'],
        ['prod', 'db.corp.example'],
        ['team', 'athena'],
      ],
    );
    assert.deepEqual([...r.fromWorkspace], ['team']);
    assert.equal(r.problems.length, 2);
    assert.match(r.problems[0], /workspace settings: connection "prod" is ignored: your user settings define/);
  });

  test('loopback hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '/var/run/postgresql', 'LOCALHOST'])
      assert.equal(isLoopbackHost(h), true, h);
    for (const h of ['192.0.2.2', 'db.example', '128.0.0.1', '127.0.0.1.evil.example', 'localhost.evil.example', '0.0.0.0'])
      assert.equal(isLoopbackHost(h), false, h);
  });
});
