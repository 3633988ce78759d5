// The typed IPC every webview uses: the host-side dispatcher (src/editor/webview/dispatch.ts)
// checks each message against its declared shape before a handler runs, and replies to requests
// by id with the handler's value or its own error; the webview client (webviews/shared/client.ts)
// settles request promises from those replies.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IpcDispatcher } from '../../../src/editor/webview/dispatch';
import { HostClient } from '../../../webviews/shared/client';
import { IpcNotification, ReadyCommand, type IpcReply } from '../../../webviews/shared/ipc';
import { CancelCommand, CopyRequest, ExportRequest, FilterRequest, GetRowsRequest, SortRequest } from '../../../webviews/results/protocol';

function setup() {
  const replies: IpcReply[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  const dispatcher = new IpcDispatcher('results', (r) => replies.push(r), { warn: (m) => warnings.push(m), error: (m) => errors.push(m) });
  return { dispatcher, replies, warnings, errors };
}

describe('host dispatcher', () => {
  test('a filter whose text is not a string is ignored with a log line; the handler never runs', async () => {
    const { dispatcher, replies, warnings } = setup();
    const calls: unknown[] = [];
    dispatcher.onRequest(FilterRequest, (p) => void calls.push(p));
    await dispatcher.receive({ method: FilterRequest.method, id: 1, params: { runId: 'r', text: 123 } });
    assert.deepEqual(calls, []);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /results\/filter: text: expected a string, got 123/);
    assert.deepEqual(replies, [
      { method: 'ipc/reply', id: 1, ok: false, error: 'invalid results/filter: text: expected a string, got 123' },
    ]);
    await dispatcher.receive({ method: FilterRequest.method, id: 2, params: { runId: 'r', text: 'x', column: -1 } });
    await dispatcher.receive({ method: FilterRequest.method, id: 3, params: 'text' });
    assert.equal(calls.length, 0, 'a negative column or a non-object is refused too');
    await dispatcher.receive({ method: FilterRequest.method, id: 4, params: { runId: 'r', text: 'x' } });
    assert.deepEqual(calls, [{ runId: 'r', text: 'x' }]);
  });

  test('getRows with a string start, a fractional count or a huge start is ignored', async () => {
    const { dispatcher, warnings } = setup();
    const calls: unknown[] = [];
    dispatcher.onRequest(GetRowsRequest, (p) => (calls.push(p), { rows: [] }));
    for (const params of [
      { runId: 'r', viewVersion: 0, start: '10', count: 200 },
      { runId: 'r', viewVersion: 0, start: 0, count: 1.5 },
      { runId: 'r', viewVersion: 0, start: 2 ** 40, count: 1 },
      { runId: 7, viewVersion: 0, start: 0, count: 1 },
      { runId: 'r', viewVersion: '0', start: 0, count: 1 },
    ])
      await dispatcher.receive({ method: GetRowsRequest.method, id: 1, params });
    assert.equal(calls.length, 0);
    assert.equal(warnings.length, 5);
  });

  test('a valid request gets its handler value back under its id', async () => {
    const { dispatcher, replies } = setup();
    dispatcher.onRequest(GetRowsRequest, ({ start, count }) => ({ rows: [[start, count]] }));
    await dispatcher.receive({ method: GetRowsRequest.method, id: 41, params: { runId: 'r', viewVersion: 2, start: 5, count: 3 } });
    assert.deepEqual(replies, [{ method: 'ipc/reply', id: 41, ok: true, value: { rows: [[5, 3]] } }]);
  });

  test('a failing handler rejects the request with its own error, and is logged', async () => {
    const { dispatcher, replies, errors } = setup();
    dispatcher.onRequest(CopyRequest, () => {
      throw new Error('the clipboard is not available');
    });
    await dispatcher.receive({
      method: CopyRequest.method,
      id: 9,
      params: { runId: 'r', viewVersion: 0, rowStart: 0, rowEnd: 1, colStart: 0, colEnd: 1, includeHeader: true },
    });
    assert.deepEqual(replies, [{ method: 'ipc/reply', id: 9, ok: false, error: 'the clipboard is not available' }]);
    assert.match(errors[0], /results\/copy failed: the clipboard is not available/);
  });

  test('unknown methods, commands sent as requests and non-messages are ignored', async () => {
    const { dispatcher, replies, warnings } = setup();
    let ready = 0;
    let cancels = 0;
    dispatcher.onReady(() => void ready++);
    dispatcher.onCommand(CancelCommand, () => void cancels++);
    await dispatcher.receive({ method: 'results/dropTables', params: {} });
    await dispatcher.receive({ method: CancelCommand.method, id: 3, params: { runId: 'r' } });
    await dispatcher.receive('ready');
    await dispatcher.receive(null);
    await dispatcher.receive({ method: ReadyCommand.method });
    await dispatcher.receive({ method: CancelCommand.method, params: { runId: 'r' } });
    assert.deepEqual([ready, cancels, replies.length, warnings.length], [1, 1, 0, 4]);
  });

  test('export formats and sort columns are checked against what exists', () => {
    assert.equal(ExportRequest.check?.({ runId: 'r', format: 'parquet' }), undefined);
    assert.match(ExportRequest.check?.({ runId: 'r', format: 'exe' }) ?? '', /format: expected one of csv, jsonl, parquet/);
    assert.match(SortRequest.check?.({ runId: 'r', column: 'a' }) ?? '', /column/);
  });
});

describe('webview client', () => {
  function client() {
    const sent: { method: string; params?: unknown; id?: number }[] = [];
    const target = new EventTarget();
    const host = new HostClient({ postMessage: (m) => sent.push(m as (typeof sent)[number]) }, target as unknown as Window);
    const deliver = (data: unknown) => target.dispatchEvent(new MessageEvent('message', { data }));
    return { host, sent, deliver };
  }

  test('request() resolves with the reply for its id and rejects with the error of a failed one', async () => {
    const { host, sent, deliver } = client();
    const rows = host.request(GetRowsRequest, { runId: 'r', viewVersion: 0, start: 0, count: 2 });
    const copy = host.request(CopyRequest, {
      runId: 'r',
      viewVersion: 0,
      rowStart: 0,
      rowEnd: 1,
      colStart: 0,
      colEnd: 1,
      includeHeader: false,
    });
    assert.deepEqual(
      sent.map((m) => [m.method, m.id]),
      [
        ['results/getRows', 1],
        ['results/copy', 2],
      ],
    );
    deliver({ method: 'ipc/reply', id: 2, ok: false, error: 'denied' });
    deliver({ method: 'ipc/reply', id: 1, ok: true, value: { rows: [[1], [2]] } });
    assert.deepEqual(await rows, { rows: [[1], [2]] });
    await assert.rejects(copy, /^Error: denied$/);
  });

  test('notifications reach their handler; ready() and command() carry no id', () => {
    const { host, sent, deliver } = client();
    const seen: unknown[] = [];
    const Ping = new IpcNotification<{ n: number }>('test', 'ping');
    host.on(Ping, (p) => seen.push(p.n));
    deliver({ method: 'test/ping', params: { n: 3 } });
    deliver({ method: 'test/other', params: { n: 4 } });
    deliver('junk');
    host.ready();
    host.command(CancelCommand, { runId: 'r' });
    assert.deepEqual(seen, [3]);
    assert.deepEqual(sent, [
      { method: 'ipc/ready', params: undefined },
      { method: 'results/cancel', params: { runId: 'r' } },
    ]);
  });
});
