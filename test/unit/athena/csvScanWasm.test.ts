// csvScanWasm.ts is generated from csvScan.wat; it must still be what the source assembles to,
// and this runtime (Node here, Electron in VS Code) must run it, or the SIMD scanner is silently off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SimdCsvScanner } from '../../../src/core/engines/csv/csvScanSimd';
// @ts-expect-error: a plain ESM script without types
import { assembleCsvScan, generatedSource } from '../../../scripts/gen-wasm.mjs';

test('csvScanWasm.ts is what csvScan.wat assembles to (npm run gen:wasm)', async () => {
  const committed = readFileSync(path.join(__dirname, '../../../src/core/engines/csv/csvScanWasm.ts'), 'utf8');
  assert.equal(committed, generatedSource(await assembleCsvScan()));
});

test('the SIMD scanner loads in this runtime', () => {
  assert.ok(SimdCsvScanner.create(), 'WebAssembly SIMD module did not instantiate');
});
