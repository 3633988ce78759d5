// A server-side portal read in pages, with pipelined fetches. Same protocol use as pg-cursor
// (Parse / Bind to a named portal / Describe / Execute(maxRows) … / Close / Sync), but:
// - after the first page proves the portal is suspendable (a row-returning statement), up to
//   `depth` Execute messages are kept outstanding, so the server keeps producing rows while we
//   parse the previous page instead of waiting one round trip per page;
// - rows are parsed straight into arrays with per-column parsers (no per-row events/objects).
// Memory stays bounded: at most `depth` pages are buffered or in flight.
// The first Execute is always sent alone: re-executing a finished DDL/DML portal is an error that
// would abort (roll back) the statement's transaction.
import type { Connection, FieldDef } from 'pg';
import type { Row } from '../engine';
import type { ConnectionTypes } from './types';

type Parser = (text: string) => Row[number];

interface Waiter {
  resolve: (rows: Row[]) => void;
  reject: (e: unknown) => void;
}

let nextPortalId = 1;

export class PortalReader {
  fields: FieldDef[] = [];
  command?: string;
  rowCount?: number;
  private readonly portal = `dw_${nextPortalId++}`;
  private connection?: Connection;
  private parsers: Parser[] = [];
  private page: Row[] = [];
  private readonly ready: Row[][] = [];
  private waiters: Waiter[] = [];
  private outstanding = 0;
  private suspendedOnce = false;
  private completed = false;
  private synced = false;
  private finished = false;
  private error?: unknown;
  private closeWaiters: Array<() => void> = [];

  constructor(
    readonly text: string,
    private readonly types: ConnectionTypes,
    private readonly pageSize: number,
    private readonly depth = 3,
  ) {}

  // --- called by node-postgres (Submittable) -------------------------------------------------
  submit(connection: Connection): void {
    this.connection = connection;
    connection.parse({ text: this.text } as Parameters<Connection['parse']>[0], true);
    connection.bind({ portal: this.portal, values: [] } as Parameters<Connection['bind']>[0], true);
    connection.describe({ type: 'P', name: this.portal }, true);
    this.sendExecute();
  }

  handleRowDescription(msg: { fields: FieldDef[] }): void {
    this.fields = msg.fields;
    this.parsers = msg.fields.map((f) => this.types.getTypeParser(f.dataTypeID, f.format) as Parser);
  }

  handleDataRow(msg: { fields: Array<string | null> }): void {
    const raw = msg.fields;
    const parsers = this.parsers;
    const n = raw.length;
    const row: Row = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = raw[i];
      row[i] = v === null ? null : parsers[i](v);
    }
    this.page.push(row);
  }

  handlePortalSuspended(): void {
    this.outstanding--;
    this.suspendedOnce = true;
    this.deliver(false);
    this.refill();
  }

  handleCommandComplete(msg: { text?: string; command?: string; rowCount?: number }): void {
    this.outstanding--;
    if (!this.completed) {
      this.completed = true;
      // Command tags: "INSERT 0 7", "DELETE 2", "SELECT 5", "CREATE TABLE".
      const m = /^([A-Za-z ]*?[A-Za-z]+)(?: (\d+))?(?: (\d+))?$/.exec(msg.text ?? '');
      this.command = m?.[1] ?? msg.command;
      const count = m?.[3] ?? m?.[2];
      if (count !== undefined) this.rowCount = Number(count);
      this.deliver(true);
      this.closeAndSync();
    }
  }

  handleEmptyQuery(): void {
    this.completed = true;
    this.closeAndSync();
  }

  handleError(err: unknown): void {
    if (this.finished) return;
    this.error ??= err;
    // After an ErrorResponse the server skips everything up to the next Sync.
    if (!this.synced) {
      this.synced = true;
      try {
        this.connection?.sync();
      } catch {
        // the connection is gone; nothing to resynchronise
      }
    }
    for (const w of this.waiters.splice(0)) w.reject(err);
    // node-postgres detaches the query on an ErrorResponse: the ReadyForQuery that follows our
    // Sync never reaches us (the client queues the next query until it arrives).
    this.finished = true;
    for (const c of this.closeWaiters.splice(0)) c();
  }

  handleReadyForQuery(): void {
    this.finished = true;
    this.completed = true;
    // A short final page, if any, is already in `ready`; waiters now see the end.
    for (const w of this.waiters.splice(0)) {
      const page = this.ready.shift();
      if (this.error) w.reject(this.error);
      else w.resolve(page ?? []);
    }
    for (const c of this.closeWaiters.splice(0)) c();
  }

  handleCopyInResponse(connection: Connection): void {
    (connection as unknown as { sendCopyFail(msg: string): void }).sendCopyFail('COPY FROM STDIN is not supported here');
  }

  handleCopyData(): void {
    // COPY TO STDOUT data is not a result set; ignored.
  }

  // --- called by the engine -----------------------------------------------------------------
  /** The next page; an empty page means the end. */
  read(): Promise<Row[]> {
    const page = this.ready.shift();
    if (page) {
      this.refill();
      return Promise.resolve(page);
    }
    if (this.error) return Promise.reject(this.error);
    if (this.finished) return Promise.resolve([]);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Closes the portal and waits for the session to be idle. Call with no read pending. */
  close(): Promise<void> {
    if (this.finished) return Promise.resolve();
    return new Promise((resolve) => {
      this.closeWaiters.push(resolve);
      this.completed = true;
      this.closeAndSync();
    });
  }

  /** No more rows will come: the statement finished (ReadyForQuery) and nothing is buffered.
   * After an error this stays false so that the next read reports it. */
  get exhausted(): boolean {
    return this.finished && this.error === undefined && this.ready.length === 0;
  }

  /** True while Execute messages are outstanding: the server may be working on this portal. */
  get busy(): boolean {
    return this.outstanding > 0 && !this.completed && !this.error;
  }

  private sendExecute(): void {
    const c = this.connection;
    if (!c) return;
    // @types/pg types `rows` as a string; the serializer writes it as an Int32.
    c.execute({ portal: this.portal, rows: this.pageSize as unknown as string }, true);
    c.flush();
    this.outstanding++;
  }

  /** Keeps up to `depth` pages buffered or in flight once the portal is known to suspend. */
  private refill(): void {
    if (!this.suspendedOnce || this.completed || this.error) return;
    while (this.outstanding + this.ready.length < this.depth) this.sendExecute();
  }

  /** Hands a finished page to a waiting reader, or buffers it. The final page is only handed
   * over at ReadyForQuery: the statement can still fail at commit (deferred constraints), and a
   * reader must never see a clean end before the server confirmed it. */
  private deliver(final: boolean): void {
    const page = this.page;
    this.page = [];
    if (page.length === 0) return;
    const waiter = final ? undefined : this.waiters.shift();
    if (waiter) waiter.resolve(page);
    else this.ready.push(page);
  }

  private closeAndSync(): void {
    if (this.synced || !this.connection) return;
    this.synced = true;
    // Named portals live until the transaction ends; inside a user's BEGIN that could be long.
    this.connection.close({ type: 'P', name: this.portal }, true);
    this.connection.sync();
  }
}
