// What the Catalog view's parts share: the lazily loaded core bundle and the view's objects.
import type * as vscode from 'vscode';
import type { CatalogNode, CatalogTreeSource } from '../../core/catalog/catalogTree';
import type { TreeModel } from '../../core/explorer/treeModel';
import type { LazySource } from '../explorer/lazySource';
import type { ModelTreeProvider } from '../explorer/provider';

export type CatalogApi = typeof import('../../core/catalog/editorApi');
let api: Promise<CatalogApi> | undefined;
/** The core bundle with the Glue SDK (dist/engines/catalog.js), loaded on first use. */
export const catalogApi = (): Promise<CatalogApi> => (api ??= import('../../core/catalog/editorApi'));

export interface CatalogView {
  source: LazySource<CatalogNode, CatalogTreeSource>;
  model: TreeModel<CatalogNode>;
  provider: ModelTreeProvider<CatalogNode>;
  log: vscode.LogOutputChannel;
}
