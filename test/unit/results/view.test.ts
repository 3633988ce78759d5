import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CellValue, ColumnFamily, ColumnInfo } from '../../../src/core/engines/engine';
import { RowStore } from '../../../src/core/results/rowStore';
import { computeView, nextSort } from '../../../src/core/results/view';
import { queryText } from './duck';

const col = (name: string, type: string, family: ColumnFamily): ColumnInfo => ({ name, type, family });

// Each column: values as the engines deliver them (big integers and decimals as text), and the
// DuckDB type used to compute the reference order with ORDER BY.
const cases: { column: ColumnInfo; duckType: string; values: CellValue[] }[] = [
  {
    column: col('i', 'BIGINT', 'integer'),
    duckType: 'HUGEINT',
    values: [10, -3, null, '9007199254740993', 2, '-9007199254740993', 0, 2, null, 100],
  },
  { column: col('f', 'DOUBLE', 'float'), duckType: 'DOUBLE', values: [1.5, -0.25, null, 1e10, 3, 'NaN', -1e-5, 2.75] },
  {
    column: col('d', 'DECIMAL(20,4)', 'decimal'),
    duckType: 'DECIMAL(38,4)',
    values: ['10.5000', '-2.0001', '9.9999', null, '100.0000', '-10.0000', '0.0000', '10.4999', '123456789012345.1234'],
  },
  { column: col('s', 'VARCHAR', 'string'), duckType: 'VARCHAR', values: ['b', 'B', 'a', '', null, 'ä', 'ab', 'Z', '10', '9'] },
  {
    column: col('t', 'TIMESTAMP', 'timestamp'),
    duckType: 'TIMESTAMP',
    values: ['2024-03-01 10:00:00', '2023-12-31 23:59:59.999', null, '2024-03-01 09:59:59', '2024-01-15 00:00:00'],
  },
  { column: col('b', 'BOOLEAN', 'boolean'), duckType: 'BOOLEAN', values: [true, false, null, true, false] },
];

function literal(v: CellValue, type: string): string {
  if (v === null) return `NULL::${type}`;
  return `CAST('${String(v).replace(/'/g, "''")}' AS ${type})`;
}

describe('sort', () => {
  for (const { column, duckType, values } of cases) {
    for (const direction of ['asc', 'desc'] as const) {
      test(`${column.family} ${direction} matches DuckDB ORDER BY … NULLS LAST`, async () => {
        const store = new RowStore();
        store.append(values.map((v, i) => [v, i]));
        const view = await computeView(store, [column, col('n', 'INTEGER', 'integer')], { sort: { column: 0, direction } });
        assert.ok(view);
        const ours = Array.from(view, (i) => values[i]);
        const sqlValues = values.map((v, i) => `(${literal(v, duckType)}, ${i})`).join(', ');
        const reference = await queryText(
          `SELECT n FROM (VALUES ${sqlValues}) t(v, n) ORDER BY v ${direction.toUpperCase()} NULLS LAST, n`,
        );
        const expected = reference.map(([n]) => values[Number(n)]);
        assert.deepEqual(ours.map(String), expected.map(String));
        const nullCount = values.filter((v) => v === null).length;
        assert.ok(
          ours.slice(ours.length - nullCount).every((v) => v === null),
          'NULLs come last',
        );
      });
    }
  }

  test('header click cycles asc → desc → none, another column restarts at asc', () => {
    const a = nextSort(undefined, 2);
    assert.deepEqual(a, { column: 2, direction: 'asc' });
    const d = nextSort(a, 2);
    assert.deepEqual(d, { column: 2, direction: 'desc' });
    assert.equal(nextSort(d, 2), undefined);
    assert.deepEqual(nextSort(d, 0), { column: 0, direction: 'asc' });
  });
});

describe('filter', () => {
  const columns = [col('name', 'VARCHAR', 'string'), col('n', 'INTEGER', 'integer'), col('note', 'VARCHAR', 'string')];
  const rows: CellValue[][] = [
    ['Alice', 1, 'hello WORLD'],
    ['bob', 22, null],
    ['Carol', 3, 'world peace'],
    ['dave', 122, 'x'],
  ];
  const store = new RowStore();
  store.append(rows);

  test('case-insensitive substring across all columns', async () => {
    assert.deepEqual(Array.from((await computeView(store, columns, { filter: { text: 'WoRlD' } }))!), [0, 2]);
    assert.deepEqual(Array.from((await computeView(store, columns, { filter: { text: '22' } }))!), [1, 3]);
  });

  test('restricted to one column, and combined with a sort', async () => {
    assert.deepEqual(Array.from((await computeView(store, columns, { filter: { text: 'a', column: 0 } }))!), [0, 2, 3]);
    const view = await computeView(store, columns, { filter: { text: 'a', column: 0 }, sort: { column: 1, direction: 'desc' } });
    assert.deepEqual(Array.from(view!), [3, 2, 0]);
  });

  test('no filter and no sort is the stored order; an empty filter text means no filter', async () => {
    assert.equal(await computeView(store, columns, {}), undefined);
    assert.equal(await computeView(store, columns, { filter: { text: '  ' } }), undefined);
  });

  test('an aborted computation stops', async () => {
    const big = new RowStore();
    big.append(Array.from({ length: 20_000 }, (_, i) => [`r${i}`, i, null]));
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(computeView(big, columns, { filter: { text: 'r1' } }, { signal: controller.signal, yieldEvery: 1000 }));
  });
});
