// The Manifests view: run, event and SQL manifests from the `dataWorkbench.manifests` setting as a
// tree (core ManifestTreeSource through the shared TreeModel), its welcome states (context key
// dataWorkbench.manifests.state) and its actions. The AWS SDK loads when the view first needs it.
import os from 'node:os';
import * as vscode from 'vscode';
import { TreeModel, type ChildPage, type TreeSource } from '../../core/explorer/treeModel';
import type { ManifestClients } from '../../core/manifests/clients';
import { parseManifestSettings, type ManifestSettings } from '../../core/manifests/settings';
import type { ManifestEnvironment, ManifestItem, ManifestTreeSource } from '../../core/manifests/treeSource';
import type { RootContext } from '../../core/manifests/treeText';
import { BuiltinCommands, ContextKeys, ViewIds } from '../commands';
import { affectsSetting, setting } from '../config';
import type { EngineCache } from '../connections/engines';
import type { ConnectionManager } from '../connections/manager';
import type { ExplorerNode } from '../explorer/explorerNode';
import { ModelTreeProvider } from '../explorer/provider';
import { registerManifestActions, STORAGE_CONFIG_SCHEME } from './actions';
import { EventConfigNode } from './eventConfigNode';
import { EventCountNode } from './eventCountNode';
import { EventItemNode } from './eventItemNode';
import { EventManifestNode } from './eventManifestNode';
import type { ManifestNode, RootContextOf } from './manifestNode';
import { RunFileNode } from './runFileNode';
import { RunFilesNode } from './runFilesNode';
import { RunGroupNode } from './runGroupNode';
import { RunManifestNode } from './runManifestNode';
import { RunNode } from './runNode';
import { SqlBatchNode } from './sqlBatchNode';
import { SqlGroupNode } from './sqlGroupNode';
import { SqlManifestNode } from './sqlManifestNode';
import { SqlQueryNode } from './sqlQueryNode';
import { TableMissingNode } from './tableMissingNode';
import { IgnoredItemsNode } from './ignoredItemsNode';

/** Builds the node of one item: one class per resource level. */
function nodeFor(item: ManifestItem, key: string, hasChildren: boolean, contextOf: RootContextOf): ManifestNode {
  switch (item.kind) {
    case 'runManifest':
      return new RunManifestNode(item, key, hasChildren, contextOf);
    case 'tableMissing':
      return new TableMissingNode(item, key, hasChildren, contextOf);
    case 'ignoredItems':
      return new IgnoredItemsNode(item, key, hasChildren, contextOf);
    case 'runGroup':
      return new RunGroupNode(item, key, hasChildren, contextOf);
    case 'run':
      return new RunNode(item, key, hasChildren, contextOf);
    case 'runFiles':
      return new RunFilesNode(item, key, hasChildren, contextOf);
    case 'runFile':
      return new RunFileNode(item, key, hasChildren, contextOf);
    case 'eventManifest':
      return new EventManifestNode(item, key, hasChildren, contextOf);
    case 'eventCount':
      return new EventCountNode(item, key, hasChildren, contextOf);
    case 'eventConfig':
      return new EventConfigNode(item, key, hasChildren, contextOf);
    case 'eventItem':
      return new EventItemNode(item, key, hasChildren, contextOf);
    case 'sqlManifest':
      return new SqlManifestNode(item, key, hasChildren, contextOf);
    case 'sqlGroup':
      return new SqlGroupNode(item, key, hasChildren, contextOf);
    case 'sqlBatch':
      return new SqlBatchNode(item, key, hasChildren, contextOf);
    case 'sqlQuery':
      return new SqlQueryNode(item, key, hasChildren, contextOf);
  }
}

/** The core source, loaded (with the AWS SDK, its own bundle dist/engines/manifests.js) on the
 * first listing. Items only exist once it is loaded, so `key`/`hasChildren` find it there. */
export class LazyManifestSource implements TreeSource<ManifestItem> {
  private loading?: Promise<ManifestTreeSource>;
  loaded?: ManifestTreeSource;

  constructor(
    private settings: ManifestSettings,
    private configured: boolean,
    private readonly env: ManifestEnvironment,
  ) {}

  load(): Promise<ManifestTreeSource> {
    this.loading ??= import('../../core/manifests/treeSource').then(
      (m) => (this.loaded = new m.ManifestTreeSource(this.settings, this.env, this.configured)),
    );
    return this.loading;
  }

  setSettings(settings: ManifestSettings, configured: boolean): void {
    this.settings = settings;
    this.configured = configured;
    this.loaded?.setSettings(settings, configured);
  }

  key(item: ManifestItem): string {
    return this.loaded!.key(item);
  }

  hasChildren(item: ManifestItem): boolean {
    return this.loaded!.hasChildren(item);
  }

  emptyText(parent: ManifestItem | undefined): string {
    return this.loaded?.emptyText(parent) ?? 'Nothing here';
  }

  async children(parent: ManifestItem | undefined, cursor: string | undefined, signal: AbortSignal): Promise<ChildPage<ManifestItem>> {
    return (await this.load()).children(parent, cursor, signal);
  }
}

/** The shared provider, also publishing why the view is empty for its welcome content. */
class ManifestTreeProvider extends ModelTreeProvider<ManifestItem> {
  constructor(
    model: TreeModel<ManifestItem>,
    private readonly source: LazyManifestSource,
    contextOf: RootContextOf,
  ) {
    super(model, (item, key, hasChildren) => nodeFor(item, key, hasChildren, contextOf));
  }

  override async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const children = await super.getChildren(node);
    if (node) return children;
    const state = this.source.loaded?.viewState;
    void vscode.commands.executeCommand(BuiltinCommands.setContext, ContextKeys.manifestsState, state ?? 'tree');
    // A welcome state needs an empty tree (not the shared "nothing here" row) for its page to show.
    return state ? [] : children;
  }
}

/** Everything the actions need about the view. */
export interface ManifestView {
  /** Loads the core source on first use (actions on nodes find it loaded). */
  source(): Promise<ManifestTreeSource>;
  model: TreeModel<ManifestItem>;
  provider: ModelTreeProvider<ManifestItem>;
  treeView: vscode.TreeView<ExplorerNode>;
  log: vscode.LogOutputChannel;
  /** The latest storage-config text per manifest id (masked), for the read-only document. */
  storageConfigs: Map<string, string>;
}

function readSettings(): { settings: ReturnType<typeof parseManifestSettings>; configured: boolean } {
  const raw = setting('manifests');
  return { settings: parseManifestSettings(raw), configured: raw !== undefined && raw !== null };
}

export function registerManifests(
  context: vscode.ExtensionContext,
  connections: ConnectionManager,
  engines: EngineCache,
  log: vscode.LogOutputChannel,
): void {
  const clientCache = new Map<string, Promise<ManifestClients>>();
  const disposeClients = (): void => {
    for (const c of clientCache.values())
      void c.then(
        (clients) => clients.dispose(),
        () => undefined,
      );
    clientCache.clear();
  };
  const initial = readSettings();
  for (const e of initial.settings.errors) log.warn(`Manifests setting: ${e}`);
  const source = new LazyManifestSource(initial.settings, initial.configured, {
    clients: (location) => {
      const key = JSON.stringify([location.region, location.profile, location.dynamodbEndpoint, location.s3Endpoint]);
      let clients = clientCache.get(key);
      if (!clients) {
        // The SDK modules load here, when a manifest is first opened (from the manifests bundle).
        clients = import('../../core/manifests/treeSource').then((m) => m.createManifestClients(location));
        clientCache.set(key, clients);
      }
      return clients;
    },
    engine: async (name, signal) => {
      const config = connections.find(name);
      if (!config) throw new Error(`No connection named "${name}" (known: ${connections.connections.map((c) => c.name).join(', ')})`);
      return engines.get(config, signal);
    },
    readWorkspaceFile: async (relativePath) => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) throw new Error('no workspace folder is open');
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, relativePath)));
    },
    user: os.userInfo().username || 'vscode',
  });
  const model = new TreeModel(source);
  const contextOf = (item: ManifestItem): RootContext => {
    const loaded = source.loaded;
    if (!loaded) return {};
    switch (item.kind) {
      case 'runManifest': {
        const failure = loaded.failure(item.setting.id),
          snapshot = loaded.snapshotOf(item.setting.id),
          runFilter = loaded.runFilter(item.setting.id);
        return { ...(failure ? { failure } : {}), ...(snapshot ? { snapshot } : {}), ...(runFilter ? { runFilter } : {}) };
      }
      case 'eventManifest': {
        const failure = loaded.failure(item.setting.id),
          eventFilter = loaded.eventFilter(item.setting.id);
        return { ...(failure ? { failure } : {}), ...(eventFilter ? { eventFilter } : {}) };
      }
      default:
        return {};
    }
  };
  const provider = new ManifestTreeProvider(model, source, contextOf);
  const treeView = vscode.window.createTreeView(ViewIds.manifests, {
    treeDataProvider: provider,
    canSelectMany: true,
    showCollapseAll: true,
  });
  const view: ManifestView = { source: () => source.load(), model, provider, treeView, log, storageConfigs: new Map() };
  context.subscriptions.push(
    provider,
    treeView,
    {
      dispose: () => {
        model.dispose();
        disposeClients();
      },
    },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affectsSetting(e, 'manifests')) return;
      const next = readSettings();
      for (const err of next.settings.errors) log.warn(`Manifests setting: ${err}`);
      disposeClients();
      source.setSettings(next.settings, next.configured);
      model.refresh();
    }),
    vscode.workspace.registerTextDocumentContentProvider(STORAGE_CONFIG_SCHEME, {
      provideTextDocumentContent: (uri) => view.storageConfigs.get(uri.path.replace(/^\//, '').replace(/\.json$/, '')) ?? '',
    }),
  );
  registerManifestActions(context, view);
}
