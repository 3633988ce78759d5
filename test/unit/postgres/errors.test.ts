// Errors the user can act on: statement positions from the server, SQLSTATE codes, categories
// for connection/auth/permission problems with host:port, SSL modes that mean what libpq means.
// The password never appears in a message.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { EngineError, collectRows } from '../../../src/core/engines/engine';
import type { PostgresEngine } from '../../../src/core/engines/postgres';
import { adminSql, engineFor, server, type EngineSetup } from './helpers';

async function failure(run: () => Promise<unknown>): Promise<EngineError> {
  try {
    await run();
  } catch (e) {
    assert.ok(e instanceof EngineError, `expected an EngineError, got ${String(e)}`);
    const { password } = await server();
    assert.ok(!e.message.includes(password), 'the password never appears in a message');
    return e;
  }
  assert.fail('expected a failure');
}

async function connectFailure(setup: EngineSetup): Promise<EngineError> {
  const engine = await engineFor(setup);
  try {
    return await failure(() => engine.connect());
  } finally {
    await engine.dispose();
  }
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

for (const kind of ['postgres', 'redshift'] as const) {
  describe(`${kind} (wire) engine: statement errors`, () => {
    let engine: PostgresEngine;
    before(async () => {
      engine = await engineFor({ kind });
    });
    after(async () => {
      await engine?.dispose();
    });

    test('a syntax error points at the offending token in the whole text (after other statements and astral characters)', async () => {
      const sql = `SELECT 1;\n-- first statement above\nSELECT '😀 é' AS x FRM somewhere`;
      const e = await failure(() => engine.execute(sql));
      assert.equal(e.details.category, 'syntax');
      assert.equal(e.details.code, '42601');
      assert.match(e.message, /syntax error at or near "FRM"/);
      assert.equal(e.position, sql.indexOf('FRM') + 1);
    });

    test('a missing table is a query error with its position; the session stays usable', async () => {
      const sql = 'SELECT *\n  FROM no_such_table_here';
      const e = await failure(() => engine.execute(sql));
      assert.equal(e.details.category, 'query');
      assert.equal(e.details.code, '42P01');
      assert.equal(e.position, sql.indexOf('no_such_table_here') + 1);
      assert.deepEqual(await collectRows(await engine.execute('SELECT 3')), [[3]]);
    });

    test('permission denied has category permission', async () => {
      await adminSql('DROP TABLE IF EXISTS secret_t; CREATE TABLE secret_t (x int); REVOKE ALL ON secret_t FROM PUBLIC');
      const e = await failure(() => engine.execute('SELECT x FROM secret_t'));
      assert.equal(e.details.category, 'permission');
      assert.equal(e.details.code, '42501');
      assert.match(e.message, /permission denied/);
    });
  });
}

describe('postgres engine: connection errors', () => {
  test('connection refused names host:port', async () => {
    const port = await closedPort();
    const e = await connectFailure({ port });
    assert.equal(e.details.category, 'connection');
    assert.equal(e.details.code, 'ECONNREFUSED');
    assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${port}.*connection refused`));
  });

  test('an unresolvable host name is a connection error naming host:port', async () => {
    const e = await connectFailure({ host: 'no-such-host.invalid', port: 5432, options: { connectTimeoutMs: 5000 } });
    assert.equal(e.details.category, 'connection');
    assert.match(e.message, /no-such-host\.invalid:5432/);
  });

  test('a connect timeout is a connection error naming host:port', async () => {
    // A listener that accepts TCP but never answers the startup message.
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const e = await connectFailure({ port, options: { connectTimeoutMs: 500 } });
      assert.equal(e.details.category, 'connection');
      assert.match(e.message, new RegExp(`timed out connecting to 127\\.0\\.0\\.1:${port}`));
    } finally {
      silent.close();
    }
  });

  test('a wrong password is an auth error that never echoes the password', async () => {
    const wrong = 'wrong-secret-Pa55word';
    const e = await connectFailure({ options: { password: wrong } });
    assert.equal(e.details.category, 'auth');
    assert.equal(e.details.code, '28P01');
    assert.match(e.message, /password authentication failed for user "dw_test"/);
    assert.ok(!e.message.includes(wrong));
    assert.ok(!JSON.stringify({ ...e, message: e.message, details: { ...e.details, cause: undefined } }).includes(wrong));
  });

  test('no password at all is an auth error', async () => {
    const saved = process.env.PGPASSWORD;
    delete process.env.PGPASSWORD;
    try {
      const e = await connectFailure({ options: { password: undefined } });
      assert.equal(e.details.category, 'auth');
      assert.match(e.message, /password/);
    } finally {
      if (saved !== undefined) process.env.PGPASSWORD = saved;
    }
  });
});

/** A TCP proxy to the test server that answers every SSLRequest with 'N' (server without SSL). */
async function noSslProxy(target: number): Promise<net.Server> {
  const proxy = net.createServer((socket) => {
    socket.once('data', (first) => {
      const isSslRequest = first.length === 8 && first.readInt32BE(4) === 80877103;
      if (isSslRequest) {
        socket.end('N');
        return;
      }
      const upstream = net.connect(target, '127.0.0.1', () => {
        upstream.write(first);
        socket.pipe(upstream).pipe(socket);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  return proxy;
}

describe('postgres engine: SSL modes', () => {
  test('prefer falls back to plain TCP when the server has no SSL; require then fails clearly', async () => {
    const { port } = await server();
    const proxy = await noSslProxy(port);
    const proxyPort = (proxy.address() as net.AddressInfo).port;
    try {
      const engine = await engineFor({ ssl: 'prefer', port: proxyPort });
      try {
        assert.deepEqual(await collectRows(await engine.execute('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')), [[false]]);
      } finally {
        await engine.dispose();
      }
      const e = await connectFailure({ ssl: 'require', port: proxyPort });
      assert.equal(e.details.category, 'connection');
      assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${proxyPort} does not accept SSL connections \\(sslmode require\\)`));
    } finally {
      proxy.close();
    }
  });

  async function sslInUse(setup: EngineSetup): Promise<unknown> {
    const engine = await engineFor(setup);
    try {
      const rows = await collectRows(await engine.execute('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()'));
      return rows[0][0];
    } finally {
      await engine.dispose();
    }
  }

  test('disable is plain TCP; prefer and require encrypt', async () => {
    assert.equal(await sslInUse({ ssl: 'disable' }), false);
    assert.equal(await sslInUse({ ssl: 'prefer' }), true);
    assert.equal(await sslInUse({ ssl: 'require' }), true);
  });

  test('verify-full against a self-signed certificate fails clearly', async () => {
    const { port } = await server();
    const e = await connectFailure({ ssl: 'verify-full' });
    assert.equal(e.details.category, 'connection');
    assert.equal(e.details.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.match(e.message, /SSL certificate verification failed \(sslmode verify-full\): the server presented a self-signed certificate/);
    assert.ok(e.message.includes(`127.0.0.1:${port}`));
  });

  test('with the certificate trusted, verify-ca succeeds and verify-full still checks the host name', async () => {
    const { certificatePem } = await server();
    assert.equal(await sslInUse({ ssl: 'verify-ca', options: { ca: certificatePem } }), true);
    const e = await connectFailure({ ssl: 'verify-full', options: { ca: certificatePem } });
    assert.equal(e.details.category, 'connection');
    assert.match(e.message, /does not name this host/);
  });
});
