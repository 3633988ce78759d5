import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HISTORY_KEY,
  MAX_SQL_CHARS,
  QueryHistory,
  canRunAgainAsIs,
  summarizeSql,
  type HistoryEntry,
} from '../../../src/core/results/history';

class MemoryStorage {
  data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, JSON.parse(JSON.stringify(value))); // like workspaceState: JSON round trip
  }
}

const entry = (i: number, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: `run-${i}`,
  sql: `select ${i}`,
  connectionName: 'local',
  engineKind: 'local',
  startedAt: 1_700_000_000_000 + i,
  elapsedMs: 5,
  rowCount: 1,
  status: 'done',
  ...extra,
});

describe('QueryHistory', () => {
  test('newest first, bounded, survives a storage round trip', async () => {
    const storage = new MemoryStorage();
    const history = new QueryHistory(storage, 3);
    for (let i = 1; i <= 5; i++) await history.record(entry(i));
    assert.deepEqual(
      new QueryHistory(storage, 3).list().map((e) => e.id),
      ['run-5', 'run-4', 'run-3'],
    );
  });

  test('stores the statement as typed, caps huge ones, keeps one error line, and has no secret field', async () => {
    const storage = new MemoryStorage();
    const history = new QueryHistory(storage);
    const sql = "select *\n  from events -- note\nwhere app_id = 'x'";
    await history.record(entry(1, { sql, status: 'error', error: 'Parser Error: syntax error\nLINE 1: ...' }));
    await history.record(entry(2, { sql: 'x'.repeat(MAX_SQL_CHARS + 10) }));
    const [big, failed] = history.list();
    assert.equal(failed.sql, sql);
    assert.equal(failed.error, 'Parser Error: syntax error');
    assert.equal(big.sql.length, MAX_SQL_CHARS);
    assert.equal(big.truncated, true);
    assert.deepEqual(Object.keys(failed).sort(), [
      'connectionName',
      'elapsedMs',
      'engineKind',
      'error',
      'id',
      'rowCount',
      'sql',
      'startedAt',
      'status',
    ]);
  });

  test('masks secret literals typed into a statement, as the log does', async () => {
    const storage = new MemoryStorage();
    const history = new QueryHistory(storage);
    const copy =
      "copy atomic.events from 's3://bucket/run=1/' credentials 'aws_access_key_id=AKIAXXX;aws_secret_access_key=sEcReT' delimiter '\\t'";
    await history.record(entry(1, { sql: copy }));
    await history.record(
      entry(2, { sql: "alter user analyst password 'hunter2'", status: 'error', error: "permission denied near password 'hunter2'" }),
    );
    const stored = JSON.stringify(storage.data.get(HISTORY_KEY));
    assert.ok(!stored.includes('sEcReT') && !stored.includes('hunter2'), stored);
    const [alter, copied] = history.list();
    assert.equal(copied.sql, "copy atomic.events from 's3://bucket/run=1/' credentials '***' delimiter '\\t'");
    assert.equal(alter.sql, "alter user analyst password '***'");
  });

  test('an entry whose text was masked or cut is not offered to run as it is (▶ would set the password to ***)', async () => {
    const storage = new MemoryStorage();
    const history = new QueryHistory(storage);
    await history.record(entry(1, { sql: "ALTER USER etl PASSWORD 'n3w-Secret'" }));
    await history.record(entry(2, { sql: 'select 1' }));
    await history.record(entry(3, { sql: 'x'.repeat(MAX_SQL_CHARS + 1) }));
    const [cut, plain, masked] = history.list();
    assert.equal(masked.redacted, true);
    assert.equal(canRunAgainAsIs(masked), false);
    assert.equal(canRunAgainAsIs(cut), false);
    assert.equal(canRunAgainAsIs(plain), true);
    // Stored by an earlier version: no mark, but the masked literal shows it.
    assert.equal(canRunAgainAsIs(entry(4, { sql: "alter user etl password '***'" })), false);
  });

  test('ignores malformed stored data and can be cleared', async () => {
    const storage = new MemoryStorage();
    storage.data.set(HISTORY_KEY, [{ bogus: true }, entry(1), 'x']);
    const history = new QueryHistory(storage);
    assert.deepEqual(
      history.list().map((e) => e.id),
      ['run-1'],
    );
    await history.clear();
    assert.deepEqual(history.list(), []);
  });

  test('summaries are one line', () => {
    assert.equal(summarizeSql('select\n\t a,\n b from t'), 'select a, b from t');
    assert.equal(summarizeSql('x'.repeat(100), 10).length, 10);
  });
});
