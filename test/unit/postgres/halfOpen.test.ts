// A connection that goes half-open mid-query (packets silently dropped, nothing closed) must not
// leave Cancel hanging: every wait on cancel/close is bounded, the stuck connection is ended, and
// the next query runs on a fresh one. A reset mid-result says the connection was lost during the
// query (not "could not connect"). The dropping proxy is test/support/tcpProxy.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CancelledError, EngineError, collectRows } from '../../../src/core/engines/engine';
import type { PostgresEngine } from '../../../src/core/engines/postgres';
import { TcpProxy } from '../../support/tcpProxy';
import { engineFor, server, sleep } from './helpers';

/** Settles `p` or fails after `ms`: a hang is a failure, not a stuck test run. */
async function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

for (const kind of ['postgres', 'redshift'] as const) {
  describe(`${kind} (wire) engine: half-open and reset connections`, () => {
    let proxy: TcpProxy;
    const engines: PostgresEngine[] = [];
    before(async () => {
      const pg = await server();
      proxy = new TcpProxy(pg.host, pg.port);
      await proxy.start();
    });
    after(async () => {
      for (const e of engines) await within(10_000, e.dispose(), 'dispose');
      await proxy.stop();
    });
    const engine = async (): Promise<PostgresEngine> => {
      const e = await engineFor({ kind, host: proxy.host, port: proxy.port });
      engines.push(e);
      return e;
    };

    test('cancel while the connection is half-open ends within seconds, and the next query runs', async () => {
      const e = await engine();
      const controller = new AbortController();
      const execution = await e.execute('SELECT g, pg_sleep(0.005) FROM generate_series(1, 200000) g', {
        signal: controller.signal,
        pageSize: 20,
      });
      const iterator = execution.pages[Symbol.asyncIterator]();
      assert.equal((await iterator.next()).done, false);
      proxy.silenceExisting();
      const started = Date.now();
      controller.abort();
      await within(
        8_000,
        assert.rejects(async () => {
          for (;;) if ((await iterator.next()).done) break;
        }, CancelledError),
        'the cancelled iteration',
      );
      assert.ok(Date.now() - started < 8_000);
      assert.deepEqual(await within(8_000, collectRows(await e.execute('SELECT 42')), 'the next query'), [[42]]);
    });

    test('cancel when the control connection is half-open too still ends within seconds', async () => {
      const e = await engine();
      // Open the control connection (a first cancel), then silence everything open.
      const first = new AbortController();
      const warm = e.execute('SELECT pg_sleep(5)', { signal: first.signal });
      await sleep(300);
      first.abort();
      await assert.rejects(warm, CancelledError);
      const controller = new AbortController();
      const running = e.execute('SELECT pg_sleep(30)', { signal: controller.signal });
      await sleep(300);
      proxy.silenceExisting();
      controller.abort();
      await within(10_000, assert.rejects(running, CancelledError), 'the cancelled statement');
      assert.deepEqual(await within(10_000, collectRows(await e.execute('SELECT 7')), 'the next query'), [[7]]);
    });

    test('dispose with a half-open connection returns within seconds', async () => {
      const e = await engine();
      const running = e.execute('SELECT pg_sleep(30)');
      running.catch(() => undefined);
      await sleep(300);
      proxy.silenceExisting();
      await within(8_000, e.dispose(), 'dispose');
      await within(8_000, assert.rejects(running, EngineError), 'the statement');
    });

    test('a reset mid-result says the connection was lost during the query', async () => {
      const e = await engine();
      const execution = await e.execute('SELECT g, pg_sleep(0.005) FROM generate_series(1, 200000) g', { pageSize: 20 });
      const iterator = execution.pages[Symbol.asyncIterator]();
      assert.equal((await iterator.next()).done, false);
      proxy.resetExisting();
      const err = await within(
        8_000,
        (async () => {
          try {
            for (;;) if ((await iterator.next()).done) return undefined;
          } catch (x) {
            return x;
          }
        })(),
        'the reset',
      );
      assert.ok(err instanceof EngineError, String(err));
      assert.equal(err.details.category, 'connection');
      assert.match(err.message, /lost during the query/);
      assert.doesNotMatch(err.message, /could not connect/);
      assert.deepEqual(await within(8_000, collectRows(await e.execute('SELECT 9')), 'the next query'), [[9]]);
    });
  });
}
