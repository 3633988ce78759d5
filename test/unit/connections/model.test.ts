import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chooseActive,
  describeConnection,
  needsPassword,
  removeRaw,
  resolveConnections,
  upsertRaw,
  validateConnection,
} from '../../../src/core/connections/model';
import { DEFAULT_LOCAL_CONNECTION } from '../../../src/core/connections/types';

const pg = { name: 'warehouse', kind: 'postgres', host: 'db.internal', port: 5432, database: 'analytics', user: 'etl' };

describe('validateConnection', () => {
  test('accepts a complete postgres connection and keeps its fields', () => {
    assert.deepEqual(validateConnection(pg), { config: pg, errors: [] });
  });

  test('lists every missing or wrong field', () => {
    const { config, errors } = validateConnection({ name: 'x', kind: 'postgres', port: 70000, ssl: 'maybe' });
    assert.equal(config, undefined);
    assert.deepEqual(
      errors.sort(),
      [
        'database is required',
        'host is required',
        'port must be an integer from 1 to 65535',
        'ssl must be one of disable, prefer, require, verify-ca, verify-full',
        'user is required',
      ].sort(),
    );
  });

  test('refuses secrets in settings', () => {
    const { config, errors } = validateConnection({ ...pg, password: 'hunter2' });
    assert.equal(config, undefined);
    assert.match(errors[0], /"password" must not be stored in settings/);
    assert.ok(!errors.join().includes('hunter2'), 'the secret itself never appears in a message');
  });

  test('unknown kind and non-object entries', () => {
    assert.deepEqual(validateConnection({ name: 'a', kind: 'mysql' }).errors, ['kind must be one of local, postgres, redshift, athena']);
    assert.deepEqual(validateConnection('nope').errors, ['must be an object']);
  });

  test('redshift data-api needs exactly one of cluster or workgroup', () => {
    const base = { name: 'rs', kind: 'redshift', mode: 'data-api', database: 'dev' };
    assert.ok(validateConnection({ ...base, workgroupName: 'wg' }).config);
    assert.ok(validateConnection({ ...base, clusterIdentifier: 'c1', dbUser: 'awsuser' }).config);
    assert.match(validateConnection(base).errors[0], /exactly one of clusterIdentifier/);
    assert.match(validateConnection({ ...base, workgroupName: 'wg', clusterIdentifier: 'c' }).errors[0], /exactly one/);
  });

  test('redshift wire needs host and user', () => {
    const { errors } = validateConnection({ name: 'rs', kind: 'redshift', mode: 'wire', database: 'dev' });
    assert.deepEqual(errors.sort(), ['host is required', 'user is required']);
  });

  test('athena output location must be s3', () => {
    assert.ok(validateConnection({ name: 'a', kind: 'athena', outputLocation: 's3://bucket/results/' }).config);
    assert.deepEqual(validateConnection({ name: 'a', kind: 'athena', outputLocation: '/tmp' }).errors, [
      'outputLocation must be an s3:// URI',
    ]);
  });
});

describe('resolveConnections', () => {
  test('the default local connection is always present and first', () => {
    assert.deepEqual(resolveConnections(undefined).connections, [DEFAULT_LOCAL_CONNECTION]);
    const { connections, problems } = resolveConnections([pg]);
    assert.deepEqual(
      connections.map((c) => c.name),
      [DEFAULT_LOCAL_CONNECTION.name, 'warehouse'],
    );
    assert.deepEqual(problems, []);
  });

  test('invalid and duplicate entries are reported with their index and skipped', () => {
    const { connections, problems } = resolveConnections([pg, { name: 'bad', kind: 'postgres' }, { ...pg, host: 'other' }]);
    assert.deepEqual(
      connections.map((c) => c.name),
      [DEFAULT_LOCAL_CONNECTION.name, 'warehouse'],
    );
    assert.equal(problems.length, 2);
    assert.match(problems[0], /^dataWorkbench\.connections\[1\] \("bad"\): /);
    assert.match(problems[1], /connections\[2\].*already named "warehouse"/);
  });

  test('a local entry with the default name configures the default', () => {
    const custom = { name: DEFAULT_LOCAL_CONNECTION.name, kind: 'local', databasePath: '/tmp/x.duckdb' };
    assert.deepEqual(resolveConnections([custom]).connections, [custom]);
    const hijack = resolveConnections([{ ...pg, name: DEFAULT_LOCAL_CONNECTION.name }]);
    assert.deepEqual(hijack.connections, [DEFAULT_LOCAL_CONNECTION]);
    assert.equal(hijack.problems.length, 1);
  });

  test('a non-array setting is a problem, not a crash', () => {
    assert.deepEqual(resolveConnections({}).problems, ['dataWorkbench.connections must be an array']);
  });
});

describe('active connection and descriptions', () => {
  const all = resolveConnections([pg]).connections;
  test('remembered beats configured default beats local', () => {
    assert.equal(chooseActive(all, 'warehouse', undefined).name, 'warehouse');
    assert.equal(chooseActive(all, 'gone', 'warehouse').name, 'warehouse');
    assert.equal(chooseActive(all, 'gone', 'also gone').name, DEFAULT_LOCAL_CONNECTION.name);
  });

  test('which kinds need a password', () => {
    assert.equal(needsPassword(all[1]), true);
    assert.equal(needsPassword(DEFAULT_LOCAL_CONNECTION), false);
    assert.equal(needsPassword({ name: 'r', kind: 'redshift', mode: 'data-api', database: 'd', workgroupName: 'w' }), false);
    assert.equal(needsPassword({ name: 'r', kind: 'redshift', mode: 'wire', database: 'd', host: 'h', user: 'u' }), true);
  });

  test('descriptions say where a connection points', () => {
    assert.equal(describeConnection(all[1]), 'etl@db.internal:5432/analytics');
    assert.equal(
      describeConnection({ name: 'a', kind: 'athena', region: 'eu-west-1', database: 'atomic' }),
      'primary/AwsDataCatalog/atomic · eu-west-1',
    );
  });

  test('upsert and remove keep unrelated raw entries, even invalid ones', () => {
    const raw = [{ name: 'keep-me', kind: 'weird' }, pg];
    const updated = upsertRaw(raw, { ...pg, kind: 'postgres', host: 'new' });
    assert.deepEqual(updated, [
      { name: 'keep-me', kind: 'weird' },
      { ...pg, host: 'new' },
    ]);
    assert.deepEqual(removeRaw(updated, 'warehouse'), [{ name: 'keep-me', kind: 'weird' }]);
  });
});
