import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createEngine } from '../../../src/core/engines/factory';
import type { ConnectionConfig } from '../../../src/core/connections/types';

// Building an engine must not connect: these hosts/regions are never contacted.
const configs: ConnectionConfig[] = [
  { name: 'local', kind: 'local', sampleData: false },
  { name: 'pg', kind: 'postgres', host: '127.0.0.1', port: 1, database: 'd', user: 'u' },
  { name: 'rs-wire', kind: 'redshift', mode: 'wire', host: '127.0.0.1', port: 1, database: 'dev', user: 'u' },
  { name: 'rs-api', kind: 'redshift', mode: 'data-api', database: 'dev', workgroupName: 'wg', region: 'us-east-1' },
  { name: 'athena', kind: 'athena', region: 'us-east-1', outputLocation: 's3://bucket/results/' },
];

describe('createEngine', () => {
  for (const config of configs) {
    test(`builds a ${config.kind}${'mode' in config ? ` (${config.mode})` : ''} engine without connecting`, async () => {
      const engine = await createEngine(config, { password: 'not-used' });
      try {
        assert.equal(engine.kind, config.kind);
        assert.equal(typeof engine.execute, 'function');
      } finally {
        await engine.dispose();
      }
    });
  }

  test('importing the factory loads no database driver or AWS SDK (activation stays fast)', () => {
    const script =
      "require('./src/core/engines/factory.ts'); process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((k) => /node_modules[\\\\/](pg|pg-cursor|@aws-sdk|@duckdb)[\\\\/]/.test(k))))";
    const loaded = JSON.parse(execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { encoding: 'utf8' }));
    assert.deepEqual(loaded, []);
  });
});
