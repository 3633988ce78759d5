// Loopback Redshift Data API (`RedshiftData.*`, API 2019-12-20) executing on a real PostgreSQL.
// Statuses SUBMITTED → PICKED → STARTED → FINISHED | FAILED | ABORTED, results as the typed
// `Field` union with ColumnMetadata, paged by GetStatementResult/NextToken. Batches run in one
// transaction and get sub-statement ids `<uuid>:<n>`.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { AwsServiceError, rawJsonNumber, type ServiceDefinition } from './loopbackServer';

type Status = 'SUBMITTED' | 'PICKED' | 'STARTED' | 'FINISHED' | 'FAILED' | 'ABORTED';
type Field = { isNull: true } | { booleanValue: boolean } | { longValue: number | string /* rawJsonNumber */ } | { doubleValue: number } | { stringValue: string } | { blobValue: string };

interface ColumnMetadata {
  name: string; label: string; typeName: string; precision: number; scale: number; length: number;
  nullable: number; isSigned: boolean; isCaseSensitive: boolean; isCurrency: boolean; schemaName: string; tableName: string;
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
  host: string; port: number; user: string; password: string; database: string;
}

export class LoopbackRedshiftData {
  readonly statements = new Map<string, StoredStatement>();
  /** Statements stay SUBMITTED/PICKED at least this long before they run (cancel tests). */
  executionDelayMs = 0;
  /** Records per GetStatementResult page (the real service pages by response size). */
  pageRows = 500;
  readonly clusters = new Set(['loopback-cluster']);
  readonly workgroups = new Set(['loopback-wg']);
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
      },
    };
  }

  private async client(): Promise<pg.Client> {
    const c = new pg.Client({ ...this.target, types: { getTypeParser: () => (v: string) => v } });
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
    if (Boolean(cluster) === Boolean(workgroup)) throw new AwsServiceError('ValidationException', 'Either ClusterIdentifier or WorkgroupName must be specified, not both');
    if (workgroup && b.DbUser) throw new AwsServiceError('ValidationException', 'DbUser is not supported for Redshift Serverless');
    if ((cluster && !this.clusters.has(cluster)) || (workgroup && !this.workgroups.has(workgroup))) {
      throw new AwsServiceError('ValidationException', "Redshift endpoint doesn't exist in this region.");
    }
    const token = typeof b.ClientToken === 'string' ? b.ClientToken : undefined;
    if (token && this.byToken.has(token)) return this.startResponse(this.statements.get(this.byToken.get(token)!)!);
    const id = randomUUID();
    const now = new Date();
    const st: StoredStatement = {
      id, token, isBatch, request: b, created: now, updated: now, done: false, aborted: false, polls: 0, reported: [],
      subs: (sqls as string[]).map((sql, i) => ({ id: isBatch ? `${id}:${i + 1}` : id, sql, status: 'SUBMITTED', columns: [], records: [], hasResultSet: false, resultRows: -1, resultSize: -1, created: now, updated: now })),
    };
    this.statements.set(id, st);
    if (token) this.byToken.set(token, id);
    void this.run(st);
    return this.startResponse(st);
  }

  private startResponse(st: StoredStatement): Record<string, unknown> {
    const r = st.request;
    return {
      Id: st.id, CreatedAt: st.created.getTime() / 1000, Database: r.Database, DbUser: r.DbUser, SecretArn: r.SecretArn,
      ClusterIdentifier: r.ClusterIdentifier, WorkgroupName: r.WorkgroupName, DbGroups: [],
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
      this.typeNames ??= new Map((await client.query<{ oid: string; typname: string }>('select oid, typname from pg_type')).rows.map((r) => [Number(r.oid), r.typname]));
      st.pid = Number((await client.query<{ pid: string }>('select pg_backend_pid() as pid')).rows[0].pid);
      if (st.isBatch) await client.query('BEGIN');
      for (const sub of st.subs) {
        if (st.aborted || failed) {
          sub.status = 'ABORTED';
          continue;
        }
        sub.status = 'STARTED';
        try {
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

  private column(f: pg.FieldDef): ColumnMetadata {
    const typeName = this.typeNames?.get(f.dataTypeID) ?? 'unknown';
    const mod = f.dataTypeModifier;
    const numeric = typeName === 'numeric' && mod >= 4;
    return {
      name: f.name, label: f.name, typeName,
      precision: numeric ? ((mod - 4) >> 16) & 0xffff : 0, scale: numeric ? (mod - 4) & 0xffff : 0,
      length: 0, nullable: 1, isSigned: /^(int|float|numeric)/.test(typeName), isCaseSensitive: /char|text/.test(typeName), isCurrency: false,
      schemaName: '', tableName: '',
    };
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
      Id: s.id, QueryString: s.sql, Status: terminal ? s.status : status === 'STARTED' ? 'STARTED' : 'SUBMITTED',
      HasResultSet: terminal ? s.hasResultSet : false, ResultRows: terminal ? s.resultRows : -1, ResultSize: terminal ? s.resultSize : -1,
      Error: terminal ? s.error : undefined, CreatedAt: s.created.getTime() / 1000, UpdatedAt: s.updated.getTime() / 1000,
      Duration: terminal ? (s.updated.getTime() - s.created.getTime()) * 1e6 : -1, RedshiftQueryId: 0,
    });
    const out: Record<string, unknown> = {
      Id: st.id, Status: status, CreatedAt: st.created.getTime() / 1000, UpdatedAt: st.updated.getTime() / 1000,
      Database: r.Database, DbUser: r.DbUser, SecretArn: r.SecretArn, ClusterIdentifier: r.ClusterIdentifier, WorkgroupName: r.WorkgroupName,
      RedshiftPid: st.pid ?? 0, RedshiftQueryId: 0, Duration: terminal ? (st.updated.getTime() - st.created.getTime()) * 1e6 : -1,
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
    if (!st.done || sub.status !== 'FINISHED') throw new AwsServiceError('ValidationException', `Query does not have result. Please check query status with DescribeStatement. Current status: ${sub.status}`);
    if (!sub.hasResultSet) throw new AwsServiceError('ValidationException', 'Query does not have result. Please check query status with DescribeStatement.');
    let offset = 0;
    if (typeof b.NextToken === 'string') {
      const [id, at] = Buffer.from(b.NextToken, 'base64').toString('utf8').split('|');
      if (id !== sub.id || !/^\d+$/.test(at ?? '')) throw new AwsServiceError('ValidationException', 'Invalid NextToken');
      offset = Number(at);
    }
    const end = Math.min(sub.records.length, offset + this.pageRows);
    const out: Record<string, unknown> = { Records: sub.records.slice(offset, end), ColumnMetadata: sub.columns, TotalNumRows: sub.records.length };
    if (end < sub.records.length) out.NextToken = Buffer.from(`${sub.id}|${end}`).toString('base64');
    return out;
  }

  private async cancel(b: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { st } = this.find(b.Id);
    if (st.done) {
      throw new AwsServiceError('ValidationException', `Could not cancel a query that is already in ${this.status(st)} state with ID: ${st.id}`);
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

function field(v: string | null, typeName: string): Field {
  if (v === null) return { isNull: true };
  switch (typeName) {
    case 'int2': case 'int4': case 'int8': case 'oid': return { longValue: Number.isSafeInteger(Number(v)) ? Number(v) : rawJsonNumber(v) };
    case 'float4': case 'float8': {
      const n = Number(v);
      return Number.isFinite(n) ? { doubleValue: n } : { stringValue: v };
    }
    case 'bool': return { booleanValue: v === 't' || v === 'true' };
    case 'bytea': return { blobValue: Buffer.from(v.replace(/^\\x/, ''), 'hex').toString('base64') };
    default: return { stringValue: v };
  }
}

/** pg error → the Data API's `Error` text: "ERROR: <message>" plus "\n  Position: N" when known. */
function redshiftError(e: unknown): string {
  const err = e as { message?: string; position?: string };
  return `ERROR: ${err.message ?? String(e)}${err.position ? `\n  Position: ${err.position}` : ''}`;
}
