// Values and column types from a real PostgreSQL come back faithfully: exact numerics, big
// integers as exact strings, timestamps exactly as the server prints them, json as text, arrays
// as JSON text, NULLs as null, unicode and hostile strings verbatim.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { collectRows, type ColumnInfo, type Row } from '../../../src/core/engines/engine';
import type { PostgresEngine } from '../../../src/core/engines/postgres';
import { arrayLiteralToJson } from '../../../src/core/engines/postgres/arrays';
import { engineFor } from './helpers';

let engine: PostgresEngine;
before(async () => {
  engine = await engineFor();
});
after(async () => {
  await engine?.dispose();
});

async function one(sql: string): Promise<{ columns: ColumnInfo[]; row: Row }> {
  const execution = await engine.execute(sql);
  const rows = await collectRows(execution);
  assert.equal(rows.length, 1);
  return { columns: execution.columns, row: rows[0] };
}

const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;

describe('postgres engine: value mapping', () => {
  test('numeric(38,10) keeps every digit as the server prints it', async () => {
    const { columns, row } = await one(`SELECT v, v::text FROM (SELECT '1234567890123456789012345678.0123456789'::numeric(38,10) AS v) s`);
    assert.deepEqual(columns[0], { name: 'v', type: 'numeric(38,10)', family: 'decimal' });
    assert.equal(row[0], '1234567890123456789012345678.0123456789');
    assert.equal(row[0], row[1]);
    const neg = await one(`SELECT (-0.5)::numeric(5,2), 'NaN'::numeric`);
    assert.deepEqual(neg.row, ['-0.50', 'NaN']);
  });

  test('bigint: a number within ±(2^53−1), the exact string beyond', async () => {
    const { columns, row } = await one(
      `SELECT 9007199254740991::int8, -9007199254740991::int8, 9007199254740993::int8, 9223372036854775807::int8, (-9223372036854775807 - 1)::int8, 42::int8`,
    );
    assert.ok(columns.every((c) => c.type === 'int8' && c.family === 'integer'));
    assert.deepEqual(row, [9007199254740991, -9007199254740991, '9007199254740993', '9223372036854775807', '-9223372036854775808', 42]);
  });

  test('int2/int4/float/bool become JS values; NaN and Infinity stay text (JSON-safe)', async () => {
    const { columns, row } = await one(
      `SELECT 7::int2, '-2147483648'::int4, 0.1::float8, 1.5::float4, true, false, 'NaN'::float8, '-Infinity'::float8`,
    );
    assert.deepEqual(
      columns.map((c) => c.type),
      ['int2', 'int4', 'float8', 'float4', 'bool', 'bool', 'float8', 'float8'],
    );
    assert.deepEqual(row, [7, -2147483648, 0.1, 1.5, true, false, 'NaN', '-Infinity']);
  });

  test('timestamp has no offset, timestamptz keeps the session offset, both exactly as the server sends them', async () => {
    await collectRows(await engine.execute(`SET TIME ZONE 'Asia/Kolkata'`));
    try {
      const { columns, row } = await one(
        `SELECT ts, tz, ts::text, tz::text, d, t, i FROM (SELECT '2024-02-29 23:59:59.123456'::timestamp AS ts, '2024-02-29 23:59:59.5+00'::timestamptz AS tz,
           '0044-03-15 BC'::date AS d, '12:34:56.789'::time(3) AS t, interval '1 year 2 mons 3 days 04:05:06' AS i) s`,
      );
      assert.deepEqual(columns.slice(0, 2), [
        { name: 'ts', type: 'timestamp', family: 'timestamp' },
        { name: 'tz', type: 'timestamptz', family: 'timestamp' },
      ]);
      assert.equal(columns[4].type, 'date');
      assert.equal(columns[5].type, 'time(3)');
      assert.equal(columns[6].type, 'interval');
      assert.equal(row[0], row[2]);
      assert.equal(row[1], row[3]);
      assert.equal(row[0], '2024-02-29 23:59:59.123456');
      assert.equal(row[1], '2024-03-01 05:29:59.5+05:30');
      assert.equal(row[4], '0044-03-15 BC');
      assert.equal(row[5], '12:34:56.789');
      assert.equal(row[6], '1 year 2 mons 3 days 04:05:06');
    } finally {
      await collectRows(await engine.execute('RESET TIME ZONE'));
    }
  });

  test('json and jsonb travel as the server text; uuid, bytea (hex) and char(n)/varchar(n) keep their forms', async () => {
    const { columns, row } = await one(
      `SELECT '{"b": 1.000000000000000000001, "a": [1, 2]}'::json, '{"b": 1, "a": [1, 2]}'::jsonb, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid,
              '\\xdeadBEEF00'::bytea, 'ab'::char(4), 'xyz'::varchar(10)`,
    );
    assert.deepEqual(
      columns.map((c) => `${c.type}/${c.family}`),
      ['json/json', 'jsonb/json', 'uuid/string', 'bytea/binary', 'bpchar(4)/string', 'varchar(10)/string'],
    );
    assert.equal(row[0], '{"b": 1.000000000000000000001, "a": [1, 2]}');
    assert.equal(row[1], '{"a": [1, 2], "b": 1}');
    assert.equal(row[2], 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
    assert.equal(row[3], '\\xdeadbeef00');
    assert.equal(row[4], 'ab  ');
    assert.equal(row[5], 'xyz');
  });

  test('arrays come back as JSON text with exact numbers, nulls and nesting', async () => {
    const { columns, row } = await one(
      `SELECT ARRAY[1, NULL, 3]::int4[], ARRAY[9007199254740993]::int8[], ARRAY[[1.50, 2.25], [NULL, -3]]::numeric[],
              ARRAY['a"b', 'c\\d', 'NULL', NULL, '', 'x,y {z}', 'é😀']::text[], ARRAY[true, false, NULL], '[0:1]={7,8}'::int[],
              ARRAY['2024-01-01 00:00:00+00']::timestamptz[], '{}'::int[]`,
    );
    assert.deepEqual(
      columns.map((c) => c.type),
      ['int4[]', 'int8[]', 'numeric[]', 'text[]', 'bool[]', 'int4[]', 'timestamptz[]', 'int4[]'],
    );
    assert.ok(columns.every((c) => c.family === 'json'));
    assert.equal(row[0], '[1,null,3]');
    assert.equal(row[1], '[9007199254740993]'); // exact digits in the JSON text
    assert.equal(row[2], '[[1.50,2.25],[null,-3]]');
    assert.deepEqual(JSON.parse(row[3] as string), ['a"b', 'c\\d', 'NULL', null, '', 'x,y {z}', 'é😀']);
    assert.deepEqual(JSON.parse(row[4] as string), [true, false, null]);
    assert.deepEqual(JSON.parse(row[5] as string), [7, 8]);
    assert.deepEqual(JSON.parse(row[6] as string), ['2024-01-01 00:00:00+00']);
    assert.equal(row[7], '[]');
  });

  test('NULL of every type is null', async () => {
    const { row } = await one(
      `SELECT NULL::int8, NULL::numeric, NULL::timestamptz, NULL::json, NULL::int[], NULL::bytea, NULL::bool, NULL::text`,
    );
    assert.deepEqual(row, [null, null, null, null, null, null, null, null]);
  });

  test('hostile strings and identifiers come back verbatim', async () => {
    const hostile = [
      `'; DROP TABLE users; --`,
      `back\\slash "double" 'single'`,
      'tab\there\nnewline\r\ncrlf',
      '<script>alert(1)</script>',
      '\u202eRTL override \u0000'.replace('\u0000', ''),
      'ZWJ 👩‍👩‍👧 astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and 中文',
      '$$ dollar $tag$ quotes $$',
      ' leading and trailing spaces ',
      '',
    ];
    const { columns, row } = await one(`SELECT ${hostile.map((s, i) => `${lit(s)} AS "col ""${i}"" é"`).join(', ')}`);
    assert.deepEqual(row, hostile);
    assert.deepEqual(
      columns.map((c) => c.name),
      hostile.map((_, i) => `col "${i}" é`),
    );
  });

  test('enum and domain types are named from the catalog', async () => {
    await collectRows(await engine.execute(`DROP TYPE IF EXISTS mood CASCADE; CREATE TYPE mood AS ENUM ('sad', 'happy')`));
    const { columns, row } = await one(`SELECT 'happy'::mood, ARRAY['sad']::mood[]`);
    assert.deepEqual(
      columns.map((c) => `${c.type}/${c.family}`),
      ['mood/string', 'mood[]/json'],
    );
    assert.equal(row[0], 'happy');
    assert.equal(row[1], '{sad}'); // unknown array element types stay in the server's text form
  });
});

describe('array literal parser', () => {
  test('quoted elements, escapes, nesting and bounds', () => {
    assert.equal(arrayLiteralToJson('{"a\\"b","c\\\\d",NULL,"NULL"}', 'string'), '["a\\"b","c\\\\d",null,"NULL"]');
    assert.equal(arrayLiteralToJson('{{1,2},{3,NULL}}', 'number'), '[[1,2],[3,null]]');
    assert.equal(arrayLiteralToJson('[2:3]={1,2}', 'number'), '[1,2]');
    assert.equal(arrayLiteralToJson('{NaN,Infinity,1e+20}', 'float'), '["NaN","Infinity",1e+20]');
    assert.equal(arrayLiteralToJson('not an array', 'string'), 'not an array');
  });
});
