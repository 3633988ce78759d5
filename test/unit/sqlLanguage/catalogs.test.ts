// Which catalogs completion loads by itself: the local DuckDB one (a real engine here) yes;
// Postgres and Redshift over the wire never (their catalog is read on the user's session, which
// would end a streaming result, and connecting may ask for a password) until Refresh is asked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ConnectionConfig } from '../../../src/core/connections/types';
import { collectRows } from '../../../src/core/engines/engine';
import { LocalEngine } from '../../../src/core/engines/duckdb/localEngine';
import type { EngineCache } from '../../../src/editor/connections/engines';
import { catalogSources, SqlCatalogs } from '../../../src/editor/sqlLanguage/catalogs';

let engine: LocalEngine;
const asked: string[] = [];
/** The one EngineCache method the sources use, over a real local engine. */
const engines = {
  get: async (c: ConnectionConfig) => {
    asked.push(c.name);
    if (c.kind !== 'local') throw new Error('no server in this test');
    return engine;
  },
} as unknown as EngineCache;
const log = { warn: () => undefined, info: () => undefined } as never;

before(async () => {
  engine = new LocalEngine({ sampleData: false });
  await collectRows(await engine.execute('CREATE TABLE main.t (a INTEGER)'));
});
after(async () => {
  await engine?.dispose();
});

test('the local catalog loads on first use', async () => {
  const catalogs = new SqlCatalogs(catalogSources(engines), log);
  const index = catalogs.indexFor({ name: 'Local (DuckDB)', kind: 'local' })!;
  assert.equal(catalogs.willLoad(index), true);
  assert.equal(await catalogs.ready(index, 10_000), true);
  assert.equal(index.findTable(['t'])?.schema, 'main');
});

test('Postgres and Redshift over the wire wait for Refresh and never touch the session before', async () => {
  const catalogs = new SqlCatalogs(catalogSources(engines), log);
  asked.length = 0;
  for (const c of [
    { name: 'pg', kind: 'postgres', host: 'db', database: 'd', user: 'u' },
    { name: 'rs', kind: 'redshift', mode: 'wire', host: 'rs', database: 'd', user: 'u' },
  ] as ConnectionConfig[]) {
    const index = catalogs.indexFor(c)!;
    assert.equal(catalogs.willLoad(index), false);
    assert.equal(await catalogs.ready(index, 1000), false);
    assert.deepEqual(asked, []);
    await assert.rejects(catalogs.refresh(c), /no server in this test/);
    assert.deepEqual(asked, [c.name]);
    asked.length = 0;
    assert.equal(catalogs.willLoad(index), false); // a failed refresh is not retried by typing
  }
});
