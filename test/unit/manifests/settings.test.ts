import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifestSettings } from '../../../src/core/manifests/settings';
import { playbookVarsForRun, runEntryText, summarizeOutcomes, formatBytes } from '../../../src/core/manifests/presentation';

test('manifest settings: valid entries kept, each bad one reported with where it is', () => {
  const s = parseManifestSettings({
    run: [
      { id: 'prod', table: 'snowplow-run-manifest', archive: 's3://acme-archive/enriched/archive', region: 'eu-west-1', profile: 'data' },
      { id: 'bad-archive', table: 'tbl', archive: 'ftp://x' },
      { id: 'prod', table: 'tbl2', archive: 's3://acme/x/' },
      { id: 'bad-table', table: 'a;b', archive: 's3://acme/x/' },
      'nope',
    ],
    event: [
      { id: 'dedupe', table: 'acme-crossbatch-dedupe', configFile: 'config/dynamodb.json' },
      { id: 'escape', table: 'acme-crossbatch-dedupe', configFile: '../../etc/passwd' },
      { id: 'abs', table: 'acme-crossbatch-dedupe', configFile: '/etc/passwd' },
    ],
    sql: [
      { id: 'sessions', connection: 'warehouse', manifest: 'derived.etl_manifest', modelColumn: 'model', model: 'sessions' },
      { id: 'half', connection: 'warehouse', manifest: 'derived.m', model: 'x' },
      { id: 'endpoint', connection: 'c', manifest: { schema: 's', name: 't' }, events: 'ev' },
    ],
  });
  assert.deepEqual(
    s.run.map((r) => r.id),
    ['prod'],
  );
  assert.equal(s.run[0].region, 'eu-west-1');
  assert.deepEqual(
    s.event.map((e) => e.id),
    ['dedupe'],
  );
  assert.deepEqual(
    s.sql.map((q) => [q.id, q.manifest, q.events]),
    [
      ['sessions', { schema: 'derived', name: 'etl_manifest' }, { schema: 'atomic', name: 'events' }],
      ['endpoint', { schema: 's', name: 't' }, { name: 'ev' }],
    ],
  );
  assert.deepEqual(
    s.errors.map((e) => e.split(':')[0]),
    [
      'run[1].archive',
      'run[2].id',
      'run[3].table',
      'run[4].expected an object',
      'event[1].configFile',
      'event[2].configFile',
      'sql[1].model',
    ],
  );
  assert.deepEqual(parseManifestSettings(undefined), { run: [], event: [], sql: [], errors: [] });
  assert.equal(parseManifestSettings([1]).errors.length, 1);
});

test('tree text: state, attribution and context values; outcome summaries; playbook vars', () => {
  const processed = runEntryText({
    runId: 'a/run=2024-01-01-00-00-00/',
    folder: 'run=2024-01-01-00-00-00',
    time: 1,
    state: 'processed',
    mark: { runId: 'a/run=2024-01-01-00-00-00/', markedBy: 'ann', markedAt: '2024-01-02T03:04:05.000Z' },
  });
  assert.equal(processed.contextValue, 'manifest.run.processed');
  assert.equal(processed.description, 'by ann 2024-01-02 03:04');
  const sdk = runEntryText({ runId: 'a/run=x/', folder: 'run=x', state: 'orphaned', mark: { runId: 'a/run=x/' } });
  assert.match(sdk.tooltip!, /job or SDK/);
  assert.match(sdk.tooltip!, /not run=YYYY/);
  const summary = summarizeOutcomes([
    { runId: 'r1', status: 'marked', item: { runId: 'r1' } },
    { runId: 'r2', status: 'conflict', message: 'r2 was already marked' },
    { runId: 'r3', status: 'unmarked' },
  ]);
  assert.deepEqual(summary, { ok: 2, conflicts: ['r2 was already marked'], errors: [] });
  assert.deepEqual(
    playbookVarsForRun({ runId: 'arch/run=2024-01-01-00-00-00/', folder: 'run=2024-01-01-00-00-00', state: 'pending' }, 's3://b/arch'),
    { run_id: 'arch/run=2024-01-01-00-00-00/', run_folder: 'run=2024-01-01-00-00-00', run_uri: 's3://b/arch/run=2024-01-01-00-00-00/' },
  );
  assert.throws(() => playbookVarsForRun({ runId: 'arch/run=a,b/', folder: 'run=a,b', state: 'pending' }, 's3://b/arch/'), /comma/);
  assert.equal(formatBytes(1536), '1.5 KiB');
});
