import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RowStore } from '../../../src/core/results/rowStore';
import { ResultSession } from '../../../src/core/results/session';
import { AthenaCsvBlockReader } from '../../../src/core/engines/csv/csvBlocks';
import { formatAthenaCsvRecord } from '../../../src/core/engines/csv/csv';
import type { Page } from '../../../src/core/engines/engine';

/** Blocks of Athena CSV holding rows [from, to) as [id, label] (every 5th label NULL). */
function blocksOf(from: number, to: number, pageSize: number): Page[] {
  const reader = new AthenaCsvBlockReader((_c, t) => t, ['integer', 'text'], { pageSize });
  const text = Array.from({ length: to - from }, (_, i) =>
    formatAthenaCsvRecord([String(from + i), (from + i) % 5 ? `r${from + i}` : null]),
  ).join('');
  return [...reader.push(Buffer.from(text)), ...reader.end()];
}
const plain = (from: number, to: number): Page =>
  Array.from({ length: to - from }, (_, i) => [from + i, (from + i) % 5 ? `r${from + i}` : null]);

describe('RowStore', () => {
  test('keeps order across chunk boundaries and slices clip to the stored rows', () => {
    const store = new RowStore();
    for (let p = 0; p < 7; p++) store.append(Array.from({ length: 10_000 }, (_, i) => [p * 10_000 + i, `r${p * 10_000 + i}`]));
    assert.equal(store.length, 70_000);
    assert.deepEqual(store.get(16_383), [16_383, 'r16383']);
    assert.deepEqual(store.get(16_384), [16_384, 'r16384']);
    assert.deepEqual(
      store.slice(16_380, 8).map((r) => r[0]),
      [16380, 16381, 16382, 16383, 16384, 16385, 16386, 16387],
    );
    assert.equal(store.slice(69_995, 100).length, 5);
    assert.throws(() => store.get(70_000), RangeError);
    let n = 0;
    for (const row of store) assert.equal(row[0], n++);
    assert.equal(n, 70_000);
  });

  test('holds 1M rows x 20 columns', () => {
    const store = new RowStore();
    const page = 5_000;
    for (let start = 0; start < 1_000_000; start += page) {
      store.append(Array.from({ length: page }, (_, i) => Array.from({ length: 20 }, (_, c) => (c % 2 ? `v${start + i}` : start + i + c))));
    }
    assert.equal(store.length, 1_000_000);
    assert.equal(store.get(999_999)[1], 'v999999');
    assert.equal(store.slice(500_000, 200).length, 200);
  });

  test('mixes plain pages and blocks: rows, cells, slices and iteration keep one order', () => {
    const store = new RowStore();
    const pages = [
      plain(0, 20_000),
      ...blocksOf(20_000, 23_000, 700),
      plain(23_000, 23_010),
      ...blocksOf(23_010, 40_000, 4096),
      plain(40_000, 40_001),
    ];
    for (const page of pages) store.append(page);
    assert.equal(store.length, 40_001);
    const want = (i: number) => [i, i % 5 ? `r${i}` : null];
    for (const i of [0, 16_383, 16_384, 19_999, 20_000, 20_699, 20_700, 22_999, 23_000, 23_009, 23_010, 39_999, 40_000, 31_234, 20_001]) {
      assert.deepEqual(store.get(i), want(i), `row ${i}`);
      assert.equal(store.value(i, 1), want(i)[1], `cell ${i}`);
    }
    assert.equal(store.value(25_000, 2), undefined, 'past the last column');
    assert.deepEqual(
      store.slice(22_998, 4).map((r) => r[0]),
      [22_998, 22_999, 23_000, 23_001],
    );
    let n = 0;
    for (const row of store) assert.deepEqual(row, want(n++));
    assert.equal(n, 40_001);
    assert.throws(() => store.get(40_001), RangeError);
  });

  test('a session sorts, filters and copies rows held in blocks, and counts their bytes', async () => {
    const session = new ResultSession({ memoryLimitBytes: 1 << 30 });
    session.columns = [
      { name: 'id', type: 'bigint', family: 'integer' },
      { name: 'label', type: 'varchar', family: 'string' },
    ];
    for (const page of blocksOf(0, 3000, 1000)) assert.equal(session.append(page), true);
    assert.ok(session.storedBytes > 3000 * 8 && session.storedBytes < 3000 * 64, `bytes of 3000 short rows: ${session.storedBytes}`);
    await session.cycleSort(0);
    await session.cycleSort(0); // descending
    assert.deepEqual(session.rowsInView(0, 2), [
      [2999, 'r2999'],
      [2998, 'r2998'],
    ]);
    await session.setFilter('r29');
    assert.deepEqual(
      session.rowsInView(0, 3).map((r) => r[0]),
      [2999, 2998, 2997],
    );
    assert.equal(session.viewRowCount, 89, 'r29, r290..r299 and r2900..r2999, less the NULL every 5th');
    assert.equal(session.copyTsv({ rowStart: 0, rowEnd: 1, colStart: 0, colEnd: 2, includeHeader: true }).text, 'id\tlabel\n2999\tr2999');
  });
});
