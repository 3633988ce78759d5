// The dfr-playbook CLI as a process: exit codes, `file:line:col: severity: message` lines, rendering
// on stdout, the runner's one-line errors on stderr, base64File relative to the working directory.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '../../..');
const CLI = path.join(root, 'src/cli/dfr-playbook.ts');
// By URL, so the loader resolves from any working directory.
const TSX = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'dfr-playbook-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], cwd = root, env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const write = (name: string, text: string): string => {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
};

const PLAYBOOK = (region: string, args: string): string => `{
  "schema": "iglu:com.snowplowanalytics.dataflowrunner/PlaybookConfig/avro/1-0-1",
  "data": {
    "region": ${region},
    "credentials": { "accessKeyId": "env", "secretAccessKey": "env" },
    "steps": [
      { "type": "CUSTOM_JAR", "name": "Model", "actionOnFailure": "CONTINUE", "jar": "command-runner.jar", "arguments": [${args}] }
    ]
  }
}
`;

test('validate: the example with all its vars is valid (exit 0, no output)', () => {
  const r = run(['validate', 'examples/playbook.json', '--vars', 'region,eu-west-1,bucket,acme,runId,2024-06-03']);
  assert.equal(r.stdout, '');
  assert.equal(r.code, 0);
});

test('validate: a var missing from --vars is an error at its line and column (exit 1)', () => {
  const r = run(['validate', 'examples/playbook.json', '--vars', 'bucket,acme,runId,2024-06-03']);
  assert.equal(r.code, 1);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'examples/playbook.json:4:18: error: var "region" is not defined (pass it with --vars): the runner fails with map has no entry for key "region"',
  ]);
});

test('validate: warnings print and still exit 0', () => {
  const file = write(
    'literal-playbook.json',
    PLAYBOOK('"eu-west-1"', '"spark-submit"').replace(
      '"accessKeyId": "env", "secretAccessKey": "env"',
      '"accessKeyId": "AKIAEXAMPLE", "secretAccessKey": "abc"',
    ),
  );
  const r = run(['validate', file]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:37: warning: literal access key id`, 'm'));
});

test('validate: broken JSON and a bad actionOnFailure, each at its place (exit 1)', () => {
  const file = write('broken-playbook.json', PLAYBOOK('"eu-west-1",', '"spark-submit"').replace('"CONTINUE"', '"TERMINATE_CLUSTER"'));
  const r = run(['validate', file]);
  assert.equal(r.code, 1);
  const lines = r.stdout
    .trim()
    .split('\n')
    .map((l) => l.slice(file.length + 1));
  assert.ok(
    lines.some((l) => /^4:\d+: error: /.test(l)),
    r.stdout,
  );
  assert.ok(
    lines.some((l) => /^7:\d+: error: .*CANCEL_AND_WAIT, CONTINUE/.test(l)),
    r.stdout,
  );
});

test('validate: a cluster config in a file named as a playbook is an error', () => {
  const cluster = readFileSync(path.join(root, 'examples/cluster.json'), 'utf8');
  const file = write('nightly-playbook.json', cluster);
  const r = run(['validate', file, '--vars', 'env,prod,bucket,b,region,r,keyName,k,subnetId,s']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /:2:\d+: error: this is a cluster config \(ClusterConfig\), but a playbook/);
});

test('validate: what only rendering shows (an unset environment variable) is an error', () => {
  const file = write('env-playbook.json', PLAYBOOK('"{{systemEnv `DFR_CLI_TEST_UNSET`}}"', '"spark-submit"'));
  const r = run(['validate', file], root, { DFR_CLI_TEST_UNSET: undefined });
  assert.equal(r.code, 1);
  assert.match(
    r.stdout,
    /:4:\d+: error: template: env-playbook\.json:4:17: executing "env-playbook\.json" at <systemEnv `DFR_CLI_TEST_UNSET`>: error calling systemEnv: environment variable DFR_CLI_TEST_UNSET not set/,
  );
});

test('render: prints the rendered file (exit 0)', () => {
  const file = write('render-playbook.json', PLAYBOOK('"{{.region}}"', '"spark-submit", "s3://{{.bucket}}/job.py", "{{base64 .bucket}}"'));
  const r = run(['render', file, '--vars', 'region,eu-west-1,bucket,acme']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, PLAYBOOK('"eu-west-1"', `"spark-submit", "s3://acme/job.py", "${Buffer.from('acme').toString('base64')}"`));
});

test("render: a missing var is the runner's one-line error (exit 1)", () => {
  const file = write('missing-playbook.json', PLAYBOOK('"{{.region}}"', '"x"'));
  const r = run(['render', file]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    'template: missing-playbook.json:4:17: executing "missing-playbook.json" at <.region>: map has no entry for key "region"\n',
  );
});

test("render: an odd --vars count is the runner's error", () => {
  const r = run(['render', 'examples/playbook.json', '--vars', 'region,eu-west-1,bucket']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, '--vars must have an even number of keys and values\n');
});

test("render: output that is not JSON fails as the runner's decoder does", () => {
  const file = write('unquoted-playbook.json', PLAYBOOK('{{.region}}', '"x"'));
  const r = run(['render', file, '--vars', 'region,eu-west-1']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "invalid character 'e' looking for beginning of value\n");
});

test("render: a value that renders to the wrong type fails with Go's struct error, as the runner does", () => {
  // The template makes the region a number: valid JSON, but the runner's PlaybookConfig.Region is a string.
  const file = write('typed-playbook.json', PLAYBOOK('{{.region}}', '"x"'));
  const r = run(['render', file, '--vars', 'region,42']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'json: cannot unmarshal number into Go struct field PlaybookConfig.Region of type string\n');
  const v = run(['validate', file, '--vars', 'region,42']);
  assert.equal(v.code, 1);
  assert.match(v.stdout, /: error: json: cannot unmarshal number into Go struct field PlaybookConfig\.Region of type string\n/);
});

test('render: base64File reads relative to the working directory, from any directory', () => {
  const dir = mkdtempSync(path.join(tmp, 'cwd-'));
  writeFileSync(path.join(dir, 'config.hocon'), 'enrich { a = 1 }\n');
  const file = write('b64-playbook.json', PLAYBOOK('"r"', '"--config", "{{base64File `config.hocon`}}"'));
  const here = run(['render', file], dir);
  assert.equal(here.code, 0, here.stderr);
  assert.match(here.stdout, new RegExp(Buffer.from('enrich { a = 1 }\n').toString('base64').replace(/[+/=]/g, '\\$&')));
  const elsewhere = run(['render', file], tmp);
  assert.equal(elsewhere.code, 1);
  assert.equal(
    elsewhere.stderr,
    'template: b64-playbook.json:7:136: executing "b64-playbook.json" at <base64File `config.hocon`>: error calling base64File: open config.hocon: no such file or directory\n',
  );
});

test('usage errors exit 64', () => {
  assert.equal(run([]).code, 64);
  assert.equal(run(['lint', 'x.json']).code, 64);
  assert.equal(run(['render']).code, 64);
});
