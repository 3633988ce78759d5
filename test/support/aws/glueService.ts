// Loopback Glue Data Catalog (`AWSGlue.*`, API 2017-03-31, JSON 1.1): databases, tables and
// partitions held in memory, with GetDatabases/GetTables/GetTable/GetPartitions paged by NextToken
// as the real service does (MaxResults 1-100 for databases and tables, 1-1000 for partitions).
import { AwsServiceError, type ServiceDefinition } from './loopbackServer';

export interface GlueColumn {
  Name: string;
  Type: string;
  Comment?: string;
  Parameters?: Record<string, string>;
}

export interface GlueStorageDescriptor {
  Columns: GlueColumn[];
  Location?: string;
  InputFormat?: string;
  OutputFormat?: string;
  Compressed?: boolean;
  NumberOfBuckets?: number;
  SerdeInfo?: { Name?: string; SerializationLibrary?: string; Parameters?: Record<string, string> };
  BucketColumns?: string[];
  SortColumns?: { Column: string; SortOrder: number }[];
  Parameters?: Record<string, string>;
  StoredAsSubDirectories?: boolean;
}

export interface GlueTable {
  Name: string;
  DatabaseName: string;
  Description?: string;
  Owner?: string;
  TableType?: 'EXTERNAL_TABLE' | 'VIRTUAL_VIEW' | 'MANAGED_TABLE';
  StorageDescriptor: GlueStorageDescriptor;
  PartitionKeys: GlueColumn[];
  Parameters?: Record<string, string>;
  ViewOriginalText?: string;
}

export interface GluePartition {
  Values: string[];
  StorageDescriptor?: GlueStorageDescriptor;
  Parameters?: Record<string, string>;
}

export interface GlueDatabase {
  Name: string;
  Description?: string;
  LocationUri?: string;
  Parameters?: Record<string, string>;
}

/** Default page sizes when MaxResults is absent (the real service returns up to 100 / 1000). */
export const GLUE_DEFAULT_PAGE = { databases: 100, tables: 100, partitions: 1000 };

export class LoopbackGlue {
  readonly databases = new Map<
    string,
    GlueDatabase & { tables: Map<string, GlueTable & { partitions: GluePartition[]; created: number }> }
  >();
  private readonly created = Date.now();

  definition(): ServiceDefinition {
    return {
      targetPrefix: 'AWSGlue',
      signingName: 'glue',
      throttlingType: 'ThrottlingException',
      operations: {
        GetDatabases: (b) => {
          const all = [...this.databases.values()].sort((x, y) => x.Name.localeCompare(y.Name));
          const { page, next } = pageOf(all, b, GLUE_DEFAULT_PAGE.databases, 100);
          return {
            DatabaseList: page.map((d) => ({
              Name: d.Name,
              Description: d.Description,
              LocationUri: d.LocationUri,
              Parameters: d.Parameters ?? {},
              CreateTime: this.created / 1000,
              CatalogId: '123456789012',
            })),
            NextToken: next,
          };
        },
        GetTables: (b) => {
          const db = this.database(b.DatabaseName);
          // Expression: a regular expression on the name, as the real API documents.
          let match: RegExp | undefined;
          if (typeof b.Expression === 'string' && b.Expression) {
            try {
              match = new RegExp(`^(?:${b.Expression})$`);
            } catch {
              throw new AwsServiceError('InvalidInputException', `Invalid Expression: ${b.Expression}`, 400);
            }
          }
          const all = [...db.tables.values()].filter((t) => !match || match.test(t.Name)).sort((x, y) => x.Name.localeCompare(y.Name));
          const { page, next } = pageOf(all, b, GLUE_DEFAULT_PAGE.tables, 100);
          return { TableList: page.map((t) => this.tableView(t)), NextToken: next };
        },
        GetTable: (b) => ({ Table: this.tableView(this.table(b.DatabaseName, b.Name)) }),
        GetPartitions: (b) => {
          const t = this.table(b.DatabaseName, b.TableName);
          const { page, next } = pageOf(t.partitions, b, GLUE_DEFAULT_PAGE.partitions, 1000);
          return {
            Partitions: page.map((p) => ({
              Values: p.Values,
              DatabaseName: t.DatabaseName,
              TableName: t.Name,
              CreationTime: t.created / 1000,
              Parameters: p.Parameters ?? {},
              StorageDescriptor: p.StorageDescriptor ?? {
                ...t.StorageDescriptor,
                Location: `${t.StorageDescriptor.Location ?? ''}${t.PartitionKeys.map((k, i) => `${k.Name}=${p.Values[i]}`).join('/')}/`,
              },
            })),
            NextToken: next,
          };
        },
      },
    };
  }

  addDatabase(db: GlueDatabase): void {
    this.databases.set(db.Name, { ...db, tables: new Map() });
  }

  addTable(table: GlueTable, partitions: GluePartition[] = []): void {
    this.database(table.DatabaseName).tables.set(table.Name, { ...table, partitions, created: Date.now() });
  }

  private database(name: unknown): GlueDatabase & { tables: Map<string, GlueTable & { partitions: GluePartition[]; created: number }> } {
    const db = typeof name === 'string' ? this.databases.get(name) : undefined;
    if (!db) throw new AwsServiceError('EntityNotFoundException', `Database ${String(name)} not found.`, 400);
    return db;
  }

  private table(dbName: unknown, name: unknown): GlueTable & { partitions: GluePartition[]; created: number } {
    const t = typeof name === 'string' ? this.database(dbName).tables.get(name) : undefined;
    if (!t) throw new AwsServiceError('EntityNotFoundException', `Table ${String(name)} not found.`, 400);
    return t;
  }

  private tableView(t: GlueTable & { created: number }): Record<string, unknown> {
    return {
      Name: t.Name,
      DatabaseName: t.DatabaseName,
      Description: t.Description,
      Owner: t.Owner ?? 'hadoop',
      CreateTime: t.created / 1000,
      UpdateTime: t.created / 1000,
      Retention: 0,
      StorageDescriptor: t.StorageDescriptor,
      PartitionKeys: t.PartitionKeys,
      TableType: t.TableType ?? 'EXTERNAL_TABLE',
      Parameters: t.Parameters ?? {},
      ViewOriginalText: t.ViewOriginalText,
      CatalogId: '123456789012',
      IsRegisteredWithLakeFormation: false,
    };
  }
}

function pageOf<T>(all: T[], b: Record<string, unknown>, defaultSize: number, maxSize: number): { page: T[]; next?: string } {
  const size = b.MaxResults === undefined ? defaultSize : Number(b.MaxResults);
  if (!Number.isInteger(size) || size < 1 || size > maxSize)
    throw new AwsServiceError(
      'ValidationException',
      `1 validation error detected: Value '${String(b.MaxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${maxSize}`,
      400,
    );
  let start = 0;
  if (typeof b.NextToken === 'string' && b.NextToken) {
    start = Number(
      Buffer.from(b.NextToken, 'base64')
        .toString('utf8')
        .replace(/^glue:/, ''),
    );
    if (!Number.isInteger(start) || start < 0) throw new AwsServiceError('InvalidInputException', 'Invalid NextToken', 400);
  }
  const page = all.slice(start, start + size);
  return { page, next: start + size < all.length ? Buffer.from(`glue:${start + size}`).toString('base64') : undefined };
}
