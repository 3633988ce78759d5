// Athena result fetching against the loopback Athena (real SDK clients; DuckDB + s3rver in a
// separate process, like a remote service) with the same injected latency on every Athena and
// S3 request, standing in for a network round trip.
//  athena_fetch_1m_speedup:     1M rows via GetQueryResults paging ÷ via the direct S3 CSV read (target >= 10),
//                               both kept in the Results panel's RowStore
//  athena_fetch_1m_vs_download: direct S3 read ÷ plain S3 download of the same file, bytes discarded,
//                               median over alternating pairs (target <= 1.3)
// Both fetches re-open the results of one finished query (AthenaEngine.results), so the timings
// hold only the fetch: GetQueryExecution + GetQueryResults (+ GetObject) + decoding rows.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { meets, type BenchResult, type BenchSuite } from '../types';
import { createAthenaEngine, type AthenaEngine } from '../../src/core/engines/athena/athenaEngine';
import { parseS3Uri } from '../../src/core/aws/clientConfig';
import { RowStore } from '../../src/core/results/rowStore';
import { TEST_CREDENTIALS } from '../../test/support/aws/athenaHarness';
import { S3RVER_CREDENTIALS } from '../../test/support/aws/s3';
import { spawnAthenaLoopback } from '../../test/support/aws/serveClient';

const ROWS = 1_000_000;

/** `npm run bench` runs node with --expose-gc; without it the timings carry the GC drift above. */
const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();
const LATENCY_MS = 20;

const suite: BenchSuite = async (ctx) => {
  const lb = await spawnAthenaLoopback();
  const engines: AthenaEngine[] = [];
  const s3 = new S3Client({ endpoint: lb.s3Endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
  try {
    // A Snowplow-ish event table: integers, text, doubles, booleans, NULLs, timestamps.
    await lb.sql(`create table events as select i::bigint as event_id, 'user_' || (i % 50000) as user_id, (i * 0.25)::double as value,
      i % 3 = 0 as is_new, case when i % 10 = 0 then null else 'page_view' end as event_name, timestamp '2024-01-01' + to_seconds(i) as collector_tstamp
      from range(${ROWS}) r(i)`);
    const direct = createAthenaEngine(lb.connection, { credentials: TEST_CREDENTIALS, poll: { initialMs: 20, maxMs: 200 } });
    const paging = createAthenaEngine(lb.connection, { credentials: TEST_CREDENTIALS, directS3Read: false });
    engines.push(direct, paging);
    const first = await direct.execute('select * from events order by event_id');
    const queryId = first.info.queryId!;
    for await (const page of first.pages) void page;
    const { bucket, key } = parseS3Uri(await lb.outputLocation(queryId));
    await lb.setLatency(LATENCY_MS);

    // Rows are kept, as the Results panel keeps them (its RowStore), not dropped: keeping a
    // million rows is what costs (the garbage collector copies and promotes whatever survives).
    const drain = async (engine: AthenaEngine): Promise<void> => {
      const store = new RowStore();
      for await (const page of (await engine.results(queryId)).pages) store.append(page);
      if (store.length !== ROWS) throw new Error(`got ${store.length} rows, expected ${ROWS}`);
      const last = store.get(ROWS - 1);
      if (last[0] !== ROWS - 1) throw new Error(`last row is ${JSON.stringify(last)}`);
    };
    // Bytes read and dropped in-process: the tightest "download to /dev/null" (piping into an
    // fs stream on /dev/null adds a thread-pool write per chunk and makes the baseline slower).
    let downloadChunks = 0;
    const download = async (): Promise<void> => {
      const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      let bytes = 0;
      downloadChunks = 0;
      for await (const chunk of out.Body as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        downloadChunks++;
      }
      if (bytes === 0) throw new Error('empty result file');
    };

    // The two are timed in alternating pairs (the order flipped every pair) and the ratio is the
    // median of the per-pair ratios: s3rver's speed on this 2-core VM drifts between runs (the same
    // download took 119 ms in one run and 449 ms in another), and a pair sees one machine state.
    // Each run starts after a full GC: otherwise the collection of one direct read's million
    // rows runs during the next run and is charged to whichever comes next (a download then took
    // 250-470 ms instead of 100-120). That GC also hands the previous result's slabs back to the
    // pool (slabPool.ts), as when a query runs again in the editor; the very first result after
    // start faults in fresh pages instead. CPU per run (user + system of this process, incl. GC
    // threads) is a breakdown only. Single pairs on this VM range from 0.8 to 1.8, hence 11.
    const PAIRS = 11;
    // Steady state: the block reader's loops take a few runs to reach optimized code.
    for (let i = 0; i < 3; i++) {
      await download();
      await drain(direct);
    }
    const downloadTimes: number[] = [];
    const directTimes: number[] = [];
    const ratios: number[] = [];
    let downloadCpu = 0;
    let directCpu = 0;
    const timed = async (fn: () => Promise<void>): Promise<{ ms: number; cpuMs: number }> => {
      collectGarbage();
      const cpu = process.cpuUsage();
      const t = performance.now();
      await fn();
      const ms = performance.now() - t;
      const d = process.cpuUsage(cpu);
      return { ms, cpuMs: (d.user + d.system) / 1000 };
    };
    for (let i = 0; i < PAIRS; i++) {
      const first = i % 2 === 0 ? 'download' : 'direct';
      const a = await timed(first === 'download' ? download : () => drain(direct));
      const b = await timed(first === 'download' ? () => drain(direct) : download);
      const [d, r] = first === 'download' ? [a, b] : [b, a];
      downloadTimes.push(d.ms);
      directTimes.push(r.ms);
      ratios.push(r.ms / d.ms);
      downloadCpu += d.cpuMs;
      directCpu += r.cpuMs;
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const downloadMs = median(downloadTimes);
    const directMs = median(directTimes);
    ctx.log(
      `download of the ${ROWS}-row result CSV (bytes discarded): median ${downloadMs.toFixed(0)} ms, runs ${downloadTimes.map((t) => t.toFixed(0)).join(' ')} (CPU here ~${(downloadCpu / PAIRS).toFixed(0)} ms per run; ${downloadChunks} chunks in the last one)`,
    );
    ctx.log(
      `direct S3 read into rows: median ${directMs.toFixed(0)} ms, runs ${directTimes.map((t) => t.toFixed(0)).join(' ')} (CPU here ~${(directCpu / PAIRS).toFixed(0)} ms per run)`,
    );
    ctx.log(`per-pair ratios: ${ratios.map((x) => x.toFixed(2)).join(' ')}`);
    const t0 = performance.now();
    await drain(paging);
    const pagingMs = performance.now() - t0;
    ctx.log(`GetQueryResults paging (${Math.ceil((ROWS + 1) / 1000)} calls, ${LATENCY_MS} ms latency each): ${pagingMs.toFixed(0)} ms`);

    const speedup = pagingMs / directMs;
    const vsDownload = median(ratios);
    const results: BenchResult[] = [
      { name: 'athena_fetch_1m_speedup', value: speedup, unit: 'x', baseline: pagingMs, target: '>=10', pass: meets(speedup, '>=10') },
      {
        name: 'athena_fetch_1m_vs_download',
        value: vsDownload,
        unit: 'x',
        baseline: downloadMs,
        target: '<=1.3',
        pass: meets(vsDownload, '<=1.3'),
      },
    ];
    return results;
  } finally {
    s3.destroy();
    for (const e of engines) await e.dispose();
    await lb.stop();
  }
};

export default suite;
