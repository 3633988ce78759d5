// The slab pool hands a replaced result's memory to the next result, and never memory that a
// block still reachable from a grid reads.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SlabPool } from '../../../src/core/engines/athena/slabPool';
import { AthenaCsvBlockReader, byteSlabs, type CsvRowBlock } from '../../../src/core/engines/athena/csvBlocks';
import { formatAthenaCsvRecord } from '../../../src/core/engines/athena/csv';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Collects garbage until `done` (FinalizationRegistry callbacks run after a collection, later). */
async function collectUntil(done: () => boolean): Promise<boolean> {
  for (let i = 0; i < 50 && !done(); i++) {
    gc();
    await new Promise((r) => setTimeout(r, 5));
  }
  return done();
}

const SLAB = 1 << 16;

describe('slab pool', () => {
  test('a slab comes back only when every block cut from it is garbage and it is retired', async () => {
    const pool = new SlabPool({ slabBytes: SLAB, maxFree: 4, idleMs: 60_000 });
    const { bytes, slab } = pool.take(100);
    assert.equal(bytes.length, SLAB);
    let first: object | undefined = {};
    let second: object | undefined = {};
    pool.hold(slab, first);
    pool.hold(slab, second);
    pool.retire(slab);
    first = undefined;
    assert.equal(await collectUntil(() => pool.freeCount > 0), false, 'one block still reads the slab');
    assert.ok(second);
    second = undefined;
    assert.equal(await collectUntil(() => pool.freeCount > 0), true);
    assert.equal(pool.take(SLAB).bytes.buffer, slab.buffer, 'the next take reuses the freed memory');
    assert.equal(pool.freeCount, 0);
  });

  test('the slab still being cut from is not reused; oversized takes are never pooled; the pool is capped', async () => {
    const pool = new SlabPool({ slabBytes: SLAB, maxFree: 2, idleMs: 60_000 });
    const current = pool.take(10);
    pool.hold(current.slab, {});
    assert.equal(await collectUntil(() => pool.freeCount > 0), false, 'not retired yet');
    const big = pool.take(SLAB * 3);
    assert.equal(big.bytes.length, SLAB * 3);
    pool.retire(big.slab);
    assert.equal(pool.freeCount, 0);
    const spare = [pool.take(1), pool.take(1), pool.take(1)];
    for (const { slab } of spare) pool.retire(slab);
    assert.equal(pool.freeCount, 2);
  });

  test('free slabs are let go after the idle time', async () => {
    const pool = new SlabPool({ slabBytes: SLAB, maxFree: 4, idleMs: 30 });
    pool.retire(pool.take(1).slab);
    assert.equal(pool.freeCount, 1);
    await new Promise((r) => setTimeout(r, 120));
    assert.equal(pool.freeCount, 0);
  });

  test('rows of a result that is still shown stay intact while later results reuse replaced ones', async () => {
    const read = (label: string, rows: number): CsvRowBlock[] => {
      const reader = new AthenaCsvBlockReader((_c, t) => t, ['integer', 'text'], { pageSize: 5000 });
      const text = Array.from({ length: rows }, (_, i) => formatAthenaCsvRecord([String(i), `${label}-${i}`])).join('');
      return [...reader.push(Buffer.from(text)), ...reader.end()];
    };
    const kept = read('kept', 150_000); // ~2.7 MB: three slabs, two of them retired while in use
    let replaced: CsvRowBlock[] | undefined = read('replaced', 120_000);
    const before = byteSlabs.freeCount;
    replaced = undefined;
    assert.equal(replaced, undefined);
    assert.ok(await collectUntil(() => byteSlabs.freeCount > before), 'the replaced result gave its slabs back');
    const later = read('later', 120_000);
    assert.equal(later.reduce((n, b) => n + b.length, 0), 120_000);
    let i = 0;
    for (const block of kept) {
      for (let r = 0; r < block.length; r++, i++) assert.deepEqual(block.row(r), [i, `kept-${i}`]);
    }
    assert.equal(i, 150_000);
    assert.deepEqual(later[later.length - 1].row(later[later.length - 1].length - 1), [119_999, 'later-119999']);
  });
});
