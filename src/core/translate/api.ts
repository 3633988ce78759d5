// Public contract of the SQL → DataFrame translator (used by the CLI, the editor command and the oracle runner).

export type Dialect = 'redshift' | 'athena' | 'postgres';
export type Target = 'pyspark' | 'scala';
export type WriteMode = 'saveAsTable' | 'jdbc';

export interface TranslateOptions {
  dialect: Dialect;
  target: Target;
  /** Used only in messages. */
  fileName?: string;
  /** How CREATE TABLE … AS / INSERT INTO … SELECT are written. Default saveAsTable. */
  writeMode?: WriteMode;
}

export interface TranslateSuccess {
  ok: true;
  /** PySpark defines the final DataFrame as `result`; Scala defines `val result`. */
  code: string;
  warnings: string[];
}

export interface TranslateRefusal {
  ok: false;
  reason: string;
  /** 1-based position of the offending token. */
  line: number;
  column: number;
}

export type TranslateResult = TranslateSuccess | TranslateRefusal;
