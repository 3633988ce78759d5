// Completion on a table of cursor positions (`|` marks the cursor), against an in-memory catalog:
// tables after FROM/JOIN, columns of only the tables in scope, aliases, CTEs with inferred
// columns, subqueries, JOIN … ON, keywords and functions of the dialect, signature help.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { CatalogIndex } from '../../../src/core/sql/language/catalogIndex';
import { complete, type CompletionResult } from '../../../src/core/sql/language/completion';
import type { SqlDialect } from '../../../src/core/sql/language/dialect';
import { signatureHelp } from '../../../src/core/sql/language/signature';
import { testCatalog } from './catalog';

let catalog: CatalogIndex;
before(async () => {
  catalog = await testCatalog();
});

async function at(marked: string, dialect: SqlDialect = 'redshift'): Promise<CompletionResult> {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'no cursor mark');
  return complete(marked.replace('|', ''), offset, { dialect, catalog, split: { backslashEscapes: dialect === 'redshift' } });
}
const labels = (r: CompletionResult, kind?: string): string[] => r.items.filter((i) => !kind || i.kind === kind).map((i) => i.label);

describe('completion contexts', () => {
  // [cursor text, context, labels that must be offered, labels that must not be offered]
  const table: [string, CompletionResult['context'], string[], string[]][] = [
    ['SELECT * FROM |', 'table', ['atomic', 'derived', 'events', 'users', 'orders'], ['event_id', 'user_id']],
    ['SELECT * FROM ev|', 'table', ['events'], ['users']],
    ['SELECT * FROM atomic.|', 'qualified-table', ['events'], ['users', 'orders']],
    ['SELECT * FROM derived.u|', 'qualified-table', ['users', 'countries'], ['events']],
    ['SELECT * FROM atomic.events e JOIN |', 'table', ['users', 'orders'], ['event_id']],
    ['SELECT * FROM atomic.events e, |', 'table', ['users'], []],
    ['SELECT e.| FROM atomic.events e', 'column', ['event_id', 'app_id', 'collector_tstamp'], ['first_seen', 'total']],
    ['SELECT e.ev| FROM atomic.events e', 'column', ['event_id'], []],
    ['SELECT | FROM derived.users', 'general', ['user_id', 'first_seen', 'country', 'SELECT', 'COUNT'], ['event_id', 'total']],
    ['SELECT u.user_id FROM derived.users u JOIN orders o ON o.| = u.user_id', 'column', ['order_id', 'total'], ['first_seen']],
    ['SELECT 1 FROM derived.users u JOIN orders o ON |', 'general', ['u', 'o', 'first_seen', 'total'], ['event_id']],
    [
      'WITH s AS (SELECT user_id, count(*) AS n, max(total) top FROM orders GROUP BY 1) SELECT s.| FROM s',
      'column',
      ['user_id', 'n', 'top'],
      ['order_id'],
    ],
    ['WITH s AS (SELECT * FROM derived.users) SELECT s.| FROM s', 'column', ['user_id', 'first_seen', 'country'], []],
    ['WITH s (a, b) AS (SELECT user_id, total FROM orders) SELECT | FROM s', 'general', ['a', 'b'], ['user_id', 'total']],
    ['WITH s AS (SELECT user_id FROM orders) SELECT * FROM |', 'table', ['s', 'events'], []],
    ['WITH s AS (SELECT o.| FROM orders o) SELECT * FROM s', 'column', ['order_id', 'total'], ['first_seen']],
    ['WITH a AS (SELECT user_id FROM orders), b AS (SELECT a.| FROM a) SELECT 1', 'column', ['user_id'], ['order_id']],
    ['SELECT * FROM derived.users u WHERE u.user_id IN (SELECT o.| FROM orders o)', 'column', ['order_id'], ['first_seen']],
    [
      'SELECT * FROM derived.users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = |)',
      'general',
      ['order_id', 'first_seen'],
      ['event_id'],
    ],
    ['SELECT d.| FROM (SELECT user_id AS uid, total FROM orders) d', 'column', ['uid', 'total'], ['user_id', 'order_id']],
    ['SELECT * FROM (SELECT | FROM orders) d', 'general', ['order_id', 'total'], ['first_seen']],
    ['SELECT t.| FROM atomic.events e CROSS JOIN UNNEST(e.tags) AS t(tag)', 'column', ['tag'], ['event_id']],
    ['SELECT atomic.events.| FROM atomic.events', 'column', ['event_id'], []],
    ['SELECT events.| FROM atomic.events', 'column', ['event_id'], []],
    ["SELECT * FROM atomic.events WHERE app_id = '|'", 'none', [], ['event_id']],
    ['SELECT * FROM atomic.events -- |', 'none', [], ['event_id']],
    ['SELECT 1;\nSELECT | FROM orders;\nSELECT 2 FROM derived.users', 'general', ['total'], ['first_seen']],
    ['|', 'general', ['SELECT', 'WITH'], ['event_id']],
  ];
  for (const [text, context, must, mustNot] of table) {
    test(JSON.stringify(text), async () => {
      const r = await at(text);
      assert.equal(r.context, context);
      const got = labels(r);
      for (const m of must) assert.ok(got.includes(m), `${m} missing from ${got.slice(0, 30).join(', ')}`);
      for (const m of mustNot) assert.ok(!got.includes(m), `${m} offered but not in scope`);
    });
  }

  test('a table outside the default schemas is inserted schema-qualified', async () => {
    const r = await at('SELECT * FROM ev|');
    const events = r.items.find((i) => i.label === 'events');
    assert.equal(events?.insertText, 'atomic.events');
    assert.equal(r.from, 'SELECT * FROM '.length);
    const orders = r.items.find((i) => i.label === 'orders');
    assert.equal(orders, undefined); // `ev` prefix
    const all = await at('SELECT * FROM |');
    assert.equal(all.items.find((i) => i.label === 'orders')?.insertText, 'orders'); // public is on the search path
  });
  test('columns carry their type and table, and the comment', async () => {
    const r = await at('SELECT o.| FROM orders o');
    const total = r.items.find((i) => i.label === 'total');
    assert.match(total?.detail ?? '', /numeric\(18,2\).*o/);
    assert.equal(total?.documentation, 'In base currency');
  });
  test('an unqualified name in two tables is offered once (the first table wins)', async () => {
    const r = await at('SELECT | FROM derived.users u JOIN orders o ON o.user_id = u.user_id');
    assert.equal(labels(r, 'column').filter((l) => l === 'user_id').length, 1);
  });
  test('Athena gets Trino functions, Redshift its own', async () => {
    assert.ok(labels(await at('SELECT | FROM orders', 'athena'), 'function').includes('APPROX_DISTINCT'));
    assert.ok(!labels(await at('SELECT | FROM orders', 'athena'), 'function').includes('GETDATE'));
    assert.ok(labels(await at('SELECT | FROM orders', 'redshift'), 'function').includes('GETDATE'));
    assert.ok(labels(await at('SELECT | FROM orders', 'redshift'), 'keyword').includes('DISTKEY'));
  });
  test('a big catalog is answered by prefix and marked incomplete', async () => {
    const r = await complete('SELECT * FROM ', 14, { dialect: 'redshift', catalog, tableLimit: 2 });
    assert.equal(r.incomplete, true);
    assert.equal(r.items.filter((i) => i.kind === 'table' || i.kind === 'view').length, 2);
  });
  test('columns are read once per table and cached until refresh', async () => {
    const { MemoryCatalogSource } = await import('../../../src/core/catalog/memorySource');
    const { CatalogIndex } = await import('../../../src/core/sql/language/catalogIndex');
    const { TABLES } = await import('./catalog');
    const source = new MemoryCatalogSource('duckdb', TABLES);
    const index = new CatalogIndex(source, 'local');
    await index.refresh();
    const text = 'SELECT o. FROM orders o';
    await complete(text, 9, { dialect: 'duckdb', catalog: index });
    await complete(text, 9, { dialect: 'duckdb', catalog: index });
    assert.equal(source.calls.columns, 1);
    await index.refresh();
    await complete(text, 9, { dialect: 'duckdb', catalog: index });
    assert.equal(source.calls.columns, 2);
  });
});

describe('signature help', () => {
  test('the parameter at the cursor', async () => {
    const text = 'SELECT DATEDIFF(day, a, ';
    const r = await signatureHelp(text, text.length, 'redshift');
    assert.equal(r?.signatures[0].name, 'DATEDIFF');
    assert.equal(r?.activeParameter, 2);
  });
  test('nested calls count their own commas', async () => {
    const text = 'SELECT COALESCE(ROUND(x, 2), ';
    const r = await signatureHelp(text, text.length, 'postgres');
    assert.equal(r?.signatures[0].name, 'COALESCE');
    assert.equal(r?.activeParameter, 1);
  });
  test('dialect-specific functions only in their dialect', async () => {
    const text = 'SELECT DATEDIFF(';
    assert.equal(await signatureHelp(text, text.length, 'athena'), undefined);
  });
});
