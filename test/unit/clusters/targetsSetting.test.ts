// The `dataWorkbench.aws.targets` setting: what the Clusters and Catalog views list, and how a
// hostile or mistyped entry is reported rather than used.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAwsTargets } from '../../../src/core/clusters/targetsSetting';

test('an absent or empty setting means one target: the default chain', () => {
  assert.deepEqual(parseAwsTargets(undefined), { targets: [{}], errors: [] });
  assert.deepEqual(parseAwsTargets([]), { targets: [{}], errors: [] });
});

test('several profiles and regions are kept in order, duplicates once', () => {
  const { targets, errors } = parseAwsTargets([
    { profile: 'dev', region: 'eu-west-1' },
    { profile: 'prod', region: 'us-east-1' },
    { profile: 'dev', region: 'eu-west-1' },
    { region: 'ap-southeast-2' },
  ]);
  assert.deepEqual(errors, []);
  assert.deepEqual(targets, [
    { profile: 'dev', region: 'eu-west-1' },
    { profile: 'prod', region: 'us-east-1' },
    { region: 'ap-southeast-2' },
  ]);
});

test('hostile or mistyped entries are skipped with their position', () => {
  const { targets, errors } = parseAwsTargets([
    'dev',
    { profile: 'a\nb' },
    { profile: 'ok', region: 'eu-west-1; rm -rf /' },
    { profile: 'fine' },
  ]);
  assert.deepEqual(targets, [{ profile: 'fine' }]);
  assert.equal(errors.length, 3);
  assert.match(errors[0], /targets\[0\]/);
  assert.match(errors[1], /targets\[1\]\.profile/);
  assert.match(errors[2], /targets\[2\]\.region/);
  assert.match(parseAwsTargets({ profile: 'x' }).errors[0], /must be a list/);
});
