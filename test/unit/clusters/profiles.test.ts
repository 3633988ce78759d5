// Profile listing for the views' account picker, from real files (incl. the sandbox's own).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listAwsProfiles } from '../../../src/core/clusters/profiles';
import { sharedConfigText, sharedCredentialsText } from '../../support/aws/sandbox';

test('profiles from config and credentials: region, SSO, custom endpoints, which file; no secrets', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dw-profiles-'));
  try {
    writeFileSync(
      path.join(dir, 'config'),
      [
        '[default]',
        'region = eu-west-1',
        '',
        '# a comment',
        '[profile dev-sso]',
        'sso_session = corp',
        'region = us-west-2',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        '[profile  local ]',
        'endpoint_url = http://127.0.0.1:4566',
        '[services x]',
        's3 =',
        '  endpoint_url = http://127.0.0.1:1',
        '',
      ].join('\n'),
    );
    writeFileSync(
      path.join(dir, 'credentials'),
      '[default]\naws_access_key_id = AKIA1\naws_secret_access_key = s3cr3t\n[ci]\naws_access_key_id = AKIA2\n',
    );
    const profiles = await listAwsProfiles({
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    });
    assert.deepEqual(profiles, [
      { name: 'default', region: 'eu-west-1', sso: false, customEndpoints: false, files: ['config', 'credentials'] },
      { name: 'ci', sso: false, customEndpoints: false, files: ['credentials'] },
      { name: 'dev-sso', region: 'us-west-2', sso: true, customEndpoints: false, files: ['config'] },
      { name: 'local', sso: false, customEndpoints: true, files: ['config'] },
    ]);
    assert.ok(!JSON.stringify(profiles).includes('s3cr3t'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the sandbox's files list its profile with custom endpoints; missing files list nothing", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dw-profiles-'));
  try {
    writeFileSync(
      path.join(dir, 'config'),
      sharedConfigText({ aws: 'http://127.0.0.1:1', s3: 'http://127.0.0.1:2', dynamodb: 'http://127.0.0.1:3' }),
    );
    writeFileSync(path.join(dir, 'credentials'), sharedCredentialsText());
    const profiles = await listAwsProfiles({
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    });
    assert.deepEqual(
      profiles.map((p) => [p.name, p.region, p.customEndpoints]),
      [
        ['default', 'us-east-1', true],
        ['dw-sandbox', 'us-east-1', true],
      ],
    );
    assert.deepEqual(await listAwsProfiles({}, path.join(dir, 'no-home')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
