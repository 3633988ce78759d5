// What a Results panel keeps across a window reload (src/core/results/restore.ts): the run's
// identity and its statement masked like the history's, never rows; what the restored panel offers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SQL_CHARS, type HistoryEntry } from '../../../src/core/results/history';
import { notKeptText, parseRestorableRun, restorableRun, restoredAction } from '../../../src/core/results/restore';

const run = { id: 'run-abc-1', title: 'events.sql:3', connectionName: 'warehouse', sql: "select * from events where user_id = 'u1'" };
const entry = (extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: run.id,
  sql: run.sql,
  connectionName: run.connectionName,
  engineKind: 'postgres',
  startedAt: 1_700_000_000_000,
  elapsedMs: 5,
  rowCount: 3,
  status: 'done',
  ...extra,
});

describe('restorable run', () => {
  test('keeps the run id, title, connection and statement; nothing else', () => {
    assert.deepEqual(restorableRun(run), { runId: run.id, title: run.title, connectionName: run.connectionName, sql: run.sql });
  });

  test('secret literals are masked as in the query history, and marked', () => {
    const kept = restorableRun({
      ...run,
      sql: "ALTER USER bob PASSWORD 'hunter2'; COPY t FROM 's3://b/k' CREDENTIALS 'aws_access_key_id=AKIA;aws_secret_access_key=s3cr3t'",
    });
    assert.ok(!kept.sql.includes('hunter2') && !kept.sql.includes('s3cr3t'), kept.sql);
    assert.match(kept.sql, /PASSWORD '\*\*\*'/);
    assert.equal(kept.redacted, true);
  });

  test('a statement over the history cap is cut and marked', () => {
    const kept = restorableRun({ ...run, sql: 'select 1 -- ' + 'x'.repeat(MAX_SQL_CHARS) });
    assert.equal(kept.sql.length, MAX_SQL_CHARS);
    assert.equal(kept.truncated, true);
  });

  test('the state survives a JSON round trip (how VS Code stores it) and parses back', () => {
    const kept = restorableRun(run);
    assert.deepEqual(parseRestorableRun(JSON.parse(JSON.stringify(kept))), kept);
  });

  test('a hostile or stale state is refused, and unknown fields are dropped', () => {
    for (const bad of [
      undefined,
      null,
      'run-1',
      [],
      {},
      { ...restorableRun(run), runId: 7 },
      { ...restorableRun(run), sql: 'x'.repeat(MAX_SQL_CHARS + 1) },
      { ...restorableRun(run), redacted: 'no' },
      { ...restorableRun(run), title: 'x'.repeat(1_001) },
    ]) {
      assert.equal(parseRestorableRun(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
    }
    assert.deepEqual(parseRestorableRun({ ...restorableRun(run), rows: [[1, 2]], __proto__x: 1 }), restorableRun(run));
  });
});

describe('restored panel action', () => {
  test('runs again only the history copy of the statement, when it is whole and unmasked', () => {
    const kept = restorableRun(run);
    const action = restoredAction(kept, [entry({ id: 'other', sql: 'select 2' }), entry()]);
    assert.deepEqual(action, { kind: 'runAgain', entry: entry() });
    assert.equal(notKeptText(action).label, 'Run again');
    assert.match(notKeptText(action).text, /not kept.*never written to disk/);
  });

  test('the text from the webview state is never run: with no history entry it is only opened', () => {
    const forged = { ...restorableRun(run), sql: 'drop table events' };
    const action = restoredAction(forged, []);
    assert.deepEqual(action, { kind: 'open', statement: { sql: 'drop table events', redacted: undefined, truncated: undefined } });
    assert.equal(notKeptText(action).label, 'Open statement');
    // A history entry for the run wins over the state's text.
    assert.deepEqual(restoredAction(forged, [entry()]), { kind: 'runAgain', entry: entry() });
  });

  test('a masked or cut history entry is opened for editing, not run', () => {
    const masked = entry({ sql: "alter user bob password '***'", redacted: true });
    assert.deepEqual(restoredAction(restorableRun(run), [masked]), {
      kind: 'open',
      statement: { sql: masked.sql, redacted: true, truncated: undefined },
    });
    const cut = entry({ truncated: true });
    assert.equal(restoredAction(restorableRun(run), [cut]).kind, 'open');
  });
});
