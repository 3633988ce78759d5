// The Clusters view's refresh loop: back-off while nothing changes, reset on change, stop when
// settled, pause/resume/stop; and driven by the real EMR model against the loopback EMR until a
// starting cluster settles.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Poller, compareStates, type PollOutcome } from '../../../src/core/clusters/poller';
import { CHANGING_CLUSTER_STATES, EmrExplorer } from '../../../src/core/clusters/emr';
import { startAwsEstate } from '../../support/aws/estate';

/** A sleep that returns at once but records the delay asked for (and honours abort). */
function instantSleep(): (ms: number, signal: AbortSignal) => Promise<void> {
  return async (_ms, signal) => {
    await new Promise((r) => setImmediate(r));
    if (signal.aborted) throw new Error('aborted');
  };
}

describe('Poller', () => {
  test('backs off while unchanged, resets after a change, stops once settled', async () => {
    const outcomes: PollOutcome[] = ['unchanged', 'unchanged', 'unchanged', 'changed', 'unchanged', 'settled'];
    let calls = 0;
    const poller = new Poller(async () => outcomes[calls++], { initialMs: 100, factor: 2, maxMs: 350, sleep: instantSleep() });
    poller.start();
    await poller.whenIdle();
    assert.equal(calls, outcomes.length);
    assert.deepEqual(poller.delays, [100, 200, 350, 350, 100, 200]);
    assert.equal(poller.state, 'idle');
  });

  test('errors are reported and slow it down, but do not stop it', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const poller = new Poller(
      async () => {
        calls++;
        if (calls <= 2) throw new Error(`boom ${calls}`);
        return 'settled';
      },
      { initialMs: 10, factor: 3, maxMs: 1000, sleep: instantSleep(), onError: (e) => errors.push(e) },
    );
    poller.start();
    await poller.whenIdle();
    assert.deepEqual(
      errors.map((e) => (e as Error).message),
      ['boom 1', 'boom 2'],
    );
    assert.deepEqual(poller.delays, [10, 30, 90]);
  });

  test('pause aborts the wait and the refresh in flight; resume starts again from the shortest delay; stop is final', async () => {
    let calls = 0;
    let inFlight: AbortSignal | undefined;
    const poller = new Poller(
      async (signal) => {
        calls++;
        inFlight = signal;
        await new Promise((r) => setTimeout(r, 5));
        return 'unchanged';
      },
      { initialMs: 1, factor: 2, maxMs: 8 },
    );
    poller.start();
    while (calls < 3) await new Promise((r) => setTimeout(r, 2));
    poller.pause();
    assert.equal(poller.state, 'paused');
    assert.equal(inFlight?.aborted, true);
    await poller.whenIdle();
    const atPause = calls;
    await new Promise((r) => setTimeout(r, 40));
    assert.equal(calls, atPause, 'no refresh while paused');
    const delaysBefore = poller.delays.length;
    poller.resume();
    assert.equal(poller.state, 'running');
    while (calls < atPause + 1) await new Promise((r) => setTimeout(r, 2));
    assert.equal(poller.delays[delaysBefore], 1, 'resumes with the initial delay');
    await poller.stop();
    assert.equal(poller.state, 'stopped');
    const atStop = calls;
    poller.start();
    poller.resume();
    await new Promise((r) => setTimeout(r, 40));
    assert.equal(calls, atStop, 'nothing runs after stop');
  });

  test('compareStates: settled without changing states, changed on any difference, else unchanged', () => {
    const changing = ['RUNNING', 'PENDING'];
    assert.equal(compareStates(new Map([['a', 'RUNNING']]), new Map([['a', 'COMPLETED']]), changing), 'settled');
    assert.equal(compareStates(new Map([['a', 'PENDING']]), new Map([['a', 'RUNNING']]), changing), 'changed');
    assert.equal(
      compareStates(
        new Map([['a', 'RUNNING']]),
        new Map([
          ['a', 'RUNNING'],
          ['b', 'PENDING'],
        ]),
        changing,
      ),
      'changed',
    );
    assert.equal(compareStates(new Map([['a', 'RUNNING']]), new Map([['a', 'RUNNING']]), changing), 'unchanged');
  });
});

test('polling a starting cluster through the real SDK follows it to WAITING, then stops', async () => {
  let now = 0;
  const estate = await startAwsEstate({ emrClock: () => now });
  const explorer = new EmrExplorer(estate.target);
  try {
    const { EMRClient, RunJobFlowCommand } = await import('@aws-sdk/client-emr');
    const client = new EMRClient({ region: 'us-east-1', endpoint: estate.server.endpoint, credentials: estate.target.credentials });
    const { JobFlowId } = await client.send(
      new RunJobFlowCommand({
        Name: 'polled',
        Instances: {
          KeepJobFlowAliveWhenNoSteps: true,
          InstanceGroups: [{ InstanceRole: 'MASTER', InstanceType: 'm5.xlarge', InstanceCount: 1 }],
        },
      }),
    );
    client.destroy();
    let last = new Map<string, string>();
    const seen: string[] = [];
    const poller = new Poller(
      async (signal) => {
        const page = await explorer.listClusters('active', undefined, signal);
        const next = new Map(page.items.map((c) => [c.id, c.state as string]));
        seen.push(next.get(JobFlowId!) ?? '?');
        const outcome = compareStates(last, next, CHANGING_CLUSTER_STATES);
        last = next;
        return outcome;
      },
      {
        initialMs: 1,
        maxMs: 4,
        // Each wait moves the loopback's clock on by 700 ms, like time passing between polls.
        sleep: async (ms) => {
          now += 700;
          await new Promise((r) => setTimeout(r, ms));
        },
      },
    );
    poller.start();
    await poller.whenIdle();
    assert.deepEqual([...new Set(seen)], ['STARTING', 'BOOTSTRAPPING', 'WAITING']);
    assert.equal(seen.at(-1), 'WAITING');
    assert.equal(poller.state, 'idle');
  } finally {
    explorer.dispose();
    await estate.stop();
  }
});
