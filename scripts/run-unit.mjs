// `npm run test:unit [-- PATH_FRAGMENT...]`: runs test/unit/**/*.test.ts with Node's test runner.
// Node 20's --test takes no glob, so the files are listed here. Arguments narrow the run to files
// whose path contains any of them. The exit code is the test runner's.
// A test that runs 10 minutes is taken as hung (--test-timeout) so npm test always ends.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const unitDir = path.join(root, 'test/unit');

function findTests(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if (e.code === 'ENOENT') return [];
    throw e;
  }
  return entries.flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return findTests(full);
    return e.isFile() && e.name.endsWith('.test.ts') ? [full] : [];
  });
}

const filters = process.argv.slice(2);
const files = findTests(unitDir)
  .map((f) => path.relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();

if (files.length === 0) {
  console.error(`run-unit: no test files under test/unit${filters.length ? ` matching ${filters.join(', ')}` : ''}`);
  process.exit(filters.length ? 1 : 0);
}

const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-timeout=600000', ...files], {
  cwd: root,
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
