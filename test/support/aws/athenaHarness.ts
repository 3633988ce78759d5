// One call to get a loopback Athena: AWS JSON server + real DuckDB + s3rver for results.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { AthenaConnection } from '../../../src/core/connections/types';
import { AwsLoopbackServer } from './loopbackServer';
import { LoopbackAthena } from './athenaService';
import { startLoopbackS3, type LoopbackS3 } from './s3';

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDLOOPBACKTEST', secretAccessKey: 'loopback-secret' };
export const RESULTS_BUCKET = 'athena-results';

export interface AthenaLoopback {
  server: AwsLoopbackServer;
  athena: LoopbackAthena;
  s3: LoopbackS3;
  duckdb: DuckDBConnection;
  connection: AthenaConnection;
  stop(): Promise<void>;
}

export async function startAthenaLoopback(): Promise<AthenaLoopback> {
  const instance = await DuckDBInstance.create(':memory:');
  const duckdb = await instance.connect();
  const s3 = await startLoopbackS3([RESULTS_BUCKET]);
  const athena = new LoopbackAthena({ duckdb, s3: s3.client, defaultOutputLocation: `s3://${RESULTS_BUCKET}/default/` });
  const server = new AwsLoopbackServer();
  server.register(athena.definition());
  await server.start();
  const connection: AthenaConnection = {
    name: 'loopback-athena',
    kind: 'athena',
    region: 'us-east-1',
    workgroup: 'primary',
    catalog: 'AwsDataCatalog',
    database: 'default',
    outputLocation: `s3://${RESULTS_BUCKET}/queries/`,
    endpoint: server.endpoint,
    s3Endpoint: s3.endpoint,
  };
  return {
    server,
    athena,
    s3,
    duckdb,
    connection,
    async stop() {
      await server.stop();
      await s3.stop();
      duckdb.closeSync();
      instance.closeSync();
    },
  };
}
