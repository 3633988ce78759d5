// Column types of the tables the translator knows. Unknown tables get unknown column types, and the
// planner refuses wherever the meaning would depend on one of them.
import { ATOMIC_EVENTS_COLUMNS } from '../events/fields';
import type { Column, SType } from './ir';

const STYPE_OF_NAME = new Map<string, SType>([
  ...(['smallint', 'int2', 'integer', 'int', 'int4', 'tinyint'] as const).map((n) => [n, 'int'] as const),
  ...(['bigint', 'int8', 'long'] as const).map((n) => [n, 'bigint'] as const),
  ...(['decimal', 'numeric', 'dec'] as const).map((n) => [n, 'decimal'] as const),
  ...(['double precision', 'double', 'float', 'float8', 'float4', 'real'] as const).map((n) => [n, 'double'] as const),
  ...(['varchar', 'char', 'character', 'character varying', 'text', 'string', 'bpchar', 'nvarchar', 'nchar'] as const).map(
    (n) => [n, 'string'] as const,
  ),
  ...(['boolean', 'bool'] as const).map((n) => [n, 'bool'] as const),
  ['date', 'date'],
  ...(['timestamp', 'timestamp without time zone', 'datetime'] as const).map((n) => [n, 'timestamp'] as const),
]);

/** Maps a SQL type name (any of the three dialects) to the translator's type lattice. */
export function sqlTypeToSType(name: string): SType {
  const paren = name.indexOf('(');
  return STYPE_OF_NAME.get((paren < 0 ? name : name.slice(0, paren)).toLowerCase().trim()) ?? 'unknown';
}

const cols = (spec: Array<[string, string]>): Column[] => spec.map(([name, t]) => ({ name, type: sqlTypeToSType(t) }));

const BUILTIN: Record<string, Column[]> = {
  'atomic.events': ATOMIC_EVENTS_COLUMNS.map((f) => ({ name: f.name, type: sqlTypeToSType(f.redshiftType ?? '') })),
  'derived.users': cols([
    ['domain_userid', 'varchar(128)'],
    ['user_id', 'varchar(255)'],
    ['first_seen_date', 'date'],
    ['plan', 'varchar(20)'],
    ['signup_country', 'char(2)'],
    ['is_internal', 'boolean'],
    ['lifetime_value', 'decimal(12,2)'],
  ]),
  'derived.countries': cols([
    ['country_code', 'char(2)'],
    ['country_name', 'varchar(100)'],
    ['continent', 'varchar(20)'],
  ]),
};

export interface Catalog {
  /** Columns of `schema.table`, or null when the table is unknown. */
  columns(qualifiedName: string): Column[] | null;
}

export const defaultCatalog: Catalog = {
  columns: (name) => BUILTIN[name.toLowerCase()] ?? null,
};
