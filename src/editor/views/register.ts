// The Data Workbench activity-bar views. Until an explorer fills a view, its empty tree lets the
// `viewsWelcome` text (package.json) explain what the view holds and how to connect.
import * as vscode from 'vscode';
import { ViewIds } from '../commands';

// The Clusters, Manifests and Catalog views have their own trees (src/editor/clusters, manifests, catalog).
const VIEW_IDS: readonly string[] = Object.values(ViewIds).filter(
  (id) => id !== ViewIds.manifests && id !== ViewIds.clusters && id !== ViewIds.catalog,
);

class EmptyTree implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }
  getChildren(): never[] {
    return [];
  }
}

/** Registers an empty tree for every view id in `ids` (explorers that register their own provider
 * should be removed from this list). */
export function registerViews(context: vscode.ExtensionContext, ids: readonly string[] = VIEW_IDS): void {
  for (const id of ids) context.subscriptions.push(vscode.window.createTreeView(id, { treeDataProvider: new EmptyTree() }));
}
