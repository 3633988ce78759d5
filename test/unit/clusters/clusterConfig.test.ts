// "Save as cluster.json": clusters read through the real EMR client from the loopback, mapped to
// Dataflow Runner's ClusterConfig and checked against the Avro schema DFR itself uses (fixture).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EmrExplorer } from '../../../src/core/clusters/emr';
import { CLUSTER_CONFIG_SCHEMA, toClusterConfig } from '../../../src/core/clusters/clusterConfig';
import { startAwsEstate, type AwsEstate } from '../../support/aws/estate';

type Avro = string | Avro[] | { type: string; name?: string; fields?: { name: string; type: Avro }[]; items?: Avro; values?: Avro };

/** Checks `value` against an Avro type as DFR decodes it (JSON → Go struct → Avro writer):
 * returns the paths that do not fit. Records must have every non-nullable field. */
function avroProblems(type: Avro, value: unknown, path = 'data', named = new Map<string, Avro>()): string[] {
  if (typeof type === 'string') {
    if (named.has(type)) return avroProblems(named.get(type)!, value, path, named);
    const ok =
      type === 'string'
        ? typeof value === 'string'
        : type === 'long' || type === 'int'
          ? Number.isInteger(value)
          : type === 'boolean'
            ? typeof value === 'boolean'
            : type === 'null'
              ? value === null || value === undefined
              : false;
    return ok ? [] : [`${path}: expected ${type}, got ${JSON.stringify(value)}`];
  }
  if (Array.isArray(type)) {
    return type.some((t) => avroProblems(t, value, path, named).length === 0)
      ? []
      : [`${path}: fits none of ${JSON.stringify(type).slice(0, 80)}`];
  }
  if (type.name) named.set(type.name, type);
  switch (type.type) {
    case 'record': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected an object`];
      return type.fields!.flatMap((f) => avroProblems(f.type, (value as Record<string, unknown>)[f.name], `${path}.${f.name}`, named));
    }
    case 'array':
      return Array.isArray(value)
        ? value.flatMap((v, i) => avroProblems(type.items!, v, `${path}[${i}]`, named))
        : [`${path}: expected an array`];
    case 'map':
      return typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([k, v]) => avroProblems(type.values!, v, `${path}.${k}`, named))
        : [`${path}: expected a map`];
    default:
      return avroProblems(type.type, value, path, named);
  }
}

const SCHEMA = JSON.parse(readFileSync('/work/shared/fixtures/dataflowrunner-cluster-schema.json', 'utf8')) as Avro;
let estate: AwsEstate;
let explorer: EmrExplorer;

before(async () => {
  estate = await startAwsEstate();
  explorer = new EmrExplorer(estate.target);
});
after(async () => {
  explorer.dispose();
  await estate.stop();
});

test('an instance-group cluster maps field for field to ClusterConfig 1-1-0 and fits the schema', async () => {
  const c = estate.emr.seedCluster({
    name: 'event-models-prod',
    state: 'WAITING',
    logUri: 's3://acme-logs/emr/',
    releaseLabel: 'emr-6.15.0',
    applications: [
      { Name: 'Hadoop', Version: '3.3.6' },
      { Name: 'Spark', Version: '3.4.1' },
    ],
    ec2: { Ec2KeyName: 'ops', Ec2SubnetId: 'subnet-0abc', IamInstanceProfile: 'EMR_EC2_DefaultRole' },
    serviceRole: 'EMR_DefaultRole',
    tags: [
      { Key: 'team', Value: 'data' },
      { Key: 'aws:elasticmapreduce:job-flow-id', Value: 'j-X' },
    ],
    configurations: [{ Classification: 'spark', Properties: { maximizeResourceAllocation: 'true' } }],
    bootstrapActions: [{ Name: 'java11', ScriptBootstrapAction: { Path: 's3://acme/bootstrap.sh', Args: ['--jdk', '11'] } }],
    instanceGroups: [
      {
        Id: 'ig-1',
        Name: 'Master',
        Market: 'ON_DEMAND',
        InstanceGroupType: 'MASTER',
        InstanceType: 'm5.xlarge',
        RequestedInstanceCount: 1,
        EbsOptimized: true,
        EbsBlockDevices: [
          { VolumeSpecification: { VolumeType: 'gp3', SizeInGB: 64 }, Device: '/dev/sdb' },
          { VolumeSpecification: { VolumeType: 'gp3', SizeInGB: 64 }, Device: '/dev/sdc' },
        ],
      },
      { Id: 'ig-2', Name: 'Core', Market: 'ON_DEMAND', InstanceGroupType: 'CORE', InstanceType: 'r5.2xlarge', RequestedInstanceCount: 2 },
      {
        Id: 'ig-3',
        Name: 'Task',
        Market: 'SPOT',
        InstanceGroupType: 'TASK',
        InstanceType: 'm5.xlarge',
        RequestedInstanceCount: 3,
        BidPrice: '0.12',
      },
    ],
  });
  const result = toClusterConfig(await explorer.describeCluster(c.id, undefined, { withBootstrapActions: true }), 'eu-west-1');
  assert.equal(result.config.schema, CLUSTER_CONFIG_SCHEMA);
  assert.deepEqual(result.config.data, {
    name: 'event-models-prod',
    logUri: 's3://acme-logs/emr/',
    region: 'eu-west-1',
    credentials: { accessKeyId: 'default', secretAccessKey: 'default' },
    roles: { jobflow: 'EMR_EC2_DefaultRole', service: 'EMR_DefaultRole' },
    ec2: {
      amiVersion: '6.15.0',
      keyName: 'ops',
      location: { vpc: { subnetId: 'subnet-0abc' } },
      instances: {
        master: {
          type: 'm5.xlarge',
          ebsConfiguration: {
            ebsOptimized: true,
            ebsBlockDeviceConfigs: [{ volumesPerInstance: 2, volumeSpecification: { iops: 0, sizeInGB: 64, volumeType: 'gp3' } }],
          },
        },
        core: { type: 'r5.2xlarge', count: 2 },
        task: { type: 'm5.xlarge', count: 3, bid: '0.12' },
      },
    },
    tags: [{ key: 'team', value: 'data' }],
    bootstrapActionConfigs: [{ name: 'java11', scriptBootstrapAction: { path: 's3://acme/bootstrap.sh', args: ['--jdk', '11'] } }],
    configurations: [{ classification: 'spark', properties: { maximizeResourceAllocation: 'true' } }],
    applications: ['Hadoop', 'Spark'],
  });
  assert.deepEqual(result.warnings, []);
  assert.deepEqual(avroProblems(SCHEMA, result.config.data), []);
  assert.deepEqual(JSON.parse(result.text), result.config);
  const tree = await explorer.describeCluster(c.id);
  assert.deepEqual(tree.raw.bootstrapActions, [], 'the tree does not pay for ListBootstrapActions');
});

test('a fleet cluster in a classic AZ with no key maps best-effort, fits the schema, and says what was lost', async () => {
  const c = estate.emr.seedCluster({
    name: 'adhoc',
    state: 'RUNNING',
    ec2: { Ec2AvailabilityZone: 'us-east-1a' },
    instanceFleets: [
      {
        Id: 'if-1',
        Name: 'M',
        InstanceFleetType: 'MASTER',
        TargetOnDemandCapacity: 1,
        TargetSpotCapacity: 0,
        InstanceTypeSpecifications: [{ InstanceType: 'm5.xlarge', WeightedCapacity: 1 }],
      },
      {
        Id: 'if-2',
        Name: 'C',
        InstanceFleetType: 'CORE',
        TargetOnDemandCapacity: 2,
        TargetSpotCapacity: 2,
        InstanceTypeSpecifications: [
          { InstanceType: 'r5.xlarge', WeightedCapacity: 1 },
          { InstanceType: 'r5a.xlarge', WeightedCapacity: 1 },
        ],
      },
    ],
  });
  const result = await explorer.clusterConfig(c.id);
  assert.equal(result.config.data.region, 'us-east-1', 'the region the cluster was read from');
  const ec2 = result.config.data.ec2 as Record<string, unknown>;
  assert.deepEqual(ec2.location, { classic: { availabilityZone: 'us-east-1a' } });
  assert.deepEqual(ec2.instances, {
    master: { type: 'm5.xlarge' },
    core: { type: 'r5.xlarge', count: 4 },
    task: { type: '', count: 0, bid: '' },
  });
  assert.ok(result.warnings.some((w) => /instance fleets/.test(w)));
  assert.ok(result.warnings.some((w) => /no log URI/.test(w)));
  assert.ok(result.warnings.some((w) => /no EC2 key pair/.test(w)));
  assert.deepEqual(avroProblems(SCHEMA, result.config.data), []);
});

test('the checker itself rejects a config with a wrong type (it can fail)', () => {
  const problems = avroProblems(SCHEMA, {
    name: 'x',
    logUri: 'y',
    region: 'z',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    roles: { jobflow: 'j', service: 's' },
    ec2: {
      amiVersion: '6',
      keyName: '',
      location: { vpc: { subnetId: 's' } },
      instances: { master: { type: 'm' }, core: { type: 'c', count: '2' }, task: { type: 't', count: 0, bid: '' } },
    },
  });
  assert.ok(
    problems.some((p) => p.includes('core.count')),
    problems.join('\n'),
  );
});
