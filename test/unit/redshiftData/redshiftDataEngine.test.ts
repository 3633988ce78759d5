// Redshift Data API engine against the loopback Data API (real SDK client, real PostgreSQL).
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { DescribeStatementCommand, RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { createRedshiftDataEngine, type RedshiftDataEngineOptions } from '../../../src/core/engines/redshiftData/redshiftDataEngine';
import {
  CancelledError,
  EngineError,
  collectRows,
  pageRows,
  type CellValue,
  type Engine,
  type Row,
} from '../../../src/core/engines/engine';
import type { RedshiftConnection } from '../../../src/core/connections/types';
import { startRedshiftDataLoopback, type RedshiftDataLoopback } from '../../support/aws/redshiftDataHarness';
import { TEST_CREDENTIALS } from '../../support/aws/athenaHarness';

let lb: RedshiftDataLoopback;
let direct: pg.Client;
const engines: Engine[] = [];

function engine(config?: RedshiftConnection, options: RedshiftDataEngineOptions = {}): Engine {
  const e = createRedshiftDataEngine(config ?? lb.provisioned, {
    credentials: TEST_CREDENTIALS,
    poll: { initialMs: 5, maxMs: 20 },
    ...options,
  });
  engines.push(e);
  return e;
}

/** The rows PostgreSQL itself returns, mapped the way the Data API types them (the reference). */
async function pgRows(sql: string): Promise<Row[]> {
  const res = await direct.query<CellValue[]>({ text: sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } });
  const oids = res.fields.map((f) => f.dataTypeID);
  return (res.rows as (string | null)[][]).map((row) =>
    row.map((v, i): CellValue => {
      if (v === null) return null;
      if ([20, 21, 23].includes(oids[i])) return Number(v);
      if ([700, 701].includes(oids[i])) return Number(v);
      if (oids[i] === 16) return v === 't';
      return v;
    }),
  );
}

const HOSTILE_SQL = `select * from (values
  (1, 'plain'::varchar, 1.50::numeric(10,2), 1.5::float8, true, timestamp '2024-02-29 12:34:56.789', date '2024-02-29'),
  (2, '', -0.25, -0.25, false, timestamp '1970-01-01 00:00:00', date '1970-01-01'),
  (3, null, null, null, null, null, null),
  (4, 'NULL', 12345678.90, 1e300, true, timestamp '2038-01-19 03:14:07', date '2038-01-19'),
  (5, 'comma, "quote" and' || chr(10) || 'newline', 0, 0, false, timestamp '2000-01-01', date '2000-01-01'),
  (6, 'émoji 🚀 '';DROP TABLE x;--', 2, 2, true, timestamp '2000-01-02', date '2000-01-02')
) t(id, s, amount, d, b, ts, dt) order by id`;

before(async () => {
  lb = await startRedshiftDataLoopback();
  direct = new pg.Client({
    host: lb.postgres.host,
    port: lb.postgres.port,
    user: lb.postgres.user,
    password: lb.postgres.password,
    database: lb.postgres.database,
  });
  await direct.connect();
  await direct.query(
    `drop table if exists rs_big; create table rs_big as select i::bigint as id, 'row ' || i as label, case when i % 7 = 0 then null when i % 11 = 0 then '' else 'x"' || i || ',' end as tricky from generate_series(0, 2344) i`,
  );
});

after(async () => {
  for (const e of engines) await e.dispose();
  await direct.end();
  await lb.stop();
  await lb.postgres.stop();
});

beforeEach(() => {
  lb.server.clearFaults();
  lb.server.invalidAccessKeys.clear();
  lb.service.executionDelayMs = 0;
  lb.service.pageRows = 500;
});

describe('Redshift Data API engine', () => {
  test('keeps BIGINT values beyond 2^53 exact (as text), the safe ones as numbers', async () => {
    const sql = `select * from (values (1, 9007199254740993::bigint), (2, '-9223372036854775808'::bigint), (3, 9223372036854775807::bigint),
      (4, 9007199254740991::bigint), (5, null::bigint), (6, 1234567890123456::bigint)) t(k, v) order by k`;
    const rows = await collectRows(await engine().execute(sql));
    assert.deepEqual(
      rows.map((r) => r[1]),
      ['9007199254740993', '-9223372036854775808', '9223372036854775807', 9007199254740991, null, 1234567890123456],
    );
  });

  test('runs a SELECT on a provisioned cluster and matches PostgreSQL row for row, with Data API types', async () => {
    const before = lb.server.calls.length;
    const exec = await engine().execute(HOSTILE_SQL);
    assert.deepEqual(await collectRows(exec), await pgRows(HOSTILE_SQL));
    assert.deepEqual(
      exec.columns.map((c) => [c.name, c.type, c.family]),
      [
        ['id', 'int4', 'integer'],
        ['s', 'varchar', 'string'],
        ['amount', 'numeric', 'decimal'],
        ['d', 'float8', 'float'],
        ['b', 'bool', 'boolean'],
        ['ts', 'timestamp', 'timestamp'],
        ['dt', 'date', 'date'],
      ],
    );
    const start = lb.server.calls.slice(before).find((c) => c.operation === 'ExecuteStatement')!;
    assert.equal(start.body.ClusterIdentifier, 'loopback-cluster');
    assert.equal(start.body.DbUser, 'analyst');
    assert.equal(start.body.Database, lb.postgres.database);
    assert.match(String(start.body.ClientToken), /^[0-9a-f-]{36}$/);
    assert.deepEqual(lb.service.statements.get(exec.info.queryId!)!.reported, ['SUBMITTED', 'PICKED', 'STARTED', 'FINISHED']);
  });

  test('keeps NULL and the empty string apart', async () => {
    const rows = await collectRows(await engine().execute(`select '' as e, null::varchar as n, 'NULL' as s`));
    assert.deepEqual(rows, [['', null, 'NULL']]);
  });

  test('targets a Serverless workgroup with WorkgroupName only', async () => {
    const before = lb.server.calls.length;
    const rows = await collectRows(await engine(lb.serverless).execute('select 40 + 2 as answer'));
    assert.deepEqual(rows, [[42]]);
    const start = lb.server.calls.slice(before).find((c) => c.operation === 'ExecuteStatement')!;
    assert.equal(start.body.WorkgroupName, 'loopback-wg');
    assert.equal(start.body.ClusterIdentifier, undefined);
    assert.equal(start.body.DbUser, undefined);
  });

  test('passes a Secrets Manager ARN instead of a database user', async () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:redshift-analyst-AbCdEf';
    const before = lb.server.calls.length;
    const { dbUser: _unused, ...rest } = lb.provisioned;
    assert.deepEqual(await collectRows(await engine({ ...rest, secretArn: arn }).execute('select 1 as x')), [[1]]);
    const start = lb.server.calls.slice(before).find((c) => c.operation === 'ExecuteStatement')!;
    assert.equal(start.body.SecretArn, arn);
    assert.equal(start.body.DbUser, undefined);
    assert.equal(start.body.ClusterIdentifier, 'loopback-cluster');
    await assert.rejects(
      engine({ ...lb.provisioned, secretArn: arn }).execute('select 1'),
      /either dbUser \(temporary credentials\) or secretArn/,
    );
  });

  test('streams a large result as GetStatementResult pages', async () => {
    const sql = 'select * from rs_big order by id';
    lb.service.pageRows = 100;
    const before = lb.server.callsTo('GetStatementResult').length;
    const exec = await engine().execute(sql);
    const pages: (readonly Row[])[] = [];
    for await (const page of exec.pages) pages.push(pageRows(page));
    assert.deepEqual(pages.flat(), await pgRows(sql));
    assert.equal(pages.length, 24);
    assert.equal(lb.server.callsTo('GetStatementResult').length - before, 24);
    assert.deepEqual(
      exec.columns.map((c) => c.type),
      ['int8', 'text', 'text'],
    );
  });

  test("reads a finished statement's stored result again without running it (also a batch's last result)", async () => {
    const sql = 'select * from rs_big where id <= 250 order by id';
    const first = await engine().execute(sql);
    const rows = await collectRows(first);
    const executes = lb.server.callsTo('ExecuteStatement').length + lb.server.callsTo('BatchExecuteStatement').length;
    const again = await engine().results!(first.info.queryId!);
    assert.deepEqual(again.columns, first.columns);
    assert.deepEqual(await collectRows(again), rows);
    assert.equal(
      lb.server.callsTo('ExecuteStatement').length + lb.server.callsTo('BatchExecuteStatement').length,
      executes,
      'nothing ran again',
    );
    assert.ok(again.info.notes?.some((n) => /stored result/.test(n)));

    const batch = await engine().execute(
      `create temp table rs_stored (a int);\ninsert into rs_stored values (7), (8);\nselect a from rs_stored order by a;`,
    );
    assert.deepEqual(await collectRows(batch), [[7], [8]]);
    assert.deepEqual(await collectRows(await engine().results!(batch.info.queryId!)), [[7], [8]]);

    await assert.rejects(engine().results!('no-such-statement'), (e: unknown) => e instanceof EngineError && /24 hours/.test(e.message));
  });

  test('runs several statements as one BatchExecuteStatement and shows the last result', async () => {
    const sql = `create table rs_batch (a int, b varchar(10));\ninsert into rs_batch values (1, 'x'), (2, null);\nselect * from rs_batch order by a;`;
    const exec = await engine().execute(sql);
    assert.deepEqual(await collectRows(exec), [
      [1, 'x'],
      [2, null],
    ]);
    const batch = lb.server.callsTo('BatchExecuteStatement').at(-1)!;
    assert.equal((batch.body.Sqls as string[]).length, 3);
    assert.ok(exec.info.notes?.some((n) => /3 statements in one transaction/.test(n)));
    await direct.query('drop table rs_batch');
  });

  test('a failing batch is rolled back and the error points into the failing statement', async () => {
    const sql = `create table rs_rollback (a int);\ninsert into rs_rollback values (1);\nselect nosuch_col from rs_rollback;`;
    await assert.rejects(engine().execute(sql), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.match(err.message, /^Statement 3 of 3 failed: ERROR: column "nosuch_col" does not exist/);
      assert.ok(sql.slice(err.position! - 1).startsWith('nosuch_col'), `position ${err.position}`);
      return true;
    });
    const exists = await direct.query(`select to_regclass('rs_rollback') as t`);
    assert.equal(exists.rows[0].t, null, 'the batch ran in one transaction');
  });

  test('DML reports rows affected', async () => {
    const exec = await engine().execute('update rs_big set label = label where id < 10');
    assert.equal(exec.columns.length, 0);
    assert.deepEqual(await collectRows(exec), []);
    assert.equal(exec.info.rowsAffected, 10);
  });

  test('a failed statement gives the Error text and its position', async () => {
    const sql = '-- comment first\nselect 1,\n  nosuch_col from rs_big';
    await assert.rejects(engine().execute(sql), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.message, 'ERROR: column "nosuch_col" does not exist');
      assert.ok(sql.slice(err.position! - 1).startsWith('nosuch_col'), `position ${err.position}`);
      return true;
    });
    await assert.rejects(
      engine().execute('selec 1'),
      (err: unknown) => err instanceof EngineError && err.details.category === 'syntax' && err.position === 1,
    );
  });

  test('cancelling calls CancelStatement, stops the query in PostgreSQL and ends ABORTED', async () => {
    const ac = new AbortController();
    const pending = engine().execute('select pg_sleep(30)', { signal: ac.signal });
    // Wait until PostgreSQL is really running it.
    for (let i = 0; i < 200; i++) {
      const r = await direct.query(
        `select count(*)::int as n from pg_stat_activity where query = 'select pg_sleep(30)' and state = 'active'`,
      );
      if (r.rows[0].n > 0) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    ac.abort();
    await assert.rejects(pending, (err: unknown) => err instanceof CancelledError);
    const cancels = lb.server.callsTo('CancelStatement');
    assert.equal(cancels.length, 1);
    const id = String(cancels[0].body.Id);
    const client = new RedshiftDataClient({ endpoint: lb.server.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS });
    let status: string | undefined;
    for (let i = 0; i < 100 && status !== 'ABORTED'; i++) {
      status = (await client.send(new DescribeStatementCommand({ Id: id }))).Status;
      await new Promise((res) => setTimeout(res, 20));
    }
    client.destroy();
    assert.equal(status, 'ABORTED');
    const still = await direct.query(
      `select count(*)::int as n from pg_stat_activity where query = 'select pg_sleep(30)' and state = 'active'`,
    );
    assert.equal(still.rows[0].n, 0);
  });

  test('rides out throttling and 5xx responses', async () => {
    lb.server.inject('throttle', 2, 'DescribeStatement');
    lb.server.inject('internal', 1, 'GetStatementResult');
    const before = lb.server.calls.length;
    assert.deepEqual(await collectRows(await engine().execute('select 1 as one')), [[1]]);
    const outcomes = lb.server.calls.slice(before).map((c) => c.outcome);
    assert.equal(outcomes.filter((o) => o === 400).length, 2);
    assert.equal(outcomes.filter((o) => o === 500).length, 1);
  });

  test('a dropped ExecuteStatement response is retried with the same ClientToken: one statement runs', async () => {
    lb.server.inject('dropAfterHandling', 1, 'ExecuteStatement');
    const before = lb.service.statements.size;
    const from = lb.server.callsTo('ExecuteStatement').length;
    assert.deepEqual(await collectRows(await engine().execute(`select 'once' as x`)), [['once']]);
    const mine = lb.server.callsTo('ExecuteStatement').slice(from);
    assert.equal(mine.length, 2);
    assert.equal(mine[0].body.ClientToken, mine[1].body.ClientToken);
    assert.equal(lb.service.statements.size - before, 1);
  });

  test('rejected credentials and bad connection settings give clear errors', async () => {
    lb.server.invalidAccessKeys.add(TEST_CREDENTIALS.accessKeyId);
    await assert.rejects(
      engine().execute('select 1'),
      (err: unknown) =>
        err instanceof EngineError &&
        err.details.category === 'auth' &&
        /security token included in the request is invalid/.test(err.message),
    );
    lb.server.invalidAccessKeys.clear();
    await assert.rejects(
      engine({ ...lb.provisioned, workgroupName: 'loopback-wg' }).execute('select 1'),
      /either clusterIdentifier \(provisioned\) or workgroupName/,
    );
    await assert.rejects(
      engine({ ...lb.provisioned, clusterIdentifier: 'no-such-cluster' }).execute('select 1'),
      /Redshift endpoint doesn't exist in this region/,
    );
  });
});

describe('Redshift Data API engine: a failure or dispose after the statement started cancels it', () => {
  test('polling that fails past the SDK retries (throttling) sends CancelStatement and logs it', async () => {
    lb.service.executionDelayMs = 10_000;
    const logged: string[] = [];
    const e = engine(undefined, { maxAttempts: 2, log: (m) => logged.push(m) });
    lb.server.inject('throttle', 50, 'DescribeStatement');
    const before = lb.server.callsTo('CancelStatement').length;
    await assert.rejects(e.execute('select 1'), (err: unknown) => err instanceof EngineError && err.details.category === 'throttled');
    lb.server.clearFaults();
    lb.service.executionDelayMs = 0;
    assert.equal(lb.server.callsTo('CancelStatement').length - before, 1);
    assert.deepEqual(lb.service.runningStatements(), []);
    assert.ok(
      logged.some((m) => /cancelled Redshift Data API statement .* after a failure/i.test(m)),
      logged.join('\n'),
    );
  });

  test('dispose during polling rejects clearly (no TypeError) and cancels the statement', async () => {
    lb.service.executionDelayMs = 10_000;
    const e = engine();
    const pending = e.execute('select 3');
    pending.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 150));
    await e.dispose();
    lb.service.executionDelayMs = 0;
    await assert.rejects(
      pending,
      (err: unknown) => err instanceof EngineError && /closed/.test(err.message) && !/Cannot read properties/.test(err.message),
    );
    assert.deepEqual(lb.service.runningStatements(), []);
  });
});
