// The Clusters view: EMR and Redshift per AWS target (`dataWorkbench.aws.targets`), the core
// ClustersTreeSource through the shared TreeModel, welcome states (context key
// dataWorkbench.clusters.state), polling of changing clusters/steps while visible, and actions.
import * as vscode from 'vscode';
import type { ClustersNode, ClustersTreeSource } from '../../core/clusters/clustersTree';
import type { Poller } from '../../core/clusters/poller';
import { parseAwsTargets } from '../../core/clusters/targetsSetting';
import { TreeModel } from '../../core/explorer/treeModel';
import { BuiltinCommands, ContextKeys, ViewIds } from '../commands';
import { affectsSetting, setting } from '../config';
import type { ConnectionManager } from '../connections/manager';
import type { ExplorerNode, ItemNode } from '../explorer/explorerNode';
import { LazySource } from '../explorer/lazySource';
import { ModelTreeProvider } from '../explorer/provider';
import { registerClusterActions } from './actions';
import { clustersApi, type ClustersView } from './view';
import type { ClustersItemNode } from './clustersItemNode';
import { ColumnNode } from './columnNode';
import { DatabaseNode } from './databaseNode';
import { EmrClusterNode } from './emrClusterNode';
import { EmrDetailNode } from './emrDetailNode';
import { EmrFolderNode } from './emrFolderNode';
import { EmrStepLogNode } from './emrStepLogNode';
import { EmrStepNode } from './emrStepNode';
import { EmrStepsNode } from './emrStepsNode';
import { EmrTerminatedNode } from './emrTerminatedNode';
import { RedshiftFolderNode } from './redshiftFolderNode';
import { SchemaNode } from './schemaNode';
import { TableNode } from './tableNode';
import { TargetNode } from './targetNode';
import { WarehouseNode } from './warehouseNode';

function nodeFor(item: ClustersNode, key: string, hasChildren: boolean): ItemNode<ClustersNode> {
  const make = (C: new (item: ClustersNode, key: string, hasChildren: boolean) => ClustersItemNode): ClustersItemNode =>
    new C(item, key, hasChildren);
  switch (item.kind) {
    case 'target':
      return make(TargetNode);
    case 'emr':
      return make(EmrFolderNode);
    case 'emrTerminated':
      return make(EmrTerminatedNode);
    case 'emrCluster':
      return make(EmrClusterNode);
    case 'emrDetail':
      return make(EmrDetailNode);
    case 'emrSteps':
      return make(EmrStepsNode);
    case 'emrStep':
      return make(EmrStepNode);
    case 'emrStepLog':
      return make(EmrStepLogNode);
    case 'redshift':
      return make(RedshiftFolderNode);
    case 'warehouse':
      return make(WarehouseNode);
    case 'database':
      return make(DatabaseNode);
    case 'schema':
      return make(SchemaNode);
    case 'table':
      return make(TableNode);
    case 'column':
      return make(ColumnNode);
  }
}

export type WelcomeState = 'no-credentials' | 'access-denied' | 'empty' | 'tree';

/** The provider, which also decides the welcome state from the first-level listings and starts
 * a poller under a level whose items are still changing. */
class ClustersTreeProvider extends ModelTreeProvider<ClustersNode> {
  readonly pollers = new Map<string, Poller>();
  visible = false;

  constructor(
    private readonly clusterModel: TreeModel<ClustersNode>,
    private readonly source: LazySource<ClustersNode, ClustersTreeSource>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super(clusterModel, nodeFor);
  }

  override async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const children = await super.getChildren(node);
    if (!node) {
      const state = await this.welcomeState();
      void vscode.commands.executeCommand(BuiltinCommands.setContext, ContextKeys.clustersState, state);
      // A welcome state needs an empty tree for viewsWelcome to show.
      return state === 'tree' ? children : [];
    }
    await this.watch(node, children);
    return children;
  }

  /** Lists each target's EMR and Redshift (the first calls a user would make anyway): every
   * target failing the same way, or all empty, is a welcome state. */
  private async welcomeState(): Promise<WelcomeState> {
    const source = this.source.loaded;
    if (!source) return 'tree';
    const roots = await this.clusterModel.children();
    let anyItems = false;
    for (const root of roots) {
      if (root.kind !== 'item') continue;
      const folders = await this.clusterModel.children(root.item);
      for (const folder of folders) {
        if (folder.kind !== 'item') continue;
        const entries = await this.clusterModel.children(folder.item);
        if (entries.some((e) => e.kind === 'item' && e.item.kind !== 'emrTerminated')) anyItems = true;
      }
    }
    const kinds = source.targets.map((_, t) => source.rootErrors.get(t));
    if (kinds.length && kinds.every((k) => k === 'no-credentials')) return 'no-credentials';
    if (kinds.length && kinds.every((k) => k === 'access-denied' || k === 'no-credentials')) return 'access-denied';
    if (!anyItems && kinds.every((k) => k === undefined)) return 'empty';
    return 'tree';
  }

  /** Starts polling `node`'s children while some are changing and the view is visible. */
  private async watch(node: ExplorerNode, children: ExplorerNode[]): Promise<void> {
    const items = children.filter((c): c is ItemNode<ClustersNode> => 'item' in c);
    if (!items.length || !('item' in node)) return;
    const { isChanging, pollChildren } = await clustersApi();
    if (!items.some((c) => isChanging(c.item))) return;
    let poller = this.pollers.get(node.id);
    if (!poller) {
      poller = pollChildren(this.clusterModel, (node as ItemNode<ClustersNode>).item, {
        onError: (e) => this.log.warn(`Clusters: refresh of ${node.id} failed: ${e instanceof Error ? e.message : String(e)}`),
      });
      this.pollers.set(node.id, poller);
      this.log.debug(`Clusters: polling ${node.id} while its items change`);
    }
    if (poller.state === 'idle') poller.start();
    if (!this.visible) poller.pause();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    for (const p of this.pollers.values()) {
      if (visible) p.resume();
      else p.pause();
    }
  }

  stopPolling(): void {
    for (const p of this.pollers.values()) void p.stop();
    this.pollers.clear();
  }
}

export function registerClusters(context: vscode.ExtensionContext, connections: ConnectionManager, log: vscode.LogOutputChannel): void {
  const readTargets = (): ReturnType<typeof parseAwsTargets> => {
    const parsed = parseAwsTargets(setting('aws.targets'));
    for (const e of parsed.errors) log.warn(`AWS targets setting: ${e}`);
    return parsed;
  };
  const source = new LazySource<ClustersNode, ClustersTreeSource>(async () => {
    const { ClustersTreeSource } = await clustersApi();
    const { targets } = readTargets();
    log.info(`Clusters: ${targets.length} AWS target(s)`);
    return new ClustersTreeSource(targets);
  });
  const model = new TreeModel(source);
  const provider = new ClustersTreeProvider(model, source, log);
  const treeView = vscode.window.createTreeView(ViewIds.clusters, { treeDataProvider: provider, showCollapseAll: true });
  provider.setVisible(treeView.visible);
  const view: ClustersView = { source, model, provider, treeView, log };
  context.subscriptions.push(
    treeView,
    provider,
    treeView.onDidChangeVisibility((e) => provider.setVisible(e.visible)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affectsSetting(e, 'aws.targets')) return;
      provider.stopPolling();
      source.reset();
      model.refresh();
    }),
    {
      dispose: () => {
        provider.stopPolling();
        model.dispose();
        source.reset();
      },
    },
  );
  registerClusterActions(context, view, connections);
}
