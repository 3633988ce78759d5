// The extension declares what it does in an untrusted workspace: settings that would let a
// repository choose where credentials go are restricted, and the one allowing passwords without
// TLS can only come from the user's machine settings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
};

test('untrusted workspaces: limited support, connection settings restricted', () => {
  const u = manifest.capabilities?.untrustedWorkspaces;
  assert.equal(u?.supported, 'limited');
  const restricted = u?.restrictedConfigurations ?? [];
  for (const key of ['dataWorkbench.connections', 'dataWorkbench.defaultConnection', 'dataWorkbench.security.plaintextPasswordHosts'])
    assert.ok(restricted.includes(key), key);
  for (const key of restricted) assert.ok(manifest.contributes.configuration.properties[key], `${key} is a contributed setting`);
});

test('the plain-text password allowance is a machine setting (a workspace cannot set it)', () => {
  assert.equal(manifest.contributes.configuration.properties['dataWorkbench.security.plaintextPasswordHosts']?.scope, 'machine');
});
