// A static page that runs the real Results webview bundle (dist/webviews/results.js) in Debian
// Chromium, under the same strict CSP as the panel, with a fake host (fakeHost.ts) standing in
// for the extension: it answers GetRowsRequest from a synthetic (or given) result. Used by the webview tests
// and by bench/suites/grid.ts.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as esbuild from 'esbuild';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const ROOT = path.resolve(__dirname, '../../..');

/** Bundles the webview the way scripts/build.mjs does, into memory. */
export async function bundleWebview(): Promise<{ js: string; css: string }> {
  const out = await esbuild.build({
    entryPoints: [path.join(ROOT, 'webviews/results/main.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'chrome114',
    outdir: '/virtual',
    absWorkingDir: ROOT,
    logLevel: 'warning',
  });
  const file = (ext: string) => out.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: file('.js'), css: file('.css') };
}

export function readBuiltWebview(): { js: string; css: string } {
  return {
    js: readFileSync(path.join(ROOT, 'dist/webviews/results.js'), 'utf8'),
    css: readFileSync(path.join(ROOT, 'dist/webviews/results.css'), 'utf8'),
  };
}

/** The fake extension host (fakeHost.ts), bundled to run in the page before the webview bundle. */
async function bundleFakeHost(): Promise<string> {
  const out = await esbuild.build({
    entryPoints: [path.join(ROOT, 'test/unit/results/fakeHost.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'chrome114',
    absWorkingDir: ROOT,
    logLevel: 'warning',
  });
  return out.outputFiles[0].text;
}

export interface Harness {
  url: string;
  close(): Promise<void>;
}

export async function startHarness(bundle: { js: string; css: string }): Promise<Harness> {
  const shim = await bundleFakeHost();
  const server = http.createServer((req, res) => {
    const nonce = randomBytes(16).toString('base64');
    const send = (type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/results.js') return send('text/javascript', bundle.js);
    if (url.pathname === '/results.css') return send('text/css', bundle.css);
    if (url.pathname === '/shim.js') return send('text/javascript', shim);
    if (url.pathname === '/') {
      // The panel's policy, with the page's own origin standing in for webview.cspSource.
      const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; font-src 'self'`;
      return send(
        'text/html',
        `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" nonce="${nonce}" href="/results.css"><title>harness</title></head>
<body data-state="idle"><script nonce="${nonce}" src="/shim.js"></script><script nonce="${nonce}" src="/results.js"></script></body></html>`,
      );
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
