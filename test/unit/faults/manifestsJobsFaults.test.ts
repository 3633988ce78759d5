// Faults suite, manifests and jobs: with 20% of requests failing (throttling, 5xx, connections
// dropped before the service saw them or after it applied them) on dynalite (through the fault
// proxy) and the loopback EMR, a scripted session of run-manifest marks/unmarks and of step
// submissions ends with zero lost or double marks and zero duplicate steps, and says how often.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EmrJobs } from '../../../src/core/jobs/emrJobs';
import { SubmissionLedger, memoryStore } from '../../../src/core/jobs/ledger';
import { toStepConfigs } from '../../../src/core/jobs/requests';
import { submitToCluster } from '../../../src/core/jobs/submit';
import { RunManifestTable, type RunManifestItem } from '../../../src/core/manifests/runManifestTable';
import { runFolderForTime } from '../../../src/core/manifests/runIds';
import { startAwsEstate, type AwsEstate } from '../../support/aws/estate';
import { startLocalAws, type LocalAws } from '../../support/manifests/localAws';
import { random as prng } from '../../support/random';

const FAULT_RATE = 0.2;

describe('faults: run manifest and job submission with 20% injected failures', () => {
  let aws: LocalAws;
  let estate: AwsEstate;
  before(async () => {
    aws = await startLocalAws([]);
    estate = await startAwsEstate();
  });
  after(async () => {
    await aws?.stop();
    await estate?.stop();
  });

  test('run manifest: 300 marks/unmarks over 40 runs; every mark the session was told about is stored exactly once', async () => {
    // Two attempts per request (the product uses four), so some failures outlast the SDK's retries
    // and the session's handling of an unknown outcome runs too.
    const table = new RunManifestTable(aws.clients({ maxAttempts: 2 }).dynamodb, 'faults-manifest');
    await new RunManifestTable(aws.clients({ maxAttempts: 10 }).dynamodb, 'faults-manifest').ensureTable({ pollMs: 20 });
    const runs = Array.from({ length: 40 }, (_, i) => `archive/run=${runFolderForTime(Date.UTC(2024, 2, 1) + i * 3_600_000).slice(4)}/`);
    const random = prng(31);
    aws.dynamoProxy.random = prng(32);
    aws.dynamoProxy.randomFaultRate = FAULT_RATE;
    aws.dynamoProxy.requests.length = 0;
    // What the session knows of each run: the mark it holds (its MarkId), none, or unknown after
    // an error (then it reads the run, as the view's refresh would, before acting on it again).
    const known = new Map<string, RunManifestItem | null | 'unknown'>(runs.map((r) => [r, null]));
    const counts = { marked: 0, unmarked: 0, markConflicts: 0, unmarkConflicts: 0, errors: 0, rereads: 0 };
    const problems: string[] = [];
    const play = async (runId: string, ops: number): Promise<void> => {
      for (let i = 0; i < ops; i++) {
        if (known.get(runId) === 'unknown') {
          counts.rereads++;
          try {
            known.set(runId, (await table.get(runId)) ?? null);
          } catch {
            continue; // still unknown; try again next turn
          }
        }
        const state = known.get(runId) as RunManifestItem | null;
        if (state === null) {
          const m = await table.mark(runId, 'faults');
          if (m.status === 'marked') {
            counts.marked++;
            known.set(runId, m.item);
          } else if (m.status === 'error') {
            counts.errors++;
            known.set(runId, 'unknown');
          } else {
            // Nobody else writes: a conflict here is this session's own mark taken for another's.
            counts.markConflicts++;
            problems.push(`${runId}: own mark reported as a conflict: ${m.message}`);
            known.set(runId, m.current ?? 'unknown');
          }
        } else {
          const u = await table.unmark(state);
          if (u.status === 'unmarked') {
            counts.unmarked++;
            known.set(runId, null);
          } else if (u.status === 'error') {
            counts.errors++;
            known.set(runId, 'unknown');
          } else {
            // Nobody else writes: a lost answer to our own delete must not read as someone else's.
            counts.unmarkConflicts++;
            problems.push(`${runId}: own unmark reported as a conflict: ${u.message}`);
            known.set(runId, null);
          }
        }
      }
    };
    // 300 operations in all, runs played concurrently (8 at a time), each run's own ops in order.
    const opsPerRun = runs.map(() => 0);
    for (let i = 0; i < 300; i++) opsPerRun[Math.floor(random() * runs.length)]++;
    const queue = runs.map((r, i) => [r, opsPerRun[i]] as const);
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await play(next[0], next[1]);
      }),
    );
    aws.dynamoProxy.randomFaultRate = 0;
    const faults = aws.dynamoProxy.requests.filter((r) => r.outcome !== 200);
    const stored = (await table.scanAll({ segments: 2 })).items;
    const storedById = new Map(stored.map((s) => [s.runId, s]));
    let lost = 0,
      doubled = 0,
      unknownAtEnd = 0;
    for (const runId of runs) {
      const state = known.get(runId)!;
      const item = storedById.get(runId);
      if (state === 'unknown') {
        // Never settled during the session: whatever is stored must be this session's own mark.
        unknownAtEnd++;
        if (item && item.markedBy !== 'faults') problems.push(`${runId}: a mark nobody made: ${JSON.stringify(item)}`);
        continue;
      }
      if (state === null && item) {
        doubled++;
        problems.push(`${runId}: the session thinks it is unmarked, yet ${JSON.stringify(item)} is stored`);
      }
      if (state !== null && item?.markId !== state.markId) {
        lost++;
        problems.push(`${runId}: mark ${state.markId} was reported made but ${item ? `${item.markId} is` : 'nothing is'} stored`);
      }
    }
    console.log(
      `manifest faults: ${JSON.stringify({ ...counts, lost, doubled, unknownAtEnd, runsMarked: stored.length })}; ${faults.length} faulty responses of ${aws.dynamoProxy.requests.length} (${['throttled', 500, 'dropped'].map((k) => `${k} ${faults.filter((f) => f.outcome === k).length}`).join(', ')})`,
    );
    assert.deepEqual(problems, []);
    assert.equal(lost, 0, 'lost marks');
    assert.equal(doubled, 0, 'double marks');
    assert.equal(stored.length, new Set(stored.map((s) => s.runId)).size);
    assert.ok(
      faults.some((f) => f.outcome === 'dropped') && faults.some((f) => f.outcome === 500) && faults.some((f) => f.outcome === 'throttled'),
      'every kind of fault was injected',
    );
    assert.ok(counts.marked > 100 && counts.unmarked > 60, `most operations get through: ${JSON.stringify(counts)}`);
    assert.ok(counts.errors > 0 && counts.rereads > 0, 'some failures outlasted the retries and were read back');
  });

  test('job submission: 40 submissions of 3 steps to one cluster; every step is on the cluster exactly once', async () => {
    estate.emr.stepDurationMs = 5;
    const clusterId = estate.emr.seedCluster({ name: 'faults', state: 'WAITING', logUri: 's3://dw-emr-logs/emr/' }).id;
    // No retry inside addSteps, so failures reach the script and the ledger's resume path runs too.
    const jobs = new EmrJobs(estate.target, { poll: { initialMs: 5, maxMs: 40 }, throttleRetries: 0 });
    const ledger = new SubmissionLedger(memoryStore());
    estate.server.random = prng(41);
    estate.server.randomFaultRate = FAULT_RATE;
    estate.server.calls.length = 0;
    const SUBMISSIONS = 40;
    const counts = { submitted: 0, failuresShown: 0, resumed: 0 };
    const errors: string[] = [];
    try {
      for (let k = 0; k < SUBMISSIONS; k++) {
        const configs = toStepConfigs(
          Array.from({ length: 3 }, (_, i) => ({
            name: `job ${k} step ${i}`,
            type: 'CUSTOM_JAR',
            actionOnFailure: 'CONTINUE',
            jar: 'command-runner.jar',
            arguments: ['echo', `${k}.${i}`],
          })),
        );
        // The user presses Submit again after each failure, as long as it takes (bounded).
        for (let attempt = 0; ; attempt++) {
          assert.ok(attempt < 12, `submission ${k} never went through: ${errors.slice(-3).join(' | ')}`);
          const interrupted = ledger.unresolved().some((r) => r.state === 'interrupted');
          try {
            const record = await submitToCluster(jobs, clusterId, {
              ledger,
              source: `job-${k}.json`,
              stepConfigs: configs,
              confirmDuplicate: async () => true,
            });
            assert.equal(record.stepIds.length, 3);
            counts.submitted++;
            if (interrupted) counts.resumed++;
            break;
          } catch (e) {
            assert.ok(e instanceof Error && e.message.length > 5, `not a clear error: ${String(e)}`);
            errors.push(e.message.split('\n')[0]);
            counts.failuresShown++;
          }
        }
      }
    } finally {
      estate.server.randomFaultRate = 0;
      jobs.dispose();
    }
    const faults = estate.server.calls.filter((c) => c.outcome !== 200);
    const onCluster = await new EmrJobs(estate.target).allSteps(clusterId);
    const byName = new Map<string, number>();
    for (const s of onCluster) byName.set(s.name, (byName.get(s.name) ?? 0) + 1);
    const duplicates = [...byName].filter(([, n]) => n > 1);
    const recorded = ledger
      .all()
      .filter((r) => r.state === 'submitted')
      .flatMap((r) => r.stepIds);
    console.log(
      `job faults: ${JSON.stringify({ ...counts, stepsOnCluster: onCluster.length, duplicates: duplicates.length })}; ${faults.length} faulty responses of ${estate.server.calls.length} (${faults.filter((c) => c.operation === 'AddJobFlowSteps').length} on AddJobFlowSteps: ${faults.filter((c) => c.operation === 'AddJobFlowSteps' && c.outcome === 'dropped').length} dropped)`,
    );
    assert.deepEqual(duplicates, [], 'duplicate step submissions');
    assert.equal(onCluster.length, SUBMISSIONS * 3, 'every step is on the cluster');
    assert.deepEqual(new Set(recorded), new Set(onCluster.map((s) => s.id)), 'the ledger holds exactly the ids on the cluster');
    assert.equal(recorded.length, SUBMISSIONS * 3);
    assert.ok(
      faults.some((c) => c.operation === 'AddJobFlowSteps' && c.outcome === 'dropped'),
      'some answers of AddJobFlowSteps were lost',
    );
    assert.ok(counts.resumed > 0, 'some submissions were interrupted and resumed by reconciling');
  });
});
