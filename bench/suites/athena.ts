// Athena result fetching against the loopback Athena (real SDK clients; DuckDB + s3rver in a
// separate process, like a remote service) with the same injected latency on every Athena and
// S3 request, standing in for a network round trip.
//  athena_fetch_1m_speedup:     1M rows via GetQueryResults paging ÷ via the direct S3 CSV read (target >= 10)
//  athena_fetch_1m_vs_download: direct S3 read ÷ plain S3 download of the same file, bytes discarded (target <= 1.3)
// Both fetches re-open the results of one finished query (AthenaEngine.results), so the timings
// hold only the fetch: GetQueryExecution + GetQueryResults (+ GetObject) + decoding rows.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { meets, medianMs, type BenchResult, type BenchSuite } from '../types';
import { createAthenaEngine, type AthenaEngine } from '../../src/core/engines/athena/athenaEngine';
import { parseS3Uri } from '../../src/core/aws/clientConfig';
import { TEST_CREDENTIALS } from '../../test/support/aws/athenaHarness';
import { S3RVER_CREDENTIALS } from '../../test/support/aws/s3';
import { spawnAthenaLoopback } from '../../test/support/aws/serveClient';

const ROWS = 1_000_000;
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

    const drain = async (engine: AthenaEngine): Promise<void> => {
      let n = 0;
      for await (const page of (await engine.results(queryId)).pages) n += page.length;
      if (n !== ROWS) throw new Error(`got ${n} rows, expected ${ROWS}`);
    };
    // Bytes read and dropped in-process: the tightest "download to /dev/null" (piping into an
    // fs stream on /dev/null adds a thread-pool write per chunk and makes the baseline slower).
    const download = async (): Promise<void> => {
      const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      let bytes = 0;
      for await (const chunk of out.Body as AsyncIterable<Uint8Array>) bytes += chunk.length;
      if (bytes === 0) throw new Error('empty result file');
    };

    // Breakdown only (not part of the results): this process's CPU per run (user + system, incl.
    // GC threads), averaged over the warm-up and the 5 timed runs. The download is mostly this
    // process receiving bytes; the direct read adds parsing on the same thread, so wall ≈ sum.
    const cpuMsPerRun = (before: NodeJS.CpuUsage): string => {
      const d = process.cpuUsage(before);
      return ((d.user + d.system) / 1000 / 6).toFixed(0);
    };
    let cpu = process.cpuUsage();
    const downloadMs = await medianMs(5, download);
    ctx.log(`download of the ${ROWS}-row result CSV (bytes discarded): ${downloadMs.toFixed(0)} ms (CPU here ~${cpuMsPerRun(cpu)} ms per run)`);
    cpu = process.cpuUsage();
    const directMs = await medianMs(5, () => drain(direct));
    ctx.log(`direct S3 read into rows: ${directMs.toFixed(0)} ms (CPU here ~${cpuMsPerRun(cpu)} ms per run)`);
    const t0 = performance.now();
    await drain(paging);
    const pagingMs = performance.now() - t0;
    ctx.log(`GetQueryResults paging (${Math.ceil((ROWS + 1) / 1000)} calls, ${LATENCY_MS} ms latency each): ${pagingMs.toFixed(0)} ms`);

    const speedup = pagingMs / directMs;
    const vsDownload = directMs / downloadMs;
    const results: BenchResult[] = [
      { name: 'athena_fetch_1m_speedup', value: speedup, unit: 'x', baseline: pagingMs, target: '>=10', pass: meets(speedup, '>=10') },
      { name: 'athena_fetch_1m_vs_download', value: vsDownload, unit: 'x', baseline: downloadMs, target: '<=1.3', pass: meets(vsDownload, '<=1.3') },
    ];
    return results;
  } finally {
    s3.destroy();
    for (const e of engines) await e.dispose();
    await lb.stop();
  }
};

export default suite;
