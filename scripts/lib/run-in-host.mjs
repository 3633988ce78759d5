// Runs the in-host mocha suite inside code-server's extension host, driven by headless Chromium.
// The workbench loads the extension from source, runs out/test/integration/index.js's run(), and
// reports the exit code through window.codeAutomationExit (the hook @vscode/test-web uses).
// usage: node scripts/lib/run-in-host.mjs BASE_URL WORKSPACE_FOLDER
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import util from 'node:util';
import { launchChromium } from './chromium.mjs';
import { workbenchUrl } from './workbench-url.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [baseUrl, folder] = process.argv.slice(2);
const timeoutMs = Number(process.env.DW_INTEGRATION_TIMEOUT_MS || 600_000);
// Offline and workbench chatter that says nothing about our tests.
const NOISE =
  /open-vsx\.org|Canceled|^\s+at |mobile\.events\.data|Creating a socket|connection token|AgentHost|AccountPolicyGate|grace time|Service Worker|builtin extensions cache|authentication provider 'github'|^Error: Timed out waiting for authentication/;

const browser = await launchChromium();
let code;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let finish;
  const exited = new Promise((resolve) => (finish = resolve));
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    const line = util.format(...args); // printf-style arguments, e.g. '✔ %s (%dms)'
    if (!NOISE.test(line)) console.log(line);
  });
  await page.exposeFunction('codeAutomationExit', (c) => finish(c));
  page.on('pageerror', (e) => console.error('[workbench page error]', e.message));
  await page.goto(workbenchUrl(baseUrl, folder, { extDev: root, testsPath: path.join(root, 'out/test/integration/index.js') }));
  let timer;
  code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)))]);
  clearTimeout(timer);
  if (code !== 0) {
    mkdirSync(path.join(root, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(root, 'test-results/integration-failure.png') }).catch(() => {});
  }
} finally {
  await browser.close();
}
console.log(`in-host tests exit code: ${code}${code === 'timeout' ? ` (no result within ${timeoutMs / 1000} s)` : ''}`);
process.exit(code === 0 ? 0 : 1);
