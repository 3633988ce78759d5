// Hover (type, source, comment), go to definition on CTEs and aliases, outline, folding, the
// per-file dialect comment, and formatting that keeps every token of the statement.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import type { CatalogIndex } from '../../../src/core/sql/language/catalogIndex';
import { dialectOverride } from '../../../src/core/sql/language/dialect';
import { formatSql } from '../../../src/core/sql/language/format';
import { definition, hover } from '../../../src/core/sql/language/hover';
import { foldingRanges, outline } from '../../../src/core/sql/language/outline';
import { tokenize } from '../../../src/core/sql/language/tokens';
import { testCatalog } from './catalog';

let catalog: CatalogIndex;
before(async () => {
  catalog = await testCatalog();
});

/** Hover at the first character of `needle` (its `occurrence`-th appearance). */
async function hoverOn(text: string, needle: string, occurrence = 0): Promise<string | undefined> {
  let offset = -1;
  for (let k = 0; k <= occurrence; k++) offset = text.indexOf(needle, offset + 1);
  const r = await hover(text, offset, catalog);
  if (r) assert.ok(r.start <= offset && offset < r.end);
  return r && rendered(r.contents);
}

/** The hover's Markdown with escapes and code-span padding undone: what the reader sees. */
// Code spans are padded with a space only when their text starts or ends with a backtick or space.
const rendered = (md: string): string => md.replace(/\\(.)/g, '$1').replace(/(`+)( ?)(.*?)\2\1/g, '`$3`');

describe('hover', () => {
  test('a qualified column: type, table, schema, source', async () => {
    const h = await hoverOn('SELECT e.event_id FROM atomic.events e', 'event_id');
    assert.match(h ?? '', /\*\*event_id\*\* `char\(36\)`/);
    assert.match(h ?? '', /Column of `atomic\.events` · schema `atomic` · test connection/);
  });
  test('an unqualified column with its comment', async () => {
    const h = await hoverOn('SELECT total FROM orders WHERE total > 0', 'total', 1);
    assert.match(h ?? '', /numeric\(18,2\)/);
    assert.match(h ?? '', /In base currency/);
  });
  test('a table: kind, schema, column count, comment', async () => {
    const h = await hoverOn('SELECT 1 FROM derived.users u', 'users');
    assert.match(h ?? '', /\*\*derived\.users\*\* — table/);
    assert.match(h ?? '', /3 columns/);
    assert.match(h ?? '', /One row per user/);
  });
  test('an alias qualifier shows its table', async () => {
    const h = await hoverOn('SELECT u.country FROM derived.users u', 'u.');
    assert.match(h ?? '', /derived\.users/);
  });
  test('a CTE column keeps the type of the column it came from', async () => {
    const h = await hoverOn('WITH s AS (SELECT user_id AS who FROM derived.users) SELECT who FROM s', 'who', 1);
    assert.match(h ?? '', /\*\*who\*\* `varchar\(255\)`/);
    assert.match(h ?? '', /CTE s/);
  });
  test('a CTE name lists its inferred columns', async () => {
    const h = await hoverOn('WITH stats AS (SELECT user_id, count(*) AS n FROM orders GROUP BY 1) SELECT * FROM stats', 'stats', 1);
    assert.match(h ?? '', /common table expression/);
    assert.match(h ?? '', /user_id varchar\(255\), n/);
  });
  test('nothing for an unknown column, a keyword or inside a string', async () => {
    assert.equal(await hoverOn('SELECT nope FROM orders', 'nope'), undefined);
    assert.equal(await hoverOn("SELECT 'total' FROM orders", 'total'), undefined);
  });
});

test('catalog names and comments cannot inject Markdown', async () => {
  const { MemoryCatalogSource } = await import('../../../src/core/catalog/memorySource');
  const { CatalogIndex } = await import('../../../src/core/sql/language/catalogIndex');
  const index = new CatalogIndex(
    new MemoryCatalogSource('postgres', [
      {
        schema: 'public',
        name: 't',
        kind: 'table',
        comment: '[run me](command:workbench.action.terminal.new) <img src=x>',
        columns: [{ name: 'a`b', type: 'text', comment: '**bold** _x_' }],
      },
    ]),
    'pg',
  );
  await index.refresh();
  const table = await hover('SELECT * FROM t', 14, index);
  assert.ok(!/\]\(command:/.test(table?.contents ?? ''), table?.contents);
  assert.match(table?.contents ?? '', /\\\[run me\\\]\\\(command\\:/);
  assert.match(table?.contents ?? '', /\\<img/);
  const col = await hover('SELECT "a`b" FROM t', 8, index);
  assert.match(col?.contents ?? '', /\\\*\\\*bold\\\*\\\*/);
  assert.match(col?.contents ?? '', /\*\*a\\`b\*\*/);
});

describe('go to definition', () => {
  const text = 'WITH recent AS (SELECT * FROM orders), big AS (SELECT * FROM recent r WHERE r.total > 10) SELECT big.user_id FROM big';
  test('a CTE used in FROM goes to its name in WITH', () => {
    const use = text.indexOf('recent r');
    assert.deepEqual(definition(text, use + 2), { start: 5, end: 11 });
  });
  test('a CTE used as a qualifier', () => {
    const use = text.indexOf('big.user_id');
    const def = text.indexOf('big AS');
    assert.deepEqual(definition(text, use + 1), { start: def, end: def + 3 });
  });
  test('an alias goes to where it is declared', () => {
    const use = text.indexOf('r.total');
    const decl = text.indexOf('recent r') + 7;
    assert.deepEqual(definition(text, use), { start: decl, end: decl + 1 });
  });
  test('a catalog table has no definition in the document', () => {
    assert.equal(definition(text, text.indexOf('orders') + 1), undefined);
  });
});

describe('outline and folding', () => {
  const doc = [
    '-- dialect: athena',
    '/* header',
    '   comment */',
    'WITH a AS (',
    '  SELECT 1 AS x',
    '), b AS (',
    '  SELECT x FROM a',
    ')',
    'SELECT * FROM b;',
    'CREATE TABLE derived.t AS SELECT 1;',
    'SELECT app_id',
    'FROM atomic.events;',
  ].join('\n');
  test('statements with their CTEs', () => {
    const symbols = outline(doc);
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['WITH … FROM b', 'CREATE TABLE derived.t', 'SELECT … FROM atomic.events'],
    );
    assert.deepEqual(
      symbols[0].children.map((c) => c.name),
      ['a', 'b'],
    );
    assert.equal(doc.slice(symbols[0].children[1].selectionStart, symbols[0].children[1].selectionEnd), 'b');
  });
  test('folding: multi-line statements, CTE bodies, block comments', () => {
    const ranges = foldingRanges(doc);
    assert.ok(
      ranges.some((r) => r.startLine === 3 && r.endLine === 8),
      JSON.stringify(ranges),
    ); // the WITH statement
    assert.ok(ranges.some((r) => r.startLine === 3 && r.endLine === 4)); // a's body
    assert.ok(ranges.some((r) => r.startLine === 1 && r.endLine === 2 && r.kind === 'comment'));
    assert.ok(ranges.some((r) => r.startLine === 10 && r.endLine === 11));
  });
  test('the first-line comment names the dialect', () => {
    assert.equal(dialectOverride(doc), 'athena');
    assert.equal(dialectOverride('-- dialect: trino\nSELECT 1'), 'athena');
    assert.equal(dialectOverride('SELECT 1\n-- dialect: athena'), undefined);
    assert.equal(dialectOverride('-- dialect: oracle\nSELECT 1'), undefined);
  });
});

describe('formatting', () => {
  const significant = (sql: string): string[] => tokenize(sql).tokens.map((t) => (t.kind === 'word' ? t.upper : t.text));
  const root = path.resolve(__dirname, '../../..');
  for (const [file, dialect] of [
    ['examples/sessionization_30min.sql', 'redshift'],
    ['test/oracle/corpus/76_athena_daily_users.sql', 'athena'],
    ['test/unit/sqlLanguage/fixtures/duckdb.sql', 'duckdb'],
    ['test/unit/sqlLanguage/fixtures/postgres.sql', 'postgres'],
  ] as const) {
    test(`${file} keeps every token (${dialect})`, async () => {
      const sql = readFileSync(path.join(root, file), 'utf8');
      const out = await formatSql(sql, dialect);
      assert.deepEqual(significant(out), significant(sql));
      assert.notEqual(out, sql);
    });
  }
  test('a statement it cannot read is an error, not a half-formatted text', async () => {
    await assert.rejects(formatSql("SELECT 'unterminated", 'postgres'), /Cannot format this SQL/);
  });
});
