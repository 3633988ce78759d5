// What a connection points at, as a stable string: the key a stored password and a user's
// confirmation of a workspace-defined connection are bound to. Two connections with the same
// identity reach the same server as the same user; a changed host, port, database or user is a
// different target and never inherits a secret or a confirmation.
import type { ConnectionConfig } from './types';

/** The fields that decide where a connection's credentials go. Names are not part of it. */
export function connectionIdentity(c: ConnectionConfig): string {
  switch (c.kind) {
    case 'local':
      return JSON.stringify(['local', c.databasePath ?? '']);
    case 'postgres':
      return JSON.stringify(['postgres', c.host.trim().toLowerCase(), c.port ?? 5432, c.database, c.user]);
    case 'redshift':
      if (c.mode === 'wire')
        return JSON.stringify(['redshift-wire', (c.host ?? '').trim().toLowerCase(), c.port ?? 5439, c.database, c.user ?? '']);
      return JSON.stringify([
        'redshift-data-api',
        c.clusterIdentifier ?? '',
        c.workgroupName ?? '',
        c.database,
        c.dbUser ?? '',
        c.secretArn ?? '',
        c.region ?? '',
        c.profile ?? '',
        c.endpoint ?? '',
        c.s3Endpoint ?? '',
      ]);
    case 'athena':
      return JSON.stringify([
        'athena',
        c.workgroup ?? '',
        c.catalog ?? '',
        c.region ?? '',
        c.profile ?? '',
        c.endpoint ?? '',
        c.s3Endpoint ?? '',
        c.outputLocation ?? '',
      ]);
  }
}

/** SecretStorage key of a connection's password: bound to its identity, not to its name. */
export function passwordKey(c: ConnectionConfig): string {
  return `dataWorkbench.password:${connectionIdentity(c)}`;
}

/** The key passwords were stored under before they were bound to the identity. Read only to
 * migrate a user-settings connection's password (see ConnectionSecrets), then deleted. */
export function legacyPasswordKey(connectionName: string): string {
  return `dataWorkbench.connection.${connectionName}.password`;
}

/** Whether `host` is this machine: a password sent there never crosses a network. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (h.startsWith('/')) return true; // a unix socket directory
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return v4 !== null && Number(v4[1]) === 127 && v4.slice(2).every((p) => Number(p) <= 255);
}
