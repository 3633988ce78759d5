// Redshift Data API engine (provisioned: ClusterIdentifier + Database + DbUser or SecretArn;
// Serverless: WorkgroupName). ExecuteStatement (or BatchExecuteStatement for several statements,
// one transaction, the last statement's result is shown) with a ClientToken → DescribeStatement
// polled with capped back-off → GetStatementResult pages streamed to the grid.
import { randomUUID } from 'node:crypto';
import type { DescribeStatementCommandOutput, GetStatementResultCommandOutput, RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import type { RedshiftConnection } from '../../connections/types';
import {
  CancelledError,
  EngineError,
  type Engine,
  type ExecuteOptions,
  type ExecutionInfo,
  type QueryExecution,
  type Row,
} from '../engine';
import type { AwsClientOptions } from '../../aws/clientConfig';
import { redshiftDataClient } from '../../aws/clients/redshiftData';
import { backoffDelays, sleep, type BackoffOptions } from '../../aws/backoff';
import { toEngineError } from '../../aws/errors';
import { preserveUnsafeLongs } from '../../aws/losslessLongs';
import { splitOptionsFor } from '../../sql/dialect';
import { splitStatements, type SqlStatement } from '../../sql/split';
import { fieldValue, redshiftColumns } from './types';
import { validateDataApiConnection } from './connection';
import type { ResultSizeFacts } from './unloadSql';

export interface RedshiftDataEngineOptions {
  credentials?: AwsClientOptions['credentials'];
  maxAttempts?: number;
  poll?: BackoffOptions;
  /** Where cancel requests sent after a failure or dispose are reported. */
  log?: (message: string) => void;
}

// UNLOAD to S3 lives in this engine's bundle (the editor reaches it through a dynamic import).
export { executeUnload, validateUnloadConnection, type UnloadExecution, type UnloadOptions } from './unload';

/** ExecutionInfo plus what DescribeStatement said about the result's size. */
export interface RedshiftDataExecutionInfo extends ExecutionInfo {
  resultSize?: ResultSizeFacts;
}

const SERVICE = 'Redshift Data API';
const MAX_BATCH = 40;

export function createRedshiftDataEngine(config: RedshiftConnection, options: RedshiftDataEngineOptions = {}): Engine {
  return new RedshiftDataEngine(config, options);
}

class RedshiftDataEngine implements Engine {
  readonly kind = 'redshift' as const;
  private client?: RedshiftDataClient;
  private disposed = false;
  /** Statements started and not yet finished, with how to cancel each (dispose cancels them). */
  private readonly running = new Map<string, (why: string) => Promise<void>>();
  private readonly aws: ReturnType<typeof redshiftDataClient>;

  constructor(
    private readonly config: RedshiftConnection,
    private readonly options: RedshiftDataEngineOptions,
  ) {
    this.aws = redshiftDataClient(
      {
        region: config.region,
        profile: config.profile,
        endpoint: config.endpoint,
        credentials: options.credentials,
        maxAttempts: options.maxAttempts,
      },
      SERVICE,
    );
  }

  async connect(): Promise<void> {
    if (this.disposed) throw new EngineError('Redshift Data API connection was closed', { category: 'connection' });
    validateDataApiConnection(this.config);
    if (this.client) return;
    this.client = await this.aws.client();
    preserveUnsafeLongs(this.client as unknown as Parameters<typeof preserveUnsafeLongs>[0], ['GetStatementResultCommand']);
  }

  private target(): Record<string, string | undefined> {
    const c = this.config;
    return c.workgroupName
      ? { WorkgroupName: c.workgroupName, Database: c.database, SecretArn: c.secretArn }
      : { ClusterIdentifier: c.clusterIdentifier, Database: c.database, DbUser: c.dbUser, SecretArn: c.secretArn };
  }

  async execute(sql: string, execOptions: ExecuteOptions = {}): Promise<QueryExecution> {
    await this.connect();
    const client = this.client!;
    const api = await this.aws.api();
    const { signal } = execOptions;
    if (signal?.aborted) throw new CancelledError();
    const statements = splitStatements(sql, splitOptionsFor('redshift'));
    if (statements.length === 0) throw new EngineError('Nothing to run: the text holds no SQL statement', { category: 'syntax' });
    if (statements.length > MAX_BATCH)
      throw new EngineError(`The Redshift Data API runs at most ${MAX_BATCH} statements per batch (got ${statements.length})`, {
        category: 'query',
      });
    const info: ExecutionInfo = { notes: [] };

    // Not abortable: once sent we need the id to cancel the statement on the server.
    let id: string;
    try {
      const common = { ...this.target(), ClientToken: randomUUID(), StatementName: 'data-workbench' };
      const out =
        statements.length === 1
          ? await client.send(new api.ExecuteStatementCommand({ ...common, Sql: statements[0].text }))
          : await client.send(new api.BatchExecuteStatementCommand({ ...common, Sqls: statements.map((s) => s.text) }));
      id = out.Id!;
    } catch (e) {
      throw toEngineError(e, SERVICE, this.config.profile);
    }
    info.queryId = id;
    if (statements.length > 1)
      info.notes!.push(`ran ${statements.length} statements in one transaction (BatchExecuteStatement); showing the last result`);

    // Once, best effort (it may have finished meanwhile), and said in the log.
    let cancelling: Promise<void> | undefined;
    const cancel = (why: string): Promise<void> =>
      (cancelling ??= (async () => {
        try {
          await client.send(new api.CancelStatementCommand({ Id: id }));
          this.options.log?.(`Cancelled Redshift Data API statement ${id} ${why}`);
        } catch (e) {
          this.options.log?.(`Could not cancel Redshift Data API statement ${id} ${why}: ${e instanceof Error ? e.message : String(e)}`);
        }
      })());
    this.running.set(id, cancel);
    let done: DescribeStatementCommandOutput;
    try {
      done = await this.waitForCompletion(client, id, statements, signal, cancel);
    } finally {
      this.running.delete(id);
    }
    return this.openResult(id, done, info, execOptions, signal);
  }

  /** The result of a statement that finished earlier (by its `info.queryId`), read again with
   * GetStatementResult without running it: the Data API keeps results for 24 hours. */
  async results(queryId: string, execOptions: ExecuteOptions = {}): Promise<QueryExecution> {
    await this.connect();
    const api = await this.aws.api();
    const { signal } = execOptions;
    if (signal?.aborted) throw new CancelledError();
    let done: DescribeStatementCommandOutput;
    try {
      done = await this.client!.send(new api.DescribeStatementCommand({ Id: queryId }), { abortSignal: signal });
    } catch (e) {
      if (signal?.aborted) throw new CancelledError();
      const error = toEngineError(e, SERVICE, this.config.profile);
      if (/ResourceNotFound|does not exist/i.test(`${error.details.code ?? ''} ${error.message}`)) {
        throw new EngineError(`${error.message} (the Redshift Data API keeps a statement's result for 24 hours)`, { ...error.details });
      }
      throw error;
    }
    if (done.Status !== 'FINISHED')
      throw new EngineError(`Statement ${queryId} has no stored result: it is ${done.Status ?? 'in an unknown state'}`, {
        category: 'query',
      });
    return this.openResult(queryId, done, { queryId, notes: ['stored result (GetStatementResult), not run again'] }, execOptions, signal);
  }

  /** Columns and pages of a FINISHED statement; for a batch, the last statement's result. */
  private async openResult(
    id: string,
    done: DescribeStatementCommandOutput,
    info: ExecutionInfo,
    execOptions: ExecuteOptions,
    signal: AbortSignal | undefined,
  ): Promise<QueryExecution> {
    const client = this.client!;
    const api = await this.aws.api();
    // For a batch, the result of the last statement (the one the user sees last).
    const last = done.SubStatements?.length ? done.SubStatements[done.SubStatements.length - 1] : undefined;
    const resultId = last?.Id ?? id;
    const hasResultSet = last ? last.HasResultSet : done.HasResultSet;
    const resultRows = last ? last.ResultRows : done.ResultRows;
    // Result size facts for the "UNLOAD to S3" offer (./unloadSql.ts decides; -1 = unknown).
    (info as RedshiftDataExecutionInfo).resultSize = { rows: resultRows, bytes: last ? last.ResultSize : done.ResultSize };
    if (!hasResultSet) {
      if (resultRows !== undefined && resultRows >= 0) info.rowsAffected = resultRows;
      return { columns: [], info, pages: (async function* () {})() };
    }
    let first: GetStatementResultCommandOutput;
    try {
      first = await client.send(new api.GetStatementResultCommand({ Id: resultId }), { abortSignal: signal });
    } catch (e) {
      if (signal?.aborted) throw new CancelledError();
      throw toEngineError(e, SERVICE, this.config.profile);
    }
    const columns = redshiftColumns(first.ColumnMetadata ?? []);
    return { columns, info, pages: this.pages(resultId, first, execOptions.pageSize, signal) };
  }

  /** Polls until the statement ends. Any way out other than the server saying it ended (cancel,
   * a polling failure past the SDK's retries, dispose) cancels it on the server first. */
  private async waitForCompletion(
    client: RedshiftDataClient,
    id: string,
    statements: SqlStatement[],
    signal: AbortSignal | undefined,
    cancel: (why: string) => Promise<void>,
  ): Promise<DescribeStatementCommandOutput> {
    const api = await this.aws.api();
    const delays = backoffDelays(this.options.poll);
    for (;;) {
      let out: DescribeStatementCommandOutput;
      try {
        if (signal?.aborted) throw new CancelledError();
        if (this.disposed) throw closedError();
        out = await client.send(new api.DescribeStatementCommand({ Id: id }), { abortSignal: signal });
      } catch (e) {
        if (signal?.aborted || e instanceof CancelledError) {
          await cancel('on cancel');
          throw new CancelledError();
        }
        if (this.disposed) {
          await cancel('as the connection closed');
          throw closedError();
        }
        await cancel('after a failure while waiting for it');
        throw toEngineError(e, SERVICE, this.config.profile);
      }
      if (out.Status === 'FINISHED') return out;
      if (out.Status === 'FAILED') throw failedError(out, statements);
      if (out.Status === 'ABORTED') throw new CancelledError(`Statement ${id} was cancelled on the server`);
      try {
        await sleep(delays.next().value, signal);
      } catch (e) {
        await cancel('on cancel');
        throw e;
      }
    }
  }

  private async *pages(
    id: string,
    first: GetStatementResultCommandOutput,
    pageSize: number | undefined,
    signal?: AbortSignal,
  ): AsyncGenerator<Row[]> {
    const api = await this.aws.api();
    let page = first;
    for (;;) {
      const rows: Row[] = (page.Records ?? []).map((record) => record.map((f) => fieldValue(f as Parameters<typeof fieldValue>[0])));
      if (pageSize && rows.length > pageSize) {
        for (let i = 0; i < rows.length; i += pageSize) yield rows.slice(i, i + pageSize);
      } else if (rows.length) {
        yield rows;
      }
      if (!page.NextToken) return;
      if (signal?.aborted) throw new CancelledError();
      try {
        page = await this.client!.send(new api.GetStatementResultCommand({ Id: id, NextToken: page.NextToken }), { abortSignal: signal });
      } catch (e) {
        if (signal?.aborted) throw new CancelledError();
        throw toEngineError(e, SERVICE, this.config.profile);
      }
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    // Statements still running would go on with nobody waiting for them.
    await Promise.all([...this.running.values()].map((cancel) => cancel('as the connection closed')));
    this.aws.destroy();
    this.client = undefined;
  }
}

function closedError(): EngineError {
  return new EngineError('Redshift Data API connection was closed', { category: 'connection' });
}

function failedError(out: DescribeStatementCommandOutput, statements: SqlStatement[]): EngineError {
  // In a batch, point at the statement that failed; its position is relative to that statement.
  const failedIndex = out.SubStatements?.findIndex((s) => s.Status === 'FAILED') ?? -1;
  const sub = failedIndex >= 0 ? out.SubStatements![failedIndex] : undefined;
  const message = sub?.Error ?? out.Error ?? 'Statement failed';
  const stmt = statements[failedIndex >= 0 ? failedIndex : 0];
  const m = /\bPosition: (\d+)/.exec(message);
  // We sent `stmt.text`, which starts at `stmt.start` in the user's text.
  const position = m ? stmt.start + Number(m[1]) : undefined;
  const category = /syntax error/i.test(message) ? 'syntax' : 'query';
  const prefix = statements.length > 1 && failedIndex >= 0 ? `Statement ${failedIndex + 1} of ${statements.length} failed: ` : '';
  return new EngineError(prefix + message.replace(/\s*\n\s*Position: \d+\s*$/, ''), { position, category, code: 'FAILED' });
}
