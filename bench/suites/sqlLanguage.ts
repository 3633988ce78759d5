// Completion latency on a large catalog: 10,000 tables / 200,000 columns in 50 schemas, requests
// at cursor positions of every kind (after FROM with and without a prefix, after `alias.`, in the
// select list, in JOIN … ON, inside a CTE and a subquery) in a 40-statement document. Columns are
// read on first use per table, as in the editor, so cold tables are part of the timing. Baseline:
// the same requests against a 10-table catalog in the same run.
import { MemoryCatalogSource, type MemoryTable } from '../../src/core/catalog/memorySource';
import { CatalogIndex } from '../../src/core/sql/language/catalogIndex';
import { complete } from '../../src/core/sql/language/completion';
import { sqlProblems } from '../../src/core/sql/language/diagnostics';
import { hover } from '../../src/core/sql/language/hover';
import { meets, type BenchResult, type BenchSuite } from '../types';

const TYPES = ['bigint', 'varchar(255)', 'timestamp', 'double precision', 'boolean', 'numeric(18,2)', 'date', 'integer'];

/** Deterministic pseudo-random numbers (no Math.random: runs are comparable). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function catalog(schemas: number, tablesPerSchema: number, columns: number): MemoryTable[] {
  const out: MemoryTable[] = [];
  for (let s = 0; s < schemas; s++)
    for (let t = 0; t < tablesPerSchema; t++) {
      out.push({
        schema: `schema_${s}`,
        name: `table_${s}_${t}`,
        kind: t % 10 === 0 ? 'view' : 'table',
        comment: `Table ${t} of schema ${s}`,
        columns: Array.from({ length: columns }, (_, c) => ({
          name: `col_${c}_${t % 7}`,
          type: TYPES[c % TYPES.length],
          comment: c === 0 ? 'the key' : undefined,
        })),
      });
    }
  return out;
}

/** A document of `n` statements over random tables; `|` marks the cursor positions to request. */
function document(n: number, schemas: number, tablesPerSchema: number, random: () => number): { text: string; cursors: number[] } {
  const table = (): string => {
    const s = Math.floor(random() * schemas);
    return `schema_${s}.table_${s}_${Math.floor(random() * tablesPerSchema)}`;
  };
  const templates = [
    () => `SELECT a.| FROM ${table()} a JOIN ${table()} b ON b.col_0_1 = a.col_0_1 WHERE a.col_2_1 > 0`,
    () => `SELECT | FROM ${table()} x`,
    () => `SELECT * FROM |`,
    () => `SELECT * FROM ta|`,
    () => `SELECT * FROM schema_${Math.floor(random() * schemas)}.|`,
    () => `SELECT 1 FROM ${table()} a JOIN ${table()} b ON |`,
    () => `WITH c AS (SELECT x.col_0_1, x.col_1_2 AS k FROM ${table()} x) SELECT c.| FROM c`,
    () => `WITH c AS (SELECT y.| FROM ${table()} y) SELECT * FROM c`,
    () => `SELECT * FROM ${table()} o WHERE o.col_0_1 IN (SELECT i.| FROM ${table()} i)`,
    () => `SELECT s.| FROM (SELECT col_0_3 AS id, col_1_3 FROM ${table()}) s`,
  ];
  let text = '';
  const cursors: number[] = [];
  for (let i = 0; i < n; i++) {
    const stmt = templates[i % templates.length]();
    cursors.push(text.length + stmt.indexOf('|'));
    text += `${stmt.replace('|', '')};\n\n`;
  }
  return { text, cursors };
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

async function measure(
  tables: MemoryTable[],
  schemas: number,
  perSchema: number,
  requests: number,
): Promise<{ times: number[]; refreshMs: number; hoverP95: number; diagnosticsMs: number; items: number }> {
  const index = new CatalogIndex(new MemoryCatalogSource('redshift', tables), 'bench');
  const t0 = performance.now();
  await index.refresh();
  const refreshMs = performance.now() - t0;
  const random = rng(42);
  const doc = document(40, schemas, perSchema, random);
  await complete(doc.text, doc.cursors[1], { dialect: 'redshift', catalog: index }); // loads the keyword lists once
  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < requests; i++) {
    // A fresh copy of the document each time, as an edited document would be.
    const fresh = document(40, schemas, perSchema, random);
    const cursor = fresh.cursors[i % fresh.cursors.length];
    const s = performance.now();
    const r = await complete(fresh.text, cursor, { dialect: 'redshift', catalog: index });
    times.push(performance.now() - s);
    items += r.items.length;
  }
  const hovers: number[] = [];
  for (let i = 0; i < 200; i++) {
    const at = doc.text.indexOf('col_0_1', Math.floor((random() * doc.text.length) / 2));
    if (at < 0) continue;
    const s = performance.now();
    await hover(doc.text, at + 1, index);
    hovers.push(performance.now() - s);
  }
  const d0 = performance.now();
  sqlProblems(doc.text, 'redshift', { backslashEscapes: true });
  return { times, refreshMs, hoverP95: pct(hovers, 0.95), diagnosticsMs: performance.now() - d0, items };
}

const suite: BenchSuite = async (ctx) => {
  const REQUESTS = 2000;
  const big = catalog(50, 200, 20);
  ctx.log(`catalog: ${big.length} tables, ${big.reduce((n, t) => n + t.columns.length, 0)} columns; ${REQUESTS} requests`);
  const small = await measure(catalog(2, 5, 20), 2, 5, REQUESTS);
  const large = await measure(big, 50, 200, REQUESTS);
  const p95 = pct(large.times, 0.95);
  ctx.log(
    `10k tables: index load ${large.refreshMs.toFixed(0)} ms; completion p50 ${pct(large.times, 0.5).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${Math.max(...large.times).toFixed(1)} ms; ${Math.round(large.items / REQUESTS)} items per request on average`,
  );
  ctx.log(`10 tables: completion p50 ${pct(small.times, 0.5).toFixed(2)} ms, p95 ${pct(small.times, 0.95).toFixed(2)} ms`);
  ctx.log(`hover p95 ${large.hoverP95.toFixed(2)} ms; diagnostics of the 40-statement document ${large.diagnosticsMs.toFixed(2)} ms`);
  const results: BenchResult[] = [
    {
      name: 'completion_p95_ms_10k_tables',
      value: p95,
      unit: 'ms',
      baseline: pct(small.times, 0.95),
      target: '<=20',
      pass: meets(p95, '<=20'),
    },
  ];
  return results;
};

export default suite;
