// Shape of the generated code: CTEs as named DataFrames, joins with aliases, grouping, windows, writes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ok, refused } from './helpers';

describe('queries', () => {
  test('one named DataFrame per CTE, inputs via spark.table, result last', () => {
    const code = ok(`WITH s AS (SELECT domain_sessionid, COUNT(*) AS n FROM atomic.events GROUP BY 1)
      SELECT * FROM s WHERE n > 1`);
    assert.match(code, /^s = /m);
    assert.match(code, /spark\.table\("atomic\.events"\)/);
    assert.match(code, /^result = s\.filter\(F\.col\("n"\) > 1\)$/m);
    assert.doesNotMatch(code, /[^y]spark\.sql\(|F\.expr\(/);
  });
  test('GROUP BY by ordinal, alias and name group the same expressions', () => {
    const byOrdinal = ok('SELECT collector_tstamp::date AS d, COUNT(*) AS n FROM atomic.events GROUP BY 1');
    const byAlias = ok('SELECT collector_tstamp::date AS d, COUNT(*) AS n FROM atomic.events GROUP BY d');
    const byExpr = ok('SELECT collector_tstamp::date AS d, COUNT(*) AS n FROM atomic.events GROUP BY collector_tstamp::date');
    assert.equal(byOrdinal, byAlias);
    assert.equal(byOrdinal, byExpr);
    assert.match(byOrdinal, /\.groupBy\(F\.to_date\("collector_tstamp"\)\.alias\("d"\)\)/);
  });
  test('HAVING on an aggregate not in the select list uses a hidden column', () => {
    const code = ok('SELECT domain_userid FROM atomic.events GROUP BY domain_userid HAVING COUNT(*) > 10');
    assert.match(code, /\.agg\(F\.count\("\*"\)\.alias\("_agg0"\)\)/);
    assert.match(code, /\.filter\(F\.col\("_agg0"\) > 10\)/);
    assert.match(code, /\.select\("domain_userid"\)/);
  });
  test('ungrouped columns are refused at the column', () => {
    const r = refused('SELECT app_id, platform, COUNT(*) FROM atomic.events\nGROUP BY app_id');
    assert.match(r.reason, /platform must appear in GROUP BY/);
    assert.deepEqual([r.line, r.column], [1, 16]);
  });
  test('joins alias each side and qualify columns; USING keys are merged', () => {
    const code = ok('SELECT domain_userid, u.plan FROM atomic.events e FULL JOIN derived.users u USING (domain_userid)');
    assert.match(code, /\.alias\("e"\)/);
    assert.match(
      code,
      /\.join\(spark\.table\("derived\.users"\)\.alias\("u"\), F\.col\("e\.domain_userid"\) == F\.col\("u\.domain_userid"\), "full"\)/,
    );
    assert.match(code, /F\.coalesce\("e\.domain_userid", "u\.domain_userid"\)\.alias\("domain_userid"\)/);
  });
  test('ambiguous unqualified columns are refused', () => {
    assert.match(
      refused('SELECT user_id FROM atomic.events e JOIN derived.users u ON e.domain_userid = u.domain_userid').reason,
      /ambiguous/,
    );
  });
  test('UNION removes duplicates, UNION ALL does not, EXCEPT is subtract', () => {
    assert.match(ok('SELECT app_id FROM atomic.events UNION SELECT plan FROM derived.users'), /\.union\([^\n]*\)\s*\.distinct\(\)/);
    assert.doesNotMatch(ok('SELECT app_id FROM atomic.events UNION ALL SELECT plan FROM derived.users'), /distinct/);
    assert.match(ok('SELECT app_id FROM atomic.events EXCEPT SELECT plan FROM derived.users'), /\.subtract\(/);
  });
  test('frames: ROWS BETWEEN → rowsBetween with Window constants', () => {
    const code = ok(
      'SELECT SUM(tr_total) OVER (PARTITION BY domain_userid ORDER BY collector_tstamp ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS s FROM atomic.events',
    );
    assert.match(code, /\.rowsBetween\(-2, Window\.currentRow\)/);
    assert.match(code, /^from pyspark\.sql\.window import Window$/m);
  });
  test('LAG with a default and LIMIT', () => {
    const code = ok(
      "SELECT LAG(page_urlpath, 1, 'start') OVER (PARTITION BY domain_sessionid ORDER BY derived_tstamp) AS prev FROM atomic.events ORDER BY 1 LIMIT 5",
    );
    assert.match(code, /F\.lag\("page_urlpath", 1, "start"\)\.over\(w1\)/);
    assert.match(code, /\.limit\(5\)/);
  });
  test('one-row scalar subqueries: a semi join in WHERE, a cross join in the select list', () => {
    const where = ok(
      "SELECT event_id FROM atomic.events WHERE collector_tstamp > (SELECT MAX(collector_tstamp) - INTERVAL '1 hour' FROM atomic.events)",
    );
    assert.match(where, /\(F\.max\("collector_tstamp"\)\.cast\("double"\) \+ -3600\)\.cast\("timestamp"\)/);
    assert.match(where, /F\.col\("collector_tstamp"\) > F\.col\("sq0\._sq0"\), "left_semi"/);
    const select = ok('SELECT event_id, (SELECT COUNT(*) FROM derived.users) AS users FROM atomic.events');
    assert.match(select, /\.crossJoin\(scalar\.select\(F\.col\("count"\)\.alias\("_sq0"\)\)\)/);
  });
  test('ORDER BY a column that SELECT * outputs sorts by it (and keeps it)', () => {
    const code = ok('WITH p AS (SELECT plan, COUNT(*) AS n FROM derived.users GROUP BY 1) SELECT * FROM p ORDER BY plan');
    // Qualified by the aggregate's output, so the key cannot resolve to an input column named plan.
    assert.match(code, /^result = p\.alias\("out"\)\.orderBy\(F\.col\("out\.plan"\)\.asc_nulls_last\(\)\)$/m);
  });
  test('LIMIT … OFFSET numbers rows over the full ORDER BY instead of DataFrame.offset (Spark 3.4+)', () => {
    const code = ok('SELECT plan, COUNT(*) AS n FROM derived.users GROUP BY plan ORDER BY n DESC, plan LIMIT 10 OFFSET 5');
    assert.doesNotMatch(code, /\.offset\(/);
    assert.match(code, /Window\.orderBy\(F\.col\("n"\)\.desc_nulls_first\(\), F\.col\("plan"\)\.asc_nulls_last\(\)\)/);
    assert.match(
      code,
      /\.filter\(\(F\.col\("(_row\d+)"\) > 5\) & \(F\.col\("\1"\) <= 15\)\)\s*\.orderBy\(F\.col\("\1"\)[^)]*\)\)\s*\.drop\("\1"\)/,
    );
    assert.doesNotMatch(code, /\.limit\(/);
    const noLimit = ok('SELECT plan FROM derived.users ORDER BY plan OFFSET 3');
    assert.match(noLimit, /\.filter\(F\.col\("_row\d+"\) > 3\)/);
  });
  test('scalar subqueries that may return many rows are refused', () => {
    assert.match(refused('SELECT event_id FROM atomic.events WHERE user_id = (SELECT user_id FROM derived.users)').reason, /one row/);
  });
});

describe('writes', () => {
  test('CREATE TABLE AS → saveAsTable that never overwrites', () => {
    const code = ok('CREATE TABLE scratch.t AS SELECT event_id FROM atomic.events');
    assert.match(code, /result\.write\.mode\("errorifexists"\)\.saveAsTable\("scratch\.t"\)/);
  });
  test('DROP TABLE then CREATE TABLE AS → overwrite, explained', () => {
    const code = ok('DROP TABLE IF EXISTS scratch.t;\nCREATE TABLE scratch.t DISTKEY(event_id) AS (SELECT event_id FROM atomic.events);');
    assert.match(code, /mode\("overwrite"\)/);
    assert.match(code, /# DROP TABLE scratch\.t \+ CREATE TABLE/);
  });
  test('INSERT INTO … SELECT appends by position; JDBC reads credentials from the environment', () => {
    assert.match(ok('INSERT INTO derived.m SELECT event_id FROM atomic.events'), /result\.write\.insertInto\("derived\.m"\)/);
    const jdbc = ok('INSERT INTO derived.m SELECT event_id FROM atomic.events', 'redshift', 'pyspark', { writeMode: 'jdbc' });
    assert.match(jdbc, /\.mode\("append"\)/);
    assert.match(jdbc, /os\.environ\["JDBC_PASSWORD"\]/);
  });
  test('DELETE is refused with an explanation and its position', () => {
    const r = refused('BEGIN;\n  DELETE FROM derived.m WHERE event_id IN (SELECT event_id FROM scratch.ids);\nEND;');
    assert.deepEqual([r.line, r.column], [2, 3]);
    assert.match(r.reason, /MERGE/);
  });
});

describe('refusals name the problem and its token', () => {
  test('unknown function, by name', () => {
    const r = refused('SELECT\n  f_parse_channel(refr_medium) AS c\nFROM atomic.events');
    assert.equal(r.reason, 'unknown function F_PARSE_CHANNEL');
    assert.deepEqual([r.line, r.column], [2, 3]);
  });
  test('syntax errors point at the token', () => {
    const r = refused('SELECT a FROM t WHERE');
    assert.match(r.reason, /end of input/);
    assert.equal(r.column, 22);
  });
  test('unknown columns of known tables', () => {
    assert.match(refused('SELECT nope FROM atomic.events').reason, /column nope does not exist/);
  });
  test('recursive CTEs, DISTINCT ON and QUALIFY', () => {
    assert.match(refused('WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r').reason, /RECURSIVE/);
    assert.match(refused('SELECT DISTINCT ON (a) a FROM t').reason, /DISTINCT ON/);
    assert.match(refused('SELECT a FROM t QUALIFY ROW_NUMBER() OVER () = 1').reason, /QUALIFY/);
  });
});

describe('Scala target', () => {
  test('same plan, Scala syntax', () => {
    const code = ok(
      "SELECT app_id, COUNT(*) AS n FROM atomic.events WHERE event = 'page_view' GROUP BY 1 ORDER BY n DESC",
      'redshift',
      'scala',
    );
    assert.match(code, /^import org\.apache\.spark\.sql\.functions\._$/m);
    assert.match(code, /^val result = /m);
    assert.match(code, /\.filter\(col\("event"\) === "page_view"\)/);
    assert.match(code, /\.agg\(count\("\*"\)\.as\("n"\)\)/);
    assert.match(code, /col\("n"\)\.desc_nulls_first/);
  });
});

describe('PostgreSQL extras', () => {
  test('DISTINCT ON keeps the first row per key in ORDER BY order', () => {
    const code = ok(
      'SELECT DISTINCT ON (domain_userid) domain_userid, event FROM atomic.events ORDER BY domain_userid, collector_tstamp DESC',
      'postgres',
    );
    assert.match(code, /\.withColumn\("_rn0", F\.row_number\(\)\.over\(w1\)\)\s*\.filter\(F\.col\("_rn0"\) == 1\)/);
    assert.match(
      code,
      /w1 = Window\.partitionBy\("domain_userid"\)\.orderBy\(F\.col\("domain_userid"\)\.asc_nulls_last\(\), F\.col\("collector_tstamp"\)\.desc_nulls_first\(\)\)/,
    );
    assert.match(refused('SELECT DISTINCT ON (a) a, b FROM t', 'postgres').reason, /without ORDER BY/);
  });
  test('~ and !~* become rlike; POSIX-only syntax is refused', () => {
    const code = ok("SELECT event_id FROM atomic.events WHERE page_urlpath ~ '^/p/[a-z]+$' AND page_title !~* 'test'", 'postgres');
    assert.match(code, /F\.col\("page_urlpath"\)\.rlike\("\^\/p\/\[a-z\]\+\$"\)/);
    assert.match(code, /~F\.col\("page_title"\)\.rlike\("\(\?i\)test"\)/);
    assert.match(refused("SELECT event_id FROM atomic.events WHERE page_title ~ '[[:alpha:]]+'", 'postgres').reason, /differs/);
  });
  test('PERCENTILE_CONT WITHIN GROUP → exact percentile; DESC mirrors the fraction', () => {
    assert.match(
      ok('SELECT PERCENTILE_CONT(0.25) WITHIN GROUP (ORDER BY tr_total DESC) AS p FROM atomic.events', 'postgres'),
      /F\.percentile\("tr_total", 0\.75\)\.alias\("p"\)/,
    );
  });
});

describe('whole files', () => {
  test('several statements: earlier ones get named DataFrames, writes happen in order, the last is result', () => {
    const code = ok(
      [
        'CREATE SCHEMA IF NOT EXISTS derived;',
        'DROP TABLE IF EXISTS derived.daily;',
        'CREATE TABLE derived.daily AS SELECT collector_tstamp::date AS d, COUNT(*) AS n FROM atomic.events GROUP BY 1;',
        'SELECT * FROM derived.daily ORDER BY d;',
      ].join('\n'),
    );
    assert.match(code, /^# CREATE SCHEMA derived: .*databaseExists/m);
    assert.match(code, /^daily = /m);
    assert.match(code, /^daily\.write\.mode\("overwrite"\)\.saveAsTable\("derived\.daily"\)$/m);
    assert.match(code, /^result = spark\.table\("derived\.daily"\)\.orderBy\(F\.col\("d"\)\.asc_nulls_last\(\)\)$/m);
    assert.ok(code.indexOf('saveAsTable') < code.indexOf('result = '));
  });
  test('a lone DROP TABLE is refused with an explanation', () => {
    assert.match(refused('DROP TABLE derived.daily;').reason, /no DataFrame equivalent/);
  });
  test('INSERT with a column list names the select items after the target columns', () => {
    const code = ok('INSERT INTO derived.s (session_id, events) SELECT domain_sessionid, COUNT(*) FROM atomic.events GROUP BY 1');
    assert.match(code, /\.groupBy\(F\.col\("domain_sessionid"\)\.alias\("session_id"\)\)\s*\.agg\(F\.count\("\*"\)\.alias\("events"\)\)/);
    assert.match(code, /result\.write\.mode\("append"\)\.saveAsTable\("derived\.s"\)/);
  });
});

describe('filter placement', () => {
  const sub = "(SELECT MAX(collector_tstamp) - INTERVAL '1 day' FROM atomic.events)";
  test('a scalar-subquery condition on a preserved table filters it before the join', () => {
    const code = ok(
      `SELECT e.event_id FROM atomic.events e LEFT JOIN derived.users u ON u.domain_userid = e.domain_userid WHERE e.collector_tstamp > ${sub}`,
    );
    assert.match(code, /\.alias\("e"\)\s*\.join\(scalar[^\n]*"left_semi"\)\s*\.join\(spark\.table\("derived\.users"\)/);
  });
  test('…but not on the NULL-padded side of an outer join', () => {
    const code = ok(
      `SELECT u.plan FROM derived.users u LEFT JOIN atomic.events e ON u.domain_userid = e.domain_userid WHERE e.collector_tstamp > ${sub}`,
    );
    assert.match(code, /"left"\)\s*\.join\(scalar[^\n]*"left_semi"\)/);
  });
});
