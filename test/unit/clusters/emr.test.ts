// The EMR explorer model with the real @aws-sdk/client-emr and client-s3 against the loopback EMR
// (state machine on a hand-stepped clock) and s3rver: paging, state filters, details, steps
// newest first, logs, cancel, terminate, errors, throttling and dropped connections.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { EmrExplorer, type EmrStepInfo } from '../../../src/core/clusters/emr';
import { ExplorerRequestError } from '../../../src/core/aws/explorerErrors';
import { startAwsEstate, LOG_BUCKET, type AwsEstate } from '../../support/aws/estate';
import { EMR_PAGE_SIZE, type EmrCluster } from '../../support/aws/emrService';

let estate: AwsEstate;
let now = Date.UTC(2024, 5, 1, 12);
const explorers: EmrExplorer[] = [];

function explorer(overrides: Partial<AwsEstate['target']> = {}): EmrExplorer {
  const e = new EmrExplorer({ ...estate.target, ...overrides }, () => now);
  explorers.push(e);
  return e;
}

async function allClusters(e: EmrExplorer, states: Parameters<EmrExplorer['listClusters']>[0]): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let marker: string | undefined;
  let pages = 0;
  do {
    const page = await e.listClusters(states, marker);
    ids.push(...page.items.map((c) => c.id));
    marker = page.next;
    pages++;
  } while (marker);
  return { ids, pages };
}

before(async () => {
  estate = await startAwsEstate({ emrClock: () => now });
});

after(async () => {
  for (const e of explorers) e.dispose();
  await estate.stop();
});

beforeEach(() => {
  estate.server.clearFaults();
  estate.emr.clusters.clear();
});

describe('listing clusters', () => {
  test('active clusters by default, terminated ones only when asked, newest first, paged by Marker', async () => {
    const active: EmrCluster[] = [];
    for (let i = 0; i < EMR_PAGE_SIZE + 7; i++)
      active.push(estate.emr.seedCluster({ name: `active-${i}`, state: i % 2 ? 'RUNNING' : 'WAITING', created: now - (i + 1) * 60_000 }));
    for (let i = 0; i < 3; i++)
      estate.emr.seedCluster({ name: `gone-${i}`, state: i ? 'TERMINATED' : 'TERMINATED_WITH_ERRORS', created: now - i * 1000 });
    const e = explorer();
    const first = await e.listClusters();
    assert.equal(first.items.length, EMR_PAGE_SIZE);
    assert.ok(first.next, 'a second page is announced');
    assert.deepEqual(first.items.map((c) => c.name).slice(0, 3), ['active-0', 'active-1', 'active-2']);
    const { ids, pages } = await allClusters(e, 'active');
    assert.equal(pages, 2);
    assert.deepEqual(
      ids,
      active.map((c) => c.id),
    );
    const terminated = await e.listClusters('terminated');
    assert.deepEqual(
      terminated.items.map((c) => c.name),
      ['gone-0', 'gone-1', 'gone-2'],
    );
    assert.deepEqual(
      terminated.items.map((c) => c.state),
      ['TERMINATED_WITH_ERRORS', 'TERMINATED', 'TERMINATED'],
    );
    const sent = estate.server.callsTo('ListClusters').map((c) => c.body.ClusterStates);
    assert.deepEqual(sent.at(-1), ['TERMINATED', 'TERMINATED_WITH_ERRORS']);
  });

  test('an empty account lists nothing, with no next page', async () => {
    const page = await explorer().listClusters('all');
    assert.deepEqual(page, { items: [], next: undefined });
  });
});

describe('cluster details and steps', () => {
  test('details carry release, applications, instance groups with counts and types, master DNS and log URI', async () => {
    const c = estate.emr.seedCluster({
      name: 'models',
      state: 'WAITING',
      logUri: `s3://${LOG_BUCKET}/logs/`,
      releaseLabel: 'emr-6.15.0',
      instanceGroups: [
        {
          Id: 'ig-T',
          Name: 'Task',
          Market: 'SPOT',
          InstanceGroupType: 'TASK',
          InstanceType: 'm5.large',
          RequestedInstanceCount: 3,
          BidPrice: '0.05',
        },
        {
          Id: 'ig-M',
          Name: 'Master',
          Market: 'ON_DEMAND',
          InstanceGroupType: 'MASTER',
          InstanceType: 'm5.xlarge',
          RequestedInstanceCount: 1,
        },
        { Id: 'ig-C', Name: 'Core', Market: 'ON_DEMAND', InstanceGroupType: 'CORE', InstanceType: 'r5.2xlarge', RequestedInstanceCount: 2 },
      ],
    });
    const d = await explorer().describeCluster(c.id);
    assert.equal(d.name, 'models');
    assert.equal(d.state, 'WAITING');
    assert.equal(d.releaseLabel, 'emr-6.15.0');
    assert.deepEqual(
      d.applications.map((a) => a.name),
      ['Hadoop', 'Spark'],
    );
    assert.equal(d.collection, 'groups');
    assert.deepEqual(
      d.capacity.map((g) => [g.role, g.instanceTypes.join(), g.requested, g.running, g.market]),
      [
        ['MASTER', 'm5.xlarge', 1, 1, 'ON_DEMAND'],
        ['CORE', 'r5.2xlarge', 2, 2, 'ON_DEMAND'],
        ['TASK', 'm5.large', 3, 3, 'SPOT'],
      ],
    );
    assert.match(d.masterDns ?? '', /\.amazonaws\.com$/);
    assert.equal(d.logUri, `s3://${LOG_BUCKET}/logs/`);
  });

  test('a fleet cluster reads ListInstanceFleets (ListInstanceGroups would fail for it)', async () => {
    const c = estate.emr.seedCluster({
      name: 'fleets',
      state: 'RUNNING',
      instanceFleets: [
        {
          Id: 'if-C',
          Name: 'Core',
          InstanceFleetType: 'CORE',
          TargetOnDemandCapacity: 2,
          TargetSpotCapacity: 4,
          InstanceTypeSpecifications: [
            { InstanceType: 'r5.xlarge', WeightedCapacity: 1 },
            { InstanceType: 'r5a.xlarge', WeightedCapacity: 1 },
          ],
        },
      ],
    });
    const d = await explorer().describeCluster(c.id);
    assert.equal(d.collection, 'fleets');
    assert.deepEqual(
      d.capacity.map((f) => [f.role, f.instanceTypes, f.requested, f.market]),
      [['CORE', ['r5.xlarge', 'r5a.xlarge'], 6, 'MIXED']],
    );
    assert.equal(estate.server.callsTo('ListInstanceGroups').filter((r) => r.body.ClusterId === c.id).length, 0);
  });

  test('steps come newest first, paged, with start/end, duration and failure reason', async () => {
    const c = estate.emr.seedCluster({ name: 'many-steps', state: 'WAITING', logUri: `s3://${LOG_BUCKET}/x/` });
    for (let i = 0; i < EMR_PAGE_SIZE + 5; i++) {
      const started = now - (100 - i) * 60_000;
      c.steps.push(
        estate.emr.seedStep({
          name: `step-${i}`,
          state: i === 3 ? 'FAILED' : 'COMPLETED',
          created: started - 1000,
          started,
          ended: started + (i + 1) * 1000,
          failure: i === 3 ? { Reason: 'Out of memory', Message: 'Container killed' } : undefined,
        }),
      );
    }
    const e = explorer();
    const steps: EmrStepInfo[] = [];
    let marker: string | undefined;
    do {
      const page = await e.listSteps(c.id, marker);
      steps.push(...page.items);
      marker = page.next;
    } while (marker);
    assert.equal(steps.length, EMR_PAGE_SIZE + 5);
    assert.deepEqual(
      steps.slice(0, 2).map((s) => s.name),
      [`step-${EMR_PAGE_SIZE + 4}`, `step-${EMR_PAGE_SIZE + 3}`],
    );
    const failed = steps.find((s) => s.name === 'step-3')!;
    assert.equal(failed.state, 'FAILED');
    assert.equal(failed.durationMs, 4000);
    assert.equal(failed.failure?.reason, 'Out of memory');
    assert.equal(failed.failure?.logFile, `s3://${LOG_BUCKET}/x/${c.id}/steps/${failed.id}/`);
  });

  test("a running step's duration counts up to now; a pending one has none", async () => {
    const c = estate.emr.seedCluster({ name: 'live', state: 'RUNNING' });
    c.steps.push(estate.emr.seedStep({ name: 'running', state: 'RUNNING', started: now - 90_000, durationMs: 3_600_000 }));
    c.steps.push(estate.emr.seedStep({ name: 'pending', state: 'PENDING' }));
    const { items } = await explorer().listSteps(c.id);
    assert.deepEqual(
      items.map((s) => [s.name, s.state, s.durationMs]),
      [
        ['pending', 'PENDING', undefined],
        ['running', 'RUNNING', 90_000],
      ],
    );
  });
});

describe('actions', () => {
  test('submitted steps run one after another on the clock; cancel stops a pending one and refuses a finished one', async () => {
    const e = explorer();
    const c = estate.emr.seedCluster({ name: 'jobs', state: 'WAITING', logUri: `s3://${LOG_BUCKET}/jobs/` });
    estate.emr.stepDurationMs = 60_000;
    const { EMRClient, AddJobFlowStepsCommand } = await import('@aws-sdk/client-emr');
    const client = new EMRClient({ region: 'us-east-1', endpoint: estate.server.endpoint, credentials: estate.target.credentials });
    const step = (name: string) => ({
      Name: name,
      ActionOnFailure: 'CONTINUE' as const,
      HadoopJarStep: { Jar: 'command-runner.jar', Args: ['spark-submit', 'job.py'] },
    });
    const { StepIds } = await client.send(new AddJobFlowStepsCommand({ JobFlowId: c.id, Steps: [step('a'), step('b'), step('c')] }));
    client.destroy();
    const states = async (): Promise<string[]> => (await e.listSteps(c.id)).items.map((s) => `${s.name}:${s.state}`);
    assert.deepEqual(await states(), ['c:PENDING', 'b:PENDING', 'a:RUNNING']);
    assert.deepEqual(await e.cancelStep(c.id, StepIds![2]), { cancelled: true });
    now += 61_000;
    assert.deepEqual(await states(), ['c:CANCELLED', 'b:RUNNING', 'a:COMPLETED']);
    const refused = await e.cancelStep(c.id, StepIds![0]);
    assert.equal(refused.cancelled, false);
    assert.match(refused.reason ?? '', /COMPLETED/);
    assert.equal((await e.describeCluster(c.id)).state, 'RUNNING');
    now += 61_000;
    assert.equal((await e.describeCluster(c.id)).state, 'WAITING');
  });

  test('a running step goes CANCEL_PENDING, then CANCELLED', async () => {
    const e = explorer();
    const c = estate.emr.seedCluster({ name: 'cancel-running', state: 'RUNNING' });
    const s = estate.emr.seedStep({ name: 'long', state: 'RUNNING', started: now, durationMs: 3_600_000 });
    c.steps.push(s);
    assert.deepEqual(await e.cancelStep(c.id, s.id), { cancelled: true });
    assert.equal((await e.describeStep(c.id, s.id)).state, 'CANCELLED');
  });

  test("terminate: TERMINATING at once, TERMINATED after EMR's delay; the running step is interrupted, pending ones cancelled", async () => {
    const e = explorer();
    const c = estate.emr.seedCluster({ name: 'to-go', state: 'RUNNING' });
    c.steps.push(estate.emr.seedStep({ name: 'r', state: 'RUNNING', started: now, durationMs: 3_600_000 }));
    c.steps.push(estate.emr.seedStep({ name: 'p', state: 'PENDING', created: now }));
    await e.terminateCluster(c.id);
    const d = await e.describeCluster(c.id);
    assert.equal(d.state, 'TERMINATING');
    assert.deepEqual(
      (await e.listSteps(c.id)).items.map((s) => `${s.name}:${s.state}`),
      ['p:CANCELLED', 'r:INTERRUPTED'],
    );
    now += estate.emr.terminateMs + 1;
    const after = await e.describeCluster(c.id);
    assert.equal(after.state, 'TERMINATED');
    assert.equal(after.stateMessage, 'Terminated by user request');
    assert.deepEqual((await e.listClusters('active')).items.map((x) => x.id).includes(c.id), false);
    assert.deepEqual(
      (await e.listClusters('terminated')).items.map((x) => x.id),
      [c.id],
    );
  });

  test('RunJobFlow clusters go STARTING → BOOTSTRAPPING → RUNNING → WAITING on the clock', async () => {
    const e = explorer();
    const { EMRClient, RunJobFlowCommand } = await import('@aws-sdk/client-emr');
    const client = new EMRClient({ region: 'us-east-1', endpoint: estate.server.endpoint, credentials: estate.target.credentials });
    const { JobFlowId } = await client.send(
      new RunJobFlowCommand({
        Name: 'transient',
        ReleaseLabel: 'emr-6.15.0',
        LogUri: `s3://${LOG_BUCKET}/rj/`,
        Instances: {
          KeepJobFlowAliveWhenNoSteps: true,
          InstanceGroups: [{ InstanceRole: 'MASTER', InstanceType: 'm5.xlarge', InstanceCount: 1 }],
        },
        Steps: [{ Name: 'only', ActionOnFailure: 'CONTINUE', HadoopJarStep: { Jar: 'command-runner.jar', Args: ['true'] } }],
      }),
    );
    client.destroy();
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      seen.push((await e.describeCluster(JobFlowId!)).state);
      now += 2_000;
    }
    now += estate.emr.stepDurationMs;
    seen.push((await e.describeCluster(JobFlowId!)).state);
    assert.deepEqual([...new Set(seen)], ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING']);
    await Promise.all(estate.emr.pendingLogWrites);
    const stepId = (await e.listSteps(JobFlowId!)).items[0].id;
    assert.match((await e.readStepLog(JobFlowId!, stepId, 'controller')).text, /exited with exitCode 0/);
  });
});

describe('step logs', () => {
  test('stdout, stderr and controller are read from <LogUri><cluster>/steps/<step>/ and gunzipped', async () => {
    const c = estate.emr.seedCluster({ name: 'logs', state: 'WAITING', logUri: `s3://${LOG_BUCKET}/emr-logs` });
    const s = estate.emr.seedStep({ name: 'with-logs', state: 'COMPLETED', started: now - 1000, ended: now });
    c.steps.push(s);
    const texts = { stdout: 'rows: 42\nünïcödé ✓\n', stderr: 'WARN something\n', controller: 'INFO exited with exitCode 0\n' };
    for (const [k, v] of Object.entries(texts))
      await estate.s3.client.send(
        new PutObjectCommand({ Bucket: LOG_BUCKET, Key: `emr-logs/${c.id}/steps/${s.id}/${k}.gz`, Body: gzipSync(v) }),
      );
    const e = explorer();
    assert.deepEqual(await e.listStepLogs(c.id, s.id), ['stdout', 'stderr', 'controller']);
    for (const [k, v] of Object.entries(texts)) {
      const log = await e.readStepLog(c.id, s.id, k as 'stdout');
      assert.equal(log.text, v);
      assert.equal(log.uri, `s3://${LOG_BUCKET}/emr-logs/${c.id}/steps/${s.id}/${k}.gz`);
    }
  });

  test('S3 SlowDown, 500 and a dropped connection while reading a log are retried', async () => {
    const c = estate.emr.seedCluster({ name: 'flaky-s3', state: 'WAITING', logUri: `s3://${LOG_BUCKET}/flaky/` });
    const s = estate.emr.seedStep({ name: 'x', state: 'COMPLETED' });
    c.steps.push(s);
    await estate.s3.client.send(
      new PutObjectCommand({ Bucket: LOG_BUCKET, Key: `flaky/${c.id}/steps/${s.id}/stdout.gz`, Body: gzipSync('done\n') }),
    );
    const e = explorer();
    await e.describeCluster(c.id);
    estate.s3.inject('throttle');
    estate.s3.inject('internal');
    estate.s3.inject('drop');
    assert.equal((await e.readStepLog(c.id, s.id, 'stdout')).text, 'done\n');
  });

  test('a log not uploaded yet is a not-found error that says why', async () => {
    const c = estate.emr.seedCluster({ name: 'no-logs-yet', state: 'WAITING', logUri: `s3://${LOG_BUCKET}/none/` });
    const s = estate.emr.seedStep({ name: 'fresh', state: 'COMPLETED' });
    c.steps.push(s);
    await assert.rejects(
      explorer().readStepLog(c.id, s.id, 'stderr'),
      (err: ExplorerRequestError) => err.kind === 'not-found' && /every 5 minutes/.test(err.message),
    );
  });

  test('a cluster without a log URI has no step logs', async () => {
    const c = estate.emr.seedCluster({ name: 'no-log-uri', state: 'WAITING' });
    await assert.rejects(
      explorer().readStepLog(c.id, 's-1', 'stdout'),
      (err: ExplorerRequestError) => err.kind === 'not-found' && /no log URI/.test(err.message),
    );
  });

  test('a log larger than the cap is cut at the cap and marked truncated', async () => {
    const c = estate.emr.seedCluster({ name: 'big-log', state: 'WAITING', logUri: `s3://${LOG_BUCKET}/big/` });
    const s = estate.emr.seedStep({ name: 'chatty', state: 'COMPLETED' });
    c.steps.push(s);
    await estate.s3.client.send(
      new PutObjectCommand({ Bucket: LOG_BUCKET, Key: `big/${c.id}/steps/${s.id}/stdout.gz`, Body: gzipSync('x'.repeat(200_000)) }),
    );
    const log = await explorer().readStepLog(c.id, s.id, 'stdout', undefined, 50_000);
    assert.equal(log.truncated, true);
    assert.equal(log.text.length, 50_000);
  });
});

describe('errors and faults', () => {
  test('throttling, 5xx and dropped connections are retried by the SDK and the page arrives', async () => {
    estate.emr.seedCluster({ name: 'resilient', state: 'WAITING' });
    estate.server.inject('throttle', 1, 'ListClusters');
    estate.server.inject('internal', 1, 'ListClusters');
    estate.server.inject('drop', 1, 'ListClusters');
    const before = estate.server.callsTo('ListClusters').length;
    const page = await explorer().listClusters();
    assert.deepEqual(
      page.items.map((c) => c.name),
      ['resilient'],
    );
    assert.equal(estate.server.callsTo('ListClusters').length - before, 4);
  });

  test('throttling beyond the retry budget surfaces as a throttled error', async () => {
    estate.server.inject('throttle', 10, 'ListClusters');
    await assert.rejects(
      explorer({ maxAttempts: 2 }).listClusters(),
      (err: ExplorerRequestError) => err.kind === 'throttled' && /throttling/.test(err.message),
    );
  });

  test("access denied and unknown keys map to the views' welcome states", async () => {
    estate.server.deniedAccessKeys.add('AKIDDENIED');
    estate.server.invalidAccessKeys.add('AKIDUNKNOWN');
    await assert.rejects(
      explorer({ credentials: { accessKeyId: 'AKIDDENIED', secretAccessKey: 'x' } }).listClusters(),
      (err: ExplorerRequestError) => err.kind === 'access-denied' && /elasticmapreduce:ListClusters/.test(err.message),
    );
    await assert.rejects(
      explorer({ credentials: { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' } }).listClusters(),
      (err: ExplorerRequestError) => err.kind === 'no-credentials',
    );
  });

  test('no credentials anywhere is a no-credentials error naming the profile', async () => {
    const saved = { ...process.env };
    process.env.AWS_CONFIG_FILE = '/nonexistent/config';
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials';
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    delete process.env.AWS_PROFILE;
    // No instance metadata on a loopback-only machine: keep the IMDS probe from waiting.
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    try {
      const e = explorer({ credentials: undefined, profile: 'nobody' });
      await assert.rejects(
        e.listClusters(),
        (err: ExplorerRequestError) => err.kind === 'no-credentials' && /profile "nobody"/.test(err.message),
      );
    } finally {
      process.env = saved;
    }
  });

  test("an unknown cluster id is EMR's InvalidRequestException, not retried", async () => {
    const before = estate.server.callsTo('DescribeCluster').length;
    await assert.rejects(
      explorer().describeCluster('j-NOPE'),
      (err: ExplorerRequestError) => err.kind === 'other' && /not valid/.test(err.message),
    );
    assert.equal(estate.server.callsTo('DescribeCluster').length - before, 1);
  });

  test('an aborted listing rejects as cancelled', async () => {
    estate.server.latencyMs = 200;
    const controller = new AbortController();
    const pending = explorer().listClusters('active', undefined, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, (err: ExplorerRequestError) => err.kind === 'cancelled');
  });
});
