// Bundles with esbuild: the extension host code (vscode external), each webview separately
// (browser IIFE), the sql2df CLI, and the in-host integration tests.
// usage: node scripts/build.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// Native or optional modules stay outside the bundle and ship in node_modules.
const nodeExternal = ['vscode', '@duckdb/node-api', '@duckdb/node-bindings', 'pg-native', 'mocha'];

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', absWorkingDir: root };

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: nodeExternal },
];
if (existsSync(path.join(root, 'src/cli/sql2df.ts'))) {
  builds.push({ ...common, entryPoints: ['src/cli/sql2df.ts'], outfile: 'dist/cli/sql2df.js', platform: 'node', format: 'cjs', target: 'node20', external: nodeExternal, banner: { js: '#!/usr/bin/env node' } });
}
for (const name of existsSync(path.join(root, 'webviews')) ? readdirSync(path.join(root, 'webviews')) : []) {
  const entry = path.join('webviews', name, 'main.ts');
  if (existsSync(path.join(root, entry))) {
    builds.push({ ...common, entryPoints: [entry], outfile: `dist/webviews/${name}.js`, platform: 'browser', format: 'iife', target: 'chrome114' });
  }
}
const integrationDir = path.join(root, 'test/integration');
if (existsSync(integrationDir)) {
  const entries = readdirSync(integrationDir).filter((f) => f.endsWith('.ts')).map((f) => path.join('test/integration', f));
  if (entries.length) builds.push({ ...common, entryPoints: entries, outdir: 'out/test/integration', platform: 'node', format: 'cjs', target: 'node20', external: nodeExternal });
}

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
