// Scenario 4: switch the active connection from the status-bar item; the item shows the new one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { connectionStatusItem, openFile, openWorkbench, type Workbench } from './support/vscode-page';

const LOCAL = 'Local (DuckDB)';
const OTHER = 'Warehouse (Postgres)';
// A second connection in workspace settings; choosing it does not connect, so no server is needed.
const SETTINGS = JSON.stringify(
  {
    'dataWorkbench.connections': [{ name: OTHER, kind: 'postgres', host: '127.0.0.1', port: 5432, database: 'analytics', user: 'analyst' }],
  },
  null,
  2,
);

let wb: Workbench;
before(async () => {
  wb = await openWorkbench('connection', { '.vscode/settings.json': SETTINGS });
});
after(async () => {
  await wb?.close();
});

async function pickFromStatusBar(name: string): Promise<void> {
  const { page } = wb;
  await connectionStatusItem(page).click();
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor();
  await wb.shot(`pick-${name.replace(/\W+/g, '-').toLowerCase()}`);
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

test('the status-bar connection picker switches the active connection', { timeout: 180_000 }, async () => {
  const { page } = wb;
  // The extension activates with the first SQL file, as when a user starts working.
  await openFile(page, 'sessions_per_user.sql');
  const item = connectionStatusItem(page);
  await item.waitFor({ timeout: 60_000 });
  assert.equal((await item.innerText()).trim(), LOCAL);
  await wb.shot('1-status-local');

  await pickFromStatusBar(OTHER);
  await page.waitForFunction((el) => el?.textContent?.trim() !== 'Local (DuckDB)', await item.elementHandle(), { timeout: 10_000 });
  assert.equal((await item.innerText()).trim(), OTHER);
  await wb.shot('2-status-other');

  // And back, so the choice remembered by the extension does not leak into later scenarios.
  await pickFromStatusBar(LOCAL);
  await page.waitForFunction((el) => el?.textContent?.trim() === 'Local (DuckDB)', await item.elementHandle(), { timeout: 10_000 });
});
