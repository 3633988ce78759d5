import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rewriteUnsafeLongs } from '../../../src/core/aws/losslessLongs';

test('turns longValue literals beyond 2^53 into stringValue with the same digits', () => {
  const body =
    '{"Records":[[{"longValue":9007199254740993},{"longValue":42},{"longValue": -9223372036854775808 }],[{"longValue":9007199254740991}]]}';
  const parsed = JSON.parse(rewriteUnsafeLongs(body));
  assert.deepEqual(parsed.Records, [
    [{ stringValue: '9007199254740993' }, { longValue: 42 }, { stringValue: '-9223372036854775808' }],
    [{ longValue: 9007199254740991 }],
  ]);
});

test('leaves text inside strings, doubles and other keys alone', () => {
  const body = JSON.stringify({
    Records: [[{ stringValue: '"longValue":9007199254740993' }, { doubleValue: 9007199254740993 }]],
    note: 'longValue',
  });
  assert.equal(rewriteUnsafeLongs(body), body);
});
