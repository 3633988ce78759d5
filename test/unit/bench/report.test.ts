// The bench report: every figure gets a chart of its value against its target, and the page
// lists each figure with its baseline, target and the machine.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { chartSvg, writeBenchmarksDoc } from '../../../bench/report';

test('a chart draws the target line where the target is and colours the bar by pass/fail', () => {
  const svg = chartSvg({ name: 'x_ms', value: 40, unit: 'ms', baseline: 100, target: '<=50', pass: true });
  // Scale: max(40, 50) * 1.15 over 460 px from x = 10.
  const targetX = (10 + (50 / 57.5) * 460).toFixed(1);
  assert.ok(svg.includes(`x1="${targetX}"`), svg);
  assert.ok(svg.includes('#2e7d32'));
  assert.ok(chartSvg({ name: 'y', value: 2, unit: 'x', baseline: 1, target: '<=1.3', pass: false }).includes('#c62828'));
  assert.ok(!chartSvg({ name: '<script>', value: 1, unit: 'u', baseline: 1, target: '>=1', pass: true }).includes('<script>'));
});

test('benchmarks.md lists every figure with baseline, target, machine and its chart', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'dw-bench-report-'));
  try {
    writeBenchmarksDoc(root, '2 cores test', [
      { name: 'b_kb', value: 300, unit: 'KB', baseline: 900, target: '<=512', pass: true },
      { name: 'a_ms', value: 60, unit: 'ms', baseline: 2000, target: '<=50', pass: false },
    ]);
    const md = readFileSync(path.join(root, 'docs/benchmarks.md'), 'utf8');
    assert.match(md, /Machine: 2 cores test\./);
    assert.match(md, /\| `a_ms` \| 60\.000 ms \| 2000\.000 \| <=50 \| \*\*no\*\* \|/);
    assert.match(md, /!\[b_kb: .*\]\(bench\/b_kb\.svg\)/);
    assert.ok(readFileSync(path.join(root, 'docs/bench/a_ms.svg'), 'utf8').startsWith('<svg'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
