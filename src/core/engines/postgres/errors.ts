// node-postgres / socket / TLS errors → EngineError with category, SQLSTATE and a 1-based
// position into the SQL text the user ran. Messages name host:port for connection problems and
// never contain the password (it is scrubbed defensively, too).
import type { SslMode } from '../../connections/types';
import { CancelledError, EngineError } from '../engine';
import { describeCertificateError } from './ssl';

export interface ErrorContext {
  host: string;
  port: number;
  user: string;
  sslMode: SslMode;
  password?: string;
}

/** Fields node-postgres puts on a server ErrorResponse (pg's DatabaseError). */
interface ServerError {
  message: string;
  code: string;
  severity?: string;
  position?: string;
  detail?: string;
  hint?: string;
}

function isServerError(e: unknown): e is ServerError {
  return (
    e instanceof Error &&
    typeof (e as { code?: unknown }).code === 'string' &&
    'severity' in e &&
    /^[0-9A-Z]{5}$/.test((e as unknown as { code: string }).code)
  );
}

type Category = NonNullable<EngineError['details']['category']>;

function categoryFor(code: string, message: string): Category {
  if (code === '42601' || (code === '42000' && /syntax/i.test(message))) return 'syntax';
  if (code === '42501') return 'permission';
  if (code === '28P01' || code === '28000') return 'auth';
  if (code === '57014') return /statement timeout/i.test(message) ? 'timeout' : 'cancelled';
  if (code === '55P03' || (code === '25P03' && /timeout/i.test(message))) return 'timeout';
  if (code.startsWith('08') || code.startsWith('57P') || code === '3D000' || code === '53300') return 'connection';
  if (code.startsWith('53') || code.startsWith('58') || code.startsWith('XX')) return 'internal';
  return 'query';
}

/** Postgres counts positions in characters; JS strings index UTF-16 units. */
export function codePointPositionToUtf16(text: string, position: number): number {
  let units = 0;
  let chars = 0;
  while (chars < position - 1 && units < text.length) {
    const c = text.charCodeAt(units);
    units += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    chars++;
  }
  return units + 1;
}

function scrub(message: string, password: string | undefined): string {
  return password && password.length >= 4 ? message.split(password).join('***') : message;
}

const SOCKET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed by the server',
};

/**
 * @param statement the text sent to the server and its offset in the text the user ran, so the
 *   position points into the user's text.
 */
export function toEngineError(e: unknown, ctx: ErrorContext, statement?: { text: string; offset: number }): EngineError {
  if (e instanceof EngineError) return e;
  const where = `${ctx.host}:${ctx.port}`;
  const make = (message: string, details: EngineError['details']): EngineError =>
    new EngineError(scrub(message, ctx.password), { ...details, cause: e });

  if (isServerError(e)) {
    const category = categoryFor(e.code, e.message);
    if (category === 'cancelled') return new CancelledError();
    let message = e.message;
    if (category === 'auth' || category === 'connection') message = `${message} (${ctx.user}@${where})`;
    if (e.detail) message += `\nDETAIL: ${e.detail}`;
    if (e.hint) message += `\nHINT: ${e.hint}`;
    let position: number | undefined;
    if (e.position && statement) {
      position = statement.offset + codePointPositionToUtf16(statement.text, Number(e.position));
    }
    return make(message, { code: e.code, category, position });
  }

  const err = e instanceof Error ? e : new Error(String(e));
  const code = (err as NodeJS.ErrnoException).code;
  const cert = describeCertificateError(code, ctx.sslMode);
  if (cert) return make(`${cert} (${where})`, { code, category: 'connection' });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return make(`could not resolve host name "${ctx.host}" (${where})`, { code, category: 'connection' });
  }
  // With a statement the session was up: a socket error now means it was lost, not refused.
  if (code && SOCKET_ERRORS[code]) {
    if (statement)
      return make(`the connection to ${where} was lost during the query: ${SOCKET_ERRORS[code]}`, { code, category: 'connection' });
    return make(`could not connect to ${where}: ${SOCKET_ERRORS[code]}`, { code, category: 'connection' });
  }
  if (/timeout expired|connection timeout/i.test(err.message)) {
    return make(`timed out connecting to ${where}`, { code: 'ETIMEDOUT', category: 'connection' });
  }
  if (/does not support SSL/i.test(err.message)) {
    return make(`the server at ${where} does not accept SSL connections (sslmode ${ctx.sslMode}); use sslmode disable or prefer`, {
      category: 'connection',
    });
  }
  if (/SASL|password must be a string|no password/i.test(err.message)) {
    return make(`a password is required for ${ctx.user}@${where}`, { category: 'auth' });
  }
  if (/Connection terminated|not queryable|Client was closed/i.test(err.message)) {
    return make(`the connection to ${where} was lost${statement ? ' during the query' : ''}: ${err.message}`, { category: 'connection' });
  }
  if (code && /^ERR_TLS|^ERR_SSL|CERT/.test(code)) {
    return make(`SSL error talking to ${where}: ${err.message}`, { code, category: 'connection' });
  }
  return make(err.message, { code, category: 'internal' });
}
