// The one place that decides how SQL text splits into statements for a connection kind, a
// translate dialect or an editor SQL dialect: Redshift reads a backslash in '…' as an escape (standard_conforming_strings
// off); Postgres, DuckDB and Athena follow the SQL standard.
import type { ConnectionKind } from '../engines/engine';
import type { SplitOptions } from './split';

/** `kind`: a connection kind (`local` is DuckDB), a translate dialect, or an editor SQL dialect (`duckdb`). */
export function splitOptionsFor(kind: ConnectionKind | 'duckdb'): SplitOptions {
  return { backslashEscapes: kind === 'redshift' };
}
