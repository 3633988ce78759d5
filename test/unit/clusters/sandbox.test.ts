// The `npm start` sandbox: started in-process on free ports, the real SDK clients find it through
// nothing but the shared config/credentials it writes (AWS_CONFIG_FILE, AWS_PROFILE), and the
// seeded estate is what the views promise a newcomer: active EMR clusters with steps in several
// states and their logs, Redshift cluster and workgroup with atomic.events, Glue's sample events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, SANDBOX_PROFILE, type RunningSandbox } from '../../support/aws/sandbox';
import { dynamoSeeds } from '../../support/aws/sandboxDynamoSeeds';
import { SANDBOX_NAMES } from '../../support/aws/sandboxSeed';
import { EmrExplorer } from '../../../src/core/clusters/emr';
import { RedshiftExplorer, connectionFor } from '../../../src/core/clusters/redshift';
import { GlueCatalog } from '../../../src/core/catalog/glue';
import { catalogSourceFor } from '../../../src/core/catalog/sources';
import { createRedshiftDataEngine } from '../../../src/core/engines/redshiftData/redshiftDataEngine';
import { collectRows } from '../../../src/core/engines/engine';

let sandbox: RunningSandbox;
const savedEnv = { ...process.env };
const seeded: string[] = [];

/** A base port with it and the next two free. */
async function freeBasePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    if (port > 65530) continue;
    const free = await Promise.all(
      [1, 2].map(
        (d) =>
          new Promise<boolean>((resolve) => {
            const s = net
              .createServer()
              .once('error', () => resolve(false))
              .listen(port + d, '127.0.0.1', () => s.close(() => resolve(true)));
          }),
      ),
    );
    if (free.every(Boolean)) return port;
  }
}

before(async () => {
  dynamoSeeds.push(async (endpoint) => void seeded.push(endpoint));
  sandbox = await startSandbox({ basePort: await freeBasePort(), dir: path.join(os.tmpdir(), `dw-sandbox-test-${process.pid}`) });
  // What start.sh does with env.sh: only the sandbox's config is visible to the SDK.
  for (const line of readFileSync(path.join(sandbox.dir, 'env.sh'), 'utf8').split('\n')) {
    const m = /^export (\w+)='(.*)'$/.exec(line) ?? /^export (\w+)=(.*)$/.exec(line);
    if (m) process.env[m[1]] = m[2];
  }
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
});

after(async () => {
  process.env = savedEnv;
  dynamoSeeds.pop();
  await sandbox.stop();
  rmSync(sandbox.dir, { recursive: true, force: true });
});

test('the env and config point every SDK client at the sandbox; DynamoDB seed hooks ran', async () => {
  assert.equal(process.env.AWS_PROFILE, SANDBOX_PROFILE);
  const config = readFileSync(process.env.AWS_CONFIG_FILE!, 'utf8');
  for (const id of ['emr', 'glue', 'redshift', 'redshift_serverless', 'redshift_data', 'athena', 's3', 'dynamodb'])
    assert.match(config, new RegExp(`^${id} =\\n  endpoint_url = http://127\\.0\\.0\\.1:\\d+$`, 'm'));
  assert.deepEqual(seeded, [sandbox.endpoints.dynamodb]);
  const { DynamoDBClient, ListTablesCommand } = await import('@aws-sdk/client-dynamodb');
  const dynamo = new DynamoDBClient({});
  // The manifests seed (a hook like ours) created its tables in the sandbox's dynalite, which the SDK reaches through the config alone.
  assert.deepEqual((await dynamo.send(new ListTablesCommand({}))).TableNames, ['dw-event-manifest', 'dw-run-manifest']);
  dynamo.destroy();
});

test('Clusters view: two active EMR clusters first, a terminated one on demand, steps in several states with logs', async () => {
  const emr = new EmrExplorer({});
  try {
    const active = await emr.listClusters('active');
    assert.deepEqual(active.items.map((c) => c.name).sort(), [SANDBOX_NAMES.adhocCluster, SANDBOX_NAMES.modelsCluster]);
    assert.deepEqual(
      (await emr.listClusters('terminated')).items.map((c) => c.name),
      [SANDBOX_NAMES.oldCluster],
    );
    const models = active.items.find((c) => c.name === SANDBOX_NAMES.modelsCluster)!;
    const steps = (await emr.listSteps(models.id)).items;
    assert.deepEqual(new Set(steps.map((s) => s.state)), new Set(['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED']));
    const failed = steps.find((s) => s.state === 'FAILED')!;
    assert.deepEqual(await emr.listStepLogs(models.id, failed.id), ['stdout', 'stderr', 'controller', 'syslog']);
    assert.match((await emr.readStepLog(models.id, failed.id, 'stderr')).text, /FileNotFoundException/);
    const details = await emr.describeCluster(models.id);
    assert.deepEqual(
      details.capacity.map((g) => g.role),
      ['MASTER', 'CORE', 'TASK'],
    );
  } finally {
    emr.dispose();
  }
});

test('Redshift: a cluster and a workgroup whose atomic.events answers Select top 100 through the Data API', async () => {
  const rs = new RedshiftExplorer({});
  try {
    const [cluster] = (await rs.listClusters()).items;
    const [workgroup] = (await rs.listWorkgroups()).items;
    assert.equal(cluster.id, SANDBOX_NAMES.redshiftCluster);
    assert.equal(workgroup.id, SANDBOX_NAMES.workgroup);
    for (const w of [cluster, workgroup]) {
      const source = await catalogSourceFor(connectionFor(w, {}));
      const tables = [];
      for await (const page of source.listTables('atomic')) tables.push(...page);
      assert.deepEqual(
        tables.map((t) => t.name),
        ['events'],
      );
      const engine = createRedshiftDataEngine(connectionFor(w, {}), { poll: { initialMs: 5, maxMs: 20 } });
      try {
        assert.equal((await collectRows(await engine.execute('SELECT * FROM atomic.events LIMIT 100'))).length, 100);
      } finally {
        await engine.dispose();
      }
    }
  } finally {
    rs.dispose();
  }
});

test('"Preview with Athena" on the sandbox: the ready-made Athena connection reads atomic.events', async () => {
  const { createAthenaEngine } = await import('../../../src/core/engines/athena/athenaEngine');
  const written = JSON.parse(readFileSync(path.join(sandbox.dir, 'sandbox.json'), 'utf8')) as { connections: { kind: string }[] };
  const athena = written.connections.find((c) => c.kind === 'athena') as import('../../../src/core/connections/types').AthenaConnection;
  const engine = createAthenaEngine(athena);
  try {
    const rows = await collectRows(await engine.execute('SELECT event_id, collector_tstamp FROM atomic.events LIMIT 10'));
    assert.equal(rows.length, 10);
  } finally {
    await engine.dispose();
  }
});

test('Catalog view: Glue describes the sample events, partitioned by run, and a projected sessions table', async () => {
  const glue = new GlueCatalog({});
  try {
    const events = await glue.getTable('atomic', 'events');
    assert.deepEqual(
      events.partitionKeys.map((k) => k.name),
      ['run'],
    );
    assert.ok((await glue.listPartitions('atomic', 'events')).next, 'more than one page of partitions');
    assert.equal((await glue.getTable('derived', 'sessions')).projection?.enabled, true);
  } finally {
    glue.dispose();
  }
});
