// Constructs found by the second held-out set (test/oracle/heldout/h18…): each fix keeps the SQL meaning.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ok, refused } from './helpers';

describe('quoted identifiers that are not plain names', () => {
  test('an alias with a space is backtick-quoted where it is referenced, not where it is defined', () => {
    const code = ok('SELECT geo_country, COUNT(*) AS "Unique Users" FROM atomic.events GROUP BY 1 ORDER BY "Unique Users" DESC');
    assert.match(code, /\.alias\("Unique Users"\)/);
    assert.match(code, /F\.col\("`Unique Users`"\)\.desc_nulls_first\(\)/);
    assert.doesNotMatch(code, /F\.col\("Unique Users"\)/);
  });
  test('a dotted alias is one column, not a qualified name', () => {
    const code = ok(
      'SELECT rev FROM (SELECT SUM(tr_total) AS "rev.total" FROM atomic.events) s WHERE "rev.total" > 0'.replace(
        'SELECT rev',
        'SELECT "rev.total"',
      ),
    );
    assert.match(code, /"`rev\.total`"/);
  });
  test('plain names stay unquoted, in Scala too', () => {
    assert.match(ok('SELECT app_id AS "App Id" FROM atomic.events ORDER BY 1', 'redshift', 'scala'), /col\("`App Id`"\)/);
    assert.match(ok('SELECT app_id FROM atomic.events ORDER BY app_id'), /F\.col\("app_id"\)/);
  });
});

describe('SIMILAR TO', () => {
  test('becomes a whole-string rlike: % → .*, _ → ., alternation kept, . literal', () => {
    const code = ok(
      "SELECT page_urlpath FROM atomic.events WHERE page_urlpath SIMILAR TO '/products/(hats|cafe-mug)%' AND page_title NOT SIMILAR TO '_a.%'",
    );
    assert.match(code, /F\.col\("page_urlpath"\)\.rlike\("\(\?s\)\^\(\?:\/products\/\(hats\|cafe-mug\)\.\*\)\(\?!\.\)"\)/);
    assert.match(code, /~F\.col\("page_title"\)\.rlike\("\(\?s\)\^\(\?:\.a\\\\\.\.\*\)\(\?!\.\)"\)/);
  });
  test('bracket expressions with classes or escapes, and Athena, are refused', () => {
    assert.match(refused("SELECT 1 AS x FROM atomic.events WHERE app_id SIMILAR TO '[[:alpha:]]%'").reason, /SIMILAR TO pattern/);
    assert.match(refused("SELECT 1 AS x FROM atomic.events WHERE app_id SIMILAR TO 'a%'", 'athena').reason, /not a Trino/);
  });
});

describe('TRIM family with a character set', () => {
  test('BTRIM(s, chars) strips the set from both ends with one regexp_replace', () => {
    const code = ok("SELECT btrim(page_urlpath, '/-') AS p FROM atomic.events");
    assert.match(code, /F\.regexp_replace\("page_urlpath", "\(\?s\)\^\[\/\\\\-\]\+\|\[\/\\\\-\]\+\(\?!\.\)", ""\)\.alias\("p"\)/);
  });
  test('LTRIM/RTRIM strip one end; TRIM(LEADING … FROM …) too; a space keeps F.trim', () => {
    assert.match(ok("SELECT ltrim(page_urlpath, '/') AS p FROM atomic.events"), /"\(\?s\)\^\[\/\]\+"/);
    assert.match(ok("SELECT rtrim(page_urlpath, '/') AS p FROM atomic.events"), /"\(\?s\)\[\/\]\+\(\?!\.\)"/);
    assert.match(ok("SELECT trim(leading 'x' from page_urlpath) AS p FROM atomic.events"), /"\(\?s\)\^\[x\]\+"/);
    assert.match(ok("SELECT btrim(page_urlpath, ' ') AS p FROM atomic.events"), /F\.trim\("page_urlpath"\)/);
  });
});

describe('ROLLUP, CUBE and GROUPING SETS', () => {
  const unions = (code: string): number => (code.match(/\.union\(/g) ?? []).length;
  test('ROLLUP (a, b) is a UNION ALL of GROUP BY a, b / a / () with the left-out keys NULL', () => {
    const code = ok('SELECT geo_country, platform, COUNT(*) AS n FROM atomic.events GROUP BY ROLLUP (geo_country, platform) ORDER BY 1, 2');
    assert.equal(unions(code), 2);
    assert.match(code, /\.groupBy\("geo_country", "platform"\)/);
    assert.match(code, /\.select\("geo_country", F\.lit\(None\)\.alias\("platform"\), "n"\)/);
    assert.match(
      code,
      /\.agg\(F\.count\("\*"\)\.alias\("n"\)\)\.select\(F\.lit\(None\)\.alias\("geo_country"\), F\.lit\(None\)\.alias\("platform"\), "n"\)/,
    );
    assert.match(code, /\.orderBy\(F\.col\("geo_country"\)\.asc_nulls_last\(\), F\.col\("platform"\)\.asc_nulls_last\(\)\)/);
  });
  test('CUBE makes every subset; a plain key joins every set; aggregate arguments keep the column', () => {
    const code = ok(
      'SELECT app_id, geo_country, platform, COUNT(geo_country) AS n FROM atomic.events GROUP BY app_id, CUBE (geo_country, platform)',
    );
    assert.equal(unions(code), 3);
    assert.match(code, /F\.count\("geo_country"\)/);
    assert.equal((code.match(/\.groupBy\("app_id"/g) ?? []).length, 4);
  });
  test('GROUPING SETS with ordinals, () and HAVING on a key (NULL in the sets without it)', () => {
    const code = ok(
      'SELECT plan, signup_country, COUNT(*) AS n FROM derived.users GROUP BY GROUPING SETS ((1), (2), ()) HAVING COUNT(*) > 1',
    );
    assert.equal(unions(code), 2);
    assert.match(code, /\.groupBy\("plan"\)/);
    assert.match(code, /\.groupBy\("signup_country"\)/);
  });
  test('GROUPING(), window functions, DISTINCT and output-alias keys are refused with a position', () => {
    assert.match(
      refused('SELECT plan, GROUPING(plan) AS g, COUNT(*) AS n FROM derived.users GROUP BY ROLLUP (plan)').reason,
      /GROUPING\(\)|unknown function GROUPING/,
    );
    assert.match(
      refused('SELECT plan, COUNT(*) AS n, RANK() OVER (ORDER BY COUNT(*)) AS r FROM derived.users GROUP BY ROLLUP (plan)').reason,
      /window functions/,
    );
    assert.match(refused('SELECT DISTINCT plan, COUNT(*) AS n FROM derived.users GROUP BY CUBE (plan)').reason, /DISTINCT/);
    const r = refused('SELECT upper(plan) AS p, COUNT(*) AS n FROM derived.users GROUP BY ROLLUP (p)');
    assert.match(r.reason, /output alias/);
    assert.equal(r.column, 76);
  });
});

describe('correlated scalar subqueries', () => {
  test('COUNT per correlation key, left-joined; no match gives 0', () => {
    const code = ok(
      "SELECT u.domain_userid, (SELECT COUNT(*) FROM atomic.events e WHERE e.domain_userid = u.domain_userid AND e.event = 'transaction') AS orders FROM derived.users u",
    );
    assert.match(code, /\.groupBy\(F\.col\("e\.domain_userid"\)\.alias\("_ck0"\)\)\s*\.agg\(F\.count\("\*"\)\.alias\("_sq1"\)\)/);
    assert.match(code, /\.join\(scalar\.alias\("scalar"\), F\.col\("domain_userid"\) == F\.col\("scalar\._ck0"\), "left"\)/);
    assert.match(code, /F\.when\(F\.col\("scalar\._ck0"\)\.isNotNull\(\), F\.col\("scalar\._sq1"\)\)\.otherwise\(0\)\.alias\("orders"\)/);
  });
  test('SUM/MAX stay NULL without a match; a WHERE comparison filters after the join', () => {
    const code = ok(
      'SELECT e.event_id FROM atomic.events e WHERE e.collector_tstamp = (SELECT MAX(x.collector_tstamp) FROM atomic.events x WHERE x.domain_sessionid = e.domain_sessionid)',
    );
    assert.match(code, /"left"\)\s*\.filter\(F\.col\("collector_tstamp"\) == F\.col\("scalar\._sq\d+"\)\)/);
    assert.doesNotMatch(code, /otherwise/);
  });
  test('non-equality correlation, outer columns in the select list, GROUP BY and aggregate outer queries are refused', () => {
    assert.match(
      refused(
        'SELECT u.plan, (SELECT COUNT(*) FROM atomic.events e WHERE e.collector_tstamp > u.first_seen_date) AS n FROM derived.users u',
      ).reason,
      /only correlate with equalities/,
    );
    assert.match(
      refused(
        'SELECT u.plan, (SELECT MAX(u.lifetime_value) FROM atomic.events e WHERE e.domain_userid = u.domain_userid) AS n FROM derived.users u',
      ).reason,
      /may not use outer columns|only its own columns/,
    );
    assert.match(
      refused('SELECT u.plan, (SELECT e.event FROM atomic.events e WHERE e.domain_userid = u.domain_userid) AS n FROM derived.users u')
        .reason,
      /aggregate/,
    );
    assert.match(
      refused(
        'SELECT u.plan, (SELECT COUNT(*) FROM atomic.events e WHERE e.domain_userid = u.domain_userid GROUP BY e.event) AS n FROM derived.users u',
      ).reason,
      /without GROUP BY/,
    );
    assert.match(
      refused(
        'SELECT u.plan, SUM((SELECT COUNT(*) FROM atomic.events e WHERE e.domain_userid = u.domain_userid)) AS n FROM derived.users u GROUP BY u.plan',
      ).reason,
      /aggregate query/,
    );
  });
});

describe('Redshift TOP n and DECODE', () => {
  test('TOP n is the LIMIT of its query, after the ORDER BY (DISTINCT after TOP too)', () => {
    assert.match(
      ok('SELECT TOP 5 event_id FROM atomic.events ORDER BY event_id'),
      /\.orderBy\(F\.col\("event_id"\)\.asc_nulls_last\(\)\)\.limit\(5\)/,
    );
    assert.match(ok('SELECT TOP 3 DISTINCT app_id FROM atomic.events ORDER BY 1'), /\.distinct\(\)[\s\S]*\.limit\(3\)/);
    assert.match(ok('SELECT * FROM (SELECT TOP 2 app_id FROM atomic.events ORDER BY app_id) s'), /\.limit\(2\)/);
  });
  test('TOP inside a set operation or with LIMIT is refused at TOP', () => {
    const r = refused('SELECT TOP 3 app_id FROM atomic.events UNION SELECT app_id FROM atomic.events');
    assert.match(r.reason, /TOP n inside UNION/);
    assert.equal(r.column, 8);
    assert.match(refused('SELECT TOP 3 app_id FROM atomic.events LIMIT 2').reason, /TOP n together with LIMIT/);
  });
  test('DECODE is a simple CASE; without a default it is NULL; NULL searches and other dialects are refused', () => {
    assert.match(
      ok("SELECT decode(platform, 'web', 1, 'mob', 2, 0) AS p FROM atomic.events"),
      /F\.when\(F\.col\("platform"\) == "web", 1\)\.when\(F\.col\("platform"\) == "mob", 2\)\.otherwise\(0\)/,
    );
    assert.doesNotMatch(ok("SELECT decode(geo_country, 'US', 'America') AS c FROM atomic.events"), /otherwise/);
    assert.match(refused("SELECT decode(geo_country, NULL, 'none', 'x') AS c FROM atomic.events").reason, /NULL search/);
    assert.match(refused("SELECT decode(platform, 'web', 1) AS p FROM atomic.events", 'postgres').reason, /unknown function DECODE/);
  });
});

describe('LATERAL subqueries', () => {
  const top = (join: string, order = 'e.collector_tstamp DESC, e.page_urlpath', tail = ' ON true') =>
    `SELECT c.country_code, l.path FROM derived.countries c ${join} (SELECT e.page_urlpath AS path, e.collector_tstamp FROM atomic.events e WHERE e.geo_country = c.country_code AND e.event = 'page_view' ORDER BY ${order} LIMIT 2) l${tail}`;
  test('LEFT JOIN LATERAL … ORDER BY … LIMIT n → row_number() per correlation key, kept ≤ n, left-joined on the key', () => {
    const code = ok(top('LEFT JOIN LATERAL'), 'postgres');
    assert.match(
      code,
      /Window\.partitionBy\("e\.geo_country"\)\.orderBy\(F\.col\("e\.collector_tstamp"\)\.desc_nulls_first\(\), F\.col\("e\.page_urlpath"\)\.asc_nulls_last\(\)\)/,
    );
    assert.match(
      code,
      /\.filter\(F\.col\("e\.event"\) == "page_view"\)\s*\.withColumn\("_rn\d+", F\.row_number\(\)\.over\(w1\)\)\s*\.filter\(F\.col\("_rn\d+"\) <= 2\)/,
    );
    assert.match(
      code,
      /\.select\(F\.col\("e\.geo_country"\)\.alias\("_ck\d+"\), F\.col\("e\.page_urlpath"\)\.alias\("path"\), "e\.collector_tstamp"\)|\.select\(F\.col\("e\.geo_country"\)\.alias\("_ck\d+"\), F\.col\("e\.page_urlpath"\)\.alias\("path"\), F\.col\("e\.collector_tstamp"\)/,
    );
    // The outer key first (equality never matches a NULL key on either side).
    assert.match(code, /\.join\(l\.alias\("l"\), F\.col\("c\.country_code"\) == F\.col\("l\._ck\d+"\), "left"\)/);
  });
  test('CROSS JOIN LATERAL, JOIN LATERAL … ON true and `, LATERAL` are inner joins; without LIMIT no row_number', () => {
    for (const j of ['CROSS JOIN LATERAL', ', LATERAL']) assert.match(ok(top(j, undefined, ''), 'postgres'), /, "inner"\)/);
    assert.match(ok(top('JOIN LATERAL'), 'postgres'), /, "inner"\)/);
    const plain = ok(
      'SELECT c.country_code, l.path FROM derived.countries c LEFT JOIN LATERAL (SELECT e.page_urlpath AS path FROM atomic.events e WHERE c.country_code = e.geo_country) l ON true',
      'postgres',
    );
    assert.doesNotMatch(plain, /row_number/);
    assert.match(plain, /F\.col\("c\.country_code"\) == F\.col\("l\._ck\d+"\), "left"/);
  });
  test('a selected column that is not an ORDER BY key is refused (ties would make the kept row arbitrary), with its position', () => {
    const r = refused(top('LEFT JOIN LATERAL', 'e.collector_tstamp DESC'), 'postgres');
    assert.match(r.reason, /path is not an ORDER BY key.*add every selected column to the ORDER BY/);
    assert.equal(r.line, 1);
    assert.equal(r.column, 82);
    // A selected correlation key is the same on every row of its partition, so it need not be an ORDER BY key.
    const keyed = ok(
      'SELECT c.country_code, l.geo_country, l.path FROM derived.countries c CROSS JOIN LATERAL (SELECT e.geo_country, e.page_urlpath AS path FROM atomic.events e WHERE e.geo_country = c.country_code ORDER BY e.page_urlpath LIMIT 1) l',
      'postgres',
    );
    assert.match(keyed, /\.filter\(F\.col\("_rn\d+"\) <= 1\)/);
  });
  test('other shapes are refused with the reason', () => {
    assert.match(refused(top('LEFT JOIN LATERAL', undefined, ' ON l.path IS NOT NULL'), 'postgres').reason, /only with ON true/);
    assert.match(refused(top('RIGHT JOIN LATERAL'), 'postgres').reason, /RIGHT JOIN LATERAL is not supported/);
    assert.match(
      refused(top('LEFT JOIN LATERAL').replace('e.geo_country = c.country_code', 'e.geo_country <> c.country_code'), 'postgres').reason,
      /only by equalities/,
    );
    assert.match(
      refused(top('LEFT JOIN LATERAL').replace(' ORDER BY e.collector_tstamp DESC, e.page_urlpath', ''), 'postgres').reason,
      /LIMIT in a LATERAL subquery needs an ORDER BY/,
    );
    assert.match(
      refused(top('LEFT JOIN LATERAL').replace('SELECT c.country_code, l.path', 'SELECT c.country_code, l.*'), 'postgres').reason,
      /\* over the LATERAL subquery l/,
    );
    assert.match(
      refused(top('LEFT JOIN LATERAL').replace('e.page_urlpath AS path', 'c.country_code || e.page_urlpath AS path'), 'postgres').reason,
      /may not use columns of the preceding tables/,
    );
    assert.match(
      refused('SELECT l.n FROM LATERAL (SELECT 1 AS n FROM atomic.events) l', 'postgres').reason,
      /must follow the tables it refers to/,
    );
    assert.match(
      refused('SELECT c.country_code FROM derived.countries c CROSS JOIN LATERAL derived.users u', 'postgres').reason,
      /only before a subquery/,
    );
  });
});

describe('Redshift RATIO_TO_REPORT', () => {
  test('→ x / SUM(x) over the partition, both as double (FLOAT8)', () => {
    const code = ok('SELECT geo_country, ratio_to_report(tr_total) OVER (PARTITION BY geo_country) AS share FROM atomic.events');
    assert.match(code, /w1 = Window\.partitionBy\("geo_country"\)/);
    assert.match(
      code,
      /\(F\.col\("tr_total"\)\.cast\("double"\) \/ F\.sum\(F\.col\("tr_total"\)\.cast\("double"\)\)\.over\(w1\)\)\.alias\("share"\)/,
    );
  });
  test('over an aggregate with an empty OVER (): the whole result is the partition', () => {
    const code = ok('SELECT geo_country, RATIO_TO_REPORT(COUNT(*)) OVER () AS share FROM atomic.events GROUP BY geo_country');
    assert.match(code, /F\.col\("_agg\d+"\)\.cast\("double"\) \/ F\.sum\(F\.col\("_agg\d+"\)\.cast\("double"\)\)\.over\(w1\)/);
  });
  test('refused outside Redshift, without OVER, with ORDER BY in OVER, and on non-numeric arguments, with positions', () => {
    const pg = refused('SELECT ratio_to_report(tr_total) OVER () FROM atomic.events', 'postgres');
    assert.match(pg.reason, /RATIO_TO_REPORT is a Redshift function/);
    assert.equal(pg.column, 8);
    assert.match(refused('SELECT ratio_to_report(tr_total) FROM atomic.events').reason, /needs an OVER/);
    const ord = refused('SELECT ratio_to_report(tr_total) OVER (ORDER BY tr_total) FROM atomic.events');
    assert.match(ord.reason, /takes only PARTITION BY/);
    assert.equal(ord.column, 39);
    assert.match(refused('SELECT ratio_to_report(page_title) OVER () FROM atomic.events').reason, /needs a numeric argument, not string/);
  });
});

describe('ordered string aggregates (STRING_AGG, LISTAGG)', () => {
  test('PostgreSQL STRING_AGG(DISTINCT x, d ORDER BY x) → array_join of the sorted distinct list, NULL for a group without values', () => {
    const code = ok(
      "SELECT domain_userid, string_agg(DISTINCT page_urlpath, ',' ORDER BY page_urlpath) AS pages FROM atomic.events GROUP BY domain_userid",
      'postgres',
    );
    assert.match(
      code,
      /F\.when\(F\.count\("page_urlpath"\) > 0, F\.array_join\(F\.sort_array\(F\.array_distinct\(F\.collect_list\("page_urlpath"\)\)\), ","\)\)\.alias\("pages"\)/,
    );
  });
  test('Redshift LISTAGG(x, d) WITHIN GROUP (ORDER BY x DESC) skips empty strings as well as NULLs; no delimiter → ""', () => {
    const code = ok(
      "SELECT domain_userid, listagg(page_urlpath, ', ') WITHIN GROUP (ORDER BY page_urlpath DESC) AS pages FROM atomic.events GROUP BY 1",
    );
    assert.match(
      code,
      /F\.array_join\(F\.sort_array\(F\.collect_list\(F\.when\(F\.col\("page_urlpath"\) != "", F\.col\("page_urlpath"\)\)\), False\), ", "\)/,
    );
    assert.match(code, /F\.when\(F\.count\(F\.when\(F\.col\("page_urlpath"\) != "", F\.col\("page_urlpath"\)\)\) > 0, /);
    assert.match(
      ok('SELECT LISTAGG(page_urlpath) WITHIN GROUP (ORDER BY page_urlpath) AS p FROM atomic.events'),
      /F\.array_join\(F\.sort_array\(F\.collect_list\(.*\)\), ""\)\)\.alias\("p"\)/,
    );
    assert.match(
      ok("SELECT LISTAGG(page_urlpath, ',') WITHIN GROUP (ORDER BY page_urlpath) AS p FROM atomic.events", 'redshift', 'scala'),
      /array_join\(sort_array\(collect_list\(when\(col\("page_urlpath"\) =!= "", col\("page_urlpath"\)\)\)\), ","\)/,
    );
  });
  test('orders other than by the value itself, no order, DISTINCT on Redshift and non-text values are refused, with positions', () => {
    const other = refused("SELECT string_agg(page_urlpath, ',' ORDER BY collector_tstamp) FROM atomic.events", 'postgres');
    assert.match(other.reason, /STRING_AGG ordered by something other than the aggregated value is not supported/);
    assert.equal(other.column, 46);
    const two = refused("SELECT listagg(page_urlpath, ',') WITHIN GROUP (ORDER BY page_urlpath, collector_tstamp) FROM atomic.events");
    assert.match(two.reason, /LISTAGG ordered by something other than the aggregated value/);
    assert.equal(two.column, 72);
    assert.match(
      refused("SELECT string_agg(page_urlpath, ',') FROM atomic.events", 'postgres').reason,
      /without ORDER BY concatenates in an arbitrary order/,
    );
    assert.match(
      refused("SELECT listagg(page_urlpath, ',') FROM atomic.events").reason,
      /without WITHIN GROUP \(ORDER BY …\) concatenates in an arbitrary order/,
    );
    assert.match(
      refused("SELECT listagg(DISTINCT page_urlpath, ',') WITHIN GROUP (ORDER BY page_urlpath) FROM atomic.events").reason,
      /trailing blanks/,
    );
    assert.match(
      refused('SELECT string_agg(page_urlpath, app_id ORDER BY page_urlpath) FROM atomic.events', 'postgres').reason,
      /string literal delimiter/,
    );
    assert.match(
      refused("SELECT listagg(domain_sessionidx, ',') WITHIN GROUP (ORDER BY domain_sessionidx) FROM atomic.events").reason,
      /needs a text value, not int/,
    );
    assert.match(
      refused("SELECT listagg(page_urlpath, ',') WITHIN GROUP (ORDER BY page_urlpath) OVER () FROM atomic.events").reason,
      /as a window function is not supported/,
    );
    assert.match(
      refused("SELECT string_agg(page_urlpath, ',' ORDER BY page_urlpath) FROM atomic.events").reason,
      /STRING_AGG is translated only as PostgreSQL \(dialect redshift: not supported\)/,
    );
    assert.match(
      refused("SELECT listagg(page_urlpath, ',') WITHIN GROUP (ORDER BY page_urlpath) FROM atomic.events", 'athena').reason,
      /LISTAGG is translated only as Redshift/,
    );
    const sumOrd = refused('SELECT sum(tr_total ORDER BY tr_total) FROM atomic.events');
    assert.match(sumOrd.reason, /ordered aggregates \(SUM\(… ORDER BY …\)\) are not supported/);
    assert.equal(sumOrd.column, 21);
    assert.match(
      refused('SELECT sum(tr_total) WITHIN GROUP (ORDER BY tr_total) FROM atomic.events').reason,
      /WITHIN GROUP \(ORDER BY …\) is not supported for SUM/,
    );
    assert.match(
      refused('SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY tr_total, tr_tax) FROM atomic.events').reason,
      /WITHIN GROUP takes one ORDER BY expression/,
    );
  });
});

describe('deliberate refusals say why', () => {
  test('CONVERT_TIMEZONE, REGEXP_SUBSTR and TRY_CAST name the semantic difference, at the call', () => {
    const tz = refused("SELECT convert_timezone('UTC', 'America/New_York', collector_tstamp) AS t FROM atomic.events");
    assert.match(tz.reason, /CONVERT_TIMEZONE is not supported: .*DST-ambiguous or nonexistent local times/);
    assert.equal(tz.column, 8);
    const rx = refused("SELECT regexp_substr(page_urlpath, '[0-9]+') AS n FROM atomic.events");
    assert.match(rx.reason, /REGEXP_SUBSTR is not supported: .*longest leftmost match/);
    assert.equal(rx.column, 8);
    const tc = refused('SELECT try_cast(page_urlpath AS integer) AS n FROM atomic.events', 'athena');
    assert.match(tc.reason, /TRY_CAST is not supported: .*'12\.5' AS integer is 12 in Spark/);
    assert.equal(tc.column, 8);
    assert.match(
      refused("SELECT collector_tstamp AT TIME ZONE 'UTC' AS t FROM atomic.events", 'postgres').reason,
      /AT TIME ZONE is not supported/,
    );
  });
});
