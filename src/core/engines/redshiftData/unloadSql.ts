// UNLOAD to S3 for Redshift Data API results too big to page through GetStatementResult: the
// pure parts (no AWS SDK, no vscode): settings validation, the UNLOAD statement, and when to offer
// it. The execution (Data API + S3 read-back) is in ./unload.ts, inside the engine bundle.
import { randomBytes } from 'node:crypto';
import { EngineError } from '../engine';
import { codeWords } from '../../sql/readOnly';
import { splitOptionsFor } from '../../sql/dialect';
import { scan, splitStatements } from '../../sql/split';

const REDSHIFT = splitOptionsFor('redshift');

/** Checks `s3://bucket/prefix/`. Returns a message for an input box, or undefined when fine. */
export function s3LocationProblem(uri: string): string | undefined {
  const v = uri.trim();
  if (!v) return 'Enter an S3 location such as s3://my-bucket/unload/';
  const m = /^s3:\/\/([^/]+)(\/.*)?$/.exec(v);
  if (!m) return 'The UNLOAD location must be an S3 URI: s3://bucket/prefix/';
  // S3 bucket naming rules: 3-63 chars, lower-case letters, digits, dots and hyphens.
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(m[1]))
    return `"${m[1]}" is not a valid S3 bucket name (3-63 lower-case letters, digits, dots, hyphens)`;
  if (/'/.test(v)) return 'The S3 location must not contain a single quote';
  return undefined;
}

/** Checks an IAM role ARN (`arn:aws:iam::123456789012:role/Name`, also aws-cn / aws-us-gov, and
 * a comma-separated chain of roles as UNLOAD accepts). Returns a message or undefined. */
export function iamRoleProblem(arn: string): string | undefined {
  const v = arn.trim();
  if (!v) return 'Enter the IAM role ARN Redshift assumes to write to S3, e.g. arn:aws:iam::123456789012:role/RedshiftUnload';
  const one = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/;
  if (v.split(',').every((part) => one.test(part))) return undefined;
  return 'Not an IAM role ARN: expected arn:aws:iam::<12-digit account>:role/<name>';
}

/** `s3://bucket/prefix` → `s3://bucket/prefix/` (UNLOAD appends file names to what it is given). */
export function normalizeS3Location(uri: string): string {
  const v = uri.trim();
  return v.endsWith('/') ? v : `${v}/`;
}

/** A per-run folder under the configured location: sortable by time, unique by 8 random bytes. */
export function unloadRunPrefix(location: string, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${normalizeS3Location(location)}data-workbench-${stamp}-${randomBytes(4).toString('hex')}/`;
}

/** The NULL marker: random per run, so no value the query returns can be mistaken for NULL
 * (CSV alone cannot tell NULL from '' and UNLOAD writes both as an empty field by default). */
export function unloadNullMarker(): string {
  return `DW_NULL_${randomBytes(8).toString('hex')}`;
}

/** Significant words at parenthesis depth 0 (strings, identifiers and comments skipped). */
function topLevelWords(sql: string): string[] {
  const words: string[] = [];
  let depth = 0;
  scan(
    sql,
    (kind, start, end) => {
      if (kind !== 'code') return;
      const text = sql.slice(start, end);
      if (text === '(') depth++;
      else if (text === ')') depth = Math.max(0, depth - 1);
      else if (depth === 0 && /^[A-Za-z_]/.test(text)) words.push(text.toLowerCase());
    },
    REDSHIFT,
  );
  return words;
}

/** The one SELECT statement in `sql`; refuses anything UNLOAD cannot take. */
export function unloadableQuery(sql: string): { query: string; ordered: boolean } {
  const statements = splitStatements(sql, REDSHIFT);
  if (statements.length === 0) throw new EngineError('Nothing to UNLOAD: the text holds no SQL statement', { category: 'query' });
  if (statements.length > 1)
    throw new EngineError(`UNLOAD takes one SELECT statement; the text holds ${statements.length} statements`, { category: 'query' });
  const query = statements[0].text;
  const words = topLevelWords(query);
  const first = /^\(*\s*([A-Za-z_]+)/.exec(query)?.[1]?.toLowerCase();
  if (first !== 'select' && first !== 'with') {
    throw new EngineError(
      `Only a SELECT (or WITH … SELECT) can be unloaded to S3; this statement starts with ${first ? first.toUpperCase() : 'something else'}`,
      { category: 'query' },
    );
  }
  if (first === 'with' || words.includes('with')) {
    // A WITH may prefix INSERT/UPDATE/DELETE or hold one in a CTE's parentheses (writable CTEs):
    // only a statement that writes nothing can be unloaded.
    const main = codeWords(query, REDSHIFT).find((w) => ['insert', 'update', 'delete', 'merge'].includes(w));
    if (main)
      throw new EngineError(`Only a SELECT can be unloaded to S3; this WITH statement runs ${main.toUpperCase()}`, { category: 'query' });
  }
  if (words.includes('into')) throw new EngineError('SELECT … INTO creates a table; it cannot be unloaded to S3', { category: 'query' });
  if (words.includes('limit')) {
    throw new EngineError(
      'Redshift does not allow LIMIT in the outer SELECT of an UNLOAD; remove it, or move it into a subquery (SELECT * FROM (… LIMIT n))',
      { category: 'query' },
    );
  }
  const ordered = words.some((w, i) => w === 'order' && words[i + 1] === 'by');
  return { query, ordered };
}

/** Escapes SQL for the quoted ('…') select-statement of UNLOAD. Redshift reads backslashes in
 * string literals as escapes (standard_conforming_strings off), so both `\` and `'` are doubled. */
export function quoteUnloadQuery(query: string): string {
  return `'${query.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

export interface UnloadPlan {
  /** The UNLOAD statement to run (holds the role ARN, no secret). */
  sql: string;
  /** s3://bucket/…/run-folder/ that receives the part files and `manifest`. */
  prefix: string;
  manifestUri: string;
  nullMarker: string;
  /** PARALLEL OFF: one writer, rows in ORDER BY order. */
  serial: boolean;
  /** The SELECT that was wrapped. */
  query: string;
}

export interface UnloadTarget {
  location: string;
  iamRole: string;
  /** Overrides for tests: the run folder and the NULL marker. */
  prefix?: string;
  nullMarker?: string;
}

/** Builds `UNLOAD ('…') TO 's3://…/run/' IAM_ROLE '…' FORMAT AS CSV NULL AS '…' MANIFEST VERBOSE
 * PARALLEL ON|OFF MAXFILESIZE 1 GB`. CSV (quoted only where needed, `""` doubling) is read back
 * with the same parser as Athena results; the random NULL marker keeps NULL apart from ''. */
export function buildUnload(sql: string, target: UnloadTarget): UnloadPlan {
  const locationProblem = s3LocationProblem(target.location);
  if (locationProblem) throw new EngineError(`UNLOAD location: ${locationProblem}`, { category: 'connection' });
  const roleProblem = iamRoleProblem(target.iamRole);
  if (roleProblem) throw new EngineError(`UNLOAD IAM role: ${roleProblem}`, { category: 'connection' });
  const { query, ordered } = unloadableQuery(sql);
  const prefix = target.prefix ?? unloadRunPrefix(target.location);
  const nullMarker = target.nullMarker ?? unloadNullMarker();
  // Ordered results must come back in order: PARALLEL OFF writes serially, sorted by the ORDER BY.
  const parts = [
    `UNLOAD (${quoteUnloadQuery(query)})`,
    `TO '${prefix}'`,
    `IAM_ROLE '${target.iamRole.trim()}'`,
    'FORMAT AS CSV',
    `NULL AS '${nullMarker}'`,
    'MANIFEST VERBOSE',
    ordered ? 'PARALLEL OFF' : 'PARALLEL ON',
    'MAXFILESIZE 1 GB',
  ];
  return { sql: parts.join('\n'), prefix, manifestUri: `${prefix}manifest`, nullMarker, serial: ordered, query };
}

/** The Data API's answer when a result is over its size cap (100 MB in the old docs, 500 MB now). */
export function isResultSizeLimitError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return /response exceeded size limit|result size (limit )?exceeded|exceeds? the (maximum )?(result )?size limit/i.test(message);
}

/** What a Data API run tells us about its result size (DescribeStatement ResultRows/ResultSize;
 * -1 or undefined = unknown). */
export interface ResultSizeFacts {
  rows?: number;
  bytes?: number;
}

export const DEFAULT_UNLOAD_OFFER_ROWS = 100_000;
/** The old documented Data API cap; results this big page slowly even where the cap is higher. */
export const UNLOAD_OFFER_BYTES = 100 * 1024 * 1024;

/** Why UNLOAD should be offered for a finished statement, or undefined. `offerRows` 0 disables. */
export function unloadOfferReason(facts: ResultSizeFacts | undefined, offerRows = DEFAULT_UNLOAD_OFFER_ROWS): string | undefined {
  if (!facts || !(offerRows > 0)) return undefined;
  const rows = facts.rows ?? -1;
  const bytes = facts.bytes ?? -1;
  if (rows >= offerRows) return `${rows.toLocaleString('en-US')} rows (over ${offerRows.toLocaleString('en-US')})`;
  if (bytes >= UNLOAD_OFFER_BYTES) return `${Math.round(bytes / 1024 / 1024)} MB of results`;
  return undefined;
}
