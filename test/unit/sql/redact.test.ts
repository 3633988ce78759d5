import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSecrets } from '../../../src/core/sql/redact';

test('COPY credentials and key literals are redacted before logging', () => {
  const copy = "copy atomic.events from 's3://b/k' credentials 'aws_access_key_id=AKIA;aws_secret_access_key=s3cr''et' delimiter '\\t'";
  const out = redactSecrets(copy);
  assert.ok(!out.includes('AKIA') && !out.includes('s3cr'), out);
  assert.ok(out.includes("'s3://b/k'") && out.includes("delimiter '\\t'"), 'other literals stay');
  assert.equal(redactSecrets("unload ('select 1') to 's3://x/' ACCESS_KEY_ID 'AKIA' SECRET_ACCESS_KEY 'abc' SESSION_TOKEN 'tok'"), "unload ('select 1') to 's3://x/' ACCESS_KEY_ID '***' SECRET_ACCESS_KEY '***' SESSION_TOKEN '***'");
  assert.equal(redactSecrets("create user etl password 'Hunter2x'"), "create user etl password '***'");
  assert.equal(redactSecrets('select 1'), 'select 1');
});
