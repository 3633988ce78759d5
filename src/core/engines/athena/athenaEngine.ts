// Athena engine: StartQueryExecution (idempotent via ClientRequestToken) → GetQueryExecution
// polled with capped back-off → rows read straight from the result CSV in S3 (one streamed
// GetObject) or, when S3 GetObject is denied, paged through GetQueryResults (≤1000 rows/call).
import { randomUUID } from 'node:crypto';
import type { AthenaClient, GetQueryResultsOutput, QueryExecution as AthenaQueryExecution } from '@aws-sdk/client-athena';
import type { S3Client } from '@aws-sdk/client-s3';
import type { AthenaConnection } from '../../connections/types';
import {
  CancelledError,
  EngineError,
  type ColumnInfo,
  type Engine,
  type ExecuteOptions,
  type ExecutionInfo,
  type QueryExecution,
  type Row,
  type RowBlock,
} from '../engine';
import { parseS3Uri, type AwsClientOptions } from '../../aws/clientConfig';
import { athenaClient, type AthenaApi } from '../../aws/clients/athena';
import { s3Client } from '../../aws/clients/s3';
import { backoffDelays, sleep, type BackoffOptions } from '../../aws/backoff';
import { isAccessDenied, toEngineError } from '../../aws/errors';
import { lineColumnIn, offsetOfLineColumn } from '../../sql/positions';
import { athenaColumns, converterFor, fieldKindFor, type Converter } from './types';
import { AthenaCsvBlockReader } from '../csv/csvBlocks';

export interface AthenaEngineOptions {
  /** Explicit credentials (tests); default is the SDK chain for the connection's profile. */
  credentials?: AwsClientOptions['credentials'];
  maxAttempts?: number;
  poll?: BackoffOptions;
  /** Read SELECT results from the CSV in S3 when allowed (default true). */
  directS3Read?: boolean;
  /** Where stop requests sent after a failure or dispose are reported. */
  log?: (message: string) => void;
}

const SERVICE = 'Athena';
const MAX_PAGE = 1000;

export function createAthenaEngine(config: AthenaConnection, options: AthenaEngineOptions = {}): AthenaEngine {
  return new AthenaEngine(config, options);
}

export class AthenaEngine implements Engine {
  readonly kind = 'athena' as const;
  private athena?: AthenaClient;
  private s3?: S3Client;
  private disposed = false;
  /** Result buckets where GetObject was denied: later queries page right away (saves a round trip). */
  private readonly deniedBuckets = new Set<string>();
  /** Queries started and not yet finished, with how to stop each (dispose stops them all). */
  private readonly running = new Map<string, (why: string) => Promise<void>>();
  private readonly athenaApi: ReturnType<typeof athenaClient>;
  private readonly s3Api: ReturnType<typeof s3Client>;

  constructor(
    private readonly config: AthenaConnection,
    private readonly options: AthenaEngineOptions,
  ) {
    const base = { region: config.region, profile: config.profile, credentials: options.credentials, maxAttempts: options.maxAttempts };
    this.athenaApi = athenaClient({ ...base, endpoint: config.endpoint }, SERVICE);
    this.s3Api = s3Client({ ...base, endpoint: config.s3Endpoint, forcePathStyle: Boolean(config.s3Endpoint) });
  }

  async connect(): Promise<void> {
    if (this.disposed) throw new EngineError('Athena connection was closed', { category: 'connection' });
    if (this.athena) return;
    [this.athena, this.s3] = await Promise.all([this.athenaApi.client(), this.s3Api.client()]);
  }

  async execute(sql: string, execOptions: ExecuteOptions = {}): Promise<QueryExecution> {
    await this.connect();
    const athena = this.athena!;
    const { signal } = execOptions;
    if (signal?.aborted) throw new CancelledError();
    const api = await this.athenaApi.api();
    const info: ExecutionInfo = { notes: [] };

    // Not abortable on purpose: once sent, we need the id to stop the query on the server.
    let queryId: string;
    try {
      const started = await athena.send(
        new api.StartQueryExecutionCommand({
          QueryString: sql,
          ClientRequestToken: randomUUID(),
          WorkGroup: this.config.workgroup,
          QueryExecutionContext:
            this.config.database || this.config.catalog ? { Database: this.config.database, Catalog: this.config.catalog } : undefined,
          ResultConfiguration: this.config.outputLocation ? { OutputLocation: this.config.outputLocation } : undefined,
        }),
      );
      queryId = started.QueryExecutionId!;
    } catch (e) {
      throw toEngineError(e, SERVICE, this.config.profile);
    }
    info.queryId = queryId;

    // Once, best effort (the query may have finished meanwhile), and said in the log.
    let stopping: Promise<void> | undefined;
    const stop = (why: string): Promise<void> =>
      (stopping ??= (async () => {
        try {
          await athena.send(new api.StopQueryExecutionCommand({ QueryExecutionId: queryId }));
          this.options.log?.(`Stopped Athena query ${queryId} ${why}`);
        } catch (e) {
          this.options.log?.(`Could not stop Athena query ${queryId} ${why}: ${e instanceof Error ? e.message : String(e)}`);
        }
      })());
    this.running.set(queryId, stop);
    let execution: AthenaQueryExecution;
    try {
      execution = await this.waitForCompletion(athena, queryId, sql, signal, stop);
    } finally {
      this.running.delete(queryId);
    }
    return this.fetch(execution, info, execOptions);
  }

  /** Re-opens the results of an earlier query that SUCCEEDED (query history, benchmarks):
   * no new query runs and no data is scanned again. */
  async results(queryId: string, execOptions: ExecuteOptions = {}): Promise<QueryExecution> {
    await this.connect();
    const api = await this.athenaApi.api();
    const { signal } = execOptions;
    const early = this.prefetch(api, queryId, signal);
    let execution: AthenaQueryExecution | undefined;
    try {
      execution = (await this.athena!.send(new api.GetQueryExecutionCommand({ QueryExecutionId: queryId }), { abortSignal: signal }))
        .QueryExecution;
    } catch (e) {
      if (early) discard(early);
      if (signal?.aborted) throw new CancelledError();
      throw toEngineError(e, SERVICE, this.config.profile);
    }
    const state = execution?.Status?.State;
    if (state !== 'SUCCEEDED') {
      if (early) discard(early);
      throw new EngineError(`Athena query ${queryId} has no results: it is ${state ?? 'unknown'}`, { category: 'query' });
    }
    return this.fetch(execution!, { queryId, notes: [] }, execOptions, early);
  }

  /** A SELECT's result file is `<output location><query id>.csv` unless the workgroup enforces a
   * location of its own, so a stored result's file and its column types are requested together
   * with the query's status: one round trip instead of two. A wrong guess is dropped (fetch). */
  private prefetch(api: AthenaApi, queryId: string, signal: AbortSignal | undefined): Prefetched | undefined {
    const location = this.config.outputLocation;
    if (this.options.directS3Read === false || !location?.startsWith('s3://')) return undefined;
    const uri = `${location.endsWith('/') ? location : location + '/'}${queryId}.csv`;
    if (this.deniedBuckets.has(parseS3Uri(uri).bucket)) return undefined;
    return {
      uri,
      opening: settle(this.openResultObject(uri, signal)),
      first: settle(
        this.athena!.send(new api.GetQueryResultsCommand({ QueryExecutionId: queryId, MaxResults: 1 }), { abortSignal: signal }),
      ),
    };
  }

  private async fetch(
    execution: AthenaQueryExecution,
    info: ExecutionInfo,
    execOptions: ExecuteOptions,
    early?: Prefetched,
  ): Promise<QueryExecution> {
    const athena = this.athena!;
    const api = await this.athenaApi.api();
    const { signal } = execOptions;
    const pageSize = Math.max(1, execOptions.pageSize ?? MAX_PAGE);
    const queryId = execution.QueryExecutionId!;
    info.bytesScanned = execution.Statistics?.DataScannedInBytes;
    const isDml = execution.StatementType === 'DML';
    const outputLocation = execution.ResultConfiguration?.OutputLocation;

    // First page: column types (and, for SELECT, only the header row when reading from S3).
    const bucket = outputLocation?.startsWith('s3://') ? parseS3Uri(outputLocation).bucket : undefined;
    const deniedBefore = bucket !== undefined && this.deniedBuckets.has(bucket);
    const direct = this.options.directS3Read !== false && isDml && !!outputLocation && outputLocation.endsWith('.csv') && !deniedBefore;
    const guessed = early !== undefined && direct && early.uri === outputLocation;
    if (early && !guessed) discard(early);
    // The CSV is requested at the same time as the header page (one round trip instead of two).
    const opening = direct ? (guessed ? early.opening : settle(this.openResultObject(outputLocation!, signal))) : undefined;
    let first: GetQueryResultsOutput;
    try {
      // A prefetched one-row first page serves paging too: the next pages follow its NextToken.
      const page = early
        ? await early.first
        : {
            ok: true as const,
            value: await athena.send(
              new api.GetQueryResultsCommand({ QueryExecutionId: queryId, MaxResults: direct ? 1 : Math.min(pageSize, MAX_PAGE) }),
              { abortSignal: signal },
            ),
          };
      if (!page.ok) throw page.error;
      first = page.value;
    } catch (e) {
      void opening?.then((r) => r.ok && r.value.destroy?.());
      if (signal?.aborted) throw new CancelledError();
      throw toEngineError(e, SERVICE, this.config.profile);
    }
    const columns = athenaColumns(first.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []);
    if (first.UpdateCount !== undefined && first.UpdateCount !== null && columns.length === 0)
      info.rowsAffected = Number(first.UpdateCount);
    const converters = columns.map(converterFor);

    if (direct) {
      try {
        const opened = await opening!;
        if (!opened.ok) throw opened.error;
        const body = opened.value;
        info.notes!.push('read directly from S3');
        return { columns, info, pages: csvPages(body, columns, converters, pageSize, signal) };
      } catch (e) {
        if (signal?.aborted) throw new CancelledError();
        if (!isAccessDenied(e)) throw toEngineError(e, 'S3 (Athena results)');
        if (bucket) this.deniedBuckets.add(bucket);
        info.notes!.push(`S3 GetObject on ${outputLocation} denied; paged through GetQueryResults instead`);
      }
    } else if (deniedBefore) {
      info.notes!.push(`paged through GetQueryResults (S3 GetObject on s3://${bucket}/ was denied earlier)`);
    } else {
      info.notes!.push('paged through GetQueryResults');
    }
    return { columns, info, pages: this.resultPages(queryId, first, isDml, converters, pageSize, signal) };
  }

  /** Polls until the query ends. Any way out other than the server saying it ended (cancel,
   * a polling failure past the SDK's retries, dispose) stops the query on the server first. */
  private async waitForCompletion(
    athena: AthenaClient,
    queryId: string,
    sql: string,
    signal: AbortSignal | undefined,
    stop: (why: string) => Promise<void>,
  ): Promise<AthenaQueryExecution> {
    const api = await this.athenaApi.api();
    const delays = backoffDelays(this.options.poll);
    for (;;) {
      let execution: AthenaQueryExecution | undefined;
      try {
        if (signal?.aborted) throw new CancelledError();
        if (this.disposed) throw closedError();
        const out = await athena.send(new api.GetQueryExecutionCommand({ QueryExecutionId: queryId }), { abortSignal: signal });
        execution = out.QueryExecution;
      } catch (e) {
        if (signal?.aborted || e instanceof CancelledError) {
          await stop('on cancel');
          throw new CancelledError();
        }
        if (this.disposed) {
          await stop('as the connection closed');
          throw closedError();
        }
        await stop('after a failure while waiting for it');
        throw toEngineError(e, SERVICE, this.config.profile);
      }
      const state = execution?.Status?.State;
      if (state === 'SUCCEEDED') return execution!;
      if (state === 'FAILED') throw failedError(execution!, sql);
      if (state === 'CANCELLED') throw new CancelledError(`Query ${queryId} was cancelled on the server`);
      try {
        await sleep(delays.next().value, signal);
      } catch (e) {
        await stop('on cancel');
        throw e;
      }
    }
  }

  private async openResultObject(
    uri: string,
    signal: AbortSignal | undefined,
  ): Promise<AsyncIterable<Uint8Array> & { destroy?: () => void }> {
    const { GetObjectCommand } = await this.s3Api.api();
    const { bucket, key } = parseS3Uri(uri);
    const out = await this.s3!.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    return out.Body as AsyncIterable<Uint8Array> & { destroy?: () => void };
  }

  private async *resultPages(
    queryId: string,
    first: GetQueryResultsOutput,
    isDml: boolean,
    converters: Converter[],
    pageSize: number,
    signal?: AbortSignal,
  ): AsyncGenerator<Row[]> {
    const api = await this.athenaApi.api();
    let page: GetQueryResultsOutput = first;
    let skipHeader = isDml; // Athena repeats the column names as the first row of a SELECT's first page.
    for (;;) {
      const rows: Row[] = [];
      for (const r of page.ResultSet?.Rows ?? []) {
        if (skipHeader) {
          skipHeader = false;
          continue;
        }
        const data = r.Data ?? [];
        rows.push(converters.map((convert, i) => convert(data[i]?.VarCharValue ?? null)));
      }
      if (rows.length) yield rows;
      if (!page.NextToken) return;
      if (signal?.aborted) throw new CancelledError();
      try {
        page = await this.athena!.send(
          new api.GetQueryResultsCommand({
            QueryExecutionId: queryId,
            NextToken: page.NextToken,
            MaxResults: Math.min(pageSize, MAX_PAGE),
          }),
          { abortSignal: signal },
        );
      } catch (e) {
        if (signal?.aborted) throw new CancelledError();
        throw toEngineError(e, SERVICE, this.config.profile);
      }
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    // Queries still running would go on (and be billed) with nobody waiting for them.
    await Promise.all([...this.running.values()].map((stop) => stop('as the connection closed')));
    this.athenaApi.destroy();
    this.s3Api.destroy();
    this.athena = undefined;
    this.s3 = undefined;
  }
}

function closedError(): EngineError {
  return new EngineError('Athena connection was closed', { category: 'connection' });
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Requests sent before the query's status is known (see AthenaEngine.prefetch). */
interface Prefetched {
  uri: string;
  opening: Promise<Settled<AsyncIterable<Uint8Array> & { destroy?: () => void }>>;
  first: Promise<Settled<GetQueryResultsOutput>>;
}

function discard(early: Prefetched): void {
  void early.opening.then((r) => r.ok && r.value.destroy?.());
}

/** A promise that never rejects (so one not awaited yet is no unhandled rejection). */
function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function failedError(execution: AthenaQueryExecution, sql: string): EngineError {
  const reason = execution.Status?.StateChangeReason ?? execution.Status?.AthenaError?.ErrorMessage ?? 'Query failed';
  const lc = lineColumnIn(reason);
  const position = lc ? offsetOfLineColumn(sql, lc.line, lc.column) : undefined;
  const category = /SYNTAX_ERROR|mismatched input|extraneous input|no viable alternative/i.test(reason) ? 'syntax' : 'query';
  const where = lc ? ` (line ${lc.line}, column ${lc.column})` : '';
  return new EngineError(reason.includes('line ') ? reason : reason + where, {
    code: execution.Status?.AthenaError?.ErrorType?.toString(),
    position,
    category,
  });
}

export async function* csvPages(
  body: AsyncIterable<Uint8Array> & { destroy?: () => void },
  columns: ColumnInfo[],
  converters: Converter[],
  pageSize: number,
  signal?: AbortSignal,
): AsyncGenerator<RowBlock> {
  // Pages are blocks of the file's own bytes (csvBlocks.ts): rows are built when shown, sorted
  // or exported, so a million stored rows cost a few buffers, not millions of heap objects.
  // Text, numbers and booleans convert straight from the bytes (same results as the converters,
  // which still handle anything else). The header record is only checked for its width.
  const reader = new AthenaCsvBlockReader(
    (column, text) => (column < converters.length ? converters[column](text) : text),
    columns.map(fieldKindFor),
    { pageSize, header: true },
  );
  const checkHeader = (): void => {
    if (reader.header && reader.header.length !== columns.length)
      throw new EngineError(`Athena result file has ${reader.header.length} columns, expected ${columns.length}`, { category: 'internal' });
  };
  try {
    for await (const chunk of body) {
      if (signal?.aborted) throw new CancelledError();
      const blocks = reader.push(chunk);
      checkHeader();
      yield* blocks;
    }
    const blocks = reader.end();
    checkHeader();
    yield* blocks;
  } catch (e) {
    if (signal?.aborted) throw new CancelledError();
    throw e instanceof EngineError ? e : toEngineError(e, 'S3 (Athena results)');
  } finally {
    body.destroy?.();
  }
}
