// "Submit current PySpark file as a step": argument splitting (quotes group, nothing expanded),
// the S3 key checks, the spark-submit step, and the upload to S3 (s3rver) with the real client.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { splitArgs, scriptUri, pysparkStep, uploadScript } from '../../../src/core/jobs/pyspark';
import { startAwsEstate, DATA_BUCKET, type AwsEstate } from '../../support/aws/estate';

let estate: AwsEstate;
before(async () => {
  estate = await startAwsEstate();
});
after(async () => {
  await estate.stop();
});

test('arguments split like words: quotes group, backslash escapes, $() and globs stay literal', () => {
  assert.deepEqual(splitArgs(`--date 2024-06-03 --name "page views" 'it''s' a\\ b $(rm -rf /) *.py`), [
    '--date',
    '2024-06-03',
    '--name',
    'page views',
    'its',
    'a b',
    '$(rm',
    '-rf',
    '/)',
    '*.py',
  ]);
  assert.deepEqual(splitArgs('   '), []);
  assert.deepEqual(splitArgs('""'), ['']);
  assert.throws(() => splitArgs('"open'), /unclosed " in the arguments/);
});

test('script URIs need an S3 prefix and a plain .py name', () => {
  assert.equal(scriptUri('s3://acme-jobs/pyspark', 'report.py'), 's3://acme-jobs/pyspark/report.py');
  assert.equal(scriptUri('s3://acme-jobs/', 'report.py'), 's3://acme-jobs/report.py');
  assert.throws(() => scriptUri('https://x/y', 'a.py'), /not an S3 prefix/);
  assert.throws(() => scriptUri('s3://acme-jobs/', '../etc.py'), /not a plain \.py file name/);
});

test('the step is spark-submit through command-runner with the arguments as given', () => {
  assert.deepEqual(pysparkStep('s3://b/j/x.py', ['--in', 'a b']), {
    Name: 'PySpark: x.py',
    ActionOnFailure: 'CONTINUE',
    HadoopJarStep: { Jar: 'command-runner.jar', Args: ['spark-submit', '--deploy-mode', 'cluster', 's3://b/j/x.py', '--in', 'a b'] },
  });
});

test('the file is uploaded to the S3 key', async () => {
  const body = 'from pyspark.sql import SparkSession\nprint("hi")\n';
  await uploadScript(estate.target, `s3://${DATA_BUCKET}/jobs/hello.py`, body);
  const out = await estate.s3.client.send(new GetObjectCommand({ Bucket: DATA_BUCKET, Key: 'jobs/hello.py' }));
  assert.equal(await out.Body!.transformToString(), body);
});
