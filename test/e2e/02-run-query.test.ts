// Scenario 2: open an example .sql file, click "Run" above a statement, and the Results grid shows
// exactly the rows DuckDB returns for that statement on the sample `atomic.events`.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { exampleStatement, localDuckDbResult } from './support/expected';
import { codeLenses, openFile, openWorkbench, readResultsGrid, resultsFrame, type Workbench } from './support/vscode-page';

const FILE = 'sessions_per_user.sql';
// "How many users had 1, 2, 3, … sessions": a few dozen rows, ordered by a unique key.
const STATEMENT = 1;
let wb: Workbench;

before(async () => {
  wb = await openWorkbench('run-query');
});
after(async () => {
  await wb?.close();
});

test(`Run above statement ${STATEMENT + 1} of ${FILE} shows DuckDB's rows in the Results grid`, { timeout: 300_000 }, async () => {
  const { page } = wb;
  const statement = exampleStatement(FILE, STATEMENT);
  const expected = localDuckDbResult(statement.text); // runs while the browser works

  await openFile(page, FILE);
  const lenses = await codeLenses(page, 'Run');
  assert.ok(lenses.length > STATEMENT, `expected a Run lens above each statement, found ${lenses.length}`);
  await wb.shot('1-file-open');
  await lenses[STATEMENT].click();

  const results = resultsFrame(page);
  await results.locator('body[data-state="done"], body[data-state="error"]').waitFor({ timeout: 180_000 });
  await wb.shot('2-results');
  const state = await results.locator('body').getAttribute('data-state');
  assert.equal(state, 'done', `run ended in state ${state}: ${await results.locator('#error').textContent()}`);

  const want = await expected;
  assert.ok(want.rows.length > 0 && want.rows.length <= 500, `choose a small statement (got ${want.rows.length} rows)`);
  const grid = await readResultsGrid(results);
  assert.deepEqual(
    grid.columns,
    want.columns.map((c) => c.name),
  );
  assert.equal(grid.rowCount, want.rows.length);
  assert.equal(grid.ariaRowCount, want.rows.length + 1);
  assert.deepEqual(
    grid.rows,
    want.rows.map((row) => row.map((v) => (v === null ? 'NULL' : String(v)))),
  );
});
