// The local target with real child processes: what it can run (command-runner commands, Python
// scripts, spark-submit only when on PATH) and what it reports as not runnable (custom JARs,
// s3-dist-cp, S3/HDFS paths); argv passed without a shell; failure actions; cancel.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalRun, planLocalStep, findExecutable } from '../../../src/core/jobs/local';
import type { Step } from '../../../src/core/playbook/model';

let dir: string;
const NODE_DIR = path.dirname(process.execPath);
const env = (): NodeJS.ProcessEnv => ({ PATH: [NODE_DIR, '/usr/bin', '/bin'].join(path.delimiter) });

function step(name: string, args: string[], extra: Partial<Step> = {}): Step {
  return { name, type: 'CUSTOM_JAR', actionOnFailure: 'CONTINUE', jar: 'command-runner.jar', arguments: args, ...extra };
}

before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dw-local-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('planning', () => {
  test('command-runner commands on PATH run; others are not runnable with the reason', () => {
    const local = { cwd: dir, env: env() };
    const ok = planLocalStep(step('n', ['node', '-e', '1']), local);
    assert.deepEqual(ok, { runnable: true, argv: [path.join(NODE_DIR, 'node'), '-e', '1'] });
    assert.deepEqual(planLocalStep({ jar: '/usr/share/aws/emr/s3-dist-cp/lib/s3-dist-cp.jar', arguments: ['--src', 'x'] }, local), {
      runnable: false,
      reason: 's3-dist-cp copies between S3 and HDFS on an EMR cluster; it cannot run on this machine',
    });
    assert.match(
      (planLocalStep({ jar: 's3://bucket/jobs/model.jar', arguments: [] }, local) as { reason: string }).reason,
      /custom JAR \(s3:\/\/bucket\/jobs\/model\.jar\)/,
    );
    assert.match(
      (planLocalStep(step('n', ['node', 'x.js', '--input', 's3://b/enriched/']), local) as { reason: string }).reason,
      /argument 4 refers to s3:\/\/b\/enriched\//,
    );
    assert.match((planLocalStep(step('n', ['node', '--dest=hdfs:///local/x']), local) as { reason: string }).reason, /hdfs:\/\/\/local\/x/);
    assert.match(
      (planLocalStep(step('n', ['no-such-program-dw']), local) as { reason: string }).reason,
      /"no-such-program-dw" is not on PATH/,
    );
  });

  test('spark-submit runs only when it is on PATH', () => {
    const bin = path.join(dir, 'bin');
    const without = planLocalStep(step('s', ['spark-submit', 'job.py']), { cwd: dir, env: env() });
    assert.deepEqual(without, { runnable: false, reason: 'spark-submit is not on PATH on this machine' });
    rmSync(bin, { recursive: true, force: true });
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'spark-submit'), '#!/bin/sh\necho spark "$@"\n');
    chmodSync(path.join(bin, 'spark-submit'), 0o755);
    const withIt = planLocalStep(step('s', ['spark-submit', 'job.py']), {
      cwd: dir,
      env: { PATH: `${bin}${path.delimiter}${env().PATH}` },
    });
    assert.deepEqual(withIt, { runnable: true, argv: [path.join(bin, 'spark-submit'), 'job.py'] });
  });

  test('findExecutable ignores directories and non-executable files', () => {
    writeFileSync(path.join(dir, 'plain'), 'x');
    assert.equal(findExecutable('./plain', { cwd: dir }), undefined);
    assert.equal(findExecutable(dir, { cwd: dir }), undefined);
  });
});

describe('running', () => {
  test('steps run in order as processes; output is captured per step; CONTINUE goes on after a failure, CANCEL_AND_WAIT cancels the rest', async () => {
    const seen: string[] = [];
    const run = new LocalRun(
      [
        step('hello', ['node', '-e', 'console.log("hello from " + process.cwd())']),
        step('fails but continue', ['node', '-e', 'console.error("bad input"); process.exit(3)']),
        step('copy', ['x'], { jar: '/usr/share/aws/emr/s3-dist-cp/lib/s3-dist-cp.jar', actionOnFailure: 'CANCEL_AND_WAIT' }),
        step('never', ['node', '-e', 'require("fs").writeFileSync("never-ran", "")']),
      ],
      { cwd: dir, env: env() },
      { onStatus: (s) => seen.push(`${s.index}:${s.state}`) },
    );
    const result = await run.run();
    assert.deepEqual(
      result.map((s) => s.state),
      ['COMPLETED', 'FAILED', 'FAILED', 'CANCELLED'],
    );
    assert.equal(run.logs[0].stdout.trim(), `hello from ${dir}`);
    assert.equal(run.logs[1].stderr, 'bad input\n');
    assert.equal(result[1].exitCode, 3);
    assert.equal(result[1].failure?.reason, 'Step failed with exitCode 3');
    assert.match(result[2].failure?.reason ?? '', /^Not runnable here: s3-dist-cp/);
    assert.match(run.logs[2].controller, /Not runnable on this machine/);
    assert.equal(existsSync(path.join(dir, 'never-ran')), false);
    assert.deepEqual(seen.slice(0, 3), ['0:RUNNING', '0:COMPLETED', '1:RUNNING']);
  });

  test('arguments reach the program as they are: no shell, nothing expanded', async () => {
    const hostile = '$(touch pwned); `touch pwned2` && echo $HOME; rm -rf / #\'"';
    const run = new LocalRun([step('echo', ['node', '-e', 'process.stdout.write(process.argv[1])', hostile])], { cwd: dir, env: env() });
    const [s] = await run.run();
    assert.equal(s.state, 'COMPLETED');
    assert.equal(run.logs[0].stdout, hostile);
    assert.equal(existsSync(path.join(dir, 'pwned')), false);
    assert.equal(existsSync(path.join(dir, 'pwned2')), false);
  });

  test(
    'a Python script given as the command runs through python3',
    { skip: !findExecutable('python3', { cwd: '/', env: env() }) && 'python3 not installed' },
    async () => {
      writeFileSync(path.join(dir, 'count.py'), 'import sys\nprint(len(sys.argv) - 1)\n');
      const run = new LocalRun([step('py', ['count.py', 'a', 'b c'])], { cwd: dir, env: env() });
      const [s] = await run.run();
      assert.equal(s.state, 'COMPLETED');
      assert.equal(run.logs[0].stdout, '2\n');
    },
  );

  test('cancel stops the running process and cancels the pending steps', async () => {
    const run = new LocalRun(
      [step('sleep', ['node', '-e', 'console.log("started"); setTimeout(() => {}, 60000)']), step('after', ['node', '-e', '0'])],
      { cwd: dir, env: env() },
      {
        onOutput: (_i, kind, text) => {
          if (kind === 'stdout' && text.includes('started')) run.cancel();
        },
      },
    );
    const t0 = Date.now();
    const result = await run.run();
    assert.deepEqual(
      result.map((s) => s.state),
      ['CANCELLED', 'CANCELLED'],
    );
    assert.ok(Date.now() - t0 < 30_000);
  });
});
