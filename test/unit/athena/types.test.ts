import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { athenaColumns, converterFor } from '../../../src/core/engines/athena/types';

const [int, dbl, bool, dec, str] = athenaColumns([
  { Name: 'i', Type: 'bigint' },
  { Name: 'd', Type: 'double' },
  { Name: 'b', Type: 'boolean' },
  { Name: 'n', Type: 'decimal', Precision: 18, Scale: 2 },
  { Name: 's', Type: 'varchar' },
]);

describe('Athena value conversion', () => {
  test('column types and families come from ResultSetMetadata', () => {
    assert.deepEqual(
      [int, dbl, bool, dec, str].map((c) => [c.type, c.family]),
      [
        ['bigint', 'integer'],
        ['double', 'float'],
        ['boolean', 'boolean'],
        ['decimal(18,2)', 'decimal'],
        ['varchar', 'string'],
      ],
    );
  });

  test('doubles parse exactly as Number() does, including the fast path', () => {
    const toFloat = converterFor(dbl);
    const samples = [
      '0',
      '-0',
      '0.1',
      '0.3',
      '1.5',
      '-0.25',
      '123.456',
      '3.141592653589793',
      '2.220446049250313E-16',
      '1e300',
      '-1.7976931348623157E308',
      '9007199254740993',
      '12345678901234.5',
      '007.50',
      '5e-324',
      '4.35',
      '0.000001',
    ];
    for (let i = 0; i < 20000; i++) samples.push(String(i * 0.01), String(Math.random() * 1e6), (Math.random() * 1000).toFixed(i % 12));
    for (const s of samples) assert.ok(Object.is(toFloat(s), Number(s)), s);
    assert.equal(toFloat('NaN'), 'NaN');
    assert.equal(toFloat('Infinity'), 'Infinity');
    assert.equal(toFloat(null), null);
  });

  test('integers beyond 2^53 stay exact as text; others become numbers', () => {
    const toInt = converterFor(int);
    assert.equal(toInt('42'), 42);
    assert.equal(toInt('-9007199254740991'), -9007199254740991);
    assert.equal(toInt('9007199254740993'), '9007199254740993');
    assert.equal(toInt('-9223372036854775808'), '-9223372036854775808');
    assert.equal(toInt(null), null);
  });

  test('booleans, decimals and text', () => {
    assert.equal(converterFor(bool)('true'), true);
    assert.equal(converterFor(bool)('false'), false);
    assert.equal(converterFor(dec)('12345678901234567.89'), '12345678901234567.89');
    assert.equal(converterFor(str)(''), '');
  });
});
