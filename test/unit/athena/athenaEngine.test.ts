// Athena engine against the loopback Athena (real SDK client, real DuckDB, real s3rver).
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { AthenaClient, GetQueryExecutionCommand } from '@aws-sdk/client-athena';
import { createAthenaEngine, type AthenaEngineOptions } from '../../../src/core/engines/athena/athenaEngine';
import { CancelledError, EngineError, collectRows, pageRows, type Engine, type Row } from '../../../src/core/engines/engine';
import { startAthenaLoopback, TEST_CREDENTIALS, type AthenaLoopback } from '../../support/aws/athenaHarness';

const fast: AthenaEngineOptions['poll'] = { initialMs: 5, maxMs: 20 };

let lb: AthenaLoopback;
const engines: Engine[] = [];

function engine(options: AthenaEngineOptions = {}): Engine {
  const e = createAthenaEngine(lb.connection, { credentials: TEST_CREDENTIALS, poll: fast, ...options });
  engines.push(e);
  return e;
}

/** What DuckDB itself returns for `sql`, as grid values (the reference the engine must match). */
async function duckdbRows(sql: string): Promise<Row[]> {
  const r = await lb.duckdb.runAndReadAll(sql);
  return r.getRows().map((row) =>
    row.map((v) => {
      if (v === null) return null;
      if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : String(v);
      if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
      return String(v);
    }),
  );
}

const HOSTILE_SQL = `select * from (values
  (1, 'plain', 1.5::double, true, date '2024-02-29'),
  (2, '', -0.25::double, false, date '1970-01-01'),
  (3, null, null, null, null),
  (4, 'NULL', 1e300::double, true, date '2038-01-19'),
  (5, 'comma, "quote" and' || chr(10) || 'newline', 0::double, false, date '2000-01-01'),
  (6, '""', 2::double, true, date '2000-01-02'),
  (7, 'émoji 🚀 ' || chr(13) || chr(10) || ' crlf', 3::double, false, date '2000-01-03'),
  (8, ''';DROP TABLE x;--', 4::double, true, date '2000-01-04')
) t(id, s, d, b, dt) order by id`;

before(async () => {
  lb = await startAthenaLoopback();
  await lb.duckdb.run(
    `create table big as select i::bigint as id, 'row ' || i as label, case when i % 7 = 0 then null when i % 11 = 0 then '' else 'x"' || (i * 3) || ',' end as tricky, (i / 4.0)::double as ratio from range(2345) r(i)`,
  );
});

after(async () => {
  for (const e of engines) await e.dispose();
  await lb.stop();
});

beforeEach(() => {
  lb.server.clearFaults();
  lb.athena.executionDelayMs = 0;
  lb.s3.denyGetObject.clear();
  lb.server.invalidAccessKeys.clear();
});

describe('Athena engine', () => {
  test('runs a SELECT, reads the result CSV straight from S3, and matches DuckDB row for row', async () => {
    const calls = lb.server.calls.length;
    const exec = await engine().execute(HOSTILE_SQL);
    const rows = await collectRows(exec);
    assert.deepEqual(rows, await duckdbRows(HOSTILE_SQL));
    assert.deepEqual(
      exec.columns.map((c) => [c.name, c.type, c.family]),
      [
        ['id', 'integer', 'integer'],
        ['s', 'varchar', 'string'],
        ['d', 'double', 'float'],
        ['b', 'boolean', 'boolean'],
        ['dt', 'date', 'date'],
      ],
    );
    assert.ok(exec.info.notes?.includes('read directly from S3'), String(exec.info.notes));
    assert.ok(exec.info.queryId);
    assert.ok((exec.info.bytesScanned ?? 0) > 0);
    // The state machine as the engine observed it, and only the header page was fetched via the API.
    assert.deepEqual(lb.athena.queries.get(exec.info.queryId!)!.reported, ['QUEUED', 'RUNNING', 'SUCCEEDED']);
    const mine = lb.server.calls.slice(calls);
    assert.equal(mine.filter((c) => c.operation === 'GetQueryResults').length, 1);
    assert.equal(mine.find((c) => c.operation === 'GetQueryResults')!.body.MaxResults, 1);
    const start = mine.find((c) => c.operation === 'StartQueryExecution')!;
    assert.match(String(start.body.ClientRequestToken), /^[0-9a-f-]{36}$/);
    assert.deepEqual(start.body.QueryExecutionContext, { Database: 'default', Catalog: 'AwsDataCatalog' });
    assert.equal(start.body.WorkGroup, 'primary');
  });

  test('keeps NULL and the empty string apart on both result paths', async () => {
    const sql = `select * from (values ('', 'a'), (null, 'b'), ('NULL', 'c'), ('N/A', null)) t(x, y)`;
    const direct = await collectRows(await engine().execute(sql));
    lb.s3.denyGetObject.add(TEST_CREDENTIALS.accessKeyId);
    const paged = await collectRows(await engine().execute(sql));
    const expected = await duckdbRows(sql);
    assert.deepEqual(direct, expected);
    assert.deepEqual(paged, expected);
    assert.equal(direct[0][0], '');
    assert.equal(direct[1][0], null);
  });

  test('falls back to GetQueryResults paging when S3 GetObject is denied, with exactly the same rows', async () => {
    const sql = 'select * from big order by id';
    const directExec = await engine().execute(sql);
    const direct = await collectRows(directExec);
    lb.s3.denyGetObject.add(TEST_CREDENTIALS.accessKeyId);
    const before = lb.server.callsTo('GetQueryResults').length;
    const pagedEngine = engine();
    const pagedExec = await pagedEngine.execute(sql, { pageSize: 1000 });
    const pages: (readonly Row[])[] = [];
    for await (const page of pagedExec.pages) pages.push(pageRows(page));
    const paged = pages.flat();
    assert.equal(direct.length, 2345);
    assert.deepEqual(paged, direct);
    assert.deepEqual(paged, await duckdbRows(sql));
    // 2345 rows + header row = 2346 → pages of 1 (header probe), then 1000, 1000, 346.
    assert.equal(lb.server.callsTo('GetQueryResults').length - before, 4);
    assert.ok(
      pagedExec.info.notes?.some((n) => /denied; paged through GetQueryResults/.test(n)),
      String(pagedExec.info.notes),
    );
    assert.ok(pages.every((p) => p.length <= 1000));
    // The same engine does not try the denied bucket again.
    const gets = lb.s3.getObjectCount();
    const again = await pagedEngine.execute('select count(*) as n from big');
    assert.deepEqual(await collectRows(again), [[2345]]);
    assert.equal(lb.s3.getObjectCount(), gets);
    assert.ok(
      again.info.notes?.some((n) => /denied earlier/.test(n)),
      String(again.info.notes),
    );
  });

  test('pages through GetQueryResults when direct reads are switched off', async () => {
    const sql = 'select id, tricky from big where id < 1500 order by id';
    const exec = await engine({ directS3Read: false }).execute(sql, { pageSize: 400 });
    const pages: (readonly Row[])[] = [];
    for await (const page of exec.pages) pages.push(pageRows(page));
    assert.deepEqual(pages.flat(), await duckdbRows(sql));
    assert.ok(pages.length >= 4 && pages.every((p) => p.length <= 400));
    assert.ok(exec.info.notes?.includes('paged through GetQueryResults'));
  });

  test('hands the direct-read rows over in pages of the requested size, and stops early on break', async () => {
    const exec = await engine().execute('select * from big order by id', { pageSize: 500 });
    let seen = 0;
    for await (const page of exec.pages) {
      assert.ok(page.length <= 500);
      seen += page.length;
      if (seen >= 1000) break;
    }
    assert.equal(seen, 1000);
  });

  test('re-opens a stored result without running the query again, asking S3 while the status is still on its way', async () => {
    const sql = 'select * from big order by id';
    const first = await engine().execute(sql);
    const expected = await collectRows(first);
    const queryId = first.info.queryId!;
    const starts = lb.server.callsTo('StartQueryExecution').length;
    // GetQueryExecution is held until the result file has been requested: read one after the
    // other, the file would only be asked for after the status came back, and this would hang.
    let release!: () => void;
    lb.server.holds.set('GetQueryExecution', new Promise<void>((r) => (release = r)));
    const gets = lb.s3.getObjectCount();
    const reopening = engine().results!(queryId);
    for (let waited = 0; lb.s3.getObjectCount() === gets; waited += 5) {
      assert.ok(waited < 5000, 'the result file was not requested before the status arrived');
      await new Promise((r) => setTimeout(r, 5));
    }
    release();
    const again = await reopening;
    assert.deepEqual(await collectRows(again), expected);
    assert.ok(again.info.notes?.includes('read directly from S3'), String(again.info.notes));
    assert.equal(lb.s3.getObjectCount(), gets + 1);
    assert.equal(lb.server.callsTo('StartQueryExecution').length, starts);
  });

  test('a stored result whose file is not where the connection would put it is still read from the right place', async () => {
    const sql = 'select id, label from big where id < 300 order by id';
    const first = await engine().execute(sql);
    const expected = await collectRows(first);
    // Another connection to the same workgroup with a different output location: its guess misses.
    const elsewhere = createAthenaEngine(
      { ...lb.connection, outputLocation: 's3://athena-results/elsewhere/' },
      { credentials: TEST_CREDENTIALS, poll: fast },
    );
    engines.push(elsewhere);
    const gets = lb.s3.getObjectCount();
    const again = await elsewhere.results(first.info.queryId!);
    assert.deepEqual(await collectRows(again), expected);
    assert.equal(lb.s3.getObjectCount(), gets + 2);
    // A query that did not succeed has no stored result, whatever was requested early.
    lb.athena.executionDelayMs = 0;
    const failing = await engine()
      .execute('select * from no_such_table')
      .catch((e: unknown) => e);
    assert.ok(failing instanceof EngineError);
    const failedId = [...lb.athena.queries.keys()].pop()!;
    await assert.rejects(
      engine().results!(failedId),
      (e: unknown) => e instanceof EngineError && /has no results: it is FAILED/.test(e.message),
    );
  });

  test('re-opening pages through GetQueryResults when S3 GetObject is denied', async () => {
    const sql = 'select * from big where id < 2100 order by id';
    const first = await engine().execute(sql);
    const expected = await collectRows(first);
    lb.s3.denyGetObject.add(TEST_CREDENTIALS.accessKeyId);
    const before = lb.server.callsTo('GetQueryResults').length;
    const again = await engine().results!(first.info.queryId!, { pageSize: 1000 });
    assert.deepEqual(await collectRows(again), expected);
    assert.ok(
      again.info.notes?.some((n) => /denied; paged through GetQueryResults/.test(n)),
      String(again.info.notes),
    );
    // The one-row page asked for early, then 1000, 1000 and 101 (2100 rows + the header).
    assert.equal(lb.server.callsTo('GetQueryResults').length - before, 4);
  });

  test('cancelling stops the query on the server (StopQueryExecution → CANCELLED)', async () => {
    lb.athena.executionDelayMs = 10_000;
    const ac = new AbortController();
    const e = engine();
    const pending = e.execute('select 42', { signal: ac.signal });
    setTimeout(() => ac.abort(), 150);
    await assert.rejects(pending, (err: unknown) => err instanceof CancelledError);
    const stops = lb.server.callsTo('StopQueryExecution');
    assert.equal(stops.length, 1);
    const id = String(stops[0].body.QueryExecutionId);
    const client = new AthenaClient({ endpoint: lb.server.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS });
    const out = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    client.destroy();
    assert.equal(out.QueryExecution?.Status?.State, 'CANCELLED');
  });

  test('rides out throttling and 5xx responses (retried by the SDK)', async () => {
    lb.server.inject('throttle', 2, 'GetQueryExecution');
    lb.server.inject('internal', 2, 'GetQueryResults');
    const before = lb.server.calls.length;
    const rows = await collectRows(await engine().execute('select 1 as one'));
    assert.deepEqual(rows, [[1]]);
    const outcomes = lb.server.calls.slice(before).map((c) => c.outcome);
    assert.equal(outcomes.filter((o) => o === 400).length, 2);
    assert.equal(outcomes.filter((o) => o === 500).length, 2);
  });

  test('throttling that outlasts the retries is reported as such', async () => {
    lb.server.inject('throttle', 10, 'StartQueryExecution');
    await assert.rejects(engine({ maxAttempts: 2 }).execute('select 1'), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.details.category, 'throttled');
      assert.match(err.message, /^Athena is throttling requests \(after 2 attempts\): Rate exceeded/);
      return true;
    });
  });

  test('a connection dropped after StartQueryExecution was handled is retried without starting the query twice', async () => {
    lb.server.inject('dropAfterHandling', 1, 'StartQueryExecution');
    const before = lb.athena.queries.size;
    const starts = lb.server.callsTo('StartQueryExecution').length;
    const rows = await collectRows(await engine().execute('select 7 as seven'));
    assert.deepEqual(rows, [[7]]);
    const mine = lb.server.callsTo('StartQueryExecution').slice(starts);
    assert.equal(mine.length, 2);
    assert.equal(mine[0].outcome, 'dropped');
    assert.equal(mine[0].body.ClientRequestToken, mine[1].body.ClientRequestToken);
    assert.equal(lb.athena.queries.size - before, 1, 'the retry reused the ClientRequestToken');
  });

  test('a server that keeps dropping connections surfaces a clear connection error', async () => {
    lb.server.inject('drop', 10);
    await assert.rejects(engine({ maxAttempts: 2 }).execute('select 1'), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.details.category, 'connection');
      assert.match(err.message, /Athena: network error \(after 2 attempts\)/);
      return true;
    });
  });

  test('a failed query becomes an EngineError with the reason and its position in the statement', async () => {
    const sql = 'select 1\nfrom no_such_table';
    await assert.rejects(engine().execute(sql), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.match(err.message, /^TABLE_NOT_FOUND: line 2:6: /);
      assert.equal(err.details.category, 'query');
      assert.equal(sql.slice(err.position! - 1).startsWith('no_such_table'), true);
      return true;
    });
    await assert.rejects(engine().execute('selec 1'), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.details.category, 'syntax');
      assert.equal(err.position, 1);
      return true;
    });
  });

  test('rejected credentials are reported as an auth problem', async () => {
    lb.server.invalidAccessKeys.add(TEST_CREDENTIALS.accessKeyId);
    await assert.rejects(engine().execute('select 1'), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.details.category, 'auth');
      assert.match(
        err.message,
        /rejected the AWS credentials \(UnrecognizedClientException\): The security token included in the request is invalid/,
      );
      return true;
    });
  });

  test('an IAM policy that denies Athena is reported as a permission problem', async () => {
    lb.server.deniedAccessKeys.add(TEST_CREDENTIALS.accessKeyId);
    await assert.rejects(engine().execute('select 1'), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.details.category, 'permission');
      assert.match(
        err.message,
        /^Athena: access denied \(AccessDeniedException\): .*not authorized to perform: athena:StartQueryExecution/,
      );
      return true;
    });
  });

  test('DDL and utility statements return no header row and no direct read', async () => {
    const ddl = await engine().execute('create table made_by_ddl (a integer)');
    assert.deepEqual(await collectRows(ddl), []);
    assert.equal(ddl.columns.length, 0);
    const show = await engine().execute('show tables');
    const names = (await collectRows(show)).map((r) => r[0]);
    assert.ok(names.includes('made_by_ddl') && names.includes('big'), String(names));
    assert.ok(!show.info.notes?.includes('read directly from S3'));
    const insert = await engine().execute('insert into made_by_ddl values (1), (2), (3)');
    assert.deepEqual(await collectRows(insert), []);
    assert.equal(insert.info.rowsAffected, 3);
  });
});

describe('Athena engine: a failure or dispose after the query started stops it on the server', () => {
  test('polling that fails past the SDK retries (throttling) sends StopQueryExecution and logs it', async () => {
    lb.athena.executionDelayMs = 10_000;
    const logged: string[] = [];
    const e = engine({ maxAttempts: 2, log: (m) => logged.push(m) });
    lb.server.inject('throttle', 50, 'GetQueryExecution');
    const stopsBefore = lb.server.callsTo('StopQueryExecution').length;
    await assert.rejects(e.execute('select 1'), (err: unknown) => err instanceof EngineError && err.details.category === 'throttled');
    lb.server.clearFaults();
    assert.equal(lb.server.callsTo('StopQueryExecution').length - stopsBefore, 1);
    assert.deepEqual(lb.athena.runningQueries(), [], 'nothing left running on the service');
    assert.ok(
      logged.some((m) => /stopped Athena query .* after a failure/i.test(m)),
      logged.join('\n'),
    );
  });

  test('polling whose connection keeps dropping sends StopQueryExecution', async () => {
    lb.athena.executionDelayMs = 10_000;
    const e = engine({ maxAttempts: 2 });
    lb.server.inject('drop', 50, 'GetQueryExecution');
    await assert.rejects(e.execute('select 2'), EngineError);
    lb.server.clearFaults();
    assert.deepEqual(lb.athena.runningQueries(), []);
  });

  test('dispose during polling rejects clearly (no TypeError) and stops the query', async () => {
    lb.athena.executionDelayMs = 10_000;
    const e = engine();
    const pending = e.execute('select 3');
    pending.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 150));
    await e.dispose();
    await assert.rejects(
      pending,
      (err: unknown) => err instanceof EngineError && /closed/.test(err.message) && !/Cannot read properties/.test(err.message),
    );
    assert.deepEqual(lb.athena.runningQueries(), []);
  });
});
