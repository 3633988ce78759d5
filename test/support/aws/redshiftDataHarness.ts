// One call to get a loopback Redshift Data API on the shared test PostgreSQL.
import type { RedshiftConnection } from '../../../src/core/connections/types';
import { startPostgres, type TestPostgres } from '../postgres';
import { AwsLoopbackServer } from './loopbackServer';
import { LoopbackRedshiftData } from './redshiftDataService';
import { startLoopbackS3, type LoopbackS3 } from './s3';

export interface RedshiftDataLoopback {
  server: AwsLoopbackServer;
  service: LoopbackRedshiftData;
  postgres: TestPostgres;
  /** Provisioned cluster with temporary credentials for `dbUser`. */
  provisioned: RedshiftConnection;
  /** Serverless workgroup. */
  serverless: RedshiftConnection;
  /** With `s3Buckets`: s3rver that UNLOAD writes to (the connections get `s3Endpoint`). */
  s3?: LoopbackS3;
  stop(): Promise<void>;
}

export async function startRedshiftDataLoopback(options: { s3Buckets?: string[] } = {}): Promise<RedshiftDataLoopback> {
  const postgres = await startPostgres();
  const s3 = options.s3Buckets?.length ? await startLoopbackS3(options.s3Buckets) : undefined;
  const service = new LoopbackRedshiftData({
    host: postgres.host,
    port: postgres.port,
    user: postgres.user,
    password: postgres.password,
    database: postgres.database,
  });
  const server = new AwsLoopbackServer();
  server.register(service.definition());
  await server.start();
  if (s3) service.s3 = s3.client;
  const base = {
    kind: 'redshift' as const,
    mode: 'data-api' as const,
    database: postgres.database,
    region: 'us-east-1',
    endpoint: server.endpoint,
    ...(s3 ? { s3Endpoint: s3.endpoint } : {}),
  };
  return {
    server,
    service,
    postgres,
    s3,
    provisioned: { ...base, name: 'loopback-provisioned', clusterIdentifier: 'loopback-cluster', dbUser: 'analyst' },
    serverless: { ...base, name: 'loopback-serverless', workgroupName: 'loopback-wg' },
    async stop() {
      await server.stop();
      await s3?.stop();
    },
  };
}
