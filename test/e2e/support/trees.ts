// Tree views and the sandbox's ports, shared by the scenarios that drive the Clusters, Catalog and
// Manifests views on a sandbox of their own.
import net from 'node:net';
import type { Locator } from 'playwright-core';

/** The tree row whose label reads exactly `label`. */
export function treeRow(pane: Locator, label: string): Locator {
  const exactly = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return pane
    .locator('.monaco-list-row')
    .filter({ has: pane.page().locator('.label-name', { hasText: exactly }) })
    .first();
}

/** Expands the row labelled `label`, reading it again through the locator each time: a polled
 * level re-renders its rows, and a held element would go stale. */
export async function expandRow(pane: Locator, label: string): Promise<void> {
  const r = treeRow(pane, label);
  await r.waitFor({ timeout: 60_000 });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const state = await r.getAttribute('aria-expanded', { timeout: 10_000 }).catch(() => null);
    if (state === 'true') return;
    if (Date.now() > deadline) throw new Error(`"${label}" did not expand`);
    if (state === 'false') await r.locator('.label-name').first().click();
    await pane.page().waitForTimeout(1000);
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** Three free consecutive ports (the sandbox's AWS server, S3 and DynamoDB) in [from, to), away from
 * `npm start`'s 4610; each scenario file passes its own range so two never meet. */
export async function freeSandboxBasePort(from: number, to: number): Promise<number> {
  for (let base = from + (process.pid % 100) * 3; base < to; base += 3) {
    if ((await portFree(base)) && (await portFree(base + 1)) && (await portFree(base + 2))) return base;
  }
  throw new Error('no three free ports for the sandbox');
}
