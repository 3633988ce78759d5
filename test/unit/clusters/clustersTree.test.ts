// The Clusters view's tree (core TreeModel + ClustersTreeSource) on the seeded sandbox estate
// with the real SDK clients: expand to every leaf, load more, terminated on demand, empty and
// error states with Retry, and the welcome-state kind of a root failure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TreeModel, type TreeEntry } from '../../../src/core/explorer/treeModel';
import { ClustersTreeSource, type ClustersNode } from '../../../src/core/clusters/clustersTree';
import { startAwsEstate, type AwsEstate } from '../../support/aws/estate';
import { SANDBOX_NAMES, seedEstate } from '../../support/aws/sandboxSeed';
import { EMR_PAGE_SIZE } from '../../support/aws/emrService';

let estate: AwsEstate;

before(async () => {
  estate = await startAwsEstate({ postgres: true, redshiftDatabase: 'dev' });
  await seedEstate(estate);
});
after(async () => {
  await estate.stop();
  await estate.postgres?.stop();
});

function items(entries: TreeEntry<ClustersNode>[]): ClustersNode[] {
  return entries.filter((e): e is Extract<TreeEntry<ClustersNode>, { kind: 'item' }> => e.kind === 'item').map((e) => e.item);
}

function find<K extends ClustersNode['kind']>(
  entries: TreeEntry<ClustersNode>[],
  kind: K,
  pred: (n: Extract<ClustersNode, { kind: K }>) => boolean = () => true,
): Extract<ClustersNode, { kind: K }> {
  const n = items(entries).find((x) => x.kind === kind && pred(x as Extract<ClustersNode, { kind: K }>));
  assert.ok(
    n,
    `no ${kind} among ${JSON.stringify(entries.map((e) => (e.kind === 'item' ? e.key : e.kind === 'error' ? e.message : e.kind)))}`,
  );
  return n as Extract<ClustersNode, { kind: K }>;
}

test('EMR: target → clusters (active first, terminated on demand) → details and steps → logs', async () => {
  const source = new ClustersTreeSource([estate.target]);
  const model = new TreeModel(source);
  try {
    const [target] = items(await model.children());
    assert.deepEqual(target, { kind: 'target', t: 0, label: 'default @ us-east-1' });
    const emr = find(await model.children(target), 'emr');
    const clusters = await model.children(emr);
    const names = items(clusters).map((n) => (n.kind === 'emrCluster' ? n.cluster.name : n.kind));
    assert.deepEqual(names.sort(), [SANDBOX_NAMES.adhocCluster, SANDBOX_NAMES.modelsCluster, 'emrTerminated'].sort());
    assert.equal(items(clusters).at(-1)?.kind, 'emrTerminated', 'the terminated node comes last');
    const terminated = items(await model.children(find(clusters, 'emrTerminated')));
    assert.deepEqual(
      terminated.map((n) => n.kind === 'emrCluster' && n.cluster.name),
      [SANDBOX_NAMES.oldCluster],
    );
    const models = find(clusters, 'emrCluster', (n) => n.cluster.name === SANDBOX_NAMES.modelsCluster);
    const details = await model.children(models);
    const lines = items(details)
      .filter((n) => n.kind === 'emrDetail')
      .map((n) => n.kind === 'emrDetail' && `${n.label}: ${n.description}`);
    assert.deepEqual(lines.slice(0, 5), [
      'Release: emr-6.15.0',
      'Applications: Hadoop 3.3.6, Spark 3.4.1',
      'MASTER group: m5.xlarge × 1',
      'CORE group: r5.2xlarge × 2',
      'TASK group: m5.xlarge × 4 spot',
    ]);
    const steps = await model.children(find(details, 'emrSteps'));
    assert.deepEqual(
      items(steps).map((n) => n.kind === 'emrStep' && n.step.state),
      ['PENDING', 'RUNNING', 'COMPLETED', 'CANCELLED', 'COMPLETED', 'FAILED', 'COMPLETED'],
    );
    const failed = find(steps, 'emrStep', (n) => n.step.state === 'FAILED');
    const logs = items(await model.children(failed));
    assert.deepEqual(
      logs.map((n) => n.kind === 'emrStepLog' && n.log),
      ['stdout', 'stderr', 'controller'],
    );
    const keys = [target, emr, models, failed, ...logs].map((n) => source.key(n));
    assert.equal(new Set(keys).size, keys.length, 'keys are distinct');
    const stderr = logs[1] as Extract<ClustersNode, { kind: 'emrStepLog' }>;
    assert.match((await source.emr(0).readStepLog(stderr.clusterId, stderr.stepId, stderr.log)).text, /FileNotFoundException/);
  } finally {
    model.dispose();
    source.dispose();
  }
});

test('Redshift: clusters then workgroups → databases → schemas → tables → columns', async () => {
  const source = new ClustersTreeSource([estate.target]);
  const model = new TreeModel(source);
  try {
    const [target] = items(await model.children());
    const warehouses = items(await model.children(find(await model.children(target), 'redshift')));
    assert.deepEqual(
      warehouses.map((n) => n.kind === 'warehouse' && `${n.warehouse.kind}:${n.warehouse.id}`),
      [`provisioned:${SANDBOX_NAMES.redshiftCluster}`, `serverless:${SANDBOX_NAMES.workgroup}`],
    );
    for (const w of warehouses) {
      const dbs = await model.children(w);
      const db = find(dbs, 'database', (n) => n.database === 'dev');
      const schema = find(await model.children(db), 'schema', (n) => n.schema === 'atomic');
      const table = find(await model.children(schema), 'table', (n) => n.table.name === 'events');
      const cols = items(await model.children(table));
      assert.equal(cols.length, 128);
      assert.deepEqual(cols[6].kind === 'column' && cols[6].column, { name: 'event_id', type: 'char(36)' });
    }
  } finally {
    model.dispose();
    source.dispose();
  }
});

test('load more pages the clusters; an empty level says so; an error node retries; a root failure keeps its kind', async () => {
  for (let i = 0; i < EMR_PAGE_SIZE + 3; i++)
    estate.emr.seedCluster({ name: `bulk-${i}`, state: 'WAITING', created: Date.now() - 7 * 86_400_000 - i });
  const source = new ClustersTreeSource([estate.target]);
  const model = new TreeModel(source);
  try {
    const [target] = items(await model.children());
    const emr = find(await model.children(target), 'emr');
    let entries = await model.children(emr);
    assert.equal(items(entries).length, EMR_PAGE_SIZE);
    assert.equal(entries.at(-1)?.kind, 'loadMore');
    await model.loadMore(source.key(emr));
    entries = await model.children(emr);
    assert.equal(items(entries).filter((n) => n.kind === 'emrCluster').length, EMR_PAGE_SIZE + 5);
    assert.equal(items(entries).at(-1)?.kind, 'emrTerminated');

    const adhoc = find(entries, 'emrCluster', (n) => n.cluster.name === 'bulk-0');
    const steps = find(await model.children(adhoc), 'emrSteps');
    assert.deepEqual(await model.children(steps), [
      { kind: 'empty', key: `${source.key(steps)}#empty`, parentKey: source.key(steps), text: 'No steps' },
    ]);

    estate.server.deniedAccessKeys.add(
      estate.target.credentials && 'accessKeyId' in estate.target.credentials ? estate.target.credentials.accessKeyId : '',
    );
    model.refresh(source.key(emr));
    const failed = await model.children(emr);
    assert.equal(failed.length, 1);
    assert.equal(failed[0].kind, 'error');
    assert.match(failed[0].kind === 'error' ? failed[0].message : '', /access denied/);
    assert.equal(source.rootErrors.get(0), 'access-denied');
    estate.server.deniedAccessKeys.clear();
    await model.retry(source.key(emr));
    assert.equal(items(await model.children(emr)).length, EMR_PAGE_SIZE);
    assert.equal(source.rootErrors.has(0), false);
  } finally {
    for (const [id, c] of estate.emr.clusters) if (c.name.startsWith('bulk-')) estate.emr.clusters.delete(id);
    model.dispose();
    source.dispose();
  }
});

test('filtering a level by name: Redshift tables through TablePattern (wildcards literal), clusters page by page', async () => {
  const pgc = new (await import('pg')).default.Client({
    host: estate.postgres!.host,
    port: estate.postgres!.port,
    user: estate.postgres!.user,
    password: estate.postgres!.password,
    database: 'dev',
  });
  await pgc.connect();
  await pgc.query('CREATE TABLE IF NOT EXISTS atomic."ev%_x" (a int); CREATE TABLE IF NOT EXISTS atomic.evzzx (a int)');
  await pgc.end();
  const source = new ClustersTreeSource([estate.target]);
  const model = new TreeModel(source);
  try {
    const [target] = items(await model.children());
    const [cluster] = items(await model.children(find(await model.children(target), 'redshift')));
    const db = find(await model.children(cluster), 'database', (n) => n.database === 'dev');
    const schema = find(await model.children(db), 'schema', (n) => n.schema === 'atomic');
    source.setFilter(source.key(schema), '%_');
    model.refresh(source.key(schema));
    assert.deepEqual(
      items(await model.children(schema)).map((n) => n.kind === 'table' && n.table.name),
      ['ev%_x'],
    );
    assert.equal(estate.server.callsTo('ListTables').at(-1)?.body.TablePattern, '%\\%\\_%');
    source.setFilter(source.key(schema), 'EV');
    model.refresh(source.key(schema));
    assert.deepEqual(
      items(await model.children(schema)).map((n) => n.kind === 'table' && n.table.name),
      [],
      'LIKE is case-sensitive, as on Redshift',
    );
    source.setFilter(source.key(schema), undefined);
    model.refresh(source.key(schema));
    assert.equal(items(await model.children(schema)).length, 3);

    const emr = find(await model.children(target), 'emr');
    source.setFilter(source.key(emr), 'ADHOC');
    model.refresh(source.key(emr));
    assert.deepEqual(
      items(await model.children(emr)).map((n) => (n.kind === 'emrCluster' ? n.cluster.name : n.kind)),
      [SANDBOX_NAMES.adhocCluster, 'emrTerminated'],
    );
  } finally {
    model.dispose();
    source.dispose();
  }
});

test('a starting cluster is polled with back-off while it changes; stop ends the polling', async () => {
  const { pollChildren, isChanging } = await import('../../../src/core/clusters/clustersTree');
  estate.emr.startupMs = 120;
  const { EMRClient, RunJobFlowCommand } = await import('@aws-sdk/client-emr');
  const client = new EMRClient({ region: 'us-east-1', endpoint: estate.server.endpoint, credentials: estate.target.credentials });
  const { JobFlowId } = await client.send(
    new RunJobFlowCommand({
      Name: 'polled-in-tree',
      Instances: {
        KeepJobFlowAliveWhenNoSteps: true,
        InstanceGroups: [{ InstanceRole: 'MASTER', InstanceType: 'm5.xlarge', InstanceCount: 1 }],
      },
    }),
  );
  client.destroy();
  const source = new ClustersTreeSource([estate.target]);
  const model = new TreeModel(source);
  try {
    const [target] = items(await model.children());
    const emr = find(await model.children(target), 'emr');
    const mine = async (): Promise<Extract<ClustersNode, { kind: 'emrCluster' }>> =>
      find(await model.children(emr), 'emrCluster', (n) => n.cluster.id === JobFlowId);
    const first = await mine();
    assert.equal(first.cluster.state, 'STARTING');
    assert.equal(isChanging(first), true);
    // The sandbox's RUNNING cluster keeps the level changing, so this poller runs until stopped.
    const seen = new Set<string>();
    const poller = pollChildren(model, emr, { initialMs: 20, maxMs: 80 });
    const off = model.onDidChange(
      () =>
        void mine().then(
          (n) => seen.add(n.cluster.state),
          () => undefined,
        ),
    );
    poller.start();
    const deadline = Date.now() + 10_000;
    while ((await mine()).cluster.state !== 'WAITING' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    off();
    assert.equal((await mine()).cluster.state, 'WAITING');
    assert.ok(seen.has('BOOTSTRAPPING'), `states seen: ${[...seen]}`);
    assert.equal(poller.state, 'running');
    await poller.stop();
    const calls = estate.server.callsTo('ListClusters').length;
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(estate.server.callsTo('ListClusters').length, calls, 'no polling after stop');
  } finally {
    estate.emr.startupMs = 2000;
    model.dispose();
    source.dispose();
  }
});

test('re-listing a level where nothing moved reports no change (a poll does not re-render the rows)', async () => {
  const source = new ClustersTreeSource([estate.target]);
  const model = new TreeModel(source);
  try {
    const [target] = items(await model.children());
    const emr = find(await model.children(target), 'emr');
    await model.children(emr);
    const changes: string[] = [];
    model.onDidChange((k) => changes.push(k));
    const calls = estate.server.callsTo('ListClusters').length;
    await model.reload(model.keyOf(emr));
    assert.ok(estate.server.callsTo('ListClusters').length > calls, 'the clusters were listed again');
    assert.deepEqual(changes, []);
  } finally {
    model.dispose();
    source.dispose();
  }
});
