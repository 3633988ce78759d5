import assert from 'node:assert/strict';
import { translate, type Dialect, type Target, type TranslateOptions } from '../../../src/core/translate/index';

export function ok(sql: string, dialect: Dialect = 'redshift', target: Target = 'pyspark', extra: Partial<TranslateOptions> = {}): string {
  const r = translate(sql, { dialect, target, ...extra });
  if (!r.ok) assert.fail(`expected a translation, got refusal ${r.line}:${r.column}: ${r.reason}`);
  return r.code;
}

export function refused(sql: string, dialect: Dialect = 'redshift'): { reason: string; line: number; column: number } {
  const r = translate(sql, { dialect, target: 'pyspark' });
  if (r.ok) assert.fail(`expected a refusal, got:\n${r.code}`);
  return r;
}
