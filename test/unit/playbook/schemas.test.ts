// The schemas: the JSON Schema generated for jsonValidation (checked with ajv) agrees with the
// runner's Avro schema on the examples, and configs decoded the Go way are valid Avro (avsc).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { dataflowRunnerJsonSchema } from '../../../src/core/playbook/jsonSchema';
import { avroType } from '../../../src/core/playbook/model';
import { validateConfig } from '../../../src/core/playbook/validate';

const root = path.resolve(__dirname, '../../..');
const example = (f: string): string => readFileSync(path.join(root, 'examples', f), 'utf8');
const ajv = new Ajv({ strict: false, allErrors: true });

test('the generated JSON Schemas accept the examples and the field docs are in them', () => {
  const playbook = ajv.compile(dataflowRunnerJsonSchema('playbook'));
  const cluster = ajv.compile(dataflowRunnerJsonSchema('cluster'));
  assert.ok(playbook(JSON.parse(example('playbook.json'))), JSON.stringify(playbook.errors));
  assert.ok(cluster(JSON.parse(example('cluster.json'))), JSON.stringify(cluster.errors));
  const text = JSON.stringify(dataflowRunnerJsonSchema('playbook'));
  assert.match(text, /CANCEL_AND_WAIT/);
  assert.match(text, /HadoopJarStep\.Jar/);
});

test('the generated JSON Schemas follow the Avro types: a count as a string, a bid as a number are refused', () => {
  const cluster = ajv.compile(dataflowRunnerJsonSchema('cluster'));
  const doc = JSON.parse(example('cluster.json'));
  doc.data.ec2.instances.core.count = '2';
  doc.data.ec2.instances.task.bid = 0.5;
  assert.equal(cluster(doc), false);
  const paths = (cluster.errors ?? []).map((e) => e.instancePath);
  assert.ok(paths.includes('/data/ec2/instances/core/count'), JSON.stringify(paths));
  assert.ok(paths.includes('/data/ec2/instances/task/bid'), JSON.stringify(paths));
});

test('the Avro schema fields and the JSON Schema properties are the same set', () => {
  for (const kind of ['playbook', 'cluster'] as const) {
    const avroFields = (avroType(kind) as unknown as { fields: { name: string }[] }).fields.map((f) => f.name).sort();
    const data = dataflowRunnerJsonSchema(kind).properties as { data: { properties: Record<string, unknown> } };
    assert.deepEqual(Object.keys(data.data.properties).sort(), avroFields);
  }
});

test('configs decoded the way the runner decodes them are valid Avro records (avsc)', () => {
  for (const [file, kind] of [
    ['playbook.json', 'playbook'],
    ['cluster.json', 'cluster'],
  ] as const) {
    const r = validateConfig(example(file), { expectedKind: kind });
    const errors: string[] = [];
    assert.ok(avroType(kind).isValid(r.config, { errorHook: (p) => errors.push(p.join('.')) }), `${file}: ${errors.join(', ')}`);
  }
  // A config missing most fields still decodes to a valid record (Go zero values), as the runner's test of {} says.
  const empty = validateConfig('{"schema": "iglu:com.snowplowanalytics.dataflowrunner/PlaybookConfig/avro/1-0-1", "data": {}}');
  assert.ok(avroType('playbook').isValid(empty.config));
});
