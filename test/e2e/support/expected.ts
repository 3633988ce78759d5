// Expected results for E2E scenarios, computed in the test process by the project's own engine
// on the same deterministic sample data the extension loads: never hard-coded.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_LOCAL_CONNECTION } from '../../../src/core/connections/types';
import { collectRows, type ColumnInfo, type Row } from '../../../src/core/engines/engine';
import { createEngine } from '../../../src/core/engines/factory';
import { splitStatements } from '../../../src/core/sql/split';
import { ROOT } from './vscode-page';

/** The `index`-th statement (0-based) of an examples/ file, as the editor's splitter sees it. */
export function exampleStatement(file: string, index: number): { text: string; line: number } {
  const statements = splitStatements(readFileSync(path.join(ROOT, 'examples', file), 'utf8'));
  const s = statements[index];
  if (!s) throw new Error(`examples/${file} has ${statements.length} statements, not ${index + 1}`);
  return { text: s.text, line: s.line };
}

/** Runs `sql` on a fresh Local (DuckDB) engine with the generated sample `atomic.events`. */
export async function localDuckDbResult(sql: string): Promise<{ columns: ColumnInfo[]; rows: Row[] }> {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'dw-e2e-expected-'));
  const engine = await createEngine(DEFAULT_LOCAL_CONNECTION, { cacheDir });
  try {
    const execution = await engine.execute(sql);
    return { columns: execution.columns, rows: await collectRows(execution) };
  } finally {
    await engine.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
