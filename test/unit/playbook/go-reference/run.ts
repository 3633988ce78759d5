// Runs the template table through Go's own text/template (go-reference/main.go) and returns Go's
// result per case. Used to write template-expected.json (`npx tsx test/unit/playbook/go-reference/run.ts --write`)
// and by template.test.ts to re-check the table whenever `go` is on PATH.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DRAFTS, ENV, NOW_MS } from '../template-cases';

export type Expected = Record<string, { out: string } | { err: string }>;

export function goAvailable(): boolean {
  return spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
}

export function runGoReference(root: string): Expected {
  const result: Expected = {};
  const byTz = new Map<string, typeof DRAFTS>();
  for (const c of DRAFTS) byTz.set(c.tz ?? 'UTC', [...(byTz.get(c.tz ?? 'UTC') ?? []), c]);
  for (const [tz, cases] of byTz) {
    const r = spawnSync('go', ['run', path.join(__dirname, 'main.go')], {
      cwd: root,
      input: JSON.stringify(cases.map((c) => ({ name: 'playbook.json', template: c.template, vars: c.vars ?? {} }))),
      encoding: 'utf8',
      env: { ...process.env, ...ENV, TZ: tz, REF_NOW_MS: String(NOW_MS), GO111MODULE: 'off', GOFLAGS: '' },
    });
    if (r.status !== 0) throw new Error(`go reference failed: ${r.stderr}`);
    const outs = JSON.parse(r.stdout) as { out?: string; err?: string }[];
    cases.forEach((c, i) => {
      result[c.name] = outs[i].err !== undefined ? { err: outs[i].err! } : { out: outs[i].out ?? '' };
    });
  }
  return result;
}

if (process.argv.includes('--write')) {
  const root = path.resolve(__dirname, '../../../..');
  writeFileSync(path.join(__dirname, '../template-expected.json'), JSON.stringify(runGoReference(root), null, 2) + '\n');
}
