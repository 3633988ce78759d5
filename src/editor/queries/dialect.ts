// How statements split for a connection: Redshift reads a backslash in '…' as an escape
// (standard_conforming_strings off); Postgres, DuckDB and Athena follow the SQL standard.
import type { ConnectionConfig } from '../../core/connections/types';
import type { SplitOptions } from '../../core/sql/split';

export function splitOptionsFor(connection: ConnectionConfig): SplitOptions {
  return { backslashEscapes: connection.kind === 'redshift' };
}
