// Faults suite, PostgreSQL side: behind a TCP proxy that leaves 20% of connections half-open at a
// random point (packets dropped, nothing closed), a scripted session of queries, cancels and
// impatient users (cancel after a deadline) ends every query cleanly and fast, and leaves no
// statement of ours running on the server.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { random as prng } from '../../support/random';
import { CancelledError, EngineError, collectRows } from '../../../src/core/engines/engine';
import { createPostgresEngine } from '../../../src/core/engines/postgres';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import { TcpProxy } from '../../support/tcpProxy';

const QUERIES = 16;
/** A user gives up on a query after this long and presses Cancel. */
const PATIENCE_MS = 4000;
/** Cancel must end a query within this (bounded waits, see STUCK_AFTER_MS). */
const CANCEL_BOUND_MS = 9000;

describe('faults: PostgreSQL behind a proxy that leaves 20% of connections half-open', () => {
  let pg: TestPostgres;
  let proxy: TcpProxy;
  before(async () => {
    pg = await startPostgres();
    proxy = new TcpProxy(pg.host, pg.port);
    proxy.seed(prng(7));
    proxy.silenceRate = 0.2;
    await proxy.start();
  });
  after(async () => {
    await proxy.stop();
  });

  test('every query ends (rows, cancelled or a clear error) in bounded time; none is left running', async () => {
    const random = prng(8);
    const engine = createPostgresEngine(
      { name: 'faults', kind: 'postgres', host: proxy.host, port: proxy.port, database: pg.database, user: pg.user, ssl: 'disable' },
      { password: pg.password, connectTimeoutMs: 3000 },
    );
    const outcome = { done: 0, cancelled: 0, failed: [] as string[] };
    try {
      for (let i = 0; i < QUERIES; i++) {
        const long = i % 4 === 3; // a slow statement the user cancels
        const controller = new AbortController();
        const started = Date.now();
        const giveUp = setTimeout(() => controller.abort(), long ? 200 + Math.floor(random() * 400) : PATIENCE_MS);
        try {
          const rows = await collectRows(
            await engine.execute(`SELECT ${i} AS n, pg_sleep(${long ? 30 : 0.05}) IS NULL AS slept FROM generate_series(1, 3)`, {
              signal: controller.signal,
              pageSize: 1,
            }),
          );
          assert.deepEqual(
            rows.map((r) => r[0]),
            [i, i, i],
          );
          outcome.done++;
        } catch (e) {
          if (e instanceof CancelledError) outcome.cancelled++;
          else if (e instanceof EngineError && e.message.length > 5) outcome.failed.push(e.message.split('\n')[0]);
          else throw e;
        } finally {
          clearTimeout(giveUp);
        }
        const took = Date.now() - started;
        assert.ok(took < PATIENCE_MS + CANCEL_BOUND_MS, `query ${i} took ${took} ms`);
      }
    } finally {
      await engine.dispose();
    }
    console.log(
      `postgres faults: ${JSON.stringify({ ...outcome, failed: outcome.failed.length })}; ${proxy.accepted} connections through the proxy`,
    );
    assert.equal(outcome.done + outcome.cancelled + outcome.failed.length, QUERIES);
    assert.ok(outcome.done >= QUERIES / 3, JSON.stringify(outcome));
    // The server: nothing of ours still running (a cancelled pg_sleep(30) would show here).
    let running = '';
    for (let i = 0; i < 20; i++) {
      running = pg
        .adminSql(
          `SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()`,
          pg.database,
        )
        .trim();
      if (running === '0') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(running, '0', 'statements left running on the server');
  });
});
