// Fast checks of the translation-proof corpus (no database): every file has a valid header, the
// translator answers every file without throwing, and it refuses every `expect: reject` file with a
// reason and a position that points into the SQL (not into the header comments).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';

import {
  CORPUS_DIR,
  CorpusHeaderError,
  HELDOUT_DIR,
  ORACLE_LIMITS_DIR,
  loadDir,
  loadOracleLimits,
  parseCorpusFile,
  selectPartOfWrite,
  type CorpusQuery,
} from '../../oracle/corpus';
import { translate } from '../../../src/core/translate/index';

const corpus = loadDir(CORPUS_DIR);
const heldout = loadDir(HELDOUT_DIR);
const limits = loadOracleLimits();

describe('translation corpus headers', () => {
  test('the corpus has at least 70 queries, 8 of them marked reject, and the held-out set at least 15', () => {
    assert.ok(corpus.length >= 70, `corpus has ${corpus.length} files`);
    assert.ok(corpus.filter((q) => q.expect === 'reject').length >= 8);
    assert.ok(heldout.length >= 15, `held-out set has ${heldout.length} files`);
  });

  test('every .sql file is loaded and names are NN_snake_case (NN: 2-3 digits) and unique across all sets', () => {
    const onDisk = [CORPUS_DIR, HELDOUT_DIR, ORACLE_LIMITS_DIR].flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.sql')));
    const names = [...corpus, ...heldout, ...limits].map((q) => q.name);
    assert.equal(names.length, onDisk.length);
    assert.equal(new Set(names).size, names.length);
    for (const q of corpus) assert.match(q.name, /^\d{2,3}_[a-z0-9_]+$/, q.file);
    for (const q of heldout) assert.match(q.name, /^h\d{2}_[a-z0-9_]+$/, q.file);
    for (const q of limits) assert.match(q.name, /^\d{2,3}_[a-z0-9_]+$/, q.file);
  });

  test('oracle-limits queries must translate (expect: equivalent) and name the oracle defect; the corpus names none', () => {
    for (const q of limits) {
      assert.equal(q.expect, 'equivalent', q.file);
      assert.ok((q.oracleDefect ?? '').length > 20, `${q.file}: oracle-defect line too short to be a repro`);
      const r = translate(q.sql, { dialect: q.dialect, target: 'pyspark', fileName: q.file });
      assert.ok(r.ok, `${q.file}: the translator refuses a query kept as an oracle limit`);
    }
    for (const q of [...corpus, ...heldout])
      assert.equal(q.oracleDefect, undefined, `${q.file}: an oracle-defect query belongs in oracle-limits/`);
    assert.throws(
      () => loadOracleLimits(CORPUS_DIR),
      (e: unknown) => e instanceof CorpusHeaderError && /oracle-defect/.test(e.message),
    );
  });

  test('every query covers one of the three dialects and the corpus uses all of them', () => {
    for (const d of ['redshift', 'athena', 'postgres'] as const) {
      assert.ok(
        corpus.some((q) => q.dialect === d && q.expect === 'equivalent'),
        `no equivalent ${d} query`,
      );
    }
  });

  test('write queries reduce to a SELECT the oracle can run', () => {
    const writes = corpus.filter((q) => q.write);
    assert.ok(writes.some((q) => q.write!.kind === 'create') && writes.some((q) => q.write!.kind === 'append'));
    for (const q of writes) {
      const select = selectPartOfWrite(q.file, q.sql, q.bodyLine, q.write!)
        .split('\n')
        .slice(q.bodyLine - 1)
        .join('\n');
      assert.match(select.replace(/^\s*--.*$/gm, ''), /^\s*(SELECT|WITH)\b/i, q.file);
      assert.doesNotMatch(select, /\b(CREATE\s+TABLE|INSERT\s+INTO|DISTKEY|SORTKEY)\b/i, q.file);
      assert.doesNotMatch(select.trim(), /;$/, q.file);
    }
  });

  test('bad headers are reported with file and line', () => {
    const bad = (sql: string) => () => parseCorpusFile('x.sql', sql);
    assert.throws(
      bad('-- expect: reject\n-- model: m\nSELECT 1'),
      (e: unknown) => e instanceof CorpusHeaderError && /reason/.test(e.message),
    );
    assert.throws(bad('-- expect: maybe\n-- model: m\nSELECT 1'), (e: unknown) => e instanceof CorpusHeaderError && e.line === 1);
    assert.throws(bad('-- dialect: mysql\n-- expect: equivalent\n-- model: m\nSELECT 1'), /x\.sql:1: dialect/);
    assert.throws(bad('-- expect: equivalent\nSELECT 1'), /model/);
    assert.throws(bad('-- expect: equivalent\n-- model: m\n-- writes: a.b create\nSELECT 1'), /not CREATE TABLE/);
    assert.throws(bad('-- expect: equivalent\n-- model: m\n-- writes: a.b append\nINSERT INTO a.c SELECT 1'), /writes a\.c/);
    assert.throws(bad('-- expect: equivalent\n-- model: m\n-- colour: red\nSELECT 1'), /unknown header key/);
  });

  test('the SELECT part keeps a parenthesised body and an INSERT column list out', () => {
    const q = parseCorpusFile(
      'w.sql',
      '-- expect: equivalent\n-- model: m\n-- writes: s.t append\nINSERT INTO s.t (a, b) (SELECT x, (1) FROM y);\n',
    );
    const select = selectPartOfWrite(q.file, q.sql, q.bodyLine, q.write!);
    assert.equal(select.split('\n').slice(3).join('\n').trim(), 'SELECT x, (1) FROM y');
  });
});

function positionProblem(q: CorpusQuery, line: number, column: number): string | undefined {
  const lines = q.sql.split('\n');
  if (!Number.isInteger(line) || !Number.isInteger(column) || line < 1 || line > lines.length)
    return `line ${line} is outside the file (1..${lines.length})`;
  const text = lines[line - 1]!;
  if (column < 1 || column > text.length + 1) return `column ${column} is outside line ${line} (length ${text.length})`;
  if (line < q.bodyLine) return `${line}:${column} points into the header comments, not at the SQL (which starts on line ${q.bodyLine})`;
  return undefined;
}

describe('translator on the corpus', () => {
  for (const q of corpus.filter((c) => c.expect === 'reject')) {
    test(`refuses ${q.name} with a reason and a position in the SQL`, () => {
      const r = translate(q.sql, { dialect: q.dialect, target: 'pyspark', fileName: q.file });
      assert.equal(r.ok, false, `produced code for a query that must be refused (${q.reason})`);
      if (r.ok) return;
      assert.ok(r.reason.trim().length > 0, 'empty refusal reason');
      const problem = positionProblem(q, r.line, r.column);
      assert.equal(problem, undefined, problem);
    });
  }

  test('answers every query (all sets, both targets) without throwing, and ok PySpark code defines result', () => {
    for (const q of [...corpus, ...heldout, ...limits]) {
      for (const target of ['pyspark', 'scala'] as const) {
        const r = translate(q.sql, { dialect: q.dialect, target, fileName: q.file, writeMode: q.write?.writeMode });
        if (r.ok) {
          if (target === 'pyspark') assert.match(r.code, /^result\b/m, `${q.name}: PySpark code defines no \`result\``);
        } else {
          assert.ok(r.reason.trim().length > 0, `${q.name}: empty refusal reason`);
          const problem = positionProblem(q, r.line, r.column);
          assert.ok(!problem?.includes('outside'), `${q.name}: ${problem}`);
        }
      }
    }
  });
});
