// Keywords and functions per dialect. Names come from monaco-sql-languages' PostgreSQL and Trino
// language definitions (plain data, loaded on first use), plus what each engine adds; signatures
// are ours, for the functions people call most in analytics SQL.
import type { SqlDialect } from './dialect';

export interface FunctionSignature {
  name: string;
  params: string[];
  returns: string;
  doc: string;
}

export interface Vocabulary {
  keywords: string[];
  functions: string[];
  signatures: Map<string, FunctionSignature[]>;
}

const EXTRA_KEYWORDS: Record<SqlDialect, string[]> = {
  duckdb: [
    'QUALIFY',
    'PIVOT',
    'UNPIVOT',
    'EXCLUDE',
    'REPLACE',
    'ASOF',
    'POSITIONAL',
    'DESCRIBE',
    'SUMMARIZE',
    'ATTACH',
    'DETACH',
    'COPY',
    'INSTALL',
    'LOAD',
    'PRAGMA',
    'SAMPLE',
    'FILTER',
  ],
  postgres: ['FILTER', 'LATERAL', 'RETURNING', 'MATERIALIZED', 'ILIKE'],
  redshift: [
    'DISTKEY',
    'SORTKEY',
    'DISTSTYLE',
    'ENCODE',
    'INTERLEAVED',
    'COMPOUND',
    'UNLOAD',
    'COPY',
    'IAM_ROLE',
    'CREDENTIALS',
    'MANIFEST',
    'PARALLEL',
    'MAXFILESIZE',
    'FORMAT',
    'PARQUET',
    'QUALIFY',
    'ILIKE',
    'TOP',
    'BACKUP',
  ],
  athena: [
    'UNNEST',
    'CROSS',
    'TABLESAMPLE',
    'BERNOULLI',
    'SYSTEM',
    'ROW',
    'ARRAY',
    'MAP',
    'LAMBDA',
    'TRY',
    'UNLOAD',
    'PARTITIONED',
    'EXTERNAL',
    'LOCATION',
    'TBLPROPERTIES',
  ],
};

type Sig = [name: string, params: string, returns: string, doc: string, dialects?: SqlDialect[]];
// Dialects omitted = all four.
const SIGNATURES: Sig[] = [
  ['COUNT', 'expression | *', 'bigint', 'Number of rows, or of non-NULL values of expression.'],
  ['SUM', 'expression', 'numeric', 'Sum of the non-NULL values.'],
  ['AVG', 'expression', 'numeric', 'Average of the non-NULL values.'],
  ['MIN', 'expression', 'same as input', 'Smallest non-NULL value.'],
  ['MAX', 'expression', 'same as input', 'Largest non-NULL value.'],
  ['COALESCE', 'value, value, …', 'first non-NULL', 'The first argument that is not NULL.'],
  ['NULLIF', 'value1, value2', 'same as value1', 'NULL when value1 = value2, else value1.'],
  ['CAST', 'expression AS type', 'type', 'Converts expression to type.'],
  ['ROUND', 'number, decimals', 'numeric', 'Rounds to decimals places.'],
  ['ABS', 'number', 'numeric', 'Absolute value.'],
  ['LOWER', 'string', 'varchar', 'Lower-case string.'],
  ['UPPER', 'string', 'varchar', 'Upper-case string.'],
  ['LENGTH', 'string', 'integer', 'Number of characters.'],
  ['TRIM', 'string', 'varchar', 'Removes leading and trailing spaces.'],
  ['SUBSTRING', 'string, start, length', 'varchar', 'Part of string (1-based start).'],
  ['REPLACE', 'string, from, to', 'varchar', 'Replaces every occurrence of from by to.'],
  ['CONCAT', 'string, string, …', 'varchar', 'Concatenates the arguments.'],
  [
    'SPLIT_PART',
    'string, delimiter, part',
    'varchar',
    'The part-th field (1-based) of string split on delimiter.',
    ['duckdb', 'postgres', 'redshift', 'athena'],
  ],
  ['ROW_NUMBER', '', 'bigint', 'Number of the row in its window partition, from 1. Needs OVER (…).'],
  ['RANK', '', 'bigint', 'Rank with gaps in its window partition. Needs OVER (…).'],
  ['DENSE_RANK', '', 'bigint', 'Rank without gaps in its window partition. Needs OVER (…).'],
  ['LAG', 'expression, offset, default', 'same as expression', 'Value offset rows before the current row in the window.'],
  ['LEAD', 'expression, offset, default', 'same as expression', 'Value offset rows after the current row in the window.'],
  ['FIRST_VALUE', 'expression', 'same as expression', 'Value at the first row of the window frame.'],
  ['LAST_VALUE', 'expression', 'same as expression', 'Value at the last row of the window frame.'],
  ['DATE_TRUNC', "'unit', timestamp", 'timestamp', "Truncates timestamp to unit ('day', 'hour', 'month', …)."],
  ['EXTRACT', 'field FROM timestamp', 'numeric', 'A field (YEAR, MONTH, DAY, HOUR, EPOCH, …) of a timestamp.'],
  ['DATEADD', 'datepart, interval, timestamp', 'timestamp', 'Adds interval dateparts to timestamp.', ['redshift']],
  ['DATEDIFF', 'datepart, start, end', 'bigint', 'Number of datepart boundaries crossed from start to end.', ['redshift']],
  ['GETDATE', '', 'timestamp', 'Start time of the current statement.', ['redshift']],
  ['SYSDATE', '', 'timestamp', 'Start time of the current transaction.', ['redshift']],
  ['NVL', 'value, default', 'same as value', 'default when value is NULL.', ['redshift']],
  ['LISTAGG', 'expression, delimiter', 'varchar', 'Concatenates values; WITHIN GROUP (ORDER BY …) orders them.', ['redshift']],
  ['CONVERT_TIMEZONE', "'source', 'target', timestamp", 'timestamp', 'Converts timestamp between time zones.', ['redshift']],
  ['JSON_EXTRACT_PATH_TEXT', "json_string, 'key', …", 'varchar', 'Text value at a path in a JSON string.', ['redshift']],
  ['APPROXIMATE COUNT', 'DISTINCT expression', 'bigint', 'HyperLogLog estimate of distinct values.', ['redshift']],
  ['DATE_DIFF', "'unit', start, end", 'bigint', 'Elapsed units between two timestamps.', ['athena', 'duckdb']],
  ['DATE_ADD', "'unit', value, timestamp", 'timestamp', 'Adds value units to timestamp.', ['athena']],
  ['DATE_FORMAT', 'timestamp, format', 'varchar', 'Formats with MySQL-style %-codes.', ['athena']],
  ['DATE_PARSE', 'string, format', 'timestamp', 'Parses with MySQL-style %-codes.', ['athena']],
  ['FROM_UNIXTIME', 'unixtime', 'timestamp', 'Timestamp of seconds since the epoch.', ['athena']],
  ['APPROX_DISTINCT', 'expression', 'bigint', 'Approximate number of distinct values.', ['athena']],
  ['APPROX_PERCENTILE', 'expression, percentage', 'same as expression', 'Approximate percentile.', ['athena']],
  ['ARBITRARY', 'expression', 'same as expression', 'Any one non-NULL value.', ['athena']],
  ['TRANSFORM', 'array, x -> expression', 'array', 'Applies the lambda to every element.', ['athena']],
  ['FILTER', 'array, x -> boolean', 'array', 'Elements for which the lambda is true.', ['athena']],
  ['CARDINALITY', 'array | map', 'bigint', 'Number of elements.', ['athena']],
  ['ELEMENT_AT', 'array | map, index | key', 'element', 'Element at a 1-based index or key; NULL when missing.', ['athena']],
  ['TRY_CAST', 'expression AS type', 'type', 'CAST that returns NULL on failure.', ['athena', 'duckdb']],
  ['STRFTIME', 'timestamp, format', 'varchar', 'Formats a timestamp with %-codes.', ['duckdb']],
  ['STRPTIME', 'string, format', 'timestamp', 'Parses a timestamp with %-codes.', ['duckdb']],
  ['EPOCH_MS', 'ms', 'timestamp', 'Timestamp of milliseconds since the epoch.', ['duckdb']],
  ['LIST', 'expression', 'list', 'Aggregates values into a list.', ['duckdb']],
  ['STRING_AGG', 'expression, delimiter', 'varchar', 'Concatenates values with delimiter.', ['duckdb', 'postgres']],
  ['READ_CSV', "'path', options…", 'table', 'Reads a CSV file as a table.', ['duckdb']],
  ['READ_PARQUET', "'path'", 'table', 'Reads Parquet files as a table.', ['duckdb']],
  ['TO_CHAR', 'value, format', 'varchar', 'Formats a date, timestamp or number.', ['postgres', 'redshift']],
  ['TO_TIMESTAMP', 'string, format', 'timestamp', 'Parses a timestamp.', ['postgres', 'redshift', 'duckdb']],
  ['GENERATE_SERIES', 'start, stop, step', 'setof', 'A series of values.', ['postgres', 'duckdb']],
  ['NOW', '', 'timestamp with time zone', 'Start time of the current transaction.', ['postgres', 'duckdb', 'athena']],
];

const cache = new Map<SqlDialect, Promise<Vocabulary>>();

export function vocabulary(dialect: SqlDialect): Promise<Vocabulary> {
  let v = cache.get(dialect);
  if (!v) {
    v = load(dialect);
    cache.set(dialect, v);
  }
  return v;
}

async function load(dialect: SqlDialect): Promise<Vocabulary> {
  const lang =
    dialect === 'athena'
      ? (await import('monaco-sql-languages/esm/languages/trino/trino.js')).language
      : (await import('monaco-sql-languages/esm/languages/pgsql/pgsql.js')).language;
  const defs = lang as { keywords: string[]; builtinFunctions?: string[] };
  const signatures = new Map<string, FunctionSignature[]>();
  for (const [name, params, returns, doc, dialects] of SIGNATURES) {
    if (dialects && !dialects.includes(dialect)) continue;
    const list = signatures.get(name) ?? [];
    list.push({ name, params: params === '' ? [] : params.split(/,\s*(?![^(]*\))/), returns, doc });
    signatures.set(name, list);
  }
  const keywords = [...new Set([...defs.keywords.map((k) => k.toUpperCase()), ...EXTRA_KEYWORDS[dialect]])].sort();
  const functions = [
    ...new Set([...(defs.builtinFunctions ?? []).map((f) => f.toUpperCase()), ...[...signatures.keys()].filter((n) => !n.includes(' '))]),
  ].sort();
  return { keywords, functions, signatures };
}
