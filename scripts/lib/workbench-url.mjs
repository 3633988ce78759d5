// The workbench address that opens a folder in code-server with this extension loaded from source.
// code-server rejects --extensionDevelopmentPath; the URL's `payload` query does the same job, and
// is only honoured when the server runs with `--vscode-option enable-smoke-test-driver`.
// CLI: node scripts/lib/workbench-url.mjs BASE_URL FOLDER EXT_DEV_PATH [TESTS_PATH]
import { pathToFileURL } from 'node:url';

/**
 * @param {string} baseUrl e.g. http://127.0.0.1:8765
 * @param {string} folder absolute path on the server machine
 * @param {{ extDev?: string, testsPath?: string }} [options]
 */
export function workbenchUrl(baseUrl, folder, { extDev, testsPath } = {}) {
  const remote = (p) => `vscode-remote://${new URL(baseUrl).host}${p}`;
  const payload = [];
  if (extDev) payload.push(['extensionDevelopmentPath', remote(extDev)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return (
    `${baseUrl}/?folder=${encodeURIComponent(folder)}` + (payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '')
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [baseUrl, folder, extDev, testsPath] = process.argv.slice(2);
  if (!baseUrl || !folder) {
    console.error('usage: node scripts/lib/workbench-url.mjs BASE_URL FOLDER [EXT_DEV_PATH] [TESTS_PATH]');
    process.exit(2);
  }
  console.log(workbenchUrl(baseUrl, folder, { extDev, testsPath }));
}
