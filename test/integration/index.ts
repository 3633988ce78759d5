// Mocha entry for the in-host tests: the extension host loads the bundled copy of this file
// (out/test/integration/index.js) through `extensionTestsPath` and awaits run().
// Works the same under code-server (scripts/run-integration.sh) and desktop VS Code (@vscode/test-electron).
import { readdirSync } from 'node:fs';
import path from 'node:path';

// mocha 12's package entry is ESM; its CommonJS build loads with a plain require in every host
// (Electron's and code-server's Node alike). It stays outside the bundle (scripts/build.mjs) and
// resolves from the project's node_modules.
const Mocha = require('mocha/lib/mocha.cjs') as typeof import('mocha');

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const grep = process.env.DW_INTEGRATION_GREP;
  if (grep) mocha.grep(grep);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js files in ${__dirname}`));
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} in-host tests failed`)) : resolve()));
  });
}
