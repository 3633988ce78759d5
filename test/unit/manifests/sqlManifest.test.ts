// SQL manifests on the local DuckDB engine (the embedded default) and on the real test
// PostgreSQL: consumed vs waiting ETL batches, quoting of hostile names, the incremental template.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { collectRows } from '../../../src/core/engines/engine';
import { createLocalEngine, type LocalEngine } from '../../../src/core/engines/duckdb';
import { createLocalSqlManifest, LOCAL_SQL_MANIFEST } from '../../../src/core/manifests/localSqlManifest';
import {
  createSqlManifestStatements,
  quoteText,
  readSqlManifest,
  renderIncrementalQuery,
  sqlManifestQueries,
} from '../../../src/core/manifests/sqlManifest';
import { splitStatements } from '../../../src/core/sql/split';
import { engineFor } from '../postgres/helpers';
import type { PostgresEngine } from '../../../src/core/engines/postgres';

let local: LocalEngine;
let pg: PostgresEngine | undefined;

before(async () => {
  local = createLocalEngine({ sampleData: { events: 3_000, days: 2 } });
  await local.connect();
});
after(async () => {
  await local?.dispose();
  await pg?.dispose();
});

async function scalar(engine: LocalEngine | PostgresEngine, sql: string): Promise<number> {
  return Number((await collectRows(await engine.execute(sql)))[0][0]);
}

test('the local sample gets an ETL-timestamp manifest: older batches consumed, newest waiting', async () => {
  const added = await createLocalSqlManifest(local);
  const distinct = await scalar(local, 'SELECT COUNT(DISTINCT etl_tstamp) FROM atomic.events');
  assert.ok(added > distinct * 0.8 && added < distinct, `${added} of ${distinct}`);
  assert.equal(await createLocalSqlManifest(local), 0, 'a second call adds nothing');
  const state = await readSqlManifest(local, LOCAL_SQL_MANIFEST, { limit: 10 });
  assert.equal(state.consumedCount, added);
  assert.equal(state.waitingCount, distinct - added);
  assert.equal(
    state.waitingEvents,
    await scalar(local, `SELECT COUNT(*) FROM atomic.events WHERE etl_tstamp > (SELECT MAX(etl_tstamp) FROM derived.etl_manifest)`),
  );
  assert.equal(state.consumed.length, 10);
  assert.equal(state.truncated, true);
  // Newest first, and every waiting batch is newer than the newest consumed one.
  const waiting = state.waiting.map((b) => b.etlTstamp);
  assert.deepEqual(waiting, [...waiting].sort().reverse());
  assert.ok(
    waiting.every((w) => w > state.lastConsumed!),
    `${waiting.at(-1)} vs ${state.lastConsumed}`,
  );
  assert.equal(state.consumed[0].etlTstamp, state.lastConsumed);
});

test('hostile names and model values are quoted, never spliced', async () => {
  const config = {
    manifest: { schema: 'we"ird', name: 'man;ifest' },
    timestampColumn: 'ts"); DROP TABLE x; --',
    modelColumn: 'model',
    model: "o'brien\\",
    events: { schema: 'atomic', name: 'events' },
  };
  for (const sql of createSqlManifestStatements(config)) await collectRows(await local.execute(sql));
  await collectRows(await local.execute(`INSERT INTO "we""ird"."man;ifest" SELECT MIN(etl_tstamp), 'o''brien\\', NULL FROM atomic.events`));
  await collectRows(await local.execute(`INSERT INTO "we""ird"."man;ifest" SELECT MAX(etl_tstamp), 'other', NULL FROM atomic.events`));
  const state = await readSqlManifest(local, config);
  assert.equal(state.consumedCount, 1, 'only this model’s row counts');
  const distinct = await scalar(local, 'SELECT COUNT(DISTINCT etl_tstamp) FROM atomic.events');
  assert.equal(state.waitingCount, distinct - 1);
  assert.equal(quoteText("a\\'b", 'redshift'), "'a\\\\''b'");
  assert.equal(quoteText("a\\'b", 'postgres'), "'a\\''b'");
  assert.match(sqlManifestQueries(config, 'redshift', 10).consumed, /"ts""\); DROP TABLE x; --"/);
});

test('the same queries run on PostgreSQL', async () => {
  pg = await engineFor();
  await pg.connect();
  const run = async (sql: string): Promise<void> => void (await collectRows(await pg!.execute(sql)));
  await run('DROP SCHEMA IF EXISTS mf_atomic CASCADE; DROP SCHEMA IF EXISTS mf_derived CASCADE; CREATE SCHEMA mf_atomic');
  await run(
    `CREATE TABLE mf_atomic.events AS SELECT g AS n, TIMESTAMP '2024-06-01 00:00:00' + (g % 10) * INTERVAL '1 hour' AS etl_tstamp FROM generate_series(1, 1000) g`,
  );
  const config = { manifest: { schema: 'mf_derived', name: 'etl_manifest' }, events: { schema: 'mf_atomic', name: 'events' } };
  for (const sql of createSqlManifestStatements(config)) await run(sql);
  await run(
    `INSERT INTO mf_derived.etl_manifest (etl_tstamp) SELECT DISTINCT etl_tstamp FROM mf_atomic.events WHERE etl_tstamp < TIMESTAMP '2024-06-01 07:00:00'`,
  );
  const state = await readSqlManifest(pg, config, { limit: 5 });
  assert.equal(state.consumedCount, 7);
  assert.equal(state.waitingCount, 3);
  assert.equal(state.waitingEvents, 300);
  assert.deepEqual(
    state.waiting.map((b) => b.events),
    [100, 100, 100],
  );
  assert.match(state.waiting[0].etlTstamp, /^2024-06-01 09:00:00/);
  assert.match(state.lastConsumed!, /^2024-06-01 06:00:00/);
  assert.equal(state.consumed.length, 5);
  assert.equal(state.truncated, true);
});

test('the incremental query is the project snippet with the view’s names; odd names are refused', () => {
  const sql = renderIncrementalQuery({
    schema: 'derived',
    manifest: 'etl_manifest',
    model: 'sessions',
    events: { schema: 'atomic', name: 'events' },
  });
  assert.match(sql, /CREATE TABLE IF NOT EXISTS derived\.etl_manifest \(/);
  assert.match(sql, /CREATE TABLE derived\.sessions_staging AS/);
  assert.match(sql, /FROM atomic\.events e/);
  assert.match(sql, /m\.etl_tstamp = e\.etl_tstamp/);
  assert.doesNotMatch(sql, /\$\{|\$0/);
  assert.throws(
    () => renderIncrementalQuery({ schema: 'derived', manifest: 'x', model: "a'; DROP TABLE y; --", events: { name: 'events' } }),
    /plain model name/,
  );
});

test('the incremental query, run on the local manifest, stages exactly the waiting batches and then records them', async () => {
  await createLocalSqlManifest(local);
  const before = await readSqlManifest(local, LOCAL_SQL_MANIFEST, { limit: 10 });
  assert.ok(before.waitingCount > 0);
  const sql = renderIncrementalQuery({
    schema: 'derived',
    manifest: 'etl_manifest',
    model: 'incremental_model',
    events: { schema: 'atomic', name: 'events' },
  });
  for (const statement of splitStatements(sql)) await collectRows(await local.execute(statement.text));
  assert.equal(
    await scalar(local, 'SELECT COUNT(*) FROM derived.incremental_model_staging'),
    before.waitingEvents,
    'the staging table holds the waiting events',
  );
  const after = await readSqlManifest(local, LOCAL_SQL_MANIFEST, { limit: 10 });
  assert.equal(after.waitingCount, 0, 'every waiting batch is recorded as consumed');
  assert.equal(after.consumedCount, before.consumedCount + before.waitingCount);
});
