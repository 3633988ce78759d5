// exprKey is the planner's structural identity of an expression: it must say "same" exactly when
// JSON.stringify without positions does (GROUP BY matching, ORDER BY keys and window reuse rely on it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SExpr } from '../../../src/core/translate/ir';
import { MAX_CHAIN } from '../../../src/core/translate/expr';
import { exprKey } from '../../../src/core/translate/walk';
import { random } from '../../support/random';

const reference = (e: unknown): string => JSON.stringify(e, (k, v) => (k === 'pos' ? undefined : v));

function value(next: () => number, depth: number): unknown {
  const r = next();
  if (depth > 5 || r < 0.3) {
    const leaves = ['a"b\\c', 'ü\u202E\n', '', 'x', 0, -0, 1.5, -17, NaN, Infinity, true, false, null, undefined];
    return leaves[Math.floor(next() * leaves.length)];
  }
  if (r < 0.5) return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
  const o: Record<string, unknown> = {};
  for (const k of ['k', 'pos', 'name', 'args', 'e', 'l', 'r', 'a"\\b']) if (next() < 0.4) o[k] = value(next, depth + 1);
  return o;
}

test('exprKey writes what JSON.stringify writes without the pos keys, for 5,000 random shapes', () => {
  const next = random(17);
  for (let i = 0; i < 5_000; i++) {
    const e = { k: 'fn', pos: i, args: [value(next, 0)], e: value(next, 1) };
    assert.equal(exprKey(e as SExpr), reference(e), `shape ${i}: ${reference(e)}`);
  }
});

test('two expressions that differ only in positions have one key; any other difference gives two', () => {
  const a: SExpr = { k: 'bin', op: '+', l: { k: 'col', name: 'x', pos: 3 }, r: { k: 'lit', v: 1 } } as unknown as SExpr;
  const b = { ...a, l: { k: 'col', name: 'x', pos: 90 } } as unknown as SExpr;
  const c = { ...a, l: { k: 'col', name: 'y', pos: 3 } } as unknown as SExpr;
  assert.equal(exprKey(a), exprKey(b));
  assert.notEqual(exprKey(a), exprKey(c));
});

test('a chain as long as the planner allows (MAX_CHAIN operators) is keyed without exhausting the stack', () => {
  let e = { k: 'col', name: 'c0', pos: 0 } as unknown as SExpr;
  for (let i = 1; i <= MAX_CHAIN; i++) e = { k: 'bin', op: 'OR', l: e, r: { k: 'col', name: `c${i}`, pos: i } } as unknown as SExpr;
  const key = exprKey(e);
  assert.ok(key.startsWith('{"k":"bin","op":"OR","l":{"k":"bin"'));
  assert.ok(key.endsWith(`"r":{"k":"col","name":"c${MAX_CHAIN}"}}`));
  assert.doesNotMatch(key, /"pos"/);
});
