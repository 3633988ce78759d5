// Entry point. Kept thin: each feature registers itself through one `register*` call, and heavy
// parts (DuckDB, pg, the AWS SDK) load lazily on first use so activation stays fast.
import * as vscode from 'vscode';
import { EngineCache } from './editor/connections/engines';
import { ConnectionManager } from './editor/connections/manager';
import { registerConnections } from './editor/connections/register';
import { registerLog } from './editor/log';
import { registerPlaybooks } from './editor/playbook/register';
import { registerQueries } from './editor/queries/register';
import { registerResults } from './editor/results/register';
import { registerSample } from './editor/sample/register';
import { registerSqlLanguage } from './editor/sqlLanguage/register';
import { registerTranslate } from './editor/translate/register';
import { registerViews } from './editor/views/register';
import { registerExplorerCommands } from './editor/explorer/register';
import { registerManifests } from './editor/manifests/register';
import { registerJobs } from './editor/jobs/register';
import { registerClusters } from './editor/clusters/register';
import { registerCatalog } from './editor/catalog/register';

let engines: EngineCache | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = Date.now();
  const log = registerLog(context);
  const connections = new ConnectionManager(context, log);
  // DW_SAMPLE_CACHE_DIR lets test workbenches (each with a fresh profile) share one sample cache.
  const cacheDir = process.env.DW_SAMPLE_CACHE_DIR ? vscode.Uri.file(process.env.DW_SAMPLE_CACHE_DIR) : context.globalStorageUri;
  engines = new EngineCache(connections, cacheDir, log);
  context.subscriptions.push(connections, engines);

  const presenter = registerResults(context, log);
  registerConnections(context, connections, engines, log);
  const queries = registerQueries(context, connections, engines, () => presenter, log);
  registerSample(context, connections, engines, log);
  registerViews(context);
  registerTranslate(context, log);
  registerExplorerCommands(context);
  registerPlaybooks(context, log);
  registerSqlLanguage(context, connections, engines, log, queries.onDidRunStatement);
  registerManifests(context, connections, engines, log);
  registerJobs(context, log);
  registerClusters(context, connections, log);
  registerCatalog(context, connections, engines, log);

  log.info(`Data Workbench activated in ${Date.now() - started} ms`);
}

export async function deactivate(): Promise<void> {
  // Close sockets and native DuckDB handles before the extension host goes away.
  await engines?.disposeAll();
  engines = undefined;
}
