// A benchmark suite is a file in bench/suites/ whose default export returns results.
// Targets are ratios against a baseline measured in the same run, never absolute timings
// checked in unit tests.
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The same work done by the reference (e.g. DuckDB directly, psql, sqlglot) in this run. */
  baseline: number;
  /** Human-readable target such as "<=1.2" or ">=5". */
  target: string;
  pass: boolean;
}

export interface BenchContext {
  /** Repository root. */
  root: string;
  log(message: string): void;
}

export type BenchSuite = (ctx: BenchContext) => Promise<BenchResult[]>;

/** Checks `value` against a target written as "<=X" or ">=X". */
export function meets(value: number, target: string): boolean {
  const m = /^(<=|>=)\s*([0-9.]+)$/.exec(target.trim());
  if (!m) throw new Error(`bad target ${target}`);
  return m[1] === '<=' ? value <= Number(m[2]) : value >= Number(m[2]);
}

/** Median of `runs` timings of `fn` in milliseconds, after one warm-up. */
export async function medianMs(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
