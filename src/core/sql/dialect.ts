// The one place that decides how SQL text splits into statements for a connection kind or a
// translate dialect: Redshift reads a backslash in '…' as an escape (standard_conforming_strings
// off); Postgres, DuckDB and Athena follow the SQL standard.
import type { ConnectionKind } from '../engines/engine';
import type { SplitOptions } from './split';

export function splitOptionsFor(kind: ConnectionKind): SplitOptions {
  return { backslashEscapes: kind === 'redshift' };
}
