import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RowStore } from '../../../src/core/results/rowStore';

describe('RowStore', () => {
  test('keeps order across chunk boundaries and slices clip to the stored rows', () => {
    const store = new RowStore();
    for (let p = 0; p < 7; p++) store.append(Array.from({ length: 10_000 }, (_, i) => [p * 10_000 + i, `r${p * 10_000 + i}`]));
    assert.equal(store.length, 70_000);
    assert.deepEqual(store.get(16_383), [16_383, 'r16383']);
    assert.deepEqual(store.get(16_384), [16_384, 'r16384']);
    assert.deepEqual(store.slice(16_380, 8).map((r) => r[0]), [16380, 16381, 16382, 16383, 16384, 16385, 16386, 16387]);
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
});
