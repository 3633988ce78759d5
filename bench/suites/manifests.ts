// Run-manifest refresh for 10,000 run folders and a 10,000-item DynamoDB manifest (dynalite and
// s3rver on 127.0.0.1, behind the proxy that adds 20 ms to every request and pages S3 listings
// at 1,000 entries as S3 does).
//  manifest_diff_10k_vs_listing: RunManifestModel.refresh() (parallel Scan segments, month-
//    parallel listing, the diff and sort) ÷ a plain script issuing the minimal ListObjectsV2
//    (Delimiter '/') pages and Scan pages back to back, results discarded. Median of per-pair
//    ratios over alternating pairs (target <= 1.2).
import { BatchWriteItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { meets, type BenchResult, type BenchSuite } from '../types';
import { startLocalAws, LOCAL_CREDENTIALS } from '../../test/support/manifests/localAws';
import { RunManifestModel } from '../../src/core/manifests/runManifestModel';
import { RunManifestTable } from '../../src/core/manifests/runManifestTable';
import { mapPool } from '../../src/core/manifests/pool';
import { runFolderForTime } from '../../src/core/manifests/runIds';

const RUNS = 10_000;
const ITEMS = 10_000;
const LATENCY_MS = 20;
const PAIRS = 7;
const BUCKET = 'bench-archive';
const PREFIX = 'enriched/archive/';
const TABLE = 'bench-run-manifest';

const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

const suite: BenchSuite = async (ctx) => {
  const aws = await startLocalAws([BUCKET]);
  try {
    // A live pipeline: hourly runs up to now. 9,500 processed, 500 pending, 500 orphaned marks.
    const now = Date.now();
    const start = Math.floor(now / 3_600_000) * 3_600_000 - (RUNS - 1) * 3_600_000;
    const runIds = Array.from({ length: RUNS }, (_, i) => `${PREFIX}${runFolderForTime(start + i * 3_600_000)}/`);
    const seedS3 = new S3Client({ endpoint: aws.s3Direct, region: 'us-east-1', forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
    const t0 = performance.now();
    await mapPool(runIds, 32, (runId) => seedS3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${runId}part-00000`, Body: 'x' })));
    seedS3.destroy();
    const { dynamodb, s3 } = aws.clients();
    const table = new RunManifestTable(dynamodb, TABLE);
    await table.ensureTable({ pollMs: 20 });
    const orphans = Array.from({ length: ITEMS - (RUNS - 500) }, (_, i) => `${PREFIX}${runFolderForTime(start - (i + 1) * 3_600_000)}/`);
    const marked = [...runIds.slice(0, RUNS - 500), ...orphans];
    const batches: string[][] = [];
    for (let i = 0; i < marked.length; i += 25) batches.push(marked.slice(i, i + 25));
    await mapPool(batches, 8, (batch) =>
      dynamodb.send(
        new BatchWriteItemCommand({ RequestItems: { [TABLE]: batch.map((id) => ({ PutRequest: { Item: { RunId: { S: id } } } })) } }),
      ),
    );
    ctx.log(`seeded ${RUNS} run folders and ${marked.length} manifest items in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    aws.dynamoProxy.latencyMs = LATENCY_MS;
    aws.s3Proxy.latencyMs = LATENCY_MS;

    const model = new RunManifestModel(
      { id: 'bench', table: TABLE, archive: `s3://${BUCKET}/${PREFIX}` },
      { dynamodb, s3 },
      { user: 'bench' },
    );
    let modelRequests = '';
    const refresh = async (): Promise<void> => {
      const snap = await model.refresh();
      if (snap.counts.processed !== RUNS - 500 || snap.counts.pending !== 500 || snap.counts.orphaned !== orphans.length)
        throw new Error(`wrong diff ${JSON.stringify(snap.counts)}`);
      modelRequests = `${snap.requests.list} list + ${snap.requests.scan} scan`;
    };
    let plainRequests = '';
    const plain = async (): Promise<void> => {
      let token: string | undefined;
      let prefixes = 0,
        lists = 0,
        scans = 0,
        items = 0;
      do {
        const out = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: PREFIX, Delimiter: '/', ContinuationToken: token }));
        lists++;
        prefixes += out.CommonPrefixes?.length ?? 0;
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
      } while (token);
      let startKey: Record<string, AttributeValue> | undefined;
      do {
        const out = await dynamodb.send(new ScanCommand({ TableName: TABLE, ExclusiveStartKey: startKey }));
        scans++;
        items += out.Items?.length ?? 0;
        startKey = out.LastEvaluatedKey;
      } while (startKey);
      if (prefixes !== RUNS || items !== ITEMS) throw new Error(`plain listing saw ${prefixes} folders and ${items} items`);
      plainRequests = `${lists} list + ${scans} scan`;
    };

    const timed = async (fn: () => Promise<void>): Promise<number> => {
      collectGarbage();
      const t = performance.now();
      await fn();
      return performance.now() - t;
    };
    for (let i = 0; i < 2; i++) {
      await plain();
      await refresh();
    }
    const modelTimes: number[] = [];
    const plainTimes: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < PAIRS; i++) {
      const modelFirst = i % 2 === 1;
      const a = await timed(modelFirst ? refresh : plain);
      const b = await timed(modelFirst ? plain : refresh);
      const [m, p] = modelFirst ? [a, b] : [b, a];
      modelTimes.push(m);
      plainTimes.push(p);
      ratios.push(m / p);
    }
    const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    ctx.log(
      `plain listing + scan (${plainRequests} requests, ${LATENCY_MS} ms each): median ${median(plainTimes).toFixed(0)} ms, runs ${plainTimes.map((t) => t.toFixed(0)).join(' ')}`,
    );
    ctx.log(
      `model refresh (${modelRequests} requests): median ${median(modelTimes).toFixed(0)} ms, runs ${modelTimes.map((t) => t.toFixed(0)).join(' ')}`,
    );
    ctx.log(`per-pair ratios: ${ratios.map((x) => x.toFixed(2)).join(' ')}`);
    const ratio = median(ratios);
    const result: BenchResult = {
      name: 'manifest_diff_10k_vs_listing',
      value: ratio,
      unit: 'x',
      baseline: median(plainTimes),
      target: '<=1.2',
      pass: meets(ratio, '<=1.2'),
    };
    return [result];
  } finally {
    await aws.stop();
  }
};

export default suite;
