// Generated code that is valid Spark whatever the SQL names: variables never take a keyword or a name the
// code uses itself, window calls sit inside casts/rounding/coalesce, system tables and NOT IN (subquery)
// outside WHERE … AND are refused with their reason and position.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { translate, type Target } from '../../../src/core/translate/index';
import { PYTHON, pythonShapes, scalaProblems } from './codecheck';
import { ok, refused } from './helpers';

const NAMES = [
  'while',
  'try',
  'class',
  'lambda',
  'match',
  'new',
  'type',
  'val',
  'w1',
  'w2',
  'F',
  'result',
  'spark',
  'Window',
  'os',
  'Decimal',
  'sum',
  'col',
  'lit',
  'when',
  'row_number',
  'count',
  'sys',
  'import',
  'None',
  'yield',
  'object',
  'def',
];

/** One CTE per name, each reading the previous one, with a window (w1) and an aggregate, and a CTAS before it. */
function chainSql(): string {
  const ctes = NAMES.map((n, i) => `"${n}" AS (SELECT event_id, domain_sessionidx FROM ${i ? `"${NAMES[i - 1]}"` : 'atomic.events'})`);
  return `CREATE TABLE "class" AS SELECT event_id FROM atomic.events;\nWITH ${ctes.join(',\n')}\nSELECT event_id, ROW_NUMBER() OVER (ORDER BY event_id) AS rn, SUM(domain_sessionidx) OVER (PARTITION BY event_id) AS s FROM "${NAMES.at(-1)}"`;
}

describe('generated variable names', () => {
  test(
    "PySpark: CTEs named after keywords or the code's own names compile, and every variable is bound once",
    { skip: !existsSync(PYTHON) && 'no python3' },
    () => {
      const code = ok(chainSql());
      const [shape] = pythonShapes([{ name: 'chain', code }]);
      assert.equal(shape!.error, undefined, code);
      assert.equal(new Set(shape!.assigned).size, shape!.assigned.length, `a name is bound twice:\n${code}`);
      for (const own of ['F', 'Window', 'spark', 'os', 'Decimal']) assert.ok(!shape!.assigned.includes(own), `${own} rebound:\n${code}`);
      // The last statement binds result, once; it reads the DataFrame of the last CTE.
      assert.equal(shape!.assigned.filter((n) => n === 'result').length, 1, code);
      assert.equal(shape!.statements.filter((s) => s === 'write').length, 1);
    },
  );

  test('Scala: no val is a keyword, a function the code calls or a window spec, and none is defined twice', () => {
    const code = ok(chainSql(), 'redshift', 'scala');
    assert.deepEqual(scalaProblems(code), [], code);
    const vals = [...code.matchAll(/^val ([A-Za-z0-9_]+) =/gm)].map((m) => m[1]!);
    // Functions the code calls (imported unqualified from functions._) and the names it uses itself.
    for (const fnName of ['sum', 'col', 'row_number', 'spark', 'Window', 'sys', 'lit', 'when'])
      assert.ok(!vals.includes(fnName), `val ${fnName}:\n${code}`);
    assert.match(code, /row_number\(\)\.over\(w1\)/);
    assert.match(code, /^val w1 = Window/m);
  });
});

describe('window aggregates with a result wrapper', () => {
  const cases: Array<{ sql: string; py: RegExp; scala: RegExp }> = [
    // Redshift's AVG of integers is an integer: the cast applies to the windowed average.
    {
      sql: 'SELECT AVG(domain_sessionidx) OVER (PARTITION BY domain_userid) AS a FROM atomic.events',
      py: /F\.avg\("domain_sessionidx"\)\.over\(w1\)\.cast\("long"\)/,
      scala: /avg\(col\("domain_sessionidx"\)\)\.over\(w1\)\.cast\("long"\)/,
    },
    {
      sql: 'SELECT ROUND(AVG(tr_total) OVER (PARTITION BY domain_userid), 2) AS a FROM atomic.events',
      py: /F\.round\(F\.avg\("tr_total"\)\.over\(w1\), 2\)/,
      scala: /round\(avg\(col\("tr_total"\)\)\.over\(w1\), 2\)/,
    },
    {
      sql: "SELECT COUNT(*) FILTER (WHERE event = 'page_view') OVER (PARTITION BY domain_userid) AS n FROM atomic.events",
      py: /F\.count\(F\.when\(.*\)\)\.over\(w1\)/,
      scala: /count\(when\(.*\)\)\.over\(w1\)/,
    },
  ];
  for (const [i, c] of cases.entries()) {
    test(`case ${i + 1}: .over() wraps the aggregate call, wrappers apply to the windowed value (both targets)`, () => {
      const py = ok(c.sql);
      assert.match(py, c.py, py);
      assert.doesNotMatch(py, /\)\.cast\([^)]*\)\.over\(/, py);
      const sc = ok(c.sql, 'redshift', 'scala');
      assert.match(sc, c.scala, sc);
      assert.doesNotMatch(sc, /\)\.cast\([^)]*\)\.over\(/, sc);
    });
  }

  test(
    'every .over() in the PySpark output is called on an aggregate or window function',
    { skip: !existsSync(PYTHON) && 'no python3' },
    () => {
      const programs = cases.map((c, i) => ({ name: `w${i}`, code: ok(c.sql) }));
      programs.push({
        name: 'mixed',
        code: ok(
          'SELECT COALESCE(SUM(tr_total) OVER (PARTITION BY domain_userid), 0) AS s, AVG(domain_sessionidx) OVER () + 1 AS a, CAST(MAX(domain_sessionidx) OVER (ORDER BY event_id) AS varchar) AS m FROM atomic.events',
        ),
      });
      const allowed = new Set([
        'avg',
        'sum',
        'count',
        'max',
        'min',
        'row_number',
        'rank',
        'dense_rank',
        'lag',
        'lead',
        'first',
        'last',
        'ntile',
      ]);
      for (const s of pythonShapes(programs)) {
        assert.equal(s.error, undefined);
        assert.ok(s.over.length > 0);
        for (const f of s.over) assert.ok(allowed.has(f), `${s.name}: .over() on ${f}`);
      }
    },
  );
});

describe('system tables and views of the source database', () => {
  const objects = [
    'stl_load_errors',
    'stv_recents',
    'svl_qlog',
    'svv_table_info',
    'sys_query_history',
    'pg_catalog.pg_class',
    'information_schema.columns',
    'pg_user',
    'PG_CATALOG.PG_NAMESPACE',
  ];
  for (const o of objects) {
    test(`${o} is refused with a reason, at its position`, () => {
      const r = refused(`SELECT e.event_id\nFROM atomic.events e\nJOIN ${o} s ON s.x = e.event_id`);
      assert.match(r.reason, /system table or view|catalog view/);
      assert.match(r.reason, /Spark has no such table/);
      assert.deepEqual([r.line, r.column], [3, 6]);
    });
  }
  test('a CTE or a user schema with such a name is an ordinary table', () => {
    assert.match(ok('WITH stl_x AS (SELECT event_id FROM atomic.events) SELECT * FROM stl_x'), /stl_x/);
    assert.match(ok('SELECT * FROM analytics.stl_summary'), /spark\.table\("analytics\.stl_summary"\)/);
  });
});

describe('NOT IN (subquery) outside WHERE … AND', () => {
  const sub = '(SELECT domain_userid FROM derived.users)';
  for (const [where, sql] of [
    ['CASE', `SELECT CASE WHEN domain_userid NOT IN ${sub} THEN 1 ELSE 0 END AS x FROM atomic.events`],
    ['select list', `SELECT domain_userid NOT IN ${sub} AS x FROM atomic.events`],
    ['OR', `SELECT event_id FROM atomic.events WHERE event = 'x' OR domain_userid NOT IN ${sub}`],
  ]) {
    test(`in ${where}: refused at the NOT IN, saying why this position differs from WHERE`, () => {
      const r = refused(sql);
      assert.match(r.reason, /NOT IN \(subquery\) is translated only as a WHERE condition combined with AND/);
      assert.match(r.reason, /NULL/);
      assert.equal(r.line, 1);
      assert.equal(r.column, sql!.indexOf('NOT IN') + 1);
    });
  }
  test('in WHERE … AND it is still the null-aware anti join', () => {
    for (const target of ['pyspark', 'scala'] as Target[]) {
      const r = translate(`SELECT event_id FROM atomic.events WHERE event = 'x' AND domain_userid NOT IN ${sub}`, {
        dialect: 'redshift',
        target,
      });
      assert.ok(r.ok && /left_anti/.test(r.code));
    }
  });
});
