// A static page that runs the real Results webview bundle (dist/webviews/results.js) in Debian
// Chromium, under the same strict CSP as the panel, with a fake host standing in for the
// extension: it answers `getRows` from a synthetic (or given) result. Used by the webview tests
// and by bench/suites/grid.ts.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as esbuild from 'esbuild';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const ROOT = path.resolve(__dirname, '../../..');

/** Bundles the webview the way scripts/build.mjs does, into memory. */
export async function bundleWebview(): Promise<{ js: string; css: string }> {
  const out = await esbuild.build({
    entryPoints: [path.join(ROOT, 'webviews/results/main.ts')],
    bundle: true, write: false, platform: 'browser', format: 'iife', target: 'chrome114', outdir: '/virtual', absWorkingDir: ROOT, logLevel: 'warning',
  });
  const file = (ext: string) => out.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: file('.js'), css: file('.css') };
}

export function readBuiltWebview(): { js: string; css: string } {
  return { js: readFileSync(path.join(ROOT, 'dist/webviews/results.js'), 'utf8'), css: readFileSync(path.join(ROOT, 'dist/webviews/results.css'), 'utf8') };
}

// Runs in the page before the bundle. `window.__host` is the fake extension host.
const SHIM = String.raw`
(() => {
  const families = ['integer', 'string', 'float', 'timestamp', 'boolean', 'decimal', 'string', 'json', 'date', 'string'];
  const types = { integer: 'BIGINT', string: 'VARCHAR', float: 'DOUBLE', timestamp: 'TIMESTAMP', boolean: 'BOOLEAN', decimal: 'DECIMAL(18,2)', json: 'JSON', date: 'DATE' };
  function synthetic(i, c) {
    const f = families[c % families.length];
    if ((i + c) % 17 === 0) return null;
    switch (f) {
      case 'integer': return i * 31 + c;
      case 'float': return (i % 1000) / 7;
      case 'timestamp': return '2024-01-01 00:00:' + String(i % 60).padStart(2, '0') + '.123';
      case 'boolean': return i % 2 === 0;
      case 'decimal': return (i % 100000) + '.25';
      case 'json': return '{"event":"page_view","n":' + i + '}';
      case 'date': return '2024-02-' + String((i % 28) + 1).padStart(2, '0');
      default: return 'value ' + i + ' / col ' + c;
    }
  }
  const host = {
    received: [],
    rows: null,
    rowCount: 0,
    columnCount: 20,
    runId: 'run-1',
    viewVersion: 0,
    syntheticColumns(n) {
      return Array.from({ length: n }, (_, c) => { const f = families[c % families.length]; return { name: 'col_' + c + '_' + f, type: types[f], family: f }; });
    },
    rowAt(i) {
      if (host.rows) return host.rows[i];
      return Array.from({ length: host.columnCount }, (_, c) => synthetic(i, c));
    },
    send(message) { window.postMessage(message, '*'); },
    handle(message) {
      host.received.push(message);
      if (message.type === 'getRows' && message.runId === host.runId && message.viewVersion === host.viewVersion) {
        const end = Math.min(host.rowCount, message.start + message.count);
        const rows = [];
        for (let i = message.start; i < end; i++) rows.push(host.rowAt(i));
        host.send({ type: 'rows', requestId: message.requestId, runId: message.runId, viewVersion: message.viewVersion, start: message.start, rows });
      }
    },
    /** Starts a finished run with the given columns and rowCount (rows from host.rows or synthetic). */
    load(runId, columns, rowCount) {
      host.runId = runId; host.viewVersion = 0; host.rowCount = rowCount; host.columnCount = columns.length;
      host.send({ type: 'runStarted', runId, title: 'bench.sql:1', sql: 'select 1', connectionName: 'local', startedAt: Date.now(), columns });
      host.send({ type: 'runFinished', runId, rowCount, viewRowCount: rowCount, viewVersion: 0, elapsedMs: 12, info: { notes: [] } });
    },
  };
  host.violations = [];
  document.addEventListener('securitypolicyviolation', (e) => host.violations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.__host = host;
  window.acquireVsCodeApi = () => ({ postMessage: (m) => host.handle(m), getState: () => undefined, setState: () => {} });
})();
`;

export interface Harness {
  url: string;
  close(): Promise<void>;
}

export async function startHarness(bundle: { js: string; css: string }): Promise<Harness> {
  const server = http.createServer((req, res) => {
    const nonce = randomBytes(16).toString('base64');
    const send = (type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/results.js') return send('text/javascript', bundle.js);
    if (url.pathname === '/results.css') return send('text/css', bundle.css);
    if (url.pathname === '/shim.js') return send('text/javascript', SHIM);
    if (url.pathname === '/') {
      // The panel's policy, with the page's own origin standing in for webview.cspSource.
      const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; font-src 'self'`;
      return send('text/html', `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" nonce="${nonce}" href="/results.css"><title>harness</title></head>
<body data-state="idle"><script nonce="${nonce}" src="/shim.js"></script><script nonce="${nonce}" src="/results.js"></script></body></html>`);
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
