// npm run bench [-- suite-name ...]: runs bench/suites/*.ts and writes bench/results.json.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeBenchmarksDoc } from './report';
import type { BenchResult, BenchSuite } from './types';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const only = process.argv.slice(2);
  const dir = path.join(__dirname, 'suites');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  const results: BenchResult[] = [];
  let failed = 0;
  for (const file of files) {
    const name = path.basename(file, '.ts');
    if (only.length && !only.includes(name)) continue;
    console.log(`== ${name}`);
    const suite: BenchSuite = (await import(path.join(dir, file))).default;
    try {
      for (const r of await suite({ root, log: (m) => console.log(`   ${m}`) })) {
        results.push(r);
        console.log(
          `   ${r.pass ? 'PASS' : 'FAIL'} ${r.name} = ${r.value.toFixed(3)} ${r.unit} (baseline ${r.baseline.toFixed(3)}, target ${r.target})`,
        );
      }
    } catch (e) {
      failed++;
      console.error(`   ERROR in suite ${name}:`, e);
    }
  }
  const machine = `${os.cpus().length} cores ${os.cpus()[0]?.model ?? ''} ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`;
  // A partial run (`npm run bench -- pg`) replaces only the entries it measured.
  const file = path.join(root, 'bench/results.json');
  const previous: BenchResult[] = only.length && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')).results ?? []) : [];
  const measured = new Set(results.map((r) => r.name));
  const merged = [...previous.filter((r) => !measured.has(r.name)), ...results];
  writeFileSync(file, JSON.stringify({ machine, results: merged }, null, 2) + '\n');
  writeBenchmarksDoc(root, machine, merged);
  const passed = results.filter((r) => r.pass).length;
  console.log(`bench: ${passed} passed, ${results.length - passed + failed} failed`);
  process.exit(failed ? 1 : 0);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
