// Runs the in-host mocha suite in desktop VS Code through @vscode/test-electron.
// Uses the `code` on PATH when there is one (its Electron binary, not the CLI wrapper); otherwise
// test-electron downloads VS Code, which needs internet. Headless Linux needs a display (xvfb-run).
// usage: node scripts/lib/run-in-desktop.mjs WORKSPACE_FOLDER
import { runTests } from '@vscode/test-electron';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [folder] = process.argv.slice(2);

/** The Electron executable behind the `code` CLI script (…/bin/code -> …/code). */
function desktopExecutable() {
  let cli;
  try {
    cli = execFileSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
  const installDir = path.dirname(path.dirname(realpathSync(cli)));
  for (const name of ['code', 'code-insiders', 'Electron']) {
    const candidate = path.join(installDir, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`found ${cli} but no VS Code executable in ${installDir}`);
}

const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'dw-vscode-desktop-'));
let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath: desktopExecutable(),
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/test/integration/index.js'),
    launchArgs: [folder, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${userDataDir}`],
  });
} catch (e) {
  console.error('desktop VS Code test run failed:', e);
} finally {
  rmSync(userDataDir, { recursive: true, force: true });
}
console.log(`in-host tests exit code: ${code}`);
process.exit(code === 0 ? 0 : 1);
