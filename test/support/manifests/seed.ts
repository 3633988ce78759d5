// Seeds a loopback AWS sandbox with manifests to look at: an enriched archive made by the
// project's own sample generator, cut into `run=YYYY-MM-DD-HH-mm-ss/` folders of TSV and written
// through s3rver; a DynamoDB run manifest covering most runs (SDK-style marks plus a few editor
// marks, one for a folder that is gone); and an event (duplicate) manifest for the first runs.
import {
  BatchWriteItemCommand,
  type AttributeValue,
  type BatchWriteItemCommandOutput,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { generateSampleEventLines, resolveSampleOptions } from '../../../src/core/sample';
import { ENRICHED_EVENT_FIELDS } from '../../../src/core/events/fields';
import { formatTimestampMs } from '../../../src/core/events/timestamps';
import { runFolderForTime } from '../../../src/core/manifests/runIds';
import { RunManifestTable } from '../../../src/core/manifests/runManifestTable';
import { mapPool } from '../../../src/core/manifests/pool';
import { S3RVER_CREDENTIALS } from '../aws/s3';

export interface SeedManifestsOptions {
  s3Endpoint: string;
  dynamoEndpoint: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  bucket?: string;
  /** Archive key prefix, ending in '/'. */
  archivePrefix?: string;
  runTable?: string;
  eventTable?: string;
  /** Generated events in total (default 20,000) over `days` days (default 7). */
  events?: number;
  days?: number;
  /** Hours between ETL runs (default 6). */
  runEveryHours?: number;
  /** Newest runs left unprocessed (default 4). */
  pendingRuns?: number;
  /** Events written to the event manifest (default 2,000). */
  eventManifestEvents?: number;
}

export interface SeededManifests {
  /** The run manifest table existed before: marks and event items were left as they were. */
  alreadySeeded: boolean;
  bucket: string;
  /** `s3://bucket/prefix/` as a run-manifest view is configured. */
  archive: string;
  runTable: string;
  eventTable: string;
  /** Run ids (archive-relative, trailing slash), oldest first. */
  runs: string[];
  processed: string[];
  pending: string[];
  /** A manifest item whose folder does not exist. */
  orphaned: string[];
  /** A storage config (amazon_dynamodb_config 2-0-0) pointing at the event manifest. */
  eventManifestConfig: Record<string, unknown>;
}

const F = Object.fromEntries(ENRICHED_EVENT_FIELDS.map((f) => [f.name, f.index]));
const TTL_SECONDS = 15_552_000;

async function waitActive(dynamodb: DynamoDBClient, table: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const out = await dynamodb.send(new DescribeTableCommand({ TableName: table }));
    if (out.Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`table ${table} never became ACTIVE`);
}

async function batchWrite(dynamodb: DynamoDBClient, table: string, requests: WriteRequest[]): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += 25) batches.push(requests.slice(i, i + 25));
  await mapPool(batches, 8, async (batch) => {
    let pending: WriteRequest[] | undefined = batch;
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt > 10) throw new Error(`BatchWriteItem to ${table} kept leaving items unprocessed`);
      const out: BatchWriteItemCommandOutput = await dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
      pending = out.UnprocessedItems?.[table];
    }
  });
}

export async function seedManifests(options: SeedManifestsOptions): Promise<SeededManifests> {
  const bucket = options.bucket ?? 'dw-sandbox-archive';
  const prefix = options.archivePrefix ?? 'enriched/archive/';
  const runTable = options.runTable ?? 'dw-run-manifest';
  const eventTable = options.eventTable ?? 'dw-event-manifest';
  const common = { region: options.region ?? 'us-east-1', credentials: options.credentials ?? S3RVER_CREDENTIALS };
  const s3 = new S3Client({ ...common, endpoint: options.s3Endpoint, forcePathStyle: true });
  const dynamodb = new DynamoDBClient({ ...common, endpoint: options.dynamoEndpoint });
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((e: { name?: string }) => {
      if (e.name !== 'BucketAlreadyOwnedByYou' && e.name !== 'BucketAlreadyExists') throw e;
    });
    // Events come out in time order; each run folder holds the events collected in the hours
    // before its run time, stamped with that run's ETL time (one ETL timestamp per batch).
    const sample = resolveSampleOptions({ events: options.events ?? 20_000, days: options.days ?? 7 });
    const everyMs = (options.runEveryHours ?? 6) * 3_600_000;
    const start = Date.parse(`${sample.startDate}T00:00:00Z`);
    const runLines = new Map<number, string[]>();
    const eventItems: WriteRequest[] = [];
    const eventLimit = options.eventManifestEvents ?? 2_000;
    for (const line of generateSampleEventLines(sample)) {
      const fields = line.split('\t');
      const collector = Date.parse(fields[F.collector_tstamp].replace(' ', 'T') + 'Z');
      const runTime = start + (Math.floor((collector - start) / everyMs) + 1) * everyMs;
      fields[F.etl_tstamp] = formatTimestampMs(runTime + 17_000);
      const lines = runLines.get(runTime) ?? [];
      lines.push(fields.join('\t'));
      runLines.set(runTime, lines);
      if (eventItems.length < eventLimit) {
        const etlTime = Math.floor((runTime + 17_000) / 1000);
        eventItems.push({
          PutRequest: {
            Item: {
              eventId: { S: fields[F.event_id] },
              fingerprint: { S: fields[F.event_fingerprint] },
              etlTime: { N: String(etlTime) },
              ttl: { N: String(etlTime + TTL_SECONDS) },
            },
          },
        });
      }
    }
    const times = [...runLines.keys()].sort((a, b) => a - b);
    const runs = times.map((t) => `${prefix}${runFolderForTime(t)}/`);
    await mapPool(times, 8, async (t, i) => {
      const lines = runLines.get(t)!;
      // Two part files per run, as a Spark job writes them.
      const half = Math.ceil(lines.length / 2);
      for (const [n, part] of [lines.slice(0, half), lines.slice(half)].entries()) {
        await s3.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: `${runs[i]}part-0000${n}`,
            Body: part.join('\n') + '\n',
            ContentType: 'text/tab-separated-values',
          }),
        );
      }
    });

    const manifest = new RunManifestTable(dynamodb, runTable);
    // A sandbox restarted on kept data keeps the marks its user made or removed.
    const alreadySeeded = (await manifest.status()) !== 'missing';
    await manifest.ensureTable({ pollMs: 25 });
    const pendingCount = Math.min(options.pendingRuns ?? 4, runs.length);
    const processed = runs.slice(0, runs.length - pendingCount);
    const pending = runs.slice(runs.length - pendingCount);
    const orphaned = [`${prefix}${runFolderForTime(start - 7 * 24 * 3_600_000)}/`];
    // Most marks as the SDKs write them (RunId only); the last two processed as the editor does.
    const editorMarked = new Set(processed.slice(-2));
    if (!alreadySeeded)
      await batchWrite(
        dynamodb,
        runTable,
        [...processed, ...orphaned].map((runId) => ({
          PutRequest: {
            Item:
              editorMarked.has(runId) || orphaned.includes(runId)
                ? <Record<string, AttributeValue>>{
                    RunId: { S: runId },
                    MarkedAt: { S: new Date(start + 8 * 24 * 3_600_000).toISOString() },
                    MarkedBy: { S: 'sandbox-seed' },
                    MarkId: { S: randomUUID() },
                  }
                : { RunId: { S: runId } },
          },
        })),
      );

    await dynamodb
      .send(
        new CreateTableCommand({
          TableName: eventTable,
          AttributeDefinitions: [
            { AttributeName: 'eventId', AttributeType: 'S' },
            { AttributeName: 'fingerprint', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'eventId', KeyType: 'HASH' },
            { AttributeName: 'fingerprint', KeyType: 'RANGE' },
          ],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      )
      .catch((e: { name?: string }) => {
        if (e.name !== 'ResourceInUseException') throw e;
      });
    await waitActive(dynamodb, eventTable);
    if (!alreadySeeded) await batchWrite(dynamodb, eventTable, eventItems);

    return {
      alreadySeeded,
      bucket,
      archive: `s3://${bucket}/${prefix}`,
      runTable,
      eventTable,
      runs,
      processed,
      pending,
      orphaned,
      eventManifestConfig: {
        schema: 'iglu:com.snowplowanalytics.snowplow.storage/amazon_dynamodb_config/jsonschema/2-0-0',
        data: {
          name: 'Sandbox event manifest',
          auth: null,
          awsRegion: common.region,
          dynamodbTable: eventTable,
          id: '56799a26-980c-4148-8bd9-c021b988c669',
          purpose: 'EVENTS_MANIFEST',
        },
      },
    };
  } finally {
    s3.destroy();
    dynamodb.destroy();
  }
}

/** The `dataWorkbench.manifests` setting that shows a seeded sandbox (no secrets: the sandbox's
 * dummy credentials come from the environment the launcher gives the extension host). */
export function sandboxManifestSettings(
  seeded: SeededManifests,
  endpoints: { s3Endpoint: string; dynamoEndpoint: string; region?: string },
): Record<string, unknown> {
  const aws = { region: endpoints.region ?? 'us-east-1', s3Endpoint: endpoints.s3Endpoint, dynamodbEndpoint: endpoints.dynamoEndpoint };
  return {
    run: [{ id: 'sandbox-runs', label: 'Sandbox enriched archive', table: seeded.runTable, archive: seeded.archive, ...aws }],
    event: [{ id: 'sandbox-dedupe', label: 'Sandbox event manifest', table: seeded.eventTable, ...aws }],
    sql: [
      {
        id: 'local-etl',
        label: 'Local sample ETL manifest',
        connection: 'Local (DuckDB)',
        manifest: 'derived.etl_manifest',
        events: 'atomic.events',
      },
    ],
  };
}
