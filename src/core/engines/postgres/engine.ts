// Postgres and Redshift (wire protocol) engine: one session per engine, rows streamed from a
// server-side portal/cursor, cancellation with pg_cancel_backend from a second ("control") connection.
//
// Contract details:
// - Several statements in one text run in order, one at a time; the last one's result is
//   returned. Rows of earlier statements are read to the end and discarded. An error stops the
//   run and its position points into the whole text.
// - One session means one running statement: a new execute() first closes a previous execution
//   whose pages were not consumed to the end (its iteration then fails with CancelledError).
import type { Client, CustomTypesConfig, FieldDef } from 'pg';
import type { NoticeMessage } from 'pg-protocol/dist/messages.js';
import type { PostgresConnection, RedshiftConnection } from '../../connections/types';
import { splitOptionsFor } from '../../sql/dialect';
import { splitStatements, unterminatedCommentAt, type SqlStatement } from '../../sql/split';
import {
  CancelledError,
  EngineError,
  type ColumnInfo,
  type Engine,
  type ExecuteOptions,
  type ExecutionInfo,
  type QueryExecution,
  type Row,
} from '../engine';
import { backendPid, endpointOf, errorContext, openClient, type Endpoint, type PostgresEngineOptions } from './connection';
import { toEngineError, type ErrorContext } from './errors';
import { DECLARE_PREFIX, openDeclaredCursor, openPortal, returnsRowsForCursor, runSimple, type OpenResult } from './results';
import { createTypeParsers, describeColumnType, familyForCategory } from './types';

export const DEFAULT_PAGE_SIZE = 5000;
const MAX_NOTES = 100;
/** How long a cancel or a close may wait on the server before the connection is taken as dead
 * (half-open: packets dropped, nothing closed) and ended, so Cancel always finishes. */
const STUCK_AFTER_MS = 3000;

/** Resolves true when `p` settles within `ms`, false otherwise (`p` is never left unhandled). */
function settlesWithin(p: Promise<unknown> | undefined, ms: number): Promise<boolean> {
  if (!p) return Promise.resolve(true);
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** Ends a connection at once, without the goodbye a dead peer would never answer: whatever
 * waits on it fails with "Connection terminated". */
function destroyClient(client: Client): void {
  const stream = (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
  stream?.destroy();
  void client.end().catch(() => undefined);
}

export function createPostgresEngine(config: PostgresConnection | RedshiftConnection, options: PostgresEngineOptions = {}): PostgresEngine {
  return new PostgresEngine(config, options);
}

/** One execution's life on the session; aborting or superseding it cancels the server work. */
class Run {
  cancelled = false;
  reason = 'Query cancelled';
  open?: OpenResult;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private cancelRequest?: Promise<void>;
  private released?: Promise<void>;
  private readonly onAbort = (): void => this.cancel('Query cancelled');

  constructor(
    private readonly requestCancel: () => Promise<void>,
    private readonly onReleased: () => void,
    private readonly signal?: AbortSignal,
    /** Ends the session when the server does not answer (see STUCK_AFTER_MS). */
    private readonly endStuck: () => void = () => undefined,
  ) {
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  cancel(reason: string): void {
    if (this.cancelled || this.released) return;
    this.cancelled = true;
    this.reason = reason;
    // Only a statement executing on the server needs the server to stop it; between pages the
    // portal is idle and closing it is enough.
    if (this.inFlight > 0 || this.open?.busy?.()) {
      this.cancelRequest = this.requestCancel();
      // The server stops the statement, but its answer may never arrive (half-open session).
      void this.cancelRequest.then(() => this.endIfStillBusy());
    } else void this.release();
  }

  /** Ends the session when a round trip is still waiting STUCK_AFTER_MS after the cancel. */
  private endIfStillBusy(): void {
    if (this.inFlight === 0) return;
    const idle = new Promise<void>((r) => this.idleWaiters.push(r));
    void settlesWithin(idle, STUCK_AFTER_MS).then((ended) => {
      if (!ended) this.endStuck();
    });
  }

  /** One server round trip; a cancellation during it surfaces as CancelledError. */
  async step<T>(op: () => Promise<T>, onError: (e: unknown) => EngineError): Promise<T> {
    if (this.cancelled) throw new CancelledError(this.reason);
    this.inFlight++;
    try {
      const value = await op();
      if (this.cancelled) throw new CancelledError(this.reason);
      return value;
    } catch (e) {
      if (e instanceof CancelledError || this.cancelled) throw new CancelledError(this.reason);
      throw onError(e);
    } finally {
      if (--this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  /** Idempotent: waits for the cancel request and any round trip in flight, then closes the
   * server cursor so the session is free for the next statement. Each wait is bounded: a server
   * that does not answer within STUCK_AFTER_MS has its connection ended. */
  release(): Promise<void> {
    this.released ??= (async () => {
      this.signal?.removeEventListener('abort', this.onAbort);
      let stuck = !(await settlesWithin(this.cancelRequest, STUCK_AFTER_MS));
      if (this.inFlight > 0) {
        const idle = new Promise<void>((r) => this.idleWaiters.push(r));
        if (stuck || !(await settlesWithin(idle, STUCK_AFTER_MS))) {
          stuck = true;
          this.endStuck();
          await settlesWithin(idle, STUCK_AFTER_MS);
        }
      }
      const open = this.open;
      this.open = undefined;
      if (open && !stuck && !(await settlesWithin(open.close(), STUCK_AFTER_MS))) stuck = true;
      if (stuck) this.endStuck();
      this.onReleased();
    })();
    return this.released;
  }
}

export class PostgresEngine implements Engine {
  readonly kind: 'postgres' | 'redshift';
  private readonly endpoint: Endpoint;
  private readonly ctx: ErrorContext;
  private main?: Promise<Client>;
  private control?: Promise<Client>;
  /** The execution whose cursor is open on the session, if any. */
  private current?: Run;
  private readonly typeNames = new Map<number, { type: string; family: ColumnInfo['family'] }>();
  private readonly typeParsers = createTypeParsers();
  private readonly types = this.typeParsers as unknown as CustomTypesConfig;
  private disposed = false;
  /** Settles when the latest execute() has opened its result (or failed to). */
  private opening: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: PostgresConnection | RedshiftConnection,
    private readonly options: PostgresEngineOptions = {},
  ) {
    this.kind = config.kind;
    this.endpoint = endpointOf(config);
    this.ctx = errorContext(this.endpoint, options);
  }

  async connect(signal?: AbortSignal): Promise<void> {
    await this.session(signal);
  }

  private session(signal?: AbortSignal): Promise<Client> {
    if (this.disposed) return Promise.reject(new EngineError('This connection was closed', { category: 'connection' }));
    if (!this.main) {
      const opening = openClient(this.endpoint, this.options, 'main', signal);
      this.main = opening;
      // A broken connection (reset, error) is not reused: the next query opens a new one.
      const forget = (): void => {
        if (this.main === opening) this.main = undefined;
      };
      opening.then((client) => client.on('end', forget).on('error', forget), forget);
    }
    return this.main;
  }

  private controlSession(): Promise<Client> {
    if (!this.control) {
      const opening = openClient(this.endpoint, this.options, 'control');
      this.control = opening;
      const forget = (): void => {
        if (this.control === opening) this.control = undefined;
      };
      opening.then((client) => client.on('end', forget).on('error', forget), forget);
    }
    return this.control;
  }

  /** Asks the server to cancel what `pid` is running. If that is impossible, drops the session
   * so the caller is never left waiting on a query that cannot be stopped. */
  private async cancelBackend(client: Client): Promise<void> {
    const pid = backendPid(client);
    // A control connection that does not answer may be half-open: try once more on a new one
    // (as libpq opens a new connection for each cancel request), each try bounded.
    for (let attempt = 0; attempt < 2 && pid !== undefined; attempt++) {
      if (attempt > 0) await this.endControl();
      const sent = (async () => {
        const control = await this.controlSession();
        await control.query(`SELECT pg_cancel_backend(${pid})`);
      })();
      let ok = false;
      sent.then(
        () => (ok = true),
        () => undefined,
      );
      if ((await settlesWithin(sent, STUCK_AFTER_MS)) && ok) return;
    }
    // No way to ask the server: end the session so nobody waits on it.
    void this.endControl();
    await this.endMain(client);
  }

  /** Ends the session connection now (it is stuck or cannot be cancelled); the next query opens
   * a new one. */
  private async endMain(client: Client): Promise<void> {
    if (this.main && (await this.main.catch(() => undefined)) === client) this.main = undefined;
    destroyClient(client);
  }

  private async endControl(): Promise<void> {
    const control = this.control;
    this.control = undefined;
    const client = await control?.catch(() => undefined);
    if (client) destroyClient(client);
  }

  async execute(sql: string, options: ExecuteOptions = {}): Promise<QueryExecution> {
    // Calls that overlap open one after the other (the later one then supersedes the earlier).
    const previous = this.opening;
    let opened!: () => void;
    this.opening = new Promise<void>((r) => (opened = r));
    try {
      await previous;
      return await this.executeNow(sql, options);
    } finally {
      opened();
    }
  }

  private async executeNow(sql: string, options: ExecuteOptions): Promise<QueryExecution> {
    const { signal } = options;
    if (signal?.aborted) throw new CancelledError();
    const pageSize = Math.max(1, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE));
    const statements = splitStatements(sql, splitOptionsFor(this.config.kind));
    const openComment = unterminatedCommentAt(sql, splitOptionsFor(this.config.kind));
    if (openComment !== undefined) throw new EngineError('unterminated /* comment', { category: 'syntax', position: openComment + 1 });
    if (statements.length === 0) throw new EngineError('Nothing to run: the text has no SQL statement', { category: 'syntax' });

    if (this.current) {
      this.current.cancel('Query cancelled: a newer query started on this connection');
      await this.current.release();
    }
    const client = await this.session(signal);
    const info: ExecutionInfo = { queryId: String(backendPid(client) ?? '') || undefined };
    // Server notices (RAISE NOTICE, "… does not exist, skipping") go to the panel's notes.
    const onNotice = (n: NoticeMessage): void => {
      const notes = (info.notes ??= []);
      if (notes.length < MAX_NOTES) notes.push(`${n.severity ?? 'NOTICE'}: ${n.message}`);
    };
    client.on('notice', onNotice);
    const run: Run = new Run(
      () => this.cancelBackend(client),
      () => {
        client.removeListener('notice', onNotice);
        if (this.current === run) this.current = undefined;
      },
      signal,
      () => void this.endMain(client),
    );
    this.current = run;
    const finish = (): Promise<void> => run.release();

    let opened: { result: OpenResult; first: Row[] };
    try {
      for (const stmt of statements.slice(0, -1)) await this.drain(client, run, stmt);
      const last = statements[statements.length - 1];
      opened = await this.open(client, run, last, pageSize);
    } catch (e) {
      await finish();
      throw e;
    }
    const { result, first } = opened;
    let columns: ColumnInfo[];
    try {
      columns = await this.columnsOf(result.fields);
    } catch (e) {
      await finish();
      throw e;
    }
    const fillInfo = (): void => {
      const { command, rowCount } = result.completion();
      if (result.fields.length === 0 || (command && command !== 'SELECT' && command !== 'FETCH')) {
        if (rowCount !== undefined) info.rowsAffected = rowCount;
      }
    };
    if (result.fields.length === 0) fillInfo();

    const engine = this;
    const lastStatement = statements[statements.length - 1];
    async function* pages(): AsyncGenerator<Row[]> {
      try {
        // The first page may be a whole simple-protocol result (Redshift non-cursor statements).
        for (let i = 0; i < first.length; i += pageSize) {
          if (run.cancelled) throw new CancelledError(run.reason);
          yield first.length <= pageSize ? first : first.slice(i, i + pageSize);
        }
        // Read-ahead of one page: the next page is requested before this one is handed over.
        let ahead: Promise<Row[]> | undefined = result.exhausted() ? undefined : engine.read(run, result, lastStatement);
        while (ahead) {
          const rows = await ahead;
          if (run.cancelled) throw new CancelledError(run.reason);
          ahead = rows.length === 0 || result.exhausted() ? undefined : engine.read(run, result, lastStatement);
          if (rows.length) yield rows;
        }
        if (run.cancelled) throw new CancelledError(run.reason);
        fillInfo();
      } finally {
        await finish();
      }
    }
    // If the consumer never iterates, the session stays held until the next execute or dispose.
    return { columns, pages: pages(), info };
  }

  private read(run: Run, result: OpenResult, stmt: SqlStatement): Promise<Row[]> {
    const p = run.step(
      () => result.next(),
      (e) => this.error(e, stmt),
    );
    p.catch(() => undefined); // awaited by the iterator; never an unhandled rejection
    return p;
  }

  private error(e: unknown, stmt: SqlStatement, prefixLength = 0): EngineError {
    const err = toEngineError(e, this.ctx, { text: stmt.text, offset: stmt.start });
    if (prefixLength && err.details.position !== undefined) {
      // The server counted from the start of `DECLARE … CURSOR FOR <statement>`.
      const position = err.details.position - prefixLength;
      return new EngineError(err.message, { ...err.details, position: position > stmt.start ? position : undefined });
    }
    return err;
  }

  private async open(client: Client, run: Run, stmt: SqlStatement, pageSize: number): Promise<{ result: OpenResult; first: Row[] }> {
    // The result is handed to the run inside the step, so a cancel that lands just as it opens
    // still closes it (otherwise the session would stay busy with an orphaned portal).
    const opened = (r: { result: OpenResult; first: Row[] }): { result: OpenResult; first: Row[] } => {
      run.open = r.result;
      return r;
    };
    if (this.kind === 'redshift') {
      if (returnsRowsForCursor(stmt.text)) {
        const declared = { text: DECLARE_PREFIX + stmt.text, start: stmt.start } as SqlStatement;
        return run.step(
          async () => opened(await openDeclaredCursor(client, stmt.text, pageSize, this.types)),
          (e) => this.error(e, declared, DECLARE_PREFIX.length),
        );
      }
      return run.step(
        async () => opened(await runSimple(client, stmt.text, this.types)),
        (e) => this.error(e, stmt),
      );
    }
    return run.step(
      async () => opened(await openPortal(client, stmt.text, pageSize, this.typeParsers)),
      (e) => this.error(e, stmt),
    );
  }

  /** Runs a statement that is not the last one to completion, discarding its rows. */
  private async drain(client: Client, run: Run, stmt: SqlStatement): Promise<void> {
    const { result } = await this.open(client, run, stmt, 10_000);
    while (
      (
        await run.step(
          () => result.next(),
          (e) => this.error(e, stmt),
        )
      ).length > 0
    ) {
      // rows discarded
    }
    await result.close();
    run.open = undefined;
  }

  private async columnsOf(fields: FieldDef[]): Promise<ColumnInfo[]> {
    const columns = fields.map((f) => {
      const t = describeColumnType(f.dataTypeID, f.dataTypeModifier);
      const named = t.known ? undefined : this.typeNames.get(f.dataTypeID);
      return {
        name: f.name,
        type: named?.type ?? t.type,
        family: named?.family ?? t.family,
        unknownOid: t.known || named ? undefined : f.dataTypeID,
      };
    });
    const unknown = [...new Set(columns.flatMap((c) => (c.unknownOid === undefined ? [] : [c.unknownOid])))];
    if (unknown.length) {
      // User types (enums, domains over arrays, extensions): ask the catalog once per OID.
      try {
        const control = await this.controlSession();
        const r = await control.query<{ oid: number; name: string; category: string }>(
          `SELECT oid::int AS oid, format_type(oid, NULL) AS name, typcategory::text AS category FROM pg_type WHERE oid IN (${unknown.map(Number).join(',')})`,
        );
        for (const row of r.rows) this.typeNames.set(Number(row.oid), { type: row.name, family: familyForCategory(row.category) });
      } catch {
        // Names stay "oid N": the rows are still right.
      }
      for (const c of columns) {
        const named = c.unknownOid === undefined ? undefined : this.typeNames.get(c.unknownOid);
        if (named) {
          c.type = named.type;
          c.family = named.family;
        }
      }
    }
    return columns.map(({ name, type, family }) => ({ name, type, family }));
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    if (this.current) {
      this.current.cancel('Connection closed');
      await Promise.race([this.current.release(), new Promise((r) => setTimeout(r, 2000))]);
    }
    this.disposed = true;
    const clients = [this.main, this.control];
    this.main = undefined;
    this.control = undefined;
    for (const c of clients) {
      const client = await c?.catch(() => undefined);
      // A polite goodbye, bounded: a half-open connection would never acknowledge it.
      if (client && !(await settlesWithin(client.end(), STUCK_AFTER_MS))) destroyClient(client);
    }
  }
}
