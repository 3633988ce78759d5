// Scenario 3: a statement that fails shows the engine's error with its line and column in the
// Results panel, and the same problem as a diagnostic (squiggle + Problems panel) in the editor.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { codeLenses, openFile, openWorkbench, resultsFrame, runCommand, type Workbench } from './support/vscode-page';

const FILE = 'broken_column.sql';
const BAD = 'no_such_column';
// Line 3 misspells a column: DuckDB's binder rejects it and says where.
const SQL = `-- a query with a typo in a column name\nSELECT event_id,\n       ${BAD}\nFROM atomic.events\nLIMIT 5;\n`;

/** 1-based line and column of the first occurrence of `needle`, as an editor shows them. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

let wb: Workbench;
before(async () => {
  wb = await openWorkbench('error', { [FILE]: SQL });
});
after(async () => {
  await wb?.close();
});

test('a failing statement shows its error with line and column, and a diagnostic', { timeout: 300_000 }, async () => {
  const { page } = wb;
  const where = positionOf(SQL, BAD);
  await openFile(page, FILE);
  const [run] = await codeLenses(page, 'Run');
  await run.click();

  const results = resultsFrame(page);
  await results.locator('body[data-state="error"], body[data-state="done"]').waitFor({ timeout: 180_000 });
  await wb.shot('1-error-panel');
  assert.equal(await results.locator('body').getAttribute('data-state'), 'error');
  const error = results.locator('#error');
  assert.equal(await error.isVisible(), true, '#error is hidden');
  const message = (await error.innerText()).trim();
  assert.match(message, new RegExp(BAD), 'the engine message names the column');
  assert.match(
    message,
    new RegExp(`line ${where.line}, column ${where.column}\\b`),
    `expected line ${where.line}, column ${where.column} in: ${message}`,
  );

  // The editor underlines the problem...
  await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
  // ...and the Problems panel lists it at the same place.
  await runCommand(page, 'View: Focus Problems');
  const problem = page.locator('.markers-panel .monaco-list-row', { hasText: BAD }).first();
  await problem.waitFor({ timeout: 30_000 });
  const problemText = await problem.innerText();
  assert.match(problemText, new RegExp(`\\[Ln ${where.line}, Col ${where.column}\\]`), `Problems entry: ${problemText}`);
  await wb.shot('2-problems');
});
