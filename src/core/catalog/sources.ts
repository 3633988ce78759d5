// Picks the CatalogSource for a connection: SQL catalogs through the connection's Engine (DuckDB,
// Postgres, Redshift over the wire), the Data API's metadata calls for Redshift Data API
// connections, and Glue for Athena. AWS modules load only when such a source is first built.
import type { ConnectionConfig } from '../connections/types';
import type { Engine } from '../engines/engine';
import type { AwsTarget } from '../clusters/awsTarget';
import type { CatalogSource } from './types';

export interface CatalogSourceOptions {
  /** The connection's engine, for the SQL-catalog kinds (local, postgres, redshift wire). */
  engine?: Engine;
  /** Overrides for the AWS kinds (tests: credentials and loopback endpoints). */
  aws?: Partial<AwsTarget>;
}

export async function catalogSourceFor(connection: ConnectionConfig, options: CatalogSourceOptions = {}): Promise<CatalogSource> {
  const needEngine = (): Engine => {
    if (!options.engine) throw new Error(`The ${connection.kind} catalog is read through the connection's engine; none was given`);
    return options.engine;
  };
  const { EngineCatalogSource } = await import('./engineCatalog');
  switch (connection.kind) {
    case 'local':
      return new EngineCatalogSource(needEngine(), 'duckdb');
    case 'postgres':
      return new EngineCatalogSource(needEngine(), 'postgres');
    case 'redshift': {
      if (connection.mode === 'wire') return new EngineCatalogSource(needEngine(), 'redshift');
      const { RedshiftDataCatalogSource } = await import('./redshiftDataCatalog');
      return new RedshiftDataCatalogSource(
        {
          ...connection,
          endpoint: options.aws?.endpoints?.redshiftData ?? connection.endpoint,
          region: options.aws?.region ?? connection.region,
          profile: options.aws?.profile ?? connection.profile,
        },
        options.aws?.credentials,
      );
    }
    case 'athena': {
      const { GlueCatalog, GlueCatalogSource } = await import('./glue');
      return new GlueCatalogSource(new GlueCatalog({ region: connection.region, profile: connection.profile, ...options.aws }));
    }
  }
}
