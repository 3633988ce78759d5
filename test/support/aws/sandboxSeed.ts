// The small estate the sandbox starts with (and the tests that check the seed): two active EMR
// clusters and a terminated one with steps in several states and their gzipped logs in S3, a
// Redshift cluster and a Serverless workgroup on PostgreSQL with `atomic.events`, and a Glue
// database describing the sample events with a partitioned table (and a projected one).
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ATOMIC_EVENTS_COLUMNS, type EventField } from '../../../src/core/events/fields';
import { DATA_BUCKET, LOG_BUCKET, type AwsEstate } from './estate';
import { stepLogTexts, type EmrCluster, type EmrStep } from './emrService';

export const SANDBOX_NAMES = {
  redshiftCluster: 'analytics-cluster',
  redshiftUser: 'analyst',
  workgroup: 'analytics-wg',
  namespace: 'analytics-ns',
  glueDatabase: 'atomic',
  eventsTable: 'events',
  sessionsTable: 'sessions',
  modelsCluster: 'event-models-dev',
  adhocCluster: 'adhoc-spark',
  oldCluster: 'event-models-2024-05',
};

/** Number of `run=` partitions of the Glue events table (more than one GetPartitions page of 100). */
export const EVENTS_PARTITIONS = 130;
/** Rows in atomic.events on PostgreSQL and DuckDB. */
export const SEED_EVENT_ROWS = 500;

export interface SeedSummary {
  clusters: { id: string; name: string; state: string; steps: { id: string; name: string; state: string }[] }[];
}

const HOUR = 3_600_000;

export async function seedEstate(estate: AwsEstate, now = Date.now()): Promise<SeedSummary> {
  const emrSteps = seedEmr(estate, now);
  const logWrites: Promise<unknown>[] = [];
  for (const c of emrSteps) {
    for (const s of c.steps) {
      if (s.state === 'PENDING' || s.state === 'RUNNING') continue;
      for (const [name, text] of Object.entries(stepLogTexts(c, s))) {
        logWrites.push(
          estate.s3.client.send(
            new PutObjectCommand({ Bucket: LOG_BUCKET, Key: `emr/${c.id}/steps/${s.id}/${name}.gz`, Body: gzipSync(text) }),
          ),
        );
      }
    }
  }
  seedGlue(estate);
  seedRedshift(estate);
  if (estate.postgres) await seedPostgres(estate);
  if (estate.duckdb) await seedDuckDb(estate);
  await Promise.all(logWrites);
  return {
    clusters: emrSteps.map((c) => ({
      id: c.id,
      name: c.name,
      state: c.state,
      steps: c.steps.map((s) => ({ id: s.id, name: s.name, state: s.state })),
    })),
  };
}

function seedEmr(estate: AwsEstate, now: number): EmrCluster[] {
  const emr = estate.emr;
  const logUri = `s3://${LOG_BUCKET}/emr/`;
  const done = (name: string, startHoursAgo: number, minutes: number, extra: Partial<EmrStep> = {}): EmrStep =>
    emr.seedStep({
      name,
      state: 'COMPLETED',
      created: now - startHoursAgo * HOUR - 60_000,
      started: now - startHoursAgo * HOUR,
      ended: now - startHoursAgo * HOUR + minutes * 60_000,
      ...extra,
    });
  const models = emr.seedCluster({
    name: SANDBOX_NAMES.modelsCluster,
    state: 'RUNNING',
    created: now - 26 * HOUR,
    ready: now - 25.8 * HOUR,
    logUri,
    releaseLabel: 'emr-6.15.0',
    ec2: { Ec2KeyName: 'data-eng', Ec2SubnetId: 'subnet-0abc1234', IamInstanceProfile: 'EMR_EC2_DefaultRole' },
    serviceRole: 'EMR_DefaultRole',
    tags: [
      { Key: 'team', Value: 'data-engineering' },
      { Key: 'env', Value: 'dev' },
    ],
    configurations: [
      { Classification: 'spark', Properties: { maximizeResourceAllocation: 'true' } },
      { Classification: 'spark-defaults', Properties: { 'spark.sql.session.timeZone': 'UTC' } },
    ],
    bootstrapActions: [{ Name: 'Install Java 11', ScriptBootstrapAction: { Path: `s3://${DATA_BUCKET}/bootstrap/java11.sh`, Args: [] } }],
    instanceGroups: [
      {
        Id: 'ig-MASTER0000001',
        Name: 'Master',
        Market: 'ON_DEMAND',
        InstanceGroupType: 'MASTER',
        InstanceType: 'm5.xlarge',
        RequestedInstanceCount: 1,
        EbsOptimized: true,
        EbsBlockDevices: [{ VolumeSpecification: { VolumeType: 'gp3', SizeInGB: 64 }, Device: '/dev/sdb' }],
      },
      {
        Id: 'ig-CORE000000001',
        Name: 'Core',
        Market: 'ON_DEMAND',
        InstanceGroupType: 'CORE',
        InstanceType: 'r5.2xlarge',
        RequestedInstanceCount: 2,
      },
      {
        Id: 'ig-TASK000000001',
        Name: 'Task (spot)',
        Market: 'SPOT',
        InstanceGroupType: 'TASK',
        InstanceType: 'm5.xlarge',
        RequestedInstanceCount: 4,
        BidPrice: '0.10',
      },
    ],
  });
  models.steps = [
    done('Enrich batch 2024-06-01', 24, 12),
    emr.seedStep({
      name: 'Shred batch 2024-06-01',
      state: 'FAILED',
      created: now - 23 * HOUR,
      started: now - 23 * HOUR,
      ended: now - 23 * HOUR + 4 * 60_000,
      failure: {
        Reason: 'Unknown Error.',
        Message: 'java.io.FileNotFoundException: s3://dw-data-lake/enriched/run=2024-06-01-00-00-00/ does not exist',
      },
    }),
    done('Shred batch 2024-06-01 (retry)', 22, 9),
    emr.seedStep({ name: 'Load to Redshift', state: 'CANCELLED', created: now - 21 * HOUR, ended: now - 20.9 * HOUR }),
    done('Enrich batch 2024-06-02', 2, 11),
    // Long enough to still run in a demo, then the pending one starts.
    emr.seedStep({
      name: 'Sessionize events',
      state: 'RUNNING',
      created: now - 20 * 60_000,
      started: now - 15 * 60_000,
      durationMs: 2 * HOUR,
      actionOnFailure: 'CONTINUE',
    }),
    emr.seedStep({ name: 'Build web model', state: 'PENDING', created: now - 10 * 60_000, durationMs: 30 * 60_000 }),
  ];
  const adhoc = emr.seedCluster({
    name: SANDBOX_NAMES.adhocCluster,
    state: 'WAITING',
    created: now - 5 * HOUR,
    ready: now - 4.9 * HOUR,
    logUri,
    releaseLabel: 'emr-7.1.0',
    applications: [
      { Name: 'Spark', Version: '3.5.0' },
      { Name: 'JupyterEnterpriseGateway', Version: '2.6.0' },
      { Name: 'Livy', Version: '0.8.0' },
    ],
    ec2: { Ec2KeyName: 'data-eng', Ec2AvailabilityZone: 'us-east-1a', IamInstanceProfile: 'EMR_EC2_DefaultRole' },
    serviceRole: 'EMR_DefaultRole',
    instanceFleets: [
      {
        Id: 'if-MASTER0000001',
        Name: 'Master fleet',
        InstanceFleetType: 'MASTER',
        TargetOnDemandCapacity: 1,
        TargetSpotCapacity: 0,
        InstanceTypeSpecifications: [{ InstanceType: 'm5.xlarge', WeightedCapacity: 1 }],
      },
      {
        Id: 'if-CORE000000001',
        Name: 'Core fleet',
        InstanceFleetType: 'CORE',
        TargetOnDemandCapacity: 2,
        TargetSpotCapacity: 4,
        InstanceTypeSpecifications: [
          { InstanceType: 'r5.xlarge', WeightedCapacity: 1 },
          { InstanceType: 'r5a.xlarge', WeightedCapacity: 1 },
        ],
      },
    ],
  });
  adhoc.steps = [
    done('Setup hadoop debugging', 4.8, 1, { jar: 'command-runner.jar', args: ['state-pusher-script'] }),
    done('Backfill sessions 2024-05', 4, 48),
  ];
  const old = emr.seedCluster({
    name: SANDBOX_NAMES.oldCluster,
    state: 'TERMINATED_WITH_ERRORS',
    created: now - 30 * 24 * HOUR,
    ready: now - 30 * 24 * HOUR + 600_000,
    ended: now - 30 * 24 * HOUR + 3 * HOUR,
    stateReason: { Code: 'STEP_FAILURE', Message: 'Shut down as step failed' },
    logUri,
    keepAlive: false,
    instanceGroups: [
      {
        Id: 'ig-MASTER0000002',
        Name: 'Master',
        Market: 'ON_DEMAND',
        InstanceGroupType: 'MASTER',
        InstanceType: 'm5.xlarge',
        RequestedInstanceCount: 1,
      },
    ],
  });
  old.steps = [
    emr.seedStep({
      name: 'Enrich batch 2024-05-01',
      state: 'FAILED',
      actionOnFailure: 'TERMINATE_CLUSTER',
      created: old.created + 600_000,
      started: old.created + 600_000,
      ended: old.created + 2 * HOUR,
      failure: { Reason: 'Container killed by YARN for exceeding memory limits.', Message: '10.4 GB of 10 GB physical memory used' },
    }),
    emr.seedStep({ name: 'Shred batch 2024-05-01', state: 'CANCELLED', created: old.created + 600_000, ended: old.created + 2 * HOUR }),
  ];
  return [models, adhoc, old];
}

/** Glue (Hive) type of an atomic.events column. */
export function glueType(f: EventField): string {
  const t = f.redshiftType ?? 'string';
  if (/^varchar|^char/.test(t)) return 'string';
  if (t === 'double precision') return 'double';
  if (t.startsWith('dec(')) return t.replace('dec(', 'decimal(');
  return t;
}

function seedGlue(estate: AwsEstate): void {
  const glue = estate.glue;
  glue.addDatabase({
    Name: SANDBOX_NAMES.glueDatabase,
    Description: 'Snowplow enriched events (sandbox)',
    LocationUri: `s3://${DATA_BUCKET}/atomic/`,
  });
  glue.addDatabase({ Name: 'derived', Description: 'Data models built from atomic.events' });
  const columns = ATOMIC_EVENTS_COLUMNS.map((f) => ({ Name: f.name, Type: glueType(f) }));
  const partitions = Array.from({ length: EVENTS_PARTITIONS }, (_, i) => {
    const d = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    return { Values: [`${d}-00-00-00`] };
  });
  glue.addTable(
    {
      Name: SANDBOX_NAMES.eventsTable,
      DatabaseName: SANDBOX_NAMES.glueDatabase,
      Description: 'Enriched events, one folder per pipeline run',
      TableType: 'EXTERNAL_TABLE',
      PartitionKeys: [{ Name: 'run', Type: 'string', Comment: 'pipeline run folder, e.g. 2024-06-01-00-00-00' }],
      Parameters: { classification: 'csv', 'skip.header.line.count': '0', EXTERNAL: 'TRUE' },
      StorageDescriptor: {
        Columns: columns,
        Location: `s3://${DATA_BUCKET}/enriched/good/`,
        InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
        OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
        SerdeInfo: {
          SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
          Parameters: { 'field.delim': '\t', 'serialization.format': '\t' },
        },
        Compressed: false,
      },
    },
    partitions,
  );
  glue.addTable({
    Name: SANDBOX_NAMES.sessionsTable,
    DatabaseName: 'derived',
    Description: 'Sessions (Parquet, partition projection on dt)',
    TableType: 'EXTERNAL_TABLE',
    PartitionKeys: [{ Name: 'dt', Type: 'string' }],
    Parameters: {
      classification: 'parquet',
      'projection.enabled': 'true',
      'projection.dt.type': 'date',
      'projection.dt.range': '2024-01-01,NOW',
      'projection.dt.format': 'yyyy-MM-dd',
      'storage.location.template': `s3://${DATA_BUCKET}/derived/sessions/dt=\${dt}/`,
    },
    StorageDescriptor: {
      Columns: [
        { Name: 'domain_sessionid', Type: 'string' },
        { Name: 'domain_userid', Type: 'string' },
        { Name: 'session_start', Type: 'timestamp' },
        { Name: 'session_end', Type: 'timestamp' },
        { Name: 'page_views', Type: 'int' },
        { Name: 'pages', Type: 'array<string>' },
        { Name: 'geo', Type: 'struct<country:string,region:string,city:string>', Comment: "first event's geo" },
      ],
      Location: `s3://${DATA_BUCKET}/derived/sessions/`,
      InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      SerdeInfo: {
        SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
        Parameters: { 'serialization.format': '1' },
      },
    },
  });
}

function seedRedshift(estate: AwsEstate): void {
  estate.redshift.clusters.push({
    ClusterIdentifier: SANDBOX_NAMES.redshiftCluster,
    NodeType: 'ra3.xlplus',
    ClusterStatus: 'available',
    DBName: estate.redshiftDatabase ?? 'dev',
    MasterUsername: SANDBOX_NAMES.redshiftUser,
    NumberOfNodes: 2,
    Endpoint: { Address: `${SANDBOX_NAMES.redshiftCluster}.abc123.us-east-1.redshift.amazonaws.com`, Port: 5439 },
    ClusterCreateTime: new Date(Date.now() - 90 * 24 * HOUR),
    Tags: [{ Key: 'env', Value: 'sandbox' }],
  });
  estate.redshift.workgroups.push({
    workgroupName: SANDBOX_NAMES.workgroup,
    namespaceName: SANDBOX_NAMES.namespace,
    status: 'AVAILABLE',
    baseCapacity: 8,
    endpoint: { address: `${SANDBOX_NAMES.workgroup}.123456789012.us-east-1.redshift-serverless.amazonaws.com`, port: 5439 },
    creationDate: new Date(Date.now() - 30 * 24 * HOUR),
  });
  estate.data?.clusters.add(SANDBOX_NAMES.redshiftCluster);
  estate.data?.workgroups.add(SANDBOX_NAMES.workgroup);
}

/** INSERT … SELECT of `rows` synthetic events (valid in PostgreSQL and DuckDB). */
export function syntheticEventsSql(rows: number): string {
  const pick = (list: string[]): string => `(ARRAY[${list.map((v) => `'${v}'`).join(', ')}])[1 + (i % ${list.length})]`;
  const values: Record<string, string> = {
    app_id: `'sandbox-site'`,
    platform: `'web'`,
    etl_tstamp: `TIMESTAMP '2024-06-01 01:00:00' + i * INTERVAL '1 minute'`,
    collector_tstamp: `TIMESTAMP '2024-06-01 00:00:00' + i * INTERVAL '1 minute'`,
    dvce_created_tstamp: `TIMESTAMP '2024-06-01 00:00:00' + i * INTERVAL '1 minute'`,
    event: pick(['page_view', 'page_ping', 'struct', 'page_view']),
    event_id: `substr(md5(CAST(i AS VARCHAR)), 1, 8) || '-0000-4000-8000-' || substr(md5(CAST(i AS VARCHAR)), 1, 12)`,
    v_collector: `'ssc-2.9.0-kinesis'`,
    v_etl: `'snowplow-enrich-4.0.0'`,
    domain_userid: `'user-' || CAST(i % 37 AS VARCHAR)`,
    domain_sessionidx: `1 + i % 5`,
    geo_country: pick(['GB', 'US', 'DE', 'FR', 'NL']),
    page_urlpath: pick(['/', '/pricing', '/docs', '/blog/launch', '/signup']),
    page_title: pick(['Home', 'Pricing', 'Docs', 'Launch', 'Sign up']),
    br_family: pick(['Chrome', 'Firefox', 'Safari']),
  };
  const names = ATOMIC_EVENTS_COLUMNS.filter((f) => values[f.name]).map((f) => f.name);
  return `INSERT INTO atomic.events (${names.join(', ')}) SELECT ${names.map((n) => values[n]).join(', ')} FROM generate_series(1, ${rows}) AS t(i)`;
}

function createEventsSql(dialect: 'postgres' | 'duckdb'): string {
  const cols = ATOMIC_EVENTS_COLUMNS.map((f) => {
    let t = f.redshiftType ?? 'varchar(255)';
    if (dialect === 'duckdb' && t.startsWith('dec(')) t = t.replace('dec(', 'decimal(');
    return `  ${f.name} ${t}${f.required ? ' NOT NULL' : ''}`;
  });
  return `CREATE SCHEMA IF NOT EXISTS atomic;\nCREATE TABLE IF NOT EXISTS atomic.events (\n${cols.join(',\n')}\n)`;
}

async function seedPostgres(estate: AwsEstate): Promise<void> {
  const p = estate.postgres!;
  const client = new pg.Client({
    host: p.host,
    port: p.port,
    user: p.user,
    password: p.password,
    database: estate.redshiftDatabase ?? p.database,
  });
  await client.connect();
  try {
    await client.query(createEventsSql('postgres'));
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM atomic.events');
    if (Number(rows[0].n) === 0) await client.query(syntheticEventsSql(SEED_EVENT_ROWS));
    await client.query(`CREATE SCHEMA IF NOT EXISTS derived;
      CREATE OR REPLACE VIEW derived.page_views AS SELECT event_id, domain_userid, collector_tstamp, page_urlpath, page_title FROM atomic.events WHERE event = 'page_view';
      COMMENT ON TABLE atomic.events IS 'Snowplow enriched events (sandbox sample)'`);
  } finally {
    await client.end();
  }
}

async function seedDuckDb(estate: AwsEstate): Promise<void> {
  const db = estate.duckdb!;
  for (const sql of createEventsSql('duckdb').split(';\n')) await db.run(sql);
  const n = Number((await db.runAndReadAll('SELECT count(*) FROM atomic.events')).getRows()[0][0]);
  if (n === 0) await db.run(syntheticEventsSql(SEED_EVENT_ROWS));
}
