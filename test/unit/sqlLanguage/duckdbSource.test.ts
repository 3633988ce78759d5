// The local DuckDB catalog source against a real in-memory DuckDB: completion and hover see the
// tables a user creates, and a refresh picks up new ones.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DuckDbCatalogSource } from '../../../src/core/catalog/duckdbSource';
import { collectRows } from '../../../src/core/engines/engine';
import { LocalEngine } from '../../../src/core/engines/duckdb/localEngine';
import { CatalogIndex } from '../../../src/core/sql/language/catalogIndex';
import { complete } from '../../../src/core/sql/language/completion';
import { hover } from '../../../src/core/sql/language/hover';

let engine: LocalEngine;
before(async () => {
  engine = new LocalEngine({ sampleData: false });
  await engine.connect();
  for (const sql of [
    'CREATE SCHEMA shop',
    'CREATE TABLE shop.orders (order_id BIGINT, "Total Amount" DECIMAL(18,2), placed_at TIMESTAMP)',
    'CREATE VIEW shop.big AS SELECT * FROM shop.orders WHERE "Total Amount" > 100',
  ]) {
    await collectRows(await engine.execute(sql));
  }
});
after(async () => {
  await engine?.dispose();
});

test('tables, views and typed columns of a real DuckDB, refreshed on demand', async () => {
  const index = new CatalogIndex(new DuckDbCatalogSource(() => engine.listTables()), 'Local (DuckDB)');
  await index.refresh();
  assert.deepEqual(
    index
      .tablesOf('shop')
      .map((t) => `${t.name}:${t.kind}`)
      .sort(),
    ['big:view', 'orders:table'],
  );

  const text = 'SELECT o. FROM shop.orders o';
  const r = await complete(text, 'SELECT o.'.length, { dialect: 'duckdb', catalog: index });
  const total = r.items.find((i) => i.label === 'Total Amount');
  assert.equal(total?.insertText, '"Total Amount"');
  assert.match(total?.detail ?? '', /DECIMAL\(18,2\)/);

  const h = await hover('SELECT placed_at FROM shop.big', 8, index);
  assert.match(h?.contents ?? '', /`TIMESTAMP`/);
  assert.match(h?.contents ?? '', /Column of `shop\.big`/);

  await collectRows(await engine.execute('CREATE TABLE shop.returns (order_id BIGINT)'));
  assert.equal(index.findTable(['shop', 'returns']), undefined);
  await index.refresh();
  assert.equal(index.findTable(['returns'])?.schema, 'shop');
});
