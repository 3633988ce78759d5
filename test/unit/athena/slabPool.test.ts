// The slab pool hands a replaced result's memory to the next result, and never memory that a
// block still reachable from a grid reads.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SlabPool } from '../../../src/core/engines/csv/slabPool';
import { AthenaCsvBlockReader, byteSlabs, type CsvRowBlock } from '../../../src/core/engines/csv/csvBlocks';
import { formatAthenaCsvRecord } from '../../../src/core/engines/csv/csv';

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
  test('a slab comes back only once its owner, held by every block cut from it, is garbage', async () => {
    const pool = new SlabPool({ slabBytes: SLAB, maxFree: 4, idleMs: 60_000 });
    const taken = pool.take(100);
    assert.equal(taken.bytes.length, SLAB);
    const buffer = taken.bytes.buffer;
    let first: { owner: object } | undefined = { owner: taken.owner };
    let second: { owner: object } | undefined = { owner: taken.owner };
    (taken as { owner?: object }).owner = undefined;
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropping the reference is the point: the pool's GC tracking
    first = undefined;
    assert.equal(await collectUntil(() => pool.freeCount > 0), false, 'one block still reads the slab');
    assert.ok(second);
    second = undefined;
    assert.equal(await collectUntil(() => pool.freeCount > 0), true);
    assert.equal(pool.take(SLAB).bytes.buffer, buffer, 'the next take reuses the freed memory');
    assert.equal(pool.freeCount, 0);
  });

  test('oversized takes are never pooled; the pool is capped', async () => {
    const pool = new SlabPool({ slabBytes: SLAB, maxFree: 2, idleMs: 60_000 });
    const big = pool.take(SLAB * 3);
    assert.equal(big.bytes.length, SLAB * 3);
    (big as { owner?: object }).owner = undefined;
    for (let i = 0; i < 4; i++) pool.take(1);
    assert.equal(await collectUntil(() => pool.freeCount >= 2), true);
    await collectUntil(() => false);
    assert.equal(pool.freeCount, 2);
    assert.equal(pool.take(SLAB).bytes.length, SLAB);
  });

  test('free slabs are let go after the idle time', async () => {
    const pool = new SlabPool({ slabBytes: SLAB, maxFree: 4, idleMs: 100 });
    pool.take(1);
    await new Promise((r) => setTimeout(r, 200)); // past the idle time before the slab comes back
    assert.equal(await collectUntil(() => pool.freeCount === 1), true);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(pool.freeCount, 0, 'a slab given back after the idle time is let go too');
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
    assert.equal(
      later.reduce((n, b) => n + b.length, 0),
      120_000,
    );
    let i = 0;
    for (const block of kept) {
      for (let r = 0; r < block.length; r++, i++) assert.deepEqual(block.row(r), [i, `kept-${i}`]);
    }
    assert.equal(i, 150_000);
    assert.deepEqual(later[later.length - 1].row(later[later.length - 1].length - 1), [119_999, 'later-119999']);
  });
});
