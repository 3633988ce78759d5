// Server-side result paging, two ways:
// - Postgres: an extended-protocol portal: Parse/Bind/Execute(maxRows) with no Sync between
//   pages, so rows stream in pages of pageSize with bounded memory (portal.ts).
// - Redshift: DECLARE … CURSOR / FETCH FORWARD n inside a transaction (Redshift requires cursors
//   in a transaction block and rejects some portal sequences; single-node clusters cap FETCH at 1000).
import type { Client, CustomTypesConfig, FieldDef, QueryArrayResult, Submittable } from 'pg';
import type { Row } from '../engine';
import { PortalReader } from './portal';
import type { ConnectionTypes } from './types';

export interface OpenResult {
  /** Empty when the statement returns no rows (DDL/DML). */
  fields: FieldDef[];
  /** Fetches the next page; an empty page means the end. */
  next(): Promise<Row[]>;
  /** Releases the server cursor. Idempotent; call only while no `next()` is pending. */
  close(): Promise<void>;
  /** True once every row has been fetched (the next page would be empty). */
  exhausted(): boolean;
  /** True while the server may be working on this result (fetches outstanding). */
  busy?(): boolean;
  /** Command tag and row count once the statement completed (`INSERT`, 3). */
  completion(): { command?: string; rowCount?: number };
}

/** Postgres: a pipelined portal (portal.ts). The first page is fetched before returning (it
 * carries the fields). */
export async function openPortal(
  client: Client,
  text: string,
  pageSize: number,
  types: ConnectionTypes,
): Promise<{ result: OpenResult; first: Row[] }> {
  const reader = new PortalReader(text, types, pageSize);
  client.query(reader as unknown as Submittable);
  const first = await reader.read();
  const result: OpenResult = {
    fields: reader.fields,
    next: () => reader.read(),
    close: () => reader.close(),
    exhausted: () => reader.exhausted,
    busy: () => reader.busy,
    completion: () => ({ command: reader.command, rowCount: reader.rowCount }),
  };
  return { result, first };
}

export const REDSHIFT_CURSOR = 'dw_cursor';
export const DECLARE_PREFIX = `DECLARE ${REDSHIFT_CURSOR} CURSOR FOR `;
/** FETCH FORWARD n is capped at 1000 on single-node Redshift clusters. */
export const REDSHIFT_MAX_FETCH = 1000;

/** Statements that may be the query of a DECLARE CURSOR (Redshift: SELECT only, WITH included). */
export function returnsRowsForCursor(statement: string): boolean {
  return /^\(*\s*(select|with)\b/i.test(statement);
}

/**
 * Redshift: BEGIN (unless the session already is in a transaction) / DECLARE / FETCH … / CLOSE /
 * COMMIT. Errors in the DECLARE are reported by the server relative to the DECLARE text; callers
 * subtract DECLARE_PREFIX.length from positions (see engine).
 */
export async function openDeclaredCursor(
  client: Client,
  text: string,
  pageSize: number,
  types: CustomTypesConfig,
): Promise<{ result: OpenResult; first: Row[] }> {
  const fetchSize = Math.max(1, Math.min(pageSize, REDSHIFT_MAX_FETCH));
  const q = (sql: string): Promise<QueryArrayResult<Row>> => client.query({ text: sql, rowMode: 'array', types });
  const ownTransaction = client.getTransactionStatus() === 'I';
  let state: 'open' | 'done' | 'failed' = 'open';
  let fetched = 0;
  const fail = async (e: unknown): Promise<never> => {
    state = 'failed';
    if (ownTransaction) await q('ROLLBACK').catch(() => undefined);
    throw e;
  };
  if (ownTransaction) await q('BEGIN');
  try {
    await q(DECLARE_PREFIX + text);
  } catch (e) {
    return fail(e);
  }
  let fields: FieldDef[] = [];
  const finish = async (): Promise<void> => {
    state = 'done';
    await q(`CLOSE ${REDSHIFT_CURSOR}`);
    if (ownTransaction) await q('COMMIT');
  };
  const read = async (): Promise<Row[]> => {
    if (state !== 'open') return [];
    let page: QueryArrayResult<Row>;
    try {
      page = await q(`FETCH FORWARD ${fetchSize} FROM ${REDSHIFT_CURSOR}`);
    } catch (e) {
      return fail(e);
    }
    fields = page.fields;
    fetched += page.rows.length;
    if (page.rows.length < fetchSize) await finish();
    return page.rows;
  };
  const first = await read();
  const result: OpenResult = {
    fields,
    next: read,
    async close() {
      if (state === 'open') await finish();
    },
    exhausted: () => state !== 'open',
    completion: () => ({ command: 'SELECT', rowCount: fetched }),
  };
  return { result, first };
}

/** Redshift statements that cannot be declared as a cursor: one simple-protocol round trip. */
export async function runSimple(client: Client, text: string, types: CustomTypesConfig): Promise<{ result: OpenResult; first: Row[] }> {
  const r = await client.query({ text, rowMode: 'array', types });
  // A multi-statement simple query returns an array of results; we send one statement at a time.
  const last = (Array.isArray(r) ? r[r.length - 1] : r) as QueryArrayResult<Row>;
  const result: OpenResult = {
    fields: last.fields ?? [],
    next: () => Promise.resolve([]),
    close: () => Promise.resolve(),
    exhausted: () => true,
    completion: () => ({ command: last.command, rowCount: last.rowCount ?? undefined }),
  };
  return { result, first: last.rows ?? [] };
}
