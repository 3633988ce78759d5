import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ENRICHED_EVENT_FIELDS } from '../../../src/core/events/fields';
import { parseEnrichedEventLine } from '../../../src/core/events/tsv';
import { DEFAULT_SAMPLE_OPTIONS, generateSampleEventLines, writeSampleEvents, type SampleProgress } from '../../../src/core/sample';

const IDX = Object.fromEntries(ENRICHED_EVENT_FIELDS.map((f) => [f.name, f.index])) as Record<string, number>;
const THIRTY_MINUTES = 30 * 60_000;

function ms(timestamp: string): number {
  return Date.parse(timestamp.replace(' ', 'T') + 'Z');
}

describe('sample event generator (default options)', () => {
  let dir: string;
  let file: string;
  let text: string;
  let lines: string[];
  const progress: SampleProgress[] = [];

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dw-sample-test-'));
    file = path.join(dir, 'events.tsv');
    await writeSampleEvents(file, {}, { onProgress: (p) => progress.push(p) });
    text = await readFile(file, 'utf8');
    lines = text.split('\n');
    assert.equal(lines.pop(), '', 'file ends with a newline');
  });

  after(() => rm(dir, { recursive: true, force: true }));

  test('writes the requested number of valid enriched-event lines with progress', () => {
    assert.equal(lines.length, DEFAULT_SAMPLE_OPTIONS.events);
    assert.ok(lines.length >= 100_000);
    for (let i = 0; i < lines.length; i++) parseEnrichedEventLine(lines[i], { file, line: i + 1 });
    assert.ok(progress.length > 1);
    assert.equal(progress.at(-1)!.eventsWritten, DEFAULT_SAMPLE_OPTIONS.events);
    assert.equal(progress.at(-1)!.bytesWritten, Buffer.byteLength(text));
  });

  test('covers several days, thousands of users and every event type', () => {
    const days = new Set<string>();
    const users = new Set<string>();
    const kinds = new Map<string, number>();
    const loggedIn = new Set<string>();
    for (const line of lines) {
      const f = line.split('\t');
      days.add(f[IDX.collector_tstamp].slice(0, 10));
      users.add(f[IDX.network_userid]);
      const kind = f[IDX.event] === 'unstruct' ? `unstruct:${f[IDX.event_name]}` : f[IDX.event];
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (f[IDX.user_id]) loggedIn.add(f[IDX.user_id]);
    }
    assert.ok(days.size >= 7, `days: ${[...days].sort().join(',')}`);
    assert.ok(users.size >= 2000, `users: ${users.size}`);
    for (const kind of [
      'page_view',
      'page_ping',
      'struct',
      'unstruct:link_click',
      'unstruct:screen_view',
      'transaction',
      'transaction_item',
    ]) {
      assert.ok((kinds.get(kind) ?? 0) > 0, `no ${kind} events: ${JSON.stringify([...kinds])}`);
    }
    assert.ok(loggedIn.size > 100, 'some visitors are logged in');
    assert.ok(loggedIn.size < users.size, 'not every visitor is logged in');
  });

  test('event fields are consistent with their event type', () => {
    for (const line of lines) {
      const f = line.split('\t');
      const event = f[IDX.event];
      assert.equal(f[IDX.event_format], 'jsonschema');
      if (event === 'page_ping') {
        assert.ok(f[IDX.pp_yoffset_max] !== '' && Number(f[IDX.pp_yoffset_max]) >= Number(f[IDX.pp_yoffset_min]));
      } else {
        assert.equal(f[IDX.pp_yoffset_max], '');
      }
      if (event === 'page_view')
        assert.ok(f[IDX.page_url].startsWith('https://') && f[IDX.page_urlhost] !== '' && f[IDX.page_title] !== '');
      if (event === 'struct') assert.ok(f[IDX.se_category] !== '' && f[IDX.se_action] !== '');
      if (event === 'unstruct') {
        const inner = JSON.parse(f[IDX.unstruct_event]).data.schema as string;
        assert.equal(inner, `iglu:${f[IDX.event_vendor]}/${f[IDX.event_name]}/jsonschema/${f[IDX.event_version]}`);
      } else {
        assert.equal(f[IDX.unstruct_event], '');
      }
      if (event === 'transaction') {
        assert.match(f[IDX.tr_orderid], /^ORD-\d+$/);
        assert.match(f[IDX.tr_total], /^\d+\.\d\d$/);
        assert.match(f[IDX.tr_currency], /^[A-Z]{3}$/);
      }
      if (event === 'transaction_item') assert.ok(f[IDX.ti_sku] !== '' && Number(f[IDX.ti_quantity]) >= 1);
      if (f[IDX.mkt_campaign] !== '') assert.ok(f[IDX.mkt_medium] !== '' && f[IDX.mkt_source] !== '');
      if (f[IDX.refr_medium] !== '' && f[IDX.refr_medium] !== 'internal') assert.ok(f[IDX.refr_urlhost] !== '');
    }
  });

  test('a transaction total equals its items plus tax and shipping', () => {
    const itemCents = new Map<string, number>();
    const totals = new Map<string, number>();
    const cents = (s: string): number => Math.round(Number(s) * 100);
    for (const line of lines) {
      const f = line.split('\t');
      if (f[IDX.event] === 'transaction_item')
        itemCents.set(f[IDX.ti_orderid], (itemCents.get(f[IDX.ti_orderid]) ?? 0) + cents(f[IDX.ti_price]) * Number(f[IDX.ti_quantity]));
      if (f[IDX.event] === 'transaction')
        totals.set(f[IDX.tr_orderid], cents(f[IDX.tr_total]) - cents(f[IDX.tr_tax]) - cents(f[IDX.tr_shipping]));
    }
    let checked = 0;
    for (const [order, subtotal] of totals) {
      assert.equal(itemCents.get(order), subtotal, order);
      checked++;
    }
    assert.ok(checked > 10);
    assert.equal(itemCents.size, totals.size, 'every item belongs to a transaction');
  });

  test('sessions follow the 30-minute inactivity rule and indexes increase by one', () => {
    const byUser = new Map<string, { t: number; sid: string; idx: number }[]>();
    for (const line of lines) {
      const f = line.split('\t');
      if (f[IDX.domain_userid] === '') {
        assert.equal(f[IDX.platform], 'mob', 'only app events lack a domain_userid');
        continue;
      }
      let list = byUser.get(f[IDX.domain_userid]);
      if (!list) byUser.set(f[IDX.domain_userid], (list = []));
      list.push({ t: ms(f[IDX.dvce_created_tstamp]), sid: f[IDX.domain_sessionid], idx: Number(f[IDX.domain_sessionidx]) });
    }
    assert.ok(byUser.size >= 1500);
    let sessions = 0;
    for (const [user, events] of byUser) {
      events.sort((a, b) => a.t - b.t);
      const seen = new Set<string>([events[0].sid]);
      sessions++;
      for (let i = 1; i < events.length; i++) {
        const prev = events[i - 1];
        const cur = events[i];
        const gap = cur.t - prev.t;
        if (cur.sid === prev.sid) {
          assert.ok(gap < THIRTY_MINUTES, `${user}: ${gap} ms silence inside session ${cur.sid}`);
          assert.equal(cur.idx, prev.idx);
        } else {
          sessions++;
          assert.ok(gap >= THIRTY_MINUTES, `${user}: new session after only ${gap} ms`);
          assert.equal(cur.idx, prev.idx + 1, `${user}: session index ${prev.idx} → ${cur.idx}`);
          assert.ok(!seen.has(cur.sid), `${user}: session id ${cur.sid} reused`);
          seen.add(cur.sid);
        }
      }
    }
    assert.ok(sessions > byUser.size, 'many visitors come back for more than one session');
  });

  test('timestamps are ordered the way the pipeline makes them', () => {
    for (const line of lines.slice(0, 5000)) {
      const f = line.split('\t');
      const created = ms(f[IDX.dvce_created_tstamp]);
      const sent = ms(f[IDX.dvce_sent_tstamp]);
      const collector = ms(f[IDX.collector_tstamp]);
      assert.ok(sent >= created);
      assert.ok(ms(f[IDX.etl_tstamp]) > collector);
      assert.ok(ms(f[IDX.etl_tstamp]) - collector <= 70 * 60_000, 'processed by the next hourly run');
      assert.equal(ms(f[IDX.derived_tstamp]), collector - (sent - created));
    }
  });

  test('events come in hourly ETL batches: one etl_tstamp per collector hour, ten past the next hour', () => {
    const batches = new Map<string, Set<number>>();
    for (const line of lines) {
      const f = line.split('\t');
      const hour = Math.floor(ms(f[IDX.collector_tstamp]) / 3_600_000);
      const etl = f[IDX.etl_tstamp];
      if (!batches.has(etl)) batches.set(etl, new Set());
      batches.get(etl)!.add(hour);
      assert.equal(ms(etl), (hour + 1) * 3_600_000 + 600_000);
    }
    assert.ok(batches.size > 1 && batches.size < lines.length / 10, `${batches.size} batches for ${lines.length} events`);
  });

  test('is deterministic: the same options give the same bytes, another seed different ones', () => {
    const hashOf = (gen: Iterable<string>): string => {
      const h = createHash('sha256');
      for (const line of gen) h.update(line + '\n');
      return h.digest('hex');
    };
    const fileHash = createHash('sha256').update(text).digest('hex');
    assert.equal(hashOf(generateSampleEventLines({})), fileHash);
    const small = { events: 2000, users: 50, days: 3, startDate: '2023-01-01' };
    assert.equal(hashOf(generateSampleEventLines({ ...small, seed: 1 })), hashOf(generateSampleEventLines({ ...small, seed: 1 })));
    assert.notEqual(hashOf(generateSampleEventLines({ ...small, seed: 1 })), hashOf(generateSampleEventLines({ ...small, seed: 2 })));
  });

  test('honours the options', () => {
    const lines2 = [...generateSampleEventLines({ events: 3000, users: 40, days: 2, startDate: '2023-03-10', seed: 7 })];
    assert.equal(lines2.length, 3000);
    const users = new Set(lines2.map((l) => l.split('\t')[IDX.network_userid]));
    assert.equal(users.size, 40);
    const first = lines2.map((l) => l.split('\t')[IDX.dvce_created_tstamp]).sort()[0];
    assert.ok(first >= '2023-03-09 22:00' && first < '2023-03-11', first);
    assert.throws(() => [...generateSampleEventLines({ events: 0 })], /events/);
    assert.throws(() => [...generateSampleEventLines({ startDate: '2023-13-45' })], /startDate/);
  });

  test('an aborted write leaves no file behind', async () => {
    const controller = new AbortController();
    const target = path.join(dir, 'aborted.tsv');
    await assert.rejects(
      writeSampleEvents(
        target,
        { events: 50_000 },
        { signal: controller.signal, onProgress: (p) => p.eventsWritten > 8000 && controller.abort() },
      ),
      (e: Error) => e.name === 'AbortError',
    );
    assert.deepEqual((await readdir(dir)).sort(), ['events.tsv']);
  });
});
