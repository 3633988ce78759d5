// Constructs whose meaning differs between SQL engines and Spark: the translation must keep the SQL meaning.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ok, refused } from './helpers';

describe('integer division', () => {
  test('int / int truncates (cast after fractional division)', () => {
    const code = ok('SELECT domain_sessionidx / 2 AS h FROM atomic.events');
    assert.match(code, /\(F\.col\("domain_sessionidx"\) \/ 2\)\.cast\("int"\)\.alias\("h"\)/);
  });
  test('COUNT(*) / COUNT(*) is bigint division', () => {
    assert.match(ok('SELECT COUNT(*) / COUNT(DISTINCT domain_sessionid) AS r FROM atomic.events'), /\.cast\("long"\)/);
  });
  test('a float operand keeps fractional division', () => {
    const code = ok('SELECT domain_sessionidx::float / 2 AS h FROM atomic.events');
    assert.doesNotMatch(code, /cast\("int"\)/);
  });
  test('unknown operand types are refused at the operator', () => {
    const r = refused('SELECT a / b AS x FROM mystery.t');
    assert.equal(r.line, 1);
    assert.equal(r.column, 10);
    assert.match(r.reason, /integer division/);
  });
});

describe('NULL ordering', () => {
  test('Redshift: ASC puts NULLs last, DESC first', () => {
    const code = ok('SELECT geo_country FROM atomic.events ORDER BY geo_country, app_id DESC');
    assert.match(code, /F\.col\("geo_country"\)\.asc_nulls_last\(\)/);
    assert.match(code, /F\.col\("app_id"\)\.desc_nulls_first\(\)/);
  });
  test('Athena: NULLs last in both directions', () => {
    assert.match(ok('SELECT geo_country FROM atomic.events ORDER BY geo_country DESC', 'athena'), /desc_nulls_last/);
  });
  test('explicit NULLS FIRST wins', () => {
    assert.match(ok('SELECT geo_country FROM atomic.events ORDER BY geo_country NULLS FIRST'), /asc_nulls_first/);
  });
  test('window ORDER BY is explicit too', () => {
    assert.match(
      ok('SELECT ROW_NUMBER() OVER (PARTITION BY domain_userid ORDER BY derived_tstamp) AS n FROM atomic.events'),
      /Window\.partitionBy\("domain_userid"\)\.orderBy\(F\.col\("derived_tstamp"\)\.asc_nulls_last\(\)\)/,
    );
  });
});

describe('NULL-sensitive predicates', () => {
  test('NOT IN (subquery) is a null-aware anti join', () => {
    const code = ok('SELECT event_id FROM atomic.events WHERE user_id NOT IN (SELECT user_id FROM derived.users)');
    assert.match(code, /"left_anti"/);
    assert.match(code, /F\.col\("in_sub\.user_id"\)\.isNull\(\)/);
    assert.match(code, /F\.col\("events\.user_id"\)\.isNull\(\)/);
  });
  test('IN (subquery) is a semi join', () => {
    assert.match(ok('SELECT event_id FROM atomic.events WHERE domain_userid IN (SELECT domain_userid FROM derived.users)'), /"left_semi"/);
  });
  test('correlated NOT EXISTS is an anti join on the correlation', () => {
    const code = ok(
      "SELECT e.event_id FROM atomic.events e WHERE NOT EXISTS (SELECT 1 FROM derived.users u WHERE u.domain_userid = e.domain_userid AND u.plan = 'pro')",
    );
    assert.match(
      code,
      /\.join\(spark\.table\("derived\.users"\)\.alias\("u"\)\.filter\(F\.col\("u\.plan"\) == "pro"\), F\.col\("u\.domain_userid"\) == F\.col\("e\.domain_userid"\), "left_anti"\)/,
    );
  });
  test('|| is concat (NULL if any part is NULL)', () => {
    assert.match(
      ok("SELECT geo_country || '-' || geo_region AS k FROM atomic.events"),
      /F\.concat\("geo_country", F\.lit\("-"\), "geo_region"\)/,
    );
  });
  test('PostgreSQL CONCAT skips NULLs, Redshift CONCAT does not', () => {
    assert.match(
      ok('SELECT CONCAT(geo_country, geo_region) AS k FROM atomic.events', 'postgres'),
      /F\.concat_ws\("", "geo_country", "geo_region"\)/,
    );
    assert.match(
      ok('SELECT CONCAT(geo_country, geo_region) AS k FROM atomic.events', 'redshift'),
      /F\.concat\("geo_country", "geo_region"\)/,
    );
  });
  test('string literals compared with timestamps become timestamps', () => {
    assert.match(
      ok("SELECT event_id FROM atomic.events WHERE collector_tstamp >= '2024-03-02'"),
      /F\.lit\("2024-03-02"\)\.cast\("timestamp"\)/,
    );
  });
});

describe('casts', () => {
  test('decimal → int rounds like PostgreSQL', () => {
    assert.match(ok('SELECT tr_total::int AS t FROM atomic.events'), /F\.round\("tr_total"\)\.cast\("int"\)/);
  });
  test('double → text is refused (text forms differ)', () => {
    const r = refused('SELECT se_value::varchar AS t FROM atomic.events');
    assert.match(r.reason, /double/);
  });
  test('unbounded numeric keeps the value but makes division fractional', () => {
    const code = ok('SELECT domain_sessionidx::numeric / 2 AS h FROM atomic.events');
    assert.doesNotMatch(code, /cast\(/);
  });
});

describe('dates', () => {
  test('Redshift DATEDIFF counts hour boundaries crossed', () => {
    const code = ok('SELECT DATEDIFF(hour, dvce_created_tstamp, collector_tstamp) AS h FROM atomic.events');
    assert.match(
      code,
      /F\.floor\(F\.col\("collector_tstamp"\)\.cast\("double"\) \/ 3600\) - F\.floor\(F\.col\("dvce_created_tstamp"\)\.cast\("double"\) \/ 3600\)/,
    );
  });
  test('Redshift DATEDIFF(day) is calendar days', () => {
    assert.match(
      ok("SELECT DATEDIFF('day', dvce_created_tstamp, collector_tstamp) AS d FROM atomic.events"),
      /F\.datediff\("collector_tstamp", "dvce_created_tstamp"\)/,
    );
  });
  test('Athena date_diff counts whole units elapsed', () => {
    assert.match(
      ok("SELECT date_diff('hour', dvce_created_tstamp, collector_tstamp) AS h FROM atomic.events", 'athena'),
      /\/ 3600\)\.cast\("long"\)/,
    );
  });
  test('timestamp + interval adds seconds', () => {
    assert.match(
      ok("SELECT collector_tstamp + INTERVAL '30 minutes' AS t FROM atomic.events"),
      /\(F\.col\("collector_tstamp"\)\.cast\("double"\) \+ 1800\)\.cast\("timestamp"\)/,
    );
  });
  test('month intervals are refused (no fixed length)', () => {
    const r = refused("SELECT collector_tstamp + INTERVAL '1 month' AS t FROM atomic.events");
    assert.equal(r.column, 27);
  });
  test('EXTRACT(DOW) is 0-based Sunday like PostgreSQL', () => {
    assert.match(ok('SELECT EXTRACT(DOW FROM collector_tstamp) AS d FROM atomic.events'), /F\.dayofweek\("collector_tstamp"\) - 1/);
  });
  test('TO_CHAR patterns are converted, unknown ones refused', () => {
    assert.match(
      ok("SELECT TO_CHAR(collector_tstamp, 'YYYY-MM-DD HH24:MI') AS t FROM atomic.events"),
      /F\.date_format\("collector_tstamp", "yyyy-MM-dd HH:mm"\)/,
    );
    assert.match(refused("SELECT TO_CHAR(collector_tstamp, 'Day') AS t FROM atomic.events").reason, /TO_CHAR pattern/);
  });
});

describe('caveats and Spark gaps', () => {
  test('PostgreSQL text ordering warns about collation', async () => {
    const { translate } = await import('../../../src/core/translate/index');
    const r = translate('SELECT plan FROM derived.users ORDER BY plan', { dialect: 'postgres', target: 'pyspark' });
    assert.ok(r.ok);
    assert.ok(r.warnings.some((w) => /collation/.test(w)));
    const rs = translate('SELECT plan FROM derived.users ORDER BY plan', { dialect: 'redshift', target: 'pyspark' });
    assert.ok(rs.ok && !rs.warnings.some((w) => /collation/.test(w)));
  });
  test('COUNT(DISTINCT …) OVER is refused (Spark has no distinct window aggregates)', () => {
    const r = refused('SELECT COUNT(DISTINCT domain_sessionid) OVER (PARTITION BY domain_userid) AS s FROM atomic.events');
    assert.equal(r.column, 8);
  });
  test('Redshift AVG of integers stays an integer', () => {
    assert.match(ok('SELECT AVG(domain_sessionidx) AS a FROM atomic.events'), /F\.avg\("domain_sessionidx"\)\.cast\("long"\)/);
    assert.doesNotMatch(ok('SELECT AVG(domain_sessionidx) AS a FROM atomic.events', 'postgres'), /cast/);
  });
});
