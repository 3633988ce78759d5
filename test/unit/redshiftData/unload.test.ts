// UNLOAD to S3 for Redshift Data API connections: the statement we build, the offer, and the
// whole round trip (real SDK clients → loopback Data API on PostgreSQL → s3rver → rows back).
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import {
  createRedshiftDataEngine,
  executeUnload,
  type RedshiftDataExecutionInfo,
} from '../../../src/core/engines/redshiftData/redshiftDataEngine';
import {
  buildUnload,
  iamRoleProblem,
  isResultSizeLimitError,
  quoteUnloadQuery,
  s3LocationProblem,
  unloadOfferReason,
  unloadableQuery,
} from '../../../src/core/engines/redshiftData/unloadSql';
import { CancelledError, EngineError, collectRows, pageRows, type Engine, type Row } from '../../../src/core/engines/engine';
import { validateConnection } from '../../../src/core/connections/model';
import type { RedshiftConnection } from '../../../src/core/connections/types';
import { redactSecrets } from '../../../src/core/sql/redact';
import { startRedshiftDataLoopback, type RedshiftDataLoopback } from '../../support/aws/redshiftDataHarness';
import { parseUnload } from '../../support/aws/redshiftDataService';
import { TEST_CREDENTIALS } from '../../support/aws/athenaHarness';

const ROLE = 'arn:aws:iam::123456789012:role/RedshiftUnload';
const BUCKET = 'dw-unload';

describe('UNLOAD statement', () => {
  const target = { location: `s3://${BUCKET}/results`, iamRole: ROLE, prefix: `s3://${BUCKET}/results/run-1/`, nullMarker: 'DW_NULL_x' };

  test('wraps the SELECT in a quoted literal with quotes and backslashes doubled, and reads back identically', () => {
    const sql = `select 'it''s', E'a\\\\b', 'c\\'d' as "q""x" -- it's\nfrom t where s = 'x'`;
    const plan = buildUnload(sql, target);
    assert.ok(
      plan.sql.startsWith(
        `UNLOAD (${quoteUnloadQuery(sql)})\nTO 's3://${BUCKET}/results/run-1/'\nIAM_ROLE '${ROLE}'\nFORMAT AS CSV\nNULL AS 'DW_NULL_x'\nMANIFEST VERBOSE\nPARALLEL ON`,
      ),
      plan.sql,
    );
    assert.equal(quoteUnloadQuery(`a'b\\c`), `'a''b\\\\c'`);
    // Redshift's literal rules (backslash escapes on) give back exactly the query we were given.
    const parsed = parseUnload(plan.sql);
    assert.equal(parsed.query, sql);
    assert.equal(parsed.to, `s3://${BUCKET}/results/run-1/`);
    assert.equal(parsed.iamRole, ROLE);
    assert.equal(parsed.nullAs, 'DW_NULL_x');
    assert.deepEqual([parsed.format, parsed.manifest, parsed.verbose, parsed.serial], ['CSV', true, true, false]);
    assert.equal(plan.manifestUri, `s3://${BUCKET}/results/run-1/manifest`);
  });

  test('ORDER BY at the top level means PARALLEL OFF (rows keep their order); in a subquery it does not', () => {
    assert.equal(buildUnload('select * from t order by id', target).serial, true);
    assert.match(buildUnload('select * from t order by id', target).sql, /PARALLEL OFF/);
    assert.equal(buildUnload('select * from (select * from t order by id limit 5) x', target).serial, false);
    assert.equal(buildUnload(`select 'order by' as s from t`, target).serial, false);
    assert.equal(buildUnload('with a as (select 1 as x) select * from a order by x', target).serial, true);
  });

  test('a fresh run folder and NULL marker per run under the configured location', () => {
    const a = buildUnload('select 1', { location: `s3://${BUCKET}/results`, iamRole: ROLE });
    const b = buildUnload('select 1', { location: `s3://${BUCKET}/results/`, iamRole: ROLE });
    assert.match(a.prefix, /^s3:\/\/dw-unload\/results\/data-workbench-\d{8}T\d{6}Z-[0-9a-f]{8}\/$/);
    assert.notEqual(a.prefix, b.prefix);
    assert.match(a.nullMarker, /^DW_NULL_[0-9a-f]{16}$/);
    assert.notEqual(a.nullMarker, b.nullMarker);
  });

  test('refuses what UNLOAD cannot take, with a clear EngineError', () => {
    const refuses = (sql: string, re: RegExp) =>
      assert.throws(
        () => unloadableQuery(sql),
        (e: unknown) => e instanceof EngineError && re.test(e.message),
        sql,
      );
    refuses('insert into t select 1', /Only a SELECT .* starts with INSERT/);
    refuses('delete from t', /starts with DELETE/);
    refuses('create table x as select 1', /starts with CREATE/);
    refuses('with a as (select 1) insert into t select * from a', /WITH statement runs INSERT/);
    refuses('with d as (delete from t returning *) select * from d', /WITH statement runs DELETE/);
    refuses('select * into newtable from t', /SELECT … INTO creates a table/);
    refuses('select 1; select 2', /one SELECT statement; the text holds 2/);
    refuses('select * from t order by 1 limit 10', /LIMIT in the outer SELECT/);
    refuses('   -- nothing\n', /no SQL statement/);
    assert.doesNotThrow(() => unloadableQuery('(select 1) union all (select 2)'));
    assert.doesNotThrow(() => unloadableQuery(`select 'limit 5; insert' from t`));
  });

  test('validates the S3 location and the role ARN with clear messages', () => {
    assert.equal(s3LocationProblem('s3://my-bucket/unload/'), undefined);
    assert.equal(s3LocationProblem('s3://my-bucket'), undefined);
    assert.match(s3LocationProblem('https://my-bucket.s3.amazonaws.com/x')!, /must be an S3 URI/);
    assert.match(s3LocationProblem('s3://My_Bucket/x')!, /not a valid S3 bucket name/);
    assert.match(s3LocationProblem('')!, /Enter an S3 location/);
    assert.equal(iamRoleProblem(ROLE), undefined);
    assert.equal(iamRoleProblem('arn:aws-cn:iam::123456789012:role/path/Role-1'), undefined);
    assert.equal(iamRoleProblem(`${ROLE},arn:aws:iam::210987654321:role/Chained`), undefined);
    assert.match(iamRoleProblem('arn:aws:iam::123:role/x')!, /Not an IAM role ARN/);
    assert.match(iamRoleProblem('arn:aws:iam::123456789012:user/bob')!, /Not an IAM role ARN/);
    assert.throws(
      () => buildUnload('select 1', { location: 'bucket/x', iamRole: ROLE }),
      /UNLOAD location: The UNLOAD location must be an S3 URI/,
    );
    assert.throws(() => buildUnload('select 1', { location: 's3://b-1/x', iamRole: 'role' }), /UNLOAD IAM role: Not an IAM role ARN/);
  });

  test('connection settings: unloadS3Location, unloadIamRole, s3Endpoint are validated', () => {
    const base = { name: 'rs', kind: 'redshift', mode: 'data-api', database: 'dev', clusterIdentifier: 'c1' };
    const ok = validateConnection({ ...base, unloadS3Location: 's3://b-1/x/', unloadIamRole: ROLE, s3Endpoint: 'http://127.0.0.1:9000' });
    assert.deepEqual(ok.errors, []);
    assert.equal((ok.config as RedshiftConnection).unloadIamRole, ROLE);
    const bad = validateConnection({ ...base, unloadS3Location: 'b-1/x', unloadIamRole: 'admin' });
    assert.deepEqual(bad.errors, [
      'unloadS3Location: The UNLOAD location must be an S3 URI: s3://bucket/prefix/',
      'unloadIamRole: Not an IAM role ARN: expected arn:aws:iam::<12-digit account>:role/<name>',
    ]);
  });

  test('the role ARN is not a secret, but CREDENTIALS in a hand-written UNLOAD are redacted in logs', () => {
    const plan = buildUnload('select 1', target);
    assert.equal(redactSecrets(plan.sql), plan.sql);
    assert.doesNotMatch(
      redactSecrets(`unload ('select 1') to 's3://b/x' credentials 'aws_access_key_id=AKIA;aws_secret_access_key=SECRET'`),
      /SECRET|AKIA/,
    );
  });
});

describe('UNLOAD offer', () => {
  test('over the row threshold or the size, never when unknown or disabled', () => {
    assert.match(unloadOfferReason({ rows: 250_000, bytes: 1000 }, 100_000)!, /250,000 rows \(over 100,000\)/);
    assert.equal(unloadOfferReason({ rows: 99_999, bytes: 1000 }, 100_000), undefined);
    assert.match(unloadOfferReason({ rows: 10, bytes: 200 * 1024 * 1024 }, 100_000)!, /200 MB/);
    assert.equal(unloadOfferReason({ rows: -1, bytes: -1 }, 100_000), undefined);
    assert.equal(unloadOfferReason({ rows: 10_000_000 }, 0), undefined);
    assert.equal(unloadOfferReason(undefined), undefined);
  });
});

let lb: RedshiftDataLoopback;
let direct: pg.Client;
const engines: Engine[] = [];
const poll = { initialMs: 5, maxMs: 20 };

function conn(extra: Partial<RedshiftConnection> = {}): RedshiftConnection {
  return { ...lb.provisioned, unloadS3Location: `s3://${BUCKET}/results/`, unloadIamRole: ROLE, ...extra };
}

function dataApi(): Engine {
  const e = createRedshiftDataEngine(lb.provisioned, { credentials: TEST_CREDENTIALS, poll });
  engines.push(e);
  return e;
}

async function unloadRows(sql: string, extra: Partial<RedshiftConnection> = {}) {
  const exec = await executeUnload(conn(extra), sql, { credentials: TEST_CREDENTIALS, poll });
  const pages: (readonly Row[])[] = [];
  for await (const page of exec.pages) pages.push(pageRows(page));
  return { exec, rows: pages.flat(), pages };
}

const HOSTILE_SQL = `select * from (values
  (1, 'plain'::varchar, 1.50::numeric(10,2), 1.5::float8, true, timestamp '2024-02-29 12:34:56.789', date '2024-02-29', 9007199254740993::int8, '\\x00ff'::bytea),
  (2, '', -0.25, -0.25, false, timestamp '1970-01-01 00:00:00', date '1970-01-01', '-9223372036854775808'::int8, ''::bytea),
  (3, null, null, null, null, null, null, null, null),
  (4, 'NULL', 12345678.90, 1e300, true, timestamp '2038-01-19 03:14:07', date '2038-01-19', 42::int8, null),
  (5, 'comma, "quote" and' || chr(10) || 'newline' || chr(13) || chr(10) || 'crlf', 0, 'NaN'::float8, false, timestamp '2000-01-01', date '2000-01-01', 0::int8, null),
  (6, 'émoji 🚀 '';DROP TABLE x;-- \\ back\\slash', 2, 'Infinity'::float8, true, timestamp '2000-01-02', date '2000-01-02', 9007199254740991::int8, null),
  (7, ' ', -0, -0.0::float8, null, null, null, null, null),
  (8, '""', null, null, null, null, null, null, null),
  (9, 'DW_NULL_', null, null, null, null, null, null, null)
) t(id, s, amount, d, b, ts, dt, big, bin) order by id`;

describe('UNLOAD round trip (loopback Data API + s3rver)', () => {
  before(async () => {
    lb = await startRedshiftDataLoopback({ s3Buckets: [BUCKET] });
    direct = new pg.Client({
      host: lb.postgres.host,
      port: lb.postgres.port,
      user: lb.postgres.user,
      password: lb.postgres.password,
      database: lb.postgres.database,
    });
    await direct.connect();
    await direct.query(
      `drop table if exists rs_unload; create table rs_unload as select i::bigint as id, 'row ' || i as label, case when i % 7 = 0 then null when i % 11 = 0 then '' else 'x"' || i || ',' end as tricky from generate_series(0, 2344) i`,
    );
  });

  after(async () => {
    for (const e of engines) await e.dispose();
    await direct?.end();
    await lb?.stop();
    await lb?.postgres.stop();
  });

  beforeEach(() => {
    lb.server.clearFaults();
    lb.service.executionDelayMs = 0;
    lb.service.pageRows = 500;
    lb.service.unloadRowsPerFile = Infinity;
    lb.service.resultSizeLimitBytes = Infinity;
  });

  test("returns exactly the rows and column types of the normal Data API path (NULL vs '', quotes, newlines, unicode, numerics, timestamps, booleans, bigints)", async () => {
    const viaApi = await dataApi().execute(HOSTILE_SQL);
    const expected = await collectRows(viaApi);
    const { exec, rows } = await unloadRows(HOSTILE_SQL);
    assert.deepEqual(rows, expected);
    assert.deepEqual(exec.columns, viaApi.columns);
    // The values that matter most, spelled out.
    assert.equal(rows[1][1], '');
    assert.equal(rows[2][1], null);
    assert.equal(rows[3][1], 'NULL');
    assert.equal(rows[0][7], '9007199254740993');
    assert.equal(rows[1][7], '-9223372036854775808');
    assert.equal(rows[0][8], '\\x00ff');
    assert.equal(rows[4][1], 'comma, "quote" and\nnewline\r\ncrlf');
    // What ran: an UNLOAD with our options plus a LIMIT 0 probe for the column types.
    const call = lb.service.unloads.at(-1)!;
    assert.equal(call.query, HOSTILE_SQL);
    assert.equal(call.iamRole, ROLE);
    assert.equal(call.serial, true, 'ORDER BY → PARALLEL OFF');
    assert.ok(exec.info.unload.prefix.startsWith(`s3://${BUCKET}/results/data-workbench-`));
    assert.ok(
      exec.info.notes?.some((n) => n.includes(exec.info.unload.prefix)),
      'the note names the S3 location',
    );
    assert.equal(exec.info.unload.rows, 9);
  });

  test('several part files are read in manifest order, in pages', async () => {
    lb.service.unloadRowsPerFile = 400;
    const sql = 'select * from rs_unload order by id';
    const expected = await collectRows(await dataApi().execute(sql));
    const { exec, rows } = await unloadRows(sql);
    assert.equal(rows.length, 2345);
    assert.deepEqual(rows, expected);
    assert.equal(exec.info.unload.files, 6);
    const listed = await lb.s3!.client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: exec.info.unload.prefix.replace(`s3://${BUCKET}/`, '') }),
    );
    assert.deepEqual(listed.Contents!.map((o) => o.Key!.split('/').pop()).sort(), ['000', '001', '002', '003', '004', '005', 'manifest']);
  });

  test('PARALLEL ON names parts like Redshift slices; an empty result reads as no rows', async () => {
    lb.service.unloadRowsPerFile = 1000;
    const { exec, rows } = await unloadRows('select id, label from rs_unload where id < 1500');
    assert.equal(rows.length, 1500);
    const listed = await lb.s3!.client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: exec.info.unload.prefix.replace(`s3://${BUCKET}/`, '') }),
    );
    assert.deepEqual(listed.Contents!.map((o) => o.Key!.split('/').pop()).sort(), ['0000_part_00', '0001_part_00', 'manifest']);
    const empty = await unloadRows('select id from rs_unload where id < 0');
    assert.deepEqual(empty.rows, []);
    assert.deepEqual(
      empty.exec.columns.map((c) => [c.name, c.type]),
      [['id', 'int8']],
    );
  });

  test('serverless workgroups unload too', async () => {
    const exec = await executeUnload({ ...lb.serverless, unloadS3Location: `s3://${BUCKET}/sl`, unloadIamRole: ROLE }, `select 'a' as x`, {
      credentials: TEST_CREDENTIALS,
      poll,
    });
    assert.deepEqual(await collectRows(exec), [['a']]);
    const start = lb.server.callsTo('ExecuteStatement').at(-1)!;
    assert.equal(start.body.WorkgroupName, 'loopback-wg');
  });

  test('missing settings, a bad statement and an UNLOAD failure are clear errors', async () => {
    await assert.rejects(
      executeUnload({ ...lb.provisioned }, 'select 1', { credentials: TEST_CREDENTIALS, poll }),
      /set unloadS3Location \(s3:\/\/bucket\/prefix\/\)/,
    );
    await assert.rejects(
      executeUnload({ ...lb.provisioned, unloadS3Location: `s3://${BUCKET}/x/` }, 'select 1', { credentials: TEST_CREDENTIALS, poll }),
      /set unloadIamRole/,
    );
    await assert.rejects(unloadRows('update rs_unload set label = label'), /Only a SELECT/);
    await assert.rejects(
      unloadRows('select 1', { unloadS3Location: 's3://no-such-bucket/x/' }),
      (e: unknown) => e instanceof EngineError && /UNLOAD failed: ERROR: .*NoSuchBucket/.test(e.message),
    );
    await assert.rejects(
      unloadRows('select nosuch from rs_unload'),
      (e: unknown) => e instanceof EngineError && /column "nosuch" does not exist/.test(e.message),
    );
  });

  test('cancelling during the UNLOAD sends CancelStatement and stops the query in PostgreSQL', async () => {
    const ac = new AbortController();
    const inner = 'select pg_sleep(30) as slept';
    const pending = executeUnload(conn(), inner, { credentials: TEST_CREDENTIALS, poll, signal: ac.signal });
    for (let i = 0; i < 300; i++) {
      const r = await direct.query(`select count(*)::int as n from pg_stat_activity where query = $1 and state = 'active'`, [inner]);
      if (r.rows[0].n > 0) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    const before = lb.server.callsTo('CancelStatement').length;
    ac.abort();
    await assert.rejects(pending, (err: unknown) => err instanceof CancelledError);
    const cancels = lb.server
      .callsTo('CancelStatement')
      .slice(before)
      .map((c) => String(c.body.Id));
    const unloadId = [...lb.service.statements.values()].find(
      (s) => /^UNLOAD/.test(s.subs[0].sql) && s.subs[0].sql.includes('pg_sleep'),
    )!.id;
    assert.ok(cancels.includes(unloadId), 'CancelStatement was sent for the UNLOAD');
    let n = 1;
    for (let i = 0; i < 100 && n > 0; i++) {
      n = (await direct.query(`select count(*)::int as n from pg_stat_activity where query = $1 and state = 'active'`, [inner])).rows[0].n;
      if (n) await new Promise((res) => setTimeout(res, 20));
    }
    assert.equal(n, 0);
  });

  test("the offer: GetStatementResult over the size cap fails with the Data API's error, which is recognised", async () => {
    lb.service.resultSizeLimitBytes = 10_000;
    await assert.rejects(dataApi().execute('select * from rs_unload'), (e: unknown) => {
      assert.ok(e instanceof EngineError);
      assert.match(e.message, /Database response exceeded size limit/);
      assert.ok(isResultSizeLimitError(e));
      return true;
    });
    // Under the cap the same engine works, and UNLOAD returns the whole result.
    const { rows } = await unloadRows('select * from rs_unload order by id');
    assert.equal(rows.length, 2345);
    assert.ok(!isResultSizeLimitError(new Error('column "x" does not exist')));
  });

  test('the offer: DescribeStatement ResultRows/ResultSize reach the execution info and cross the threshold', async () => {
    const exec = await dataApi().execute('select * from rs_unload');
    const facts = (exec.info as RedshiftDataExecutionInfo).resultSize;
    assert.equal(facts?.rows, 2345);
    assert.ok((facts?.bytes ?? 0) > 0);
    assert.match(unloadOfferReason(facts, 2000)!, /2,345 rows/);
    assert.equal(unloadOfferReason(facts, 5000), undefined);
    // Rows keep streaming meanwhile.
    assert.equal((await collectRows(exec)).length, 2345);
  });
});
