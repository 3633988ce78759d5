// Credentials as users have them: a named profile from the shared config files, and temporary
// credentials that expire while the connection stays open (the SDK provider refreshes them).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAthenaEngine } from '../../../src/core/engines/athena/athenaEngine';
import { collectRows, EngineError } from '../../../src/core/engines/engine';
import { startAthenaLoopback, type AthenaLoopback } from '../../support/aws/athenaHarness';

let lb: AthenaLoopback;
let dir: string;
const saved: Record<string, string | undefined> = {};
const ENV = [
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
];

before(async () => {
  lb = await startAthenaLoopback();
  dir = mkdtempSync(path.join(os.tmpdir(), 'dw-aws-config-'));
  for (const k of ENV) {
    saved[k] = process.env[k];
    delete process.env[k];
  }
  writeFileSync(
    path.join(dir, 'credentials'),
    '[analytics]\naws_access_key_id = AKIDPROFILEANALYTICS\naws_secret_access_key = profile-secret\n',
  );
  writeFileSync(path.join(dir, 'config'), '[profile analytics]\nregion = eu-west-1\n');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
});

after(async () => {
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  rmSync(dir, { recursive: true, force: true });
  await lb.stop();
});

describe('Athena credentials', () => {
  test('a named profile from the shared credentials file signs the requests', async () => {
    const engine = createAthenaEngine({ ...lb.connection, profile: 'analytics' }, { poll: { initialMs: 5, maxMs: 20 } });
    const from = lb.server.calls.length;
    assert.deepEqual(await collectRows(await engine.execute('select 1 as x')), [[1]]);
    const keys = new Set(lb.server.calls.slice(from).map((c) => c.accessKeyId));
    assert.deepEqual([...keys], ['AKIDPROFILEANALYTICS']);
    await engine.dispose();
  });

  test('an unknown profile is an auth error that names the problem', async () => {
    const engine = createAthenaEngine({ ...lb.connection, profile: 'no-such-profile' }, { maxAttempts: 1 });
    await assert.rejects(
      engine.execute('select 1'),
      (err: unknown) =>
        err instanceof EngineError &&
        err.details.category === 'auth' &&
        /no usable AWS credentials for profile "no-such-profile"/.test(err.message),
    );
    await engine.dispose();
  });

  test('expired temporary credentials are refreshed by the provider without reconnecting', async () => {
    let generation = 0;
    // Each set of credentials "expires" within the SDK's refresh window, so the SDK asks again.
    const provider = async () => {
      generation++;
      return {
        accessKeyId: `ASIATEMP${generation}`,
        secretAccessKey: 's',
        sessionToken: `token-${generation}`,
        expiration: new Date(Date.now() + 60_000),
      };
    };
    const engine = createAthenaEngine(lb.connection, { credentials: provider, poll: { initialMs: 5, maxMs: 20 } });
    assert.deepEqual(await collectRows(await engine.execute('select 1 as x')), [[1]]);
    // The old keys are now rejected, as expired session tokens are.
    for (let g = 1; g <= generation; g++) lb.server.invalidAccessKeys.add(`ASIATEMP${g}`);
    const from = lb.server.calls.length;
    assert.deepEqual(await collectRows(await engine.execute('select 2 as x')), [[2]]);
    const used = lb.server.calls.slice(from).map((c) => c.accessKeyId);
    assert.ok(
      used.every((k) => !lb.server.invalidAccessKeys.has(k)),
      used.join(','),
    );
    lb.server.invalidAccessKeys.clear();
    await engine.dispose();
  });
});
