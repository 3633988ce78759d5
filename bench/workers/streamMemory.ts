// One run of the stream-memory bench in a fresh process (so its peak RSS is its own): a ROWS-row
// result from the local DuckDB engine read page by page into the Results panel's ResultSession
// (the loop streamRun uses, stopping at the memory limit), then every row exported to CSV through
// the session's export source (which reads the result again). Prints one JSON line of peaks.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalEngine } from '../../src/core/engines/duckdb';
import { exportResult } from '../../src/core/results/export';
import { ResultSession } from '../../src/core/results/session';

const rows = Number(process.argv[2]);
const resultsLimitMb = Number(process.argv[3]);
const duckdbLimitMb = Number(process.argv[4]);

/** The local bench's 10 mixed-type columns (numbers, decimals, strings, timestamps, dates, NULLs). */
function mixedQuery(n: number): string {
  return `SELECT range AS id, (range % 1000)::INTEGER AS n, range::DOUBLE * 1.5 AS d,
  ((range % 100000) / 100)::DECIMAL(18,2) AS amount, 'user-' || (range % 5000) AS user_id,
  TIMESTAMP '2024-06-03' + to_microseconds(range * 1000003) AS ts, DATE '2024-01-01' + (range % 365)::INTEGER AS day,
  range % 2 = 0 AS flag, CASE WHEN range % 7 = 0 THEN NULL ELSE 'x' || (range % 13) END AS maybe,
  (range * 2654435761) % 4294967296 AS big
FROM range(${n})`;
}

/** The kernel's own peak resident set (VmHWM), native DuckDB memory included. */
function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 2 ** 20;
}

/** Heap still reachable after a full collection (needs --expose-gc): what is really held. */
function liveHeapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

async function main(): Promise<void> {
  let peakHeap = 0;
  let peakExternal = 0;
  const sample = (): void => {
    const u = process.memoryUsage();
    peakHeap = Math.max(peakHeap, u.heapUsed);
    peakExternal = Math.max(peakExternal, u.external + u.arrayBuffers);
  };
  const sampler = setInterval(sample, 10);
  if (process.env.DW_BENCH_TRACE)
    setInterval(
      () =>
        console.error(
          `heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
        ),
      2000,
    ).unref();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dw-stream-bench-'));
  const engine = new LocalEngine({ sampleData: false, memoryLimitMB: duckdbLimitMb, tempDirectory: path.join(dir, 'spill') });
  try {
    await engine.connect();
    const sql = mixedQuery(rows);
    const t0 = performance.now();
    const session = new ResultSession({ memoryLimitBytes: resultsLimitMb * 2 ** 20 });
    const execution = await engine.execute(sql, { pageSize: 1000 });
    session.columns = execution.columns;
    for await (const page of execution.pages) {
      sample(); // also between pages: a busy loop can starve the timer
      if (!session.append(page)) break;
    }
    session.status = 'done';
    const gridMs = performance.now() - t0;
    const gridRows = session.rowCount;
    const gridPeakRss = peakRssMb();
    const gridLiveHeap = liveHeapMb();
    const file = path.join(dir, 'export.csv');
    const t1 = performance.now();
    const exported = await exportResult(
      'csv',
      session.exportSource((signal) => engine.execute(sql, { pageSize: 1000, signal })),
      file,
      { onProgress: sample },
    );
    const exportMs = performance.now() - t1;
    sample();
    const exportLiveHeap = liveHeapMb();
    if (exported !== rows) throw new Error(`exported ${exported} rows, expected ${rows}`);
    console.log(
      JSON.stringify({
        rows,
        gridRows,
        truncated: session.truncated,
        exported,
        csvMb: statSync(file).size / 2 ** 20,
        gridMs,
        exportMs,
        gridPeakRssMb: gridPeakRss,
        peakRssMb: peakRssMb(),
        peakHeapMb: peakHeap / 2 ** 20,
        peakExternalMb: peakExternal / 2 ** 20,
        gridLiveHeapMb: gridLiveHeap,
        exportLiveHeapMb: exportLiveHeap,
      }),
    );
  } finally {
    clearInterval(sampler);
    await engine.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
