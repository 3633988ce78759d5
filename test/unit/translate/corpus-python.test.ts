// Every translation of the oracle corpus is valid Python that reads inputs only through spark.table and
// defines `result`; every refusal has a position inside the file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { translate, type Dialect } from '../../../src/core/translate/index';

const CORPUS = path.resolve(__dirname, '../../oracle/corpus');
// Right translations the oracle misjudges; they must be valid Python all the same.
const LIMITS = path.resolve(__dirname, '../../oracle/oracle-limits');

test('corpus translations parse as Python', { skip: !existsSync(CORPUS) || !existsSync('/usr/bin/python3') }, () => {
  const outputs: Array<{ name: string; code: string }> = [];
  const files = [CORPUS, LIMITS]
    .filter((d) => existsSync(d))
    .flatMap((d) =>
      readdirSync(d)
        .filter((x) => x.endsWith('.sql'))
        .map((f) => path.join(d, f)),
    );
  for (const file of files) {
    const f = path.basename(file);
    const sql = readFileSync(file, 'utf8');
    const dialect = (/--\s*dialect:\s*(redshift|athena|postgres)/.exec(sql)?.[1] ?? 'redshift') as Dialect;
    const r = translate(sql, { dialect, target: 'pyspark' });
    if (!r.ok) {
      const lines = sql.split('\n');
      assert.ok(r.line >= 1 && r.line <= lines.length, `${f}: line ${r.line} outside the file`);
      assert.ok(r.column >= 1 && r.column <= lines[r.line - 1].length + 1, `${f}: column ${r.column} outside line ${r.line}`);
      continue;
    }
    assert.match(r.code, /^result = /m, f);
    assert.doesNotMatch(r.code, /[^y]spark\.sql\(|F\.expr\(/, f);
    outputs.push({ name: f, code: r.code });
  }
  assert.ok(outputs.length > 10);
  const check = spawnSync(
    '/usr/bin/python3',
    ['-c', 'import ast,json,sys\nfor o in json.load(sys.stdin):\n    ast.parse(o["code"], o["name"])'],
    { input: JSON.stringify(outputs), encoding: 'utf8' },
  );
  assert.equal(check.status, 0, check.stderr);
});
