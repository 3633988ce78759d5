// Measures the SQL front ends we could use for translation, on the oracle corpus:
//   dt-sql-parser (PostgreSQL / Trino grammars, the engine inside monaco-sql-languages),
//   node-sql-parser (Redshift / PostgresQL / Trino), and our recursive-descent parser.
// Correctness = share of corpus files (not marked `-- expect: reject`) parsed without error.
// Cold = first parse in this process (grammar/ATN warm-up); warm = median per file after that.
// usage: node --import tsx scripts/measure-parsers.ts [corpus-dir]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseStatements } from '../src/core/translate/parser';

interface Case {
  name: string;
  sql: string;
  dialect: 'redshift' | 'athena' | 'postgres';
}
interface Front {
  name: string;
  parse(c: Case): boolean;
  positions: string;
}

function cases(dir: string): Case[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => {
      const sql = readFileSync(path.join(dir, f), 'utf8');
      return { name: f, sql, dialect: (/--\s*dialect:\s*(\w+)/.exec(sql)?.[1] ?? 'redshift') as Case['dialect'] };
    })
    .filter((c) => !/--\s*expect:\s*reject/.test(c.sql));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  const dir = process.argv[2] ?? path.join(__dirname, '../test/oracle/corpus');
  const all = cases(dir);
  const t0 = performance.now();
  const dt = await import('dt-sql-parser');
  const dtLoad = performance.now() - t0;
  const t1 = performance.now();
  const nsp = await import('node-sql-parser');
  const nspLoad = performance.now() - t1;
  const pg = new dt.PostgreSQL();
  const trino = new dt.TrinoSQL();
  const NodeParser =
    (
      nsp as unknown as {
        Parser?: new () => { astify(sql: string, opt: object): unknown };
        default: { Parser: new () => { astify(sql: string, opt: object): unknown } };
      }
    ).Parser ?? nsp.default.Parser;
  const nodeParser = new NodeParser();
  const nspDb = { redshift: 'Redshift', postgres: 'PostgresQL', athena: 'Trino' } as const;
  const fronts: Front[] = [
    {
      name: 'dt-sql-parser',
      positions: 'CST tokens only (no typed AST)',
      parse: (c) => (c.dialect === 'athena' ? trino : pg).validate(c.sql).length === 0,
    },
    {
      name: 'node-sql-parser',
      positions: 'none by default',
      parse: (c) => {
        try {
          nodeParser.astify(c.sql, { database: nspDb[c.dialect] });
          return true;
        } catch {
          return false;
        }
      },
    },
    {
      name: 'hand-written',
      positions: 'line/column on every node',
      parse: (c) => {
        try {
          parseStatements(c.sql);
          return true;
        } catch {
          return false;
        }
      },
    },
  ];
  console.log(
    `corpus: ${all.length} translatable files (${dir}); module load: dt-sql-parser ${dtLoad.toFixed(0)} ms, node-sql-parser ${nspLoad.toFixed(0)} ms`,
  );
  for (const f of fronts) {
    const firstStart = performance.now();
    f.parse(all[0]);
    const cold = performance.now() - firstStart;
    let okCount = 0;
    const times: number[] = [];
    const failures: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (const c of all) {
        const s = performance.now();
        const ok = f.parse(c);
        times.push(performance.now() - s);
        if (round === 0) {
          if (ok) okCount++;
          else failures.push(c.name);
        }
      }
    }
    console.log(
      `${f.name.padEnd(16)} parsed ${okCount}/${all.length}  cold ${cold.toFixed(1)} ms  warm median ${median(times).toFixed(3)} ms/file  positions: ${f.positions}`,
    );
    if (failures.length) console.log(`  failed: ${failures.slice(0, 12).join(', ')}${failures.length > 12 ? ', …' : ''}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
