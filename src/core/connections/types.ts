// Named connections as stored in settings (`dataWorkbench.connections`). Never holds a secret:
// passwords live in SecretStorage under the connection's identity (identity.ts) or are prompted for.
import type { ConnectionKind } from '../engines/engine';

interface ConnectionBase {
  name: string;
  kind: ConnectionKind;
}

export interface LocalConnection extends ConnectionBase {
  kind: 'local';
  /** DuckDB database file; absent means in-memory with the sample data loaded. */
  databasePath?: string;
  /** Load the generated sample `atomic.events` (default true). */
  sampleData?: boolean;
}

export type SslMode = 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';

export interface PostgresConnection extends ConnectionBase {
  kind: 'postgres';
  host: string;
  port?: number;
  database: string;
  user: string;
  ssl?: SslMode;
  /** Milliseconds; 0 disables. Sent as `statement_timeout`. */
  statementTimeoutMs?: number;
}

export interface RedshiftConnection extends ConnectionBase {
  kind: 'redshift';
  /** `data-api` uses @aws-sdk/client-redshift-data; `wire` speaks the Postgres protocol. */
  mode: 'data-api' | 'wire';
  database: string;
  region?: string;
  profile?: string;
  // data-api, provisioned:
  clusterIdentifier?: string;
  dbUser?: string;
  secretArn?: string;
  // data-api, serverless:
  workgroupName?: string;
  // wire:
  host?: string;
  port?: number;
  user?: string;
  ssl?: SslMode;
  statementTimeoutMs?: number;
  /** Endpoint override (tests, VPC endpoints). */
  endpoint?: string;
  // data-api, UNLOAD to S3 for very large results:
  /** s3://bucket/prefix/ under which each UNLOAD gets its own run folder. */
  unloadS3Location?: string;
  /** IAM role ARN Redshift assumes to write there (not a secret; never access keys). */
  unloadIamRole?: string;
  /** S3 endpoint override for reading the unloaded files (tests, VPC endpoints). */
  s3Endpoint?: string;
}

export interface AthenaConnection extends ConnectionBase {
  kind: 'athena';
  region?: string;
  profile?: string;
  workgroup?: string;
  catalog?: string;
  database?: string;
  /** s3://bucket/prefix/ for query results. */
  outputLocation?: string;
  /** Endpoint overrides (tests, VPC endpoints). */
  endpoint?: string;
  s3Endpoint?: string;
}

export type ConnectionConfig = LocalConnection | PostgresConnection | RedshiftConnection | AthenaConnection;

export const DEFAULT_LOCAL_CONNECTION: LocalConnection = { name: 'Local (DuckDB)', kind: 'local', sampleData: true };
