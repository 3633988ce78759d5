// Bundles with esbuild: the extension host code (vscode external), each webview separately
// (browser IIFE), the sql2df CLI, and the in-host integration tests.
// usage: node scripts/build.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// Native or optional modules stay outside the bundle and ship in node_modules.
const nodeExternal = ['vscode', '@duckdb/node-api', '@duckdb/node-bindings', 'pg-native', 'mocha'];

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', absWorkingDir: root };

// Each engine backend is its own bundle (dist/engines/<name>.js), loaded by the factory's dynamic
// import only when a connection of that kind first runs: the AWS SDK and pg are megabytes of code
// that activation must not parse. The Engine API module (EngineError, CancelledError) is bundled
// once (dist/engine-api.js) and shared, so `instanceof` holds across bundles.
const engineApi = path.join(root, 'src/core/engines/engine.ts');
const engineBundles = {
  local: 'src/core/engines/duckdb/localEngine.ts',
  postgres: 'src/core/engines/postgres/index.ts',
  redshiftData: 'src/core/engines/redshiftData/redshiftDataEngine.ts',
  athena: 'src/core/engines/athena/athenaEngine.ts',
  // Not an engine, but loaded the same way: the SQL language features with sql-formatter (~0.5 MB).
  sqlLanguage: 'src/core/sql/language/index.ts',
  // The Manifests view's model with the DynamoDB and S3 SDKs, loaded when the view first lists.
  manifests: 'src/core/manifests/treeSource.ts',
  // The Clusters and Catalog views' models with the EMR/Redshift/Glue SDKs, loaded when each view first lists.
  clusters: 'src/core/clusters/editorApi.ts',
  catalog: 'src/core/catalog/editorApi.ts',
  // The playbook checker with avsc, jsonc-parser and the template engine (~0.3 MB): on first playbook.
  playbook: 'src/core/playbook/index.ts',
  // Job submission's model with the EMR and S3 SDKs: on the first submit or Step Monitor.
  jobs: 'src/core/jobs/editorApi.ts',
  // The SQL → DataFrame translator (small inputs translate in the host): on the first translation.
  translate: 'src/core/translate/offthread.ts',
};
const engineFiles = new Map(Object.entries(engineBundles).map(([name, file]) => [path.join(root, file), name]));

/** Rewrites imports of the engine API and (from the factory) of engine backends to the shared bundles.
 * `fromDir` is where the bundle being built lives, relative to dist/. */
function splitEngines(fromDir) {
  const rel = (target) => {
    const r = path.posix.relative(fromDir, target);
    return r.startsWith('.') ? r : `./${r}`;
  };
  const candidates = (p) => [p, `${p}.ts`, path.join(p, 'index.ts')];
  return {
    name: 'split-engines',
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        const base = path.resolve(args.resolveDir, args.path);
        for (const file of candidates(base)) {
          if (file === engineApi && !args.importer.endsWith(path.join('src/core/engines/engine.ts')))
            return { path: rel('engine-api.js'), external: true };
          const engine = engineFiles.get(file);
          if (engine && args.kind === 'dynamic-import') return { path: rel(`engines/${engine}.js`), external: true };
        }
        return undefined;
      });
    },
  };
}

// jsonc-parser's UMD build loads its parts with a require() esbuild cannot follow: bundle its ESM build.
const jsoncEsm = path.join(root, 'node_modules/jsonc-parser/lib/esm/main.js');
const nodeBundle = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: nodeExternal,
  alias: { 'jsonc-parser': jsoncEsm },
};
const builds = [
  // require() rather than import(): CommonJS loading keeps the engine bundles' named exports.
  {
    ...nodeBundle,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    plugins: [splitEngines('.')],
    supported: { 'dynamic-import': false },
  },
  { ...nodeBundle, entryPoints: ['src/core/engines/engine.ts'], outfile: 'dist/engine-api.js' },
  ...Object.entries(engineBundles).map(([name, file]) => ({
    ...nodeBundle,
    entryPoints: [file],
    outfile: `dist/engines/${name}.js`,
    plugins: [splitEngines('engines')],
  })),
];
if (existsSync(path.join(root, 'src/cli/sql2df.ts'))) {
  builds.push({
    ...common,
    entryPoints: ['src/cli/sql2df.ts'],
    outfile: 'dist/cli/sql2df.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: nodeExternal,
    banner: { js: '#!/usr/bin/env node' },
  });
}
if (existsSync(path.join(root, 'src/cli/dfr-playbook.ts'))) {
  builds.push({
    ...nodeBundle,
    entryPoints: ['src/cli/dfr-playbook.ts'],
    outfile: 'dist/cli/dfr-playbook.js',
    banner: { js: '#!/usr/bin/env node' },
  });
}
// The translator's worker thread: the editor translates large SQL off the extension host's main thread.
builds.push({ ...nodeBundle, entryPoints: ['src/core/translate/worker.ts'], outfile: 'dist/translate-worker.js' });
for (const name of existsSync(path.join(root, 'webviews')) ? readdirSync(path.join(root, 'webviews')) : []) {
  const entry = path.join('webviews', name, 'main.ts');
  if (existsSync(path.join(root, entry))) {
    builds.push({
      ...common,
      entryPoints: [entry],
      outfile: `dist/webviews/${name}.js`,
      platform: 'browser',
      format: 'iife',
      target: 'chrome114',
    });
  }
}
const integrationDir = path.join(root, 'test/integration');
if (existsSync(integrationDir)) {
  const entries = readdirSync(integrationDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join('test/integration', f));
  if (entries.length)
    builds.push({
      ...common,
      entryPoints: entries,
      outdir: 'out/test/integration',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: nodeExternal,
    });
}

// Dataflow Runner JSON Schemas for `jsonValidation`, generated from the runner's Avro schemas.
async function writeDataflowRunnerSchemas() {
  const entry = 'src/core/playbook/jsonSchema.ts';
  if (!existsSync(path.join(root, entry))) return;
  const out = await esbuild.build({
    ...nodeBundle,
    sourcemap: false,
    minify: false,
    entryPoints: [entry],
    write: false,
    outfile: 'schemas.js',
  });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url));
  mkdirSync(path.join(root, 'dist/schemas'), { recursive: true });
  for (const kind of ['playbook', 'cluster']) {
    writeFileSync(
      path.join(root, `dist/schemas/dataflow-runner-${kind}.schema.json`),
      JSON.stringify(mod.exports.dataflowRunnerJsonSchema(kind), null, 2) + '\n',
    );
  }
}
await writeDataflowRunnerSchemas();

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
