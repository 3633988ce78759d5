// Broken playbook and cluster files, each made by changing a line of a valid base file: the
// diagnostic must appear on the stated line, with the stated severity and a keyword of its message.
// Valid files (the examples, the runner's samples, the docs' snippets) must give no error.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  lineColumn,
  validateConfig,
  parsePlaybook,
  parseCluster,
  type Severity,
  type ValidateOptions,
} from '../../../src/core/playbook/validate';

const root = path.resolve(__dirname, '../../..');
const FIXTURES = path.resolve(root, '../../shared/fixtures');
const fixturesDir = [FIXTURES, '/work/shared/fixtures'].find((d) => {
  try {
    readFileSync(path.join(d, 'SOURCES.md'));
    return true;
  } catch {
    return false;
  }
});

const PLAYBOOK = `{
  "schema": "iglu:com.snowplowanalytics.dataflowrunner/PlaybookConfig/avro/1-0-1",
  "data": {
    "region": "{{.region}}",
    "credentials": { "accessKeyId": "env", "secretAccessKey": "env" },
    "steps": [
      {
        "type": "CUSTOM_JAR",
        "name": "Copy",
        "actionOnFailure": "CANCEL_AND_WAIT",
        "jar": "/usr/share/aws/emr/s3-dist-cp/lib/s3-dist-cp.jar",
        "arguments": ["--src", "s3://{{.bucket}}/in/", "--dest", "hdfs:///in/"]
      },
      {
        "type": "CUSTOM_JAR",
        "name": "Model",
        "actionOnFailure": "CONTINUE",
        "jar": "command-runner.jar",
        "arguments": ["spark-submit", "s3://{{.bucket}}/jobs/model.py"]
      }
    ],
    "tags": [{ "key": "team", "value": "data" }]
  }
}`;

const CLUSTER = `{
  "schema": "iglu:com.snowplowanalytics.dataflowrunner/ClusterConfig/avro/1-1-0",
  "data": {
    "name": "models",
    "logUri": "s3://{{.bucket}}/logs/",
    "region": "eu-west-1",
    "credentials": { "accessKeyId": "default", "secretAccessKey": "default" },
    "roles": { "jobflow": "EMR_EC2_DefaultRole", "service": "EMR_DefaultRole" },
    "ec2": {
      "amiVersion": "6.15.0",
      "keyName": "ops",
      "location": { "vpc": { "subnetId": "subnet-0abc" } },
      "instances": {
        "master": { "type": "m5.xlarge" },
        "core": { "type": "r5.2xlarge", "count": 2 },
        "task": { "type": "m5.xlarge", "count": 0, "bid": "0.015" }
      }
    },
    "configurations": [
      { "classification": "spark", "properties": { "maximizeResourceAllocation": "true" } }
    ],
    "applications": ["Hadoop", "Spark"]
  }
}`;

const VARS = new Set(['region', 'bucket']);

/** Replaces 1-based lines (a line mapped to undefined is removed). */
function edit(base: string, changes: Record<number, string | undefined>): string {
  return base
    .split('\n')
    .flatMap((line, i) => (i + 1 in changes ? (changes[i + 1] === undefined ? [] : [changes[i + 1]!]) : [line]))
    .join('\n');
}

function manySteps(n: number): string {
  const step =
    '      { "type": "CUSTOM_JAR", "name": "s", "actionOnFailure": "CONTINUE", "jar": "command-runner.jar", "arguments": ["true"] }';
  return edit(PLAYBOOK, {
    6: `    "steps": [\n${Array.from({ length: n }, () => step).join(',\n')}\n    ],`,
    ...Object.fromEntries(Array.from({ length: 15 }, (_, i) => [i + 7, undefined])),
  });
}

interface Expect {
  line: number;
  severity: Severity;
  keyword: string;
}
interface BrokenCase {
  name: string;
  text: string;
  options?: ValidateOptions;
  expect: Expect[];
}
const E = (line: number, keyword: string, severity: Severity = 'error'): Expect => ({ line, severity, keyword });
const P = { expectedKind: 'playbook' as const, vars: VARS };
const C = { expectedKind: 'cluster' as const, vars: VARS };

const CASES: BrokenCase[] = [
  // JSON syntax (the runner's strict decoder), at the start, middle and end of a file
  { name: 'block comment at the start', text: edit(PLAYBOOK, { 1: '/* nightly */ {' }), options: P, expect: [E(1, 'comments')] },
  {
    name: 'missing comma near the start',
    text: edit(PLAYBOOK, { 2: '  "schema": "iglu:com.snowplowanalytics.dataflowrunner/PlaybookConfig/avro/1-0-1"' }),
    options: P,
    expect: [E(2, 'comma')],
  },
  { name: 'missing colon', text: edit(PLAYBOOK, { 4: '    "region" "{{.region}}",' }), options: P, expect: [E(4, 'colon')] },
  {
    name: 'line comment in the middle',
    text: edit(PLAYBOOK, { 9: '        "name": "Copy", // the copy step' }),
    options: P,
    expect: [E(9, 'comments')],
  },
  { name: 'single-quoted property', text: edit(PLAYBOOK, { 9: "        'name': 'Copy'," }), options: P, expect: [E(9, 'invalid symbol')] },
  {
    name: 'trailing comma in the middle',
    text: edit(PLAYBOOK, { 12: '        "arguments": ["--src", "s3://{{.bucket}}/in/", "--dest", "hdfs:///in/"],' }),
    options: P,
    expect: [E(12, 'trailing comma')],
  },
  { name: 'missing comma between steps (docs example)', text: edit(PLAYBOOK, { 13: '      }' }), options: P, expect: [E(13, 'comma')] },
  {
    name: 'unterminated string',
    text: edit(PLAYBOOK, { 16: '        "name": "Model,' }),
    options: P,
    expect: [E(16, 'unterminated string')],
  },
  {
    name: 'trailing comma near the end',
    text: edit(PLAYBOOK, { 22: '    "tags": [{ "key": "team", "value": "data" }],' }),
    options: P,
    expect: [E(22, 'trailing comma')],
  },
  { name: 'unclosed brace at the end', text: edit(PLAYBOOK, { 24: undefined }), options: P, expect: [E(1, 'unclosed brace')] },
  {
    name: 'unclosed bracket at the end of a cluster',
    text: edit(CLUSTER, { 22: '    "applications": ["Hadoop", "Spark"' }),
    options: C,
    expect: [E(22, 'bracket')],
  },
  {
    name: 'syntax error and a later check are both reported',
    text: edit(PLAYBOOK, { 9: '        "name": "Copy", // x', 17: '        "actionOnFailure": "TERMINATE_CLUSTER",' }),
    options: P,
    expect: [E(9, 'comments'), E(17, 'CANCEL_AND_WAIT')],
  },
  // Templates
  {
    name: 'unclosed action',
    text: edit(PLAYBOOK, { 4: '    "region": "{{.region",' }),
    options: P,
    expect: [E(4, 'bad character U+0022')],
  },
  {
    name: 'function the runner does not define',
    text: edit(PLAYBOOK, { 4: '    "region": "{{secret `aws-region`}}",' }),
    options: P,
    expect: [E(4, 'function "secret" not defined')],
  },
  {
    name: 'var that is not defined',
    text: edit(PLAYBOOK, { 12: '        "arguments": ["--src", "s3://{{.buckt}}/in/", "--dest", "hdfs:///in/"]' }),
    options: P,
    expect: [E(12, 'var "buckt" is not defined')],
  },
  {
    name: 'if without end',
    text: edit(PLAYBOOK, { 4: '    "region": "{{if .region}}{{.region}}",' }),
    options: P,
    expect: [E(24, 'unexpected EOF')],
  },
  {
    name: 'JSON-escaped quotes inside an action',
    text: edit(PLAYBOOK, { 19: '        "arguments": ["spark-submit", "run={{nowWithFormat \\"2006\\"}}"]' }),
    options: P,
    expect: [E(19, 'backquotes')],
  },
  {
    name: 'unexpected end action',
    text: edit(PLAYBOOK, { 16: '        "name": "Model{{end}}",' }),
    options: P,
    expect: [E(16, 'unexpected {{end}}')],
  },
  // Wrapper, schema, kind
  { name: 'top level is an array', text: '[\n  {}\n]', options: P, expect: [E(1, 'self-describing')] },
  { name: 'no self-describing wrapper', text: '{\n  "region": "x",\n  "steps": []\n}', options: P, expect: [E(1, 'wrapper')] },
  { name: 'missing schema', text: edit(PLAYBOOK, { 2: undefined }), options: P, expect: [E(1, 'missing "schema"', 'warning')] },
  { name: 'not an Iglu URI', text: edit(PLAYBOOK, { 2: '  "schema": "PlaybookConfig",' }), options: P, expect: [E(2, 'Iglu', 'warning')] },
  {
    name: 'unknown version',
    text: edit(PLAYBOOK, { 2: '  "schema": "iglu:com.snowplowanalytics.dataflowrunner/PlaybookConfig/avro/1-0-5",' }),
    options: P,
    expect: [E(2, 'version', 'warning')],
  },
  {
    name: 'schema names ClusterConfig over playbook data',
    text: edit(PLAYBOOK, { 2: '  "schema": "iglu:com.snowplowanalytics.dataflowrunner/ClusterConfig/avro/1-1-0",' }),
    options: P,
    expect: [E(2, 'ClusterConfig')],
  },
  {
    name: 'field newer than the declared version',
    text: edit(PLAYBOOK, { 2: '  "schema": "iglu:com.snowplowanalytics.dataflowrunner/PlaybookConfig/avro/1-0-0",' }),
    options: P,
    expect: [E(22, 'not in PlaybookConfig 1-0-0', 'warning')],
  },
  {
    name: 'cluster file where a playbook is expected',
    text: CLUSTER,
    options: P,
    expect: [E(2, 'a playbook (PlaybookConfig) is expected')],
  },
  {
    name: 'playbook file where a cluster is expected',
    text: PLAYBOOK,
    options: C,
    expect: [E(2, 'a cluster (ClusterConfig) is expected')],
  },
  { name: 'schema is not a string', text: edit(PLAYBOOK, { 2: '  "schema": 1,' }), options: P, expect: [E(2, 'must be a string')] },
  // Playbook checks
  {
    name: 'bad actionOnFailure',
    text: edit(PLAYBOOK, { 10: '        "actionOnFailure": "TERMINATE_CLUSTER",' }),
    options: P,
    expect: [E(10, 'CANCEL_AND_WAIT, CONTINUE')],
  },
  { name: 'missing jar', text: edit(PLAYBOOK, { 11: undefined }), options: P, expect: [E(7, 'no "jar"')] },
  {
    name: 'missing arguments',
    text: edit(PLAYBOOK, { 18: '        "jar": "command-runner.jar"', 19: undefined }),
    options: P,
    expect: [E(14, 'no "arguments"')],
  },
  {
    name: 'command-runner.jar without a command',
    text: edit(PLAYBOOK, { 19: '        "arguments": []' }),
    options: P,
    expect: [E(19, 'command-runner.jar')],
  },
  {
    name: 'misspelled field is unknown, and the real one missing',
    text: edit(PLAYBOOK, { 10: '        "actionOnFaliure": "CANCEL_AND_WAIT",' }),
    options: P,
    expect: [E(10, 'did you mean "actionOnFailure"', 'warning'), E(7, 'actionOnFailure')],
  },
  {
    name: 'field matched only by case',
    text: edit(PLAYBOOK, { 11: '        "Jar": "/usr/share/aws/emr/s3-dist-cp/lib/s3-dist-cp.jar",' }),
    options: P,
    expect: [E(11, 'ignores case', 'warning')],
  },
  {
    name: 'duplicate field',
    text: edit(PLAYBOOK, { 9: '        "name": "Copy", "name": "Again",' }),
    options: P,
    expect: [E(9, 'duplicate', 'warning')],
  },
  { name: 'name is a number', text: edit(PLAYBOOK, { 9: '        "name": 42,' }), options: P, expect: [E(9, 'must be a string')] },
  {
    name: 'arguments is a string',
    text: edit(PLAYBOOK, { 12: '        "arguments": "--src"' }),
    options: P,
    expect: [E(12, 'must be an array')],
  },
  {
    name: 'an argument is a number',
    text: edit(PLAYBOOK, { 19: '        "arguments": ["spark-submit", 3]' }),
    options: P,
    expect: [E(19, 'must be a string')],
  },
  {
    name: 'empty steps',
    text: '{\n  "schema": "iglu:com.snowplowanalytics.dataflowrunner/PlaybookConfig/avro/1-0-1",\n  "data": {\n    "region": "r",\n    "credentials": { "accessKeyId": "env", "secretAccessKey": "env" },\n    "steps": []\n  }\n}',
    options: P,
    expect: [E(6, 'No steps found')],
  },
  {
    name: 'steps missing',
    text: '{\n  "schema": "iglu:com.snowplowanalytics.dataflowrunner/PlaybookConfig/avro/1-0-1",\n  "data": {\n    "region": "r",\n    "credentials": { "accessKeyId": "env", "secretAccessKey": "env" }\n  }\n}',
    options: P,
    expect: [E(3, 'missing "steps"')],
  },
  { name: 'more steps than EMR allows', text: manySteps(257), options: P, expect: [E(6, 'at most 256')] },
  {
    name: 'step name too long',
    text: edit(PLAYBOOK, { 9: `        "name": "${'n'.repeat(257)}",` }),
    options: P,
    expect: [E(9, 'at most 256')],
  },
  { name: 'empty jar', text: edit(PLAYBOOK, { 11: '        "jar": "",' }), options: P, expect: [E(11, 'empty "jar"')] },
  {
    name: 'step type other than CUSTOM_JAR',
    text: edit(PLAYBOOK, { 8: '        "type": "STREAMING",' }),
    options: P,
    expect: [E(8, 'ignored', 'warning')],
  },
  {
    name: 'only one credential is env',
    text: edit(PLAYBOOK, { 5: '    "credentials": { "accessKeyId": "env", "secretAccessKey": "abc" },' }),
    options: P,
    expect: [E(5, "must both be set to 'env'")],
  },
  {
    name: 'literal access keys',
    text: edit(PLAYBOOK, {
      5: '    "credentials": { "accessKeyId": "AKIAIOSFODNN7EXAMPLE", "secretAccessKey": "wJalrXUtnFEMI/K7MDENG" },',
    }),
    options: P,
    expect: [E(5, 'literal access key id', 'warning')],
  },
  {
    name: 'missing credential field',
    text: edit(PLAYBOOK, { 5: '    "credentials": { "accessKeyId": "env" },' }),
    options: P,
    expect: [E(5, 'secretAccessKey')],
  },
  { name: 'missing region', text: edit(PLAYBOOK, { 4: undefined }), options: P, expect: [E(3, 'missing "region"')] },
  {
    name: 'tag without key',
    text: edit(PLAYBOOK, { 22: '    "tags": [{ "value": "data" }]' }),
    options: P,
    expect: [E(22, 'tag has no "key"')],
  },
  // Cluster checks
  {
    name: 'count as a string',
    text: edit(CLUSTER, { 15: '        "core": { "type": "r5.2xlarge", "count": "2" },' }),
    options: C,
    expect: [E(15, 'whole number')],
  },
  {
    name: 'count as a fraction',
    text: edit(CLUSTER, { 15: '        "core": { "type": "r5.2xlarge", "count": 1.5 },' }),
    options: C,
    expect: [E(15, 'fraction')],
  },
  {
    name: 'bid as a number',
    text: edit(CLUSTER, { 16: '        "task": { "type": "m5.xlarge", "count": 1, "bid": 0.5 }' }),
    options: C,
    expect: [E(16, 'must be a string')],
  },
  {
    name: 'bid that is not a price',
    text: edit(CLUSTER, { 16: '        "task": { "type": "m5.xlarge", "count": 1, "bid": "cheap" }' }),
    options: C,
    expect: [E(16, 'not a price')],
  },
  {
    name: 'property value not a string',
    text: edit(CLUSTER, { 20: '      { "classification": "spark", "properties": { "maximizeResourceAllocation": true } }' }),
    options: C,
    expect: [E(20, 'must be a string value')],
  },
  {
    name: 'both classic and vpc',
    text: edit(CLUSTER, {
      12: '      "location": { "classic": { "availabilityZone": "eu-west-1a" }, "vpc": { "subnetId": "subnet-0abc" } },',
    }),
    options: C,
    expect: [E(12, 'Only one of Availability Zone and Subnet id')],
  },
  {
    name: 'neither classic nor vpc',
    text: edit(CLUSTER, { 12: '      "location": {},' }),
    options: C,
    expect: [E(12, 'At least one of Availability Zone and Subnet id')],
  },
  {
    name: 'instance count over EMR limit',
    text: edit(CLUSTER, { 15: '        "core": { "type": "r5.2xlarge", "count": 3000000000 },' }),
    options: C,
    expect: [E(15, "EMR's limit")],
  },
  {
    name: 'core count without a type',
    text: edit(CLUSTER, { 15: '        "core": { "type": "", "count": 2 },' }),
    options: C,
    expect: [E(15, 'no instance "type"')],
  },
  {
    name: 'amiVersion with emr- prefix',
    text: edit(CLUSTER, { 10: '      "amiVersion": "emr-6.15.0",' }),
    options: C,
    expect: [E(10, 'release number')],
  },
  {
    name: 'two-digit release read as its first digit',
    text: edit(CLUSTER, { 10: '      "amiVersion": "10.0.0",' }),
    options: C,
    expect: [E(10, 'first character', 'warning')],
  },
  {
    name: 'nested configurations',
    text: edit(CLUSTER, { 20: '      { "classification": "spark", "properties": {}, "configurations": [] }' }),
    options: C,
    expect: [E(20, 'nested', 'warning')],
  },
  {
    name: 'ebsConfiguration without ebsOptimized',
    text: edit(CLUSTER, { 14: '        "master": { "type": "m5.xlarge", "ebsConfiguration": { "ebsBlockDeviceConfigs": [] } },' }),
    options: C,
    expect: [E(14, 'ebsOptimized')],
  },
  {
    name: 'applications in ClusterConfig 1-0-0',
    text: edit(CLUSTER, { 2: '  "schema": "iglu:com.snowplowanalytics.dataflowrunner/ClusterConfig/avro/1-0-0",' }),
    options: C,
    expect: [E(22, 'not in ClusterConfig 1-0-0', 'warning')],
  },
  { name: 'missing roles', text: edit(CLUSTER, { 8: undefined }), options: C, expect: [E(3, 'missing "roles"')] },
  {
    name: 'credentials default on one side only',
    text: edit(CLUSTER, { 7: '    "credentials": { "accessKeyId": "default", "secretAccessKey": "iam" },' }),
    options: C,
    expect: [E(7, 'must both be set to')],
  },
];

test('at least 40 broken files', () => {
  assert.ok(CASES.length >= 40, `${CASES.length} cases`);
});

for (const c of CASES) {
  test(`broken: ${c.name}`, () => {
    const r = validateConfig(c.text, c.options);
    const found = r.diagnostics.map((d) => ({ ...d, line: lineColumn(c.text, d.offset).line }));
    for (const want of c.expect) {
      const hit = found.find((d) => d.line === want.line && d.severity === want.severity && d.message.includes(want.keyword));
      assert.ok(
        hit,
        `expected ${want.severity} on line ${want.line} with "${want.keyword}"; got:\n${found.map((d) => `  ${d.line}: ${d.severity} ${d.message}`).join('\n')}`,
      );
    }
  });
}

test('the base files themselves are clean', () => {
  assert.deepEqual(validateConfig(PLAYBOOK, P).diagnostics, []);
  assert.deepEqual(validateConfig(CLUSTER, C).diagnostics, []);
});

function assertNoErrors(text: string, options: ValidateOptions, label: string): void {
  const errors = validateConfig(text, options).diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => `${lineColumn(text, d.offset).line}: ${d.message}`),
    [],
    label,
  );
}

test('valid files pass with no error: examples and the runner samples', () => {
  const ex = (f: string): string => readFileSync(path.join(root, 'examples', f), 'utf8');
  assertNoErrors(ex('playbook.json'), { expectedKind: 'playbook', vars: new Set(['region', 'bucket', 'runId']) }, 'examples/playbook.json');
  assertNoErrors(
    ex('cluster.json'),
    { expectedKind: 'cluster', vars: new Set(['env', 'bucket', 'region', 'keyName', 'subnetId']) },
    'examples/cluster.json',
  );
  if (fixturesDir) {
    assertNoErrors(
      readFileSync(path.join(fixturesDir, 'dataflowrunner-playbook.sample.json'), 'utf8'),
      { expectedKind: 'playbook', vars: new Set() },
      'playbook sample',
    );
    assertNoErrors(
      readFileSync(path.join(fixturesDir, 'dataflowrunner-cluster.sample.json'), 'utf8'),
      { expectedKind: 'cluster', vars: new Set() },
      'cluster sample',
    );
  }
});

test("the docs' templated step (raw quotes and base64File inside actions) has no error", () => {
  const text = edit(PLAYBOOK, {
    19: '        "arguments": ["--dest", "s3://com-acme/enriched/archive/run={{nowWithFormat "2006-01-02-15-04-05"}}/", "--config", "{{base64File "/home/snowplow/configs/snowplow/config.hocon"}}"]',
  });
  assertNoErrors(text, P, 'docs step');
});

test('typed configs: Go zero values for missing fields, templates kept as written', () => {
  const pb = parsePlaybook(PLAYBOOK, { vars: VARS });
  assert.equal(pb.config?.steps.length, 2);
  assert.equal(pb.config?.steps[1].jar, 'command-runner.jar');
  assert.deepEqual(pb.config?.steps[0].arguments, ['--src', 's3://{{.bucket}}/in/', '--dest', 'hdfs:///in/']);
  const cl = parseCluster(CLUSTER, { vars: VARS });
  assert.equal(cl.config?.ec2.instances.core.count, 2);
  assert.equal(cl.config?.ec2.location.classic, null);
  assert.equal(cl.config?.securityConfiguration, '');
  assert.equal(parsePlaybook(CLUSTER).config, undefined, 'a cluster is no playbook');
});
