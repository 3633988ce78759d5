// Loopback Athena (`AmazonAthena.*`, API 2017-05-18). Queries run in a real DuckDB; the result
// is written to S3 (s3rver) as `<OutputLocation><QueryExecutionId>.csv` in Athena's CSV dialect
// (header row, every value quoted, NULL = empty unquoted field), and GetQueryResults pages the
// same text (first row of a SELECT's first page = the header row, ≤1000 rows per call).
import { randomUUID } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import { AwsServiceError, type ServiceDefinition } from './loopbackServer';
import { formatAthenaCsvRecord } from '../../../src/core/engines/csv/csv';
import { parseS3Uri } from '../../../src/core/aws/clientConfig';

type AthenaState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
type StatementType = 'DML' | 'DDL' | 'UTILITY';

interface AthenaColumn {
  Name: string;
  Label: string;
  Type: string;
  Precision: number;
  Scale: number;
}

interface StoredQuery {
  id: string;
  token?: string;
  sql: string;
  workGroup: string;
  database?: string;
  catalog?: string;
  statementType: StatementType;
  outputLocation: string;
  submitted: Date;
  completed?: Date;
  /** Execution finished in DuckDB (result written) or failed. */
  done: boolean;
  failure?: string;
  cancelled: boolean;
  polls: number;
  /** States reported by GetQueryExecution, in order (tests check the state machine). */
  reported: AthenaState[];
  columns: AthenaColumn[];
  rows: (string | null)[][];
  updateCount?: number;
  bytes: number;
}

export interface AthenaServiceOptions {
  duckdb: DuckDBConnection;
  s3: S3Client;
  /** Used when neither the request nor the workgroup give one, e.g. `s3://results/athena/`. */
  defaultOutputLocation: string;
}

export class LoopbackAthena {
  readonly queries = new Map<string, StoredQuery>();
  /** Each query stays RUNNING at least this long (ms) before DuckDB runs it (cancel tests). */
  executionDelayMs = 0;
  private readonly byToken = new Map<string, string>();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: AthenaServiceOptions) {}

  definition(): ServiceDefinition {
    return {
      targetPrefix: 'AmazonAthena',
      signingName: 'athena',
      throttlingType: 'TooManyRequestsException',
      operations: {
        StartQueryExecution: (b) => this.start(b),
        GetQueryExecution: (b) => ({ QueryExecution: this.describe(this.get(b.QueryExecutionId), true) }),
        BatchGetQueryExecution: (b) => ({
          QueryExecutions: ((b.QueryExecutionIds as string[]) ?? []).map((id) => this.describe(this.get(id), false)),
          UnprocessedQueryExecutionIds: [],
        }),
        GetQueryResults: (b) => this.results(b),
        StopQueryExecution: (b) => {
          const q = this.get(b.QueryExecutionId);
          if (!q.done) {
            q.cancelled = true;
            q.completed = new Date();
          }
          return {};
        },
      },
    };
  }

  /** Ids of queries the service is still working on (neither finished, failed nor cancelled):
   * after a session of queries and cancels, none may be left. */
  runningQueries(): string[] {
    return [...this.queries.values()].filter((q) => !q.done && !q.cancelled).map((q) => q.id);
  }

  private get(id: unknown): StoredQuery {
    const q = typeof id === 'string' ? this.queries.get(id) : undefined;
    if (!q)
      throw new AwsServiceError('InvalidRequestException', `QueryExecution ${String(id)} was not found`, 400, {
        AthenaErrorCode: 'INVALID_INPUT',
      });
    return q;
  }

  private start(b: Record<string, unknown>): { QueryExecutionId: string } {
    const sql = b.QueryString;
    if (typeof sql !== 'string' || sql.length < 1 || sql.length > 262144) {
      throw new AwsServiceError('InvalidRequestException', 'QueryString must be 1-262144 characters', 400, {
        AthenaErrorCode: 'INVALID_INPUT',
      });
    }
    const token = typeof b.ClientRequestToken === 'string' ? b.ClientRequestToken : undefined;
    if (token && this.byToken.has(token)) {
      const existing = this.queries.get(this.byToken.get(token)!)!;
      if (existing.sql !== sql)
        throw new AwsServiceError('InvalidRequestException', 'Idempotent parameters do not match', 400, {
          AthenaErrorCode: 'INVALID_INPUT',
        });
      return { QueryExecutionId: existing.id };
    }
    const ctx = (b.QueryExecutionContext ?? {}) as { Database?: string; Catalog?: string };
    const rc = (b.ResultConfiguration ?? {}) as { OutputLocation?: string };
    const prefix = rc.OutputLocation ?? this.options.defaultOutputLocation;
    const id = randomUUID();
    const statementType = classify(sql);
    const q: StoredQuery = {
      id,
      token,
      sql,
      workGroup: (b.WorkGroup as string) ?? 'primary',
      database: ctx.Database,
      catalog: ctx.Catalog ?? 'AwsDataCatalog',
      statementType,
      outputLocation: `${prefix.endsWith('/') ? prefix : prefix + '/'}${id}${statementType === 'DML' ? '.csv' : '.txt'}`,
      submitted: new Date(),
      done: false,
      cancelled: false,
      polls: 0,
      reported: [],
      columns: [],
      rows: [],
      bytes: 0,
    };
    this.queries.set(id, q);
    if (token) this.byToken.set(token, id);
    // One DuckDB connection: run queries one after another, like a single-slot engine.
    this.chain = this.chain.then(() => this.run(q)).catch(() => undefined);
    return { QueryExecutionId: id };
  }

  private async run(q: StoredQuery): Promise<void> {
    const until = Date.now() + this.executionDelayMs;
    while (Date.now() < until && !q.cancelled) await new Promise((r) => setTimeout(r, Math.min(10, until - Date.now())));
    if (q.cancelled) return;
    try {
      const result = await this.options.duckdb.runAndReadAll(q.sql);
      if (q.cancelled) return;
      const names = result.columnNames();
      const types = result.columnTypes();
      const rows = result.getRows();
      const isWrite = /^\s*(insert|update|delete|merge)\b/i.test(q.sql);
      if (isWrite) {
        q.updateCount = Number(rows[0]?.[0] ?? 0);
      } else if (q.statementType !== 'DDL') {
        q.columns = names.map((name, i) => athenaColumn(name, types[i]));
        q.rows = rows.map((r) => r.map(athenaText));
      }
      let body = '';
      if (q.statementType === 'DML' && !isWrite) {
        const parts: string[] = [formatAthenaCsvRecord(names)];
        for (const r of q.rows) parts.push(formatAthenaCsvRecord(r));
        body = parts.join('');
      } else if (q.statementType === 'UTILITY') {
        body = q.rows.map((r) => r.map((v) => v ?? '').join('\t') + '\n').join('');
      }
      const { bucket, key } = parseS3Uri(q.outputLocation);
      const bytes = Buffer.from(body, 'utf8');
      await this.options.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: 'text/csv' }));
      q.bytes = bytes.length;
    } catch (e) {
      q.failure = athenaReason(e instanceof Error ? e.message : String(e));
    }
    q.done = true;
    q.completed = new Date();
  }

  private state(q: StoredQuery, advance: boolean): AthenaState {
    if (advance) q.polls++;
    if (q.cancelled) return 'CANCELLED';
    // Every query is seen QUEUED once and RUNNING at least once, as on the real service.
    if (q.polls <= 1) return 'QUEUED';
    if (!q.done || q.polls === 2) return 'RUNNING';
    return q.failure ? 'FAILED' : 'SUCCEEDED';
  }

  private describe(q: StoredQuery, advance: boolean): Record<string, unknown> {
    const state = this.state(q, advance);
    if (advance && q.reported[q.reported.length - 1] !== state) q.reported.push(state);
    const terminal = state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED';
    const status: Record<string, unknown> = { State: state, SubmissionDateTime: q.submitted.getTime() / 1000 };
    if (terminal) status.CompletionDateTime = (q.completed ?? new Date()).getTime() / 1000;
    if (state === 'FAILED') {
      status.StateChangeReason = q.failure;
      status.AthenaError = { ErrorCategory: 2, ErrorType: 1006, Retryable: false, ErrorMessage: q.failure };
    }
    if (state === 'CANCELLED') status.StateChangeReason = 'Query cancelled by user';
    return {
      QueryExecutionId: q.id,
      Query: q.sql,
      StatementType: q.statementType,
      ResultConfiguration: { OutputLocation: q.outputLocation },
      QueryExecutionContext: { Database: q.database, Catalog: q.catalog },
      Status: status,
      Statistics: terminal
        ? { EngineExecutionTimeInMillis: 1, DataScannedInBytes: state === 'SUCCEEDED' ? q.bytes : 0, TotalExecutionTimeInMillis: 1 }
        : {},
      WorkGroup: q.workGroup,
      EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
    };
  }

  private results(b: Record<string, unknown>): Record<string, unknown> {
    const q = this.get(b.QueryExecutionId);
    const state = this.state(q, false);
    if (state !== 'SUCCEEDED') {
      const why = state === 'FAILED' ? q.failure : `Query has not yet finished. Current state: ${state}`;
      throw new AwsServiceError('InvalidRequestException', why ?? state, 400, { AthenaErrorCode: 'INVALID_INPUT' });
    }
    const max = b.MaxResults === undefined ? 1000 : Number(b.MaxResults);
    if (!Number.isInteger(max) || max < 1 || max > 1000) {
      throw new AwsServiceError(
        'InvalidRequestException',
        `1 validation error detected: Value '${String(b.MaxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000`,
        400,
        { AthenaErrorCode: 'INVALID_INPUT' },
      );
    }
    // Row index space: for DML the header row is row 0.
    const header = q.statementType === 'DML' && q.updateCount === undefined;
    const total = q.rows.length + (header ? 1 : 0);
    let offset = 0;
    if (typeof b.NextToken === 'string') {
      const [id, at] = Buffer.from(b.NextToken, 'base64').toString('utf8').split(':');
      if (id !== q.id || !/^\d+$/.test(at ?? ''))
        throw new AwsServiceError('InvalidRequestException', 'Invalid NextToken', 400, { AthenaErrorCode: 'INVALID_INPUT' });
      offset = Number(at);
    }
    const end = Math.min(total, offset + max);
    const Rows: { Data: { VarCharValue?: string }[] }[] = [];
    for (let i = offset; i < end; i++) {
      const values = header ? (i === 0 ? q.columns.map((c) => c.Name) : q.rows[i - 1]) : q.rows[i];
      Rows.push({ Data: values.map((v) => (v === null ? {} : { VarCharValue: v })) });
    }
    const out: Record<string, unknown> = {
      ResultSet: {
        Rows,
        ResultSetMetadata: {
          ColumnInfo: q.columns.map((c) => ({
            CatalogName: 'hive',
            SchemaName: '',
            TableName: '',
            ...c,
            Nullable: 'UNKNOWN',
            CaseSensitive: c.Type === 'varchar',
          })),
        },
      },
    };
    if (q.updateCount !== undefined) out.UpdateCount = q.updateCount;
    if (end < total) out.NextToken = Buffer.from(`${q.id}:${end}`).toString('base64');
    return out;
  }
}

function classify(sql: string): StatementType {
  const word = /^\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*([a-z]+)/i.exec(sql)?.[1]?.toLowerCase() ?? '';
  if (['create', 'drop', 'alter', 'msck'].includes(word)) return /^\s*create\s+table\s+\S+\s+as\b/i.test(sql) ? 'DML' : 'DDL';
  if (['show', 'describe', 'explain'].includes(word)) return 'UTILITY';
  return 'DML';
}

function athenaColumn(name: string, type: DuckDBType): AthenaColumn {
  const t = type.toString().toUpperCase();
  const col = (Type: string, Precision = 0, Scale = 0): AthenaColumn => ({ Name: name, Label: name, Type, Precision, Scale });
  const dec = /^DECIMAL\((\d+),(\d+)\)$/.exec(t);
  if (dec) return col('decimal', Number(dec[1]), Number(dec[2]));
  if (t.endsWith('[]') || t.startsWith('LIST')) return col('array');
  if (t.startsWith('STRUCT')) return col('row');
  if (t.startsWith('MAP')) return col('map');
  switch (t) {
    case 'TINYINT':
    case 'UTINYINT':
      return col('tinyint', 3);
    case 'SMALLINT':
    case 'USMALLINT':
      return col('smallint', 5);
    case 'INTEGER':
    case 'UINTEGER':
      return col('integer', 10);
    case 'BIGINT':
    case 'UBIGINT':
      return col('bigint', 19);
    case 'HUGEINT':
    case 'UHUGEINT':
      return col('decimal', 38, 0);
    case 'DOUBLE':
      return col('double', 17);
    case 'FLOAT':
      return col('float', 17);
    case 'BOOLEAN':
      return col('boolean');
    case 'DATE':
      return col('date');
    case 'TIME':
      return col('time', 3);
    case 'BLOB':
      return col('varbinary', 1073741824);
    case 'JSON':
      return col('json');
    default:
      if (t.startsWith('TIMESTAMP')) return col(t.includes('TIME ZONE') ? 'timestamp with time zone' : 'timestamp', 3);
      return col('varchar', 2147483647);
  }
}

function athenaText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'bigint' || typeof value === 'number') return String(value);
  return String(value);
}

/** DuckDB's "Parser Error: … LINE 2: …\n      ^" → Athena's "SYNTAX_ERROR: line 2:7: …". */
function athenaReason(message: string): string {
  const kind = /^(\w+) Error:/.exec(message)?.[1] ?? '';
  const code =
    kind === 'Parser'
      ? 'SYNTAX_ERROR'
      : kind === 'Catalog'
        ? 'TABLE_NOT_FOUND'
        : kind === 'Binder'
          ? 'COLUMN_NOT_FOUND'
          : 'GENERIC_USER_ERROR';
  const lines = message.split('\n');
  const first = lines[0].replace(/^\w+ Error:\s*/, '');
  const lineIdx = lines.findIndex((l) => /^LINE \d+: /.test(l));
  if (lineIdx >= 0 && lines[lineIdx + 1]?.includes('^')) {
    const m = /^LINE (\d+): /.exec(lines[lineIdx])!;
    const context = lines[lineIdx].slice(m[0].length);
    const caret = lines[lineIdx + 1].indexOf('^') - m[0].length;
    if (!context.startsWith('...') && caret >= 0) return `${code}: line ${m[1]}:${caret + 1}: ${first}`;
  }
  return `${code}: ${first}`;
}
