// Loopback Redshift control planes: provisioned clusters (`redshift`, API 2012-12-01, query
// protocol with XML answers: DescribeClusters paged by Marker/MaxRecords) and Serverless
// workgroups (`RedshiftServerless.*`, API 2021-04-21, JSON 1.1: ListWorkgroups, GetWorkgroup).
// The SQL side of both is the Redshift Data loopback (redshiftDataService.ts) on PostgreSQL.
import { AwsServiceError, type ServiceDefinition } from './loopbackServer';

export interface RedshiftClusterRecord {
  ClusterIdentifier: string;
  NodeType: string;
  ClusterStatus: string;
  DBName: string;
  MasterUsername: string;
  NumberOfNodes: number;
  Endpoint?: { Address: string; Port: number };
  ClusterCreateTime: Date;
  Tags?: { Key: string; Value: string }[];
}

export interface WorkgroupRecord {
  workgroupName: string;
  namespaceName: string;
  status: 'CREATING' | 'AVAILABLE' | 'MODIFYING' | 'DELETING';
  baseCapacity: number;
  endpoint?: { address: string; port: number };
  creationDate: Date;
}

export class LoopbackRedshift {
  readonly clusters: RedshiftClusterRecord[] = [];
  readonly workgroups: WorkgroupRecord[] = [];

  /** Provisioned clusters, query protocol. */
  provisionedDefinition(): ServiceDefinition {
    return {
      targetPrefix: 'RedshiftServiceVersion20121201',
      protocol: 'query',
      signingName: 'redshift',
      throttlingType: 'Throttling',
      accessDenied: { type: 'AccessDenied', status: 403 },
      xml: { namespace: 'http://redshift.amazonaws.com/doc/2012-12-01/', listMembers: { Clusters: 'Cluster', Tags: 'Tag' } },
      operations: {
        DescribeClusters: (b) => {
          if (b.Version !== '2012-12-01')
            throw new AwsServiceError('InvalidParameterValue', `Unsupported API version ${String(b.Version)}`, 400);
          const id = b.ClusterIdentifier as string | undefined;
          const all = id ? this.clusters.filter((c) => c.ClusterIdentifier === id) : [...this.clusters];
          if (id && !all.length) throw new AwsServiceError('ClusterNotFound', `Cluster ${id} not found.`, 404);
          const size = b.MaxRecords === undefined ? 100 : Number(b.MaxRecords);
          if (!Number.isInteger(size) || size < 20 || size > 100)
            throw new AwsServiceError('InvalidParameterValue', 'MaxRecords must be between 20 and 100', 400);
          const start = b.Marker ? Number(b.Marker) : 0;
          if (!Number.isInteger(start) || start < 0) throw new AwsServiceError('InvalidParameterValue', 'Invalid marker', 400);
          const page = all.slice(start, start + size);
          return {
            Clusters: page.map((c) => ({
              ClusterIdentifier: c.ClusterIdentifier,
              NodeType: c.NodeType,
              ClusterStatus: c.ClusterStatus,
              ClusterAvailabilityStatus: c.ClusterStatus === 'available' ? 'Available' : 'Unavailable',
              MasterUsername: c.MasterUsername,
              DBName: c.DBName,
              Endpoint: c.Endpoint,
              ClusterCreateTime: c.ClusterCreateTime,
              NumberOfNodes: c.NumberOfNodes,
              PubliclyAccessible: false,
              Encrypted: true,
              ClusterVersion: '1.0',
              AvailabilityZone: 'us-east-1a',
              Tags: c.Tags ?? [],
            })),
            Marker: start + size < all.length ? String(start + size) : undefined,
          };
        },
      },
    };
  }

  /** Serverless workgroups, JSON 1.1 (camelCase members; timestamps as ISO 8601 strings). */
  serverlessDefinition(): ServiceDefinition {
    const view = (w: WorkgroupRecord): Record<string, unknown> => ({
      workgroupId: `wg-${w.workgroupName}`,
      workgroupArn: `arn:aws:redshift-serverless:us-east-1:123456789012:workgroup/${w.workgroupName}`,
      workgroupName: w.workgroupName,
      namespaceName: w.namespaceName,
      baseCapacity: w.baseCapacity,
      enhancedVpcRouting: false,
      status: w.status,
      endpoint: w.endpoint,
      publiclyAccessible: false,
      creationDate: w.creationDate.toISOString(),
      configParameters: [],
      securityGroupIds: [],
      subnetIds: [],
    });
    return {
      targetPrefix: 'RedshiftServerless',
      signingName: 'redshift-serverless',
      throttlingType: 'ThrottlingException',
      operations: {
        ListWorkgroups: (b) => {
          const size = b.maxResults === undefined ? 100 : Number(b.maxResults);
          if (!Number.isInteger(size) || size < 1 || size > 100)
            throw new AwsServiceError('ValidationException', 'maxResults must be 1-100', 400);
          const start = typeof b.nextToken === 'string' && b.nextToken ? Number(b.nextToken) : 0;
          if (!Number.isInteger(start) || start < 0) throw new AwsServiceError('ValidationException', 'Invalid nextToken', 400);
          return {
            workgroups: this.workgroups.slice(start, start + size).map(view),
            nextToken: start + size < this.workgroups.length ? String(start + size) : undefined,
          };
        },
        GetWorkgroup: (b) => {
          const w = this.workgroups.find((x) => x.workgroupName === b.workgroupName);
          if (!w)
            throw new AwsServiceError('ResourceNotFoundException', `Workgroup ${String(b.workgroupName)} not found`, 400, {
              resourceName: b.workgroupName,
            });
          return { workgroup: view(w) };
        },
      },
    };
  }
}
