// Cancelling really stops the query on the server (pg_stat_activity no longer shows it running),
// rejects with CancelledError, and leaves the engine usable. statement_timeout maps to 'timeout'.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CancelledError, EngineError, collectRows } from '../../../src/core/engines/engine';
import type { PostgresEngine } from '../../../src/core/engines/postgres';
import { adminSql, engineFor, sleep } from './helpers';

/** Backends of our engine (application_name "Data Workbench") currently running `marker`: the
 * statement itself, or on the Redshift path the FETCH that runs the declared cursor's query. */
async function activeWith(marker: string): Promise<number> {
  return Number(
    await adminSql(
      `SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND application_name = 'Data Workbench' AND (query LIKE '%${marker}%' OR query LIKE 'FETCH FORWARD % FROM dw_cursor')`,
    ),
  );
}

async function waitUntilActive(marker: string): Promise<void> {
  for (let i = 0; i < 100 && (await activeWith(marker)) === 0; i++) await sleep(50);
  assert.equal(await activeWith(marker), 1, 'the query is running on the server before we cancel');
}

for (const kind of ['postgres', 'redshift'] as const) {
  describe(`${kind} (wire) engine: cancel`, () => {
    let engine: PostgresEngine;
    before(async () => {
      engine = await engineFor({ kind });
    });
    after(async () => {
      await engine?.dispose();
    });

    test('aborting a running statement stops it on the server and rejects with CancelledError', async () => {
      const marker = `cancel_marker_${kind}_1`;
      const controller = new AbortController();
      const started = Date.now();
      const running = engine.execute(`SELECT pg_sleep(30), '${marker}'`, { signal: controller.signal });
      await waitUntilActive(marker);
      controller.abort();
      await assert.rejects(running, (e: unknown) => e instanceof CancelledError && (e as CancelledError).details.category === 'cancelled');
      assert.ok(Date.now() - started < 10_000, 'cancelled long before pg_sleep(30) ends');
      assert.equal(await activeWith(marker), 0, 'pg_stat_activity no longer shows the query running');
      assert.deepEqual(await collectRows(await engine.execute('SELECT 1')), [[1]], 'the engine is usable afterwards');
    });

    test('aborting while pages stream cancels the server work and the iteration rejects', async () => {
      const marker = `cancel_marker_${kind}_2`;
      const controller = new AbortController();
      // pg_sleep per row keeps the server busy producing the next pages.
      const execution = await engine.execute(`SELECT g, pg_sleep(0.02), '${marker}' FROM generate_series(1, 100000) g`, {
        signal: controller.signal,
        pageSize: 5,
      });
      let rows = 0;
      await assert.rejects(async () => {
        for await (const page of execution.pages) {
          rows += page.length;
          if (rows >= 10) controller.abort();
        }
      }, CancelledError);
      assert.ok(rows >= 10 && rows < 100000);
      assert.equal(await activeWith(marker), 0);
      assert.deepEqual(await collectRows(await engine.execute('SELECT 2')), [[2]]);
    });

    test('aborting between pages (nothing running) closes the cursor', async () => {
      const controller = new AbortController();
      const execution = await engine.execute('SELECT g FROM generate_series(1, 1000) g', { signal: controller.signal, pageSize: 10 });
      const iterator = execution.pages[Symbol.asyncIterator]();
      const first = await iterator.next();
      assert.equal(first.done, false);
      await sleep(50); // the read-ahead page has arrived: the server is idle
      controller.abort();
      await assert.rejects(iterator.next(), CancelledError);
      assert.equal(await adminSql(`SELECT state FROM pg_stat_activity WHERE pid = ${execution.info.queryId}`), 'idle');
    });

    test('an already aborted signal rejects before anything runs', async () => {
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(engine.execute('SELECT 1', { signal: controller.signal }), CancelledError);
    });
  });
}

describe('postgres engine: statement timeout', () => {
  let engine: PostgresEngine;
  before(async () => {
    engine = await engineFor({ statementTimeoutMs: 300 });
  });
  after(async () => {
    await engine?.dispose();
  });

  test('statement_timeout from the connection stops a long query with category timeout', async () => {
    const started = Date.now();
    await assert.rejects(engine.execute('SELECT pg_sleep(10)'), (e: unknown) => {
      assert.ok(e instanceof EngineError && !(e instanceof CancelledError));
      assert.equal(e.details.category, 'timeout');
      assert.equal(e.details.code, '57014');
      assert.match(e.message, /statement timeout/);
      return true;
    });
    assert.ok(Date.now() - started < 5000);
    assert.deepEqual(await collectRows(await engine.execute(`SELECT current_setting('statement_timeout')`)), [['300ms']]);
  });
});
