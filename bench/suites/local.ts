// Local engine overhead: fetching 1,000,000 rows × 10 mixed-type columns through
// LocalEngine.execute pages vs reading the same streamed result with @duckdb/node-api directly
// (same process, same query, every value of every chunk read into row arrays).
import { LocalEngine } from '../../src/core/engines/duckdb';
import { meets, type BenchSuite } from '../types';

const ROWS = 1_000_000;

export const MIXED_QUERY = `SELECT
  range AS id,
  (range % 1000)::INTEGER AS n,
  range::DOUBLE * 1.5 AS d,
  ((range % 100000) / 100)::DECIMAL(18,2) AS amount,
  'user-' || (range % 5000) AS user_id,
  TIMESTAMP '2024-06-03' + to_microseconds(range * 1000003) AS ts,
  DATE '2024-01-01' + (range % 365)::INTEGER AS day,
  range % 2 = 0 AS flag,
  CASE WHEN range % 7 = 0 THEN NULL ELSE 'x' || (range % 13) END AS maybe,
  (range * 2654435761) % 4294967296 AS big
FROM range(${ROWS})`;

const suite: BenchSuite = async (ctx) => {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const direct = await instance.connect();
  const engine = new LocalEngine({ sampleData: false });
  await engine.connect();
  try {
    const viaEngine = async (): Promise<number> => {
      const execution = await engine.execute(MIXED_QUERY, { pageSize: 1000 });
      let rows = 0;
      for await (const page of execution.pages) rows += page.length;
      if (rows !== ROWS) throw new Error(`engine returned ${rows} rows`);
      return rows;
    };
    const viaNodeApi = async (): Promise<number> => {
      const result = await direct.stream(MIXED_QUERY);
      const width = result.columnCount;
      let rows = 0;
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        const n = chunk.rowCount;
        const out: unknown[][] = new Array(n);
        for (let r = 0; r < n; r++) out[r] = new Array(width);
        for (let c = 0; c < width; c++) {
          const vector = chunk.getColumnVector(c);
          for (let r = 0; r < n; r++) out[r][c] = vector.getItem(r);
        }
        rows += out.length;
      }
      if (rows !== ROWS) throw new Error(`node-api returned ${rows} rows`);
      return rows;
    };
    // Interleave so both see the same machine load; median of 5 after a warm-up each.
    const engineTimes: number[] = [];
    const baselineTimes: number[] = [];
    await viaEngine();
    await viaNodeApi();
    for (let i = 0; i < 5; i++) {
      engineTimes.push(await time(viaEngine));
      baselineTimes.push(await time(viaNodeApi));
    }
    const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const engineMs = med(engineTimes);
    const baselineMs = med(baselineTimes);
    ctx.log(`LocalEngine ${engineMs.toFixed(0)} ms, node-api direct ${baselineMs.toFixed(0)} ms for ${ROWS} rows × 10 columns`);
    const ratio = engineMs / baselineMs;
    const target = '<=1.2';
    return [{ name: 'local_fetch_1m_vs_duckdb', value: ratio, unit: 'ratio', baseline: baselineMs, target, pass: meets(ratio, target) }];
  } finally {
    await engine.dispose();
    direct.closeSync();
    instance.closeSync();
  }
};

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export default suite;
