// Opens one node-postgres Client for a Postgres or Redshift (wire) connection: SSL mode mapping
// with libpq's `prefer` fallback, application_name, statement_timeout, per-connection type
// parsers. `pg` is loaded lazily so the extension activates fast.
import type { Client, ClientConfig, CustomTypesConfig } from 'pg';
import type { PostgresConnection, RedshiftConnection, SslMode } from '../../connections/types';
import { isLoopbackHost } from '../../connections/identity';
import { CancelledError, EngineError } from '../engine';
import { toEngineError, type ErrorContext } from './errors';
import { sslOptions } from './ssl';
import { createTypeParsers } from './types';

export const APPLICATION_NAME = 'Data Workbench';

export interface PostgresEngineOptions {
  /** From SecretStorage or a prompt; never stored by the engine beyond the client config. */
  password?: string;
  /** Extra trusted CA certificates (PEM) for verify-ca / verify-full. */
  ca?: string | string[];
  /** Give up connecting after this long (default 15 s). */
  connectTimeoutMs?: number;
  /** Allow the password over a connection without TLS to a host that is not this machine
   * (sslmode disable, or prefer when the server has no SSL). Off by default: anyone on the path
   * could read it. The editor sets it from a user-only setting listing such hosts. */
  allowPlaintextPassword?: boolean;
}

export interface Endpoint {
  host: string;
  port: number;
  user: string;
  database: string;
  sslMode: SslMode;
  statementTimeoutMs?: number;
}

export function endpointOf(config: PostgresConnection | RedshiftConnection): Endpoint {
  if (config.kind === 'redshift' && config.mode !== 'wire') {
    throw new Error(`connection "${config.name}" uses the Redshift Data API, not the wire protocol`);
  }
  const host = config.host;
  const user = config.user;
  if (!host) throw new Error(`connection "${config.name}" has no host`);
  if (!user) throw new Error(`connection "${config.name}" has no user`);
  return {
    host,
    port: config.port ?? (config.kind === 'redshift' ? 5439 : 5432),
    user,
    database: config.database,
    // Redshift clusters accept SSL; libpq's default is prefer.
    sslMode: config.ssl ?? 'prefer',
    statementTimeoutMs: config.statementTimeoutMs,
  };
}

export function errorContext(endpoint: Endpoint, options: PostgresEngineOptions): ErrorContext {
  return { host: endpoint.host, port: endpoint.port, user: endpoint.user, sslMode: endpoint.sslMode, password: options.password };
}

/** A password may travel without TLS only to this machine, or where the user allowed it. */
function plaintextPasswordAllowed(endpoint: Endpoint, options: PostgresEngineOptions): boolean {
  return !options.password || isLoopbackHost(endpoint.host) || options.allowPlaintextPassword === true;
}

function plaintextRefused(endpoint: Endpoint, why: string): EngineError {
  return new EngineError(
    `Not connecting to ${endpoint.host}:${endpoint.port}: ${why}, so the password of ${endpoint.user} would cross the network unencrypted. ` +
      'Use sslmode require or verify-full, or, if this network is trusted, add the host to "dataWorkbench.security.plaintextPasswordHosts" in your user settings.',
    { category: 'connection', code: 'PLAINTEXT_PASSWORD_REFUSED' },
  );
}

/** The driver's backend process id, from BackendKeyData (not in @types/pg). */
export function backendPid(client: Client): number | undefined {
  const pid = (client as unknown as { processID?: number | null }).processID;
  return typeof pid === 'number' ? pid : undefined;
}

export async function openClient(
  endpoint: Endpoint,
  options: PostgresEngineOptions,
  purpose: 'main' | 'control',
  signal?: AbortSignal,
): Promise<Client> {
  const pg = (await import('pg')).default;
  const base: ClientConfig = {
    host: endpoint.host,
    port: endpoint.port,
    user: endpoint.user,
    database: endpoint.database,
    password: options.password,
    application_name: purpose === 'main' ? APPLICATION_NAME : `${APPLICATION_NAME} (control)`,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 15_000,
    keepAlive: true,
    // Probe an idle connection after 10 s (the OS default is 2 h), so a dead peer is noticed.
    keepAliveInitialDelayMillis: 10_000,
    types: createTypeParsers() as unknown as CustomTypesConfig,
  };
  const attempt = async (ssl: ClientConfig['ssl']): Promise<Client> => {
    const client = new pg.Client({ ...base, ssl });
    // A dropped connection emits 'error' outside any query; without a listener Node would crash.
    client.on('error', () => undefined);
    const onAbort = (): void => void client.end().catch(() => undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await client.connect();
      if (signal?.aborted) throw new CancelledError('Connection cancelled');
    } catch (e) {
      await client.end().catch(() => undefined);
      throw signal?.aborted ? new CancelledError('Connection cancelled') : e;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    return client;
  };
  const ctx = errorContext(endpoint, options);
  const plaintextOk = plaintextPasswordAllowed(endpoint, options);
  if (endpoint.sslMode === 'disable' && !plaintextOk) throw plaintextRefused(endpoint, 'sslmode is disable');
  let client: Client;
  try {
    try {
      client = await attempt(sslOptions(endpoint.sslMode, options.ca));
    } catch (e) {
      // libpq `prefer`: fall back to plain TCP only when the server has no SSL at all, and only
      // where the password cannot be read on the way (see plaintextPasswordAllowed).
      if (endpoint.sslMode !== 'prefer' || !/does not support SSL/i.test(String((e as Error)?.message))) throw e;
      if (!plaintextOk) throw plaintextRefused(endpoint, 'the server does not support SSL (sslmode prefer)');
      client = await attempt(false);
    }
  } catch (e) {
    throw toEngineError(e, ctx);
  }
  if (endpoint.statementTimeoutMs !== undefined && purpose === 'main') {
    const ms = Math.max(0, Math.floor(endpoint.statementTimeoutMs));
    try {
      await client.query(`SET statement_timeout = ${ms}`);
    } catch (e) {
      await client.end().catch(() => undefined);
      throw toEngineError(e, ctx);
    }
  }
  return client;
}
