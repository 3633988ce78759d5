// Engines against the shared throwaway PostgreSQL (test/support/postgres.ts).
import type { PostgresConnection, RedshiftConnection, SslMode } from '../../../src/core/connections/types';
import { createPostgresEngine, type PostgresEngine, type PostgresEngineOptions } from '../../../src/core/engines/postgres';
import { startPostgres, type TestPostgres } from '../../support/postgres';

export interface EngineSetup {
  kind?: 'postgres' | 'redshift';
  ssl?: SslMode;
  statementTimeoutMs?: number;
  options?: PostgresEngineOptions;
  host?: string;
  port?: number;
  user?: string;
}

export async function server(): Promise<TestPostgres> {
  return startPostgres();
}

export async function engineFor(setup: EngineSetup = {}): Promise<PostgresEngine> {
  const pg = await startPostgres();
  const common = {
    name: 'test',
    host: setup.host ?? pg.host,
    port: setup.port ?? pg.port,
    user: setup.user ?? pg.user,
    database: pg.database,
    ssl: setup.ssl ?? 'disable',
    statementTimeoutMs: setup.statementTimeoutMs,
  };
  const config: PostgresConnection | RedshiftConnection =
    setup.kind === 'redshift' ? { ...common, kind: 'redshift', mode: 'wire' } : { ...common, kind: 'postgres' };
  return createPostgresEngine(config, { password: pg.password, ...setup.options });
}

/** Runs `sql` as the superuser and returns psql's unaligned text (the server's own rendering). */
export async function adminSql(sql: string): Promise<string> {
  const pg = await startPostgres();
  return pg.adminSql(sql, pg.database).trim();
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
