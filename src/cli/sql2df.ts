// sql2df [--dialect redshift|athena|postgres] [--target pyspark|scala] [--write-mode saveAsTable|jdbc] [FILE|-]
// Prints the DataFrame code on stdout (exit 0), or `file:line:col: reason` on stderr (exit 2); usage errors
// exit 64 and unreadable input 66 (the sysexits.h codes).
import { readFileSync } from 'node:fs';
import { decodeSql } from '../core/translate/input';
import { translate, type Dialect, type Target, type WriteMode } from '../core/translate/index';

const USAGE = `usage: sql2df [--dialect redshift|athena|postgres] [--target pyspark|scala] [--write-mode saveAsTable|jdbc] [FILE|-]
Translates SQL (UTF-8, from FILE or stdin) to Spark DataFrame code on stdout.
exit status: 0 translated; 2 refused or not valid UTF-8 (stderr: FILE:LINE:COL: reason); 64 usage error; 66 input not readable`;

const EXIT = { translated: 0, refused: 2, usage: 64, noInput: 66 } as const;

class UsageError extends Error {}

function main(argv: string[]): number {
  let dialect: Dialect = 'redshift';
  let target: Target = 'pyspark';
  let writeMode: WriteMode = 'saveAsTable';
  let file = '-';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inlineValue] =
      a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inlineValue ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--dialect') {
      const v = value();
      if (v !== 'redshift' && v !== 'athena' && v !== 'postgres') throw new UsageError(`unknown dialect ${v}`);
      dialect = v;
    } else if (flag === '--target') {
      const v = value();
      if (v !== 'pyspark' && v !== 'scala') throw new UsageError(`unknown target ${v}`);
      target = v;
    } else if (flag === '--write-mode') {
      const v = value();
      if (v !== 'saveAsTable' && v !== 'jdbc') throw new UsageError(`unknown write mode ${v}`);
      writeMode = v;
    } else if (flag === '-h' || flag === '--help') {
      process.stdout.write(USAGE + '\n');
      return EXIT.translated;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else file = a;
  }
  const name = file === '-' ? '<stdin>' : file;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file === '-' ? 0 : file);
  } catch (e) {
    process.stderr.write(`sql2df: cannot read ${name}: ${(e as Error).message}\n`);
    return EXIT.noInput;
  }
  const input = decodeSql(bytes);
  if (!input.ok) {
    process.stderr.write(`${name}:${input.line}:${input.column}: ${input.reason}\n`);
    return EXIT.refused;
  }
  const r = translate(input.text, { dialect, target, writeMode, fileName: name });
  if (!r.ok) {
    process.stderr.write(`${name}:${r.line}:${r.column}: ${r.reason}\n`);
    return EXIT.refused;
  }
  for (const w of r.warnings) process.stderr.write(`${name}: warning: ${w}\n`);
  process.stdout.write(r.code);
  return EXIT.translated;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  process.stderr.write(`sql2df: ${e.message}\n${USAGE}\n`);
  process.exitCode = EXIT.usage;
}
