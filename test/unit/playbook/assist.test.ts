// Hover and completion models, and the .vars file: what the editor shows at a position.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { completionsAt, hoverAt } from '../../../src/core/playbook/assist';
import { maskedVars, maskSecretValues, parseVarsFile, SECRET_MASK, toVarsFlag, varsFileFor } from '../../../src/core/playbook/vars';
import { kindFromFileName, recognizeConfig } from '../../../src/core/playbook/recognize';

const root = path.resolve(__dirname, '../../..');
const PLAYBOOK = readFileSync(path.join(root, 'examples/playbook.json'), 'utf8');
const at = (needle: string, delta = 1): number => PLAYBOOK.indexOf(needle) + delta;
const vars = {
  values: new Map([
    ['region', 'eu-west-1'],
    ['bucket', 'acme'],
  ]),
  secretNames: new Set(['runId']),
};

test('hover on a field key and on a field value explains the field', () => {
  const key = hoverAt(PLAYBOOK, at('"actionOnFailure"'), 'playbook', vars, true);
  assert.match(key!.markdown, /CANCEL_AND_WAIT/);
  assert.match(key!.markdown, /steps\[\]\.actionOnFailure/);
  const value = hoverAt(PLAYBOOK, at('"command-runner.jar"'), 'playbook', vars, true);
  assert.match(value!.markdown, /HadoopJarStep\.Jar/);
  assert.equal(
    hoverAt(PLAYBOOK, at('"actionOnFailure"'), 'playbook', vars, false),
    undefined,
    "field docs can be left to VS Code's JSON service",
  );
});

test('hover on a var shows its value, secrets masked, undefined ones said so', () => {
  assert.match(hoverAt(PLAYBOOK, at('{{.region', 3), 'playbook', vars, false)!.markdown, /`eu-west-1`/);
  const secret = hoverAt(PLAYBOOK, at('{{.runId', 3), 'playbook', vars, false)!.markdown;
  assert.match(secret, /secret/);
  const none = hoverAt(PLAYBOOK, at('{{.region', 3), 'playbook', { values: new Map(), secretNames: new Set() }, false)!.markdown;
  assert.match(none, /not defined/);
  assert.match(hoverAt(PLAYBOOK, at('nowWithFormat', 2), 'playbook', vars, false)!.markdown, /local time zone/);
});

test('completion: field names of the record at the cursor, values, vars and functions', () => {
  const stepKey = PLAYBOOK.indexOf('"jar"') + 1;
  const fields = completionsAt(PLAYBOOK, stepKey, 'playbook', [], true)!;
  assert.deepEqual(fields.items.map((i) => i.label).sort(), ['actionOnFailure', 'arguments', 'jar', 'name', 'type']);
  const valueAt = PLAYBOOK.indexOf('"CONTINUE"') + 1;
  assert.deepEqual(
    completionsAt(PLAYBOOK, valueAt, 'playbook', [], true)!.items.map((i) => i.label),
    ['CANCEL_AND_WAIT', 'CONTINUE'],
  );
  const typing = '{"data": {"region": "{{.re';
  const v = completionsAt(typing, typing.length, 'playbook', ['region', 'bucket'], true)!;
  assert.deepEqual(
    v.items.map((i) => i.label),
    ['region', 'bucket'],
  );
  assert.equal(v.replaceOffset, typing.length - 2);
  const fn = '{"data": {"region": "{{now';
  assert.ok(completionsAt(fn, fn.length, 'playbook', [], true)!.items.some((i) => i.label === 'nowWithFormat'));
});

test('.vars files: name=value lines, comments, commas refused', () => {
  const f = parseVarsFile('# vars\nregion=eu-west-1\n\nbucket = acme \nbad line\nlist=a,b\n');
  assert.deepEqual(
    [...f.vars],
    [
      ['region', 'eu-west-1'],
      ['bucket', 'acme'],
    ],
  );
  assert.deepEqual(
    f.problems.map((p) => p.line),
    [5, 6],
  );
  assert.equal(varsFileFor('examples/playbook.json'), 'examples/playbook.vars');
  assert.equal(toVarsFlag(f.vars), 'region,eu-west-1,bucket,acme');
});

test('secret values never reach a preview or a message', () => {
  const m = maskedVars(
    new Map([
      ['user', 'u'],
      ['password', 'hunter2'],
    ]),
    new Set(['password']),
  );
  assert.equal(m.get('password'), SECRET_MASK);
  assert.equal(m.get('user'), 'u');
  assert.equal(
    maskSecretValues('strconv.ParseInt: parsing "hunter2": invalid syntax', ['hunter2']),
    `strconv.ParseInt: parsing "${SECRET_MASK}": invalid syntax`,
  );
});

test('files are recognised by name pattern or by their schema', () => {
  assert.equal(kindFromFileName('jobs/nightly-playbook.json'), 'playbook');
  assert.equal(kindFromFileName('infra/emr-cluster.json'), 'cluster');
  assert.equal(kindFromFileName('package.json'), undefined);
  assert.equal(
    recognizeConfig('steps.json', '{"schema": "iglu:com.snowplowanalytics.dataflowrunner/ClusterConfig/avro/1-1-0"}'),
    'cluster',
  );
  assert.equal(kindFromFileName('jobs/daily.json', { playbook: ['jobs/*.json'], cluster: [] }), 'playbook');
});
