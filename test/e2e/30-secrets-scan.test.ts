// Scenario 30: no secret is written anywhere. In the real editor, a user runs statements on a
// PostgreSQL connection the workspace defines (confirming it, typing its password into the
// prompt), including one that sets a password in SQL, with an AWS secret key in the extension
// host's environment, and previews a playbook whose secret var is typed into a prompt. Then every
// file the editor, the extension and the workspace wrote is scanned (settings, global and workspace
// state, the query history, logs and output channels, the workspace): the planted password, SQL
// password, AWS secret key and secret var appear nowhere.
// In code-server the state (and the history in it) lives in the browser's IndexedDB and
// localStorage, so those are read from the page too. SecretStorage is the one place the password
// and the secret var may live: its entries (`secret://…`) are left out of the scan.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { openEngineWorkbench, startCodeServer, type CodeServer, type EngineWorkbench } from './support/engines-editor';
import { pickConnection, runFromLens } from './support/engines-ui';
import { openFile, ROOT, runCommand } from './support/vscode-page';

const CONNECTION = 'Scan (PostgreSQL)';
const AWS_SECRET = 'planted-AWS-secret-Zq8Lm2Xv7Rt4';
const SQL_PASSWORD_MARKER = 'planted-sql-Pw-9Hk3Jd6';
const SECRET_VAR = 'planted-secret-var-4Tq7Wn2';

let pg: TestPostgres;
let scratch: string;
let workspace: string;
let editor: CodeServer;
let wb: EngineWorkbench;

before(async () => {
  pg = await startPostgres();
  scratch = mkdtempSync(path.join(os.tmpdir(), 'dw-e2e-secrets-'));
  workspace = path.join(scratch, 'workspace');
  mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  const connections = [{ name: CONNECTION, kind: 'postgres', host: pg.host, port: pg.port, database: pg.database, user: pg.user }];
  // runId is a secret playbook var: its value is typed into the preview's prompt.
  const settings = { 'dataWorkbench.connections': connections, 'dataWorkbench.playbooks.secretVars': ['runId'] };
  writeFileSync(path.join(workspace, '.vscode/settings.json'), JSON.stringify(settings, null, 2));
  cpSync(path.join(ROOT, 'examples/playbook.json'), path.join(workspace, 'playbook.json'));
  writeFileSync(path.join(workspace, 'playbook.vars'), 'region=eu-west-1\nbucket=acme-data-lake\n');
  // The second statement sets the user's own password in SQL (to the same value), the third
  // carries a connection-string password in a literal: both must be masked in the log and history.
  writeFileSync(
    path.join(workspace, 'scan.sql'),
    `SELECT 1 AS one;\n\nALTER USER ${pg.user} PASSWORD '${pg.password}';\n\nSELECT length('host=db password=${SQL_PASSWORD_MARKER}') AS n;\n`,
  );
  editor = await startCodeServer(workspace, {
    AWS_ACCESS_KEY_ID: 'AKIDLOOPBACKTEST',
    AWS_SECRET_ACCESS_KEY: AWS_SECRET,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  wb = await openEngineWorkbench(editor, workspace);
});

after(async () => {
  await wb?.close();
  await editor?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Every localStorage item and IndexedDB record of the workbench page, as [key, text]. A string,
 * not a function: the test runner's transpiler would add helpers the page does not have. */
const READ_BROWSER_STATE = `(async () => {
  const entries = [];
  for (const key of Object.keys(localStorage)) entries.push(['localStorage:' + key, localStorage.getItem(key) || '']);
  const text = (v) => JSON.stringify(v, (_k, x) => (x instanceof Uint8Array ? new TextDecoder().decode(x) : x));
  const ask = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await ask(indexedDB.open(info.name));
    for (const store of Array.from(db.objectStoreNames)) {
      const keys = await ask(db.transaction(store).objectStore(store).getAllKeys());
      const values = await ask(db.transaction(store).objectStore(store).getAll());
      keys.forEach((k, i) => entries.push([info.name + '/' + store + ':' + text(k), text(values[i])]));
    }
    db.close();
  }
  return entries;
})()`;

function filesUnder(dir: string): string[] {
  let out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out = out.concat(filesUnder(full));
    else if (e.isFile() && statSync(full).size < 200 * 2 ** 20) out.push(full);
  }
  return out;
}

test(
  'after queries with a typed password, a SQL password and an AWS secret key, and a typed secret playbook var, no file holds any of them',
  { timeout: 600_000 },
  async () => {
    const { page } = wb;
    await pickConnection(page, CONNECTION);
    const first = await runFromLens(page, 'scan.sql', 0, 1, CONNECTION, { password: pg.password });
    assert.ok(first.prompted, 'the password was asked for (none stored)');
    await runFromLens(page, 'scan.sql', 1, 3, CONNECTION);
    await runFromLens(page, 'scan.sql', 2, 5, CONNECTION);
    // A secret var typed into the playbook preview's prompt: masked in the preview, kept only in SecretStorage.
    await openFile(page, 'playbook.json');
    await runCommand(page, 'Data Workbench: Preview Rendered Playbook');
    const secretInput = page.locator('.quick-input-widget input[type="password"]');
    await secretInput.waitFor({ timeout: 30_000 });
    await secretInput.fill(SECRET_VAR);
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active[aria-label^="playbook.rendered.json"]').waitFor({ timeout: 30_000 });
    await page.locator('.editor-group-container.active .view-line', { hasText: 'run=••••••••' }).first().waitFor({ timeout: 30_000 });
    // The history is written to workspace state; the log to the output channel's file.
    await runCommand(page, 'Data Workbench: Show Query History');
    await page.keyboard.press('Escape');
    await new Promise((r) => setTimeout(r, 3000)); // state and logs are flushed shortly after

    const planted = [pg.password, SQL_PASSWORD_MARKER, AWS_SECRET, SECRET_VAR];
    const SECRET_NAMES = new Map([
      [pg.password, 'the typed password'],
      [SQL_PASSWORD_MARKER, 'the SQL password'],
      [AWS_SECRET, 'the AWS secret key'],
      [SECRET_VAR, 'the secret playbook var'],
    ]);
    // Everything but the .sql file the user typed the statements into.
    const scanned = [...filesUnder(editor.dataDir), ...filesUnder(workspace)].filter((f) => f !== path.join(workspace, 'scan.sql'));
    const browserState = (await page.evaluate(READ_BROWSER_STATE)) as [string, string][];
    const stateEntries = browserState.filter(([key]) => !/secret:\/\//.test(key));
    assert.ok(
      stateEntries.some(([, v]) => v.includes('queryHistory') || v.includes("PASSWORD '***'")) ||
        stateEntries.some(([k]) => k.includes('queryHistory')),
      `the query history was among the scanned state (${browserState.length} entries)`,
    );
    assert.ok(
      scanned.some((f) => /Data Workbench\.log$/.test(f)),
      `the extension's log was scanned: ${scanned.filter((f) => f.endsWith('.log')).join(', ')}`,
    );
    const hits: string[] = [];
    for (const file of scanned) {
      const bytes = readFileSync(file);
      for (const secret of planted) {
        for (const enc of ['utf8', 'utf16le'] as const)
          if (bytes.includes(Buffer.from(secret, enc)))
            hits.push(`${path.relative(scratch, file)} holds ${SECRET_NAMES.get(secret)} (${enc})`);
      }
    }
    for (const [key, value] of stateEntries) {
      for (const secret of planted)
        if (value.includes(secret) || key.includes(secret))
          hits.push(`browser state ${key.slice(0, 120)} holds ${SECRET_NAMES.get(secret)}`);
    }
    console.log(
      `secrets scan: ${scanned.length} files and ${stateEntries.length} browser state entries (${browserState.length - stateEntries.length} secret-store entries left out), ${planted.length} planted secrets, ${hits.length} occurrences`,
    );
    assert.deepEqual(hits, []);
    // And the masked statement is what the log shows.
    const logs = scanned
      .filter((f) => /Data Workbench\.log$/.test(f))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    assert.match(logs, /ALTER USER \w+ PASSWORD '\*\*\*'/);
  },
);
