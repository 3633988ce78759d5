// Every statement of the sample workspace (examples/*.sql) must run on the local DuckDB engine
// with its generated atomic.events: the walkthrough and README promise exactly that.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LOCAL_CONNECTION } from '../../../src/core/connections/types';
import { collectRows, type Engine } from '../../../src/core/engines/engine';
import { createEngine } from '../../../src/core/engines/factory';
import { splitStatements } from '../../../src/core/sql/split';

const dir = path.resolve(__dirname, '../../../examples');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.sql'))
  .sort();

describe('examples/*.sql on the local engine', () => {
  let engine: Engine;

  before(async () => {
    engine = await createEngine(DEFAULT_LOCAL_CONNECTION);
    await engine.connect();
  });

  after(async () => {
    await engine?.dispose();
  });

  test('the sample workspace has the promised models', () => {
    for (const f of ['pageview_geo_summary.sql', 'sessions_per_user.sql', 'sessionization_30min.sql']) assert.ok(files.includes(f), f);
  });

  for (const file of files) {
    test(file, async () => {
      const statements = splitStatements(readFileSync(path.join(dir, file), 'utf8'));
      assert.ok(statements.length > 0);
      let rows = 0;
      // In file order: later statements may read tables the earlier ones create.
      for (const s of statements) {
        const execution = await engine.execute(s.text).catch((err: Error) => {
          throw new Error(`${file}:${s.line + 1}: ${err.message}`);
        });
        rows += (await collectRows(execution)).length;
      }
      assert.ok(rows > 0, `${file} returned no rows on the sample`);
    });
  }

  test('the geo model table matches its plain SELECT', async () => {
    const [select] = splitStatements(readFileSync(path.join(dir, 'pageview_geo_summary.sql'), 'utf8'));
    const direct = await collectRows(await engine.execute(select.text));
    const table = await collectRows(
      await engine.execute('SELECT * FROM derived.pageview_geo_summary ORDER BY page_views DESC, geo_country, geo_city'),
    );
    assert.deepEqual(table, direct);
  });
});
