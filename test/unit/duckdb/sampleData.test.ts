import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LocalEngine, sampleCacheFile, type LoadProgress } from '../../../src/core/engines/duckdb';
import { duckdbTypeForRedshift } from '../../../src/core/engines/duckdb/sql';
import { collectRows, type Row } from '../../../src/core/engines/engine';
import { ATOMIC_EVENTS_COLUMNS } from '../../../src/core/events/fields';
import { DEFAULT_SAMPLE_OPTIONS } from '../../../src/core/sample';

// Shared between runs so only the first run pays for building the 100k-event sample.
const CACHE_DIR = path.join(os.tmpdir(), 'dw-unit-sample-cache');

async function rowsOf(engine: LocalEngine, sql: string): Promise<Row[]> {
  return collectRows(await engine.execute(sql));
}

describe('LocalEngine with the default sample data', () => {
  let engine: LocalEngine;
  const progress: LoadProgress[] = [];

  before(async () => {
    engine = new LocalEngine({ cacheDir: CACHE_DIR, onProgress: (p) => progress.push(p) });
    await engine.connect();
  });

  after(() => engine.dispose());

  test('the canonical Redshift types map to DuckDB types', () => {
    assert.equal(duckdbTypeForRedshift('varchar(255)'), 'VARCHAR');
    assert.equal(duckdbTypeForRedshift('char(36)'), 'VARCHAR');
    assert.equal(duckdbTypeForRedshift('int'), 'INTEGER');
    assert.equal(duckdbTypeForRedshift('timestamp'), 'TIMESTAMP');
    assert.equal(duckdbTypeForRedshift('double precision'), 'DOUBLE');
    assert.equal(duckdbTypeForRedshift('dec(18, 2)'), 'DECIMAL(18,2)');
    assert.equal(duckdbTypeForRedshift('boolean'), 'BOOLEAN');
  });

  test('atomic.events has the 128 canonical columns in order with canonical types', async () => {
    const rows = await rowsOf(
      engine,
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'atomic' AND table_name = 'events' ORDER BY ordinal_position`,
    );
    assert.equal(rows.length, 128);
    assert.deepEqual(
      rows,
      ATOMIC_EVENTS_COLUMNS.map((f) => [f.name, duckdbTypeForRedshift(f.redshiftType!)]),
    );
    const execution = await engine.execute('SELECT * FROM atomic.events LIMIT 1');
    assert.deepEqual(
      execution.columns.map((c) => c.name),
      ATOMIC_EVENTS_COLUMNS.map((f) => f.name),
    );
    const families = Object.fromEntries(execution.columns.map((c) => [c.name, c.family]));
    assert.equal(families.collector_tstamp, 'timestamp');
    assert.equal(families.tr_total, 'decimal');
    assert.equal(families.geo_latitude, 'float');
    assert.equal(families.br_cookies, 'boolean');
    assert.equal(families.domain_sessionidx, 'integer');
    await collectRows(execution);
  });

  test('holds the generated events: counts, days, users, every event type', async () => {
    const [[events, days, users, sessions, minTs, maxTs]] = await rowsOf(
      engine,
      `SELECT count(*), count(DISTINCT collector_tstamp::DATE), count(DISTINCT network_userid),
        count(DISTINCT domain_sessionid), min(collector_tstamp), max(collector_tstamp) FROM atomic.events`,
    );
    assert.equal(events, DEFAULT_SAMPLE_OPTIONS.events);
    assert.ok((days as number) >= 7);
    assert.ok((users as number) >= 2000);
    assert.ok((sessions as number) > (users as number) / 2);
    assert.ok(String(minTs).startsWith(DEFAULT_SAMPLE_OPTIONS.startDate), String(minTs));
    assert.ok(String(maxTs) > '2024-06-09', String(maxTs));
    const kinds = (await rowsOf(engine, `SELECT DISTINCT event || ':' || event_name FROM atomic.events ORDER BY 1`)).map((r) => r[0]);
    assert.deepEqual(kinds, [
      'page_ping:page_ping',
      'page_view:page_view',
      'struct:event',
      'transaction:transaction',
      'transaction_item:transaction_item',
      'unstruct:link_click',
      'unstruct:screen_view',
    ]);
  });

  test('typed values survive the load: decimals add up, booleans and timestamps are real', async () => {
    const [[mismatches]] = await rowsOf(
      engine,
      `
      WITH items AS (SELECT ti_orderid, sum(ti_price * ti_quantity) AS subtotal FROM atomic.events WHERE event = 'transaction_item' GROUP BY 1)
      SELECT count(*) FROM atomic.events t JOIN items i ON i.ti_orderid = t.tr_orderid
      WHERE t.event = 'transaction' AND t.tr_total <> i.subtotal + t.tr_tax + t.tr_shipping`,
    );
    assert.equal(mismatches, 0);
    const [[mobile, pings]] = await rowsOf(
      engine,
      `SELECT count(*) FILTER (WHERE dvce_ismobile), count(*) FILTER (WHERE pp_yoffset_max >= pp_yoffset_min) FROM atomic.events`,
    );
    assert.ok((mobile as number) > 0);
    assert.ok((pings as number) > 0);
    const [[badDerived]] = await rowsOf(
      engine,
      `SELECT count(*) FROM atomic.events WHERE derived_tstamp <> collector_tstamp - (dvce_sent_tstamp - dvce_created_tstamp)`,
    );
    assert.equal(badDerived, 0);
  });

  test('a restart reuses the cached sample instead of regenerating it', async () => {
    const file = sampleCacheFile(CACHE_DIR, {});
    const before = await stat(file);
    const again: LoadProgress[] = [];
    const second = new LocalEngine({ cacheDir: CACHE_DIR, onProgress: (p) => again.push(p) });
    try {
      assert.deepEqual(await rowsOf(second, 'SELECT count(*) FROM atomic.events'), [[DEFAULT_SAMPLE_OPTIONS.events]]);
    } finally {
      await second.dispose();
    }
    assert.ok(!again.some((p) => p.phase === 'generating' || p.phase === 'loading'), JSON.stringify(again));
    assert.equal((await stat(file)).mtimeMs, before.mtimeMs);
    // The sample is a private copy: changes in one engine do not reach the cache or another engine.
    await collectRows(await engine.execute(`DELETE FROM atomic.events WHERE event = 'page_ping'`));
    const third = new LocalEngine({ cacheDir: CACHE_DIR });
    try {
      const [[pings]] = await rowsOf(third, `SELECT count(*) FROM atomic.events WHERE event = 'page_ping'`);
      assert.ok((pings as number) > 0);
    } finally {
      await third.dispose();
    }
  });
});

describe('LocalEngine with custom sample options', () => {
  test('builds a cache for the options, reporting progress, and leaves no temporary or outdated files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dw-sample-options-'));
    const progress: LoadProgress[] = [];
    const options = { events: 3000, users: 60, days: 3, startDate: '2023-05-01', seed: 11 };
    const outdated = path.join(dir, 'sample-events-v1-e3000-u60-d3-2023-05-01-s11.duckdb');
    await writeFile(outdated, 'from an older generator');
    const engine = new LocalEngine({ sampleData: options, cacheDir: dir, onProgress: (p) => progress.push(p) });
    try {
      const [[events, users, firstDay]] = await rowsOf(
        engine,
        `SELECT count(*), count(DISTINCT network_userid), min(collector_tstamp)::DATE::VARCHAR FROM atomic.events`,
      );
      assert.equal(events, 3000);
      assert.equal(users, 60);
      assert.equal(firstDay, '2023-05-01');
      assert.deepEqual(await readdir(dir), [path.basename(sampleCacheFile(dir, options))]);
      assert.ok(progress.some((p) => p.phase === 'generating'));
      assert.equal(progress.at(-1)?.phase, 'ready');
      assert.ok(
        progress.every((p, i) => i === 0 || p.fraction >= progress[i - 1].fraction),
        'progress only moves forward',
      );
    } finally {
      await engine.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('cancelling the first load removes partial files and leaves the engine reusable', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dw-sample-cancel-'));
    const controller = new AbortController();
    const engine = new LocalEngine({
      sampleData: { events: 200_000 },
      cacheDir: dir,
      onProgress: (p) => p.fraction > 0.05 && controller.abort(),
    });
    try {
      await assert.rejects(engine.connect(controller.signal), (e: Error) => e.name === 'CancelledError');
      assert.deepEqual(await readdir(dir), []);
    } finally {
      await engine.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a database file keeps its tables; sample data is added once when asked for', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dw-dbfile-'));
    const databasePath = path.join(dir, 'work.duckdb');
    const sampleData = { events: 1500, users: 25, seed: 5 };
    try {
      const first = new LocalEngine({ databasePath, sampleData, cacheDir: path.join(dir, 'cache') });
      await collectRows(await first.execute(`CREATE TABLE notes AS SELECT 'kept' AS note`));
      await collectRows(await first.execute(`DELETE FROM atomic.events WHERE event = 'page_ping'`));
      const [[remaining]] = await rowsOf(first, 'SELECT count(*) FROM atomic.events');
      await first.dispose();
      const second = new LocalEngine({ databasePath, sampleData, cacheDir: path.join(dir, 'cache') });
      try {
        assert.deepEqual(await rowsOf(second, 'SELECT note FROM notes'), [['kept']]);
        assert.deepEqual(await rowsOf(second, 'SELECT count(*) FROM atomic.events'), [[remaining]], 'the file keeps its own atomic.events');
      } finally {
        await second.dispose();
      }
      const plain = new LocalEngine({ databasePath });
      try {
        assert.deepEqual(await rowsOf(plain, 'SELECT count(*) FROM notes'), [[1]]);
      } finally {
        await plain.dispose();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('sampleData false gives an empty database', async () => {
    const engine = new LocalEngine({ sampleData: false });
    try {
      assert.deepEqual(await rowsOf(engine, `SELECT count(*) FROM duckdb_tables() WHERE NOT internal`), [[0]]);
    } finally {
      await engine.dispose();
    }
  });
});
