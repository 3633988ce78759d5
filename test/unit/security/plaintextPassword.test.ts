// A password never crosses the network unencrypted unless the user allowed that host: a server
// that refuses TLS (sslmode prefer's fallback) or a connection set to sslmode disable, on a host
// that is not this machine, never receives it. The hostile server (passwordCatcher) asks for the
// password in clear text and records it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EngineError } from '../../../src/core/engines/engine';
import { createPostgresEngine } from '../../../src/core/engines/postgres';
import type { SslMode } from '../../../src/core/connections/types';
import { nonLoopbackAddress, startPasswordCatcher, type PasswordCatcher } from '../../support/passwordCatcher';

const SECRET = 'planted-Secret-9f3a';

describe('no clear-text password to a host that is not this machine', async () => {
  const address = await nonLoopbackAddress();
  let remote: PasswordCatcher | undefined;
  let local: PasswordCatcher;
  before(async () => {
    if (address) remote = await startPasswordCatcher(address);
    local = await startPasswordCatcher('127.0.0.1');
  });
  after(async () => {
    await remote?.close();
    await local.close();
  });

  const connect = async (at: PasswordCatcher, ssl: SslMode, allowPlaintextPassword?: boolean): Promise<unknown> => {
    const engine = createPostgresEngine(
      { name: 'prod', kind: 'postgres', host: at.host, port: at.port, database: 'd', user: 'etl', ssl },
      { password: SECRET, allowPlaintextPassword, connectTimeoutMs: 5000 },
    );
    try {
      await engine.connect();
      return undefined;
    } catch (e) {
      return e;
    } finally {
      await engine.dispose();
    }
  };

  for (const ssl of ['prefer', 'disable'] as const) {
    test(
      `sslmode ${ssl}: refused before the password is sent, with a message saying why and what to do`,
      { skip: address ? false : 'no non-loopback address on this machine' },
      async () => {
        const before = remote!.received.length;
        const err = await connect(remote!, ssl);
        assert.ok(err instanceof EngineError, String(err));
        assert.equal(err.details.code, 'PLAINTEXT_PASSWORD_REFUSED', err.message);
        assert.match(err.message, /unencrypted/);
        assert.match(err.message, /dataWorkbench\.security\.plaintextPasswordHosts/);
        assert.equal(remote!.received.length, before, 'the hostile server got no password');
        assert.ok(!err.message.includes(SECRET));
      },
    );
  }

  test(
    'with the host explicitly allowed, the fallback happens (the test server does receive it)',
    { skip: address ? false : 'no non-loopback address on this machine' },
    async () => {
      const before = remote!.received.length;
      await connect(remote!, 'prefer', true);
      assert.deepEqual(remote!.received.slice(before), [SECRET]);
    },
  );

  test('to this machine (loopback), prefer still falls back to plain TCP like libpq', async () => {
    const before = local.received.length;
    await connect(local, 'prefer');
    assert.equal(local.sslRequests > 0, true, 'TLS was asked for first');
    assert.deepEqual(local.received.slice(before), [SECRET]);
  });
});
