// Faults suite, AWS side: with 20% of requests to the loopback Athena and Redshift Data API
// failing (throttling, 5xx, dropped connections before or after the request was handled), a
// scripted session of queries and cancels ends every query cleanly (rows, or a clear error) and
// leaves no query running on the service (the loopback reports what still runs).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { random as prng } from '../../support/random';
import { createAthenaEngine } from '../../../src/core/engines/athena/athenaEngine';
import { CancelledError, EngineError, collectRows, type Engine } from '../../../src/core/engines/engine';
import { createRedshiftDataEngine } from '../../../src/core/engines/redshiftData/redshiftDataEngine';
import { startAthenaLoopback, TEST_CREDENTIALS, type AthenaLoopback } from '../../support/aws/athenaHarness';
import { startRedshiftDataLoopback, type RedshiftDataLoopback } from '../../support/aws/redshiftDataHarness';

const QUERIES = 24;
const FAULT_RATE = 0.2;

interface Outcome {
  done: number;
  cancelled: number;
  failed: string[];
}

/** Runs the script: every third query is cancelled mid-way; all of them must settle. */
async function session(engine: Engine, random: () => number, sql: (i: number) => string): Promise<Outcome> {
  const outcome: Outcome = { done: 0, cancelled: 0, failed: [] };
  for (let i = 0; i < QUERIES; i++) {
    const controller = new AbortController();
    const cancel = i % 3 === 2;
    const timer = cancel ? setTimeout(() => controller.abort(), 50 + Math.floor(random() * 300)) : undefined;
    try {
      const rows = await collectRows(await engine.execute(sql(i), { signal: controller.signal }));
      assert.deepEqual(rows, [[i]], `query ${i} returned its own row`);
      outcome.done++;
    } catch (e) {
      if (e instanceof CancelledError) outcome.cancelled++;
      else if (e instanceof EngineError && e.message.length > 5) outcome.failed.push(`${e.details.category}: ${e.message.split('\n')[0]}`);
      else throw e; // not a clear error: the suite fails
    } finally {
      clearTimeout(timer);
    }
  }
  return outcome;
}

describe('faults: loopback AWS services with 20% injected failures', () => {
  let athena: AthenaLoopback;
  let redshift: RedshiftDataLoopback;
  before(async () => {
    athena = await startAthenaLoopback();
    redshift = await startRedshiftDataLoopback();
  });
  after(async () => {
    await athena.stop();
    await redshift.stop();
  });

  test('Athena: every query ends cleanly and none is left running', async () => {
    const random = prng(11);
    athena.server.random = prng(12);
    athena.server.randomFaultRate = FAULT_RATE;
    athena.athena.executionDelayMs = 400;
    const logged: string[] = [];
    const engine = createAthenaEngine(athena.connection, {
      credentials: TEST_CREDENTIALS,
      poll: { initialMs: 20, maxMs: 80 },
      log: (m) => logged.push(m),
    });
    try {
      const outcome = await session(engine, random, (i) => `select ${i} as n`);
      athena.server.randomFaultRate = 0;
      console.log(
        `athena faults: ${JSON.stringify({ ...outcome, failed: outcome.failed.length })}; ${athena.server.calls.filter((c) => c.outcome !== 200).length} faulty responses of ${athena.server.calls.length}`,
      );
      assert.equal(outcome.done + outcome.cancelled + outcome.failed.length, QUERIES);
      assert.ok(outcome.done > QUERIES / 3, `most queries get through the faults: ${JSON.stringify(outcome)}`);
      assert.deepEqual(athena.athena.runningQueries(), [], `still running; log:\n${logged.join('\n')}`);
    } finally {
      await engine.dispose();
    }
  });

  test('Redshift Data API: every statement ends cleanly and none is left running', async () => {
    const random = prng(21);
    redshift.server.random = prng(22);
    redshift.server.randomFaultRate = FAULT_RATE;
    redshift.service.executionDelayMs = 400;
    const logged: string[] = [];
    const engine = createRedshiftDataEngine(redshift.provisioned, {
      credentials: TEST_CREDENTIALS,
      poll: { initialMs: 20, maxMs: 80 },
      log: (m) => logged.push(m),
    });
    try {
      const outcome = await session(engine, random, (i) => `select ${i} as n`);
      redshift.server.randomFaultRate = 0;
      console.log(`redshift data faults: ${JSON.stringify({ ...outcome, failed: outcome.failed.length })}`);
      assert.equal(outcome.done + outcome.cancelled + outcome.failed.length, QUERIES);
      assert.ok(outcome.done > QUERIES / 3, JSON.stringify(outcome));
      assert.deepEqual(redshift.service.runningStatements(), [], `still running; log:\n${logged.join('\n')}`);
    } finally {
      redshift.service.executionDelayMs = 0;
      await engine.dispose();
    }
  });
});
