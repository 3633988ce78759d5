// Builds the Engine for a connection. Each backend is loaded with a dynamic import only when a
// connection of that kind first runs a query, so activation never pays for DuckDB, pg or the AWS SDK.
import type { ConnectionConfig } from '../connections/types';
import { EngineError, type Engine } from './engine';

export interface EngineFactoryOptions {
  /** For postgres and Redshift over the wire; from SecretStorage or a prompt. Never logged. */
  password?: string;
  /** Local engine: DuckDB's memory limit in MB (its temp directory goes under cacheDir). */
  duckdbMemoryLimitMB?: number;
  /** Postgres/Redshift wire: the user allowed this host to get the password without TLS. */
  allowPlaintextPassword?: boolean;
  /** Where an engine may keep files between sessions (downloaded results, the sample data). */
  cacheDir?: string;
  log?: (message: string) => void;
  /** Progress of a slow first connect (the local engine building its sample data). */
  onProgress?: (progress: { fraction: number; message: string }) => void;
}

/** Raised when a backend module cannot be loaded (not built yet, or missing from the package). */
export class EngineUnavailableError extends EngineError {
  constructor(kind: string, cause: unknown) {
    super(`The ${kind} engine could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}`, {
      category: 'internal',
      cause,
    });
    this.name = 'EngineUnavailableError';
  }
}

async function load<T>(what: string, importer: () => Promise<T>): Promise<T> {
  try {
    return await importer();
  } catch (err) {
    throw new EngineUnavailableError(what, err);
  }
}

export async function createEngine(config: ConnectionConfig, options: EngineFactoryOptions = {}): Promise<Engine> {
  switch (config.kind) {
    case 'local': {
      // src/core/engines/duckdb: @duckdb/node-api is loaded inside, on connect.
      const { createLocalEngine } = await load('local DuckDB', () => import('./duckdb/localEngine'));
      return createLocalEngine({
        databasePath: config.databasePath,
        sampleData: config.sampleData,
        cacheDir: options.cacheDir,
        onProgress: options.onProgress,
        memoryLimitMB: options.duckdbMemoryLimitMB,
      });
    }
    case 'postgres': {
      // src/core/engines/postgres: pg is loaded inside, on connect.
      const { createPostgresEngine } = await load('PostgreSQL', () => import('./postgres'));
      return createPostgresEngine(config, { password: options.password, allowPlaintextPassword: options.allowPlaintextPassword });
    }
    case 'redshift':
      if (config.mode === 'wire') {
        const { createPostgresEngine } = await load('Redshift (wire)', () => import('./postgres'));
        return createPostgresEngine(config, { password: options.password, allowPlaintextPassword: options.allowPlaintextPassword });
      }
      {
        // src/core/engines/redshiftData: @aws-sdk/client-redshift-data, created inside on connect.
        const { createRedshiftDataEngine } = await load('Redshift Data API', () => import('./redshiftData/redshiftDataEngine'));
        return createRedshiftDataEngine(config, { log: options.log });
      }
    case 'athena': {
      // src/core/engines/athena: AWS SDK clients are created inside, on connect.
      const { createAthenaEngine } = await load('Athena', () => import('./athena/athenaEngine'));
      return createAthenaEngine(config, { log: options.log });
    }
  }
}
