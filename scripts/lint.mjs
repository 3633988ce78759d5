// `npm run lint [-- PATHS...]`: ESLint over the TypeScript tree (default: src webviews test bench
// scripts) with tools/lint/eslint.config.mjs, then (over the whole tree only) knip for unused files,
// exports and dependencies (knip.jsonc), which ESLint cannot see one file at a time. The linter lives in its own package (tools/lint):
// typescript-eslint needs TypeScript 6's JS API while the project compiles with TypeScript 7.
// Installs that package from its lockfile on first use. Fails if either tool finds a problem.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tool = path.join(root, 'tools/lint');
const eslint = path.join(tool, 'node_modules/eslint/bin/eslint.js');

if (!existsSync(eslint)) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const installed = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: tool, stdio: 'inherit' });
  if (installed.status !== 0) process.exit(installed.status ?? 1);
}
const targets = process.argv.slice(2);
const run = spawnSync(
  process.execPath,
  [eslint, '-c', path.join(tool, 'eslint.config.mjs'), ...(targets.length ? targets : ['src', 'webviews', 'test', 'bench', 'scripts'])],
  { cwd: root, stdio: 'inherit' },
);
if (targets.length) process.exit(run.status ?? 1);
const knip = spawnSync(process.execPath, [path.join(root, 'node_modules/knip/bin/knip.js'), '--no-progress'], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status !== 0 ? (run.status ?? 1) : (knip.status ?? 1));
