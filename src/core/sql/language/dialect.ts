// Which SQL dialect a .sql file is written in: the active connection's, unless the file says
// otherwise in a leading comment (`-- dialect: athena`). Also the formatter's name for it.
import type { ConnectionKind } from '../../engines/engine';

export type SqlDialect = 'duckdb' | 'postgres' | 'redshift' | 'athena';

export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'postgres', 'redshift', 'athena'];

export const DIALECT_LABELS: Record<SqlDialect, string> = {
  duckdb: 'DuckDB',
  postgres: 'PostgreSQL',
  redshift: 'Redshift',
  athena: 'Athena (Trino)',
};

const ALIASES: Record<string, SqlDialect> = {
  duckdb: 'duckdb',
  local: 'duckdb',
  postgres: 'postgres',
  postgresql: 'postgres',
  pg: 'postgres',
  redshift: 'redshift',
  athena: 'athena',
  trino: 'athena',
  presto: 'athena',
};

export function dialectOfConnection(kind: ConnectionKind): SqlDialect {
  return kind === 'local' ? 'duckdb' : kind;
}

function parseDialectName(name: string): SqlDialect | undefined {
  return ALIASES[name.trim().toLowerCase()];
}

/** The dialect named by a `-- dialect: NAME` comment among the file's leading comment lines. */
export function dialectOverride(text: string): SqlDialect | undefined {
  const head = text.slice(0, 4096).split('\n');
  for (const raw of head) {
    const line = raw.trim();
    if (line === '') continue;
    if (!line.startsWith('--')) return undefined;
    const m = /^--\s*dialect\s*:\s*([A-Za-z]+)/i.exec(line);
    if (m) return parseDialectName(m[1]);
  }
  return undefined;
}

/** sql-formatter's language for a dialect. */
export function formatterLanguage(dialect: SqlDialect): 'duckdb' | 'postgresql' | 'redshift' | 'trino' {
  return dialect === 'postgres' ? 'postgresql' : dialect === 'athena' ? 'trino' : dialect;
}
