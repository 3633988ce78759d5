// Stand-in translator for the runner's own test: "translates" a fixture by returning the hand-written
// PySpark in selftest/py/<name>.py, refuses when there is none, and throws for a `#THROW` fixture.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { TranslateOptions, TranslateResult } from '../../../src/core/translate/api';

const PY_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'py');

export function translate(sql: string, options: TranslateOptions): TranslateResult {
  const name = path.basename(options.fileName ?? '').replace(/\.sql$/, '');
  const file = path.join(PY_DIR, `${name}.py`);
  if (!existsSync(file)) {
    const line = sql.split('\n').findIndex((l) => !l.startsWith('--')) + 1;
    return { ok: false, reason: 'fixture has no translation', line, column: 1 };
  }
  const code = readFileSync(file, 'utf8');
  if (code.startsWith('#THROW')) throw new Error('fixture translator crash');
  return { ok: true, code, warnings: [] };
}
