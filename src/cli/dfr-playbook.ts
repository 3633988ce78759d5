// dfr-playbook: the editor's Dataflow Runner checks and rendering, for CI.
//   dfr-playbook validate FILE [--vars k1,v1,...] [--kind playbook|cluster]
//     prints each problem as `FILE:LINE:COL: severity: message`; exit 1 on any error, else 0.
//   dfr-playbook render FILE [--vars k1,v1,...]
//     prints the file rendered exactly as Dataflow Runner renders it (exit 0), or the runner's
//     one-line error on stderr (exit 1). Usage errors exit 64.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { nodeRenderEnv } from '../core/playbook/nodeEnv';
import { parseVarsFlag, renderPlaybook } from '../core/playbook/render';
import { kindFromFileName } from '../core/playbook/recognize';
import { lineColumn, validateConfig } from '../core/playbook/validate';
import type { ConfigKind } from '../core/playbook/model';

const USAGE =
  'usage: dfr-playbook validate FILE [--vars k1,v1,...] [--kind playbook|cluster]\n       dfr-playbook render FILE [--vars k1,v1,...] [--kind playbook|cluster]';

class UsageError extends Error {}

function parseArgs(argv: string[]): { command: string; file: string; vars?: string; kind?: ConfigKind } {
  const [command, ...rest] = argv;
  if (command !== 'validate' && command !== 'render') throw new UsageError(command ? `unknown command ${command}` : 'missing command');
  let file: string | undefined;
  let vars: string | undefined;
  let kind: ConfigKind | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      const v = eq > 0 ? a.slice(eq + 1) : rest[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--vars') vars = value();
    else if (flag === '--kind') {
      const k = value();
      if (k !== 'playbook' && k !== 'cluster') throw new UsageError(`unknown kind ${k}`);
      kind = k;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else if (file === undefined) file = a;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (!file) throw new UsageError('missing FILE');
  return { command, file, vars, kind };
}

function main(argv: string[]): number {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const args = parseArgs(argv);
  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch (e) {
    process.stderr.write(`dfr-playbook: cannot read ${args.file}: ${(e as Error).message}\n`);
    return 1;
  }
  const parsedVars = parseVarsFlag(args.vars ?? '');
  if (!parsedVars.ok) {
    process.stderr.write(`${parsedVars.error}\n`);
    return 1;
  }
  const name = path.basename(args.file);
  const env = nodeRenderEnv();

  if (args.command === 'render') {
    // The runner reads a file as the playbook or the cluster config by the flag it is given; here by
    // --kind, the file name or its "schema", which decides the structs a value must fit.
    const kind = args.kind ?? kindFromFileName(name) ?? validateConfig(text, { fileName: name }).kind;
    const r = renderPlaybook(text, parsedVars.vars, env, name, kind);
    if (!r.ok) {
      process.stderr.write(`${r.error}\n`);
      return 1;
    }
    process.stdout.write(r.text);
    return 0;
  }

  const result = validateConfig(text, {
    expectedKind: args.kind ?? kindFromFileName(name),
    vars: new Set(parsedVars.vars.keys()),
    varsHint: '(pass it with --vars)',
    fileName: name,
  });
  const problems = result.diagnostics.map((d) => ({ ...d, ...lineColumn(text, d.offset) }));
  // Where the file itself looks right, render it as the runner would: that catches what only
  // running the template shows (an unset environment variable, a missing base64File, bad JSON output).
  if (!problems.some((p) => p.severity === 'error')) {
    const r = renderPlaybook(text, parsedVars.vars, env, name, result.kind);
    if (!r.ok)
      problems.push({
        severity: 'error',
        code: 'render',
        message: r.error,
        offset: r.offset ?? 0,
        length: 0,
        ...lineColumn(text, r.offset ?? 0),
      });
  }
  for (const p of problems) process.stdout.write(`${args.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  process.stderr.write(`dfr-playbook: ${e.message}\n${USAGE}\n`);
  process.exitCode = 64;
}
