// Request building: the runner's ClusterConfig → RunJobFlowInput mapping field by field (on its
// own sample file), the step checks and batches, the dry run with secrets masked, and preparing
// a templated playbook with a secret var (masked preview, real request).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCluster } from '../../../src/core/playbook/validate';
import { batchSteps, checkSteps, dryRunJson, runJobFlowRequest, toStepConfigs, RequestBuildError } from '../../../src/core/jobs/requests';
import { prepareSubmission, usedVars } from '../../../src/core/jobs/prepare';
import { SECRET_MASK } from '../../../src/core/playbook/vars';
import type { ClusterConfig, Step } from '../../../src/core/playbook/model';

const FIXTURES = '/work/shared/fixtures';
const fixture = (name: string): string => readFileSync(path.join(process.env.DW_FIXTURES ?? FIXTURES, name), 'utf8');
const env = {
  now: () => Date.UTC(2024, 5, 3, 12),
  getenv: () => undefined,
  readFile: () => {
    throw new Error('open x: no such file or directory');
  },
};

function sampleCluster(): ClusterConfig {
  const r = parseCluster(fixture('dataflowrunner-cluster.sample.json'));
  assert.ok(r.config, JSON.stringify(r.diagnostics));
  return r.config;
}

describe('RunJobFlow mapping', () => {
  test("the runner's sample cluster maps field by field; KeepAlive=false for transient", () => {
    const c = sampleCluster();
    c.ec2.instances.task.count = 2;
    const steps = toStepConfigs([
      { name: 's', type: 'CUSTOM_JAR', actionOnFailure: 'CONTINUE', jar: 'command-runner.jar', arguments: ['a'] },
    ]);
    const r = runJobFlowRequest(c, steps, { keepAlive: false });
    assert.equal(r.Name, 'dataflow-runner - cluster name');
    assert.equal(r.LogUri, 's3://logs/');
    assert.equal(r.ReleaseLabel, 'emr-5.34.0');
    assert.equal(r.AmiVersion, undefined);
    assert.equal(r.JobFlowRole, 'EMR_EC2_DefaultRole');
    assert.equal(r.ServiceRole, 'EMR_DefaultRole');
    assert.equal(r.VisibleToAllUsers, true);
    assert.equal(r.Instances?.KeepJobFlowAliveWhenNoSteps, false);
    assert.equal(r.Instances?.Ec2KeyName, 'some-key-name');
    assert.equal(r.Instances?.Ec2SubnetId, 'subnet-sample');
    assert.equal(r.Instances?.Placement, undefined);
    const [master, core, task] = r.Instances!.InstanceGroups!;
    assert.deepEqual(master, {
      InstanceRole: 'MASTER',
      InstanceType: 'm1.medium',
      InstanceCount: 1,
      Market: 'ON_DEMAND',
      // gp2: no Iops sent (DFR 0.5.1).
      EbsConfiguration: {
        EbsOptimized: true,
        EbsBlockDeviceConfigs: [{ VolumesPerInstance: 12, VolumeSpecification: { VolumeType: 'gp2', SizeInGB: 10 } }],
      },
    });
    assert.deepEqual(core, { InstanceRole: 'CORE', InstanceType: 'm1.medium', InstanceCount: 1, Market: 'ON_DEMAND' });
    assert.deepEqual(task, { InstanceRole: 'TASK', InstanceType: 'm1.medium', InstanceCount: 2, Market: 'SPOT', BidPrice: '0.015' });
    assert.deepEqual(r.Tags, [
      { Key: 'client', Value: 'com.engineering' },
      { Key: 'job', Value: 'main' },
    ]);
    assert.deepEqual(r.BootstrapActions, [
      {
        Name: 'Elasticity Bootstrap Action',
        ScriptBootstrapAction: { Path: 's3://snowplow-hosted-assets-us-east-1/common/emr/snowplow-ami5-bootstrap-0.1.0.sh', Args: ['1.5'] },
      },
    ]);
    assert.deepEqual(r.Configurations?.[0], { Classification: 'core-site', Properties: { 'Io.file.buffer.size': '65536' } });
    assert.equal(r.SecurityConfiguration, c.securityConfiguration ?? '');
    assert.deepEqual(r.Steps, steps);
    assert.deepEqual(
      r.Applications,
      (c.applications ?? []).map((Name) => ({ Name })),
    );
    assert.equal(runJobFlowRequest(c, [], { keepAlive: true }).Instances?.KeepJobFlowAliveWhenNoSteps, true);
  });

  test('groups with count 0 are left out; io1 keeps Iops; classic placement; old AMI versions; location errors', () => {
    const c = sampleCluster();
    c.ec2.instances.core.count = 0;
    c.ec2.instances.task.count = 0;
    c.ec2.instances.master.ebsConfiguration = {
      ebsOptimized: false,
      ebsBlockDeviceConfigs: [{ volumesPerInstance: 1, volumeSpecification: { iops: 3000, sizeInGB: 100, volumeType: 'io1' } }],
    };
    c.ec2.location = { classic: { availabilityZone: 'us-east-1a' }, vpc: null };
    c.ec2.amiVersion = '3.11.0';
    const r = runJobFlowRequest(c, [], { keepAlive: false });
    assert.equal(r.Instances?.InstanceGroups?.length, 1);
    assert.equal(r.Instances?.InstanceGroups?.[0].EbsConfiguration?.EbsBlockDeviceConfigs?.[0].VolumeSpecification?.Iops, 3000);
    assert.deepEqual(r.Instances?.Placement, { AvailabilityZone: 'us-east-1a' });
    assert.equal(r.AmiVersion, '3.11.0');
    assert.equal(r.ReleaseLabel, undefined);
    c.ec2.location = { classic: { availabilityZone: 'a' }, vpc: { subnetId: 's' } };
    assert.throws(
      () => runJobFlowRequest(c, [], { keepAlive: false }),
      (e: Error) => e instanceof RequestBuildError && e.message === 'Only one of Availability Zone and Subnet id should be provided',
    );
    c.ec2.location = { classic: null, vpc: null };
    assert.throws(() => runJobFlowRequest(c, [], { keepAlive: false }), /At least one of Availability Zone and Subnet id is required/);
  });
});

describe('steps', () => {
  const s = (over: Partial<Step> = {}): Step => ({
    name: 'n',
    type: 'CUSTOM_JAR',
    actionOnFailure: 'CONTINUE',
    jar: 'command-runner.jar',
    arguments: [],
    ...over,
  });

  test('checks name length, failure action, jar and the 10 240-character limit, naming the step', () => {
    assert.deepEqual(
      checkSteps([]).map((p) => p.message),
      ['No steps found in config, nothing to add'],
    );
    const problems = checkSteps([
      s(),
      s({ name: 'x'.repeat(257) }),
      s({ actionOnFailure: 'TERMINATE_CLUSTER' }),
      s({ arguments: ['y'.repeat(10_230)] }),
    ]);
    assert.deepEqual(
      problems.map((p) => p.step),
      [1, 2, 3],
    );
    assert.match(problems[0].message, /257 characters; EMR allows 256/);
    assert.match(problems[1].message, /only CANCEL_AND_WAIT or CONTINUE are allowed/);
    assert.match(problems[2].message, /total 10248 characters; EMR allows 10240/);
  });

  test('batches keep order and never exceed the room or 256', () => {
    const items = Array.from({ length: 600 }, (_, i) => i);
    assert.deepEqual(
      batchSteps(items).map((b) => b.length),
      [256, 256, 88],
    );
    assert.deepEqual(
      batchSteps(items.slice(0, 10), 4).map((b) => b.length),
      [4, 4, 2],
    );
    assert.deepEqual(batchSteps(items).flat(), items);
  });
});

describe('dry run and preparing a templated playbook', () => {
  const playbook = JSON.stringify(
    {
      schema: 'iglu:com.snowplowanalytics.dataflowrunner/PlaybookConfig/avro/1-0-1',
      data: {
        region: '{{.region}}',
        credentials: { accessKeyId: 'default', secretAccessKey: 'default' },
        tags: [],
        steps: [
          {
            type: 'CUSTOM_JAR',
            name: 'Load',
            actionOnFailure: 'CANCEL_AND_WAIT',
            jar: 'command-runner.jar',
            arguments: ['node', 'load.js', '--password', '{{.dbPassword}}'],
          },
          {
            type: 'CUSTOM_JAR',
            name: 'Copy',
            actionOnFailure: 'CONTINUE',
            jar: '/usr/share/aws/emr/s3-dist-cp/lib/s3-dist-cp.jar',
            arguments: ['--src', 's3://b/'],
          },
        ],
      },
    },
    null,
    2,
  );
  const vars = new Map([
    ['region', 'eu-west-1'],
    ['dbPassword', 'hunter2-s3cr3t'],
  ]);

  test('the preview and dry run mask the secret; the request carries it', () => {
    assert.deepEqual(usedVars(playbook), ['region', 'dbPassword']);
    const p = prepareSubmission({
      playbookText: playbook,
      playbookFile: 'playbook.json',
      vars,
      secretNames: new Set(['dbPassword']),
      target: { kind: 'cluster', clusterId: 'j-1' },
      renderEnv: env,
    });
    assert.equal(p.ok, true, p.problems.join('\n'));
    assert.deepEqual(p.steps[0].args, ['node', 'load.js', '--password', SECRET_MASK]);
    assert.ok(!p.dryRun!.includes('hunter2'));
    assert.ok(p.dryRun!.includes('"JobFlowId": "j-1"'));
    assert.deepEqual(JSON.parse(p.dryRun!).request.Steps[0].HadoopJarStep.Args, ['node', 'load.js', '--password', SECRET_MASK]);
    assert.deepEqual(p.request!.stepConfigs[0].HadoopJarStep?.Args, ['node', 'load.js', '--password', 'hunter2-s3cr3t']);
    assert.equal(dryRunJson('AddJobFlowSteps', { a: 'x hunter2"quoted y' }, ['hunter2"quoted']).includes('hunter2'), false);
  });

  test('the local target marks steps it cannot run; a missing var is a problem with its position', () => {
    const p = prepareSubmission({
      playbookText: playbook,
      playbookFile: 'playbook.json',
      vars,
      secretNames: new Set(),
      target: { kind: 'local' },
      renderEnv: env,
      local: { cwd: '/', env: { PATH: path.dirname(process.execPath) } },
    });
    assert.equal(p.steps[0].notRunnable, undefined);
    assert.match(p.steps[1].notRunnable ?? '', /s3-dist-cp/);
    const missing = prepareSubmission({
      playbookText: playbook,
      playbookFile: 'playbook.json',
      vars: new Map([['region', 'x']]),
      secretNames: new Set(),
      target: { kind: 'local' },
      renderEnv: env,
    });
    assert.equal(missing.ok, false);
    assert.match(missing.problems[0], /^playbook\.json:\d+:\d+: .*dbPassword/);
  });

  test('run-transient: the cluster config renders with the same vars into one RunJobFlow dry run', () => {
    const cluster = fixture('dataflowrunner-cluster.sample.json').replace('"some-key-name"', '"{{.dbPassword}}"');
    const p = prepareSubmission({
      playbookText: playbook,
      playbookFile: 'playbook.json',
      vars,
      secretNames: new Set(['dbPassword']),
      target: { kind: 'transient', clusterText: cluster, clusterFile: 'cluster.json' },
      renderEnv: env,
    });
    assert.equal(p.ok, true, p.problems.join('\n'));
    const dry = JSON.parse(p.dryRun!);
    assert.equal(dry.operation, 'RunJobFlow');
    assert.equal(dry.request.Instances.KeepJobFlowAliveWhenNoSteps, false);
    assert.equal(dry.request.Instances.Ec2KeyName, SECRET_MASK);
    assert.equal(dry.request.Steps.length, 2);
    assert.equal(p.request!.runJobFlow!.Instances!.Ec2KeyName, 'hunter2-s3cr3t');
  });
});
