import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ENRICHED_EVENT_FIELDS } from '../../../src/core/events/fields';
import {
  EnrichedEventFormatError,
  parseEnrichedEventLine,
  readEnrichedEvents,
  validateEnrichedEventFile,
} from '../../../src/core/events/tsv';

const FIXTURES = '/work/shared/fixtures';
const WEB = path.join(FIXTURES, 'enriched-event-example.tsv');
const MOBILE = path.join(FIXTURES, 'enriched-event-example-mobile.tsv');
const IDX = Object.fromEntries(ENRICHED_EVENT_FIELDS.map((f) => [f.name, f.index])) as Record<string, number>;

async function collect(file: string): Promise<(string | null)[][]> {
  const out = [];
  for await (const record of readEnrichedEvents(file)) out.push(record);
  return out;
}

describe('enriched-event TSV reader', () => {
  test('parses the web fixture', async () => {
    const [record, ...rest] = await collect(WEB);
    assert.equal(rest.length, 0);
    assert.equal(record.length, 131);
    assert.equal(record[IDX.app_id], 'angry-birds');
    assert.equal(record[IDX.collector_tstamp], '2013-11-26 00:02:05');
    assert.equal(record[IDX.event_id], 'c6ef3124-b53a-4b13-a233-0088f79dcbcb');
    assert.equal(record[IDX.true_tstamp], '2013-11-26 00:03:57.886');
    assert.equal(record[IDX.page_referrer], null, 'empty field is null');
    assert.equal(JSON.parse(record[IDX.unstruct_event]!).data.data.targetUrl, 'http://www.example.com');
  });

  test('parses the mobile fixture (BOM, no trailing newline)', async () => {
    const raw = await readFile(MOBILE, 'utf8');
    assert.ok(!raw.endsWith('\n'));
    const records = await collect(MOBILE);
    assert.equal(records.length, 1);
    assert.equal(records[0][IDX.app_id], 'xx_ios', 'byte-order mark stripped');
    assert.equal(records[0][IDX.platform], 'mob');
    assert.equal(records[0][IDX.v_collector], 'ssc-2.7.0-kinesis');
  });

  describe('rejects broken lines with file, line, column and field', () => {
    const good = async (): Promise<string[]> => (await readFile(WEB, 'utf8')).replace(/\n$/, '').split('\t');
    const columnOf = (fields: string[], index: number): number => fields.slice(0, index).reduce((n, f) => n + f.length + 1, 1);

    test('wrong field count', async () => {
      const fields = await good();
      const e = assertFormatError(() => parseEnrichedEventLine(fields.slice(0, 130).join('\t'), { file: 'x.tsv', line: 7 }));
      assert.equal(e.line, 7);
      assert.equal(e.file, 'x.tsv');
      assert.match(e.message, /^x\.tsv:7:1: expected 131 tab-separated fields, got 130$/);
      assertFormatError(() => parseEnrichedEventLine([...fields, 'extra'].join('\t')));
    });

    for (const [name, bad, reason] of [
      ['collector_tstamp', '2013-11-26T00:02:05Z', /timestamp/],
      ['etl_tstamp', '2013-02-30 00:00:00', /timestamp/],
      ['txn_id', '41828x', /integer/],
      ['domain_sessionidx', '99999999999', /32-bit/],
      ['br_features_pdf', 'true', /boolean 1 or 0/],
      ['geo_latitude', 'north', /number/],
      ['tr_total', '12,50', /number/],
      ['contexts', '{"schema": ', /invalid JSON/],
      ['event_id', 'not-a-uuid', /expected a UUID/],
      ['event_id', 'c6ef3124-b53a-4b13-a233-0088f79dcbc', /expected a UUID/],
      ['event_id', 'c6ef3124b53a4b13a2330088f79dcbcb', /expected a UUID/],
      ['collector_tstamp', '', /^required field is empty$/],
      ['event_id', '', /^required field is empty$/],
      ['v_collector', '', /^required field is empty$/],
      ['v_etl', '', /^required field is empty$/],
    ] as const) {
      test(`bad ${name} ${JSON.stringify(bad)}`, async () => {
        const fields = await good();
        const index = IDX[name];
        fields[index] = bad;
        const e = assertFormatError(() => parseEnrichedEventLine(fields.join('\t'), { file: 'events.tsv', line: 3 }));
        assert.equal(e.field?.name, name);
        assert.equal(e.line, 3);
        assert.equal(e.column, columnOf(fields, index));
        assert.match(e.reason, reason);
        assert.ok(e.message.startsWith(`events.tsv:3:${e.column}: field ${index + 1} '${name}'`), e.message);
      });
    }

    test('a line of 131 empty fields is refused at its first required field', () => {
      const e = assertFormatError(() => parseEnrichedEventLine('\t'.repeat(130), { file: 'empty.tsv', line: 4 }));
      assert.equal(e.line, 4);
      assert.equal(e.field?.name, 'collector_tstamp');
      assert.equal(e.column, 4, 'three empty fields and their tabs come before it');
      assert.equal(e.message, "empty.tsv:4:4: field 4 'collector_tstamp': required field is empty (all 131 fields are empty)");
    });

    test('an upper-case UUID and an empty optional field are accepted', async () => {
      const fields = await good();
      fields[IDX.event_id] = fields[IDX.event_id].toUpperCase();
      fields[IDX.app_id] = '';
      fields[IDX.etl_tstamp] = '';
      const record = parseEnrichedEventLine(fields.join('\t'));
      assert.equal(record[IDX.event_id], 'C6EF3124-B53A-4B13-A233-0088F79DCBCB');
      assert.equal(record[IDX.app_id], null);
    });

    test('a bad line in a file names that line', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'dw-tsv-'));
      try {
        const fields = await good();
        const line = fields.join('\t');
        const broken = [...fields];
        broken[IDX.dvce_ismobile] = 'yes';
        const file = path.join(dir, 'bad.tsv');
        await writeFile(file, `${line}\r\n${line}\r\n${broken.join('\t')}\r\n${line}`);
        await assert.rejects(
          validateEnrichedEventFile(file),
          (e: EnrichedEventFormatError) => e.file === file && e.line === 3 && e.field?.name === 'dvce_ismobile',
        );
        await writeFile(file, `${line}\n\n${line}\n`);
        await assert.rejects(validateEnrichedEventFile(file), /bad\.tsv:2:1: blank line/);
        await writeFile(file, `${line}\n${line}\n\n`);
        assert.equal(await validateEnrichedEventFile(file), 2, 'trailing blank lines are fine');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});

function assertFormatError(fn: () => unknown): EnrichedEventFormatError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof EnrichedEventFormatError, String(e));
    return e;
  }
  assert.fail('expected an EnrichedEventFormatError');
}
