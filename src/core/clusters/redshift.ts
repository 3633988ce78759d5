// The Redshift part of the Clusters view, without `vscode`: provisioned clusters
// (DescribeClusters) and Serverless workgroups (ListWorkgroups), each paged, and what the view's
// actions need: the Data API target to browse them, a connection for "New query here", and
// properly quoted names for "Copy qualified name" / "Select top 100".
import type { RedshiftClient } from '@aws-sdk/client-redshift';
import type { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import type { RedshiftConnection } from '../connections/types';
import { explorerCall } from '../aws/explorerErrors';
import type { DataApiTarget, Page } from '../catalog/redshiftDataCatalog';
import { clientConfigFor, type AwsTarget } from './awsTarget';

export interface RedshiftWarehouse {
  kind: 'provisioned' | 'serverless';
  /** Cluster identifier or workgroup name. */
  id: string;
  /** `available`, `paused`… (provisioned) or `AVAILABLE`, `MODIFYING`… (serverless). */
  status: string;
  /** The cluster's initial database (provisioned); Serverless has no such field, `dev` is its default. */
  database: string;
  endpoint?: { address: string; port: number };
  /** Provisioned: node type and count. */
  nodeType?: string;
  nodes?: number;
  masterUsername?: string;
  /** Serverless: namespace and base RPUs. */
  namespace?: string;
  baseCapacity?: number;
  created?: Date;
}

/** States in which a warehouse changes by itself (worth polling). */
export function isWarehouseChanging(w: RedshiftWarehouse): boolean {
  return w.kind === 'serverless'
    ? ['CREATING', 'MODIFYING', 'DELETING'].includes(w.status)
    : ![
        'available',
        'paused',
        'deleted',
        'incompatible-hsm',
        'incompatible-network',
        'incompatible-parameters',
        'incompatible-restore',
        'hardware-failure',
        'storage-full',
      ].includes(w.status);
}

type RedshiftModule = typeof import('@aws-sdk/client-redshift');
type ServerlessModule = typeof import('@aws-sdk/client-redshift-serverless');

export class RedshiftExplorer {
  private provisioned?: Promise<{ module: RedshiftModule; client: RedshiftClient }>;
  private serverless?: Promise<{ module: ServerlessModule; client: RedshiftServerlessClient }>;

  constructor(readonly target: AwsTarget) {}

  listClusters(marker?: string, signal?: AbortSignal): Promise<Page<RedshiftWarehouse>> {
    return explorerCall('Redshift', this.target.profile, async () => {
      this.provisioned ??= import('@aws-sdk/client-redshift').then((module) => ({
        module,
        client: new module.RedshiftClient(clientConfigFor(this.target, 'redshift')),
      }));
      const { module, client } = await this.provisioned;
      const out = await client.send(new module.DescribeClustersCommand({ Marker: marker }), { abortSignal: signal });
      return {
        items: (out.Clusters ?? []).map((c) => ({
          kind: 'provisioned' as const,
          id: c.ClusterIdentifier ?? '',
          status: c.ClusterStatus ?? '',
          database: c.DBName ?? 'dev',
          endpoint: c.Endpoint?.Address ? { address: c.Endpoint.Address, port: c.Endpoint.Port ?? 5439 } : undefined,
          nodeType: c.NodeType,
          nodes: c.NumberOfNodes,
          masterUsername: c.MasterUsername,
          created: c.ClusterCreateTime,
        })),
        next: out.Marker || undefined,
      };
    });
  }

  listWorkgroups(next?: string, signal?: AbortSignal): Promise<Page<RedshiftWarehouse>> {
    return explorerCall('Redshift Serverless', this.target.profile, async () => {
      this.serverless ??= import('@aws-sdk/client-redshift-serverless').then((module) => ({
        module,
        client: new module.RedshiftServerlessClient(clientConfigFor(this.target, 'redshiftServerless')),
      }));
      const { module, client } = await this.serverless;
      const out = await client.send(new module.ListWorkgroupsCommand({ nextToken: next }), { abortSignal: signal });
      return {
        items: (out.workgroups ?? []).map((w) => ({
          kind: 'serverless' as const,
          id: w.workgroupName ?? '',
          status: w.status ?? '',
          database: 'dev',
          endpoint: w.endpoint?.address ? { address: w.endpoint.address, port: w.endpoint.port ?? 5439 } : undefined,
          namespace: w.namespaceName,
          baseCapacity: w.baseCapacity,
          created: w.creationDate,
        })),
        next: out.nextToken || undefined,
      };
    });
  }

  dispose(): void {
    void this.provisioned?.then(({ client }) => client.destroy());
    void this.serverless?.then(({ client }) => client.destroy());
  }
}

/** The Data API target to browse a warehouse. Provisioned clusters use temporary credentials for
 * `dbUser` (default: the master user) unless a secret is given. */
export function dataApiTargetFor(
  w: RedshiftWarehouse,
  options: { database?: string; dbUser?: string; secretArn?: string } = {},
): DataApiTarget {
  return w.kind === 'serverless'
    ? { workgroupName: w.id, database: options.database ?? w.database, secretArn: options.secretArn }
    : {
        clusterIdentifier: w.id,
        database: options.database ?? w.database,
        dbUser: options.secretArn ? undefined : (options.dbUser ?? w.masterUsername),
        secretArn: options.secretArn,
      };
}

/** A Data API connection for "New query here" (no secret in it: temporary credentials or an ARN). */
export function connectionFor(
  w: RedshiftWarehouse,
  aws: AwsTarget,
  options: { name?: string; database?: string; dbUser?: string; secretArn?: string } = {},
): RedshiftConnection {
  const t = dataApiTargetFor(w, options);
  const conn: RedshiftConnection = {
    name: options.name ?? `${w.id} (${w.kind === 'serverless' ? 'Serverless' : 'Redshift'})`,
    kind: 'redshift',
    mode: 'data-api',
    database: t.database,
    region: aws.region,
    profile: aws.profile,
  };
  if (t.clusterIdentifier) conn.clusterIdentifier = t.clusterIdentifier;
  if (t.workgroupName) conn.workgroupName = t.workgroupName;
  if (t.dbUser) conn.dbUser = t.dbUser;
  if (t.secretArn) conn.secretArn = t.secretArn;
  if (aws.endpoints?.redshiftData) conn.endpoint = aws.endpoints.redshiftData;
  return conn;
}

/** A Redshift/PostgreSQL identifier, quoted when it is not a plain lower-case name. Redshift
 * folds unquoted names to lower case, so anything else must be quoted to mean itself. */
export function quoteRedshiftIdentifier(name: string): string {
  if (name.includes('\0')) throw new Error('An identifier cannot contain a NUL character');
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !REDSHIFT_RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** `database.schema.table` with each part quoted as needed. */
export function qualifiedName(...parts: string[]): string {
  return parts.map(quoteRedshiftIdentifier).join('.');
}

export function selectTopSql(schema: string, table: string, limit = 100): string {
  return `SELECT * FROM ${qualifiedName(schema, table)} LIMIT ${Math.max(1, Math.floor(limit))};`;
}

// Words that must be quoted when used as names (a subset that covers common table/column names).
const REDSHIFT_RESERVED = new Set([
  'all',
  'analyse',
  'analyze',
  'and',
  'any',
  'array',
  'as',
  'asc',
  'authorization',
  'between',
  'binary',
  'both',
  'case',
  'cast',
  'check',
  'collate',
  'column',
  'constraint',
  'create',
  'cross',
  'current_date',
  'current_time',
  'current_timestamp',
  'current_user',
  'default',
  'desc',
  'distinct',
  'do',
  'else',
  'end',
  'except',
  'false',
  'for',
  'foreign',
  'from',
  'full',
  'grant',
  'group',
  'having',
  'in',
  'initially',
  'inner',
  'intersect',
  'into',
  'is',
  'join',
  'leading',
  'left',
  'like',
  'limit',
  'localtime',
  'localtimestamp',
  'natural',
  'new',
  'not',
  'null',
  'off',
  'offset',
  'old',
  'on',
  'only',
  'open',
  'or',
  'order',
  'outer',
  'primary',
  'references',
  'right',
  'select',
  'session_user',
  'similar',
  'some',
  'table',
  'then',
  'to',
  'trailing',
  'true',
  'union',
  'unique',
  'user',
  'using',
  'verbose',
  'when',
  'where',
  'with',
]);
