// What each explorer's SDK clients are built with, and how a target is named in the tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientConfigFor, targetLabel } from '../../../src/core/clusters/awsTarget';

test('per-service endpoint overrides; path-style only for an overridden S3; the profile goes to the SDK', () => {
  const target = { region: 'eu-west-1', profile: 'dev', endpoints: { emr: 'http://127.0.0.1:1', s3: 'http://127.0.0.1:2' } };
  assert.deepEqual(clientConfigFor(target, 'emr'), {
    region: 'eu-west-1',
    maxAttempts: 4,
    retryMode: 'standard',
    profile: 'dev',
    endpoint: 'http://127.0.0.1:1',
  });
  assert.deepEqual(clientConfigFor(target, 's3'), {
    region: 'eu-west-1',
    maxAttempts: 4,
    retryMode: 'standard',
    profile: 'dev',
    endpoint: 'http://127.0.0.1:2',
    forcePathStyle: true,
  });
  assert.deepEqual(clientConfigFor({ region: 'eu-west-1' }, 's3'), { region: 'eu-west-1', maxAttempts: 4, retryMode: 'standard' });
});

test('a target is labelled profile @ region', () => {
  assert.equal(targetLabel({ profile: 'prod', region: 'us-west-2' }), 'prod @ us-west-2');
  assert.equal(targetLabel({ region: 'ap-south-1' }), 'default @ ap-south-1');
});
