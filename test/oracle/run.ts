// `npm run test:oracle [-- --only NAME ...] [--keep]`: proves the SQL → PySpark translator against the
// sql2df oracle (../shared/tools/sql2df-oracle), which runs each reference query on PostgreSQL and the
// translated DataFrame code (rendered with Spark semantics) on the same seeded data, and compares.
//
// Corpus (test/oracle/corpus): every query must be EQUIVALENT, or REJECTED where marked
// `-- expect: reject`; anything else fails the run. Held-out set (test/oracle/heldout): same checks,
// reported separately, never fails the run (it measures generalisation). Oracle limits
// (test/oracle/oracle-limits): queries whose translation is right but which the oracle misjudges (each
// names the reproduced oracle defect); run and reported separately, never gating, so a fixed oracle shows up.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  CORPUS_DIR,
  HELDOUT_DIR,
  ORACLE_LIMITS_DIR,
  ORACLE_TEST_DIR,
  loadDir,
  loadOracleLimits,
  selectPartOfWrite,
  type CorpusQuery,
} from './corpus';

const REPO = path.resolve(ORACLE_TEST_DIR, '..', '..');
const ORACLE_DIR = process.env.SQL2DF_ORACLE_DIR ?? path.resolve(REPO, '..', 'shared', 'tools', 'sql2df-oracle');
// Overrides for the runner's own test (test/unit/translate-corpus/runner.test.ts): a fixture corpus and a fake translator.
const CORPUS = process.env.DW_ORACLE_CORPUS_DIR ?? CORPUS_DIR;
const HELDOUT = process.env.DW_ORACLE_HELDOUT_DIR ?? HELDOUT_DIR;
const LIMITS = process.env.DW_ORACLE_LIMITS_DIR ?? ORACLE_LIMITS_DIR;
const TRANSLATOR = process.env.DW_ORACLE_TRANSLATOR ?? path.join(REPO, 'src', 'core', 'translate', 'index.ts');

type OracleVerdict =
  'EQUIVALENT' | 'DIFFERENT' | 'CANDIDATE_ERROR' | 'ORACLE_UNSUPPORTED' | 'MISSING' | 'REJECTED' | 'SHOULD_REJECT' | 'ORACLE_ERROR';

interface OracleRecord {
  name: string;
  verdict: OracleVerdict;
  reason?: string;
}

interface WriteLogEntry {
  op: string;
  table: string | null;
  mode: string | null;
  writes_result: boolean;
}

interface Outcome {
  query: CorpusQuery;
  verdict: string;
  passed: boolean;
  detail: string;
}

interface TranslateModule {
  translate: typeof import('../../src/core/translate/index').translate;
}

function parseArgs(argv: string[]): { only: Set<string>; keep: boolean; determinism: boolean } {
  const only = new Set<string>();
  let keep = false;
  let determinism = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--only' && argv[i + 1]) only.add(argv[++i]!.replace(/\.sql$/, ''));
    else if (a === '--keep') keep = true;
    else if (a === '--determinism') determinism = true;
    else {
      console.error(`usage: run.ts [--only NAME ...] [--keep] [--determinism]   (unknown argument ${a})`);
      process.exit(2);
    }
  }
  return { only, keep, determinism };
}

/** Corpus hygiene (`--determinism`): every reference query gives the same rows on shuffled tables. */
function checkDeterminism(sets: CorpusQuery[][], work: string): number {
  const dirs = sets.map((qs, i) => {
    const dir = path.join(work, `determinism-${i}`);
    mkdirSync(dir, { recursive: true });
    for (const q of qs) {
      const sql = q.write && q.expect !== 'reject' ? selectPartOfWrite(q.file, q.sql, q.bodyLine, q.write) : q.sql;
      writeFileSync(path.join(dir, `${q.name}.sql`), sql);
    }
    return dir;
  });
  const r = spawnSync('/usr/bin/python3', [path.join(ORACLE_TEST_DIR, 'check_determinism.py'), ORACLE_DIR, ...dirs], { stdio: 'inherit' });
  return r.status ?? 1;
}

function pyString(s: string): string {
  // JSON string escapes are valid Python string escapes.
  return JSON.stringify(s);
}

/** Writes NAME.sql (what the oracle evaluates) and NAME.py (the translation) for one query. */
function prepare(t: TranslateModule, q: CorpusQuery, sqlDir: string, pyDir: string, writeLogDir: string): string | undefined {
  const oracleSql = q.write && q.expect !== 'reject' ? selectPartOfWrite(q.file, q.sql, q.bodyLine, q.write) : q.sql;
  writeFileSync(path.join(sqlDir, `${q.name}.sql`), oracleSql);
  let py: string;
  let crash: string | undefined;
  try {
    const r = t.translate(q.sql, { dialect: q.dialect, target: 'pyspark', fileName: q.file, writeMode: q.write?.writeMode });
    if (r.ok) {
      py = r.code;
      if (q.write) {
        const prelude =
          `import sys as _dw_sys; _dw_sys.path.insert(0, ${pyString(ORACLE_TEST_DIR)}); import write_recorder as _dw_wr; ` +
          `_dw_wr.install(globals(), ${pyString(path.join(writeLogDir, `${q.name}.json`))})`;
        py = `${prelude}\n${py}`;
      }
    } else {
      py = `UNSUPPORTED = ${pyString(`${r.reason} (${r.line}:${r.column})`)}\n`;
    }
  } catch (e) {
    crash = e instanceof Error ? (e.stack ?? e.message) : String(e);
    py = `raise RuntimeError(${pyString(`translator crashed: ${crash.split('\n')[0]}`)})\n`;
  }
  writeFileSync(path.join(pyDir, `${q.name}.py`), py);
  return crash;
}

/** Checks the recorded write of a CREATE TABLE AS / INSERT INTO translation; returns a problem or undefined. */
function writeProblem(q: CorpusQuery, writeLogDir: string): string | undefined {
  const w = q.write!;
  const logFile = path.join(writeLogDir, `${q.name}.json`);
  if (!existsSync(logFile)) return 'no write log (the candidate did not run to the end)';
  const log = JSON.parse(readFileSync(logFile, 'utf8')) as WriteLogEntry[];
  if (log.length !== 1) return `expected exactly one write to ${w.table}, the code made ${log.length}`;
  const [e] = log as [WriteLogEntry];
  const table = (e.table ?? '').replace(/[`"]/g, '').toLowerCase();
  if (table !== w.table.toLowerCase()) return `writes ${e.table ?? '(no table)'} instead of ${w.table}`;
  if (!e.writes_result) return 'the DataFrame written is not `result` (the one the oracle judged)';
  const mode = (e.mode ?? '').toLowerCase();
  if (w.kind === 'append' && mode !== 'append')
    return `INSERT INTO must append, the code writes with mode "${e.mode ?? 'default (error if exists)'}" via ${e.op}`;
  if (w.kind === 'create' && (mode === 'append' || mode === 'ignore'))
    return `CREATE TABLE AS must not ${mode} into an existing table (${e.op})`;
  return undefined;
}

function judge(q: CorpusQuery, rec: OracleRecord | undefined, crash: string | undefined, writeLogDir: string): Outcome {
  if (crash) return { query: q, verdict: 'TRANSLATOR_CRASH', passed: false, detail: crash.split('\n')[0]! };
  if (!rec) return { query: q, verdict: 'NO_VERDICT', passed: false, detail: 'the oracle reported nothing for this query' };
  const reason = rec.reason ?? '';
  switch (q.expect) {
    case 'reject':
      return {
        query: q,
        verdict: rec.verdict,
        passed: rec.verdict === 'REJECTED',
        detail:
          rec.verdict === 'REJECTED'
            ? reason
            : rec.verdict === 'SHOULD_REJECT'
              ? `produced code for a query marked reject: ${q.reason}`
              : reason,
      };
    case 'oracle-unsupported':
      return {
        query: q,
        verdict: rec.verdict,
        passed: rec.verdict === 'ORACLE_UNSUPPORTED' || rec.verdict === 'EQUIVALENT',
        detail: reason,
      };
    case 'equivalent': {
      if (rec.verdict === 'REJECTED')
        return { query: q, verdict: 'REJECTED', passed: false, detail: `refused a query that must translate: ${reason}` };
      if (rec.verdict !== 'EQUIVALENT') return { query: q, verdict: rec.verdict, passed: false, detail: reason };
      if (q.write) {
        const problem = writeProblem(q, writeLogDir);
        if (problem) return { query: q, verdict: 'WRITE_MISMATCH', passed: false, detail: problem };
      }
      return { query: q, verdict: 'EQUIVALENT', passed: true, detail: '' };
    }
  }
}

function runSet(t: TranslateModule, label: string, queries: CorpusQuery[], work: string): Outcome[] {
  if (queries.length === 0) return [];
  const sqlDir = path.join(work, label, 'sql');
  const pyDir = path.join(work, label, 'py');
  const writeLogDir = path.join(work, label, 'writes');
  for (const d of [sqlDir, pyDir, writeLogDir]) mkdirSync(d, { recursive: true });
  const crashes = new Map<string, string | undefined>();
  for (const q of queries) crashes.set(q.name, prepare(t, q, sqlDir, pyDir, writeLogDir));
  const report = path.join(work, label, 'report.json');
  const chk = spawnSync(path.join(ORACLE_DIR, 'check'), [sqlDir, pyDir, '--json', report], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (chk.status !== 0 || !existsSync(report)) {
    console.error(chk.stdout, chk.stderr);
    throw new Error(`oracle check failed for the ${label} set (exit ${chk.status})`);
  }
  const records = new Map((JSON.parse(readFileSync(report, 'utf8')) as { records: OracleRecord[] }).records.map((r) => [r.name, r]));
  const outcomes = queries.map((q) => judge(q, records.get(q.name), crashes.get(q.name), writeLogDir));
  const width = Math.max(...queries.map((q) => q.name.length));
  for (const o of outcomes) {
    const detail = o.detail ? `  -- ${o.detail.replace(/\s+/g, ' ').slice(0, 400)}` : '';
    console.log(`${o.passed ? 'ok  ' : 'FAIL'} ${label}/${o.query.name.padEnd(width)}  ${o.verdict}${detail}`);
  }
  return outcomes;
}

function summary(outcomes: Outcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o.verdict, (counts.get(o.verdict) ?? 0) + 1);
  return [...counts]
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

async function main(): Promise<number> {
  const { only, keep, determinism } = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(ORACLE_DIR, 'check'))) {
    const msg = `ORACLE SUITE DID NOT RUN: ../shared/tools/sql2df-oracle not found`;
    const bar = '!'.repeat(msg.length);
    console.log(`${bar}\n${msg}\n(looked in ${ORACLE_DIR}; the translation proof was NOT checked)\n${bar}`);
    console.log(msg);
    return process.env.CI === 'true' ? 1 : 0;
  }
  const setup = spawnSync(path.join(ORACLE_DIR, 'setup'), [], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (setup.status !== 0) {
    console.error(setup.stdout, setup.stderr);
    console.log('oracle: 0 passed, 1 failed (setup failed; no query was judged)');
    return 1;
  }
  const pick = (qs: CorpusQuery[]) => (only.size ? qs.filter((q) => only.has(q.name)) : qs);
  const corpus = pick(loadDir(CORPUS));
  const heldout = pick(loadDir(HELDOUT));
  const limits = pick(loadOracleLimits(LIMITS));
  const work = mkdtempSync(path.join(os.tmpdir(), 'dw-oracle-'));
  if (determinism) {
    try {
      return checkDeterminism([corpus, heldout, limits], work);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  const t = (await import(pathToFileURL(TRANSLATOR).href)) as TranslateModule;
  try {
    const mainOut = runSet(t, 'corpus', corpus, work);
    const held = runSet(t, 'heldout', heldout, work);
    const lim = runSet(t, 'oracle-limits', limits, work);
    const failed = mainOut.filter((o) => !o.passed);
    console.log('');
    if (held.length) console.log(`heldout verdicts: ${summary(held)}`);
    if (lim.length) console.log(`oracle-limits verdicts (known oracle defects, not gating): ${summary(lim)}`);
    if (mainOut.length) console.log(`corpus verdicts: ${summary(mainOut)}`);
    if (failed.length) console.log(`failing corpus queries: ${failed.map((o) => o.query.name).join(', ')}`);
    if (keep) console.log(`kept work dir: ${work}`);
    const nothingSelected = only.size > 0 && mainOut.length + held.length + lim.length === 0;
    if (nothingSelected) console.log(`no corpus, held-out or oracle-limits query is named ${[...only].join(', ')}`);
    if (held.length) console.log(`heldout: ${held.filter((o) => o.passed).length} passed, ${held.filter((o) => !o.passed).length} failed`);
    if (lim.length)
      console.log(`oracle-limits: ${lim.filter((o) => o.passed).length} passed, ${lim.filter((o) => !o.passed).length} failed`);
    console.log(`oracle: ${mainOut.length - failed.length} passed, ${failed.length} failed`);
    return failed.length || nothingSelected ? 1 : 0;
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    console.log('oracle: 0 passed, 1 failed (runner error, see above)');
    process.exit(1);
  },
);
