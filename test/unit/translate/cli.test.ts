// The sql2df CLI: code on stdout with exit 0, or `file:line:col: reason` on stderr with exit 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/sql2df.ts'), ...args], { input, encoding: 'utf8', cwd: ROOT });

describe('sql2df', () => {
  test('translates stdin and defines result', () => {
    const r = run(['--dialect', 'redshift', '-'], "SELECT event_id FROM atomic.events WHERE event = 'page_view'");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^result = spark\.table\("atomic\.events"\)\.filter\(F\.col\("event"\) == "page_view"\)\.select\("event_id"\)$/m);
  });
  test('refusal: exit 2 and file:line:col: reason', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sql2df-'));
    const file = path.join(dir, 'q.sql');
    writeFileSync(file, 'SELECT\n  event_id,\n  my_udf(page_url) AS u\nFROM atomic.events\n');
    const r = run([file]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim(), `${file}:3:3: unknown function MY_UDF`);
  });
  test('--target scala', () => {
    const r = run(['--target=scala'], 'SELECT app_id FROM atomic.events');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^val result = spark\.table\("atomic\.events"\)\.select\(col\("app_id"\)\)$/m);
  });
  test('bad options are usage errors, not translations', () => {
    const r = run(['--dialect', 'oracle'], 'SELECT 1');
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /unknown dialect oracle/);
  });
});
