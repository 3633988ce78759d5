// Loopback Redshift Data API (`RedshiftData.*`, API 2019-12-20) executing on a real PostgreSQL.
// Statuses SUBMITTED → PICKED → STARTED → FINISHED | FAILED | ABORTED, results as the typed
// `Field` union with ColumnMetadata, paged by GetStatementResult/NextToken. Batches run in one
// transaction and get sub-statement ids `<uuid>:<n>`.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { HeadBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { AwsServiceError, rawJsonNumber, type ServiceDefinition } from './loopbackServer';

type Status = 'SUBMITTED' | 'PICKED' | 'STARTED' | 'FINISHED' | 'FAILED' | 'ABORTED';
type Field =
  | { isNull: true }
  | { booleanValue: boolean }
  | { longValue: number | string /* rawJsonNumber */ }
  | { doubleValue: number | string /* rawJsonNumber */ }
  | { stringValue: string }
  | { blobValue: string };

interface ColumnMetadata {
  name: string;
  label: string;
  typeName: string;
  precision: number;
  scale: number;
  length: number;
  nullable: number;
  isSigned: boolean;
  isCaseSensitive: boolean;
  isCurrency: boolean;
  schemaName: string;
  tableName: string;
}

interface SubStatement {
  id: string;
  sql: string;
  status: Status;
  error?: string;
  columns: ColumnMetadata[];
  records: Field[][];
  hasResultSet: boolean;
  resultRows: number;
  resultSize: number;
  created: Date;
  updated: Date;
}

interface StoredStatement {
  id: string;
  token?: string;
  isBatch: boolean;
  subs: SubStatement[];
  request: Record<string, unknown>;
  created: Date;
  updated: Date;
  done: boolean;
  aborted: boolean;
  error?: string;
  pid?: number;
  polls: number;
  reported: Status[];
}

export interface PgTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export class LoopbackRedshiftData {
  readonly statements = new Map<string, StoredStatement>();
  /** Statements stay SUBMITTED/PICKED at least this long before they run (cancel tests). */
  executionDelayMs = 0;
  /** Records per GetStatementResult page (the real service pages by response size). */
  pageRows = 500;
  readonly clusters = new Set(['loopback-cluster']);
  readonly workgroups = new Set(['loopback-wg']);
  /** GetStatementResult fails with the Data API's size-limit error when a result's ResultSize is
   * larger than this many bytes (the real cap: 100 MB in the old docs, 500 MB now). */
  resultSizeLimitBytes = Infinity;
  /** Where UNLOAD writes (s3rver through its admin client); UNLOAD fails without it. */
  s3?: S3Client;
  /** Rows per UNLOAD part file (real Redshift splits by slice and MAXFILESIZE). */
  unloadRowsPerFile = Infinity;
  /** Items per ListDatabases/ListSchemas/ListTables/DescribeTable page when MaxResults is absent
   * (the real service pages by its own limits; tests set it small to see paging). */
  metadataPageSize = 1000;
  /** Every UNLOAD executed, parsed (tests check the options sent). */
  readonly unloads: UnloadCall[] = [];
  private readonly byToken = new Map<string, string>();
  private typeNames?: Map<number, string>;

  constructor(private readonly target: PgTarget) {}

  definition(): ServiceDefinition {
    return {
      targetPrefix: 'RedshiftData',
      signingName: 'redshift-data',
      throttlingType: 'ThrottlingException',
      operations: {
        ExecuteStatement: (b) => this.execute(b, false),
        BatchExecuteStatement: (b) => this.execute(b, true),
        DescribeStatement: (b) => this.describe(b),
        GetStatementResult: (b) => this.result(b),
        CancelStatement: (b) => this.cancel(b),
        ListDatabases: (b) => this.listDatabases(b),
        ListSchemas: (b) => this.listSchemas(b),
        ListTables: (b) => this.listTables(b),
        DescribeTable: (b) => this.describeTable(b),
      },
    };
  }

  private async client(database?: string): Promise<pg.Client> {
    const c = new pg.Client({ ...this.target, ...(database ? { database } : {}), types: { getTypeParser: () => (v: string) => v } });
    await c.connect();
    return c;
  }

  private execute(b: Record<string, unknown>, isBatch: boolean): Record<string, unknown> {
    const sqls = isBatch ? (b.Sqls as unknown) : [b.Sql];
    if (!Array.isArray(sqls) || sqls.length < 1 || sqls.length > 40 || sqls.some((s) => typeof s !== 'string' || !s.trim())) {
      throw new AwsServiceError('ValidationException', isBatch ? 'Sqls must hold 1-40 SQL statements' : 'Sql must not be empty');
    }
    if (!b.Database && !b.SecretArn) throw new AwsServiceError('ValidationException', 'Database is required');
    const cluster = b.ClusterIdentifier as string | undefined;
    const workgroup = b.WorkgroupName as string | undefined;
    if (Boolean(cluster) === Boolean(workgroup))
      throw new AwsServiceError('ValidationException', 'Either ClusterIdentifier or WorkgroupName must be specified, not both');
    if (workgroup && b.DbUser) throw new AwsServiceError('ValidationException', 'DbUser is not supported for Redshift Serverless');
    if ((cluster && !this.clusters.has(cluster)) || (workgroup && !this.workgroups.has(workgroup))) {
      throw new AwsServiceError('ValidationException', "Redshift endpoint doesn't exist in this region.");
    }
    const token = typeof b.ClientToken === 'string' ? b.ClientToken : undefined;
    if (token && this.byToken.has(token)) return this.startResponse(this.statements.get(this.byToken.get(token)!)!);
    const id = randomUUID();
    const now = new Date();
    const st: StoredStatement = {
      id,
      token,
      isBatch,
      request: b,
      created: now,
      updated: now,
      done: false,
      aborted: false,
      polls: 0,
      reported: [],
      subs: (sqls as string[]).map((sql, i) => ({
        id: isBatch ? `${id}:${i + 1}` : id,
        sql,
        status: 'SUBMITTED',
        columns: [],
        records: [],
        hasResultSet: false,
        resultRows: -1,
        resultSize: -1,
        created: now,
        updated: now,
      })),
    };
    this.statements.set(id, st);
    if (token) this.byToken.set(token, id);
    void this.run(st);
    return this.startResponse(st);
  }

  private startResponse(st: StoredStatement): Record<string, unknown> {
    const r = st.request;
    return {
      Id: st.id,
      CreatedAt: st.created.getTime() / 1000,
      Database: r.Database,
      DbUser: r.DbUser,
      SecretArn: r.SecretArn,
      ClusterIdentifier: r.ClusterIdentifier,
      WorkgroupName: r.WorkgroupName,
      DbGroups: [],
    };
  }

  private async run(st: StoredStatement): Promise<void> {
    const until = Date.now() + this.executionDelayMs;
    while (Date.now() < until && !st.aborted) await new Promise((r) => setTimeout(r, Math.min(10, until - Date.now())));
    if (st.aborted) return this.finish(st);
    let client: pg.Client | undefined;
    let failed = false;
    try {
      client = await this.client();
      this.typeNames ??= new Map(
        (await client.query<{ oid: string; typname: string }>('select oid, typname from pg_type')).rows.map((r) => [
          Number(r.oid),
          r.typname,
        ]),
      );
      st.pid = Number((await client.query<{ pid: string }>('select pg_backend_pid() as pid')).rows[0].pid);
      if (st.isBatch) await client.query('BEGIN');
      for (const sub of st.subs) {
        if (st.aborted || failed) {
          sub.status = 'ABORTED';
          continue;
        }
        sub.status = 'STARTED';
        try {
          if (/^\s*unload\s*\(/i.test(sub.sql)) {
            await this.unload(client, sub, st);
            sub.status = st.aborted ? 'ABORTED' : 'FINISHED';
            sub.updated = new Date();
            continue;
          }
          const res = await client.query({ text: sub.sql, rowMode: 'array' });
          const last = (Array.isArray(res) ? res[res.length - 1] : res) as pg.QueryResult<unknown[]>;
          this.fill(sub, last);
          sub.status = 'FINISHED';
        } catch (e) {
          failed = true;
          sub.status = st.aborted ? 'ABORTED' : 'FAILED';
          sub.error = redshiftError(e);
          st.error = sub.error;
        }
        sub.updated = new Date();
      }
      if (st.isBatch) await client.query(failed || st.aborted ? 'ROLLBACK' : 'COMMIT');
    } catch (e) {
      st.error = redshiftError(e);
      failed = true;
    } finally {
      await client?.end().catch(() => undefined);
    }
    this.finish(st);
  }

  private finish(st: StoredStatement): void {
    for (const sub of st.subs) if (sub.status !== 'FINISHED' && sub.status !== 'FAILED') sub.status = 'ABORTED';
    st.done = true;
    st.updated = new Date();
  }

  private fill(sub: SubStatement, res: pg.QueryResult<unknown[]>): void {
    const fields = res.fields ?? [];
    if (res.command === 'SELECT' || fields.length > 0) {
      sub.hasResultSet = true;
      sub.columns = fields.map((f) => this.column(f));
      sub.records = (res.rows as (string | null)[][]).map((row) => row.map((v, i) => field(v, sub.columns[i].typeName)));
      sub.resultRows = sub.records.length;
      sub.resultSize = Buffer.byteLength(JSON.stringify(sub.records));
    } else {
      sub.resultRows = typeof res.rowCount === 'number' && /^(INSERT|UPDATE|DELETE|MERGE|COPY)$/.test(res.command) ? res.rowCount : -1;
    }
  }

  /** UNLOAD ('select') TO 's3://bucket/prefix' IAM_ROLE '…' [FORMAT AS CSV] [NULL AS '…'] [MANIFEST
   * [VERBOSE]] [PARALLEL ON|OFF] [HEADER] [ALLOWOVERWRITE] [MAXFILESIZE n MB|GB]: runs the query on
   * PostgreSQL (same session, so CancelStatement's pg_cancel_backend stops it) and writes what
   * Redshift writes: `<prefix>0000_part_00`, `0001_part_00`… (PARALLEL ON, one file per "slice")
   * or `<prefix>000`, `001`… (PARALLEL OFF), and `<prefix>manifest`. CSV quoting as Redshift: a
   * field is quoted only when it holds the delimiter, a quote, CR or LF; quotes are doubled. */
  private async unload(client: pg.Client, sub: SubStatement, st: StoredStatement): Promise<void> {
    const call = parseUnload(sub.sql);
    if (!call.iamRole && !call.credentials) throw new Error('UNLOAD requires IAM_ROLE or CREDENTIALS authorization');
    if (call.format !== 'CSV') throw new Error('the loopback UNLOAD supports FORMAT AS CSV only');
    if (!this.s3) throw new Error('S3ServiceException:Access Denied,Status 403,Error AccessDenied (no loopback S3 configured)');
    const { bucket, key: prefix } = splitS3(call.to);
    try {
      await this.s3.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch {
      throw new Error(`S3ServiceException:The specified bucket does not exist,Status 404,Error NoSuchBucket,Rid LOOPBACK`);
    }
    this.unloads.push(call);
    const res = await client.query<unknown[]>({ text: call.query, rowMode: 'array' });
    if (st.aborted) return;
    const lines = (res.rows as (string | null)[][]).map((row) => row.map((v) => (v === null ? call.nullAs : csvField(v))).join(',') + '\n');
    const header = call.header ? res.fields.map((f) => csvField(f.name)).join(',') + '\n' : '';
    const per = Math.max(1, this.unloadRowsPerFile);
    const files: { key: string; body: string; rows: number }[] = [];
    for (let i = 0, n = 0; i < lines.length || (i === 0 && n === 0); i += per, n++) {
      const chunk = lines.slice(i, i + per);
      if (chunk.length === 0 && !call.serial) break; // PARALLEL ON writes no file for an empty result
      const name = call.serial ? String(n).padStart(3, '0') : `${String(n).padStart(4, '0')}_part_00`;
      files.push({ key: prefix + name, body: header + chunk.join(''), rows: chunk.length });
      if (chunk.length === 0) break;
    }
    for (const f of files) await this.s3.send(new PutObjectCommand({ Bucket: bucket, Key: f.key, Body: f.body }));
    if (call.manifest) {
      const entries = files.map((f) => ({
        url: `s3://${bucket}/${f.key}`,
        ...(call.verbose ? { meta: { content_length: Buffer.byteLength(f.body), record_count: f.rows } } : {}),
      }));
      const manifest: Record<string, unknown> = { entries };
      if (call.verbose) {
        manifest.schema = {
          elements: res.fields.map((f) => ({ name: f.name, type: { base: this.typeNames?.get(f.dataTypeID) ?? 'unknown' } })),
        };
        manifest.meta = { content_length: files.reduce((n, f) => n + Buffer.byteLength(f.body), 0), record_count: lines.length };
        manifest.author = { name: 'Amazon Redshift', version: '1.0.0' };
      }
      await this.s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}manifest`, Body: JSON.stringify(manifest) }));
    }
    sub.hasResultSet = false;
    sub.resultRows = lines.length;
  }

  private column(f: pg.FieldDef): ColumnMetadata {
    const typeName = this.typeNames?.get(f.dataTypeID) ?? 'unknown';
    const mod = f.dataTypeModifier;
    const numeric = typeName === 'numeric' && mod >= 4;
    return {
      name: f.name,
      label: f.name,
      typeName,
      precision: numeric ? ((mod - 4) >> 16) & 0xffff : 0,
      scale: numeric ? (mod - 4) & 0xffff : 0,
      length: 0,
      nullable: 1,
      isSigned: /^(int|float|numeric)/.test(typeName),
      isCaseSensitive: /char|text/.test(typeName),
      isCurrency: false,
      schemaName: '',
      tableName: '',
    };
  }

  /** Ids of statements still running (not done and not cancelled): after a session of queries
   * and cancels, none may be left. */
  runningStatements(): string[] {
    return [...this.statements.values()].filter((st) => !st.done && !st.aborted).map((st) => st.id);
  }

  private status(st: StoredStatement): Status {
    if (st.aborted) return st.done || st.pid === undefined ? 'ABORTED' : 'STARTED';
    // Seen SUBMITTED, then PICKED, then STARTED at least once, as on the real service.
    if (st.polls <= 1) return 'SUBMITTED';
    if (st.polls === 2) return 'PICKED';
    if (!st.done || st.polls === 3) return 'STARTED';
    return st.error ? 'FAILED' : st.subs.some((s) => s.status === 'ABORTED') ? 'ABORTED' : 'FINISHED';
  }

  private find(id: unknown): { st: StoredStatement; sub?: SubStatement } {
    const [base] = String(id ?? '').split(':');
    const st = this.statements.get(base);
    if (!st) throw new AwsServiceError('ResourceNotFoundException', `Query does not exist: ${String(id)}`, 400, { ResourceId: id });
    return { st, sub: String(id).includes(':') ? st.subs.find((s) => s.id === id) : undefined };
  }

  private describe(b: Record<string, unknown>): Record<string, unknown> {
    const { st } = this.find(b.Id);
    st.polls++;
    const status = this.status(st);
    if (st.reported[st.reported.length - 1] !== status) st.reported.push(status);
    const terminal = status === 'FINISHED' || status === 'FAILED' || status === 'ABORTED';
    const r = st.request;
    const subView = (s: SubStatement): Record<string, unknown> => ({
      Id: s.id,
      QueryString: s.sql,
      Status: terminal ? s.status : status === 'STARTED' ? 'STARTED' : 'SUBMITTED',
      HasResultSet: terminal ? s.hasResultSet : false,
      ResultRows: terminal ? s.resultRows : -1,
      ResultSize: terminal ? s.resultSize : -1,
      Error: terminal ? s.error : undefined,
      CreatedAt: s.created.getTime() / 1000,
      UpdatedAt: s.updated.getTime() / 1000,
      Duration: terminal ? (s.updated.getTime() - s.created.getTime()) * 1e6 : -1,
      RedshiftQueryId: 0,
    });
    const out: Record<string, unknown> = {
      Id: st.id,
      Status: status,
      CreatedAt: st.created.getTime() / 1000,
      UpdatedAt: st.updated.getTime() / 1000,
      Database: r.Database,
      DbUser: r.DbUser,
      SecretArn: r.SecretArn,
      ClusterIdentifier: r.ClusterIdentifier,
      WorkgroupName: r.WorkgroupName,
      RedshiftPid: st.pid ?? 0,
      RedshiftQueryId: 0,
      Duration: terminal ? (st.updated.getTime() - st.created.getTime()) * 1e6 : -1,
      Error: status === 'FAILED' ? st.error : undefined,
    };
    if (st.isBatch) {
      out.SubStatements = st.subs.map(subView);
      out.HasResultSet = false;
      out.ResultRows = -1;
      out.ResultSize = -1;
    } else {
      const s = subView(st.subs[0]);
      out.QueryString = s.QueryString;
      out.HasResultSet = s.HasResultSet;
      out.ResultRows = s.ResultRows;
      out.ResultSize = s.ResultSize;
    }
    return out;
  }

  private result(b: Record<string, unknown>): Record<string, unknown> {
    const { st, sub: maybeSub } = this.find(b.Id);
    const sub = st.isBatch ? maybeSub : st.subs[0];
    if (!sub) throw new AwsServiceError('ValidationException', 'Use a sub-statement id (<id>:<n>) to get the result of a batch statement');
    if (!st.done || sub.status !== 'FINISHED')
      throw new AwsServiceError(
        'ValidationException',
        `Query does not have result. Please check query status with DescribeStatement. Current status: ${sub.status}`,
      );
    if (!sub.hasResultSet)
      throw new AwsServiceError('ValidationException', 'Query does not have result. Please check query status with DescribeStatement.');
    if (sub.resultSize > this.resultSizeLimitBytes)
      throw new AwsServiceError(
        'ValidationException',
        'Database response exceeded size limit. Please retry with a smaller result size, or use UNLOAD to export the results to Amazon S3.',
      );
    let offset = 0;
    if (typeof b.NextToken === 'string') {
      const [id, at] = Buffer.from(b.NextToken, 'base64').toString('utf8').split('|');
      if (id !== sub.id || !/^\d+$/.test(at ?? '')) throw new AwsServiceError('ValidationException', 'Invalid NextToken');
      offset = Number(at);
    }
    const end = Math.min(sub.records.length, offset + this.pageRows);
    const out: Record<string, unknown> = {
      Records: sub.records.slice(offset, end),
      ColumnMetadata: sub.columns,
      TotalNumRows: sub.records.length,
    };
    if (end < sub.records.length) out.NextToken = Buffer.from(`${sub.id}|${end}`).toString('base64');
    return out;
  }

  // ---- metadata calls: run directly on PostgreSQL's catalog, paged by an offset token ----

  /** Checks the target (cluster or workgroup) as ExecuteStatement does; returns the database
   * the call connects to (ConnectedDatabase wins over Database, as on the real API). */
  private metadataTarget(b: Record<string, unknown>): string {
    const cluster = b.ClusterIdentifier as string | undefined;
    const workgroup = b.WorkgroupName as string | undefined;
    if (!b.Database) throw new AwsServiceError('ValidationException', 'Database is required');
    if (Boolean(cluster) === Boolean(workgroup))
      throw new AwsServiceError('ValidationException', 'Either ClusterIdentifier or WorkgroupName must be specified, not both');
    if ((cluster && !this.clusters.has(cluster)) || (workgroup && !this.workgroups.has(workgroup))) {
      throw new AwsServiceError('ValidationException', "Redshift endpoint doesn't exist in this region.");
    }
    return String(b.ConnectedDatabase ?? b.Database);
  }

  private async metadataQuery<T>(database: string, sql: string, params: unknown[]): Promise<T[]> {
    let c: pg.Client;
    try {
      c = await this.client(database);
    } catch (e) {
      throw new AwsServiceError('DatabaseConnectionException', `Database connection failed: ${(e as Error).message}`, 500);
    }
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  private metadataPage<T>(all: T[], b: Record<string, unknown>, maxSize: number, kind: string): { page: T[]; next?: string } {
    const size = b.MaxResults === undefined || b.MaxResults === 0 ? Math.min(maxSize, this.metadataPageSize) : Number(b.MaxResults);
    if (!Number.isInteger(size) || size < 0 || size > maxSize)
      throw new AwsServiceError('ValidationException', `MaxResults must be between 0 and ${maxSize}`);
    let start = 0;
    if (typeof b.NextToken === 'string' && b.NextToken) {
      const [k, at] = Buffer.from(b.NextToken, 'base64').toString('utf8').split('|');
      if (k !== kind || !/^\d+$/.test(at ?? '')) throw new AwsServiceError('ValidationException', 'Invalid NextToken');
      start = Number(at);
    }
    return {
      page: all.slice(start, start + size),
      next: start + size < all.length ? Buffer.from(`${kind}|${start + size}`).toString('base64') : undefined,
    };
  }

  private async listDatabases(b: Record<string, unknown>): Promise<Record<string, unknown>> {
    const db = this.metadataTarget(b);
    const rows = await this.metadataQuery<{ datname: string }>(
      db,
      'select datname from pg_database where not datistemplate order by datname',
      [],
    );
    const { page, next } = this.metadataPage(
      rows.map((r) => r.datname),
      b,
      1000,
      'db',
    );
    return { Databases: page, NextToken: next };
  }

  private async listSchemas(b: Record<string, unknown>): Promise<Record<string, unknown>> {
    const db = this.metadataTarget(b);
    const rows = await this.metadataQuery<{ nspname: string }>(
      db,
      "select nspname from pg_namespace where nspname like $1 and nspname not like 'pg\\_toast%' and nspname not like 'pg\\_temp\\_%' order by nspname",
      [typeof b.SchemaPattern === 'string' ? b.SchemaPattern : '%'],
    );
    const { page, next } = this.metadataPage(
      rows.map((r) => r.nspname),
      b,
      1000,
      'schema',
    );
    return { Schemas: page, NextToken: next };
  }

  private async listTables(b: Record<string, unknown>): Promise<Record<string, unknown>> {
    const db = this.metadataTarget(b);
    const rows = await this.metadataQuery<{ name: string; schema: string; type: string }>(
      db,
      `select c.relname as name, n.nspname as schema,
         case when n.nspname in ('pg_catalog', 'information_schema') then 'SYSTEM ' else '' end ||
         case c.relkind when 'v' then 'VIEW' when 'm' then 'VIEW' when 'f' then 'EXTERNAL TABLE' else 'TABLE' end as type
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind in ('r', 'p', 'v', 'm', 'f') and n.nspname like $1 and c.relname like $2
         and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'
       order by n.nspname, c.relname`,
      [typeof b.SchemaPattern === 'string' ? b.SchemaPattern : '%', typeof b.TablePattern === 'string' ? b.TablePattern : '%'],
    );
    const { page, next } = this.metadataPage(rows, b, 1000, 'table');
    return { Tables: page, NextToken: next };
  }

  private async describeTable(b: Record<string, unknown>): Promise<Record<string, unknown>> {
    const db = this.metadataTarget(b);
    const schema = typeof b.Schema === 'string' ? b.Schema : 'public';
    if (typeof b.Table !== 'string' || !b.Table) throw new AwsServiceError('ValidationException', 'Table is required');
    const rows = await this.metadataQuery<{
      name: string;
      type_name: string;
      length: string | null;
      precision: string | null;
      scale: string | null;
      nullable: boolean;
      column_default: string | null;
    }>(
      db,
      `select a.attname as name, format_type(a.atttypid, null) as type_name,
         information_schema._pg_char_max_length(a.atttypid, a.atttypmod) as length,
         information_schema._pg_numeric_precision(a.atttypid, a.atttypmod) as precision,
         information_schema._pg_numeric_scale(a.atttypid, a.atttypmod) as scale,
         not a.attnotnull as nullable, pg_get_expr(d.adbin, d.adrelid) as column_default
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
       left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
       where n.nspname = $1 and c.relname = $2 and a.attnum > 0 and not a.attisdropped order by a.attnum`,
      [schema, b.Table],
    );
    const { page, next } = this.metadataPage(rows, b, 1000, 'column');
    const shortType: Record<string, string> = {
      'character varying': 'varchar',
      character: 'bpchar',
      integer: 'int4',
      bigint: 'int8',
      smallint: 'int2',
      'double precision': 'float8',
      real: 'float4',
      boolean: 'bool',
      'timestamp without time zone': 'timestamp',
      'timestamp with time zone': 'timestamptz',
    };
    return {
      TableName: rows.length ? b.Table : undefined,
      ColumnList: page.map((r) => ({
        name: r.name,
        typeName: shortType[r.type_name] ?? r.type_name,
        length: Number(r.length ?? 0),
        precision: Number(r.precision ?? 0),
        scale: Number(r.scale ?? 0),
        nullable: r.nullable ? 1 : 0,
        isSigned: /int|numeric|double|real/.test(r.type_name),
        isCaseSensitive: /char|text/.test(r.type_name),
        isCurrency: false,
        columnDefault: r.column_default ?? undefined,
        schemaName: schema,
        tableName: b.Table,
        label: r.name,
      })),
      NextToken: next,
    };
  }

  private async cancel(b: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { st } = this.find(b.Id);
    if (st.done) {
      throw new AwsServiceError(
        'ValidationException',
        `Could not cancel a query that is already in ${this.status(st)} state with ID: ${st.id}`,
      );
    }
    st.aborted = true;
    if (st.pid !== undefined) {
      const c = await this.client();
      try {
        await c.query('select pg_cancel_backend($1)', [st.pid]);
      } finally {
        await c.end();
      }
    }
    return { Status: true };
  }
}

export interface UnloadCall {
  query: string;
  to: string;
  iamRole?: string;
  credentials?: string;
  format: 'CSV' | 'TEXT' | 'JSON' | 'PARQUET';
  nullAs: string;
  manifest: boolean;
  verbose: boolean;
  serial: boolean;
  header: boolean;
  allowOverwrite: boolean;
  maxFileSize?: string;
}

/** Reads a Redshift string literal at `i` (standard_conforming_strings off: `''`, `\'` and `\\`
 * are escapes). Returns the value and the offset after the closing quote. */
function readLiteral(sql: string, i: number): { value: string; end: number } {
  if (sql[i] !== "'") throw new Error(`syntax error at or near "${sql.slice(i, i + 10)}"`);
  let value = '';
  let j = i + 1;
  while (j < sql.length) {
    const c = sql[j];
    if (c === '\\') {
      value += sql[j + 1] ?? '';
      j += 2;
    } else if (c === "'") {
      if (sql[j + 1] === "'") {
        value += "'";
        j += 2;
      } else {
        return { value, end: j + 1 };
      }
    } else {
      value += c;
      j++;
    }
  }
  throw new Error('unterminated quoted string in UNLOAD');
}

export function parseUnload(sql: string): UnloadCall {
  const head = /^\s*unload\s*\(\s*/i.exec(sql);
  if (!head) throw new Error('not an UNLOAD statement');
  const q = readLiteral(sql, head[0].length);
  let rest = sql.slice(q.end);
  const close = /^\s*\)\s*to\s*/i.exec(rest);
  if (!close) throw new Error('syntax error in UNLOAD: expected ) TO');
  const to = readLiteral(rest, close[0].length);
  rest = rest.slice(to.end);
  if (!/^s3:\/\/[^/]+\//.test(to.value)) throw new Error(`Invalid S3 location: ${to.value}`);
  const call: UnloadCall = {
    query: q.value,
    to: to.value,
    format: 'TEXT',
    nullAs: '',
    manifest: false,
    verbose: false,
    serial: false,
    header: false,
    allowOverwrite: false,
  };
  let m: RegExpExecArray | null;
  const take = (re: RegExp): RegExpExecArray | null => {
    const r = re.exec(rest);
    if (r) rest = rest.slice(r[0].length);
    return r;
  };
  while (rest.trim()) {
    if ((m = take(/^\s*iam_role\s+(?=')/i))) {
      const lit = readLiteral(rest, 0);
      call.iamRole = lit.value;
      rest = rest.slice(lit.end);
    } else if ((m = take(/^\s*(?:with\s+)?credentials\s+(?:as\s+)?(?=')/i))) {
      const lit = readLiteral(rest, 0);
      call.credentials = lit.value;
      rest = rest.slice(lit.end);
    } else if ((m = take(/^\s*(?:format\s+(?:as\s+)?)?(csv|json|parquet)\b/i))) {
      call.format = m[1].toUpperCase() as UnloadCall['format'];
    } else if ((m = take(/^\s*null\s+(?:as\s+)?(?=')/i))) {
      const lit = readLiteral(rest, 0);
      call.nullAs = lit.value;
      rest = rest.slice(lit.end);
    } else if ((m = take(/^\s*manifest(\s+verbose)?\b/i))) {
      call.manifest = true;
      call.verbose = Boolean(m[1]);
    } else if ((m = take(/^\s*parallel(?:\s+(on|true|off|false))?\b/i))) {
      call.serial = /^(off|false)$/i.test(m[1] ?? 'on');
    } else if ((m = take(/^\s*header\b/i))) {
      call.header = true;
    } else if ((m = take(/^\s*allowoverwrite\b/i))) {
      call.allowOverwrite = true;
    } else if ((m = take(/^\s*maxfilesize\s+(?:as\s+)?(\d+(?:\.\d+)?\s*(?:mb|gb))\b/i))) {
      call.maxFileSize = m[1];
    } else {
      throw new Error(`syntax error at or near "${rest.trim().split(/\s+/)[0]}" in UNLOAD options`);
    }
  }
  return call;
}

function splitS3(uri: string): { bucket: string; key: string } {
  const m = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri)!;
  return { bucket: m[1], key: m[2] };
}

/** One CSV field as Redshift's UNLOAD … CSV writes it. */
function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function field(v: string | null, typeName: string): Field {
  if (v === null) return { isNull: true };
  switch (typeName) {
    case 'int2':
    case 'int4':
    case 'int8':
    case 'oid':
      return { longValue: Number.isSafeInteger(Number(v)) ? Number(v) : rawJsonNumber(v) };
    case 'float4':
    case 'float8': {
      const n = Number(v);
      // JSON.stringify(-0) is "0"; the real service keeps the sign (-0.0), so send it raw.
      return Number.isFinite(n) ? { doubleValue: Object.is(n, -0) ? rawJsonNumber('-0') : n } : { stringValue: v };
    }
    case 'bool':
      return { booleanValue: v === 't' || v === 'true' };
    case 'bytea':
      return { blobValue: Buffer.from(v.replace(/^\\x/, ''), 'hex').toString('base64') };
    default:
      return { stringValue: v };
  }
}

/** pg error → the Data API's `Error` text: "ERROR: <message>" plus "\n  Position: N" when known. */
function redshiftError(e: unknown): string {
  const err = e as { message?: string; position?: string };
  return `ERROR: ${err.message ?? String(e)}${err.position ? `\n  Position: ${err.position}` : ''}`;
}
