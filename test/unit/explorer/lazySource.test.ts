// LazySource: the Clusters and Catalog views build their core source (with the AWS SDK bundle) on
// the first listing, rebuild it after a settings or connection change, and retry a failed build.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChildPage, TreeSource } from '../../../src/core/explorer/treeModel';
import { LazySource } from '../../../src/editor/explorer/lazySource';

class NamedSource implements TreeSource<string> {
  disposed = false;
  constructor(readonly name: string) {}
  key(item: string): string {
    return `${this.name}:${item}`;
  }
  hasChildren(): boolean {
    return false;
  }
  async children(): Promise<ChildPage<string>> {
    return { items: [`${this.name}-a`, `${this.name}-b`] };
  }
  dispose(): void {
    this.disposed = true;
  }
}

const signal = new AbortController().signal;

test('nothing is built until the first listing, then once', async () => {
  let builds = 0;
  const lazy = new LazySource<string, NamedSource>(async () => new NamedSource(`s${++builds}`));
  assert.equal(builds, 0);
  const [a, b] = await Promise.all([lazy.children(undefined, undefined, signal), lazy.children(undefined, undefined, signal)]);
  assert.deepEqual(a.items, ['s1-a', 's1-b']);
  assert.deepEqual(b.items, a.items);
  assert.equal(builds, 1);
  assert.equal(lazy.key('x'), 's1:x');
});

test('reset disposes the source and the next listing builds a new one', async () => {
  let builds = 0;
  const lazy = new LazySource<string, NamedSource>(async () => new NamedSource(`s${++builds}`));
  const first = await lazy.load();
  lazy.reset();
  assert.ok(first.disposed);
  assert.equal(lazy.emptyText(undefined), 'Nothing here');
  assert.deepEqual((await lazy.children(undefined, undefined, signal)).items, ['s2-a', 's2-b']);
});

test('a build that finishes after a reset is disposed, not used', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let builds = 0;
  const made: NamedSource[] = [];
  const lazy = new LazySource<string, NamedSource>(async () => {
    const s = new NamedSource(`s${++builds}`);
    made.push(s);
    if (builds === 1) await gate;
    return s;
  });
  const stale = lazy.load();
  lazy.reset();
  const fresh = await lazy.load();
  release();
  await stale;
  assert.equal(fresh.name, 's2');
  assert.ok(made[0].disposed, 'the stale source was not disposed');
  assert.equal(lazy.loaded, fresh);
});

test('a failed build is tried again on the next listing (Retry)', async () => {
  let builds = 0;
  const lazy = new LazySource<string, NamedSource>(async () => {
    if (++builds === 1) throw new Error('no engine');
    return new NamedSource('ok');
  });
  await assert.rejects(lazy.children(undefined, undefined, signal), /no engine/);
  assert.deepEqual((await lazy.children(undefined, undefined, signal)).items, ['ok-a', 'ok-b']);
});
