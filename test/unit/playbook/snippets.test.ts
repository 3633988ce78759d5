// The snippets, expanded with their default choices, make files the validator finds clean: a new
// playbook with each kind of step, and a new cluster config.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { lineColumn, validateConfig } from '../../../src/core/playbook/validate';

const root = path.resolve(__dirname, '../../..');
const snippets = JSON.parse(readFileSync(path.join(root, 'snippets/dataflow-runner.json'), 'utf8')) as Record<
  string,
  { prefix: string; body: string[] }
>;

/** Expands VS Code snippet syntax with defaults: ${1:x} → x, ${2|a,b|} → a, $0 → (empty). */
function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}
const byPrefix = (prefix: string): string => expand(Object.values(snippets).find((s) => s.prefix === prefix)!.body);

function clean(text: string, kind: 'playbook' | 'cluster', label: string): void {
  const errors = validateConfig(text, { expectedKind: kind, vars: new Set(['region', 'runDate']) }).diagnostics.filter(
    (d) => d.severity !== 'info',
  );
  assert.deepEqual(
    errors.map((d) => `${lineColumn(text, d.offset).line}: ${d.message}`),
    [],
    `${label}:\n${text}`,
  );
}

test('a new playbook with each step snippet is clean', () => {
  for (const step of ['dfr-step-s3distcp', 'dfr-step-spark', 'dfr-step-pyspark', 'dfr-step-jar']) {
    clean(byPrefix('dfr-playbook').replace('      \n', `      ${byPrefix(step).split('\n').join('\n      ')}\n`), 'playbook', step);
  }
});

test('a new cluster config is clean', () => {
  clean(byPrefix('dfr-cluster'), 'cluster', 'dfr-cluster');
});
