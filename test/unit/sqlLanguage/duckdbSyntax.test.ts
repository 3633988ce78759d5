// DuckDB's own parser as the DuckDB dialect's syntax check: silent on everything the project
// ships for the local engine, and precise on typos the conservative checks cannot see.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sqlProblems } from '../../../src/core/sql/language/diagnostics';
import { duckdbProblems, DuckDbSyntaxChecker } from '../../../src/core/sql/language/duckdbSyntax';

const ROOT = path.resolve(__dirname, '../../..');
let checker: DuckDbSyntaxChecker;
before(async () => {
  checker = await DuckDbSyntaxChecker.open();
});
after(() => checker?.dispose());

const problems = (text: string) => duckdbProblems(text, checker, () => false);

test('no false alarms on examples/ and the DuckDB fixture', async () => {
  const files = [
    ...readdirSync(path.join(ROOT, 'examples'))
      .filter((f) => f.endsWith('.sql'))
      .map((f) => `examples/${f}`),
    'test/unit/sqlLanguage/fixtures/duckdb.sql',
  ];
  for (const f of files) assert.deepEqual(await problems(readFileSync(path.join(ROOT, f), 'utf8')), [], f);
});

test('no false alarms on the SQL snippets as inserted with their defaults', async () => {
  const snippets = JSON.parse(readFileSync(path.join(ROOT, 'snippets/sql.json'), 'utf8')) as Record<string, { body: string[] | string }>;
  for (const [name, s] of Object.entries(snippets)) {
    const sql = (Array.isArray(s.body) ? s.body.join('\n') : s.body)
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|}]*)[^}]*\}/g, '$1')
      .replace(/\$\d+/g, '');
    assert.deepEqual(await problems(sql), [], name);
  }
});

test('a misspelled keyword is flagged where DuckDB stops, with its message', async () => {
  const text = 'SELECT 1;\nSELECT event_id FORM atomic.events e;\n';
  const [p, ...rest] = await problems(text);
  assert.equal(rest.length, 0);
  // DuckDB reads FORM as an alias of event_id and stops at the next word.
  assert.equal(text.slice(p.start, p.end), 'atomic');
  assert.match(p.message, /^DuckDB: Syntax error at or near "atomic"/);
});

test('positions are editor offsets with accents and astral characters before the error', async () => {
  for (const text of ["SELECT 'héllo wörld' AS t FRM x", "SELECT '😀😀' AS t FRM x", "SELECT 'ab' AS t FRM x"]) {
    const [p] = await problems(text);
    assert.equal(text.slice(p.start, p.end), 'FRM', text);
  }
});

test('an incomplete statement is marked on its last character', async () => {
  const text = 'SELECT * FROM atomic.events WHERE';
  const [p] = await problems(text);
  assert.equal(p.end, text.length);
  assert.match(p.message, /end of input/);
});

test("unknown tables and functions are not syntax errors (binding is the engine run's job)", async () => {
  assert.deepEqual(await problems('SELECT no_such_fn(x) FROM no_such_schema.t'), []);
});

test('statements the conservative checks flagged are skipped', async () => {
  const text = 'SELECT count(x FROM t';
  const own = sqlProblems(text, 'duckdb');
  assert.equal(own.length, 1);
  assert.deepEqual(await duckdbProblems(text, checker, (s, e) => own.some((p) => p.start >= s && p.start <= e)), []);
});
