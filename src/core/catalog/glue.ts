// The Glue Data Catalog for the Catalog view, without `vscode`: databases → tables → columns
// (partition keys marked) → partitions, each level one paged call; table details for the
// read-only document; and the CatalogSource Athena connections use for completion.
import type { GlueClient, Table } from '@aws-sdk/client-glue';
import { explorerCall } from '../aws/explorerErrors';
import { clientConfigFor, type AwsTarget } from '../clusters/awsTarget';
import type { CatalogColumn, CatalogObjectKind, CatalogSource, CatalogTable } from './types';

export interface Page<T> {
  items: T[];
  next?: string;
}

export interface GlueDatabaseInfo {
  name: string;
  description?: string;
  locationUri?: string;
}

export interface GlueTableDetails {
  database: string;
  name: string;
  kind: CatalogObjectKind;
  /** EXTERNAL_TABLE, VIRTUAL_VIEW, MANAGED_TABLE, GOVERNED… as Glue says. */
  tableType: string;
  description?: string;
  owner?: string;
  created?: Date;
  updated?: Date;
  location?: string;
  inputFormat?: string;
  outputFormat?: string;
  /** parquet, orc, avro, json, csv, text, … or undefined when unknown. */
  format?: string;
  compressed: boolean;
  serde?: { name?: string; library?: string; parameters: Record<string, string> };
  columns: CatalogColumn[];
  partitionKeys: CatalogColumn[];
  bucketColumns: string[];
  numberOfBuckets: number;
  sortColumns: { column: string; ascending: boolean }[];
  /** Table parameters (classification, projection.*, …). */
  parameters: Record<string, string>;
  /** Partition projection, when `projection.enabled` is true: settings per partition key. */
  projection?: { enabled: boolean; columns: Record<string, Record<string, string>>; storageLocationTemplate?: string };
  viewOriginalText?: string;
}

export interface GluePartitionInfo {
  values: string[];
  /** `dt=2024-01-01/run=…` built from the keys and values. */
  name: string;
  location?: string;
  created?: Date;
}

type GlueModule = typeof import('@aws-sdk/client-glue');
const SERVICE = 'Glue';

export class GlueCatalog {
  private loaded?: Promise<{ module: GlueModule; client: GlueClient }>;
  /** Tables seen in the last GetTables pages: columns and details need no further call. */
  private readonly seen = new Map<string, GlueTableDetails>();

  constructor(
    readonly target: AwsTarget,
    readonly catalogId?: string,
  ) {}

  private glue(): Promise<{ module: GlueModule; client: GlueClient }> {
    this.loaded ??= import('@aws-sdk/client-glue').then((module) => ({
      module,
      client: new module.GlueClient(clientConfigFor(this.target, 'glue')),
    }));
    return this.loaded;
  }

  listDatabases(next?: string, signal?: AbortSignal): Promise<Page<GlueDatabaseInfo>> {
    return explorerCall(SERVICE, this.target.profile, async () => {
      const { module, client } = await this.glue();
      const out = await client.send(new module.GetDatabasesCommand({ CatalogId: this.catalogId, NextToken: next }), {
        abortSignal: signal,
      });
      return {
        items: (out.DatabaseList ?? []).map((d) => ({ name: d.Name ?? '', description: d.Description, locationUri: d.LocationUri })),
        next: out.NextToken || undefined,
      };
    });
  }

  /** One page of a database's tables; `nameContains` filters by name (case-insensitive). */
  listTables(database: string, next?: string, signal?: AbortSignal, nameContains?: string): Promise<Page<GlueTableDetails>> {
    return explorerCall(SERVICE, this.target.profile, async () => {
      const { module, client } = await this.glue();
      // Glue's Expression is a regular expression on the name: the user's text is escaped.
      const expression = nameContains ? `.*${caseInsensitiveRegex(nameContains)}.*` : undefined;
      const out = await client.send(
        new module.GetTablesCommand({ CatalogId: this.catalogId, DatabaseName: database, NextToken: next, Expression: expression }),
        { abortSignal: signal },
      );
      const items = (out.TableList ?? []).map((t) => tableDetails(database, t));
      for (const t of items) this.seen.set(key(database, t.name), t);
      return { items, next: out.NextToken || undefined };
    });
  }

  /** Details of one table: from the last listing when it was there, else one GetTable. */
  async getTable(database: string, name: string, signal?: AbortSignal, refresh = false): Promise<GlueTableDetails> {
    const cached = refresh ? undefined : this.seen.get(key(database, name));
    if (cached) return cached;
    return explorerCall(SERVICE, this.target.profile, async () => {
      const { module, client } = await this.glue();
      const out = await client.send(new module.GetTableCommand({ CatalogId: this.catalogId, DatabaseName: database, Name: name }), {
        abortSignal: signal,
      });
      if (!out.Table) throw new Error(`Glue returned no table for ${database}.${name}`);
      const t = tableDetails(database, out.Table);
      this.seen.set(key(database, name), t);
      return t;
    });
  }

  /** Columns then partition keys (marked), as the Catalog view lists them. */
  async listColumns(database: string, table: string, signal?: AbortSignal): Promise<CatalogColumn[]> {
    const t = await this.getTable(database, table, signal);
    return [...t.columns, ...t.partitionKeys];
  }

  /** One page of partitions (on demand; tables can have millions). */
  listPartitions(database: string, table: string, next?: string, signal?: AbortSignal, maxResults = 100): Promise<Page<GluePartitionInfo>> {
    return explorerCall(SERVICE, this.target.profile, async () => {
      const { module, client } = await this.glue();
      const keys = (await this.getTable(database, table, signal)).partitionKeys.map((k) => k.name);
      const out = await client.send(
        new module.GetPartitionsCommand({
          CatalogId: this.catalogId,
          DatabaseName: database,
          TableName: table,
          NextToken: next,
          MaxResults: maxResults,
        }),
        { abortSignal: signal },
      );
      return {
        items: (out.Partitions ?? []).map((p) => ({
          values: p.Values ?? [],
          name: (p.Values ?? []).map((v, i) => `${keys[i] ?? `_${i}`}=${v}`).join('/'),
          location: p.StorageDescriptor?.Location,
          created: p.CreationTime,
        })),
        next: out.NextToken || undefined,
      };
    });
  }

  dispose(): void {
    void this.loaded?.then(({ client }) => client.destroy());
  }
}

/** The CatalogSource of an Athena connection: its Glue catalog (databases are the schemas). */
export class GlueCatalogSource implements CatalogSource {
  readonly dialect = 'athena' as const;
  constructor(private readonly glue: GlueCatalog) {}

  async *listSchemas(signal?: AbortSignal): AsyncIterable<string[]> {
    let next: string | undefined;
    do {
      const page = await this.glue.listDatabases(next, signal);
      yield page.items.map((d) => d.name);
      next = page.next;
    } while (next);
  }

  async *listTables(schema: string, signal?: AbortSignal): AsyncIterable<CatalogTable[]> {
    let next: string | undefined;
    do {
      const page = await this.glue.listTables(schema, next, signal);
      yield page.items.map((t) => ({ schema, name: t.name, kind: t.kind, comment: t.description }));
      next = page.next;
    } while (next);
  }

  listColumns(schema: string, table: string, signal?: AbortSignal): Promise<CatalogColumn[]> {
    return this.glue.listColumns(schema, table, signal);
  }
}

/** The read-only "table details" document: a human-readable summary then the facts as JSON. */
export function tableDetailsDocument(t: GlueTableDetails): string {
  const lines = [`# ${t.database}.${t.name}`, ''];
  const row = (label: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') lines.push(`- **${label}:** ${value}`);
  };
  row('Type', t.tableType);
  row('Description', t.description);
  row('Location', t.location);
  row('Format', t.format);
  row('Input format', t.inputFormat);
  row('Output format', t.outputFormat);
  row('SerDe', t.serde?.library);
  row('Compressed', t.compressed ? 'yes' : undefined);
  row('Owner', t.owner);
  row('Created', t.created?.toISOString());
  row('Updated', t.updated?.toISOString());
  lines.push('', '## Columns', '', '| Name | Type | Partition key | Comment |', '|---|---|---|---|');
  for (const c of [...t.columns, ...t.partitionKeys])
    lines.push(`| ${md(c.name)} | ${md(c.type)} | ${c.partitionKey ? 'yes' : ''} | ${md(c.comment ?? '')} |`);
  if (t.serde && Object.keys(t.serde.parameters).length) {
    lines.push(
      '',
      '## SerDe parameters',
      '',
      ...Object.entries(t.serde.parameters).map(([k, v]) => `- \`${md(k)}\` = \`${md(JSON.stringify(v))}\``),
    );
  }
  if (t.projection) {
    lines.push('', `## Partition projection (${t.projection.enabled ? 'enabled' : 'disabled'})`, '');
    if (t.projection.storageLocationTemplate) lines.push(`- storage.location.template = \`${md(t.projection.storageLocationTemplate)}\``);
    for (const [col, settings] of Object.entries(t.projection.columns))
      lines.push(
        `- **${md(col)}**: ${Object.entries(settings)
          .map(([k, v]) => `${md(k)}=\`${md(v)}\``)
          .join(', ')}`,
      );
  }
  if (Object.keys(t.parameters).length) {
    lines.push('', '## Table parameters', '', ...Object.entries(t.parameters).map(([k, v]) => `- \`${md(k)}\` = \`${md(v)}\``));
  }
  return lines.join('\n') + '\n';
}

/** Markdown-inert text: table pipes, backticks and HTML-ish characters escaped. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]|<>]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function key(database: string, table: string): string {
  return `${database}\u0000${table}`;
}

function caseInsensitiveRegex(text: string): string {
  return [...text]
    .map((ch) => {
      const lower = ch.toLowerCase();
      const upper = ch.toUpperCase();
      if (lower !== upper) return `[${lower}${upper}]`;
      return ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    })
    .join('');
}

const FORMAT_BY_SERDE: [RegExp, string][] = [
  [/parquet/i, 'parquet'],
  [/orc/i, 'orc'],
  [/avro/i, 'avro'],
  [/json/i, 'json'],
  [/opencsv/i, 'csv'],
  [/lazysimple/i, 'text'],
  [/regex/i, 'regex'],
  [/ion/i, 'ion'],
];

function tableDetails(database: string, t: Table): GlueTableDetails {
  const sd = t.StorageDescriptor ?? {};
  const parameters = { ...(t.Parameters ?? {}) };
  const serdeLib = sd.SerdeInfo?.SerializationLibrary;
  const format =
    parameters.classification?.toLowerCase() ?? FORMAT_BY_SERDE.find(([re]) => re.test(`${serdeLib ?? ''} ${sd.InputFormat ?? ''}`))?.[1];
  let projection: GlueTableDetails['projection'];
  if (Object.keys(parameters).some((k) => k.startsWith('projection.'))) {
    const columns: Record<string, Record<string, string>> = {};
    for (const [k, v] of Object.entries(parameters)) {
      const m = /^projection\.(.+)\.([^.]+)$/.exec(k);
      if (m) (columns[m[1]] ??= {})[m[2]] = v;
    }
    projection = {
      enabled: parameters['projection.enabled']?.toLowerCase() === 'true',
      columns,
      storageLocationTemplate: parameters['storage.location.template'],
    };
  }
  const tableType = t.TableType ?? 'EXTERNAL_TABLE';
  return {
    database,
    name: t.Name ?? '',
    tableType,
    kind: tableType === 'VIRTUAL_VIEW' ? 'view' : tableType === 'EXTERNAL_TABLE' ? 'external' : 'table',
    description: t.Description,
    owner: t.Owner,
    created: t.CreateTime,
    updated: t.UpdateTime,
    location: sd.Location,
    inputFormat: sd.InputFormat,
    outputFormat: sd.OutputFormat,
    format,
    compressed: sd.Compressed ?? false,
    serde: sd.SerdeInfo ? { name: sd.SerdeInfo.Name, library: serdeLib, parameters: { ...(sd.SerdeInfo.Parameters ?? {}) } } : undefined,
    columns: (sd.Columns ?? []).map((c) => ({ name: c.Name ?? '', type: c.Type ?? '', comment: c.Comment })),
    partitionKeys: (t.PartitionKeys ?? []).map((c) => ({ name: c.Name ?? '', type: c.Type ?? '', comment: c.Comment, partitionKey: true })),
    bucketColumns: sd.BucketColumns ?? [],
    numberOfBuckets: sd.NumberOfBuckets ?? 0,
    sortColumns: (sd.SortColumns ?? []).map((s) => ({ column: s.Column ?? '', ascending: s.SortOrder !== 0 })),
    parameters,
    projection,
    viewOriginalText: t.ViewOriginalText,
  };
}
