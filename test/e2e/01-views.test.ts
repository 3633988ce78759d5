// Scenario 1: the activity bar has the Data Workbench container, and each of its views
// (Clusters, Manifests, Catalog) greets a new user with welcome content rather than an empty tree.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { activityBarItem, openWorkbench, viewPane, type Workbench } from './support/vscode-page';

// The Catalog view shows the active connection's catalog (the local atomic.events) from the first
// start, so it has a tree rather than welcome content (70-clusters-catalog covers it); Clusters
// has no AWS credentials in this editor and welcomes.
const VIEWS = ['Clusters', 'Manifests'];
let wb: Workbench;

before(async () => {
  // A new user's workspace: no settings (examples/.vscode/settings.json configures the sandbox manifests).
  wb = await openWorkbench('views', { '.vscode/settings.json': '{}' });
});
after(async () => {
  await wb?.close();
});

test('the Data Workbench container shows welcome content in Clusters and Manifests', { timeout: 180_000 }, async () => {
  const { page } = wb;
  await wb.shot('1-workbench');
  await activityBarItem(page).click();
  await page.locator('.sidebar .composite.title', { hasText: /data workbench/i }).waitFor();

  for (const title of VIEWS) {
    const pane = viewPane(page, title);
    await pane.waitFor({ timeout: 30_000 });
    const header = pane.locator('> .pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    const welcome = pane.locator('.welcome-view-content');
    await welcome.waitFor({ timeout: 30_000 });
    const text = (await welcome.innerText()).trim();
    assert.ok(text.length > 0, `${title}: welcome content is empty`);
    // Welcome content replaces the tree; an empty tree would show no guidance at all.
    assert.equal(await pane.locator('.monaco-list-row').count(), 0, `${title}: shows tree rows instead of welcome content`);
    console.log(`${title} welcome: ${JSON.stringify(text.slice(0, 120))}`);
  }
  await wb.shot('2-views-welcome');
});
