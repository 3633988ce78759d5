// Builds and caches the sample `atomic.events` table. The generated TSV is loaded once (explicit
// column types) into a small DuckDB database file in the cache directory, named after the
// generator version and options; later starts copy the table from that file in well under a
// second instead of regenerating 175 MB of TSV. Files are built under a temporary name and
// renamed, so a crash never leaves a cache that looks complete.
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { SAMPLE_GENERATOR_VERSION, resolveSampleOptions, sampleCacheKey, writeSampleEvents, type SampleOptions } from '../../sample';
import { quoteLiteral, selectAtomicEventsFromTsv } from './sql';

export interface LoadProgress {
  phase: 'generating' | 'loading' | 'copying' | 'ready';
  /** 0..1 over the whole load. */
  fraction: number;
  message: string;
}

export type ProgressCallback = (progress: LoadProgress) => void;

export function defaultCacheDir(): string {
  return path.join(os.tmpdir(), 'data-workbench-sample-cache');
}

export function sampleCacheFile(cacheDir: string, options: SampleOptions): string {
  return path.join(cacheDir, `sample-events-${sampleCacheKey(options)}.duckdb`);
}

/** Runs `sql`, reporting DuckDB's own progress (0..100) mapped into [from, to]. */
async function runWithProgress(
  conn: DuckDBConnection,
  sql: string,
  signal: AbortSignal | undefined,
  report: (fraction: number) => void,
): Promise<void> {
  signal?.throwIfAborted();
  const interrupt = (): void => conn.interrupt();
  signal?.addEventListener('abort', interrupt);
  const timer = setInterval(() => {
    const pct = conn.progress.percentage;
    if (pct >= 0) report(Math.min(1, pct / 100));
  }, 200);
  try {
    await conn.run(sql);
  } catch (e) {
    signal?.throwIfAborted();
    throw e;
  } finally {
    clearInterval(timer);
    signal?.removeEventListener('abort', interrupt);
  }
}

/** Caches written by older generator versions are never read again; drop them. */
async function removeOutdatedCaches(cacheDir: string): Promise<void> {
  for (const name of await readdir(cacheDir).catch(() => [] as string[])) {
    const m = /^sample-events-v(\d+)-.*\.duckdb(\.wal)?$/.exec(name);
    if (m && Number(m[1]) < SAMPLE_GENERATOR_VERSION) await rm(path.join(cacheDir, name), { force: true }).catch(() => undefined);
  }
}

/** Makes sure the cache file for `options` exists; returns its path. */
export async function ensureSampleCache(
  conn: DuckDBConnection,
  cacheDir: string,
  options: SampleOptions,
  onProgress: ProgressCallback | undefined,
  signal: AbortSignal | undefined,
): Promise<string> {
  const resolved = resolveSampleOptions(options);
  const file = sampleCacheFile(cacheDir, resolved);
  if (existsSync(file)) return file;
  await mkdir(cacheDir, { recursive: true });
  const stamp = `${process.pid}-${Date.now()}`;
  const tsv = path.join(cacheDir, `.sample-${stamp}.tsv`);
  const partialDb = path.join(cacheDir, `.sample-${stamp}.duckdb`);
  const alias = `dw_sample_build_${process.pid}`;
  let attached = false;
  try {
    await writeSampleEvents(tsv, resolved, {
      signal,
      onProgress: (p) =>
        onProgress?.({
          phase: 'generating',
          fraction: 0.6 * (p.eventsWritten / p.eventsTotal),
          message: `Generating sample events: ${p.eventsWritten.toLocaleString('en-US')} of ${p.eventsTotal.toLocaleString('en-US')}`,
        }),
    });
    await conn.run(`ATTACH ${quoteLiteral(partialDb)} AS ${alias}`);
    attached = true;
    await conn.run(`CREATE SCHEMA ${alias}.atomic`);
    onProgress?.({ phase: 'loading', fraction: 0.6, message: 'Loading sample events into DuckDB' });
    await runWithProgress(conn, `CREATE TABLE ${alias}.atomic.events AS ${selectAtomicEventsFromTsv(tsv)}`, signal, (f) =>
      onProgress?.({ phase: 'loading', fraction: 0.6 + 0.35 * f, message: 'Loading sample events into DuckDB' }),
    );
    await conn.run(`DETACH ${alias}`);
    attached = false;
    await rename(partialDb, file);
    await removeOutdatedCaches(cacheDir);
    return file;
  } catch (e) {
    if (attached) await conn.run(`DETACH ${alias}`).catch(() => undefined);
    await rm(partialDb, { force: true });
    await rm(`${partialDb}.wal`, { force: true });
    throw e;
  } finally {
    await rm(tsv, { force: true });
  }
}

/** Creates `atomic.events` in the connection's current database from the cache file, unless the
 * database already has one (a persistent database keeps its own). */
export async function loadSampleEvents(
  conn: DuckDBConnection,
  cacheDir: string,
  options: SampleOptions,
  report: ProgressCallback | undefined,
  signal: AbortSignal | undefined,
): Promise<void> {
  // Progress only ever moves forward, whatever DuckDB's own estimate does.
  let highest = 0;
  const onProgress: ProgressCallback | undefined =
    report &&
    ((p) => {
      highest = Math.max(highest, p.fraction);
      report({ ...p, fraction: highest });
    });
  const existing = await conn.runAndReadAll(
    `SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'atomic' AND table_name = 'events'`,
  );
  if (Number(existing.getRows()[0][0]) > 0) return;
  let file = await ensureSampleCache(conn, cacheDir, options, onProgress, signal);
  const alias = `dw_sample_cache_${process.pid}`;
  try {
    await conn.run(`ATTACH ${quoteLiteral(file)} AS ${alias} (READ_ONLY)`);
  } catch {
    // A damaged cache file (disk full, killed mid-rename on another OS): rebuild it once.
    await rm(file, { force: true });
    file = await ensureSampleCache(conn, cacheDir, options, onProgress, signal);
    await conn.run(`ATTACH ${quoteLiteral(file)} AS ${alias} (READ_ONLY)`);
  }
  try {
    onProgress?.({ phase: 'copying', fraction: 0.95, message: 'Opening sample events' });
    await conn.run(`CREATE SCHEMA IF NOT EXISTS atomic`);
    await conn.run(`CREATE TABLE atomic.events AS SELECT * FROM ${alias}.atomic.events`);
  } finally {
    await conn.run(`DETACH ${alias}`).catch(() => undefined);
  }
  onProgress?.({ phase: 'ready', fraction: 1, message: 'Sample events ready' });
}
