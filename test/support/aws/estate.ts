// The control-plane loopbacks the Clusters and Catalog views talk to, on one AWS loopback server
// (EMR, Glue, Redshift, Redshift Serverless, and with PostgreSQL the Redshift Data API; with
// DuckDB Athena) plus s3rver for step logs and Athena results. Tests start it on free ports;
// the sandbox (sandbox.ts) starts it on fixed ones and seeds it (sandboxSeed.ts).
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { AwsTarget } from '../../../src/core/clusters/awsTarget';
import { startPostgres, type TestPostgres } from '../postgres';
import { AwsLoopbackServer } from './loopbackServer';
import { LoopbackEmr, type EmrServiceOptions } from './emrService';
import { LoopbackGlue } from './glueService';
import { LoopbackRedshift } from './redshiftService';
import { LoopbackRedshiftData } from './redshiftDataService';
import { LoopbackAthena } from './athenaService';
import { startLoopbackS3, type LoopbackS3 } from './s3';

export const ESTATE_CREDENTIALS = { accessKeyId: 'AKIDLOOPBACKESTATE', secretAccessKey: 'loopback-estate-secret' };
export const LOG_BUCKET = 'dw-emr-logs';
export const DATA_BUCKET = 'dw-data-lake';
export const ATHENA_RESULTS_BUCKET = 'dw-athena-results';

export interface AwsEstateOptions {
  /** Port of the AWS loopback server (0 = free port). */
  port?: number;
  /** Port of s3rver's front (0 = free port). */
  s3Port?: number;
  /** s3rver's folder (kept after stop); a temp folder when absent. */
  s3Directory?: string;
  /** Start the test PostgreSQL and the Redshift Data API on it. */
  postgres?: boolean;
  /** The PostgreSQL database the Data API serves (created when missing); default the test one.
   * The sandbox uses `dev`, Redshift's default database name. */
  redshiftDatabase?: string;
  /** Start an in-memory DuckDB and Athena on it. */
  athena?: boolean;
  /** EMR's clock (tests step time by hand). */
  emrClock?: () => number;
  /** Runs submitted EMR steps for real (the sandbox: the local target). */
  emrStepRunner?: EmrServiceOptions['stepRunner'];
}

export interface AwsEstate {
  server: AwsLoopbackServer;
  s3: LoopbackS3;
  emr: LoopbackEmr;
  glue: LoopbackGlue;
  redshift: LoopbackRedshift;
  data?: LoopbackRedshiftData;
  /** The PostgreSQL database behind the Data API. */
  redshiftDatabase?: string;
  postgres?: TestPostgres;
  athena?: LoopbackAthena;
  duckdb?: DuckDBConnection;
  /** Everything an explorer model needs to talk to this estate (explicit endpoints and keys). */
  target: AwsTarget;
  stop(): Promise<void>;
}

export async function startAwsEstate(options: AwsEstateOptions = {}): Promise<AwsEstate> {
  const s3 = await startLoopbackS3([LOG_BUCKET, DATA_BUCKET, ATHENA_RESULTS_BUCKET], {
    port: options.s3Port,
    directory: options.s3Directory,
  });
  const server = new AwsLoopbackServer();
  const emr = new LoopbackEmr({ s3: s3.client, clock: options.emrClock, stepRunner: options.emrStepRunner });
  const glue = new LoopbackGlue();
  const redshift = new LoopbackRedshift();
  server.register(emr.definition());
  server.register(glue.definition());
  server.register(redshift.provisionedDefinition());
  server.register(redshift.serverlessDefinition());
  let postgres: TestPostgres | undefined;
  let data: LoopbackRedshiftData | undefined;
  if (options.postgres) {
    postgres = await startPostgres();
    const database = options.redshiftDatabase ?? postgres.database;
    if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`redshiftDatabase must be a plain lower-case name, got ${database}`);
    if (!postgres.adminSql(`SELECT 1 FROM pg_database WHERE datname = '${database}'`).trim())
      postgres.adminSql(`CREATE DATABASE ${database} OWNER ${postgres.user}`);
    data = new LoopbackRedshiftData({
      host: postgres.host,
      port: postgres.port,
      user: postgres.user,
      password: postgres.password,
      database,
    });
    data.s3 = s3.client;
    server.register(data.definition());
  }
  let instance: DuckDBInstance | undefined;
  let duckdb: DuckDBConnection | undefined;
  let athena: LoopbackAthena | undefined;
  if (options.athena) {
    instance = await DuckDBInstance.create(':memory:');
    duckdb = await instance.connect();
    athena = new LoopbackAthena({ duckdb, s3: s3.client, defaultOutputLocation: `s3://${ATHENA_RESULTS_BUCKET}/default/` });
    server.register(athena.definition());
  }
  await server.start(options.port ?? 0);
  const e = server.endpoint;
  const target: AwsTarget = {
    region: 'us-east-1',
    credentials: ESTATE_CREDENTIALS,
    endpoints: { emr: e, glue: e, redshift: e, redshiftServerless: e, redshiftData: e, athena: e, s3: s3.endpoint },
  };
  return {
    server,
    s3,
    emr,
    glue,
    redshift,
    data,
    postgres,
    athena,
    duckdb,
    target,
    redshiftDatabase: data ? (options.redshiftDatabase ?? postgres?.database) : undefined,
    async stop() {
      await server.stop();
      await Promise.all(emr.pendingLogWrites);
      await s3.stop();
      duckdb?.closeSync();
      instance?.closeSync();
    },
  };
}
