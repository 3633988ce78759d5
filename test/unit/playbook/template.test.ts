// The template table (template-cases.ts) against our Go text/template engine: every case must give
// Go's exact output or exact error text. With `go` on PATH the stored expectations are re-derived
// from Go itself first, so the table cannot drift from Go.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { renderTemplate, type RenderEnv } from '../../../src/core/playbook/render';
import { DRAFTS, ENV, NOW_MS } from './template-cases';
import { goAvailable, runGoReference, type Expected } from './go-reference/run';

const root = path.resolve(__dirname, '../../..');
const expected = JSON.parse(readFileSync(path.join(__dirname, 'template-expected.json'), 'utf8')) as Expected;

const env: RenderEnv = {
  now: () => NOW_MS,
  getenv: (name) => (ENV as Record<string, string>)[name],
  readFile: (file) => {
    try {
      return readFileSync(path.resolve(root, file));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`open ${file}: no such file or directory`);
      throw e;
    }
  },
};

test('the table has at least 60 cases, each with a stored expectation', () => {
  assert.ok(DRAFTS.length >= 60, `${DRAFTS.length} cases`);
  for (const c of DRAFTS) assert.ok(expected[c.name], `no expectation for ${c.name}`);
  assert.equal(new Set(DRAFTS.map((c) => c.name)).size, DRAFTS.length, 'case names are unique');
});

test('stored expectations are what Go produces (when go is installed)', { skip: !goAvailable() && 'go is not on PATH' }, () => {
  assert.deepEqual(runGoReference(root), expected);
});

const savedTz = process.env.TZ;
for (const c of DRAFTS) {
  test(`template: ${c.name}`, () => {
    process.env.TZ = c.tz ?? 'UTC';
    try {
      const r = renderTemplate(c.template, new Map(Object.entries(c.vars ?? {})), env);
      const want = expected[c.name];
      if ('out' in want) {
        assert.ok(r.ok, `expected output ${JSON.stringify(want.out)}, got error ${r.ok ? '' : r.error}`);
        assert.equal(r.text, want.out);
      } else {
        assert.ok(!r.ok, `expected error ${want.err}, got output ${r.ok ? JSON.stringify(r.text) : ''}`);
        assert.equal(r.error, want.err);
      }
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
  });
}

test('hostile templates stop with an error instead of hanging or exhausting memory', () => {
  const vars = new Map(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'v']));
  const nested = '{{range $}}'.repeat(8) + '{{end}}'.repeat(8); // 20^8 iterations, no output
  const slow = renderTemplate(nested, vars, env);
  assert.ok(!slow.ok && /takes too long/.test(slow.error), slow.ok ? 'rendered' : slow.error);
  const recursive = renderTemplate('{{define "a"}}{{template "a" .}}{{end}}{{template "a" .}}', vars, env);
  assert.ok(!recursive.ok && /maximum template depth/.test(recursive.error), recursive.ok ? 'rendered' : recursive.error);
});
