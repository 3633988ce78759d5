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
    assert.match(
      r.stdout,
      /^result = spark\.table\("atomic\.events"\)\.filter\(F\.col\("event"\) == "page_view"\)\.select\("event_id"\)$/m,
    );
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
  test('bad options are usage errors (exit 64), not translations', () => {
    const r = run(['--dialect', 'oracle'], 'SELECT 1');
    assert.equal(r.status, 64);
    assert.match(r.stderr, /unknown dialect oracle/);
    assert.match(r.stderr, /^usage: sql2df/m);
  });
  test('an unreadable file exits 66; --help documents every exit status', () => {
    const r = run([path.join(os.tmpdir(), 'no-such-dir-sql2df', 'q.sql')]);
    assert.equal(r.status, 66);
    assert.match(r.stderr, /^sql2df: cannot read .*q\.sql: ENOENT/);
    const h = run(['--help']);
    assert.equal(h.status, 0);
    assert.match(
      h.stdout,
      /0 translated; 2 refused or not valid UTF-8 \(stderr: FILE:LINE:COL: reason\); 64 usage error; 66 input not readable/,
    );
  });
  test('a UTF-8 BOM is accepted; invalid UTF-8 is refused (exit 2) with its position and byte offset', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sql2df-'));
    const bom = path.join(dir, 'bom.sql');
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('SELECT app_id FROM atomic.events')]));
    const ok = run([bom]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /^result = spark\.table\("atomic\.events"\)\.select\("app_id"\)$/m);
    const bad = path.join(dir, 'bad.sql');
    writeFileSync(
      bad,
      Buffer.concat([Buffer.from("SELECT app_id\nFROM atomic.events WHERE app_id = '"), Buffer.from([0xe9]), Buffer.from("'")]),
    );
    // "SELECT app_id\n" is 14 bytes, then 35 more before the stray Latin-1 é.
    const r = run([bad]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim(), `${bad}:2:36: invalid UTF-8 at byte offset 49 (bytes e9 27); save the file as UTF-8`);
  });
});
