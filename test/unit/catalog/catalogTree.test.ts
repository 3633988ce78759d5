// The Catalog view's tree (core TreeModel + CatalogTreeSource): the local DuckDB's own catalog on
// first start, a paged CatalogSource with "load more", and Glue on the loopback with the real
// SDK: databases → tables → columns (partition keys) → partitions paged on demand.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TreeModel, type TreeEntry } from '../../../src/core/explorer/treeModel';
import { CatalogTreeSource, type CatalogNode } from '../../../src/core/catalog/catalogTree';
import { catalogSourceFor } from '../../../src/core/catalog/sources';
import type { CatalogSource } from '../../../src/core/catalog/types';
import { createLocalEngine } from '../../../src/core/engines/duckdb/localEngine';
import { startAwsEstate, type AwsEstate } from '../../support/aws/estate';
import { EVENTS_PARTITIONS, seedEstate } from '../../support/aws/sandboxSeed';

let estate: AwsEstate;
before(async () => {
  estate = await startAwsEstate();
  await seedEstate(estate);
});
after(async () => {
  await estate.stop();
});

function items(entries: TreeEntry<CatalogNode>[]): CatalogNode[] {
  return entries.flatMap((e) => (e.kind === 'item' ? [e.item] : []));
}

test('the embedded default: Local (DuckDB) → atomic → events → its columns', async () => {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'dw-catalog-tree-'));
  const engine = createLocalEngine({ sampleData: { events: 300, users: 10, days: 1 }, cacheDir });
  const source = new CatalogTreeSource({
    connection: { name: 'Local (DuckDB)', source: await catalogSourceFor({ name: 'Local (DuckDB)', kind: 'local' }, { engine }) },
  });
  const model = new TreeModel(source);
  try {
    const [conn] = items(await model.children());
    assert.deepEqual(conn, { kind: 'connection', name: 'Local (DuckDB)', dialect: 'duckdb' });
    const atomic = items(await model.children(conn)).find((n) => n.kind === 'schema' && n.schema === 'atomic')!;
    const events = items(await model.children(atomic)).find((n) => n.kind === 'table' && n.table.name === 'events')!;
    const cols = items(await model.children(events));
    assert.equal(cols.length, 128);
  } finally {
    model.dispose();
    source.dispose();
    await engine.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('a paged CatalogSource shows one page, then "load more" continues the same listing', async () => {
  let listings = 0;
  const paged: CatalogSource = {
    dialect: 'redshift',
    async *listSchemas() {
      listings++;
      yield ['a', 'b'];
      yield ['c'];
      yield ['d'];
    },
    async *listTables() {
      yield [];
    },
    async listColumns() {
      return [];
    },
  };
  const source = new CatalogTreeSource({ connection: { name: 'rs', source: paged } });
  const model = new TreeModel(source);
  const [conn] = items(await model.children());
  let entries = await model.children(conn);
  assert.deepEqual(
    items(entries).map((n) => n.kind === 'schema' && n.schema),
    ['a', 'b'],
  );
  assert.equal(entries.at(-1)?.kind, 'loadMore');
  await model.loadMore(source.key(conn));
  await model.loadMore(source.key(conn));
  entries = await model.children(conn);
  assert.deepEqual(
    items(entries).map((n) => n.kind === 'schema' && n.schema),
    ['a', 'b', 'c', 'd'],
  );
  assert.notEqual(entries.at(-1)?.kind, 'loadMore');
  assert.equal(listings, 1, 'one listing, continued, not restarted');
  const b = items(entries).find((n) => n.kind === 'schema' && n.schema === 'b')!;
  assert.equal((await model.children(b))[0].kind, 'empty');
  model.dispose();
  source.dispose();
});

test('Glue: databases → tables → columns with the partition key → partitions paged on demand', async () => {
  const source = new CatalogTreeSource({ glue: estate.target, partitionPageSize: 50 });
  const model = new TreeModel(source);
  try {
    const [glue] = items(await model.children());
    assert.deepEqual(glue, { kind: 'glue', label: 'Glue Data Catalog (default @ us-east-1)' });
    const atomic = items(await model.children(glue)).find((n) => n.kind === 'glueDatabase' && n.database.name === 'atomic')!;
    const events = items(await model.children(atomic)).find((n) => n.kind === 'glueTable')!;
    const gets = estate.server.callsTo('GetTable').length;
    const under = items(await model.children(events));
    assert.equal(estate.server.callsTo('GetTable').length, gets, 'no call for columns');
    const keys = under.filter((n) => n.kind === 'glueColumn' && n.column.partitionKey).map((n) => n.kind === 'glueColumn' && n.column.name);
    assert.deepEqual(keys, ['run']);
    const partitionsNode = under.at(-1)!;
    assert.equal(partitionsNode.kind, 'gluePartitions');
    assert.equal(estate.server.callsTo('GetPartitions').length, 0, 'partitions load only on demand');
    let entries = await model.children(partitionsNode);
    assert.equal(items(entries).length, 50);
    while (entries.at(-1)?.kind === 'loadMore') {
      await model.loadMore(source.key(partitionsNode));
      entries = await model.children(partitionsNode);
    }
    assert.equal(items(entries).length, EVENTS_PARTITIONS);
    assert.equal(new Set(items(entries).map((n) => source.key(n))).size, EVENTS_PARTITIONS);

    const derived = items(await model.children(glue)).find((n) => n.kind === 'glueDatabase' && n.database.name === 'derived')!;
    source.setFilter(source.key(derived), 'SESS');
    model.refresh(source.key(derived));
    assert.deepEqual(
      items(await model.children(derived)).map((n) => n.kind === 'glueTable' && n.table.name),
      ['sessions'],
    );
    assert.equal(estate.server.callsTo('GetTables').at(-1)?.body.Expression, '.*[sS][eE][sS][sS].*');
    source.setFilter(source.key(derived), 'nomatch');
    model.refresh(source.key(derived));
    assert.equal((await model.children(derived))[0].kind, 'empty');

    estate.server.deniedAccessKeys.add('AKIDLOOPBACKESTATE');
    model.refresh();
    const [again] = items(await model.children());
    assert.equal((await model.children(again))[0].kind, 'error');
    assert.equal(source.glueRootError, 'access-denied');
  } finally {
    estate.server.clearFaults();
    model.dispose();
    source.dispose();
  }
});
