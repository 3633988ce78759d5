// The embedded default's SQL manifest: on the local DuckDB connection, `derived.etl_manifest`
// records the older ETL timestamps of the sample `atomic.events` as consumed, so the SQL-manifest
// view shows consumed batches and the newest ones waiting.
import { collectRows, type Engine } from '../engines/engine';
import { createSqlManifestStatements, qualified, quoteIdent, type SqlManifestConfig } from './sqlManifest';

export const LOCAL_SQL_MANIFEST: SqlManifestConfig = {
  manifest: { schema: 'derived', name: 'etl_manifest' },
  timestampColumn: 'etl_tstamp',
  events: { schema: 'atomic', name: 'events' },
  eventsTimestampColumn: 'etl_tstamp',
};

/** Creates the manifest table if missing and, when it is empty, marks the oldest
 * `consumedFraction` of the distinct ETL timestamps consumed. Returns the rows it added. */
export async function createLocalSqlManifest(
  engine: Engine,
  options: { config?: SqlManifestConfig; consumedFraction?: number; signal?: AbortSignal } = {},
): Promise<number> {
  if (engine.kind !== 'local') throw new Error('The sample SQL manifest is for the local DuckDB connection');
  const config = options.config ?? LOCAL_SQL_MANIFEST;
  const fraction = options.consumedFraction ?? 0.85;
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`consumedFraction must be in [0, 1], got ${fraction}`);
  for (const sql of createSqlManifestStatements(config)) await collectRows(await engine.execute(sql, options));
  const manifest = qualified(config.manifest);
  const ts = quoteIdent(config.timestampColumn ?? 'etl_tstamp');
  const [[existing]] = await collectRows(await engine.execute(`SELECT COUNT(*) FROM ${manifest}`, options));
  if (Number(existing) > 0) return 0;
  const events = qualified(config.events ?? { schema: 'atomic', name: 'events' });
  const eventTs = quoteIdent(config.eventsTimestampColumn ?? 'etl_tstamp');
  const cutoff = `(SELECT quantile_disc(${eventTs}, ${fraction}) FROM (SELECT DISTINCT ${eventTs} FROM ${events} WHERE ${eventTs} IS NOT NULL))`;
  const execution = await engine.execute(
    `INSERT INTO ${manifest} (${ts}, consumed_at) SELECT DISTINCT ${eventTs}, CURRENT_TIMESTAMP FROM ${events} WHERE ${eventTs} <= ${cutoff}`,
    options,
  );
  await collectRows(execution);
  return execution.info.rowsAffected ?? 0;
}
