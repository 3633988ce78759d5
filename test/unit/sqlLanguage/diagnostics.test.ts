// Diagnostics: zero false alarms on every SQL text the project ships or tests with (examples,
// snippets, the translator's corpus and fixtures, dialect-only syntax), and the right position
// for statements every engine rejects.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { sqlProblems } from '../../../src/core/sql/language/diagnostics';
import { dialectOverride, SQL_DIALECTS, type SqlDialect } from '../../../src/core/sql/language/dialect';
import { translate } from '../../../src/core/translate/index';

const ROOT = path.resolve(__dirname, '../../..');
const read = (p: string): string => readFileSync(path.join(ROOT, p), 'utf8');
const split = (d: SqlDialect): { backslashEscapes: boolean } => ({ backslashEscapes: d === 'redshift' });

function assertClean(name: string, sql: string, dialect: SqlDialect): void {
  const problems = sqlProblems(sql, dialect, split(dialect));
  assert.deepEqual(
    problems.map((p) => `${p.message} at ${JSON.stringify(sql.slice(p.start, p.start + 30))}`),
    [],
    `${name} (${dialect})`,
  );
}

/** Snippet bodies with their placeholders filled by the defaults, as a user accepting them gets. */
function snippetSql(): { name: string; sql: string }[] {
  const snippets = JSON.parse(read('snippets/sql.json')) as Record<string, { body: string[] | string }>;
  return Object.entries(snippets).map(([name, s]) => ({
    name,
    sql: (Array.isArray(s.body) ? s.body.join('\n') : s.body)
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|}]*)[^}]*\}/g, '$1')
      .replace(/\$\d+/g, ''),
  }));
}

/** SQL given to the translator in its unit tests (ok(…) and refused(…) calls). */
function translatorFixtures(): { name: string; sql: string; dialect: SqlDialect; refused: boolean }[] {
  const out: { name: string; sql: string; dialect: SqlDialect; refused: boolean }[] = [];
  for (const dir of ['test/unit/translate', 'test/unit/translate-corpus']) {
    for (const f of readdirSync(path.join(ROOT, dir)).filter((x) => x.endsWith('.ts'))) {
      const src = read(`${dir}/${f}`);
      const re = /\b(ok|refused)\(\s*(?:'((?:[^'\\\n]|\\.)*)'|`([^`$]*)`)\s*(?:,\s*'(redshift|athena|postgres)')?/g;
      for (const m of src.matchAll(re)) {
        const raw = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
        out.push({
          name: `${f}: ${raw.slice(0, 40)}`,
          sql: raw,
          dialect: (m[4] as SqlDialect | undefined) ?? 'redshift',
          refused: m[1] === 'refused',
        });
      }
    }
  }
  return out;
}

describe('no false alarms', () => {
  test('examples/*.sql in every dialect', () => {
    const files = readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.sql'));
    assert.ok(files.length >= 5);
    for (const f of files) for (const d of SQL_DIALECTS) assertClean(f, read(`examples/${f}`), d);
  });
  test('snippets/sql.json bodies in every dialect', () => {
    const snippets = snippetSql();
    assert.ok(snippets.length >= 3);
    for (const s of snippets) for (const d of SQL_DIALECTS) assertClean(s.name, s.sql, d);
  });
  test('the translator corpus (test/oracle/corpus) in its own dialect', () => {
    const files = readdirSync(path.join(ROOT, 'test/oracle/corpus')).filter((f) => f.endsWith('.sql'));
    assert.ok(files.length >= 100);
    for (const f of files) {
      const sql = read(`test/oracle/corpus/${f}`);
      assertClean(f, sql, dialectOverride(sql) ?? 'redshift');
    }
  });
  test('the translator unit fixtures', () => {
    const fixtures = translatorFixtures();
    assert.ok(fixtures.length >= 40, `found ${fixtures.length}`);
    for (const f of fixtures) {
      // A statement the translator refuses may be broken on purpose: we may flag it only when
      // the translator's own parser calls it a syntax error too.
      if (f.refused && sqlProblems(f.sql, f.dialect, split(f.dialect)).length) {
        const r = translate(f.sql, { dialect: f.dialect === 'duckdb' ? 'redshift' : f.dialect, target: 'pyspark' });
        assert.ok(
          !r.ok && /expected|unexpected|end of/i.test(r.reason),
          `${f.name}: flagged, but the translator says ${r.ok ? 'ok' : r.reason}`,
        );
      } else assertClean(f.name, f.sql, f.dialect);
    }
  });
  for (const d of SQL_DIALECTS) {
    test(`${d}-only syntax (fixtures/${d}.sql)`, () => {
      const sql = read(`test/unit/sqlLanguage/fixtures/${d}.sql`);
      assert.equal(dialectOverride(sql), d);
      assertClean(`${d}.sql`, sql, d);
    });
  }
});

describe('broken statements are flagged where they break', () => {
  // `^` marks where the problem must start; the SQL is the text with `^` removed.
  const cases: [string, string, RegExp, SqlDialect?][] = [
    ['unclosed parenthesis', 'SELECT count^(event_id FROM atomic.events', /Unclosed `\(`/],
    ['stray parenthesis', 'SELECT event_id^) FROM atomic.events', /Unmatched `\)`/],
    ['unterminated string', "SELECT * FROM atomic.events WHERE app_id = ^'shop", /Unterminated string/],
    ['unterminated quoted identifier', 'SELECT ^"event_id FROM atomic.events', /Unterminated quoted identifier/],
    ['unterminated block comment', 'SELECT 1 ^/* never closed', /Unterminated comment/],
    ['statement ends after WHERE', 'SELECT event_id FROM atomic.events ^WHERE', /something must follow WHERE/],
    ['statement ends after AND', 'SELECT 1 FROM t WHERE a = 1 ^AND', /follow AND/],
    ['statement ends on an operator', 'SELECT a FROM t WHERE a ^=', /follow `=`/],
    ['statement ends on a comma', 'SELECT a^,', /follow `,`/],
    ['statement ends after a dot', 'SELECT e^. ', /follow `\.`/],
    ['empty WHERE before GROUP BY', 'SELECT a FROM t WHERE ^GROUP BY a', /WHERE needs a condition before GROUP/],
    ['no table after FROM', 'SELECT a FROM ^WHERE a = 1', /FROM needs a table before WHERE/],
    ['trailing comma before FROM (Redshift)', 'SELECT a^, FROM t', /Trailing comma before FROM/],
    ['trailing comma in a call (Athena)', 'SELECT coalesce(a, b^,) FROM t', /Trailing comma before `\)`/, 'athena'],
    ['two commas', 'SELECT a,^, b FROM t', /Two commas/],
    ['second statement, right offset', 'SELECT 1;\nSELECT (2;\nSELECT 3', /Unclosed/],
  ];
  for (const [name, marked, message, dialect = 'redshift'] of cases) {
    test(name, () => {
      const at = marked.includes('^') ? marked.indexOf('^') : marked.indexOf('(', 10);
      const sql = marked.replace('^', '');
      const problems = sqlProblems(sql, dialect, split(dialect));
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.match(problems[0].message, message);
      assert.equal(problems[0].start, at, `starts at ${problems[0].start}, expected ${at}: ${problems[0].message}`);
    });
  }
  test('DuckDB accepts trailing commas', () => {
    assert.deepEqual(sqlProblems('SELECT a, b, FROM t', 'duckdb'), []);
    assert.equal(sqlProblems('SELECT a, b, FROM t', 'postgres').length, 1);
  });
  test('fixing the statement clears the problem', () => {
    assert.equal(sqlProblems('SELECT count(event_id FROM atomic.events', 'duckdb').length, 1);
    assert.deepEqual(sqlProblems('SELECT count(event_id) FROM atomic.events', 'duckdb'), []);
  });
});
