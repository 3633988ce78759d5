// Hostile identifiers and literals: whatever SQL text reaches the generated PySpark/Scala (names, literals,
// notes, table names) stays inert. Python output is compiled by python3 and its AST must have exactly the
// statements of the same query with a harmless name; Scala output passes a lexical check (no scalac here).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { translate, type Target } from '../../../src/core/translate/index';
import { PYTHON, pythonShapes, scalaProblems, UNSAFE_RAW } from './codecheck';

const HOSTILE = [
  'a\nprint("PWNED")\n#',
  "a\rprint('PWNED')\r#",
  'x"y',
  "x'y",
  'x`y',
  'x\\y',
  'end\\',
  'x"""y',
  "x'''y",
  'x*/y',
  'x/*y',
  '#',
  '// c',
  '${sys.exit()}',
  '{0}%s',
  '\u0000nul',
  'esc\u001b[31m',
  'del\u007f',
  'nel\u0085',
  'tab\there',
  'ff\u000cvt\u000b',
  'bidi\u202eevil\u202c',
  'iso\u2066x\u2069',
  'zw\u200d\u200b',
  'ls\u2028ps\u2029',
  'bom\ufeff',
  '😀 non-BMP 𝔘',
  'lone\ud800',
  '\\u000a", print(1) //',
  '\\u0022); print(2); //',
];

const qi = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const sl = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Statements that must translate whatever the name or literal is, and where the text shows up. */
const TEMPLATES: Array<{ name: string; sql: (h: string) => string; strings?: (h: string) => string[] }> = [
  { name: 'create schema then ctas', sql: (h) => `CREATE SCHEMA ${qi(h)}; CREATE TABLE x AS SELECT event_id FROM atomic.events;` },
  {
    name: 'drop then ctas',
    sql: (h) => `DROP TABLE ${qi(h)}; CREATE TABLE ${qi(h)} AS SELECT event_id FROM atomic.events;`,
    strings: (h) => [h],
  },
  {
    name: 'cte and alias',
    sql: (h) => `WITH ${qi(h)} AS (SELECT event_id FROM atomic.events) SELECT event_id AS ${qi(h)} FROM ${qi(h)}`,
    strings: (h) => [h],
  },
  {
    name: 'literals',
    sql: (h) => `SELECT ${sl(h)} AS v, event_id FROM atomic.events WHERE page_title = ${sl(h)} OR page_title LIKE ${sl(`${h}%`)}`,
    strings: (h) => [h, `${h}%`],
  },
  { name: 'unknown table and column', sql: (h) => `SELECT t.${qi(h)} FROM ${qi(h)}.${qi(h)} t`, strings: (h) => [`${h}.${h}`] },
  { name: 'insert into', sql: (h) => `INSERT INTO ${qi(h)}.${qi(h)} SELECT event_id FROM atomic.events`, strings: (h) => [`${h}.${h}`] },
  {
    name: 'group, window, order',
    sql: (h) =>
      `SELECT c, ROW_NUMBER() OVER (PARTITION BY c ORDER BY c) AS ${qi(h)}, count(*) OVER (PARTITION BY c) AS n FROM (SELECT ${qi(h)} AS c FROM ${qi(h)}) AS ${qi(h)} ORDER BY ${qi(h)}`,
  },
];

const harmless = 'plain';

describe('hostile identifiers and literals', () => {
  test(
    'PySpark: every output compiles and has exactly the statements of the harmless twin, reading only its own names',
    { skip: !existsSync(PYTHON) && 'no python3' },
    () => {
      const programs: Array<{ name: string; code: string }> = [];
      const cases: Array<{ name: string; h: string; t: (typeof TEMPLATES)[number] }> = [];
      for (const t of TEMPLATES) {
        for (const [i, h] of [harmless, ...HOSTILE].entries()) {
          const r = translate(t.sql(h), { dialect: 'redshift', target: 'pyspark' });
          if (!r.ok) assert.fail(`${t.name} #${i}: refused ${r.line}:${r.column}: ${r.reason}`);
          assert.doesNotMatch(r.code, UNSAFE_RAW, `${t.name} #${i}: raw control/bidi character in the code`);
          const name = `${t.name} #${i}`;
          programs.push({ name, code: r.code });
          cases.push({ name, h, t });
        }
      }
      const shapes = new Map(pythonShapes(programs).map((s) => [s.name, s]));
      const own = new Set(['F', 'Window', 'spark', 'os', 'Decimal']);
      for (const c of cases) {
        const s = shapes.get(c.name)!;
        const code = programs.find((p) => p.name === c.name)!.code;
        assert.equal(s.error, undefined, `${c.name}: does not compile\n${code}`);
        const twin = shapes.get(`${c.t.name} #0`)!;
        assert.deepEqual(s.statements, twin.statements, `${c.name}: statements differ from the harmless twin\n${code}`);
        const foreign = s.names.filter((n) => !own.has(n) && !s.assigned.includes(n));
        assert.deepEqual(foreign, [], `${c.name}: reads names the translator never binds\n${code}`);
        assert.equal(new Set(s.assigned).size, s.assigned.length, `${c.name}: a variable is bound twice\n${code}`);
        for (const want of c.t.strings?.(c.h) ?? [])
          assert.ok(s.strings.includes(want), `${c.name}: ${JSON.stringify(want)} does not reach the code unchanged\n${code}`);
      }
      assert.equal(cases.length, TEMPLATES.length * (HOSTILE.length + 1));
    },
  );

  test('Scala: every output has closed strings with valid escapes, one-line comments without Unicode escapes, balanced brackets', () => {
    let n = 0;
    for (const t of TEMPLATES) {
      for (const [i, h] of [harmless, ...HOSTILE].entries()) {
        const r = translate(t.sql(h), { dialect: 'redshift', target: 'scala' });
        if (!r.ok) assert.fail(`${t.name} #${i}: refused ${r.line}:${r.column}: ${r.reason}`);
        assert.deepEqual(scalaProblems(r.code), [], `${t.name} #${i}:\n${r.code}`);
        const twin = translate(t.sql(harmless), { dialect: 'redshift', target: 'scala' });
        assert.ok(twin.ok);
        // Same statements as the harmless twin: as many lines of each kind.
        const kinds = (code: string): string[] =>
          code
            .split('\n')
            .filter((l) => l && !/^\s/.test(l))
            .map((l) => l.split(/[ .(]/)[0]!);
        assert.equal(kinds(r.code).length, kinds(twin.code).length, `${t.name} #${i}:\n${r.code}`);
        n++;
      }
    }
    assert.equal(n, TEMPLATES.length * (HOSTILE.length + 1));
  });

  test('refusal reasons quoting hostile text show control and bidi characters, on one line', () => {
    for (const h of HOSTILE) {
      for (const sql of [
        `SELECT ${qi(h)}(1) FROM atomic.events`,
        `SELECT ${qi(h)} FROM atomic.events`,
        `SELECT 1 FROM atomic.events WHERE event = 1 AND ${sl(h)} = 2`,
      ]) {
        const r = translate(sql, { dialect: 'redshift', target: 'pyspark' });
        assert.equal(r.ok, false, sql);
        if (r.ok) continue;
        assert.doesNotMatch(r.reason, /\n/);
        assert.doesNotMatch(r.reason, UNSAFE_RAW, r.reason);
      }
    }
  });

  test("the issue's injection: a schema name that ends the comment prints nothing when run", () => {
    for (const target of ['pyspark', 'scala'] as Target[]) {
      const r = translate(`CREATE SCHEMA "s\nprint('PWNED')\n#"; CREATE TABLE x AS SELECT event_id FROM atomic.events;`, {
        dialect: 'redshift',
        target,
      });
      assert.ok(r.ok);
      assert.doesNotMatch(r.code, /^print/m);
      assert.match(r.code, /CREATE SCHEMA s<U\+000A>print\('PWNED'\)<U\+000A>#/);
    }
  });
});
