// Measures dt-sql-parser (the engine of monaco-sql-languages) for the editor's SQL language
// features, per dialect grammar, against our hand-written tolerant reading:
//   cold  = module load + first validate() in a fresh process (what the first keystroke would wait),
//   warm  = median validate() / getSuggestionAtCaretPosition() per statement after that,
//   false = statements of the corpora (examples/, snippets, the translator corpus and unit
//           fixtures, test/unit/sqlLanguage/fixtures) that the grammar reports errors for although
//           the engine runs them.
// usage: node --import tsx scripts/measure-sql-language.ts            (all, each grammar in its own process)
//        node --import tsx scripts/measure-sql-language.ts one GRAMMAR (one grammar, this process)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { splitStatements } from '../src/core/sql/split';
import { sqlProblems } from '../src/core/sql/language/diagnostics';
import { complete } from '../src/core/sql/language/completion';
import { dialectOverride, type SqlDialect } from '../src/core/sql/language/dialect';

const ROOT = path.resolve(__dirname, '..');
type Grammar = 'PostgreSQL' | 'TrinoSQL';
const GRAMMAR: Record<SqlDialect, Grammar> = { postgres: 'PostgreSQL', redshift: 'PostgreSQL', duckdb: 'PostgreSQL', athena: 'TrinoSQL' };

function corpus(): { name: string; sql: string; dialect: SqlDialect }[] {
  const out: { name: string; sql: string; dialect: SqlDialect }[] = [];
  const add = (dir: string, fallback: SqlDialect): void => {
    for (const f of readdirSync(path.join(ROOT, dir))
      .filter((x) => x.endsWith('.sql'))
      .sort()) {
      const text = readFileSync(path.join(ROOT, dir, f), 'utf8');
      const dialect = dialectOverride(text) ?? fallback;
      for (const s of splitStatements(text, { backslashEscapes: dialect === 'redshift' }))
        out.push({ name: `${dir}/${f}:${s.line + 1}`, sql: s.text, dialect });
    }
  };
  add('examples', 'redshift');
  add('test/oracle/corpus', 'redshift');
  add('test/unit/sqlLanguage/fixtures', 'redshift');
  return out;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function one(grammar: Grammar): Promise<void> {
  const statements = corpus().filter((c) => GRAMMAR[c.dialect] === grammar);
  const t0 = performance.now();
  const dt = (await import('dt-sql-parser')) as unknown as Record<
    Grammar,
    new () => {
      validate(s: string): unknown[];
      getSuggestionAtCaretPosition(s: string, p: { lineNumber: number; column: number }): unknown;
    }
  >;
  const load = performance.now() - t0;
  const parser = new dt[grammar]();
  const t1 = performance.now();
  parser.validate(statements[0].sql);
  const first = performance.now() - t1;
  const validateTimes: number[] = [];
  const falseAlarms: string[] = [];
  for (const c of statements) {
    const s = performance.now();
    const errors = parser.validate(c.sql);
    validateTimes.push(performance.now() - s);
    if (errors.length) falseAlarms.push(`${c.name} (${c.dialect})`);
  }
  const suggestTimes: number[] = [];
  for (const c of statements.slice(0, 60)) {
    const at = c.sql.indexOf(' FROM ');
    if (at < 0) continue;
    const before = c.sql.slice(0, at + 6);
    const lines = before.split('\n');
    const s = performance.now();
    parser.getSuggestionAtCaretPosition(c.sql, { lineNumber: lines.length, column: lines[lines.length - 1].length + 1 });
    suggestTimes.push(performance.now() - s);
  }
  // Ours on the same statements.
  const ours: number[] = [];
  const ourFalse: string[] = [];
  for (const c of statements) {
    const s = performance.now();
    const problems = sqlProblems(c.sql, c.dialect, { backslashEscapes: c.dialect === 'redshift' });
    await complete(c.sql, Math.max(0, c.sql.indexOf(' FROM ') + 6), { dialect: c.dialect });
    ours.push(performance.now() - s);
    if (problems.length) ourFalse.push(c.name);
  }
  console.log(
    JSON.stringify({
      grammar,
      statements: statements.length,
      loadMs: load,
      firstValidateMs: first,
      warmValidateMedianMs: median(validateTimes),
      warmValidateMaxMs: Math.max(...validateTimes),
      suggestMedianMs: median(suggestTimes),
      falseAlarms: falseAlarms.length,
      falseByDialect: Object.fromEntries(
        ['redshift', 'postgres', 'duckdb', 'athena'].map((d) => [
          d,
          `${falseAlarms.filter((f) => f.endsWith(`(${d})`)).length}/${statements.filter((c) => c.dialect === d).length}`,
        ]),
      ),
      falseAlarmExamples: falseAlarms.filter((f) => !f.includes('fixtures/')).slice(0, 8),
      oursMedianMs: median(ours),
      oursFalseAlarms: ourFalse.length,
    }),
  );
}

async function main(): Promise<void> {
  if (process.argv[2] === 'one') return one(process.argv[3] as Grammar);
  for (const g of ['PostgreSQL', 'TrinoSQL'] as Grammar[]) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, 'one', g], { encoding: 'utf8', cwd: ROOT });
    process.stdout.write(r.stdout);
    if (r.status !== 0) process.stderr.write(r.stderr);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
