// A result larger than the memory the panel may use: the session keeps the first rows and says
// so, the size estimate tracks the real heap, and an export still writes every row by reading
// the result again, streamed, with memory flat.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ColumnInfo, QueryExecution, Row } from '../../../src/core/engines/engine';
import { exportResult } from '../../../src/core/results/export';
import { estimateRowsBytes } from '../../../src/core/results/memory';
import { ResultSession } from '../../../src/core/results/session';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const dir = mkdtempSync(path.join(os.tmpdir(), 'dw-big-result-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const columns: ColumnInfo[] = [
  { name: 'event_id', type: 'BIGINT', family: 'integer' },
  { name: 'user_id', type: 'VARCHAR', family: 'string' },
  { name: 'value', type: 'DOUBLE', family: 'float' },
  { name: 'page_url', type: 'VARCHAR', family: 'string' },
  { name: 'collector_tstamp', type: 'TIMESTAMP', family: 'timestamp' },
];
// Fresh flat strings per row, decoded from bytes as engines produce them (a string built by `+`
// is a rope of several heap objects), some long, some non-Latin-1, some NULL.
const decoded = (s: string) => Buffer.from(s, 'utf8').toString('utf8');
const rowFor = (i: number): Row => [
  i,
  decoded(`user_${i % 50_000}`),
  i / 8,
  i % 5 === 0 ? null : decoded(`https://example.com/${'p'.repeat(i % 40)}/${i}?q=${i % 3 ? 'x' : 'ü漢'}`),
  decoded(`2024-01-01 00:00:${String(i % 60).padStart(2, '0')}.${i % 1000}`),
];

async function* pagesOf(n: number, pageSize = 1000): AsyncGenerator<Row[]> {
  for (let start = 0; start < n; start += pageSize) {
    const page: Row[] = [];
    for (let i = start; i < Math.min(n, start + pageSize); i++) page.push(rowFor(i));
    yield page;
  }
}

const execution = (n: number): QueryExecution => ({ columns, pages: pagesOf(n), info: {} });

describe('a result bigger than the memory limit', () => {
  test('the size estimate is within a factor of two of the heap the rows really take', () => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const rows: Row[] = [];
    for (let i = 0; i < 200_000; i++) rows.push(rowFor(i));
    gc();
    const real = process.memoryUsage().heapUsed - before;
    const estimate = estimateRowsBytes(rows);
    assert.ok(estimate > real / 2 && estimate < real * 2, `estimate ${estimate} vs heap ${real}`);
    assert.equal(rows.length, 200_000); // keep them alive until measured
  });

  test('the session keeps the first rows, stops at the limit, and an export re-reads every row', async () => {
    const total = 120_000;
    const session = new ResultSession({ memoryLimitBytes: 2 * 2 ** 20 });
    session.columns = columns;
    let pages = 0;
    for await (const page of pagesOf(total)) {
      pages++;
      if (!session.append(page)) break;
    }
    assert.equal(session.truncated, true);
    assert.ok(session.rowCount < total && session.rowCount === pages * 1000, `kept ${session.rowCount} rows`);
    assert.ok(session.storedBytes >= 2 * 2 ** 20);

    // Without a way to read the result again, the export holds what was kept (and says how many).
    assert.equal(session.exportSource().rowCount, session.rowCount);

    // With one, every row, identical to exporting the whole result from memory.
    let rereads = 0;
    const full = path.join(dir, 'full.csv');
    const written = await exportResult(
      'csv',
      session.exportSource(async () => (rereads++, execution(total))),
      full,
    );
    assert.equal(written, total);
    assert.equal(rereads, 1);
    const all: Row[] = [];
    for await (const page of pagesOf(total)) all.push(...page);
    const reference = path.join(dir, 'reference.csv');
    await exportResult('csv', { columns, rowCount: all.length, rows: () => all }, reference);
    assert.equal(readFileSync(full, 'utf8'), readFileSync(reference, 'utf8'));

    const jsonl = path.join(dir, 'full.jsonl');
    assert.equal(
      await exportResult(
        'jsonl',
        session.exportSource(async () => execution(total)),
        jsonl,
      ),
      total,
    );
    const lines = readFileSync(jsonl, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, total);
    assert.equal(JSON.parse(lines[total - 1]).event_id, total - 1);
  });

  test('a session without a limit keeps everything', async () => {
    const session = new ResultSession();
    for await (const page of pagesOf(30_000)) assert.equal(session.append(page), true);
    assert.equal(session.truncated, false);
    assert.equal(session.rowCount, 30_000);
  });

  test('an export streamed from the engine keeps memory flat', async () => {
    const total = 600_000;
    const session = new ResultSession({ memoryLimitBytes: 1 });
    session.columns = columns;
    session.append([rowFor(0)]);
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    const file = path.join(dir, 'flat.csv');
    const written = await exportResult(
      'csv',
      session.exportSource(async () => execution(total)),
      file,
      {
        onProgress: (done, count) => {
          assert.equal(count, undefined, 'the number of rows is not known up front');
          if (done % 100_000 === 0) {
            gc();
            peak = Math.max(peak, process.memoryUsage().heapUsed - base);
          }
        },
      },
    );
    assert.equal(written, total);
    // The rows alone would take well over 100 MB; streaming holds a page and a write buffer.
    const wholeResult = (estimateRowsBytes([rowFor(1), rowFor(2), rowFor(3)]) / 3) * total;
    assert.ok(wholeResult > 100 * 2 ** 20, `the test result is big enough (${wholeResult})`);
    assert.ok(peak < 32 * 2 ** 20, `heap grew ${peak} bytes during the export`);
  });

  test('cancelling a streamed export stops reading the result and leaves no file', async () => {
    const session = new ResultSession({ memoryLimitBytes: 1 });
    session.columns = columns;
    session.append([rowFor(0)]);
    let produced = 0;
    async function* counting(): AsyncGenerator<Row[]> {
      for await (const page of pagesOf(1_000_000)) {
        produced += page.length;
        yield page;
      }
    }
    const controller = new AbortController();
    const file = path.join(dir, 'cancelled.csv');
    const done = exportResult(
      'csv',
      session.exportSource(async () => ({ columns, pages: counting(), info: {} })),
      file,
      {
        signal: controller.signal,
        onProgress: (n) => {
          if (n >= 50_000) controller.abort();
        },
      },
    );
    await assert.rejects(done, (e: Error) => e.name === 'AbortError');
    assert.ok(produced < 100_000, `read ${produced} rows after the cancel`);
    assert.throws(() => readFileSync(file));
  });
});
