// Deep, long and unusual input: long flat chains translate (and the Python compiles), nesting past the
// limit is refused where it happens, wide select lists stay linear, big literals keep their value or are
// refused, a BOM is accepted, and large inputs translate off the calling thread.
import assert from 'node:assert/strict';
import { buildSync } from 'esbuild';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { translate, type Target } from '../../../src/core/translate/index';
import { MAX_CHAIN } from '../../../src/core/translate/expr';
import { decodeSql, firstInvalidUtf8 } from '../../../src/core/translate/input';
import { translateOffThread, TranslationCancelled } from '../../../src/core/translate/offthread';
import { MAX_NESTING } from '../../../src/core/translate/parser';
import { PYTHON, pythonShapes, scalaProblems } from './codecheck';

const both: Target[] = ['pyspark', 'scala'];
const tr = (sql: string, target: Target = 'pyspark') => translate(sql, { dialect: 'redshift', target });

describe('long flat chains', () => {
  const chains: Record<string, string> = {
    '2,000 OR terms': `SELECT event_id FROM atomic.events WHERE ${Array.from({ length: 2000 }, (_, i) => `event_id = 'x${i}'`).join(' OR ')}`,
    '2,000 AND terms': `SELECT event_id FROM atomic.events WHERE ${Array.from({ length: 2000 }, (_, i) => `event_id <> 'x${i}'`).join(' AND ')}`,
    '2,000 + terms': `SELECT ${Array.from({ length: 2000 }, () => 'domain_sessionidx').join(' + ')} AS s FROM atomic.events`,
    '2,000 || terms': `SELECT ${Array.from({ length: 2000 }, () => 'app_id').join(' || ')} AS s FROM atomic.events`,
    '3,400 UNION ALL branches': Array.from({ length: 3400 }, (_, i) => `SELECT event_id FROM atomic.events WHERE event_id = 'x${i}'`).join(
      '\nUNION ALL ',
    ),
    '1,000 UNION (distinct) branches': Array.from(
      { length: 1000 },
      (_, i) => `SELECT event_id FROM atomic.events WHERE event_id = 'x${i}'`,
    ).join('\nUNION '),
  };
  const outputs: Array<{ name: string; code: string }> = [];
  for (const [name, sql] of Object.entries(chains)) {
    test(`${name}: translated for both targets`, () => {
      for (const target of both) {
        const r = tr(sql, target);
        if (!r.ok) assert.fail(`${target}: refused ${r.line}:${r.column}: ${r.reason}`);
        if (target === 'pyspark') outputs.push({ name, code: r.code });
        else assert.deepEqual(scalaProblems(r.code), []);
      }
    });
  }
  test('the generated Python of every chain compiles', { skip: !existsSync(PYTHON) && 'no python3' }, () => {
    assert.equal(outputs.length, Object.keys(chains).length);
    for (const s of pythonShapes(outputs)) assert.equal(s.error, undefined, s.name);
  });
  test(`a chain longer than ${MAX_CHAIN} operators is refused at the operator past the limit`, () => {
    const terms = Array.from({ length: MAX_CHAIN + 2 }, (_, i) => `event_id = 'x${i}'`);
    const sql = `SELECT event_id FROM atomic.events WHERE ${terms.join('\nOR ')}`;
    const r = tr(sql);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.match(r.reason, /more than 2500 operators in one chain/);
    // Operators count from the left: the first term's `=`, then OR number k on line k + 1, so the
    // operator past the limit is OR number MAX_CHAIN.
    assert.deepEqual([r.line, r.column], [MAX_CHAIN + 1, 1]);
  });
});

describe('nesting limit', () => {
  const deep = (n: number): Record<string, { sql: string; opener: string }> => ({
    parentheses: { sql: `SELECT ${'('.repeat(n)}1${')'.repeat(n)} AS s FROM atomic.events`, opener: '(' },
    'function calls': { sql: `SELECT ${'abs('.repeat(n)}1${')'.repeat(n)} AS s FROM atomic.events`, opener: '(' },
    'scalar subqueries': { sql: `SELECT ${'(SELECT '.repeat(n)}1${' FROM atomic.events)'.repeat(n)} AS s FROM atomic.events`, opener: '(' },
    NOT: { sql: `SELECT event_id FROM atomic.events WHERE ${'NOT '.repeat(n)}event = 'x'`, opener: 'N' },
    'query parentheses': { sql: `${'('.repeat(n)}SELECT 1 AS s FROM atomic.events${')'.repeat(n)}`, opener: '(' },
  });
  for (const [kind, c] of Object.entries(deep(1000))) {
    test(`1,000 nested ${kind}: refused at the level past ${MAX_NESTING}, not at 1:1 and not by the stack`, () => {
      const r = tr(c.sql);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.match(r.reason, new RegExp(`nesting deeper than ${MAX_NESTING} levels`));
      assert.equal(r.line, 1);
      assert.ok(r.column > MAX_NESTING / 2 && r.column < c.sql.length / 4, `column ${r.column}`);
      assert.equal(c.sql[r.column - 1], c.opener);
    });
  }
  test(
    'nesting just under the limit translates, and the Python compiles (under its 200-bracket limit)',
    { skip: !existsSync(PYTHON) && 'no python3' },
    () => {
      const n = MAX_NESTING - 3;
      const programs = [
        `SELECT ${'abs('.repeat(n)}domain_sessionidx${')'.repeat(n)} AS s FROM atomic.events`,
        `SELECT ${'('.repeat(n)}domain_sessionidx + 1${')'.repeat(n)} AS s FROM atomic.events`,
        `SELECT ${'COALESCE('.repeat(n)}domain_sessionidx${', 0)'.repeat(n)} AS s FROM atomic.events`,
        `SELECT ${"CASE WHEN event = 'a' THEN ".repeat(n)}1${' ELSE 0 END'.repeat(n)} AS s FROM atomic.events`,
        `SELECT event_id FROM atomic.events WHERE ${'NOT '.repeat(n)}event = 'x'`,
      ].map((sql, i) => {
        const r = tr(sql);
        if (!r.ok) assert.fail(`#${i} refused ${r.line}:${r.column}: ${r.reason}`);
        return { name: `#${i}`, code: r.code };
      });
      for (const s of pythonShapes(programs)) assert.equal(s.error, undefined, `${s.name}: ${s.error}`);
    },
  );
});

describe('wide select lists', () => {
  // Speed (linear in the width) is measured by `npm run bench -- translate` (translate_wide_select_40k_vs_10k).
  test('20,000 unnamed copies of one column translate, each with its own name', () => {
    const r = tr(`SELECT ${Array.from({ length: 20000 }, () => 'domain_sessionidx').join(', ')} FROM atomic.events`);
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.match(r.code, /F\.col\("domain_sessionidx"\)\.alias\("domain_sessionidx_20000"\)/);
    assert.equal(new Set(r.code.match(/alias\("domain_sessionidx_[0-9]+"\)/g)).size, 19999);
  });
});

describe('numeric literals', () => {
  test('an integer beyond a long is a decimal of its exact digits (Decimal / BigDecimal); a long keeps L in Scala', () => {
    const sql = 'SELECT 12345678901234567890123 AS d, 9223372036854775807 AS l, -99999999999999999999 AS n, 0042 AS z FROM atomic.events';
    const py = tr(sql);
    assert.ok(py.ok);
    if (py.ok) {
      assert.match(py.code, /^from decimal import Decimal$/m);
      assert.match(py.code, /F\.lit\(Decimal\("12345678901234567890123"\)\)\.alias\("d"\)/);
      assert.match(py.code, /F\.lit\(9223372036854775807\)/);
      assert.match(py.code, /F\.lit\(Decimal\("-99999999999999999999"\)\)/);
      assert.match(py.code, /F\.lit\(42\)\.alias\("z"\)/);
    }
    const sc = tr(sql, 'scala');
    assert.ok(sc.ok);
    if (sc.ok) {
      assert.match(sc.code, /lit\(BigDecimal\("12345678901234567890123"\)\)\.as\("d"\)/);
      assert.match(sc.code, /lit\(9223372036854775807L\)/);
      assert.deepEqual(scalaProblems(sc.code), []);
    }
  });
  test('the generated Python with big literals compiles', { skip: !existsSync(PYTHON) && 'no python3' }, () => {
    const r = tr('SELECT 12345678901234567890123 AS d, 1.5 AS f, .5 AS g, 5. AS h, 1e300 AS e FROM atomic.events');
    assert.ok(r.ok);
    if (r.ok) assert.equal(pythonShapes([{ name: 'big', code: r.code }])[0]!.error, undefined, r.code);
  });
  test('a number no Spark type holds is refused at its position', () => {
    for (const [sql, why] of [
      [`SELECT\n  ${'9'.repeat(5000)} AS n FROM atomic.events`, /more than 38 digits/],
      [`SELECT\n  1.${'1'.repeat(60)} AS n FROM atomic.events`, /more than 38 significant digits/],
      [`SELECT\n  1e999 AS n FROM atomic.events`, /out of the range of a double/],
      [`SELECT event_id FROM atomic.events\nLIMIT 99999999999`, /too large here/],
    ] as Array<[string, RegExp]>) {
      for (const target of both) {
        const r = tr(sql, target);
        assert.equal(r.ok, false, sql.slice(0, 40));
        if (r.ok) continue;
        assert.match(r.reason, why);
        assert.deepEqual([r.line, r.column], [2, sql.includes('LIMIT') ? 7 : 3]);
      }
    }
  });
});

describe('encodings', () => {
  test('a UTF-8 BOM is accepted, and positions count from after it', () => {
    const ok = tr('\ufeffSELECT event_id FROM atomic.events');
    assert.ok(ok.ok);
    const r = tr('\ufeffSELECT my_udf(event_id) FROM atomic.events');
    assert.ok(!r.ok && r.line === 1 && r.column === 8, JSON.stringify(r));
    const d = decodeSql(Buffer.from('\ufeffSELECT 1', 'utf8'));
    assert.deepEqual(d, { ok: true, text: 'SELECT 1' });
  });
  test('invalid UTF-8 is reported with its byte offset and line/column, never replaced', () => {
    const bytes = Buffer.concat([Buffer.from("SELECT\n  'é', "), Buffer.from([0xc3, 0x28]), Buffer.from(' FROM t')]);
    const d = decodeSql(bytes);
    assert.equal(d.ok, false);
    if (d.ok) return;
    // "SELECT\n" is 7 bytes, "  'é', " 8 more (é is two): the bad byte is at offset 15, column 8 of line 2.
    assert.equal(d.byteOffset, 15);
    assert.deepEqual([d.line, d.column], [2, 8]);
    assert.match(d.reason, /invalid UTF-8 at byte offset 15 \(bytes c3 28 20 46\)/);
    // Overlong forms, surrogates and code points past U+10FFFF are invalid too.
    for (const bad of [[0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xff], [0xe2, 0x82]]) {
      assert.equal(firstInvalidUtf8(Uint8Array.from([0x41, ...bad])), 1, bad.join(','));
    }
    assert.equal(firstInvalidUtf8(Buffer.from('ascii é € 😀', 'utf8')), -1);
  });
});

describe('translation off the calling thread', () => {
  // The worker as the extension ships it: bundled by esbuild (scripts/build.mjs does the same).
  const workerFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'dw-translate-worker-')), 'translate-worker.js');
  buildSync({
    entryPoints: [path.resolve(__dirname, '../../../src/core/translate/worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: workerFile,
    logLevel: 'silent',
  });
  const big = Array.from({ length: 3400 }, (_, i) => `SELECT event_id FROM atomic.events WHERE event_id = 'x${i}'`).join('\nUNION ALL ');
  test('a large input translates in a worker while this thread keeps running', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const r = await translateOffThread(big, { dialect: 'redshift', target: 'pyspark' }, { workerFile, timeoutMs: 120_000 });
      assert.ok(r.ok);
      assert.equal(r.ok && r.code, (tr(big) as { code: string }).code);
    } finally {
      clearInterval(timer);
    }
    assert.ok(ticks > 3, `the event loop ran ${ticks} times while the worker translated`);
  });
  test('a timeout stops the worker and refuses with the reason; cancelling rejects', async () => {
    const r = await translateOffThread(big, { dialect: 'redshift', target: 'pyspark' }, { workerFile, timeoutMs: 1 });
    assert.ok(!r.ok && /translation stopped after/.test(r.reason));
    const abort = new AbortController();
    const p = translateOffThread(big, { dialect: 'redshift', target: 'pyspark' }, { workerFile, timeoutMs: 120_000, signal: abort.signal });
    abort.abort();
    await assert.rejects(p, TranslationCancelled);
  });
});
