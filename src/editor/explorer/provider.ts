// The one TreeDataProvider every explorer uses: it maps the core TreeModel's entries to nodes
// (resource nodes from the view's `nodeFor`, and the shared error / empty / load-more nodes) and
// fires when the model reports a change. It holds no state of its own beyond node identity.
import * as vscode from 'vscode';
import { ROOT_KEY, type TreeModel } from '../../core/explorer/treeModel';
import { EmptyNode } from './emptyNode';
import { ErrorNode } from './errorNode';
import { ItemNode, type ExplorerNode } from './explorerNode';
import { LoadMoreNode } from './loadMoreNode';

export class ModelTreeProvider<T> implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The node VS Code holds for each key: change events must name that very object. */
  private readonly nodes = new Map<string, ExplorerNode>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly model: TreeModel<T>,
    /** Builds the node of one resource (one ItemNode subclass per resource level). */
    private readonly nodeFor: (item: T, key: string, hasChildren: boolean) => ItemNode<T>,
  ) {
    this.unsubscribe = model.onDidChange((parentKey) => this.changed.fire(parentKey === ROOT_KEY ? undefined : this.nodes.get(parentKey)));
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.treeItem();
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (node && !(node instanceof ItemNode)) return [];
    const entries = await this.model.children(node ? (node as ItemNode<T>).item : undefined);
    return entries.map((entry) => {
      let child: ExplorerNode;
      switch (entry.kind) {
        case 'item':
          child = this.nodeFor(entry.item, entry.key, entry.hasChildren);
          break;
        case 'error':
          child = new ErrorNode(entry.key, this.model, entry.parentKey, entry.message);
          break;
        case 'empty':
          child = new EmptyNode(entry.key, entry.text);
          break;
        case 'loadMore':
          child = new LoadMoreNode(entry.key, this.model, entry.parentKey);
          break;
      }
      this.nodes.set(entry.key, child);
      return child;
    });
  }

  /** Forgets the children of `node` (default: the whole tree) and shows them again. */
  refresh(node?: ExplorerNode): void {
    this.model.refresh(node ? node.id : ROOT_KEY);
  }

  dispose(): void {
    this.unsubscribe();
    this.changed.dispose();
  }
}
