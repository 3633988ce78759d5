// Checks of generated code for the translator tests: the Python shape (compiled by python3, statements and
// names from its AST) and, with no Scala compiler here, a Scala lexical check (strings, escapes, comments,
// brackets, top-level statements) that catches what would let SQL text escape its string or comment.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const PYTHON = '/usr/bin/python3';

export interface PyShape {
  name: string;
  error?: string;
  statements: string[];
  names: string[];
  assigned: string[];
  strings: string[];
  over: string[];
}

/** Compiles each program with python3 and returns its shape (or the compile error). */
export function pythonShapes(programs: Array<{ name: string; code: string }>): PyShape[] {
  const r = spawnSync(PYTHON, [path.join(__dirname, 'python_shape.py')], {
    input: JSON.stringify(programs),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`python_shape.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as PyShape[];
}

/** Raw characters generated code must never contain (all are escaped): controls but LF, bidi, separators, BOM, lone surrogates. */
export const UNSAFE_RAW =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const SCALA_KEYWORDS = new Set(
  'abstract case catch class def do else extends false final finally for forSome if implicit import lazy macro match new null object override package private protected return sealed super this throw trait try true type val var while with yield enum export given then'.split(
    ' ',
  ),
);

/** Problems a Scala (2.12/2.13/3) compiler would report, or that would let input escape; [] when none. */
export function scalaProblems(code: string): string[] {
  const problems: string[] = [];
  if (UNSAFE_RAW.test(code)) problems.push(`raw unsafe character U+${code.codePointAt(code.search(UNSAFE_RAW))!.toString(16)}`);
  const stack: string[] = [];
  const vals: string[] = [];
  code.split('\n').forEach((line, n) => {
    const at = `line ${n + 1}`;
    if (line && !/^\s/.test(line) && !/^(import |val |\/\/ |[A-Za-z_][A-Za-z0-9_]*\.write)/.test(line))
      problems.push(`${at}: unexpected top-level statement: ${line.slice(0, 60)}`);
    const v = /^val ([A-Za-z_][A-Za-z0-9_]*) = /.exec(line);
    if (v) vals.push(v[1]!);
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (c === '/' && line[i + 1] === '/') {
        // Scala 2.12 decodes \uXXXX everywhere, comments included, when the backslash is not itself escaped.
        const comment = line.slice(i);
        for (const m of comment.matchAll(/(\\+)u/g)) if (m[1]!.length % 2 === 1) problems.push(`${at}: Unicode escape in a comment`);
        break;
      }
      if (c === '"') {
        let j = i + 1;
        for (; j < line.length && line[j] !== '"'; j++) {
          if (line[j] !== '\\') continue;
          const e = line[j + 1];
          if (e === 'u') {
            const hex = line.slice(j + 2, j + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) problems.push(`${at}: malformed \\u escape`);
            else if (['000a', '000d', '0022', '005c'].includes(hex.toLowerCase()))
              problems.push(`${at}: \\u${hex} in a string (Scala 2.12 decodes it before lexing)`);
            j += 5;
          } else if (e !== undefined && 'btnfr"\'\\'.includes(e)) j++;
          else problems.push(`${at}: invalid escape \\${e ?? '(end of line)'}`);
        }
        if (j >= line.length) problems.push(`${at}: unterminated string`);
        i = j;
        continue;
      }
      if ('([{'.includes(c)) stack.push(c);
      if (')]}'.includes(c)) {
        const open = stack.pop();
        if (open !== { ')': '(', ']': '[', '}': '{' }[c]) problems.push(`${at}: unbalanced ${c}`);
      }
    }
  });
  if (stack.length) problems.push(`unclosed ${stack.join('')}`);
  for (const v of vals) if (SCALA_KEYWORDS.has(v)) problems.push(`val named with the keyword ${v}`);
  const dup = vals.find((v, i) => vals.indexOf(v) !== i);
  if (dup) problems.push(`val ${dup} defined twice`);
  return problems;
}
