// What the Clusters view's parts share: the lazily loaded core bundle and the view's objects.
import type * as vscode from 'vscode';
import type { ClustersNode, ClustersTreeSource } from '../../core/clusters/clustersTree';
import type { TreeModel } from '../../core/explorer/treeModel';
import type { ExplorerNode } from '../explorer/explorerNode';
import type { LazySource } from '../explorer/lazySource';
import type { ModelTreeProvider } from '../explorer/provider';

export type ClustersApi = typeof import('../../core/clusters/editorApi');
let api: Promise<ClustersApi> | undefined;
/** The core bundle with the SDK (dist/engines/clusters.js), loaded on first use. */
export const clustersApi = (): Promise<ClustersApi> => (api ??= import('../../core/clusters/editorApi'));

export interface ClustersView {
  source: LazySource<ClustersNode, ClustersTreeSource>;
  model: TreeModel<ClustersNode>;
  provider: ModelTreeProvider<ClustersNode>;
  treeView: vscode.TreeView<ExplorerNode>;
  log: vscode.LogOutputChannel;
}
