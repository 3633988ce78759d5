// Redshift in the Clusters view with the real @aws-sdk/client-redshift (query protocol, XML),
// client-redshift-serverless and client-redshift-data against the loopbacks on PostgreSQL:
// warehouses paged, databases → schemas → tables → columns via the Data API's metadata calls,
// hostile names, quoting, the Data API CatalogSource, errors and faults.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import {
  RedshiftExplorer,
  connectionFor,
  isWarehouseChanging,
  dataApiTargetFor,
  qualifiedName,
  quoteRedshiftIdentifier,
  selectTopSql,
  type RedshiftWarehouse,
} from '../../../src/core/clusters/redshift';
import { RedshiftMetadata, RedshiftDataCatalogSource } from '../../../src/core/catalog/redshiftDataCatalog';
import { catalogSourceFor } from '../../../src/core/catalog/sources';
import { ExplorerRequestError } from '../../../src/core/aws/explorerErrors';
import { createRedshiftDataEngine } from '../../../src/core/engines/redshiftData/redshiftDataEngine';
import { collectRows } from '../../../src/core/engines/engine';
import { startAwsEstate, type AwsEstate } from '../../support/aws/estate';

let estate: AwsEstate;
let direct: pg.Client;
const disposables: { dispose(): void }[] = [];

const WEIRD_SCHEMA = 'Sales "EU" 100%_x';
const WEIRD_TABLE = 'order;drop table x';

function redshift(overrides: Partial<AwsEstate['target']> = {}): RedshiftExplorer {
  const r = new RedshiftExplorer({ ...estate.target, ...overrides });
  disposables.push(r);
  return r;
}

function metadata(): RedshiftMetadata {
  const m = new RedshiftMetadata(estate.target);
  disposables.push(m);
  return m;
}

async function all<T>(fetch: (next?: string) => Promise<{ items: T[]; next?: string }>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let next: string | undefined;
  let pages = 0;
  do {
    const page = await fetch(next);
    items.push(...page.items);
    next = page.next;
    pages++;
  } while (next);
  return { items, pages };
}

before(async () => {
  estate = await startAwsEstate({ postgres: true, redshiftDatabase: 'rs_explorer' });
  direct = new pg.Client({
    host: estate.postgres!.host,
    port: estate.postgres!.port,
    user: estate.postgres!.user,
    password: estate.postgres!.password,
    database: 'rs_explorer',
  });
  await direct.connect();
  await direct.query(`
    DROP SCHEMA IF EXISTS sales CASCADE; DROP SCHEMA IF EXISTS "${WEIRD_SCHEMA.replace(/"/g, '""')}" CASCADE; DROP SCHEMA IF EXISTS sales_x CASCADE;
    CREATE SCHEMA sales; CREATE SCHEMA "${WEIRD_SCHEMA.replace(/"/g, '""')}"; CREATE SCHEMA sales_x;
    CREATE TABLE sales.orders (id bigint NOT NULL, amount numeric(12,2), note varchar(300), placed timestamp, ok boolean);
    CREATE VIEW sales.big_orders AS SELECT id, amount FROM sales.orders WHERE amount > 100;
    CREATE TABLE "${WEIRD_SCHEMA.replace(/"/g, '""')}"."${WEIRD_TABLE}" ("Mixed Case" int, "select" text);
    CREATE TABLE sales_x.decoy (id int);
    INSERT INTO sales.orders SELECT i, i * 1.5, 'n' || i, timestamp '2024-01-01' + i * interval '1 hour', i % 2 = 0 FROM generate_series(1, 150) i;
  `);
  for (let i = 0; i < 30; i++) await direct.query(`CREATE TABLE sales.t_${String(i).padStart(2, '0')} (x int)`);
  for (let i = 0; i < 45; i++) {
    estate.redshift.clusters.push({
      ClusterIdentifier: `cluster-${String(i).padStart(2, '0')}`,
      NodeType: 'ra3.xlplus',
      ClusterStatus: i === 3 ? 'resizing' : 'available',
      DBName: 'rs_explorer',
      MasterUsername: 'admin',
      NumberOfNodes: 2,
      Endpoint: { Address: `c${i}.example`, Port: 5439 },
      ClusterCreateTime: new Date(Date.UTC(2024, 0, 1 + i)),
    });
  }
  for (let i = 0; i < 3; i++)
    estate.redshift.workgroups.push({
      workgroupName: `wg-${i}`,
      namespaceName: `ns-${i}`,
      status: 'AVAILABLE',
      baseCapacity: 8 * (i + 1),
      creationDate: new Date(Date.UTC(2024, 5, 1)),
    });
  estate.data!.clusters.add('cluster-00');
  estate.data!.workgroups.add('wg-0');
});

after(async () => {
  for (const d of disposables) d.dispose();
  await direct.end();
  await estate.stop();
  await estate.postgres?.stop();
});

beforeEach(() => {
  estate.server.clearFaults();
  estate.data!.metadataPageSize = 1000;
});

describe('warehouses', () => {
  test('provisioned clusters over the query protocol, paged by Marker, with status, nodes and endpoint', async () => {
    const { items, pages } = await all((next) => redshift().listClusters(next));
    assert.equal(pages, 1, 'the default page holds 100');
    assert.equal(items.length, 45);
    const c3 = items[3];
    assert.deepEqual(
      { ...c3, created: c3.created?.toISOString() },
      {
        kind: 'provisioned',
        id: 'cluster-03',
        status: 'resizing',
        database: 'rs_explorer',
        endpoint: { address: 'c3.example', port: 5439 },
        nodeType: 'ra3.xlplus',
        nodes: 2,
        masterUsername: 'admin',
        created: '2024-01-04T00:00:00.000Z',
      },
    );
    const sent = estate.server.callsTo('DescribeClusters').at(-1)!;
    assert.equal(sent.body.Action, 'DescribeClusters');
    assert.equal(sent.body.Version, '2012-12-01');
  });

  test('paging through the query protocol: Marker round-trips', async () => {
    const { RedshiftClient, DescribeClustersCommand } = await import('@aws-sdk/client-redshift');
    const client = new RedshiftClient({ region: 'us-east-1', endpoint: estate.server.endpoint, credentials: estate.target.credentials });
    const first = await client.send(new DescribeClustersCommand({ MaxRecords: 20 }));
    const second = await client.send(new DescribeClustersCommand({ MaxRecords: 20, Marker: first.Marker }));
    const third = await client.send(new DescribeClustersCommand({ MaxRecords: 20, Marker: second.Marker }));
    client.destroy();
    assert.deepEqual([first.Clusters?.length, second.Clusters?.length, third.Clusters?.length, third.Marker], [20, 20, 5, undefined]);
    assert.equal(second.Clusters?.[0].ClusterIdentifier, 'cluster-20');
  });

  test('Serverless workgroups over JSON, with namespace, RPUs and creation date', async () => {
    const { items } = await redshift().listWorkgroups();
    assert.deepEqual(
      items.map((w) => [w.kind, w.id, w.namespace, w.baseCapacity, w.status, w.created?.toISOString()]),
      [
        ['serverless', 'wg-0', 'ns-0', 8, 'AVAILABLE', '2024-06-01T00:00:00.000Z'],
        ['serverless', 'wg-1', 'ns-1', 16, 'AVAILABLE', '2024-06-01T00:00:00.000Z'],
        ['serverless', 'wg-2', 'ns-2', 24, 'AVAILABLE', '2024-06-01T00:00:00.000Z'],
      ],
    );
  });

  test('which warehouses are still changing (worth polling)', () => {
    assert.equal(isWarehouseChanging({ ...provisioned(), status: 'resizing' }), true);
    assert.equal(isWarehouseChanging({ ...provisioned(), status: 'available' }), false);
    assert.equal(isWarehouseChanging({ ...serverless(), status: 'MODIFYING' }), true);
    assert.equal(isWarehouseChanging({ ...serverless(), status: 'AVAILABLE' }), false);
  });

  test('access denied on the query protocol is AccessDenied/403, mapped to the welcome state', async () => {
    estate.server.deniedAccessKeys.add('AKIDNOREDSHIFT');
    await assert.rejects(
      redshift({ credentials: { accessKeyId: 'AKIDNOREDSHIFT', secretAccessKey: 'x' } }).listClusters(),
      (e: ExplorerRequestError) => e.kind === 'access-denied' && /redshift:DescribeClusters/.test(e.message),
    );
    await assert.rejects(
      redshift({ credentials: { accessKeyId: 'AKIDNOREDSHIFT', secretAccessKey: 'x' } }).listWorkgroups(),
      (e: ExplorerRequestError) => e.kind === 'access-denied',
    );
  });

  test('Throttling (query protocol), 5xx and drops are retried', async () => {
    estate.server.inject('throttle', 1, 'DescribeClusters');
    estate.server.inject('internal', 1, 'DescribeClusters');
    estate.server.inject('drop', 1, 'ListWorkgroups');
    assert.equal((await redshift().listClusters()).items.length, 45);
    assert.equal((await redshift().listWorkgroups()).items.length, 3);
  });
});

describe('databases, schemas, tables, columns through the Data API', () => {
  test('each level is one paged call; provisioned uses temporary credentials for the master user, serverless none', async () => {
    const m = metadata();
    const t = dataApiTargetFor(provisioned());
    assert.deepEqual(t, { clusterIdentifier: 'cluster-00', database: 'rs_explorer', dbUser: 'admin', secretArn: undefined });
    assert.ok((await m.listDatabases(t)).items.includes('rs_explorer'));
    const schemas = (await m.listSchemas(t)).items;
    for (const s of ['sales', WEIRD_SCHEMA, 'public']) assert.ok(schemas.includes(s), s);
    const sent = estate.server.callsTo('ListSchemas').at(-1)!.body;
    assert.equal(sent.DbUser, 'admin');
    const sw = dataApiTargetFor(serverless());
    await m.listSchemas(sw);
    assert.equal(estate.server.callsTo('ListSchemas').at(-1)!.body.DbUser, undefined);
    assert.equal(estate.server.callsTo('ListSchemas').at(-1)!.body.WorkgroupName, 'wg-0');
  });

  test('tables and views of one schema, paged; a schema name with LIKE wildcards matches only itself', async () => {
    estate.data!.metadataPageSize = 10;
    const m = metadata();
    const t = dataApiTargetFor(provisioned());
    const { items, pages } = await all((next) => m.listTables(t, 'rs_explorer', 'sales', next));
    assert.equal(pages, 4);
    assert.equal(items.length, 32);
    assert.deepEqual(
      items.filter((x) => !x.name.startsWith('t_')).map((x) => [x.name, x.kind]),
      [
        ['big_orders', 'view'],
        ['orders', 'table'],
      ],
    );
    const weird = (await m.listTables(t, 'rs_explorer', WEIRD_SCHEMA)).items;
    assert.deepEqual(
      weird.map((x) => [x.schema, x.name]),
      [[WEIRD_SCHEMA, WEIRD_TABLE]],
    );
    // `sales_x` would match an unescaped `sales_` pattern; `sales` must not list its tables.
    assert.ok(!items.some((x) => x.name === 'decoy'));
  });

  test('columns with Redshift types put back together (varchar(300), numeric(12,2)), all pages', async () => {
    estate.data!.metadataPageSize = 2;
    const cols = await metadata().describeTable(dataApiTargetFor(provisioned()), 'rs_explorer', 'sales', 'orders');
    assert.deepEqual(cols, [
      { name: 'id', type: 'int8' },
      { name: 'amount', type: 'numeric(12,2)' },
      { name: 'note', type: 'varchar(300)' },
      { name: 'placed', type: 'timestamp' },
      { name: 'ok', type: 'bool' },
    ]);
    const weird = await metadata().describeTable(dataApiTargetFor(provisioned()), 'rs_explorer', WEIRD_SCHEMA, WEIRD_TABLE);
    assert.deepEqual(
      weird.map((c) => c.name),
      ['Mixed Case', 'select'],
    );
  });

  test('metadata calls ride out throttling and a 500; an empty schema is an empty page', async () => {
    estate.server.inject('throttle', 2, 'ListTables');
    estate.server.inject('internal', 1, 'DescribeTable');
    const m = metadata();
    const t = dataApiTargetFor(provisioned());
    assert.equal((await m.listTables(t, 'rs_explorer', 'sales')).items.length, 32);
    assert.equal((await m.describeTable(t, 'rs_explorer', 'sales', 'orders')).length, 5);
    assert.deepEqual(await m.listTables(t, 'rs_explorer', 'public'), { items: [], next: undefined });
  });

  test("an unknown cluster is the Data API's ValidationException, shown on the node", async () => {
    await assert.rejects(
      metadata().listSchemas({ clusterIdentifier: 'nope', database: 'rs_explorer', dbUser: 'admin' }),
      (e: ExplorerRequestError) => e.kind === 'other' && /doesn't exist/.test(e.message),
    );
  });
});

describe('actions', () => {
  test('quoting: plain lower-case names stay bare; anything else is quoted with quotes doubled', () => {
    assert.equal(quoteRedshiftIdentifier('orders'), 'orders');
    assert.equal(quoteRedshiftIdentifier('Orders'), '"Orders"');
    assert.equal(quoteRedshiftIdentifier('select'), '"select"');
    assert.equal(quoteRedshiftIdentifier('a"b'), '"a""b"');
    assert.equal(qualifiedName('dev', WEIRD_SCHEMA, WEIRD_TABLE), `dev."Sales ""EU"" 100%_x"."order;drop table x"`);
    assert.throws(() => quoteRedshiftIdentifier('a\0b'), /NUL/);
  });

  test('"Select top 100" on a hostile name runs on the Data API connection "New query here" builds, and returns its rows', async () => {
    await direct.query(
      `INSERT INTO "${WEIRD_SCHEMA.replace(/"/g, '""')}"."${WEIRD_TABLE}" SELECT i, 'v' || i FROM generate_series(1, 120) i`,
    );
    const conn = connectionFor(provisioned(), estate.target);
    assert.deepEqual(
      { ...conn },
      {
        name: 'cluster-00 (Redshift)',
        kind: 'redshift',
        mode: 'data-api',
        database: 'rs_explorer',
        region: 'us-east-1',
        profile: undefined,
        clusterIdentifier: 'cluster-00',
        dbUser: 'admin',
        endpoint: estate.server.endpoint,
      },
    );
    const engine = createRedshiftDataEngine(conn, { credentials: estate.target.credentials, poll: { initialMs: 5, maxMs: 20 } });
    try {
      const ex = await engine.execute(selectTopSql(WEIRD_SCHEMA, WEIRD_TABLE));
      const rows = await collectRows(ex);
      assert.equal(rows.length, 100);
      assert.deepEqual(
        ex.columns.map((c) => c.name),
        ['Mixed Case', 'select'],
      );
      const { rows: still } = await direct.query(`SELECT count(*)::int AS n FROM "${WEIRD_SCHEMA.replace(/"/g, '""')}"."${WEIRD_TABLE}"`);
      assert.equal(still[0].n, 120, 'the name did not run as SQL');
    } finally {
      await engine.dispose();
    }
  });

  test('the Data API CatalogSource (Catalog view, completion) lists schemas, tables and columns', async () => {
    const source = await catalogSourceFor(connectionFor(serverless(), estate.target), { aws: { credentials: estate.target.credentials } });
    assert.ok(source instanceof RedshiftDataCatalogSource);
    assert.equal(source.dialect, 'redshift');
    const schemas = (await collect(source.listSchemas())).flat();
    assert.ok(schemas.includes('sales'));
    const tables = (await collect(source.listTables('sales'))).flat();
    assert.ok(tables.some((t) => t.name === 'big_orders' && t.kind === 'view'));
    assert.deepEqual(
      (await source.listColumns('sales', 'big_orders')).map((c) => c.name),
      ['id', 'amount'],
    );
    source.dispose();
  });
});

function provisioned(): RedshiftWarehouse {
  return { kind: 'provisioned', id: 'cluster-00', status: 'available', database: 'rs_explorer', masterUsername: 'admin' };
}

function serverless(): RedshiftWarehouse {
  return { kind: 'serverless', id: 'wg-0', status: 'AVAILABLE', database: 'rs_explorer' };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
