import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ColumnInfo, Row } from '../../../src/core/engines/engine';
import { ResultSession } from '../../../src/core/results/session';
import { athenaCostUsd, runInfoText, runInfoView } from '../../../src/core/results/runInfo';

const columns: ColumnInfo[] = [
  { name: 'id', type: 'INTEGER', family: 'integer' },
  { name: 'name', type: 'VARCHAR', family: 'string' },
];

function session(): ResultSession {
  const s = new ResultSession();
  s.columns = columns;
  s.append([
    [3, 'carol'],
    [1, 'alice\tA'],
    [null, 'nobody'],
    [2, 'bob'],
  ]);
  return s;
}

describe('ResultSession', () => {
  test('pages come from the sorted view; header clicks cycle the sort', async () => {
    const s = session();
    assert.deepEqual(
      s.rowsInView(0, 10).map((r) => r[0]),
      [3, 1, null, 2],
    );
    assert.equal(await s.cycleSort(0), true);
    assert.deepEqual(
      s.rowsInView(0, 10).map((r) => r[0]),
      [1, 2, 3, null],
    );
    assert.deepEqual(
      s.rowsInView(1, 2).map((r) => r[0]),
      [2, 3],
    );
    await s.cycleSort(0);
    assert.deepEqual(
      s.rowsInView(0, 10).map((r) => r[0]),
      [3, 2, 1, null],
    );
    await s.cycleSort(0);
    assert.equal(s.sort, undefined);
    assert.deepEqual(
      s.rowsInView(0, 10).map((r) => r[0]),
      [3, 1, null, 2],
    );
    assert.equal(s.viewVersion, 3);
  });

  test('rows arriving after a sort make the view stale until refreshed', async () => {
    const s = session();
    await s.cycleSort(0);
    s.append([[0, 'zero']]);
    assert.equal(s.viewStale, true);
    assert.equal(s.viewRowCount, 4);
    await s.refreshView();
    assert.equal(s.viewStale, false);
    assert.deepEqual(
      s.rowsInView(0, 10).map((r) => r[0]),
      [0, 1, 2, 3, null],
    );
  });

  test('filter narrows the view; the row count stays the full count', async () => {
    const s = session();
    await s.setFilter('B', 1);
    assert.deepEqual(
      s.rowsInView(0, 10).map((r) => r[1]),
      ['nobody', 'bob'],
    );
    assert.equal(s.viewRowCount, 2);
    assert.equal(s.rowCount, 4);
  });

  test('copy: TSV of the selected rectangle of the view, with header on request', async () => {
    const s = session();
    await s.cycleSort(0);
    const { text, rows } = s.copyTsv({ rowStart: 0, rowEnd: 2, colStart: 0, colEnd: 2, includeHeader: true });
    assert.equal(rows, 2);
    assert.equal(text, 'id\tname\n1\t"alice\tA"\n2\tbob');
    assert.equal(s.copyTsv({ rowStart: 3, rowEnd: 99, colStart: 1, colEnd: 2, includeHeader: false }).text, 'nobody');
    const capped = s.copyTsv({ rowStart: 0, rowEnd: 4, colStart: 0, colEnd: 2, includeHeader: false }, 12);
    assert.equal(capped.truncated, true);
    assert.ok(capped.rows < 4);
  });

  test('export source is the full result in query order, whatever the grid shows', async () => {
    const s = session();
    await s.setFilter('bob');
    await s.cycleSort(0);
    const source = s.exportSource();
    assert.equal(source.rowCount, 4);
    assert.deepEqual(
      [...(source.rows() as Iterable<Row>)].map((r) => r[0]),
      [3, 1, null, 2],
    );
  });
});

describe('run info', () => {
  test('Athena cost: $5 per TB, rounded up to the MB with a 10 MB minimum', () => {
    assert.equal(athenaCostUsd(1024 ** 4), 5);
    assert.equal(athenaCostUsd(0), athenaCostUsd(10 * 1024 ** 2));
    assert.equal(athenaCostUsd(10 * 1024 ** 2 + 1), ((11 * 1024 ** 2) / 1024 ** 4) * 5);
    const info = runInfoView({ bytesScanned: 2 * 1024 ** 4, notes: ['read directly from S3'], queryId: 'q-1' });
    assert.deepEqual(info, { queryId: 'q-1', bytesScanned: 2 * 1024 ** 4, estimatedCostUsd: 10, notes: ['read directly from S3'] });
    assert.equal(runInfoView({}).estimatedCostUsd, undefined);
  });

  test('the toolbar line: rows affected, bytes scanned, cost, then notes', () => {
    assert.equal(runInfoText({ rowsAffected: 3, notes: [] }), '3 rows affected');
    assert.equal(runInfoText(runInfoView({ bytesScanned: 2 * 1024 ** 4, notes: ['from S3'] })), '2.00 TiB scanned · ≈ $10.00 · from S3');
    assert.equal(runInfoText(runInfoView({ bytesScanned: 1024, notes: [] })), '1.00 KiB scanned · ≈ $0.00005');
  });
});
