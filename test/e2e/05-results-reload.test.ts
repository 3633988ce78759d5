// Scenario 5: run a statement, reload the window ("Developer: Reload Window"). Results live only in
// memory, so the restored Results panel must say the result was not kept (never blank or broken)
// and its "Run again" must run the statement again and show the same rows.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { exampleStatement, localDuckDbResult } from './support/expected';
import {
  activityBarItem,
  codeLenses,
  openFile,
  openWorkbench,
  readResultsGrid,
  resultsFrame,
  runCommand,
  type Workbench,
} from './support/vscode-page';

const FILE = 'sessions_per_user.sql';
const STATEMENT = 1;
let wb: Workbench;

before(async () => {
  wb = await openWorkbench('results-reload');
});
after(async () => {
  await wb?.close();
});

test(
  'after a window reload the Results panel says its result was not kept, and Run again shows the rows again',
  { timeout: 400_000 },
  async () => {
    const { page } = wb;
    const statement = exampleStatement(FILE, STATEMENT);
    const expected = localDuckDbResult(statement.text);
    const wantRows = async () => (await expected).rows.map((row) => row.map((v) => (v === null ? 'NULL' : String(v))));

    await openFile(page, FILE);
    const lenses = await codeLenses(page, 'Run');
    await lenses[STATEMENT].click();
    let results = resultsFrame(page);
    await results.locator('body[data-state="done"], body[data-state="error"]').waitFor({ timeout: 180_000 });
    assert.equal(
      await results.locator('body').getAttribute('data-state'),
      'done',
      `first run: ${await results.locator('#error').textContent()}`,
    );
    const title = await results.locator('#title').textContent();
    assert.deepEqual((await readResultsGrid(results)).rows, await wantRows());
    await wb.shot('1-before-reload');

    await runCommand(page, 'Developer: Reload Window');
    await page.waitForEvent('load', { timeout: 60_000 });
    await activityBarItem(page).waitFor({ timeout: 120_000 });

    results = resultsFrame(page);
    await results.locator('body[data-state="not-kept"]').waitFor({ timeout: 120_000 });
    await wb.shot('2-restored');
    assert.equal(await results.locator('#title').textContent(), title);
    assert.match(
      (await results.locator('#offer-text').textContent()) ?? '',
      /not kept when the window reloaded: results live only in memory and are never written to disk/,
    );
    assert.equal(await results.locator('#offer-action').textContent(), 'Run again');
    assert.equal(await results.locator('#row-count').textContent(), '0');

    await results.locator('#offer-action').click();
    await results.locator('body[data-state="done"], body[data-state="error"]').waitFor({ timeout: 180_000 });
    await wb.shot('3-run-again');
    assert.equal(
      await results.locator('body').getAttribute('data-state'),
      'done',
      `run again: ${await results.locator('#error').textContent()}`,
    );
    assert.equal(await results.locator('#offer').isVisible(), false);
    const grid = await readResultsGrid(results);
    assert.deepEqual(
      grid.columns,
      (await expected).columns.map((c) => c.name),
    );
    assert.deepEqual(grid.rows, await wantRows());
  },
);
