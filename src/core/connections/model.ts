// Reading `dataWorkbench.connections` from settings: validation with clear messages, the default
// local connection, choosing the active one, and how a connection is described in pickers.
import type { ConnectionKind } from '../engines/engine';
import { iamRoleProblem, s3LocationProblem } from '../engines/redshiftData/unloadSql';
import {
  DEFAULT_LOCAL_CONNECTION,
  type AthenaConnection,
  type ConnectionConfig,
  type LocalConnection,
  type PostgresConnection,
  type RedshiftConnection,
  type SslMode,
} from './types';

export const CONNECTION_KINDS: readonly ConnectionKind[] = ['local', 'postgres', 'redshift', 'athena'];
const SSL_MODES: readonly SslMode[] = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'];
/** Keys that would hold a secret. Settings are plain JSON on disk, so we refuse them. */
const SECRET_KEYS = ['password', 'secret', 'secretAccessKey', 'accessKeyId', 'sessionToken'];

export interface Resolved {
  /** The default local connection first, then valid user connections in settings order. */
  connections: ConnectionConfig[];
  /** Human-readable problems, e.g. `dataWorkbench.connections[2] ("prod"): host is required`. */
  problems: string[];
}

type Raw = Record<string, unknown>;

class Checker {
  readonly errors: string[] = [];
  constructor(private readonly raw: Raw) {}
  str(key: string, required: boolean): string | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null || v === '') {
      if (required) this.errors.push(`${key} is required`);
      return undefined;
    }
    if (typeof v !== 'string') {
      this.errors.push(`${key} must be a string`);
      return undefined;
    }
    return v;
  }
  int(key: string, min: number, max: number): number | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.errors.push(`${key} must be an integer from ${min} to ${max}`);
      return undefined;
    }
    return v;
  }
  bool(key: string): boolean | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') {
      this.errors.push(`${key} must be true or false`);
      return undefined;
    }
    return v;
  }
  oneOf<T extends string>(key: string, allowed: readonly T[], required: boolean): T | undefined {
    const v = this.str(key, required);
    if (v === undefined) return undefined;
    if (!allowed.includes(v as T)) {
      this.errors.push(`${key} must be one of ${allowed.join(', ')}`);
      return undefined;
    }
    return v as T;
  }
}

/** Drops undefined fields so configs compare and serialise cleanly. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Validates one settings entry. Returns the config or the reasons it is unusable. */
export function validateConnection(raw: unknown): { config?: ConnectionConfig; errors: string[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { errors: ['must be an object'] };
  const r = raw as Raw;
  const c = new Checker(r);
  for (const k of SECRET_KEYS) {
    if (k in r)
      c.errors.push(
        `"${k}" must not be stored in settings (use "Data Workbench: Set Connection Password", SecretStorage, or an AWS profile)`,
      );
  }
  const name = c.str('name', true)?.trim();
  if (name === '') c.errors.push('name is required');
  const kind = c.oneOf('kind', CONNECTION_KINDS, true);
  let config: ConnectionConfig | undefined;
  const statementTimeoutMs = (): number | undefined => c.int('statementTimeoutMs', 0, 2_147_483_647);
  switch (kind) {
    case 'local':
      config = compact<LocalConnection>({
        name: name!,
        kind,
        databasePath: c.str('databasePath', false),
        sampleData: c.bool('sampleData'),
      });
      break;
    case 'postgres':
      config = compact<PostgresConnection>({
        name: name!,
        kind,
        host: c.str('host', true)!,
        port: c.int('port', 1, 65535),
        database: c.str('database', true)!,
        user: c.str('user', true)!,
        ssl: c.oneOf('ssl', SSL_MODES, false),
        statementTimeoutMs: statementTimeoutMs(),
      });
      break;
    case 'redshift': {
      const mode = c.oneOf('mode', ['data-api', 'wire'] as const, true);
      const rs = compact<RedshiftConnection>({
        name: name!,
        kind,
        mode: mode!,
        database: c.str('database', true)!,
        region: c.str('region', false),
        profile: c.str('profile', false),
        clusterIdentifier: c.str('clusterIdentifier', false),
        dbUser: c.str('dbUser', false),
        secretArn: c.str('secretArn', false),
        workgroupName: c.str('workgroupName', false),
        host: c.str('host', mode === 'wire'),
        port: c.int('port', 1, 65535),
        user: c.str('user', mode === 'wire'),
        ssl: c.oneOf('ssl', SSL_MODES, false),
        statementTimeoutMs: statementTimeoutMs(),
        endpoint: c.str('endpoint', false),
        unloadS3Location: c.str('unloadS3Location', false),
        unloadIamRole: c.str('unloadIamRole', false),
        s3Endpoint: c.str('s3Endpoint', false),
      });
      if (rs.unloadS3Location !== undefined) {
        const problem = s3LocationProblem(rs.unloadS3Location);
        if (problem) c.errors.push(`unloadS3Location: ${problem}`);
      }
      if (rs.unloadIamRole !== undefined) {
        const problem = iamRoleProblem(rs.unloadIamRole);
        if (problem) c.errors.push(`unloadIamRole: ${problem}`);
      }
      if (mode === 'data-api') {
        const targets = [rs.clusterIdentifier, rs.workgroupName].filter(Boolean).length;
        if (targets !== 1) c.errors.push('data-api needs exactly one of clusterIdentifier (provisioned) or workgroupName (serverless)');
        if (rs.workgroupName && rs.dbUser) c.errors.push('dbUser applies to provisioned clusters only, not to serverless workgroups');
      }
      config = rs;
      break;
    }
    case 'athena':
      config = compact<AthenaConnection>({
        name: name!,
        kind,
        region: c.str('region', false),
        profile: c.str('profile', false),
        workgroup: c.str('workgroup', false),
        catalog: c.str('catalog', false),
        database: c.str('database', false),
        outputLocation: c.str('outputLocation', false),
        endpoint: c.str('endpoint', false),
        s3Endpoint: c.str('s3Endpoint', false),
      });
      if (config.outputLocation !== undefined && !/^s3:\/\/[^/]+/.test(config.outputLocation))
        c.errors.push('outputLocation must be an s3:// URI');
      break;
  }
  return c.errors.length ? { errors: c.errors } : { config, errors: [] };
}

/** The connections from settings with the default local one always present (first). A user entry
 * named like the default replaces it, so its database file or sample data can be configured. */
export function resolveConnections(raw: unknown): Resolved {
  const problems: string[] = [];
  const list: ConnectionConfig[] = [];
  const seen = new Set<string>();
  const entries =
    raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : (problems.push('dataWorkbench.connections must be an array'), []);
  entries.forEach((entry, i) => {
    const label =
      typeof (entry as Raw)?.name === 'string'
        ? `dataWorkbench.connections[${i}] ("${(entry as Raw).name}")`
        : `dataWorkbench.connections[${i}]`;
    const { config, errors } = validateConnection(entry);
    if (!config) {
      problems.push(`${label}: ${errors.join('; ')}`);
      return;
    }
    if (seen.has(config.name)) {
      problems.push(`${label}: another connection is already named "${config.name}"; this one is ignored`);
      return;
    }
    seen.add(config.name);
    list.push(config);
  });
  const userDefault = list.find((c) => c.name === DEFAULT_LOCAL_CONNECTION.name);
  if (userDefault && userDefault.kind !== 'local') {
    problems.push(`"${DEFAULT_LOCAL_CONNECTION.name}" is reserved for the local DuckDB connection; that entry is ignored`);
  }
  const local = userDefault?.kind === 'local' ? userDefault : DEFAULT_LOCAL_CONNECTION;
  return { connections: [local, ...list.filter((c) => c.name !== DEFAULT_LOCAL_CONNECTION.name)], problems };
}

/** The values of `dataWorkbench.connections` per settings scope (vscode's `inspect`). */
export interface ConnectionScopes {
  user?: unknown;
  workspace?: unknown;
  workspaceFolder?: unknown;
}

export interface ResolvedScopes extends Resolved {
  /** Names of the connections that come from a workspace's settings rather than the user's. */
  fromWorkspace: Set<string>;
}

/** The user's connections, then the workspace's. A workspace entry named like one of the user's
 * is ignored: a repository must not be able to stand in for the user's "prod". VS Code would let
 * the workspace array replace the user's; connections are merged instead. */
export function resolveConnectionScopes(scopes: ConnectionScopes): ResolvedScopes {
  const user = resolveConnections(scopes.user);
  const userNames = new Set(user.connections.map((c) => c.name));
  const problems = [...user.problems];
  const connections = [...user.connections];
  const fromWorkspace = new Set<string>();
  for (const [scope, raw] of [
    ['workspace', scopes.workspace],
    ['workspace folder', scopes.workspaceFolder],
  ] as const) {
    if (raw === undefined || raw === null) continue;
    const resolved = resolveConnections(raw);
    problems.push(...resolved.problems.map((p) => `${scope} settings: ${p}`));
    for (const c of resolved.connections.slice(1)) {
      if (userNames.has(c.name) || fromWorkspace.has(c.name)) {
        problems.push(
          `${scope} settings: connection "${c.name}" is ignored: ${userNames.has(c.name) ? 'your user settings define a connection with that name' : 'the workspace already defines one with that name'}`,
        );
        continue;
      }
      fromWorkspace.add(c.name);
      connections.push(c);
    }
  }
  return { connections, problems, fromWorkspace };
}

/** Which connection is active: the remembered one if it still exists, else the configured
 * default if it exists, else the local one. */
export function chooseActive(connections: readonly ConnectionConfig[], remembered?: string, configuredDefault?: string): ConnectionConfig {
  return (
    connections.find((c) => c.name === remembered) ??
    connections.find((c) => c.name === configuredDefault) ??
    connections.find((c) => c.kind === 'local') ??
    DEFAULT_LOCAL_CONNECTION
  );
}

/** Whether running a query needs a password from SecretStorage or a prompt. Redshift Data API and
 * Athena authenticate with AWS credentials (profile / IAM / Secrets Manager ARN) instead. */
export function needsPassword(c: ConnectionConfig): boolean {
  return c.kind === 'postgres' || (c.kind === 'redshift' && c.mode === 'wire');
}

export function kindLabel(c: ConnectionConfig): string {
  switch (c.kind) {
    case 'local':
      return 'DuckDB (local)';
    case 'postgres':
      return 'PostgreSQL';
    case 'redshift':
      return c.mode === 'wire' ? 'Redshift (wire)' : 'Redshift (Data API)';
    case 'athena':
      return 'Athena';
  }
}

/** One line describing where a connection points, for pickers and the status-bar tooltip. */
export function describeConnection(c: ConnectionConfig): string {
  const at = (s: string | undefined, prefix: string): string => (s ? `${prefix}${s}` : '');
  switch (c.kind) {
    case 'local':
      return c.databasePath ? c.databasePath : c.sampleData === false ? 'in-memory' : 'in-memory, sample atomic.events';
    case 'postgres':
      return `${c.user}@${c.host}:${c.port ?? 5432}/${c.database}`;
    case 'redshift':
      if (c.mode === 'wire') return `${c.user ?? ''}@${c.host ?? ''}:${c.port ?? 5439}/${c.database}`;
      return `${c.workgroupName ? `workgroup ${c.workgroupName}` : `cluster ${c.clusterIdentifier ?? ''}`}/${c.database}${at(c.region, ' · ')}${at(c.profile, ' · profile ')}`;
    case 'athena':
      return (
        [c.workgroup ?? 'primary', c.catalog ?? 'AwsDataCatalog', c.database].filter(Boolean).join('/') +
        at(c.region, ' · ') +
        at(c.profile, ' · profile ')
      );
  }
}

/** Adds or replaces a connection (by name) in the raw settings array, keeping other entries,
 * including ones we could not validate, untouched. */
export function upsertRaw(raw: unknown, config: ConnectionConfig): unknown[] {
  const list = Array.isArray(raw) ? [...raw] : [];
  const i = list.findIndex((e) => (e as Raw)?.name === config.name);
  if (i >= 0) list[i] = config;
  else list.push(config);
  return list;
}

export function removeRaw(raw: unknown, name: string): unknown[] {
  return (Array.isArray(raw) ? raw : []).filter((e) => (e as Raw)?.name !== name);
}
