// sql2df [--dialect redshift|athena|postgres] [--target pyspark|scala] [--write-mode saveAsTable|jdbc] [FILE|-]
// Prints the DataFrame code on stdout (exit 0), or `file:line:col: reason` on stderr (exit 2).
import { readFileSync } from 'node:fs';
import { translate, type Dialect, type Target, type WriteMode } from '../core/translate/index';

const USAGE = 'usage: sql2df [--dialect redshift|athena|postgres] [--target pyspark|scala] [--write-mode saveAsTable|jdbc] [FILE|-]';

function main(argv: string[]): number {
  let dialect: Dialect = 'redshift';
  let target: Target = 'pyspark';
  let writeMode: WriteMode = 'saveAsTable';
  let file = '-';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inlineValue] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inlineValue ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--dialect') {
      const v = value();
      if (v !== 'redshift' && v !== 'athena' && v !== 'postgres') throw new Error(`unknown dialect ${v}`);
      dialect = v;
    } else if (flag === '--target') {
      const v = value();
      if (v !== 'pyspark' && v !== 'scala') throw new Error(`unknown target ${v}`);
      target = v;
    } else if (flag === '--write-mode') {
      const v = value();
      if (v !== 'saveAsTable' && v !== 'jdbc') throw new Error(`unknown write mode ${v}`);
      writeMode = v;
    } else if (flag === '-h' || flag === '--help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else file = a;
  }
  const name = file === '-' ? '<stdin>' : file;
  const sql = readFileSync(file === '-' ? 0 : file, 'utf8');
  const r = translate(sql, { dialect, target, writeMode, fileName: name });
  if (!r.ok) {
    process.stderr.write(`${name}:${r.line}:${r.column}: ${r.reason}\n`);
    return 2;
  }
  for (const w of r.warnings) process.stderr.write(`${name}: warning: ${w}\n`);
  process.stdout.write(r.code);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`sql2df: ${(e as Error).message}\n${USAGE}\n`);
  process.exitCode = 64;
}
