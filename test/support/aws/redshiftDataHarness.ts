// One call to get a loopback Redshift Data API on the shared test PostgreSQL.
import type { RedshiftConnection } from '../../../src/core/connections/types';
import { startPostgres, type TestPostgres } from '../postgres';
import { AwsLoopbackServer } from './loopbackServer';
import { LoopbackRedshiftData } from './redshiftDataService';

export interface RedshiftDataLoopback {
  server: AwsLoopbackServer;
  service: LoopbackRedshiftData;
  postgres: TestPostgres;
  /** Provisioned cluster with temporary credentials for `dbUser`. */
  provisioned: RedshiftConnection;
  /** Serverless workgroup. */
  serverless: RedshiftConnection;
  stop(): Promise<void>;
}

export async function startRedshiftDataLoopback(): Promise<RedshiftDataLoopback> {
  const postgres = await startPostgres();
  const service = new LoopbackRedshiftData({ host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: postgres.database });
  const server = new AwsLoopbackServer();
  server.register(service.definition());
  await server.start();
  const base = { kind: 'redshift' as const, mode: 'data-api' as const, database: postgres.database, region: 'us-east-1', endpoint: server.endpoint };
  return {
    server, service, postgres,
    provisioned: { ...base, name: 'loopback-provisioned', clusterIdentifier: 'loopback-cluster', dbUser: 'analyst' },
    serverless: { ...base, name: 'loopback-serverless', workgroupName: 'loopback-wg' },
    async stop() {
      await server.stop();
    },
  };
}
