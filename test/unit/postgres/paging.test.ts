// Rows stream from a server-side cursor in pages; memory stays bounded on a 1M-row result;
// breaking out early releases the cursor; several statements run in order; DDL/DML report
// rowsAffected. The same behaviour through the Redshift DECLARE/FETCH path (run on PostgreSQL).
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { after, before, describe, test } from 'node:test';
import { EngineError, collectRows, pageRows } from '../../../src/core/engines/engine';
import type { PostgresEngine } from '../../../src/core/engines/postgres';
import { adminSql, engineFor } from './helpers';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

for (const kind of ['postgres', 'redshift'] as const) {
  describe(`${kind} (wire) engine: paging`, () => {
    let engine: PostgresEngine;
    before(async () => {
      engine = await engineFor({ kind });
    });
    after(async () => {
      await engine?.dispose();
    });

    test('pages hold at most pageSize rows and arrive in order', async () => {
      const execution = await engine.execute('SELECT g FROM generate_series(1, 2345) AS g ORDER BY g', { pageSize: 500 });
      assert.deepEqual(execution.columns, [{ name: 'g', type: 'int4', family: 'integer' }]);
      const sizes: number[] = [];
      let expected = 1;
      for await (const page of execution.pages) {
        sizes.push(page.length);
        for (const row of pageRows(page)) assert.equal(row[0], expected++);
      }
      assert.deepEqual(sizes, [500, 500, 500, 500, 345]);
      assert.ok(execution.info.queryId && /^\d+$/.test(execution.info.queryId), 'queryId is the backend pid');
    });

    test('a result that ends exactly on a page boundary, and INSERT … RETURNING over several pages (runs once)', async () => {
      const exact = await engine.execute('SELECT g FROM generate_series(1, 3000) AS g', { pageSize: 500 });
      const sizes: number[] = [];
      for await (const page of exact.pages) sizes.push(page.length);
      assert.deepEqual(sizes, [500, 500, 500, 500, 500, 500]);

      await collectRows(await engine.execute('DROP TABLE IF EXISTS returning_t; CREATE TABLE returning_t (id int)'));
      const returning = await engine.execute('INSERT INTO returning_t SELECT g FROM generate_series(1, 1234) g RETURNING id', {
        pageSize: 100,
      });
      const ids = (await collectRows(returning)).map((r) => r[0]);
      assert.equal(ids.length, 1234);
      assert.deepEqual(await collectRows(await engine.execute('SELECT count(*)::int, count(DISTINCT id)::int FROM returning_t')), [
        [1234, 1234],
      ]);
      await collectRows(await engine.execute('DROP TABLE returning_t'));
    });

    test('with the default page size every row arrives (Redshift fetches at most 1000 per page)', async () => {
      const execution = await engine.execute('SELECT g FROM generate_series(1, 12345) AS g');
      let rows = 0;
      let largest = 0;
      for await (const page of execution.pages) {
        rows += page.length;
        largest = Math.max(largest, page.length);
      }
      assert.equal(rows, 12345);
      assert.equal(largest, kind === 'redshift' ? 1000 : 5000);
    });

    test('an error in the middle of the stream rejects the iteration after the rows before it', async () => {
      const execution = await engine.execute('SELECT 1 / (3000 - g) FROM generate_series(1, 5000) AS g', { pageSize: 100 });
      let rows = 0;
      await assert.rejects(
        async () => {
          for await (const page of execution.pages) rows += page.length;
        },
        (e: unknown) => e instanceof EngineError && e.details.code === '22012' && e.details.category === 'query',
      );
      assert.ok(rows < 3000, `${rows} rows before the error`);
      assert.deepEqual(await collectRows(await engine.execute('SELECT 5')), [[5]]);
    });

    test('a statement that fails at commit (deferred constraint) is an error, not a success', async () => {
      await collectRows(
        await engine.execute(`DROP TABLE IF EXISTS d_child, d_parent;
        CREATE TABLE d_parent (id int PRIMARY KEY);
        CREATE TABLE d_child (pid int REFERENCES d_parent DEFERRABLE INITIALLY DEFERRED)`),
      );
      await assert.rejects(
        async () => collectRows(await engine.execute('INSERT INTO d_child VALUES (1), (2)')),
        (e: unknown) => e instanceof EngineError && e.details.code === '23503',
      );
      await assert.rejects(
        async () => collectRows(await engine.execute('INSERT INTO d_child VALUES (3) RETURNING pid')),
        (e: unknown) => e instanceof EngineError && e.details.code === '23503',
      );
      assert.deepEqual(await collectRows(await engine.execute('SELECT count(*)::int FROM d_child')), [[0]]);
      await collectRows(await engine.execute('DROP TABLE d_child, d_parent'));
    });

    test('an empty result has columns and no pages', async () => {
      const execution = await engine.execute('SELECT 1 AS one, 2::int8 AS two WHERE false');
      assert.deepEqual(
        execution.columns.map((c) => c.name),
        ['one', 'two'],
      );
      assert.deepEqual(await collectRows(execution), []);
    });

    test('breaking out of pages early closes the cursor and the session goes on', async () => {
      const execution = await engine.execute('SELECT g FROM generate_series(1, 100000) AS g', { pageSize: 100 });
      let pages = 0;
      for await (const page of execution.pages) {
        assert.equal(page.length, 100);
        if (++pages === 3) break;
      }
      // The session is idle again: no open portal/cursor and no transaction left behind.
      assert.equal(await adminSql(`SELECT state FROM pg_stat_activity WHERE pid = ${execution.info.queryId}`), 'idle');
      assert.deepEqual(await collectRows(await engine.execute('SELECT 1')), [[1]]);
    });

    test('DDL and DML report rowsAffected; several statements run in order and the last result is returned', async () => {
      const ddl = await engine.execute('DROP TABLE IF EXISTS paging_t; CREATE TABLE paging_t (id int, note text)');
      assert.deepEqual(ddl.columns, []);
      assert.deepEqual(await collectRows(ddl), []);
      const ins = await engine.execute(`INSERT INTO paging_t SELECT g, 'n' || g FROM generate_series(1, 7) g`);
      await collectRows(ins);
      assert.equal(ins.info.rowsAffected, 7);
      const multi = await engine.execute(
        `UPDATE paging_t SET note = 'x' WHERE id <= 3;\n-- comment; with a semicolon\nSELECT note, count(*)::int FROM paging_t GROUP BY note ORDER BY note;`,
      );
      assert.deepEqual(await collectRows(multi), [
        ['n4', 1],
        ['n5', 1],
        ['n6', 1],
        ['n7', 1],
        ['x', 3],
      ]);
      const upd = await engine.execute(`SELECT 1; DELETE FROM paging_t WHERE id > 5`);
      await collectRows(upd);
      assert.equal(upd.info.rowsAffected, 2);
      await collectRows(await engine.execute('DROP TABLE paging_t'));
    });

    test('server notices reach info.notes', async () => {
      const execution = await engine.execute(`DROP TABLE IF EXISTS surely_missing_table_x`);
      await collectRows(execution);
      assert.deepEqual(execution.info.notes, ['NOTICE: table "surely_missing_table_x" does not exist, skipping']);
    });

    test('overlapping execute calls do not deadlock: the later one supersedes the earlier', async () => {
      const [a, b] = await Promise.all([
        engine.execute('SELECT g FROM generate_series(1, 50000) g', { pageSize: 10 }),
        engine.execute('SELECT 7'),
      ]);
      assert.deepEqual(await collectRows(b), [[7]]);
      await assert.rejects(collectRows(a), { name: 'CancelledError' });
    });

    test('a new execute closes an unconsumed previous one', async () => {
      const first = await engine.execute('SELECT g FROM generate_series(1, 50000) g', { pageSize: 100 });
      const second = await engine.execute('SELECT 42');
      assert.deepEqual(await collectRows(second), [[42]]);
      await assert.rejects(collectRows(first), { name: 'CancelledError' });
    });
  });
}

describe('postgres engine: a 1M-row stream', () => {
  let engine: PostgresEngine;
  before(async () => {
    engine = await engineFor();
  });
  after(async () => {
    await engine?.dispose();
  });

  test('iterates 1,000,000 rows with bounded memory', async () => {
    gc();
    const heap0 = process.memoryUsage().heapUsed;
    const rss0 = process.memoryUsage().rss;
    let peakHeap = 0;
    let peakRss = 0;
    let rows = 0;
    let sum = 0;
    let pages = 0;
    const execution = await engine.execute(
      `SELECT g, g::int8 * 3 AS big, 'row ' || g AS label, now() AS at FROM generate_series(1, 1000000) AS g`,
      { pageSize: 2000 },
    );
    for await (const page of execution.pages) {
      rows += page.length;
      for (const row of pageRows(page)) sum += row[0] as number;
      if (++pages % 50 === 0) {
        gc();
        const m = process.memoryUsage();
        peakHeap = Math.max(peakHeap, m.heapUsed - heap0);
        peakRss = Math.max(peakRss, m.rss - rss0);
      }
    }
    assert.equal(rows, 1_000_000);
    assert.equal(sum, (1_000_000 * 1_000_001) / 2);
    // Holding the whole result would take several hundred MB (1M rows × 4 values as JS objects).
    assert.ok(peakHeap < 100 * 2 ** 20, `live heap grew by ${(peakHeap / 2 ** 20).toFixed(1)} MB`);
    assert.ok(peakRss < 200 * 2 ** 20, `RSS grew by ${(peakRss / 2 ** 20).toFixed(1)} MB`);
  });
});
