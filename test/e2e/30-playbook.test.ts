// Scenario 30: a Dataflow Runner playbook in the real editor. Open examples/playbook.json, break a
// step's actionOnFailure and see the runner's error in Problems at that line, hover a field for its
// docs (VS Code's JSON service with the JSON Schema generated from the Avro schema at build time),
// fix it, and preview the rendered file: read-only, vars filled in, a secret var masked.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openFile, openWorkbench, ROOT, runCommand, type Workbench } from './support/vscode-page';

const PLAYBOOK = readFileSync(path.join(ROOT, 'examples/playbook.json'), 'utf8');
const LINES = PLAYBOOK.split('\n');
// The second step's actionOnFailure (CANCEL_AND_WAIT): the line we break.
const BAD_LINE =
  LINES.findIndex((l, i) => i > LINES.findIndex((x) => x.includes('Page views per geo')) - 2 && l.includes('"actionOnFailure"')) + 1;
const SECRET = '2024-06-03-12-00-00';

let wb: Workbench;
before(async () => {
  // runId becomes a secret var: listed in settings, its value typed into the prompt, kept in secret storage.
  wb = await openWorkbench('playbook', {
    'playbook.vars': 'region=eu-west-1\nbucket=acme-data-lake\n',
    '.vscode/settings.json': JSON.stringify({ 'dataWorkbench.playbooks.secretVars': ['runId'] }),
  });
});
after(async () => {
  await wb?.close();
});

/** Text of the visible lines of the active editor, top to bottom. */
async function editorText(): Promise<string> {
  const lines = wb.page.locator('.editor-group-container.active .editor-instance .monaco-editor .view-lines .view-line');
  const all = await lines.evaluateAll((els) =>
    els.map((e) => ({ top: parseFloat((e as HTMLElement).style.top), text: e.textContent ?? '' })),
  );
  return all
    .sort((a, b) => a.top - b.top)
    .map((l) => l.text.replace(/\u00a0/g, ' '))
    .join('\n');
}

/** Replaces the text of `line` (after its indentation). The selection is deleted first: typing over a
 * selection would make the editor surround it with the typed quote. */
async function replaceLine(line: number, text: string): Promise<void> {
  const { page } = wb;
  await page.locator('.editor-group-container.active .view-lines').first().click();
  await goToLine(line);
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(text);
}

async function goToLine(line: number): Promise<void> {
  const { page } = wb;
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
}

test(
  'a playbook error shows in Problems at its line; hover explains a field; the fix clears it; preview renders with secrets masked',
  { timeout: 300_000 },
  async () => {
    const { page } = wb;
    assert.ok(BAD_LINE > 0 && LINES[BAD_LINE - 1].includes('CANCEL_AND_WAIT'), `line ${BAD_LINE}: ${LINES[BAD_LINE - 1]}`);
    await openFile(page, 'playbook.json');

    // Break the step: TERMINATE_CLUSTER is an EMR action the runner refuses.
    await replaceLine(BAD_LINE, '"actionOnFailure": "TERMINATE_CLUSTER",');
    await wb.shot('1-broken');

    await runCommand(page, 'View: Focus Problems');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'CANCEL_AND_WAIT, CONTINUE' }).first();
    await problem.waitFor({ timeout: 60_000 });
    const problemText = await problem.innerText();
    const column = LINES[BAD_LINE - 1].indexOf('"actionOnFailure"') + '"actionOnFailure": '.length + 1;
    assert.match(problemText, new RegExp(`\\[Ln ${BAD_LINE}, Col ${column}\\]`), `Problems entry: ${problemText}`);
    assert.match(problemText, /TERMINATE_CLUSTER/);
    assert.match(problemText, /dataflow-runner/);
    // The only problem in the file is that one (the edit itself left valid JSON).
    assert.equal(
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'Ln ' }).count(),
      1,
      await page.locator('.markers-panel').innerText(),
    );
    // runId is a secret var, defined without a value in any file: no "not defined" problem for it.
    assert.equal(await page.locator('.markers-panel .monaco-list-row', { hasText: 'is not defined' }).count(), 0);
    await wb.shot('2-problems');

    // Hover the "jar" key of the next line: the field's docs.
    await page.locator('.editor-group-container.active .view-lines').first().click();
    await goToLine(BAD_LINE + 1);
    const jarLine = page.locator('.editor-group-container.active .view-line', { hasText: '"jar": "command-runner.jar"' }).first();
    const key = jarLine.locator('span > span', { hasText: /^"?jar"?$/ }).first();
    const hover = page.locator('.monaco-hover:visible, .monaco-resizable-hover:visible').filter({ hasText: 'HadoopJarStep.Jar' }).first();
    const deadline = Date.now() + 60_000;
    for (;;) {
      await page.mouse.move(0, 0);
      await key.hover();
      try {
        await hover.waitFor({ timeout: 5_000 });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e; // the JSON language service may still be starting
      }
    }
    assert.match(await hover.innerText(), /command-runner\.jar/);
    await wb.shot('3-hover');
    await page.mouse.move(0, 0);

    // Fix it: the problem goes away.
    await replaceLine(BAD_LINE, '"actionOnFailure": "CONTINUE",');
    await page
      .locator('.markers-panel .monaco-list-row', { hasText: 'CANCEL_AND_WAIT, CONTINUE' })
      .first()
      .waitFor({ state: 'detached', timeout: 60_000 });
    // Nothing else is wrong with the file: no problem from the extension or from VS Code's JSON service.
    await page.locator('.markers-panel .monaco-list-row').first().waitFor({ state: 'detached', timeout: 30_000 });
    await wb.shot('4-fixed');

    // Preview rendered: asks for the secret var once, then shows the rendered file with it masked.
    await runCommand(page, 'Data Workbench: Preview Rendered Playbook');
    const secretInput = page.locator('.quick-input-widget input[type="password"]');
    await secretInput.waitFor({ timeout: 30_000 });
    await secretInput.fill(SECRET);
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active[aria-label^="playbook.rendered.json"]').waitFor({ timeout: 30_000 });
    await page.locator('.editor-group-container.active .view-line', { hasText: 'eu-west-1' }).first().waitFor({ timeout: 30_000 });
    const rendered = await editorText();
    assert.match(rendered, /"region": "eu-west-1"/);
    assert.match(rendered, /s3:\/\/acme-data-lake\/enriched\/archive\/run=••••••••\//);
    assert.ok(!rendered.includes(SECRET), 'the secret value is not shown');
    assert.ok(!rendered.includes('{{'), 'no template left');
    assert.match(rendered, /"actionOnFailure": "CONTINUE"/, 'the preview renders the edited (unsaved) text');
    await wb.shot('5-preview');

    // Read-only: typing changes nothing.
    await page.locator('.editor-group-container.active .view-lines').first().click();
    await page.keyboard.type('zzz');
    // The click may scroll the view, so compare what matters: nothing typed landed and the tab is not dirty.
    assert.ok(!(await editorText()).includes('zzz'), 'typing in the preview changes nothing');
    assert.equal(await page.locator('.tabs-container .tab.active.dirty').count(), 0, 'the preview is never dirty');
  },
);
