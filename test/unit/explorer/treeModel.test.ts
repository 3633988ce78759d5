// The explorer tree model (src/core/explorer/treeModel.ts): paged children with "load more", an
// error kept until retried, an empty state, refresh, and change reports by parent key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_KEY, TreeModel, type ChildPage, type TreeEntry, type TreeSource } from '../../../src/core/explorer/treeModel';

interface Res {
  id: string;
  kind: 'cluster' | 'step';
}

/** A source with `clusters` roots in pages of `pageSize`, two steps per cluster, and failures on demand. */
function source(clusters: number, pageSize: number) {
  const calls: string[] = [];
  const failures = new Map<string, string>(); // "parent@cursor" → message
  const src: TreeSource<Res> = {
    key: (r) => `${r.kind}:${r.id}`,
    hasChildren: (r) => r.kind === 'cluster',
    emptyText: (p) => (p ? `No steps in ${p.id}` : 'No clusters'),
    async children(parent, cursor): Promise<ChildPage<Res>> {
      const at = `${parent ? parent.id : 'root'}@${cursor ?? 0}`;
      calls.push(at);
      await new Promise((r) => setImmediate(r));
      const failure = failures.get(at);
      if (failure) throw new Error(failure);
      if (parent)
        return {
          items:
            parent.id === 'c0'
              ? []
              : [
                  { id: `${parent.id}-s1`, kind: 'step' },
                  { id: `${parent.id}-s2`, kind: 'step' },
                ],
        };
      const start = Number(cursor ?? 0);
      const items = Array.from({ length: Math.max(0, Math.min(pageSize, clusters - start)) }, (_, i): Res => ({
        id: `c${start + i}`,
        kind: 'cluster',
      }));
      return { items, next: start + pageSize < clusters ? String(start + pageSize) : undefined };
    },
  };
  return { src, calls, failures };
}

const kinds = (entries: TreeEntry<Res>[]) => entries.map((e) => (e.kind === 'item' ? e.key : e.kind));

test('children load page by page: "load more" appends the next page and reports the change', async () => {
  const { src, calls } = source(5, 2);
  const model = new TreeModel(src);
  const changes: string[] = [];
  model.onDidChange((k) => changes.push(k));
  assert.deepEqual(kinds(await model.children()), ['cluster:c0', 'cluster:c1', 'loadMore']);
  const more = (await model.children()).at(-1)!;
  assert.equal(more.kind, 'loadMore');
  await model.loadMore(more.kind === 'loadMore' ? more.parentKey : '');
  assert.deepEqual(changes, [ROOT_KEY]);
  await model.loadMore(ROOT_KEY);
  assert.deepEqual(kinds(await model.children()), ['cluster:c0', 'cluster:c1', 'cluster:c2', 'cluster:c3', 'cluster:c4']);
  assert.deepEqual(calls, ['root@0', 'root@2', 'root@4'], 'each page fetched once; cached children are not fetched again');
  await model.loadMore(ROOT_KEY);
  assert.equal(calls.length, 3, 'no page after the last');
});

test('two askers at once share one fetch', async () => {
  const { src, calls } = source(3, 10);
  const model = new TreeModel(src);
  const [a, b] = await Promise.all([model.children(), model.children()]);
  assert.deepEqual(kinds(a), kinds(b));
  assert.deepEqual(calls, ['root@0']);
});

test('an empty node says so with the source text; leaves report no children', async () => {
  const { src } = source(2, 10);
  const model = new TreeModel(src);
  const [c0, c1] = await model.children();
  assert.equal(c0.kind === 'item' && c0.hasChildren, true);
  const empty = await model.children(c0.kind === 'item' ? c0.item : undefined);
  assert.deepEqual(empty, [{ kind: 'empty', key: 'cluster:c0#empty', parentKey: 'cluster:c0', text: 'No steps in c0' }]);
  const steps = await model.children(c1.kind === 'item' ? c1.item : undefined);
  assert.deepEqual(
    steps.map((s) => s.kind === 'item' && s.hasChildren),
    [false, false],
  );
  assert.deepEqual(kinds(await new TreeModel(source(0, 10).src).children()), ['empty']);
});

test('an error stays (with its message) until Retry, which fetches the same page again', async () => {
  const { src, calls, failures } = source(3, 2);
  failures.set('root@0', 'AccessDeniedException: not allowed to ListClusters');
  const model = new TreeModel(src);
  const changes: string[] = [];
  model.onDidChange((k) => changes.push(k));
  assert.deepEqual(await model.children(), [
    { kind: 'error', key: '#error', parentKey: ROOT_KEY, message: 'AccessDeniedException: not allowed to ListClusters' },
  ]);
  await model.children();
  assert.equal(calls.length, 1, 'asking again does not hammer a failing API');
  failures.clear();
  await model.retry(ROOT_KEY);
  assert.deepEqual(changes, [ROOT_KEY]);
  assert.deepEqual(kinds(await model.children()), ['cluster:c0', 'cluster:c1', 'loadMore']);

  failures.set('root@2', 'ThrottlingException');
  await model.loadMore(ROOT_KEY);
  assert.deepEqual(
    kinds(await model.children()),
    ['cluster:c0', 'cluster:c1', 'error'],
    'a failed "load more" keeps the rows already shown',
  );
  failures.clear();
  await model.retry(ROOT_KEY);
  assert.deepEqual(kinds(await model.children()), ['cluster:c0', 'cluster:c1', 'cluster:c2']);
  assert.deepEqual(calls, ['root@0', 'root@0', 'root@2', 'root@2']);
});

test('refresh of a node forgets it and what was loaded below it, not its siblings', async () => {
  const { src, calls } = source(2, 10);
  const model = new TreeModel(src);
  const [c0, c1] = (await model.children()).map((e) => (e.kind === 'item' ? e.item : undefined));
  await model.children(c0);
  await model.children(c1);
  const changes: string[] = [];
  model.onDidChange((k) => changes.push(k));
  model.refresh('cluster:c1');
  assert.deepEqual(changes, ['cluster:c1']);
  await model.children(c0);
  await model.children(c1);
  assert.deepEqual(calls, ['root@0', 'c0@0', 'c1@0', 'c1@0']);
  model.refresh();
  await model.children();
  assert.equal(calls.at(-1), 'root@0');
});

test('a refresh while a page is loading drops that page', async () => {
  const { src } = source(3, 10);
  const model = new TreeModel(src);
  const first = model.children();
  model.refresh();
  await first;
  assert.deepEqual(kinds(await model.children()), ['cluster:c0', 'cluster:c1', 'cluster:c2']);
});

test('reload that finds the same children reports nothing and keeps what was loaded below them', async () => {
  const { src, calls } = source(3, 2);
  const model = new TreeModel(src);
  await model.children();
  await model.loadMore(ROOT_KEY);
  const [, c1] = (await model.children()).map((e) => (e.kind === 'item' ? e.item : undefined));
  await model.children(c1);
  const changes: string[] = [];
  model.onDidChange((k) => changes.push(k));
  calls.length = 0;
  await model.reload();
  assert.deepEqual(changes, [], 'nothing new: no re-render');
  assert.deepEqual(calls, ['root@0', 'root@2'], 'as many pages as were shown are listed again');
  await model.children(c1);
  assert.deepEqual(calls, ['root@0', 'root@2'], "c1's steps are still loaded");
});

test('reload that finds other children reports the change once and shows them', async () => {
  let clusters = 2;
  const { src } = source(2, 10);
  const children = src.children.bind(src);
  src.children = async (parent, cursor, signal) => {
    const page = await children(parent, cursor, signal);
    return parent ? page : { items: page.items.concat(clusters > 2 ? [{ id: 'c9', kind: 'cluster' as const }] : []) };
  };
  const model = new TreeModel(src);
  await model.children();
  const changes: string[] = [];
  model.onDidChange((k) => changes.push(k));
  clusters = 3;
  await model.reload();
  assert.deepEqual(changes, [ROOT_KEY]);
  assert.deepEqual(kinds(await model.children()), ['cluster:c0', 'cluster:c1', 'cluster:c9']);
});

test('a reload that fails shows the error like a first listing would', async () => {
  const { src, failures } = source(2, 10);
  const model = new TreeModel(src);
  await model.children();
  failures.set('root@0', 'Throttling: Rate exceeded');
  const changes: string[] = [];
  model.onDidChange((k) => changes.push(k));
  await model.reload();
  assert.deepEqual(changes, [ROOT_KEY]);
  assert.deepEqual(kinds(await model.children()), ['error']);
});
