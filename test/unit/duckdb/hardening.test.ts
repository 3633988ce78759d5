// The local engine reads a file as the file named, never as a glob; refuses ragged CSV/TSV and a
// broken enriched-event line with the line that breaks the shape; and runs DuckDB with a memory
// limit, a temp directory under our storage and no extension auto-install/auto-load.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LocalEngine } from '../../../src/core/engines/duckdb';
import { EngineError, collectRows } from '../../../src/core/engines/engine';

const FIXTURE = '/work/shared/fixtures/enriched-event-example-mobile.tsv';

describe('local engine hardening', () => {
  let engine: LocalEngine;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dw-duckdb-hard-'));
    engine = new LocalEngine({ sampleData: false, cacheDir: path.join(dir, 'cache'), memoryLimitMB: 300 });
    await engine.connect();
  });
  after(async () => {
    await engine.dispose();
    await rm(dir, { recursive: true, force: true });
  });
  const rows = async (sql: string): Promise<unknown[][]> => collectRows(await engine.execute(sql));
  const rejection = async (p: Promise<unknown>): Promise<EngineError> => {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof EngineError, String(e));
      return e;
    }
    assert.fail('expected a rejection');
  };

  test('glob characters in a file name are read literally', async () => {
    await writeFile(path.join(dir, 'report1.csv'), 'a\n1\n');
    await writeFile(path.join(dir, 'report[1].csv'), 'a\n2\n');
    await writeFile(path.join(dir, '*.csv'), 'a\n3\n');
    await writeFile(path.join(dir, 'q?.csv'), 'a\n4\n');
    await writeFile(path.join(dir, 'qx.csv'), 'a\n5\n');
    for (const [file, want] of [
      ['report[1].csv', 2],
      ['*.csv', 3],
      ['q?.csv', 4],
    ] as const) {
      const name = await engine.addFileAsTable(path.join(dir, file), { tableName: `t_${want}` });
      assert.deepEqual(await rows(`SELECT a FROM "${name}"`), [[want]], file);
    }
  });

  test('a ragged CSV names the line that breaks the shape', async () => {
    const file = path.join(dir, 'ragged.csv');
    await writeFile(file, 'a,b,c\n4,5\n6,7,8,9\n');
    const e = await rejection(engine.addFileAsTable(file));
    assert.match(e.message, /line 2 has 2 comma-separated fields, but the header \(line 1\) has 3/);
    const later = path.join(dir, 'ragged-later.csv');
    await writeFile(later, 'a,b,c\n1,"x\ny",3\n4,5,6\n7,8,9,10\n');
    assert.match((await rejection(engine.addFileAsTable(later))).message, /line 5 has 4 comma-separated fields/);
  });

  test('quoted separators and newlines do not count as ragged', async () => {
    const file = path.join(dir, 'quoted.csv');
    await writeFile(file, 'a,b\n"1,5","x\ny"\n2,""""\n');
    const name = await engine.addFileAsTable(file);
    assert.deepEqual(await rows(`SELECT a, b FROM "${name}" ORDER BY a`), [
      ['1,5', 'x\ny'],
      ['2', '"'],
    ]);
  });

  test('an enriched-event TSV whose first line is broken is refused with its line, column and field', async () => {
    const text = await readFile(FIXTURE, 'utf8');
    const [first, ...rest] = text.split('\n');
    const fields = first.split('\t');
    const i = fields.findIndex((_, k) => k === 3); // collector_tstamp: a timestamp
    fields[i] = 'not-a-timestamp';
    const file = path.join(dir, 'broken-events.tsv');
    await writeFile(file, [fields.join('\t'), ...rest].join('\n'));
    const e = await rejection(engine.addFileAsTable(file));
    assert.match(e.message, /Not a valid enriched-event TSV: .*broken-events\.tsv:1:\d+: field 4 'collector_tstamp'/);
    // A dropped field (130 of 131) too.
    const short = path.join(dir, 'short-events.tsv');
    await writeFile(short, [first.split('\t').slice(0, 130).join('\t'), ...rest].join('\n'));
    assert.match((await rejection(engine.addFileAsTable(short))).message, /expected 131 tab-separated fields, got 130/);
    // A plain TSV with a header still loads as one.
    const plain = path.join(dir, 'plain.tsv');
    await writeFile(plain, 'x\ty\n1\t2\n');
    const name = await engine.addFileAsTable(plain);
    assert.deepEqual(await rows(`SELECT x, y FROM "${name}"`), [[1, 2]]);
  });

  test('DuckDB runs with the memory limit, a temp directory under our storage, and no extension auto-install', async () => {
    const [[memory, temp, autoinstall, autoload]] = await rows(
      `SELECT current_setting('memory_limit'), current_setting('temp_directory'), current_setting('autoinstall_known_extensions')::VARCHAR, current_setting('autoload_known_extensions')::VARCHAR`,
    );
    assert.match(String(memory), /^(286\.1 MiB|300\.0 MB|300MB)$/);
    assert.equal(temp, path.join(dir, 'cache', 'duckdb-tmp'));
    assert.equal(autoinstall, 'false');
    assert.equal(autoload, 'false');
  });
});
