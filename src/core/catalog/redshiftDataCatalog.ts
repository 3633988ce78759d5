// Redshift metadata through the Data API's own calls (ListDatabases, ListSchemas, ListTables,
// DescribeTable): no SQL is sent, so no statement queue, and each level is one paged call.
// Serves both the Clusters view (warehouse → databases → schemas → tables → columns) and, as a
// CatalogSource, the Catalog view and SQL completion for a Data API connection.
import type { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import type { RedshiftConnection } from '../connections/types';
import { explorerCall } from '../aws/explorerErrors';
import { clientConfigFor, type AwsTarget } from '../clusters/awsTarget';
import type { CatalogColumn, CatalogObjectKind, CatalogSource, CatalogTable } from './types';

/** Where the Data API runs: a provisioned cluster (temporary credentials for `dbUser`, or a
 * Secrets Manager secret) or a Serverless workgroup. */
export interface DataApiTarget {
  clusterIdentifier?: string;
  workgroupName?: string;
  /** The database the call connects to. */
  database: string;
  dbUser?: string;
  secretArn?: string;
}

export interface Page<T> {
  items: T[];
  next?: string;
}

export interface RedshiftTableInfo extends CatalogTable {
  /** The Data API's own type text, e.g. `TABLE`, `VIEW`, `EXTERNAL TABLE`, `SYSTEM TABLE`. */
  dataApiType: string;
}

type DataModule = typeof import('@aws-sdk/client-redshift-data');

const SERVICE = 'Redshift Data API';

export class RedshiftMetadata {
  private loaded?: Promise<{ module: DataModule; client: RedshiftDataClient }>;

  constructor(readonly aws: AwsTarget) {}

  private data(): Promise<{ module: DataModule; client: RedshiftDataClient }> {
    this.loaded ??= import('@aws-sdk/client-redshift-data').then((module) => ({
      module,
      client: new module.RedshiftDataClient(clientConfigFor(this.aws, 'redshiftData')),
    }));
    return this.loaded;
  }

  private base(t: DataApiTarget): Record<string, string | undefined> {
    return {
      ClusterIdentifier: t.clusterIdentifier,
      WorkgroupName: t.workgroupName,
      Database: t.database,
      DbUser: t.workgroupName ? undefined : t.dbUser,
      SecretArn: t.secretArn,
    };
  }

  listDatabases(t: DataApiTarget, next?: string, signal?: AbortSignal): Promise<Page<string>> {
    return explorerCall(SERVICE, this.aws.profile, async () => {
      const { module, client } = await this.data();
      const out = await client.send(new module.ListDatabasesCommand({ ...this.base(t), NextToken: next }), { abortSignal: signal });
      return { items: out.Databases ?? [], next: out.NextToken || undefined };
    });
  }

  /** Schemas of `database` (connecting through `t.database`); `pattern` is a LIKE pattern. */
  listSchemas(t: DataApiTarget, database = t.database, next?: string, signal?: AbortSignal, pattern?: string): Promise<Page<string>> {
    return explorerCall(SERVICE, this.aws.profile, async () => {
      const { module, client } = await this.data();
      const out = await client.send(
        new module.ListSchemasCommand({
          ...this.base(t),
          Database: database,
          ConnectedDatabase: t.database,
          SchemaPattern: pattern,
          NextToken: next,
        }),
        { abortSignal: signal },
      );
      return { items: out.Schemas ?? [], next: out.NextToken || undefined };
    });
  }

  /** Tables and views of one schema; `pattern` is a LIKE pattern on the name. */
  listTables(
    t: DataApiTarget,
    database: string,
    schema: string,
    next?: string,
    signal?: AbortSignal,
    pattern?: string,
  ): Promise<Page<RedshiftTableInfo>> {
    return explorerCall(SERVICE, this.aws.profile, async () => {
      const { module, client } = await this.data();
      // SchemaPattern is a LIKE pattern: escape the schema's own % and _ so it matches only itself.
      const out = await client.send(
        new module.ListTablesCommand({
          ...this.base(t),
          Database: database,
          ConnectedDatabase: t.database,
          SchemaPattern: likeLiteral(schema),
          TablePattern: pattern,
          NextToken: next,
        }),
        { abortSignal: signal },
      );
      return {
        items: (out.Tables ?? [])
          .filter((x) => x.schema === schema)
          .map((x) => ({ schema: x.schema ?? schema, name: x.name ?? '', kind: tableKind(x.type), dataApiType: x.type ?? 'TABLE' })),
        next: out.NextToken || undefined,
      };
    });
  }

  /** Every column of one table (all DescribeTable pages). */
  describeTable(t: DataApiTarget, database: string, schema: string, table: string, signal?: AbortSignal): Promise<CatalogColumn[]> {
    return explorerCall(SERVICE, this.aws.profile, async () => {
      const { module, client } = await this.data();
      const columns: CatalogColumn[] = [];
      let next: string | undefined;
      do {
        const out = await client.send(
          new module.DescribeTableCommand({
            ...this.base(t),
            Database: database,
            ConnectedDatabase: t.database,
            Schema: schema,
            Table: table,
            NextToken: next,
          }),
          { abortSignal: signal },
        );
        for (const c of out.ColumnList ?? [])
          columns.push({ name: c.name ?? '', type: redshiftTypeText(c.typeName ?? '', c.length, c.precision, c.scale) });
        next = out.NextToken || undefined;
      } while (next);
      return columns;
    });
  }

  dispose(): void {
    void this.loaded?.then(({ client }) => client.destroy());
  }
}

/** The CatalogSource of a Redshift connection in Data API mode. */
export class RedshiftDataCatalogSource implements CatalogSource {
  readonly dialect = 'redshift' as const;
  private readonly metadata: RedshiftMetadata;
  private readonly target: DataApiTarget;

  constructor(connection: RedshiftConnection, credentials?: AwsTarget['credentials']) {
    if (connection.mode !== 'data-api')
      throw new Error('RedshiftDataCatalogSource needs a Data API connection; use the Postgres source for mode "wire"');
    this.metadata = new RedshiftMetadata({
      region: connection.region,
      profile: connection.profile,
      credentials,
      endpoints: connection.endpoint ? { redshiftData: connection.endpoint } : undefined,
    });
    this.target = {
      clusterIdentifier: connection.clusterIdentifier,
      workgroupName: connection.workgroupName,
      database: connection.database,
      dbUser: connection.dbUser,
      secretArn: connection.secretArn,
    };
  }

  async *listSchemas(signal?: AbortSignal): AsyncIterable<string[]> {
    let next: string | undefined;
    do {
      const page = await this.metadata.listSchemas(this.target, this.target.database, next, signal);
      yield page.items;
      next = page.next;
    } while (next);
  }

  async *listTables(schema: string, signal?: AbortSignal): AsyncIterable<CatalogTable[]> {
    let next: string | undefined;
    do {
      const page = await this.metadata.listTables(this.target, this.target.database, schema, next, signal);
      yield page.items.map(({ schema: s, name, kind }) => ({ schema: s, name, kind }));
      next = page.next;
    } while (next);
  }

  listColumns(schema: string, table: string, signal?: AbortSignal): Promise<CatalogColumn[]> {
    return this.metadata.describeTable(this.target, this.target.database, schema, table, signal);
  }

  dispose(): void {
    this.metadata.dispose();
  }
}

/** `a_b%` → `a\_b\%`: a LIKE pattern matching exactly `text` (Redshift's default escape is \). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function tableKind(type: string | undefined): CatalogObjectKind {
  const t = (type ?? '').toUpperCase();
  if (t.includes('VIEW')) return 'view';
  if (t.includes('EXTERNAL')) return 'external';
  return 'table';
}

/** DescribeTable gives `varchar` + length 256, `numeric` + precision/scale: put them back together. */
function redshiftTypeText(typeName: string, length?: number, precision?: number, scale?: number): string {
  const t = typeName.toLowerCase();
  if (/^(varchar|bpchar|char|character varying|character)$/.test(t) && length && length > 0)
    return `${t === 'bpchar' ? 'char' : t}(${length})`;
  if (/^(numeric|decimal)$/.test(t) && precision && precision > 0) return `${t}(${precision},${scale ?? 0})`;
  return t;
}
