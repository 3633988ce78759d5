// The sandbox's EMR runs submitted steps for real through the local target: the local example
// playbook completes with its real output in the step's stdout log in S3; examples/playbook.json's
// s3-dist-cp step fails with the reason (and CANCEL_AND_WAIT cancels the rest).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startAwsEstate, type AwsEstate } from '../../support/aws/estate';
import { localStepRunner } from '../../support/aws/sandboxSteps';
import { EmrJobs } from '../../../src/core/jobs/emrJobs';
import { findExecutable } from '../../../src/core/jobs/local';
import { EmrExplorer } from '../../../src/core/clusters/emr';
import { prepareSubmission } from '../../../src/core/jobs/prepare';
import { parseVarsFile } from '../../../src/core/playbook/vars';
import { nodeRenderEnv } from '../../../src/core/playbook/nodeEnv';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
let estate: AwsEstate;
let jobs: EmrJobs;
let explorer: EmrExplorer;

function prepared(file: string) {
  const vars = parseVarsFile(readFileSync(path.join(EXAMPLES, file.replace(/\.json$/, '.vars')), 'utf8')).vars;
  const p = prepareSubmission({
    playbookText: readFileSync(path.join(EXAMPLES, file), 'utf8'),
    playbookFile: file,
    vars,
    secretNames: new Set(),
    target: { kind: 'cluster', clusterId: 'x' },
    renderEnv: nodeRenderEnv(EXAMPLES),
  });
  assert.equal(p.ok, true, p.problems.join('\n'));
  return p.request!.stepConfigs;
}

before(async () => {
  estate = await startAwsEstate({ emrStepRunner: localStepRunner(EXAMPLES) });
  estate.emr.startupMs = 10;
  jobs = new EmrJobs(estate.target, { poll: { initialMs: 20, maxMs: 100 } });
  explorer = new EmrExplorer(estate.target);
});
after(async () => {
  jobs.dispose();
  explorer.dispose();
  await estate.stop();
});

test(
  "the local example playbook runs for real on a sandbox cluster; its output is the step's stdout log",
  { skip: !findExecutable('python3', { cwd: EXAMPLES }) && 'python3 not installed' },
  async () => {
    const id = estate.emr.seedCluster({ name: 'sandbox', state: 'WAITING', logUri: 's3://dw-emr-logs/emr/' }).id;
    const ids = await jobs.addSteps(id, prepared('local-playbook.json'));
    const outcome = await jobs.waitForSteps(id, ids);
    assert.deepEqual(
      outcome.steps.map((s) => s.state),
      ['COMPLETED', 'COMPLETED'],
    );
    await Promise.all(estate.emr.pendingLogWrites);
    const stdout = await explorer.readStepLog(id, ids[0], 'stdout');
    assert.equal(stdout.text, 'GB\t3\nUS\t3\nDE\t2\n10 page views in 5 countries\n');
  },
);

test('examples/playbook.json: s3-dist-cp fails with the reason in FailureDetails and stderr; CANCEL_AND_WAIT cancels the rest', async () => {
  const id = estate.emr.seedCluster({ name: 'sandbox', state: 'WAITING', logUri: 's3://dw-emr-logs/emr/' }).id;
  const ids = await jobs.addSteps(id, prepared('playbook.json'));
  const outcome = await jobs.waitForSteps(id, ids);
  assert.deepEqual(
    outcome.steps.map((s) => s.state),
    ['FAILED', 'CANCELLED', 'CANCELLED'],
  );
  assert.match(outcome.steps[0].failure?.message ?? '', /^Not runnable in the local sandbox: s3-dist-cp/);
  await Promise.all(estate.emr.pendingLogWrites);
  const stderr = await explorer.readStepLog(id, ids[0], 'stderr');
  assert.match(stderr.text, /Not runnable in the local sandbox: s3-dist-cp copies between S3 and HDFS/);
});
