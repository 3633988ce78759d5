// Corpus files for the SQL → DataFrame proof: header parsing and the SELECT part of write statements.
// Shared by the oracle runner (test/oracle/run.ts) and the fast unit test (test/unit/translate-corpus).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Dialect } from '../../src/core/translate/api';

export const ORACLE_TEST_DIR = path.dirname(fileURLToPath(import.meta.url));
export const CORPUS_DIR = path.join(ORACLE_TEST_DIR, 'corpus');
export const HELDOUT_DIR = path.join(ORACLE_TEST_DIR, 'heldout');
/** Queries whose correct translation the oracle misjudges (a reproduced oracle defect); reported, never gating. */
export const ORACLE_LIMITS_DIR = path.join(ORACLE_TEST_DIR, 'oracle-limits');

export type Expectation = 'equivalent' | 'reject' | 'oracle-unsupported';
export type WriteKind = 'create' | 'append';

export interface WriteSpec {
  /** Target table as written in the statement, e.g. `derived.page_views`. */
  table: string;
  kind: WriteKind;
  writeMode: 'saveAsTable' | 'jdbc';
}

export interface CorpusQuery {
  /** File name without `.sql`; the oracle names the candidate `<name>.py`. */
  name: string;
  file: string;
  sql: string;
  dialect: Dialect;
  expect: Expectation;
  /** Why a reject / oracle-unsupported query is marked so. */
  reason?: string;
  model: string;
  /** `-- oracle-defect: …`: why the oracle misjudges this query (oracle-limits set only). */
  oracleDefect?: string;
  write?: WriteSpec;
  /** 1-based line of the first non-header line. */
  bodyLine: number;
  lineCount: number;
}

export class CorpusHeaderError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
  }
}

const DIALECTS: readonly Dialect[] = ['redshift', 'athena', 'postgres'];
const EXPECTS: readonly Expectation[] = ['equivalent', 'reject', 'oracle-unsupported'];
const KNOWN_KEYS = new Set(['dialect', 'expect', 'reason', 'model', 'checks', 'writes', 'write_mode', 'oracle-defect']);

/** Parses the leading `-- key: value` comment block (the same block the oracle's check.py reads). */
export function parseCorpusFile(file: string, sql: string): CorpusQuery {
  const lines = sql.split('\n');
  const meta = new Map<string, { value: string; line: number }>();
  let bodyLine = lines.length + 1;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const m = /^\s*--\s*([a-z_-]+)\s*:\s*(.*?)\s*$/.exec(text);
    if (m) {
      const key = m[1]!.toLowerCase();
      if (!KNOWN_KEYS.has(key)) throw new CorpusHeaderError(file, i + 1, `unknown header key "${key}"`);
      if (meta.has(key)) throw new CorpusHeaderError(file, i + 1, `duplicate header key "${key}"`);
      meta.set(key, { value: m[2]!, line: i + 1 });
      continue;
    }
    if (text.trim() === '' || text.trim().startsWith('--')) continue;
    bodyLine = i + 1;
    break;
  }
  const name = path.basename(file).replace(/\.sql$/, '');
  if (bodyLine > lines.length) throw new CorpusHeaderError(file, lines.length, 'no SQL after the header');

  const dialectRaw = meta.get('dialect')?.value ?? 'redshift';
  if (!DIALECTS.includes(dialectRaw as Dialect)) {
    throw new CorpusHeaderError(file, meta.get('dialect')!.line, `dialect must be one of ${DIALECTS.join('|')}, got "${dialectRaw}"`);
  }
  const expectEntry = meta.get('expect');
  if (!expectEntry) throw new CorpusHeaderError(file, 1, 'missing "-- expect: equivalent|reject|oracle-unsupported"');
  if (!EXPECTS.includes(expectEntry.value as Expectation)) {
    throw new CorpusHeaderError(file, expectEntry.line, `expect must be one of ${EXPECTS.join('|')}, got "${expectEntry.value}"`);
  }
  const expect = expectEntry.value as Expectation;
  const reason = meta.get('reason')?.value;
  if (expect !== 'equivalent' && !reason) {
    throw new CorpusHeaderError(file, expectEntry.line, `"expect: ${expect}" needs a "-- reason: …" line`);
  }
  const model = meta.get('model')?.value;
  if (!model) throw new CorpusHeaderError(file, 1, 'missing "-- model: …" (what the query computes and what matters)');

  let write: WriteSpec | undefined;
  const writes = meta.get('writes');
  if (writes) {
    const m = /^([A-Za-z_][\w.]*)\s+(create|append)$/.exec(writes.value);
    if (!m) throw new CorpusHeaderError(file, writes.line, 'writes must be "<schema.table> create|append"');
    const wm = meta.get('write_mode')?.value ?? 'saveAsTable';
    if (wm !== 'saveAsTable' && wm !== 'jdbc')
      throw new CorpusHeaderError(file, meta.get('write_mode')!.line, 'write_mode must be saveAsTable|jdbc');
    write = { table: m[1]!, kind: m[2] as WriteKind, writeMode: wm };
    // Fails loudly if the statement is not the declared kind of write.
    selectPartOfWrite(file, sql, bodyLine, write);
  } else if (meta.has('write_mode')) {
    throw new CorpusHeaderError(file, meta.get('write_mode')!.line, 'write_mode without writes');
  }
  const oracleDefect = meta.get('oracle-defect')?.value;
  return { name, file, sql, dialect: dialectRaw as Dialect, expect, reason, model, oracleDefect, write, bodyLine, lineCount: lines.length };
}

/**
 * The query a CREATE TABLE … AS / INSERT INTO … SELECT writes. The oracle runs reference SQL in a
 * READ ONLY transaction, so for write statements it judges this SELECT instead; the runner checks
 * the write itself (target table, create vs append) separately.
 */
export function selectPartOfWrite(file: string, sql: string, bodyLine: number, write: WriteSpec): string {
  const body = sql
    .split('\n')
    .slice(bodyLine - 1)
    .join('\n');
  const ident = String.raw`([A-Za-z_"][\w."]*)`;
  const re =
    write.kind === 'create'
      ? new RegExp(String.raw`^\s*CREATE\s+(?:TEMP(?:ORARY)?\s+)?TABLE\s+${ident}[\s\S]*?\bAS\s*(?=\(|SELECT\b|WITH\b)`, 'i')
      : new RegExp(String.raw`^\s*INSERT\s+INTO\s+${ident}\s*(?:\((?!\s*(?:SELECT|WITH)\b)[^)]*\)\s*)?`, 'i');
  const m = re.exec(body);
  if (!m)
    throw new CorpusHeaderError(
      file,
      bodyLine,
      `"writes: … ${write.kind}" but the statement is not ${write.kind === 'create' ? 'CREATE TABLE … AS' : 'INSERT INTO … SELECT'}`,
    );
  if (m[1]!.replace(/"/g, '').toLowerCase() !== write.table.toLowerCase()) {
    throw new CorpusHeaderError(file, bodyLine, `"writes: ${write.table}" but the statement writes ${m[1]}`);
  }
  let rest = body.slice(m[0].length).trim().replace(/;\s*$/, '').trim();
  if (rest.startsWith('(') && matchingParen(rest, 0) === rest.length - 1) rest = rest.slice(1, -1).trim();
  // Keep the header so the oracle sees the same metadata, and the SELECT on its own.
  const header = sql
    .split('\n')
    .slice(0, bodyLine - 1)
    .join('\n');
  return `${header}\n${rest}\n`;
}

/** Index of the parenthesis closing the one at `open`, skipping strings and comments; -1 if none. */
function matchingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === "'") {
      i = s.indexOf("'", i + 1);
      if (i < 0) return -1;
    } else if (c === '-' && s[i + 1] === '-') {
      const nl = s.indexOf('\n', i);
      i = nl < 0 ? s.length : nl;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

export function loadDir(dir: string): CorpusQuery[] {
  if (!existsSync(dir)) return [];
  return (
    readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      // Numeric order of the NN prefix (100_x after 99_y), then by name.
      .sort((a, b) => (parseInt(a.replace(/^\D*/, ''), 10) || 0) - (parseInt(b.replace(/^\D*/, ''), 10) || 0) || a.localeCompare(b))
      .map((f) => {
        const file = path.join(dir, f);
        return parseCorpusFile(file, readFileSync(file, 'utf8'));
      })
  );
}

/** The oracle-limits set: like the corpus, but every file must say which oracle defect it hits. */
export function loadOracleLimits(dir: string = ORACLE_LIMITS_DIR): CorpusQuery[] {
  const queries = loadDir(dir);
  for (const q of queries) {
    if (!q.oracleDefect) throw new CorpusHeaderError(q.file, 1, 'an oracle-limits query needs "-- oracle-defect: <repro / explanation>"');
  }
  return queries;
}
