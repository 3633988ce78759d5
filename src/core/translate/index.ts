// SQL → typed relational plan → PySpark / Scala. Refuses (with a position) whatever it cannot translate faithfully.
import type { TranslateOptions, TranslateResult } from './api';

export type { Dialect, Target, WriteMode, TranslateOptions, TranslateResult, TranslateSuccess, TranslateRefusal } from './api';

export function translate(sql: string, options: TranslateOptions): TranslateResult {
  void sql;
  void options;
  return { ok: false, reason: 'translator not implemented yet', line: 1, column: 1 };
}
