// Job submission with the real @aws-sdk/client-emr against the loopback EMR (real clock, short
// step/cluster times): batching within the active-step limit, state transitions, failures,
// throttling, lost answers during AddJobFlowSteps/RunJobFlow (zero duplicates), resume of an
// interrupted submission, cancel, duplicate window, run-transient on success/failure/user cancel.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { AddJobFlowStepsCommand, EMRClient, type StepConfig } from '@aws-sdk/client-emr';
import { startAwsEstate, type AwsEstate } from '../../support/aws/estate';
import { EmrJobs, type StepStatus } from '../../../src/core/jobs/emrJobs';
import { SubmissionLedger, memoryStore } from '../../../src/core/jobs/ledger';
import { resumeSubmission, submitToCluster, submitTransient, SubmissionDeclined } from '../../../src/core/jobs/submit';
import { runJobFlowRequest, toStepConfigs } from '../../../src/core/jobs/requests';
import { StepMonitorModel } from '../../../src/core/jobs/monitor';
import type { ClusterConfig, Step } from '../../../src/core/playbook/model';

let estate: AwsEstate;
const POLL = { initialMs: 5, maxMs: 40 };
const all: EmrJobs[] = [];

function jobs(): EmrJobs {
  const j = new EmrJobs(estate.target, { poll: POLL, throttleRetries: 5 });
  all.push(j);
  return j;
}

function steps(n: number, extra: Partial<Step> = {}): StepConfig[] {
  return toStepConfigs(
    Array.from({ length: n }, (_, i) => ({
      name: `step ${i + 1}`,
      type: 'CUSTOM_JAR',
      actionOnFailure: 'CONTINUE',
      jar: 'command-runner.jar',
      arguments: ['echo', String(i + 1)],
      ...extra,
    })),
  );
}

function waitingCluster(): string {
  return estate.emr.seedCluster({ name: 'target', state: 'WAITING', logUri: 's3://dw-emr-logs/emr/' }).id;
}

function common(ledger: SubmissionLedger, configs: StepConfig[], confirm = async () => true) {
  return { ledger, source: 'playbook.json', stepConfigs: configs, confirmDuplicate: confirm };
}

const CLUSTER: ClusterConfig = {
  name: 'transient',
  logUri: 's3://dw-emr-logs/emr/',
  region: 'us-east-1',
  credentials: { accessKeyId: 'default', secretAccessKey: 'default' },
  roles: { jobflow: 'EMR_EC2_DefaultRole', service: 'EMR_DefaultRole' },
  ec2: {
    amiVersion: '6.15.0',
    keyName: 'ops',
    location: { classic: null, vpc: { subnetId: 'subnet-1' } },
    instances: {
      master: { type: 'm5.xlarge', ebsConfiguration: null },
      core: { type: 'r5.xlarge', count: 2, ebsConfiguration: null },
      task: { type: 'm5.xlarge', count: 0, bid: '', ebsConfiguration: null },
    },
  },
  tags: [{ key: 'team', value: 'data' }],
  bootstrapActionConfigs: [],
  configurations: [],
  applications: ['Spark'],
  securityConfiguration: '',
};

before(async () => {
  estate = await startAwsEstate();
});
after(async () => {
  for (const j of all) j.dispose();
  await estate.stop();
});
beforeEach(() => {
  estate.server.clearFaults();
  estate.server.calls.length = 0;
  estate.emr.clusters.clear();
  estate.emr.startupMs = 20;
  estate.emr.terminateMs = 20;
  estate.emr.stepDurationMs = 10;
});

describe('adding steps to a running cluster', () => {
  test('300 steps go in batches within the 256 active-step limit (256 first, the rest as room frees up), in order, each once', async () => {
    const id = waitingCluster();
    const ledger = new SubmissionLedger(memoryStore());
    const record = await submitToCluster(jobs(), id, common(ledger, steps(300)));
    const calls = estate.server.callsTo('AddJobFlowSteps').map((c) => (c.body.Steps as unknown[]).length);
    // 256 at once, then the rest as slots free up (how many per call depends on how fast steps end).
    assert.equal(calls[0], 256);
    assert.ok(calls.length >= 2 && calls.every((n) => n >= 1 && n <= 256), String(calls));
    assert.equal(
      calls.reduce((a, b) => a + b, 0),
      300,
    );
    const onCluster = estate.emr.clusters.get(id)!.steps;
    assert.equal(onCluster.length, 300);
    assert.deepEqual(
      onCluster.map((s) => s.name),
      Array.from({ length: 300 }, (_, i) => `step ${i + 1}`),
    );
    assert.deepEqual(
      record.stepIds,
      onCluster.map((s) => s.id),
    );
    assert.equal(record.state, 'submitted');
  });

  test('steps move PENDING → RUNNING → COMPLETED and the wait reports each change', async () => {
    const id = waitingCluster();
    estate.emr.stepDurationMs = 1000;
    const j = jobs();
    const ids = await j.addSteps(id, steps(2));
    const seen: string[] = [];
    const outcome = await j.waitForSteps(id, ids, (s) => seen.push(s.map((x) => x.state).join(',')));
    assert.equal(outcome.failed, 0);
    assert.equal(outcome.error, undefined);
    // Each step is seen running, and no step ever goes back to an earlier state.
    const order = ['PENDING', 'RUNNING', 'COMPLETED'];
    for (const k of [0, 1]) {
      const states = seen.map((x) => x.split(',')[k]);
      assert.ok(states.includes('RUNNING'), `step ${k + 1}: saw ${seen.join(' | ')}`);
      assert.deepEqual(
        states,
        [...states].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
      );
    }
    assert.equal(seen.at(-1), 'COMPLETED,COMPLETED');
  });

  test("a failing CANCEL_AND_WAIT step fails, cancels the rest, and the verdict is the runner's", async () => {
    const id = waitingCluster();
    const j = jobs();
    const configs = [
      ...steps(1),
      ...toStepConfigs([
        {
          name: 'boom',
          type: 'CUSTOM_JAR',
          actionOnFailure: 'CANCEL_AND_WAIT',
          jar: 'command-runner.jar',
          arguments: ['false', '--loopback-fail'],
        },
      ]),
      ...steps(1),
    ];
    const ids = await j.addSteps(id, configs);
    const outcome = await j.waitForSteps(id, ids);
    assert.deepEqual(
      outcome.steps.map((s) => s.state),
      ['COMPLETED', 'FAILED', 'CANCELLED'],
    );
    assert.equal(outcome.error, '2/3 steps failed to complete successfully');
    assert.match(outcome.steps[1].failure?.logFile ?? '', /^s3:\/\/dw-emr-logs\/emr\/j-\w+\/steps\/s-\w+\/$/);
  });

  test('throttled AddJobFlowSteps is retried and the steps are added once', async () => {
    const id = waitingCluster();
    estate.server.inject('throttle', 2, 'AddJobFlowSteps');
    const record = await submitToCluster(jobs(), id, common(new SubmissionLedger(memoryStore()), steps(3)));
    assert.equal(estate.server.callsTo('AddJobFlowSteps').length, 3);
    assert.equal(estate.emr.clusters.get(id)!.steps.length, 3);
    assert.equal(record.stepIds.length, 3);
  });

  test('a connection dropped after EMR added the steps is reconciled: nothing is sent again, zero duplicates', async () => {
    const id = waitingCluster();
    estate.emr.seedCluster({ ...estate.emr.clusters.get(id)! });
    estate.server.inject('dropAfterHandling', 1, 'AddJobFlowSteps');
    const record = await submitToCluster(jobs(), id, common(new SubmissionLedger(memoryStore()), steps(4)));
    assert.equal(estate.server.callsTo('AddJobFlowSteps').length, 1, 'the request is not repeated');
    const onCluster = estate.emr.clusters.get(id)!.steps;
    assert.equal(onCluster.length, 4, 'zero duplicate steps');
    assert.deepEqual(
      record.stepIds,
      onCluster.map((s) => s.id),
    );
  });

  test('a connection dropped before EMR handled the request is retried once: the steps are there exactly once', async () => {
    const id = waitingCluster();
    estate.server.inject('drop', 1, 'AddJobFlowSteps');
    const record = await submitToCluster(jobs(), id, common(new SubmissionLedger(memoryStore()), steps(2)));
    assert.equal(estate.server.callsTo('AddJobFlowSteps').length, 2);
    assert.equal(estate.emr.clusters.get(id)!.steps.length, 2);
    assert.equal(record.stepIds.length, 2);
  });

  test('identical steps already on the cluster from before are not taken for ours', async () => {
    const id = waitingCluster();
    const j = jobs();
    await j.addSteps(id, steps(2));
    estate.server.inject('drop', 1, 'AddJobFlowSteps');
    const record = await submitToCluster(j, id, common(new SubmissionLedger(memoryStore()), steps(2)));
    const onCluster = estate.emr.clusters.get(id)!.steps;
    assert.equal(onCluster.length, 4);
    assert.deepEqual(
      record.stepIds,
      onCluster.slice(2).map((s) => s.id),
    );
  });

  test('an interrupted submission (editor gone mid-request) is resumed by reconciling: the steps EMR has are recorded, not added again', async () => {
    const id = waitingCluster();
    const j = jobs();
    await j.addSteps(id, steps(1, { name: 'earlier' }));
    const configs = steps(3);
    const ledger = new SubmissionLedger(memoryStore());
    // The record is written, the request goes out and lands, the answer never comes back.
    const baselineStepId = estate.emr.clusters.get(id)!.steps.at(-1)!.id;
    const record = await ledger.begin({
      fingerprint: 'f',
      target: { kind: 'cluster', clusterId: id },
      source: 'playbook.json',
      stepNames: [],
      clusterId: id,
      baselineStepId,
    });
    const raw = new EMRClient({ region: 'us-east-1', endpoint: estate.target.endpoints!.emr, credentials: estate.target.credentials });
    await raw.send(new AddJobFlowStepsCommand({ JobFlowId: id, Steps: configs }));
    raw.destroy();
    await ledger.update(record.id, { state: 'interrupted' });
    const calls = estate.server.callsTo('AddJobFlowSteps').length;
    const resumed = await resumeSubmission(j, ledger.get(record.id)!, { ledger, source: 'playbook.json', stepConfigs: configs });
    assert.equal(estate.server.callsTo('AddJobFlowSteps').length, calls, 'no AddJobFlowSteps on resume');
    assert.equal(estate.emr.clusters.get(id)!.steps.length, 4);
    assert.deepEqual(
      resumed.stepIds,
      estate.emr.clusters
        .get(id)!
        .steps.slice(1)
        .map((s) => s.id),
    );
    assert.equal(resumed.state, 'submitted');
  });

  test('a submission cut off between two 256-step batches resumes with the batches that did not land: zero duplicates', async () => {
    // No log URI: 700 finished steps would each write their logs to S3.
    const id = estate.emr.seedCluster({ name: 'target', state: 'WAITING' }).id;
    // Steps end at once, so each batch gets the full 256 slots: 256 + 256 + 188.
    estate.emr.stepDurationMs = 0;
    const configs = steps(700);
    const ledger = new SubmissionLedger(memoryStore());
    // The second AddJobFlowSteps lands, then the network goes: its answer is dropped and the
    // cluster's steps cannot be listed to check, so the submission ends interrupted.
    let addCalls = 0;
    const onSecondAdd = {
      then(resolve: () => void) {
        if (++addCalls === 2) {
          estate.server.inject('dropAfterHandling', 1, 'AddJobFlowSteps');
          estate.server.inject('drop', 50, 'ListSteps');
        }
        resolve();
      },
    };
    estate.server.holds.set('AddJobFlowSteps', onSecondAdd as unknown as Promise<void>);
    await assert.rejects(submitToCluster(jobs(), id, common(ledger, configs)), /could not be listed/);
    estate.server.clearFaults();
    const cut = ledger.all()[0];
    assert.equal(cut.state, 'interrupted');
    assert.equal(cut.stepIds.length, 256, 'the first batch was recorded');
    assert.equal(estate.emr.clusters.get(id)!.steps.length, 512, 'the second batch landed');

    // The user submits again: the second batch is found on the cluster, only the third is sent.
    const sentBefore = estate.server.callsTo('AddJobFlowSteps').length;
    const done = await submitToCluster(jobs(), id, common(ledger, configs));
    const resent = estate.server
      .callsTo('AddJobFlowSteps')
      .slice(sentBefore)
      .map((c) => c.body.Steps as { Name: string }[]);
    assert.deepEqual(
      resent.map((b) => b.length),
      [188],
    );
    assert.equal(resent[0][0].Name, 'step 513');
    const onCluster = estate.emr.clusters.get(id)!.steps;
    assert.deepEqual(
      onCluster.map((s) => s.name),
      configs.map((c) => c.Name),
      'each step once, in order',
    );
    assert.equal(done.id, cut.id);
    assert.equal(done.state, 'submitted');
    assert.deepEqual(
      done.stepIds,
      onCluster.map((s) => s.id),
    );
  });

  test('resume after a cut-off finds each landed batch even with other steps between them', async () => {
    const id = estate.emr.seedCluster({ name: 'target', state: 'WAITING' }).id;
    estate.emr.stepDurationMs = 0;
    const j = jobs();
    const configs = steps(6);
    const ledger = new SubmissionLedger(memoryStore());
    const record = await ledger.begin({
      fingerprint: 'f',
      target: { kind: 'cluster', clusterId: id },
      source: 'playbook.json',
      stepNames: [],
      clusterId: id,
    });
    // Two batches landed unrecorded (answers lost), a colleague's step between them.
    await j.addSteps(id, configs.slice(0, 2));
    await j.addSteps(id, steps(1, { name: 'from the console' }));
    await j.addSteps(id, configs.slice(2, 4));
    await ledger.update(record.id, { state: 'interrupted' });
    const sentBefore = estate.server.callsTo('AddJobFlowSteps').length;
    const resumed = await resumeSubmission(j, ledger.get(record.id)!, { ledger, source: 'playbook.json', stepConfigs: configs });
    const resent = estate.server
      .callsTo('AddJobFlowSteps')
      .slice(sentBefore)
      .map((c) => (c.body.Steps as { Name: string }[]).map((s) => s.Name));
    assert.deepEqual(resent, [['step 5', 'step 6']]);
    const onCluster = estate.emr.clusters.get(id)!.steps;
    assert.deepEqual(
      onCluster.map((s) => s.name),
      ['step 1', 'step 2', 'from the console', 'step 3', 'step 4', 'step 5', 'step 6'],
    );
    assert.deepEqual(
      resumed.stepIds,
      onCluster.filter((s) => s.name !== 'from the console').map((s) => s.id),
    );
  });

  test('submitting the same steps again after an interruption reconciles instead of resending', async () => {
    const id = waitingCluster();
    const j = jobs();
    const configs = steps(2);
    const ledger = new SubmissionLedger(memoryStore());
    const { submissionFingerprint } = await import('../../../src/core/jobs/ledger');
    const record = await ledger.begin({
      fingerprint: submissionFingerprint({ kind: 'cluster', clusterId: id }, configs),
      target: { kind: 'cluster', clusterId: id },
      source: 'playbook.json',
      stepNames: [],
      clusterId: id,
    });
    await j.addSteps(id, configs); // landed, answer lost
    assert.equal(await ledger.markCutOff(), 1);
    const calls = estate.server.callsTo('AddJobFlowSteps').length;
    let asked = 0;
    const done = await submitToCluster(
      j,
      id,
      common(ledger, configs, async () => (asked++, true)),
    );
    assert.equal(done.id, record.id);
    assert.equal(asked, 0);
    assert.equal(estate.server.callsTo('AddJobFlowSteps').length, calls);
    assert.equal(estate.emr.clusters.get(id)!.steps.length, 2);
    assert.deepEqual(
      done.stepIds,
      estate.emr.clusters.get(id)!.steps.map((s) => s.id),
    );
  });

  test('a rejected request is not retried and the ledger says failed', async () => {
    const id = waitingCluster();
    estate.emr.clusters.get(id)!.state = 'TERMINATED';
    const ledger = new SubmissionLedger(memoryStore());
    await assert.rejects(submitToCluster(jobs(), id, common(ledger, steps(1))), /shutting down, terminated, or finished/);
    assert.equal(estate.server.callsTo('AddJobFlowSteps').length, 1);
    assert.equal(ledger.all()[0].state, 'failed');
  });

  test('the same steps to the same cluster within the window ask first; declining sends nothing', async () => {
    const id = waitingCluster();
    const ledger = new SubmissionLedger(memoryStore());
    await submitToCluster(jobs(), id, common(ledger, steps(2)));
    let asked = 0;
    await assert.rejects(
      submitToCluster(
        jobs(),
        id,
        common(ledger, steps(2), async () => (asked++, false)),
      ),
      SubmissionDeclined,
    );
    assert.equal(asked, 1);
    assert.equal(estate.server.callsTo('AddJobFlowSteps').length, 1);
    // Different steps are not a duplicate.
    await submitToCluster(
      jobs(),
      id,
      common(ledger, steps(3), async () => (asked++, false)),
    );
    assert.equal(asked, 1);
    // Same playbook and vars whose rendering changed (a timestamp in a path): asked too.
    const { inputFingerprint } = await import('../../../src/core/jobs/ledger');
    const inputs = inputFingerprint(
      { kind: 'cluster', clusterId: id },
      ['{{nowWithFormat "15:04:05"}}'],
      new Map([
        ['a', '1'],
        ['pw', 'secret'],
      ]),
      new Set(['pw']),
    );
    await submitToCluster(jobs(), id, { ...common(ledger, steps(1, { name: 'at 12:00:00' })), inputFingerprint: inputs });
    await assert.rejects(
      submitToCluster(jobs(), id, {
        ...common(ledger, steps(1, { name: 'at 12:00:05' }), async () => (asked++, false)),
        inputFingerprint: inputs,
      }),
      SubmissionDeclined,
    );
    assert.equal(asked, 2);
    assert.notEqual(
      inputs,
      inputFingerprint(
        { kind: 'cluster', clusterId: id },
        ['{{nowWithFormat "15:04:05"}}'],
        new Map([
          ['a', '2'],
          ['pw', 'secret'],
        ]),
        new Set(['pw']),
      ),
    );
    assert.equal(
      inputs,
      inputFingerprint(
        { kind: 'cluster', clusterId: id },
        ['{{nowWithFormat "15:04:05"}}'],
        new Map([
          ['a', '1'],
          ['pw', 'other secret'],
        ]),
        new Set(['pw']),
      ),
      'secret values are not hashed',
    );
  });

  test('cancel: a running step ends CANCELLED and the pending one too', async () => {
    const id = waitingCluster();
    estate.emr.stepDurationMs = 60_000;
    const j = jobs();
    const ids = await j.addSteps(id, steps(2));
    let first: StepStatus[] = [];
    for (let i = 0; i < 50 && first[0]?.state !== 'RUNNING'; i++) {
      first = await j.stepStatuses(id, ids);
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(first[0].state, 'RUNNING');
    const res = await j.cancelSteps(id, ids);
    assert.deepEqual(
      res.map((r) => r.cancelled),
      [true, true],
    );
    const outcome = await j.waitForSteps(id, ids);
    assert.deepEqual(
      outcome.steps.map((s) => s.state),
      ['CANCELLED', 'CANCELLED'],
    );
  });
});

describe('run-transient', () => {
  test('success: RunJobFlow with KeepAlive=false and the steps; waits until TERMINATED; all steps completed', async () => {
    estate.emr.startupMs = 500;
    const ledger = new SubmissionLedger(memoryStore());
    const configs = steps(2);
    const states: string[] = [];
    const { record, outcome } = await submitTransient(
      jobs(),
      runJobFlowRequest(CLUSTER, configs, { keepAlive: false }),
      common(ledger, configs),
      (u) => states.push(u.clusterState),
    );
    const sent = estate.server.callsTo('RunJobFlow')[0].body as { Instances: { KeepJobFlowAliveWhenNoSteps: boolean }; Steps: unknown[] };
    assert.equal(sent.Instances.KeepJobFlowAliveWhenNoSteps, false);
    assert.equal(sent.Steps.length, 2);
    assert.equal(outcome.clusterState, 'TERMINATED');
    assert.equal(outcome.code, 'ALL_STEPS_COMPLETED');
    assert.equal(outcome.failed, 0);
    assert.deepEqual(
      outcome.steps.map((s) => s.state),
      ['COMPLETED', 'COMPLETED'],
    );
    assert.equal(record.clusterId, outcome.clusterId);
    assert.equal(record.stepIds.length, 2);
    assert.ok(states.some((x) => ['STARTING', 'BOOTSTRAPPING', 'RUNNING'].includes(x)) && states.at(-1) === 'TERMINATED', states.join(','));
    assert.equal(estate.server.callsTo('TerminateJobFlows').length, 0, 'the cluster ends by itself');
  });

  test("failure: a failed step is reported with the runner's verdict and the cluster still terminates", async () => {
    const configs = [
      ...toStepConfigs([
        { name: 'boom', type: 'CUSTOM_JAR', actionOnFailure: 'CANCEL_AND_WAIT', jar: 'command-runner.jar', arguments: ['--loopback-fail'] },
      ]),
      ...steps(1),
    ];
    const { outcome } = await submitTransient(
      jobs(),
      runJobFlowRequest(CLUSTER, configs, { keepAlive: false }),
      common(new SubmissionLedger(memoryStore()), configs),
    );
    assert.equal(outcome.clusterState, 'TERMINATED');
    assert.deepEqual(
      outcome.steps.map((s) => s.state),
      ['FAILED', 'CANCELLED'],
    );
    assert.equal(outcome.error, '2/2 steps failed to complete successfully');
  });

  test('user cancel: the cluster is terminated and seen ending; steps end CANCELLED or INTERRUPTED', async () => {
    estate.emr.stepDurationMs = 60_000;
    const configs = steps(2);
    const controller = new AbortController();
    const done = submitTransient(
      jobs(),
      runJobFlowRequest(CLUSTER, configs, { keepAlive: false }),
      common(new SubmissionLedger(memoryStore()), configs),
      (u) => {
        if (u.steps[0]?.state === 'RUNNING') controller.abort();
      },
      controller.signal,
    );
    const { outcome } = await done;
    assert.equal(outcome.cancelledByUser, true);
    assert.equal(estate.server.callsTo('TerminateJobFlows').length, 1);
    assert.equal(outcome.clusterState, 'TERMINATED');
    assert.equal(outcome.code, 'USER_REQUEST');
    assert.deepEqual(
      outcome.steps.map((s) => s.state),
      ['INTERRUPTED', 'CANCELLED'],
    );
  });

  test('RunJobFlow whose answer is lost creates one cluster, found again by its submission tag', async () => {
    estate.server.inject('dropAfterHandling', 1, 'RunJobFlow');
    const configs = steps(1);
    const { outcome } = await submitTransient(
      jobs(),
      runJobFlowRequest(CLUSTER, configs, { keepAlive: false }),
      common(new SubmissionLedger(memoryStore()), configs),
    );
    assert.equal(estate.server.callsTo('RunJobFlow').length, 1);
    assert.equal(estate.emr.clusters.size, 1);
    assert.equal(outcome.clusterState, 'TERMINATED');
  });
});

describe('step monitor model', () => {
  test('shows steps submitted here and elsewhere on a watched cluster, reports ends, and stops polling while hidden', async () => {
    const id = waitingCluster();
    const j = jobs();
    const foreign = await j.addSteps(id, steps(1, { name: 'from the console' }));
    const mine = await j.addSteps(id, steps(1, { name: 'mine' }));
    const monitor = new StepMonitorModel(() => j, { initialMs: 5, maxMs: 20 });
    const ended: string[] = [];
    monitor.onDidEnd((r) => ended.push(`${r.name}:${r.state}`));
    monitor.watchCluster(id, mine);
    for (let i = 0; i < 1000 && !ended.length; i++) await new Promise((r) => setTimeout(r, 10));
    const rows = monitor.list();
    assert.deepEqual(rows.map((r) => [r.name, r.submittedHere]).sort(), [
      ['from the console', false],
      ['mine', true],
    ]);
    assert.ok(rows.find((r) => r.id === foreign[0]));
    assert.deepEqual(ended, ['mine:COMPLETED'], 'only steps submitted here notify');
    assert.ok(rows.every((r) => r.durationMs !== undefined && r.durationMs >= 0));

    // Hidden: no more ListSteps calls while a step is running.
    estate.emr.stepDurationMs = 60_000;
    await j.addSteps(id, steps(1, { name: 'long' }));
    monitor.kick();
    await new Promise((r) => setTimeout(r, 50));
    monitor.setVisible(false);
    assert.equal(monitor.pollerState, 'paused');
    // A request already on the wire may still arrive; after that, silence.
    await new Promise((r) => setTimeout(r, 200));
    const before = estate.server.callsTo('ListSteps').length;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(estate.server.callsTo('ListSteps').length, before);
    monitor.setVisible(true);
    for (let i = 0; i < 500 && estate.server.callsTo('ListSteps').length === before; i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(estate.server.callsTo('ListSteps').length > before, 'polling resumes when shown');

    // Hidden with a step of ours still running: it keeps being polled, so its end is notified.
    await j.cancelSteps(
      id,
      estate.emr.clusters
        .get(id)!
        .steps.filter((s) => s.name === 'long')
        .map((s) => s.id),
    );
    estate.emr.stepDurationMs = 300;
    const second = await j.addSteps(id, steps(1, { name: 'mine too' }));
    monitor.setVisible(false);
    monitor.watchCluster(id, second);
    for (let i = 0; i < 1500 && ended.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(ended, ['mine:COMPLETED', 'mine too:COMPLETED']);
    await monitor.dispose();
  });
});
